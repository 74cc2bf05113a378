"""Check kind ``drift``: a stock fact (community size, staff, funds) over time.

Claims about one subject and metric, stated as of different release dates, form a history. A
change is reported once, as the whole history in date order (info); a count that only grows
(cumulative: marked in the lexicon, or said with 累計 / "to date") and shrinks is suspicious.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from factcheck.checks import CheckKind, register
from factcheck.checks.base import all_overlap, describe, evidence, graded, key_of, widen
from factcheck.model import Finding, Interval, Severity


@dataclass(frozen=True)
class Params:
    direction: str = "any"  # "any": every change is reported; "decrease": only a fall of a cumulative count
    precision: str = "exact"
    min_dates: int = 2


def run(rule, alignment) -> Iterator[Finding]:
    p: Params = rule.params
    kinds = tuple(rule.match.get("claims", ("quantity",)))
    series: dict[tuple[str, str], list] = defaultdict(list)
    for (kind, subject, metric, scope), claims in alignment.of_kind(*kinds):
        if scope.startswith("asof:") and scope != "asof:undated":
            series[(subject, metric)].append((scope[5:], claims))
    for (subject, metric), dated in sorted(series.items()):
        if len(dated) < p.min_dates:
            continue
        history: list[tuple[str, list[Interval], list]] = []
        for day, claims in sorted(dated):
            per_doc: dict[str, list] = defaultdict(list)
            for c in claims:
                per_doc[c.doc].append(c)
            values: list[Interval] = []
            kept: list = []
            for items in per_doc.values():
                doc_ivs = [widen(c.value, c, p.precision) for c in items]
                if not all_overlap(doc_ivs):
                    continue  # one release, several values for the key: ambiguous
                acc = doc_ivs[0]
                for iv in doc_ivs[1:]:
                    acc = acc.intersect(iv)
                if not any(acc.overlaps(v) for v in values):
                    values.append(acc)
                kept.extend(items)
            if kept:
                history.append((day, values, kept))
        if len(history) < p.min_dates:
            continue
        if p.direction == "decrease":
            # a count that only grows falls: its later value is below the earlier one, or an old
            # figure comes back after a larger one ("over 400", "over 430", then "over 400" again:
            # the intervals overlap, but the later release repeats a superseded boilerplate)
            falls = [(a, b) for n, (a, b) in enumerate(zip(history, history[1:]))
                     if any(all(_lower_floor(v, u) for u in a[1])
                            and (not any(v.overlaps(u) for u in a[1]) or _restated(v, history[:n]))
                            for v in b[1])]
            if not falls or not _cumulative(alignment, metric, history):
                continue
            severity = Severity.WARNING
        else:
            # a change: a value of the later day that no value of the earlier day allows
            changes = [(a, b) for a, b in zip(history, history[1:])
                       if any(not any(v.overlaps(u) for u in a[1]) for v in b[1])]
            if not changes:
                continue
            severity = Severity.INFO
        first = history[0][2][0]
        label = first.metric_label or metric
        text = " → ".join(f"{' / '.join(describe(v) for v in values)} ({day})" for day, values, _ in history)
        yield rule.make_finding(
            slots={"subject": first.subject_label, "metric": label, "history": text,
                   "first": " / ".join(describe(v) for v in history[0][1]),
                   "last": " / ".join(describe(v) for v in history[-1][1]),
                   "since": history[0][0], "until": history[-1][0]},
            subject=first.subject_label,
            metric=label,
            evidence=[evidence(c, alignment, role=day) for day, _values, items in history for c in _one_per_doc(items)],
            # the values, not the dates: restating a known value later leaves the id unchanged
            key=key_of(rule.code, subject, metric, {str(v) for _day, values, _ in history for v in values}),
            severity=graded(rule, severity),
        )


def _one_per_doc(claims) -> list:
    seen: set[str] = set()
    out = []
    for c in claims:
        if c.doc not in seen:
            seen.add(c.doc)
            out.append(c)
    return out


def _restated(value: Interval, earlier: list) -> bool:
    """The value was stated before, and superseded since: an old boilerplate copied again."""
    return any(value == v for _day, values, _items in earlier for v in values)


def _lower_floor(later: Interval, earlier: Interval) -> bool:
    """The later statement allows less than the earlier one's least value."""
    return later.lo < earlier.lo or (later.lo == earlier.lo and later.lo_open is False and earlier.lo_open is True
                                      and later.hi < earlier.hi)


def _below(later: Interval, earlier: Interval) -> bool:
    return later.hi < earlier.lo or (later.hi == earlier.lo and (later.hi_open or earlier.lo_open))


def _cumulative(alignment, metric: str, history) -> bool:
    base = metric.split("/")[0]
    m = alignment.lexicon.metrics.get(base)
    if m is not None and m.cumulative:
        return True
    return any(c.attr("cumulative") for _day, _iv, items in history for c in items)


KIND = register(CheckKind(
    name="drift",
    summary="The history of a stock fact across release dates, when its value changes.",
    params=Params,
    run=run,
    slots=("subject", "metric", "history", "first", "last", "since", "until"),
    match={"claims": ["quantity"]},
))
