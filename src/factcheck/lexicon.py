"""Lexicons: the vocabularies in ``rules/lexicon/*.toml`` that align claims across languages.

Each file has a fixed name and shape (documented at the top of each built-in file):

- ``metrics.toml``: counted nouns -> metric id (``項目`` / ``projects`` -> ``projects``);
- ``titles.toml``: titles one person holds (``政府資訊科技總監`` / ``Government Chief Information Officer``);
- ``series.toml``: event series (``創客中國…香港分站賽`` / ``MiCHK``), as regular expressions;
- ``orgs.toml``: organisations and all their names;
- ``surnames.toml``: Chinese surnames and their Hong Kong romanisations;
- ``ranks.toml``: award ranks (``冠軍`` / ``Champion`` -> 1);
- ``cues.toml``: cue words the extractors look for (part markers, speech verbs, ...).

Files with the same name in several rule folders merge: a user folder extends the built-in
lists and may add entries. Every term is compared through ``factcheck.normalize.steps.text_key``
(Simplified, casefolded), so either script may be written. A malformed file raises
``RuleFileError`` naming the file and the line.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rapidfuzz import process

from factcheck.errors import RuleFileError
from factcheck.normalize.steps import text_key

FILES = ("metrics", "titles", "series", "orgs", "surnames", "ranks", "cues")

METRIC_KEYS = {"label", "zh", "en", "cumulative", "same_as", "money"}
TITLE_KEYS = {"label", "zh", "en", "org", "unique"}
SERIES_KEYS = {"label", "patterns", "annual"}
ORG_KEYS = {"label", "names"}
CUE_LISTS = {
    "zh": {
        "part_markers", "list_markers", "exhaustive_markers", "speech_verbs", "honorifics", "award_verbs",
        "respectively", "edition_counters", "edition_verbs", "average_markers", "cumulative_markers",
        "not_count_suffixes", "counted_classifiers", "noun_phrase_breaks", "name_prefixes", "name_heads", "places",
    },
    "en": {
        "part_markers", "list_markers", "exhaustive_markers", "speech_verbs", "honorifics", "award_verbs",
        "respectively", "edition_counters", "edition_verbs", "average_markers", "cumulative_markers",
        "not_count_prefixes", "address_words", "name_heads",
    },
}


@dataclass(frozen=True, slots=True)
class Metric:
    id: str
    label: str
    zh: tuple[str, ...] = ()
    en: tuple[str, ...] = ()
    cumulative: bool = False
    money: bool = False  # the terms name what an amount of money is (投資 / investment), read around it


@dataclass(frozen=True, slots=True)
class Title:
    id: str
    label: str
    zh: tuple[str, ...] = ()
    en: tuple[str, ...] = ()
    org: bool = False
    unique: bool = True


@dataclass(frozen=True, slots=True)
class Series:
    id: str
    label: str
    patterns: tuple[re.Pattern[str], ...]
    annual: bool = True


@dataclass(frozen=True, slots=True)
class Org:
    id: str
    label: str
    names: tuple[str, ...]


@dataclass(frozen=True, eq=False)  # identity hash: extractors cache compiled matchers per lexicon
class Lexicon:
    metrics: Mapping[str, Metric] = field(default_factory=dict)
    titles: Mapping[str, Title] = field(default_factory=dict)
    series: tuple[Series, ...] = ()
    orgs: Mapping[str, Org] = field(default_factory=dict)
    surnames: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # simplified surname -> romanisations (casefolded)
    ranks: Mapping[str, int] = field(default_factory=dict)  # text_key(rank word) -> place
    cues: Mapping[str, Mapping[str, tuple[str, ...]]] = field(default_factory=dict)  # lang -> list name -> terms (text keys)
    files: tuple[str, ...] = ()
    version: str = ""
    # derived indexes (text_key(term) -> id)
    metric_terms: Mapping[str, str] = field(default_factory=dict)
    money_terms: Mapping[str, str] = field(default_factory=dict)  # what an amount is: 投资 -> investment
    title_terms: Mapping[str, str] = field(default_factory=dict)
    org_terms: Mapping[str, str] = field(default_factory=dict)

    def cue(self, lang: str, name: str) -> tuple[str, ...]:
        return self.cues.get(lang, {}).get(name, ())

    def metric_of(self, noun: str) -> str | None:
        return self.metric_terms.get(text_key(noun))

    def metric_label(self, metric_id: str) -> str:
        metric = self.metrics.get(metric_id)
        return metric.label if metric else metric_id

    def org_of(self, name: str) -> str | None:
        return self.org_terms.get(text_key(name))


def _line_of(text: str, needle: str, table: str | None = None) -> int | None:
    """The line to name in an error: ``needle = …`` as a key (inside ``[table]`` when given),
    else the first line that is not a comment and holds ``needle``.

    >>> text = '# same_as merges ids\\n[a]\\nzh = ["甲"]\\nsame_as = "b"\\n[b]\\nsame_as = "a"\\n'
    >>> _line_of(text, "same_as"), _line_of(text, "same_as", table="b"), _line_of(text, "甲")
    (4, 6, 3)
    """
    lines = text.splitlines()
    first = 0
    if table is not None:
        header = re.compile(rf"\s*\[\s*(?:{re.escape(table)}|\"{re.escape(table)}\")\s*\]")
        first = next((n for n, line in enumerate(lines) if header.match(line)), 0)
    key = re.compile(rf"\s*(?:{re.escape(needle)}|\"{re.escape(needle)}\")\s*=")
    for number in range(first, len(lines)):
        if key.match(lines[number]):
            return number + 1
    for number in range(first, len(lines)):
        if needle in lines[number] and not lines[number].lstrip().startswith("#"):
            return number + 1
    return None


def _suggest(word: str, known: Iterable[str]) -> str | None:
    match = process.extractOne(word, list(known), score_cutoff=80)
    return f"did you mean {match[0]!r}?" if match else None


class _FileReader:
    """Reads one lexicon file and raises errors that name the file and the line."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self.text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise RuleFileError(str(path), f"cannot read: {exc}") from None
        try:
            self.data = tomllib.loads(self.text)
        except tomllib.TOMLDecodeError as exc:
            line = getattr(exc, "lineno", None) or _lineno_from_message(str(exc))
            raise RuleFileError(str(path), f"invalid TOML: {exc}", line=line) from None

    def error(self, key: str, message: str, hint: str | None = None, needle: str | None = None,
              table: str | None = None) -> RuleFileError:
        return RuleFileError(str(self.path), message, line=_line_of(self.text, needle or key, table), key=key,
                             hint=hint)

    def strings(self, value: Any, key: str) -> tuple[str, ...]:
        if isinstance(value, str):
            return (value,)
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return tuple(value)
        raise self.error(key, "expected a string or a list of strings")

    def table(self, value: Any, key: str) -> Mapping[str, Any]:
        if not isinstance(value, dict):
            raise self.error(key, "expected a table")
        return value

    def check_keys(self, entry: Mapping[str, Any], allowed: set[str], where: str) -> None:
        for key in entry:
            if key not in allowed:
                raise self.error(key, f"unknown key in [{where}]", _suggest(key, allowed), table=where)

    def boolean(self, value: Any, key: str) -> bool:
        if not isinstance(value, bool):
            raise self.error(key, "expected true or false")
        return value


