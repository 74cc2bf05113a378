"""Check kind ``ratio``: a stated average against the numbers it is computed from.

"約150個項目 … 逾230個專利，平均每個項目涉及1.5個專利": 230+/~150 allows about 1.44–1.71, which
covers 1.5 as written (1.45–1.55): consistent. The operands are the document's claims with the
numerator's and the denominator's metric, nearest before the average.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from factcheck.checks import CheckKind, register
from factcheck.checks.base import describe, divide, evidence, graded, key_of, quote, where, widen
from factcheck.model import Finding, Severity


@dataclass(frozen=True)
class Params:
    precision: str = "stated"
    tolerance_rel: float = 0.0


def run(rule, alignment) -> Iterator[Finding]:
    p: Params = rule.params
    for _key, claims in alignment.of_kind("ratio"):
        for c in claims:
            num, den = c.parts
            quotient = divide(num.value, den.value)
            if quotient is None:
                continue
            stated = widen(c.value, c, p.precision, p.tolerance_rel)
            if stated.overlaps(quotient):
                continue
            yield rule.make_finding(
                slots={"stated": quote(c, alignment), "computed": describe(quotient),
                       "numerator": quote(num, alignment), "denominator": quote(den, alignment),
                       "where": where(c, alignment), "metric": c.metric_label},
                subject=c.subject_label,
                metric=c.metric_label,
                evidence=[evidence(c, alignment, role="average"), evidence(num, alignment, role="numerator"),
                          evidence(den, alignment, role="denominator")],
                key=key_of(rule.code, c.subject, c.metric, c.scope, str(c.value), str(num.value), str(den.value)),
                severity=graded(rule, Severity.WARNING),
            )


KIND = register(CheckKind(
    name="ratio",
    summary="A stated average that the numbers it is computed from cannot give.",
    params=Params,
    run=run,
    slots=("stated", "computed", "numerator", "denominator", "where", "metric"),
))
