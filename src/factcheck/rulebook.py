"""Rule files: load, validate and select the rules that drive the check kinds.

Rules are data (``rules/<family>/<CODE>.toml``, schema in ``rules/README.md``); check kinds are
code (``factcheck.checks``). ``load_rules`` reads the built-in rules plus any ``--rules DIR``,
validates every file strictly (an unknown key, a wrong type or a bad regex is a
``RuleFileError`` naming the file and line, with a "did you mean" where a known key is close),
applies the user's severity and parameter overrides, and keeps the selected rules.

>>> parse_selectors(["NU,SU01", " OR "])
('NU', 'SU01', 'OR')
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
import tomllib
import types
import typing
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from string import Formatter
from typing import Any

from rapidfuzz import fuzz, process

from factcheck.errors import ConfigError, FactcheckError, RuleFileError
from factcheck.lexicon import Lexicon, load_lexicon
from factcheck.model import Evidence, Finding, Severity
from factcheck.resources import builtin_rules_dir

TOP_KEYS = ("code", "name", "summary", "check", "severity", "status", "message", "aliases", "match",
            "params", "doc")
REQUIRED_KEYS = ("code", "name", "summary", "check", "severity", "message", "doc")
DOC_KEYS = ("what", "why", "bad", "good", "notes")
REQUIRED_DOC_KEYS = ("what", "why")
SEVERITIES = ("error", "warning", "info")
STATUSES = ("stable", "preview")
LEXICON_DIR = "lexicon"

CODE_RE = re.compile(r"^(?P<family>[A-Z]{1,4})(?P<number>[0-9]{2,4})$")
NAME_RE = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
EXAMPLE_KEY_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.#-]*$")
REGEX_PARAM_RE = re.compile(r"^(?:.*_)?(?:pattern|regex)(?:e?s)?$")
_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")

_EMPTY: Mapping[str, Any] = types.MappingProxyType({})
CODE_CUTOFF = 70  # fuzzy-match threshold for rule codes, names and finding ids


# --------------------------------------------------------------------------------------------
# Records


@dataclass(frozen=True, slots=True)
class RuleDoc:
    """The documentation sections of a rule (ruff's What it does / Why is this bad / Example).

    ``bad`` and ``good`` map a document id (conventionally a language tag: ``zh``, ``en``,
    ``zh-Hans``, or ``en-2023`` for a second English release) to the full text of that example
    release. The tests run them: ``bad`` must trigger the rule and ``good`` must not.
    """

    what: str
    why: str
    bad: Mapping[str, str] = field(default_factory=lambda: _EMPTY)
    good: Mapping[str, str] = field(default_factory=lambda: _EMPTY)
    notes: str = ""


@dataclass(frozen=True, slots=True)
class Rule:
    """One validated rule file. ``params`` is an instance of the check kind's ``params`` class;
    ``match`` is the kind's match defaults overlaid with the file's ``[match]`` table."""

    code: str
    name: str
    summary: str
    check: str
    severity: Severity
    status: str
    message: str
    aliases: tuple[str, ...]
    match: Mapping[str, Any] = field(compare=False)
    params: Any
    doc: RuleDoc = field(compare=False)
    path: str
    # True when the user's configuration set the severity: every finding of the rule then takes
    # it, even where the check grades its findings itself.
    severity_forced: bool = False

    @property
    def preview(self) -> bool:
        """Preview rules are reported but never fail the gate."""
        return self.status == "preview"

    @property
    def family(self) -> str:
        """The letters of the code: ``NU01`` -> ``NU``."""
        match = CODE_RE.match(self.code)
        return match.group("family") if match else self.code

    def format_message(self, slots: Mapping[str, object]) -> str:
        """Fill the rule's message template; a slot the check did not provide stays visible.

        >>> rule = _example_rule(message="{a_quote} vs {b_quote}")
        >>> rule.format_message({"a_quote": "約150個", "b_quote": "148 projects"})
        '約150個 vs 148 projects'
        >>> rule.format_message({"a_quote": "約150個"})
        '約150個 vs {b_quote}'
        """
        return self.message.format_map(_Slots({k: str(v) for k, v in slots.items()}))

    def make_finding(self, *, slots: Mapping[str, object], subject: str, metric: str,
                     evidence: Iterable[Evidence], key: str, severity: Severity | None = None) -> Finding:
        """A ``Finding`` of this rule (the engine fills ``id`` from ``key``).

        ``key`` is the finding's identity: normalised subject, metric, scope and values, never
        offsets, so the same discrepancy keeps its id when a release is edited elsewhere.
        """
        return Finding(
            rule=self.code,
            name=self.name,
            severity=severity if severity is not None else self.severity,
            message=self.format_message(slots),
            subject=subject,
            metric=metric,
            evidence=tuple(evidence),
            preview=self.preview,
            key=key,
        )


class _Slots(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


@dataclass(frozen=True, slots=True)
class RuleSet:
    """The rules to run (sorted by code), the lexicon the extractors and aligner use, and a
    ``version`` that changes whenever a rule or lexicon file changes."""

    rules: tuple[Rule, ...]
    lexicon: Lexicon
    version: str
    dirs: tuple[Path, ...] = ()

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.rules)

    def __len__(self) -> int:
        return len(self.rules)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(rule.code for rule in self.rules)

    def get(self, selector: str) -> Rule | None:
        """The rule with this code, name or alias (case-insensitive), if it is in the set."""
        wanted = selector.strip().casefold()
        for rule in self.rules:
            if wanted in {rule.code.casefold(), rule.name.casefold(), *(a.casefold() for a in rule.aliases)}:
                return rule
        return None


# --------------------------------------------------------------------------------------------
# Small pure helpers


def suggest(word: str, choices: Iterable[str], *, cutoff: float = 80) -> str | None:
    """The closest choice when it is close enough to be a likely typo.

    >>> suggest("precison", ["precision", "tolerance_rel"])
    'precision'
    >>> suggest("容差", ["容許差", "tolerance"])
    '容許差'
    >>> suggest("colour", ["precision"]) is None
    True
    """
    pool = sorted(set(choices))
    if not pool:
        return None
    found = process.extractOne(word, pool, scorer=fuzz.ratio, score_cutoff=cutoff)
    return found[0] if found else None


def did_you_mean(word: str, choices: Iterable[str], *, cutoff: float = 80) -> str | None:
    """The hint text for an unknown word, or ``None``. Rule codes are short, so callers that
    suggest codes pass a lower ``cutoff`` (one wrong character in ``NU01`` scores 75).

    >>> did_you_mean("severty", ["severity", "status"])
    "did you mean 'severity'?"
    >>> did_you_mean("NU10", ["NU01", "SU01"], cutoff=CODE_CUTOFF)
    "did you mean 'NU01'?"
    """
    close = suggest(word, choices, cutoff=cutoff)
    return f"did you mean {close!r}?" if close else None


def find_line(text: str, key: str, table: str | None = None) -> int | None:
    """The 1-based line that defines ``key`` (inside ``[table]`` when given), Vale-style: the
    first line that assigns it, else the first line that mentions it at all.

    >>> toml = 'code = "NU01"\\n[params]\\nprecison = "stated"\\n'
    >>> find_line(toml, "precison", "params"), find_line(toml, "code"), find_line(toml, "nope")
    (3, 1, None)
    >>> find_line('[doc]\\nwhat = "x"\\n[doc.bad]\\nzh = "營收"\\n', "zh", "doc.bad")
    4
    """
    lines = text.splitlines()
    quoted_key = rf"(?:{re.escape(key)}|\"{re.escape(key)}\"|'{re.escape(key)}')"
    assign = re.compile(rf"^\s*{quoted_key}\s*(?:=|\.)")
    header = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")
    current: str | None = None
    for number, line in enumerate(lines, 1):
        head = header.match(line)
        if head:
            current = re.sub(r"\s*\.\s*", ".", head.group(1)).replace('"', "").replace("'", "")
            wanted = f"{table}.{key}" if table else key
            if current == wanted:
                return number
            continue
        if current == table and assign.match(line):
            return number
        if table and re.match(rf"^\s*{re.escape(table)}\s*\.\s*{quoted_key}\s*=", line):
            return number
    for number, line in enumerate(lines, 1):
        if key in line:
            return number
    return None


def parse_selectors(values: Iterable[str] | None) -> tuple[str, ...]:
    """Split comma-separated selector options the way ruff's ``--select A,B`` does."""
    out: list[str] = []
    for value in values or ():
        out.extend(part.strip() for part in str(value).split(",") if part.strip())
    return tuple(out)


def toml_type(value: Any) -> str:
    """The TOML name of a decoded value's type, for error messages.

    >>> toml_type(1.5), toml_type(True), toml_type([1]), toml_type({})
    ('float', 'boolean', 'array', 'table')
    """
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "float"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list | tuple):
        return "array"
    if isinstance(value, dict):
        return "table"
    return type(value).__name__


