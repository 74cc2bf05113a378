"""Check kind ``sequence``: the editions of an annual series must step by one a year.

Edition ``n`` in year ``y`` and "``n`` editions held" by the edition of year ``y`` both say the
series began in ``y - n + 1``. "第四度" (2023), "已成功舉辦三屆" (2022) agree on 2020; "the fifth
time" (2023) says 2019. One finding lists every claim; two ordinals for the same year are an
error, a disagreement between years a warning.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from factcheck.checks import CheckKind, register
from factcheck.checks.base import evidence, graded, key_of, quote, where
from factcheck.model import Finding, Severity


@dataclass(frozen=True)
class Params:
    annual_only: bool = True


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def run(rule, alignment) -> Iterator[Finding]:
    p: Params = rule.params
    annual = {s.id: s.annual for s in alignment.lexicon.series}
    by_series: dict[str, list] = defaultdict(list)
    for (kind, subject, _metric, _scope), claims in alignment.of_kind("edition", "editions_held"):
        by_series[subject].extend(claims)
    for subject, claims in sorted(by_series.items()):
        if p.annual_only and not annual.get(subject.split(":", 1)[-1], True):
            continue
        starts: dict[int, list] = defaultdict(list)
        for c in claims:
            year = c.attr("year")
            if year is None:
                continue
            starts[year - int(c.value.lo) + 1].append(c)
        if len(starts) < 2:
            continue
        groups = sorted(starts.items(), key=lambda kv: (-len({c.doc for c in kv[1]}), kv[0]))
        major = groups[0][1]
        same_year = [(a, b) for _s, other in groups[1:] for b in other for a in major if a.attr("year") == b.attr("year")]
        # evidence: the claims that disagree with the majority, and the majority's claims of the
        # same years (or, where no year is shared, the nearest years): what a reviewer must compare
        minority = [c for _start, group in groups[1:] for c in group]
        years = {c.attr("year") for c in minority}
        majority = [c for c in major if c.attr("year") in years]
        if not majority:
            nearest = min(major, key=lambda c: min(abs((c.attr("year") or 0) - y) for y in years))
            majority = [c for c in major if c.attr("year") == nearest.attr("year")]
        if same_year:
            a, b = same_year[0]
            severity = Severity.ERROR
        else:  # the message quotes a majority claim the evidence lists: one of the year nearest b's
            b = groups[1][1][0]
            a = min(majority, key=lambda c: abs((c.attr("year") or 0) - (b.attr("year") or 0)))
            severity = Severity.WARNING
        ordered = sorted(minority + majority, key=lambda c: (c.attr("year") or 0, c.kind, c.doc, c.start))
        yield rule.make_finding(
            slots={"subject": a.subject_label, "a_year": str(a.attr("year")), "b_year": str(b.attr("year")),
                   "a_quote": quote(a, alignment), "a_where": where(a, alignment),
                   "a_edition": _ordinal(int(a.value.lo)), "b_edition": _ordinal(int(b.value.lo)),
                   "b_quote": quote(b, alignment), "b_where": where(b, alignment),
                   "a_first": str(a.attr("year") - int(a.value.lo) + 1),
                   "b_first": str(b.attr("year") - int(b.value.lo) + 1)},
            subject=a.subject_label,
            metric="edition ordinal",
            evidence=[evidence(c, alignment, role=f"{c.attr('year')}") for c in ordered],
            # the conflicting statements only: a later release that agrees leaves the id unchanged
            key=key_of(rule.code, subject, {f"{c.attr('year')}:{int(c.value.lo)}" for c in ordered}),
            severity=graded(rule, severity),
        )


KIND = register(CheckKind(
    name="sequence",
    summary="Edition ordinals of an annual series that do not step by one a year.",
    params=Params,
    run=run,
    slots=("subject", "a_year", "b_year", "a_quote", "a_where", "a_edition", "b_edition", "b_quote", "b_where",
           "a_first", "b_first"),
))
