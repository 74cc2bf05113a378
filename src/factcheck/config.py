"""User configuration: ``factcheck.toml`` or ``[tool.factcheck]`` in ``pyproject.toml``.

```toml
rules = ["house-rules"]          # extra rule folders, relative to this file
select = ["NU", "SU01"]          # codes, code prefixes, names (as ruff's --select)
ignore = ["EN03"]
fail-on = "error"                # error | warning | info | never
min-severity = "info"            # drop findings below this level

[severity]                       # per-rule severity; "off" disables the rule
SU01 = "error"

[params.NU01]                    # per-rule parameter overrides (tolerances)
tolerance_rel = 0.02

[[suppress]]                     # accepted findings, by id (see `factcheck explain`)
id = "NU01-3f2a9c0d1b7e"
reason = "the 2022 figure was corrected in a later release"
```

Unknown keys are errors naming the file and line, with a "did you mean" where one is close.
Rule names in ``[severity]``/``[params]`` and selectors are checked when the rules load.
"""

from __future__ import annotations

import types
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from factcheck.errors import ConfigError
from factcheck.model import Severity
from factcheck.rulebook import did_you_mean, find_line, read_toml, toml_type

CONFIG_NAMES = ("factcheck.toml", "pyproject.toml")
KEYS = ("rules", "select", "ignore", "fail-on", "min-severity", "severity", "params", "suppress")
SUPPRESS_KEYS = ("id", "reason")
FAIL_ON = ("error", "warning", "info", "never")
LEVELS = ("error", "warning", "info")


@dataclass(frozen=True, slots=True)
class Suppression:
    """An accepted finding: removed from reports, counted in the summary."""

    id: str
    reason: str
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Config:
    """Settings from a config file (or the defaults). ``path`` is the file they came from."""

    path: Path | None = None
    rules: tuple[Path, ...] = ()
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    fail_on: Severity | None = Severity.ERROR  # None: never fail on findings
    min_severity: Severity = Severity.INFO
    severity: Mapping[str, str] = field(default_factory=lambda: types.MappingProxyType({}))
    params: Mapping[str, Mapping[str, Any]] = field(default_factory=lambda: types.MappingProxyType({}))
    suppress: tuple[Suppression, ...] = ()


def parse_fail_on(text: str) -> Severity | None:
    """``never`` -> ``None``, else the severity.

    >>> parse_fail_on("warning"), parse_fail_on("never")
    (<Severity.WARNING: 2>, None)
    """
    return None if text == "never" else Severity.parse(text)


def find_config(start: Path) -> Path | None:
    """The nearest ``factcheck.toml``, or ``pyproject.toml`` with a ``[tool.factcheck]`` table,
    in ``start`` or a folder above it."""
    here = start.resolve()
    if here.is_file():
        here = here.parent
    for folder in (here, *here.parents):
        candidate = folder / "factcheck.toml"
        if candidate.is_file():
            return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and _has_tool_table(pyproject):
            return pyproject
    return None


def _has_tool_table(path: Path) -> bool:
    try:
        data, _ = read_toml(path, error=ConfigError)
    except ConfigError:
        return True  # let load_config report the syntax error
    return isinstance(data.get("tool"), dict) and "factcheck" in data["tool"]


def load_config(path: Path | None, start: Path | None = None) -> Config:
    """Read ``path`` (``--config FILE``), or discover a config file from ``start`` upwards.
    No file found means the defaults."""
    if path is None:
        path = find_config(start or Path.cwd())
        if path is None:
            return Config()
    path = Path(path)
    if not path.is_file():
        raise ConfigError(str(path), "config file not found" if not path.exists() else "not a file")
    data, text = read_toml(path, error=ConfigError)
    table_prefix = ""
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        data = tool.get("factcheck", {}) if isinstance(tool, dict) else {}
        table_prefix = "tool.factcheck"
    return _decode(data, path, text, table_prefix)


