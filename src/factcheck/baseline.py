"""Baselines: accept today's findings, so that a CI gate fails only on new ones.

``factcheck baseline PATH... -o factcheck-baseline.json`` records every finding by its id (the
fingerprint ``factcheck.engine`` computes from the rule and the finding's key: normalised
subject, metric, scope and values, never offsets or line numbers), and ``--baseline FILE`` on
``run`` and ``check`` hides the findings it lists. An entry whose finding is no longer reported
is *stale* (the release was corrected, or the finding changed and now has a new id): stale
entries are listed so the file can be cleaned up.

The file is JSON, sorted, one entry per finding, with enough context for a reviewer of the
pull request that adds it::

    {
      "version": 1,
      "tool": {"name": "factcheck", "version": "0.1.0"},
      "findings": [
        {"id": "OR01-3f2a9c0d1b7e", "rule": "OR01", "severity": "error",
         "subject": "…", "metric": "edition ordinal", "message": "…",
         "docs": ["000_e130ea72c9a05536", "003_f21eea308015a647"]}
      ]
    }

Only ``version`` and each entry's ``id`` are required; the rest is for people.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from factcheck import __version__
from factcheck.errors import ConfigError
from factcheck.model import Finding

BASELINE_VERSION = 1
DEFAULT_NAME = "factcheck-baseline.json"


@dataclass(frozen=True, slots=True)
class BaselineEntry:
    id: str
    rule: str = ""
    severity: str = ""
    subject: str = ""
    metric: str = ""
    message: str = ""
    docs: tuple[str, ...] = ()

    @property
    def code(self) -> str:
        """The rule code, from the entry or from the id (``OR01-3f2a…`` -> ``OR01``).

        >>> BaselineEntry("OR01-3f2a9c0d1b7e").code
        'OR01'
        """
        return self.rule or self.id.split("-", 1)[0]


@dataclass(frozen=True, slots=True)
class Baseline:
    path: str
    entries: tuple[BaselineEntry, ...]

    @property
    def ids(self) -> frozenset[str]:
        return frozenset(e.id for e in self.entries)


@dataclass(frozen=True, slots=True)
class BaselineResult:
    """What a baseline did to a report: how many findings it hid, which entries are stale."""

    path: str
    hidden: int
    stale: tuple[BaselineEntry, ...]


def entry_of(finding: Finding) -> BaselineEntry:
    return BaselineEntry(
        id=finding.id,
        rule=finding.rule,
        severity=finding.severity.label,
        subject=finding.subject,
        metric=finding.metric,
        message=finding.message,
        docs=tuple(sorted(finding.docs)),
    )


def baseline_data(findings: Iterable[Finding]) -> dict[str, Any]:
    """The baseline file's content for these findings, sorted by id.

    >>> from factcheck.model import Evidence, Severity
    >>> f = Finding("OR01", "edition-ordinal-conflict", Severity.ERROR, "4th or 5th?", "MiCHK 2023",
    ...             "edition ordinal", (Evidence("000_zh", "seeds/000_zh.txt", 7, 0, 3, "第四度"),), id="OR01-1")
    >>> baseline_data([f])["findings"][0]["docs"]
    ['000_zh']
    """
    entries = sorted({e.id: e for e in map(entry_of, findings)}.values(), key=lambda e: e.id)
    return {
        "version": BASELINE_VERSION,
        "tool": {"name": "factcheck", "version": __version__},
        "findings": [
            {"id": e.id, "rule": e.rule, "severity": e.severity, "subject": e.subject, "metric": e.metric,
             "message": e.message, "docs": list(e.docs)}
            for e in entries
        ],
    }


def render_baseline(findings: Iterable[Finding]) -> str:
    """The baseline file's text: deterministic JSON with a trailing newline."""
    return json.dumps(baseline_data(findings), ensure_ascii=False, indent=2) + "\n"


def load_baseline(path: Path | str) -> Baseline:
    """Read a baseline file; anything malformed is a ``ConfigError`` naming the file (and line)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ConfigError(str(path), "baseline file not found",
                          hint="create it with `factcheck baseline PATH... -o FILE`") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(str(path), f"cannot read the baseline: {getattr(exc, 'strerror', None) or exc}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ConfigError(str(path), f"not valid JSON: {exc.msg}", line=exc.lineno) from None
    if not isinstance(data, dict) or "findings" not in data:
        raise ConfigError(str(path), "not a factcheck baseline (no \"findings\")",
                          hint="create it with `factcheck baseline PATH... -o FILE`")
    if data.get("version") != BASELINE_VERSION:
        raise ConfigError(str(path), f"baseline version {data.get('version')!r} is not supported "
                                     f"(this factcheck reads version {BASELINE_VERSION})",
                          hint="write it again with `factcheck baseline`")
    findings = data["findings"]
    if not isinstance(findings, list):
        raise ConfigError(str(path), "\"findings\" must be a list")
    entries: list[BaselineEntry] = []
    for number, item in enumerate(findings, 1):
        entries.append(_entry(item, number, path, text))
    return Baseline(str(path), tuple(entries))


def _entry(item: Any, number: int, path: Path, text: str) -> BaselineEntry:
    finding_id = item.get("id") if isinstance(item, dict) else None
    if not isinstance(finding_id, str) or not finding_id.strip():
        raise ConfigError(str(path), f"entry {number} has no \"id\"", line=_line_of_entry(text, number))
    docs = item.get("docs", [])
    strings = {k: item.get(k, "") for k in ("rule", "severity", "subject", "metric", "message")}
    if not all(isinstance(v, str) for v in strings.values()) or not (
            isinstance(docs, list) and all(isinstance(d, str) for d in docs)):
        raise ConfigError(str(path), f"entry {number} ({finding_id}) has a field of the wrong type",
                          line=_line_of_entry(text, number))
    return BaselineEntry(id=finding_id.strip(), docs=tuple(docs), **strings)


def _line_of_entry(text: str, number: int) -> int | None:
    count = 0
    for line_number, line in enumerate(text.splitlines(), 1):
        if '"id"' in line:
            count += 1
            if count == number:
                return line_number
    return None


def apply_baseline(findings: Sequence[Finding], baseline: Baseline, *, rules: Iterable[str],
                   focus: Iterable[str] | None = None) -> tuple[list[Finding], BaselineResult]:
    """Hide the findings the baseline lists. An entry is stale when its finding is not
    reported although it could have been: its rule ran and (with ``focus``, the documents a
    ``check`` is about) it involves one of those documents.

    >>> from factcheck.model import Severity
    >>> f = Finding("OR01", "n", Severity.ERROR, "m", "s", "m", (), id="OR01-1")
    >>> kept, result = apply_baseline([f], Baseline("b.json", (BaselineEntry("OR01-1"), BaselineEntry("OR01-2"))),
    ...                               rules=["OR01"])
    >>> kept, result.hidden, [e.id for e in result.stale]
    ([], 1, ['OR01-2'])
    """
    ids = baseline.ids
    kept = [f for f in findings if f.id not in ids]
    found = {f.id for f in findings}
    ran = set(rules)
    wanted = set(focus) if focus is not None else None
    stale = tuple(
        e for e in sorted(baseline.entries, key=lambda e: e.id)
        if e.id not in found and e.code in ran and (wanted is None or wanted & set(e.docs))
    )
    return kept, BaselineResult(baseline.path, len(findings) - len(kept), stale)


__all__ = [
    "BASELINE_VERSION",
    "Baseline",
    "BaselineEntry",
    "BaselineResult",
    "DEFAULT_NAME",
    "apply_baseline",
    "baseline_data",
    "load_baseline",
    "render_baseline",
]
