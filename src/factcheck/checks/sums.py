"""Check kind ``sum``: a total and the parts listed with it must add up.

"超過1,800間社群企業，包括超過800間駐園區及900間非駐園區": the parts allow (1700, 1800], the total
(1800, 1900]: no number fits both. Qualifiers are not shared between parts ("超過" before the
first part does not carry over to the second). A single part larger than its total is reported too.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from factcheck.checks import CheckKind, register
from factcheck.checks.base import describe, evidence, graded, key_of, quote, where
from factcheck.model import Finding, Interval, Severity


@dataclass(frozen=True)
class Params:
    tolerance_abs: float = 0.0  # slack when every number is exact
    tolerance_rel: float = 0.005  # rounding slack when every number is exact (33.3% + 33.3% + 33.4%)
    min_parts: int = 1
    min_share: float = 0.5  # parts that add up to less than this share of the total are examples, not a partition


def run(rule, alignment) -> Iterator[Finding]:
    p: Params = rule.params
    for _key, claims in alignment.of_kind("composition"):
        for comp in claims:
            if len(comp.parts) < p.min_parts:
                continue
            total: Interval = comp.value
            parts = [c.value for c in comp.parts]
            if len(parts) == 1:
                part = parts[0]
                if not (part.lo > total.hi or (part.lo == total.hi and (part.lo_open or total.hi_open))):
                    continue
                psum = part
            else:
                psum = parts[0]
                for iv in parts[1:]:
                    psum = psum + iv
                exact = total.lo == total.hi and all(iv.lo == iv.hi for iv in parts)
                if exact:
                    slack = p.tolerance_abs + abs(total.lo) * p.tolerance_rel
                    if abs(psum.lo - total.lo) <= slack:
                        continue
                elif psum.overlaps(total):
                    continue
                if psum.hi < p.min_share * total.lo:
                    continue  # "約400家，包括兩間…、三間…": examples of the total, not its parts
            yield rule.make_finding(
                slots={"subject": comp.subject_label, "metric": comp.metric_label or comp.metric,
                       "total": describe(total), "total_quote": quote(comp, alignment),
                       "parts_sum": describe(psum), "parts": " + ".join(quote(c, alignment) for c in comp.parts),
                       "where": where(comp, alignment)},
                subject=comp.subject_label,
                metric=comp.metric_label or comp.metric,
                evidence=[evidence(comp, alignment, role="total")] + [evidence(c, alignment, role="part") for c in comp.parts],
                key=key_of(rule.code, comp.subject, comp.metric, comp.scope, str(total), [str(c.value) for c in comp.parts]),
                severity=graded(rule, Severity.WARNING if len(parts) > 1 else Severity.ERROR),
            )


KIND = register(CheckKind(
    name="sum",
    summary="A stated total and the parts listed with it that cannot add up to it.",
    params=Params,
    run=run,
    slots=("subject", "metric", "total", "total_quote", "parts_sum", "parts", "where"),
))
