"""Check kind ``rank``: one contestant, two places in one edition of a contest.

The body says 濃說科技Wizpresso won the championship (獲得冠軍); a caption lists it among those who
"獲得季軍". Contestants are joined across names and languages by factcheck.align, so "Calandex
Innovation and Technology (HK) Company Limited" in English and "破境創新科技（Calandex Innovation &
Technology）" in Chinese are compared too.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from factcheck.checks import CheckKind, register
from factcheck.checks.base import evidence, graded, key_of, quote, where
from factcheck.model import Finding, Severity

PLACES = {1: "champion", 2: "first runner-up", 3: "second runner-up", 4: "third runner-up"}


@dataclass(frozen=True)
class Params:
    max_evidence: int = 8


def run(rule, alignment) -> Iterator[Finding]:
    p: Params = rule.params
    for (_kind, entity, _metric, scope), claims in alignment.of_kind("award"):
        places: dict[int, list] = defaultdict(list)
        for c in claims:
            places[int(c.value.lo)].append(c)
        if len(places) < 2:
            continue
        ordered = sorted(places.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        a, b = ordered[0][1][0], ordered[1][1][0]
        shown = sorted(claims, key=lambda c: (c.doc, c.start))[: p.max_evidence]
        event = a.attr("event_label") or ""
        yield rule.make_finding(
            slots={"entity": quote(a, alignment), "event": event, "edition": scope.rsplit(":", 1)[-1],
                   "a_rank": _place(a), "a_where": where(a, alignment), "a_quote": a.attr("rank_text"),
                   "b_rank": _place(b), "b_where": where(b, alignment), "b_quote": b.attr("rank_text"),
                   "b_entity": quote(b, alignment)},
            subject=quote(a, alignment),
            metric="award rank",
            evidence=[evidence(c, alignment, role=_place(c)) for c in shown],
            key=key_of(rule.code, entity, scope, sorted(places)),
            severity=graded(rule, Severity.ERROR),
        )


def _place(c) -> str:
    n = int(c.value.lo)
    return PLACES.get(n, f"place {n}")


KIND = register(CheckKind(
    name="rank",
    summary="A contestant given different places in one edition of a contest.",
    params=Params,
    run=run,
    slots=("entity", "event", "edition", "a_rank", "a_where", "a_quote", "b_rank", "b_where", "b_quote", "b_entity"),
))
