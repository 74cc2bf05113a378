"""A test-only pipeline: a tiny extractor and check kind, so the rulebook, engine, reports and
CLI can be tested end to end independently of the real extractors.

Nothing here ships in ``src/``: the fixtures in conftest.py register the kind and patch the
extractor only for the tests that ask for them.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from factcheck.align import Alignment
from factcheck.checks import CheckKind
from factcheck.lexicon import Lexicon
from factcheck.model import Claim, Evidence, Finding, Interval
from factcheck.normalize import Normalized
from factcheck.rulebook import Rule

# "150 projects", "148個項目" (normalised to 项目), "3 patents", "3項專利"
_QUANTITY = re.compile(r"(\d+)\s*(?:个|項|项)?\s*(projects|项目|patents|专利)")
_METRICS = {"projects": "projects", "项目": "projects", "patents": "patents", "专利": "patents"}


def fake_extract(norm: Normalized, lexicon: Lexicon) -> tuple[Claim, ...]:
    """Quantity claims "<number> <projects|patents>" in zh and en, with source spans."""
    claims = []
    for match in _QUANTITY.finditer(norm.text):
        start, end = norm.source_span(match.start(), match.end())
        claims.append(Claim(
            kind="quantity",
            doc=norm.doc.id,
            start=start,
            end=end,
            value=Interval.point(int(match.group(1))),
            subject="event",
            subject_label="the event",
            metric=_METRICS[match.group(2)],
            metric_label=match.group(2),
            scope="edition:2023",
            lang=norm.doc.lang,
            date=norm.doc.date,
        ))
    return tuple(claims)


@dataclass(frozen=True, slots=True)
class SameValueParams:
    tolerance: float = 0.0
    mode: Literal["strict", "loose"] = "strict"
    labels: tuple[str, ...] = ()
    max_items: int = 10
    enabled: bool = True
    skip_pattern: str = ""


def run_same_value(rule: Rule, alignment: Alignment) -> Iterator[Finding]:
    """One finding per fact whose quantity claims do not all have the same value."""
    for (kind, subject, metric, scope), claims in sorted(alignment.facts.items()):
        if kind != rule.match.get("claim", "quantity") or len(claims) < 2:
            continue
        values = sorted({c.value.lo for c in claims})
        if values[-1] - values[0] <= rule.params.tolerance:
            continue
        evidence = []
        for claim in sorted(claims, key=lambda c: (c.doc, c.start)):
            doc = alignment.documents[claim.doc]
            line_start = doc.source.rfind("\n", 0, claim.start) + 1
            line_end = doc.source.find("\n", claim.end)
            evidence.append(Evidence(
                doc=claim.doc, path=doc.path, line=doc.line_of(claim.start), start=claim.start, end=claim.end,
                text=doc.source[claim.start:claim.end], value=int(claim.value.lo),
                context=doc.source[line_start: line_end if line_end >= 0 else len(doc.source)],
            ))
        yield rule.make_finding(
            slots={"metric": metric, "values": " vs ".join(str(int(v)) for v in values), "count": len(claims)},
            subject=subject, metric=metric, evidence=evidence,
            key=f"{subject}|{metric}|{scope}|{values}",
        )


SAME_VALUE = CheckKind(
    name="same-value",
    summary="test only: aligned quantities must be equal",
    params=SameValueParams,
    run=run_same_value,
    slots=("metric", "values", "count"),
    match={"claim": "quantity", "across": "documents", "markers": ()},
)

RULE_TOML = '''\
code = "{code}"
name = "{name}"
summary = "Aligned quantities differ."
check = "same-value"
severity = "{severity}"
status = "{status}"
message = "{{metric}}: {{values}}"

[params]
tolerance = 0

[doc]
what = "Flags quantities that differ."
why = "Readers get different facts."

[doc.bad]
zh = "共有150個項目參賽。"
en = "148 projects took part."

[doc.good]
zh = "共有150個項目參賽。"
en = "150 projects took part."
'''


def write_rule(folder: Path, code: str = "TS01", *, name: str = "quantity-differs", severity: str = "error",
               status: str = "stable", family: str = "test", text: str | None = None) -> Path:
    """Write a rule file for the ``same-value`` kind (or ``text`` verbatim) and return its path."""
    path = folder / family / f"{code}.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    body = text if text is not None else RULE_TOML.format(code=code, name=name, severity=severity, status=status)
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path
