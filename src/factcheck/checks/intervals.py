"""Check kind ``interval``: one fact, values that cannot all be true.

Claims with the same key (subject, metric, scope) from different documents must have overlapping
intervals. Two ways tell which statements are about the same thing:

- the same sentence in two versions of a release: translations keep their numbers, so two claims
  whose sentences share at least ``min_anchors`` other numbers are one statement;
- a key stated once per document: a document that gives one key several values that disagree
  among themselves ("1,100 companies" and "278 companies", about different things) is ambiguous
  for that key and is compared only through shared sentences.
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
    min_anchors: int = 2  # other numbers two sentences must share to be one statement in two releases
    max_group: int = 400  # larger groups are compared document by document only


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
            if any(c.attr("weak_subject") for c in items):
                continue  # the subject was only guessed (the issuer): compared through shared sentences only
            ivs = [widen(c.value, c, p.precision, p.tolerance_rel) for c in items]
            if not all_overlap(ivs):
                continue  # ambiguous in this document
            acc = ivs[0]
            for iv in ivs[1:]:
                acc = acc.intersect(iv)
            docs.append((doc, acc, items))
        pairs = [(a, b) for i, a in enumerate(docs) for b in docs[i + 1 :] if not a[1].overlaps(b[1])]
        if len(claims) <= p.max_group:
            pairs += _same_sentence_conflicts(per_doc, p)
        if not pairs:
            continue  # pairwise compatible (no single value fits all, but each pair can be read alike)
        a, b = max(pairs, key=lambda ab: _gap_rel(ab[0][1], ab[1][1]))
        gap = _gap_rel(a[1], b[1])
        severity = Severity.ERROR if gap >= p.error_gap_rel else Severity.WARNING
        chosen = list(dict.fromkeys(c for pair in pairs for side in pair for c in side[2]))
        chosen.sort(key=lambda c: (c.doc, c.start))
        involved = {c.doc for c in chosen}
        ca, cb = a[2][0], b[2][0]
        label = ca.metric_label or metric
        yield rule.make_finding(
            slots={
                "subject": ca.subject_label, "metric": label, "scope": scope.split(":", 1)[-1],
                "a_quote": quote(ca, alignment), "a_where": where(ca, alignment), "a_interval": describe(ca.value),
                "b_quote": quote(cb, alignment), "b_where": where(cb, alignment), "b_interval": describe(cb.value),
                "gap": f"{gap:.0%}", "documents": str(len(involved)),
            },
            subject=ca.subject_label,
            metric=label,
            evidence=[evidence(c, alignment) for c in chosen],
            key=key_of(rule.code, kind, subject, metric, scope, {str(c.value) for c in chosen}),
            severity=graded(rule, severity),
        )


def _same_sentence_conflicts(per_doc, p: Params) -> list:
    """Conflicting claims of two documents whose sentences share other numbers (one statement,
    two versions). Returned in the shape of document summaries: (doc, interval, [claim])."""
    out = []
    docs = sorted(per_doc)
    for i, da in enumerate(docs):
        for db in docs[i + 1 :]:
            for a in per_doc[da]:
                anchors_a = set(a.attr("anchors") or ())
                if len(anchors_a) < p.min_anchors:
                    continue
                for b in per_doc[db]:
                    anchors_b = set(b.attr("anchors") or ())
                    shared = anchors_a & anchors_b
                    if len(shared) < p.min_anchors:
                        continue
                    if _number(a) in anchors_b or _number(b) in anchors_a:
                        continue  # the other sentence states this number too: a different claim of it
                    ia, ib = widen(a.value, a, p.precision, p.tolerance_rel), widen(b.value, b, p.precision, p.tolerance_rel)
                    if not ia.overlaps(ib):
                        out.append(((da, ia, [a]), (db, ib, [b])))
    return out


def _number(c) -> str:
    value = getattr(c.number, "value", None)
    return f"{float(value):g}" if value is not None else ""


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