class _Invalid(Exception):
    """A schema error inside one file; the caller adds the path and line."""

    def __init__(self, key: str | None, message: str, *, hint: str | None = None,
                 table: str | None = None) -> None:
        super().__init__(message)
        self.key = key
        self.message = message
        self.hint = hint
        self.table = table

    @property
    def shown_key(self) -> str | None:
        if self.key is None:
            return None
        return f"[{self.table}] {self.key}" if self.table else self.key


def _raise_in_file(path: Path | str, text: str, err: _Invalid, *, error: type[RuleFileError] = RuleFileError,
                   line: int | None = None) -> typing.NoReturn:
    if line is None and err.key is not None:
        line = find_line(text, err.key, err.table)
    raise error(str(path), err.message, line=line, key=err.shown_key, hint=err.hint) from None


def read_toml(path: Path, *, error: type[RuleFileError] = RuleFileError) -> tuple[dict[str, Any], str]:
    """Parse a TOML file; unreadable files and syntax errors name the file and line."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise error(str(path), f"cannot read: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise error(str(path), f"not UTF-8 text (byte {exc.start})") from None
    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        position = _TOML_POSITION.search(message)
        line = int(position.group(1)) if position else None
        if position:
            message = f"{message[: position.start()]} (column {position.group(2)})"
        elif message.endswith("(at end of document)"):
            line = max(1, len(text.splitlines()))
            message = message.removesuffix(" (at end of document)") + " (at the end of the file)"
        raise error(str(path), f"invalid TOML: {message}", line=line) from None


# --------------------------------------------------------------------------------------------
# Decoding [params] and [match]


def _check_kinds() -> Mapping[str, Any]:
    from factcheck.checks import CHECKS  # imported late: check modules may import this module

    return CHECKS


def coerce(value: Any, annotation: Any) -> Any:
    """Check a decoded TOML value against a type annotation and convert it (arrays become
    tuples, integers widen to float). Raises ``TypeError`` naming what was expected.

    >>> coerce(3, float), coerce(["a", "b"], tuple[str, ...]), coerce("exact", typing.Literal["exact", "stated"])
    (3.0, ('a', 'b'), 'exact')
    >>> coerce(True, int)
    Traceback (most recent call last):
    TypeError: expected an integer, got boolean True
    """
    if annotation is Any or annotation is object:
        return value
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Literal:
        if value in args and type(value) in {type(a) for a in args}:
            return value
        raise TypeError(f"expected one of {', '.join(repr(a) for a in args)}, got {value!r}")
    if origin in (typing.Union, types.UnionType):
        errors = []
        for arm in args:
            if arm is type(None):
                continue
            try:
                return coerce(value, arm)
            except TypeError as exc:
                errors.append(str(exc).removeprefix("expected "))
        raise TypeError("expected " + " or ".join(errors))
    if annotation is bool:
        if isinstance(value, bool):
            return value
        raise TypeError(f"expected true or false, got {toml_type(value)} {value!r}")
    if annotation is int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        raise TypeError(f"expected an integer, got {toml_type(value)} {value!r}")
    if annotation is float:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return float(value)
        raise TypeError(f"expected a number, got {toml_type(value)} {value!r}")
    if annotation is str:
        if isinstance(value, str):
            return value
        raise TypeError(f"expected a string, got {toml_type(value)} {value!r}")
    sequence_types = (list, tuple, set, frozenset, Sequence, typing.Sequence)
    if annotation in sequence_types or origin in sequence_types:
        if not isinstance(value, list | tuple):
            raise TypeError(f"expected an array, got {toml_type(value)} {value!r}")
        item = args[0] if args else Any
        items = [coerce(v, item) for v in value]
        if origin is list or annotation is list:
            return items
        if origin in (set, frozenset) or annotation in (set, frozenset):
            return frozenset(items)
        return tuple(items)
    mapping_types = (dict, Mapping, typing.Mapping)
    if annotation in mapping_types or origin in mapping_types:
        if not isinstance(value, dict):
            raise TypeError(f"expected a table, got {toml_type(value)} {value!r}")
        item = args[1] if len(args) == 2 else Any
        return types.MappingProxyType({str(k): coerce(v, item) for k, v in value.items()})
    if isinstance(annotation, type) and not isinstance(value, annotation):
        raise TypeError(f"expected {annotation.__name__}, got {toml_type(value)} {value!r}")
    return value


def _compile_patterns(name: str, value: Any, table: str) -> None:
    if not REGEX_PARAM_RE.match(name):
        return
    for pattern in value if isinstance(value, list | tuple | frozenset) else [value]:
        if not isinstance(pattern, str):
            continue
        try:
            re.compile(pattern)
        except re.error as exc:
            where = f" at position {exc.pos}" if exc.pos is not None else ""
            raise _Invalid(name, f"invalid regular expression {pattern!r}: {exc.msg}{where}",
                           table=table) from None


def decode_params(params_class: Any, raw: Mapping[str, Any], *, table: str = "params") -> Any:
    """Build the check kind's params dataclass from a ``[params]`` table, rejecting unknown keys
    and values of the wrong type."""
    if params_class is None or not dataclasses.is_dataclass(params_class):
        if raw:
            key = next(iter(raw))
            raise _Invalid(key, "unknown key (this check kind takes no parameters)", table=table)
        return None
    fields = {f.name: f for f in dataclasses.fields(params_class) if f.init}
    hints = typing.get_type_hints(params_class)
    values: dict[str, Any] = {}
    for name, value in raw.items():
        if name not in fields:
            hint = did_you_mean(name, fields) or f"known keys: {', '.join(sorted(fields)) or '(none)'}"
            raise _Invalid(name, "unknown key", hint=hint, table=table)
        try:
            values[name] = coerce(value, hints.get(name, Any))
        except TypeError as exc:
            raise _Invalid(name, str(exc), table=table) from None
        _compile_patterns(name, values[name], table)
    missing = [n for n, f in fields.items() if n not in values and f.default is dataclasses.MISSING
               and f.default_factory is dataclasses.MISSING]
    if missing:
        raise _Invalid(None, f"[{table}] is missing {', '.join(missing)}")
    return params_class(**values)


def decode_match(defaults: Mapping[str, Any], raw: Mapping[str, Any]) -> Mapping[str, Any]:
    """Overlay a ``[match]`` table on the kind's defaults; keys and value types must be known.

    >>> dict(decode_match({"across": "documents", "markers": ()}, {"markers": ["共", "total"]}))
    {'across': 'documents', 'markers': ('共', 'total')}
    """
    out = dict(defaults)
    for name, value in raw.items():
        if name not in defaults:
            hint = did_you_mean(name, defaults) or f"known keys: {', '.join(sorted(defaults)) or '(none)'}"
            raise _Invalid(name, "unknown key", hint=hint, table="match")
        default = defaults[name]
        annotation = Any if default is None else type(default)
        if isinstance(default, list | tuple):
            annotation = tuple[Any, ...]
        elif isinstance(default, dict | types.MappingProxyType):
            annotation = Mapping[str, Any]
        try:
            out[name] = coerce(value, annotation)
        except TypeError as exc:
            raise _Invalid(name, str(exc), table="match") from None
        _compile_patterns(name, out[name], "match")
    return types.MappingProxyType(out)


def check_template(message: str, slots: Sequence[str]) -> None:
    """A message template may use only the kind's slots, by plain name.

    >>> check_template("{a_quote} but {b_quote}", ["a_quote", "b_quote"])
    >>> check_template("{a_qoute}", ["a_quote"])
    Traceback (most recent call last):
    factcheck.rulebook._Invalid: unknown slot {a_qoute}
    """
    try:
        parsed = list(Formatter().parse(message))
    except ValueError as exc:
        raise _Invalid("message", f"invalid template: {exc}") from None
    for _, name, _, _ in parsed:
        if name is None:
            continue
        if name == "" or name.isdigit():
            raise _Invalid("message", "positional slots ({} or {0}) are not allowed; name the slot")
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise _Invalid("message", f"slot {{{name}}}: only plain names, no attribute access or indexing")
        if slots and name not in slots:
            hint = did_you_mean(name, slots) or f"this check kind fills: {', '.join(slots)}"
            raise _Invalid("message", f"unknown slot {{{name}}}", hint=hint)


# --------------------------------------------------------------------------------------------
# One rule file


def load_rule_file(path: Path) -> Rule:
    """Read and validate one rule file."""
    return _load_rule_file(path)[0]


def _load_rule_file(path: Path) -> tuple[Rule, dict[str, Any]]:
    data, text = read_toml(path)
    try:
        rule, raw_params = _decode_rule(data, path)
    except _Invalid as err:
        _raise_in_file(path, text, err)
    return rule, raw_params


def _expect(data: Mapping[str, Any], key: str, kind: type, *, table: str | None = None) -> Any:
    value = data[key]
    if not isinstance(value, kind) or (kind is not bool and isinstance(value, bool)):
        wanted = {str: "a string", list: "an array", dict: "a table"}.get(kind, kind.__name__)
        raise _Invalid(key, f"expected {wanted}, got {toml_type(value)}", table=table)
    return value


def _decode_rule(data: dict[str, Any], path: Path) -> tuple[Rule, dict[str, Any]]:
    for key in data:
        if key not in TOP_KEYS:
            hint = did_you_mean(key, TOP_KEYS) or f"known keys: {', '.join(TOP_KEYS)}"
            raise _Invalid(key, "unknown key", hint=hint)
    for key in REQUIRED_KEYS:
        if key not in data:
            raise _Invalid(None, f"missing required key {key!r}")
    for key in ("code", "name", "summary", "check", "severity", "status", "message"):
        if key in data:
            _expect(data, key, str)
            if not data[key].strip():
                raise _Invalid(key, "must not be empty")

    code = data["code"]
    if not CODE_RE.match(code):
        raise _Invalid("code", f"{code!r} is not a rule code (letters then digits, such as NU01)")
    if code != path.stem:
        raise _Invalid("code", f"{code!r} does not match the file name {path.name!r}",
                       hint=f"rename the file to {code}.toml or set code = {path.stem!r}")
    name = data["name"]
    if not NAME_RE.match(name):
        raise _Invalid("name", f"{name!r} is not kebab-case (lower-case words joined by '-')")

    kinds = _check_kinds()
    check = data["check"]
    if check not in kinds:
        hint = did_you_mean(check, kinds) or (
            f"known kinds: {', '.join(sorted(kinds))}" if kinds else "no check kinds are registered")
        raise _Invalid("check", f"unknown check kind {check!r}", hint=hint)
    kind = kinds[check]

    severity = data["severity"]
    if severity not in SEVERITIES:
        raise _Invalid("severity", f"unknown severity {severity!r}",
                       hint=did_you_mean(severity, SEVERITIES) or f"use one of {', '.join(SEVERITIES)}")
    status = data.get("status", "stable")
    if status not in STATUSES:
        raise _Invalid("status", f"unknown status {status!r}",
                       hint=did_you_mean(status, STATUSES) or f"use one of {', '.join(STATUSES)}")

    aliases = tuple(_expect(data, "aliases", list) if "aliases" in data else ())
    for alias in aliases:
        if not isinstance(alias, str) or not alias.strip():
            raise _Invalid("aliases", "every alias must be a non-empty string")

    message = data["message"]
    check_template(message, tuple(getattr(kind, "slots", ()) or ()))

    raw_match = _expect(data, "match", dict) if "match" in data else {}
    match = decode_match(getattr(kind, "match", None) or {}, raw_match)
    raw_params = _expect(data, "params", dict) if "params" in data else {}
    params = decode_params(kind.params, raw_params)
    doc = _decode_doc(_expect(data, "doc", dict))

    rule = Rule(
        code=code,
        name=name,
        summary=data["summary"].strip(),
        check=check,
        severity=Severity.parse(severity),
        status=status,
        message=message,
        aliases=aliases,
        match=match,
        params=params,
        doc=doc,
        path=str(path),
    )
    return rule, dict(raw_params)


def _decode_doc(raw: Mapping[str, Any]) -> RuleDoc:
    for key in raw:
        if key not in DOC_KEYS:
            hint = did_you_mean(key, DOC_KEYS) or f"known keys: {', '.join(DOC_KEYS)}"
            raise _Invalid(key, "unknown key", hint=hint, table="doc")
    for key in REQUIRED_DOC_KEYS:
        if key not in raw:
            raise _Invalid(None, f"[doc] is missing {key!r}")
    texts = {}
    for key in ("what", "why", "notes"):
        if key in raw:
            texts[key] = _expect(raw, key, str, table="doc").strip()
            if not texts[key]:
                raise _Invalid(key, "must not be empty", table="doc")
    examples = {}
    for key in ("bad", "good"):
        if key not in raw:
            continue
        table = _expect(raw, key, dict, table="doc")
        if not table:
            raise _Invalid(key, "needs at least one example document", table="doc")
        for doc_id, text in table.items():
            if not EXAMPLE_KEY_RE.match(doc_id):
                raise _Invalid(doc_id, "example keys are document ids such as zh, en, zh-Hans, en-2023",
                               table=f"doc.{key}")
            if not isinstance(text, str) or not text.strip():
                raise _Invalid(doc_id, "expected the non-empty text of an example release", table=f"doc.{key}")
        examples[key] = types.MappingProxyType(dict(table))
    return RuleDoc(
        what=texts["what"],
        why=texts["why"],
        bad=examples.get("bad", _EMPTY),
        good=examples.get("good", _EMPTY),
        notes=texts.get("notes", ""),
    )


# --------------------------------------------------------------------------------------------
# The rule set


def rule_files(directory: Path) -> list[Path]:
    """The rule files of one folder: every ``*.toml`` below it except ``lexicon/`` and hidden
    folders, sorted."""
    found = []
    for path in directory.rglob("*.toml"):
        parts = path.relative_to(directory).parts
        if parts[0] == LEXICON_DIR or any(p.startswith(".") for p in parts):
            continue
        if path.is_file():
            found.append(path)
    return sorted(found)


def lexicon_files(directory: Path) -> list[Path]:
    return sorted(p for p in (directory / LEXICON_DIR).glob("*.toml") if p.is_file())


def _resolve_dirs(dirs: Sequence[Path | str] | None, *, builtin: bool) -> list[Path]:
    candidates = [builtin_rules_dir()] if builtin else []
    candidates += [Path(d) for d in dirs or ()]
    out: list[Path] = []
    seen: set[Path] = set()
    for directory in candidates:
        if not directory.is_dir():
            msg = f"rule folder {str(directory)!r} does not exist" if not directory.exists() else \
                f"{str(directory)!r} is not a folder"
            raise FactcheckError(msg)
        resolved = directory.resolve()
        if resolved not in seen:
            seen.add(resolved)
            out.append(directory)
    return out


def fingerprint_files(files: Sequence[tuple[Path, Path]]) -> str:
    """A short hash over the bytes of (folder, file) pairs, each named relative to its folder."""
    digest = hashlib.sha256()
    for directory, path in files:
        digest.update(path.relative_to(directory).as_posix().encode("utf-8") + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def load_rules(
    dirs: Sequence[Path | str] | None = None,
    *,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    severity: Mapping[str, str] | None = None,
    params: Mapping[str, Mapping[str, Any]] | None = None,
    config_path: Path | str | None = None,
    builtin: bool = True,
) -> RuleSet:
    """Load the built-in rules plus the rules in ``dirs`` and keep the selected ones.

    ``select``/``ignore`` take codes, code prefixes (``NU``), names and aliases, as ruff does;
    ``ignore`` wins. ``severity`` maps a rule to ``error``/``warning``/``info``/``off``;
    ``params`` maps a rule to parameter overrides (validated like the file's ``[params]``).
    ``config_path`` names the file those overrides came from, so that errors point into it.
    """
    directories = _resolve_dirs(dirs, builtin=builtin)
    loaded: dict[str, tuple[Rule, dict[str, Any]]] = {}
    seen_files: set[Path] = set()
    files: list[tuple[Path, Path]] = []
    for directory in directories:
        for path in rule_files(directory):
            if path.resolve() in seen_files:
                continue
            seen_files.add(path.resolve())
            files.append((directory, path))
            rule, raw = _load_rule_file(path)
            if rule.code in loaded:
                other = loaded[rule.code][0].path
                raise RuleFileError(str(path), f"rule {rule.code} is already defined in {other}",
                                    line=find_line(path.read_text(encoding="utf-8-sig"), "code"), key="code")
            loaded[rule.code] = (rule, raw)
    _check_names(list(r for r, _ in loaded.values()))

    lexicons = [(d, p) for d in directories for p in lexicon_files(d)]
    lexicon = load_lexicon([p for _, p in lexicons])
    version = fingerprint_files(files + lexicons)

    overrides = _Overrides(config_path)
    rules = [overrides.apply(rule, raw, severity or {}, params or {}) for rule, raw in loaded.values()]
    overrides.check_unknown(list(r for r, _ in loaded.values()), severity or {}, params or {})
    rules = [r for r in rules if r is not None]
    chosen = _select(rules, [r for r, _ in loaded.values()], select, ignore, overrides)
    return RuleSet(tuple(sorted(chosen, key=lambda r: r.code)), lexicon, version, tuple(directories))


def _check_names(rules: Sequence[Rule]) -> None:
    owners: dict[str, Rule] = {}
    for rule in sorted(rules, key=lambda r: r.path):
        for label, value in [("name", rule.name), *(("aliases", a) for a in rule.aliases)]:
            key = value.casefold()
            other = owners.get(key)
            if other is not None and other is not rule:
                text = Path(rule.path).read_text(encoding="utf-8-sig")
                raise RuleFileError(rule.path, f"{value!r} is already used by {other.code} ({other.path})",
                                    line=find_line(text, label), key=label)
            owners[key] = rule
    codes = {r.code.casefold(): r for r in rules}
    for rule in rules:
        for alias in rule.aliases:
            other = codes.get(alias.casefold())
            if other is not None and other is not rule:
                text = Path(rule.path).read_text(encoding="utf-8-sig")
                raise RuleFileError(rule.path, f"alias {alias!r} is the code of {other.code} ({other.path})",
                                    line=find_line(text, "aliases"), key="aliases")


class _Overrides:
    """Applies [severity] and [params.<CODE>] overrides; errors point into the config file."""

    def __init__(self, config_path: Path | str | None) -> None:
        self.path = Path(config_path) if config_path else None
        self._text: str | None = None

    def fail(self, message: str, *, key: str | None = None, table: str | None = None,
             hint: str | None = None) -> typing.NoReturn:
        if self.path is not None:
            if self._text is None:
                try:
                    self._text = self.path.read_text(encoding="utf-8-sig")
                except OSError:
                    self._text = ""
            line = find_line(self._text, key, table) if key else None
            shown = f"[{table}] {key}" if table and key else key
            raise ConfigError(str(self.path), message, line=line, key=shown, hint=hint)
        text = f"{table + ' ' if table else ''}{key + ': ' if key else ''}{message}"
        raise FactcheckError(f"{text}; {hint}" if hint else text)

    def apply(self, rule: Rule, raw: dict[str, Any], severity: Mapping[str, str],
              params: Mapping[str, Mapping[str, Any]]) -> Rule | None:
        level = _lookup(rule, severity)
        if level is not None:
            key, value = level
            if not isinstance(value, str) or value not in (*SEVERITIES, "off"):
                self.fail(f"unknown severity {value!r}", key=key, table="severity",
                          hint=did_you_mean(str(value), (*SEVERITIES, "off"))
                          or "use error, warning, info or off")
            if value == "off":
                return None
            rule = dataclasses.replace(rule, severity=Severity.parse(value), severity_forced=True)
        found = _lookup(rule, params)
        if found is not None:
            key, override = found
            if not isinstance(override, Mapping):
                self.fail(f"expected a table of parameters, got {toml_type(override)}", key=key, table="params")
            kind = _check_kinds()[rule.check]
            try:
                decoded = decode_params(kind.params, {**raw, **override})
            except _Invalid as err:
                self.fail(err.message, key=err.key, table=f"params.{key}", hint=err.hint)
            rule = dataclasses.replace(rule, params=decoded)
        return rule

    def check_unknown(self, rules: Sequence[Rule], severity: Mapping[str, str],
                      params: Mapping[str, Mapping[str, Any]]) -> None:
        known = _selector_pool(rules, prefixes=False)
        for table, overrides in (("severity", severity), ("params", params)):
            for key in overrides:
                if not any(_lookup(rule, {key: None}) for rule in rules):
                    self.fail(f"no rule {key!r}", key=key, table=table,
                              hint=did_you_mean(key, known, cutoff=CODE_CUTOFF) or "see `factcheck rules`")


def _lookup(rule: Rule, table: Mapping[str, Any]) -> tuple[str, Any] | None:
    names = {rule.code.casefold(), rule.name.casefold(), *(a.casefold() for a in rule.aliases)}
    for key, value in table.items():
        if key.strip().casefold() in names:
            return key, value
    return None


def _selector_pool(rules: Sequence[Rule], *, prefixes: bool = True) -> set[str]:
    pool: set[str] = set()
    for rule in rules:
        pool |= {rule.code, rule.name, *rule.aliases}
        if prefixes:
            pool.add(rule.family)
    return pool


def matches_selector(rule: Rule, selector: str) -> bool:
    """Does a ``--select``/``--ignore`` value name this rule? Codes and code prefixes
    (case-insensitive), names and aliases; ``ALL`` names every rule.

    >>> rule = _example_rule()
    >>> [matches_selector(rule, s) for s in ("NU01", "nu", "NU0", "quantity-interval-contradiction", "SU")]
    [True, True, True, True, False]
    """
    wanted = selector.strip().casefold()
    if wanted == "all":
        return True
    if rule.code.casefold().startswith(wanted) and re.fullmatch(r"[a-z]+[0-9]*", wanted):
        return True
    return wanted in {rule.name.casefold(), *(a.casefold() for a in rule.aliases)}


def _select(rules: Sequence[Rule], every_rule: Sequence[Rule], select: Iterable[str] | None,
            ignore: Iterable[str] | None, overrides: _Overrides) -> list[Rule]:
    select = parse_selectors(select) if select is not None else None
    ignore = parse_selectors(ignore)
    pool = _selector_pool(every_rule)
    for table, selectors in (("select", select or ()), ("ignore", ignore)):
        for selector in selectors:
            if not any(matches_selector(rule, selector) for rule in every_rule):
                hint = (did_you_mean(selector, pool, cutoff=CODE_CUTOFF)
                        or "see `factcheck rules` for the codes and names")
                if overrides.path is not None and selector in (overrides._text or _read(overrides.path)):
                    overrides.fail(f"unknown rule selector {selector!r}", key=table, hint=hint)
                raise FactcheckError(f"--{table} {selector}: unknown rule selector; {hint}")
    chosen = [r for r in rules if select is None or any(matches_selector(r, s) for s in select)]
    return [r for r in chosen if not any(matches_selector(r, s) for s in ignore)]


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except OSError:
        return ""


def _example_rule(**changes: Any) -> Rule:
    """A rule for doctests."""
    rule = Rule(
        code="NU01", name="quantity-interval-contradiction", summary="Values that cannot both be true.",
        check="interval", severity=Severity.ERROR, status="stable", message="{a_quote} vs {b_quote}",
        aliases=(), match=_EMPTY, params=None, doc=RuleDoc("what", "why"), path="rules/numbers/NU01.toml",
    )
    return dataclasses.replace(rule, **changes)