def _decode(data: Mapping[str, Any], path: Path, text: str, prefix: str) -> Config:
    def fail(message: str, key: str | None = None, table: str | None = None, hint: str | None = None,
             line: int | None = None) -> ConfigError:
        full_table = ".".join(t for t in (prefix, table) if t) or None
        if line is None and key is not None:
            line = find_line(text, key, full_table)
        shown = f"[{table}] {key}" if table and key else key
        return ConfigError(str(path), message, line=line, key=shown, hint=hint)

    if not isinstance(data, Mapping):
        raise fail(f"[tool.factcheck] must be a table, got {toml_type(data)}")
    for key in data:
        if key not in KEYS:
            raise fail("unknown key", key, hint=did_you_mean(key, KEYS) or f"known keys: {', '.join(KEYS)}")

    def strings(key: str) -> tuple[str, ...]:
        value = data[key]
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise fail("expected an array of strings", key)
        return tuple(v.strip() for v in value)

    def level(key: str, choices: tuple[str, ...]) -> str:
        value = data[key]
        if not isinstance(value, str) or value not in choices:
            raise fail(f"expected one of {', '.join(choices)}, got {value!r}", key,
                       hint=did_you_mean(str(value), choices))
        return value

    base = path.parent
    rules = tuple(base / p for p in strings("rules")) if "rules" in data else ()
    for folder in rules:
        if not folder.is_dir():
            raise fail(f"rule folder {str(folder)!r} does not exist", "rules")
    config = Config(
        path=path,
        rules=rules,
        select=strings("select") if "select" in data else None,
        ignore=strings("ignore") if "ignore" in data else (),
        fail_on=parse_fail_on(level("fail-on", FAIL_ON)) if "fail-on" in data else Severity.ERROR,
        min_severity=Severity.parse(level("min-severity", LEVELS)) if "min-severity" in data else Severity.INFO,
        severity=_decode_severity(data.get("severity", {}), fail),
        params=_decode_params(data.get("params", {}), fail),
        suppress=_decode_suppress(data.get("suppress", []), fail, text),
    )
    return config


def _decode_severity(raw: Any, fail: Any) -> Mapping[str, str]:
    if not isinstance(raw, dict):
        raise fail(f"expected a table of rule = severity, got {toml_type(raw)}", "severity")
    for rule, value in raw.items():
        if not isinstance(value, str) or value not in (*LEVELS, "off"):
            raise fail(f"expected error, warning, info or off, got {value!r}", rule, table="severity",
                       hint=did_you_mean(str(value), (*LEVELS, "off")))
    return types.MappingProxyType(dict(raw))


def _decode_params(raw: Any, fail: Any) -> Mapping[str, Mapping[str, Any]]:
    if not isinstance(raw, dict):
        raise fail(f"expected tables [params.<CODE>], got {toml_type(raw)}", "params")
    for rule, table in raw.items():
        if not isinstance(table, dict):
            raise fail(f"expected a table [params.{rule}], got {toml_type(table)}", rule, table="params")
    return types.MappingProxyType({k: types.MappingProxyType(dict(v)) for k, v in raw.items()})


def _decode_suppress(raw: Any, fail: Any, text: str) -> tuple[Suppression, ...]:
    if not isinstance(raw, list):
        raise fail("expected [[suppress]] entries", "suppress")
    out: list[Suppression] = []
    seen: dict[str, int] = {}
    for number, entry in enumerate(raw, 1):
        if not isinstance(entry, dict):
            raise fail(f"entry {number}: expected a table with id and reason", "suppress")
        line = _entry_line(text, number)
        for key in entry:
            if key not in SUPPRESS_KEYS:
                key_line = find_line("\n".join(text.splitlines()[line - 1:]), key) if line else None
                raise fail(f"unknown key in [[suppress]] entry {number}", key,
                           line=(line + key_line - 1) if line and key_line else line,
                           hint=did_you_mean(key, SUPPRESS_KEYS) or "use id and reason")
        finding_id = entry.get("id")
        reason = entry.get("reason")
        if not isinstance(finding_id, str) or not finding_id.strip():
            raise fail(f"[[suppress]] entry {number} needs id = \"<finding id>\"", "suppress", line=line)
        if not isinstance(reason, str) or not reason.strip():
            raise fail(f"[[suppress]] entry {number} ({finding_id}) needs a reason", "suppress", line=line,
                       hint="say why the finding is accepted, for the next reviewer")
        if finding_id in seen:
            raise fail(f"{finding_id} is suppressed twice (entries {seen[finding_id]} and {number})",
                       "suppress", line=line)
        seen[finding_id] = number
        out.append(Suppression(finding_id.strip(), reason.strip(), line))
    return tuple(out)


def _entry_line(text: str, number: int) -> int | None:
    """The line of the ``number``-th ``[[suppress]]`` header (inline arrays: the key's line)."""
    count = 0
    for index, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if stripped.startswith("[[") and stripped.rstrip("]").lstrip("[").strip().endswith("suppress"):
            count += 1
            if count == number:
                return index
    return find_line(text, "suppress")