def _lineno_from_message(message: str) -> int | None:
    found = re.search(r"line (\d+)", message)
    return int(found.group(1)) if found else None


def load_lexicon(paths: Sequence[Path]) -> Lexicon:
    """Read lexicon files (built-ins first, then users'); later files extend earlier ones.

    A file whose name is not one of ``FILES`` is an error with a did-you-mean, so a typo in a
    file name cannot silently drop a vocabulary.
    """
    metrics: dict[str, dict[str, Any]] = {}
    titles: dict[str, dict[str, Any]] = {}
    series: dict[str, dict[str, Any]] = {}
    orgs: dict[str, dict[str, Any]] = {}
    surnames: dict[str, list[str]] = {}
    ranks: dict[str, int] = {}
    cues: dict[str, dict[str, list[str]]] = {"zh": {}, "en": {}}
    digest = hashlib.sha256()
    same_as: dict[str, tuple[str, _FileReader]] = {}

    for path in paths:
        path = Path(path)
        if path.stem not in FILES:
            raise RuleFileError(str(path), "unknown lexicon file", hint=_suggest(path.stem, FILES) or
                                f"lexicon files are {', '.join(f + '.toml' for f in FILES)}")
        reader = _FileReader(path)
        digest.update(path.name.encode() + b"\0" + reader.text.encode("utf-8") + b"\0")
        data = reader.data
        if path.stem == "metrics":
            for mid, raw in data.items():
                entry = reader.table(raw, mid)
                reader.check_keys(entry, METRIC_KEYS, mid)
                slot = metrics.setdefault(mid, {"label": mid, "zh": [], "en": [], "cumulative": False, "money": False})
                if "label" in entry:
                    slot["label"] = reader.strings(entry["label"], "label")[0]
                slot["zh"] += reader.strings(entry.get("zh", []), "zh")
                slot["en"] += reader.strings(entry.get("en", []), "en")
                for flag in ("cumulative", "money"):
                    if flag in entry:
                        slot[flag] = reader.boolean(entry[flag], flag)
                if "same_as" in entry:
                    same_as[mid] = (reader.strings(entry["same_as"], "same_as")[0], reader)
        elif path.stem == "titles":
            for tid, raw in data.items():
                entry = reader.table(raw, tid)
                reader.check_keys(entry, TITLE_KEYS, tid)
                slot = titles.setdefault(tid, {"label": tid, "zh": [], "en": [], "org": False, "unique": True})
                if "label" in entry:
                    slot["label"] = reader.strings(entry["label"], "label")[0]
                slot["zh"] += reader.strings(entry.get("zh", []), "zh")
                slot["en"] += reader.strings(entry.get("en", []), "en")
                for flag in ("org", "unique"):
                    if flag in entry:
                        slot[flag] = reader.boolean(entry[flag], flag)
        elif path.stem == "series":
            for sid, raw in data.items():
                entry = reader.table(raw, sid)
                reader.check_keys(entry, SERIES_KEYS, sid)
                slot = series.setdefault(sid, {"label": sid, "patterns": [], "annual": True})
                if "label" in entry:
                    slot["label"] = reader.strings(entry["label"], "label")[0]
                for pattern in reader.strings(entry.get("patterns", []), "patterns"):
                    try:
                        slot["patterns"].append(re.compile(pattern))
                    except re.error as exc:
                        raise reader.error("patterns", f"regular expression {pattern!r} does not compile: {exc}",
                                           needle=pattern.replace("\\", "\\\\")[:20], table=sid) from None
                if "annual" in entry:
                    slot["annual"] = reader.boolean(entry["annual"], "annual")
        elif path.stem == "orgs":
            for oid, raw in data.items():
                entry = reader.table(raw, oid)
                reader.check_keys(entry, ORG_KEYS, oid)
                slot = orgs.setdefault(oid, {"label": oid, "names": []})
                if "label" in entry:
                    slot["label"] = reader.strings(entry["label"], "label")[0]
                slot["names"] += reader.strings(entry.get("names", []), "names")
        elif path.stem == "surnames":
            for group, raw in data.items():
                table = reader.table(raw, group)
                for surname, spellings in table.items():
                    surnames.setdefault(text_key(surname), []).extend(
                        s.casefold() for s in reader.strings(spellings, surname))
        elif path.stem == "ranks":
            table = reader.table(data.get("ranks", {}), "ranks")
            for key in data:
                if key != "ranks":
                    raise reader.error(key, "unknown table", _suggest(key, ["ranks"]))
            for place, raw in table.items():
                if not place.isdigit():
                    raise reader.error(place, "a rank must be a whole number (1 = champion)")
                entry = reader.table(raw, place)
                reader.check_keys(entry, {"zh", "en"}, f"ranks.{place}")
                for word in reader.strings(entry.get("zh", []), "zh") + reader.strings(entry.get("en", []), "en"):
                    ranks[text_key(word)] = int(place)
        else:  # cues
            for lang, raw in data.items():
                if lang not in CUE_LISTS:
                    raise reader.error(lang, "unknown language table", _suggest(lang, CUE_LISTS))
                table = reader.table(raw, lang)
                for name, words in table.items():
                    if name not in CUE_LISTS[lang]:
                        raise reader.error(name, f"unknown cue list in [{lang}]", _suggest(name, CUE_LISTS[lang]))
                    cues[lang].setdefault(name, []).extend(reader.strings(words, name))

    # same_as: merge metric ids, refusing cycles and unknown targets
    redirect: dict[str, str] = {}
    for mid, (target, reader) in same_as.items():
        seen = [mid]
        while target in same_as:
            if target in seen:
                chain = " -> ".join([*seen, target])
                raise reader.error("same_as", f"metric {mid!r} is merged into itself ({chain})",
                                   "remove one same_as of the cycle", table=mid)
            seen.append(target)
            target = same_as[target][0]
        if target not in metrics:
            raise reader.error("same_as", f"metric {mid!r} is merged into unknown metric {target!r}",
                               _suggest(target, metrics), table=mid)
        redirect[mid] = target

    metric_objs = {
        mid: Metric(mid, m["label"], _uniq(m["zh"]), _uniq(m["en"]), m["cumulative"], m["money"])
        for mid, m in metrics.items()
    }
    metric_terms: dict[str, str] = {}
    money_terms: dict[str, str] = {}
    for mid, m in metric_objs.items():
        for term in (*m.zh, *m.en):
            (money_terms if m.money else metric_terms)[text_key(term)] = redirect.get(mid, mid)
    title_objs = {
        tid: Title(tid, t["label"], _uniq(t["zh"]), _uniq(t["en"]), t["org"], t["unique"]) for tid, t in titles.items()
    }
    title_terms = {text_key(term): tid for tid, t in title_objs.items() for term in (*t.zh, *t.en)}
    org_objs = {oid: Org(oid, o["label"], _uniq(o["names"])) for oid, o in orgs.items()}
    org_terms = {text_key(name): oid for oid, o in org_objs.items() for name in o.names}
    return Lexicon(
        metrics=metric_objs,
        titles=title_objs,
        series=tuple(Series(sid, s["label"], tuple(s["patterns"]), s["annual"]) for sid, s in series.items()),
        orgs=org_objs,
        surnames={k: _uniq(v) for k, v in surnames.items()},
        ranks=ranks,
        cues={lang: {name: _uniq(text_key(w) for w in words) for name, words in lists.items()}
              for lang, lists in cues.items()},
        files=tuple(str(p) for p in paths),
        version=digest.hexdigest()[:16],
        metric_terms=metric_terms,
        money_terms=money_terms,
        title_terms=title_terms,
        org_terms=org_terms,
    )


def _uniq(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def builtin_lexicon() -> Lexicon:
    """The lexicon shipped with factcheck (``rules/lexicon``)."""
    from factcheck.resources import builtin_rules_dir

    return load_lexicon(sorted((builtin_rules_dir() / "lexicon").glob("*.toml")))
