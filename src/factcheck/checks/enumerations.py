"""Check kind ``enumeration``: a declared count and the items listed after it.

"十大創新科技領域，包括「…」、「…」…" must list ten items. Quoted items are counted exactly, and so
are English lists (semicolons; or commas with the last "and"). An unquoted Chinese list split at
、 may hold an item with a 、 of its own ("智慧生活、出行與護理"), so it is only reported when it is
short. A list ending in 等 / "etc.", or an English list after "including", may be partial and is
not reported for being short.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from factcheck.checks import CheckKind, register
from factcheck.checks.base import evidence, graded, key_of, quote, where
from factcheck.model import Finding, Severity


@dataclass(frozen=True)
class Params:
    report_longer: bool = True  # also report lists longer than declared (when the count is certain)


def run(rule, alignment) -> Iterator[Finding]:
    p: Params = rule.params
    for _key, claims in alignment.of_kind("enumeration"):
        for c in claims:
            declared = int(c.value.lo)
            lo, hi = c.attr("listed_min"), c.attr("listed_max")
            certain = c.attr("quoted")  # the count of items is certain (quoted, or a clean English list)
            open_ended = c.attr("open_ended")
            partial = c.lang == "en" and not c.attr("exhaustive")  # English "including" may list a subset
            short = hi < declared and not open_ended and not partial
            long = p.report_longer and certain and lo > declared
            if not (short or long):
                continue
            listed = lo if lo == hi else f"{lo}–{hi}"
            yield rule.make_finding(
                slots={"declared": str(declared), "listed": str(listed), "quote": quote(c, alignment),
                       "where": where(c, alignment), "metric": c.metric_label or c.metric,
                       "items": "; ".join(c.attr("items") or ())},
                subject=c.subject_label,
                metric=c.metric_label or c.metric,
                evidence=[evidence(c, alignment, role="declared")],
                key=key_of(rule.code, c.subject, c.metric, c.scope, declared, c.attr("items")),
                severity=graded(rule, Severity.WARNING),
            )


KIND = register(CheckKind(
    name="enumeration",
    summary="A declared count whose list of items is shorter or longer.",
    params=Params,
    run=run,
    slots=("declared", "listed", "quote", "where", "metric", "items"),
))
