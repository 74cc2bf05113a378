"""Check kind ``interval``: one fact, values that cannot all be true.

Claims with the same key (subject, metric, scope) from different documents must have overlapping
intervals. A document that gives one key several values that disagree among themselves (the
releases says "1,100 companies" and "278 companies" about different things) is ambiguous for
that key and left out: the key does not tell its statements apart.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from factcheck.checks import CheckKind, register
from factcheck.checks.base import all_overlap, describe, evidence, graded, key_of, quote, where, widen
from factcheck.model import Finding, Interval, Severity


@dataclass(frozen=True)
class Params:
    precision: str = "stated"  # "stated": an exact 1.5 covers [1.45, 1.55); "exact": it is exactly 1.5
    tolerance_rel: float = 0.0  # extra slack, relative to the value
    error_gap_rel: float = 0.05  # a gap of at least this share of the value is an error; smaller, a warning
    aligned_only: bool = False  # compare only metrics from the lexicon (not nouns keyed in one language)


def run(rule, alignment) -> Iterator[Finding]:
    p: Params = rule.params
    kinds = tuple(rule.match.get("claims", ("quantity",)))
    for (kind, subject, metric, scope), claims in alignment.of_kind(*kinds):
        if p.aligned_only and ":" in metric.split("/")[0]:
            continue
        per_doc: dict[str, list] = defaultdict(list)
        for c in claims:
            per_doc[c.doc].append(c)
        if len(per_doc) < 2:
            continue
        docs: list[tuple[str, Interval, list]] = []
        for doc, items in per_doc.items():
            ivs = [widen(c.value, c, p.precision, p.tolerance_rel) for c in items]
            if not all_overlap(ivs):
                continue  # ambiguous in this document
            acc = ivs[0]
            for iv in ivs[1:]:
                acc = acc.intersect(iv)
            docs.append((doc, acc, items))
        if len(docs) < 2 or all_overlap([d[1] for d in docs]):
            continue
        pairs = [(a, b) for i, a in enumerate(docs) for b in docs[i + 1 :] if not a[1].overlaps(b[1])]
        if not pairs:
            continue  # pairwise compatible (no single value fits all, but each pair can be read alike)
        a, b = max(pairs, key=lambda ab: _gap_rel(ab[0][1], ab[1][1]))
        gap = _gap_rel(a[1], b[1])
        severity = Severity.ERROR if gap >= p.error_gap_rel else Severity.WARNING
        involved = {d for pair in pairs for d in (pair[0][0], pair[1][0])}
        chosen = [c for doc, _iv, items in docs if doc in involved for c in items]
        ca, cb = a[2][0], b[2][0]
        label = ca.metric_label or metric
        yield rule.make_finding(
            slots={
                "subject": ca.subject_label, "metric": label, "scope": scope.split(":", 1)[-1],
                "a_quote": quote(ca, alignment), "a_where": where(ca, alignment), "a_interval": describe(a[1]),
                "b_quote": quote(cb, alignment), "b_where": where(cb, alignment), "b_interval": describe(b[1]),
                "gap": f"{gap:.0%}", "documents": str(len(involved)),
            },
            subject=ca.subject_label,
            metric=label,
            evidence=[evidence(c, alignment) for c in chosen],
            key=key_of(rule.code, kind, subject, metric, scope, {str(c.value) for c in chosen}),
            severity=graded(rule, severity),
        )


def _gap_rel(a: Interval, b: Interval) -> float:
    gap = a.gap(b)
    scale = max(abs(x) for x in (a.lo, a.hi, b.lo, b.hi) if x not in (float("inf"), float("-inf"))) or 1.0
    return gap / scale


KIND = register(CheckKind(
    name="interval",
    summary="Aligned claims from different documents whose value intervals do not overlap.",
    params=Params,
    run=run,
    slots=("subject", "metric", "scope", "a_quote", "a_where", "a_interval", "b_quote", "b_where", "b_interval",
           "gap", "documents"),
    match={"claims": ["quantity"]},
))
