"""Helpers shared by the check kinds: evidence from claims, quoting, value formatting."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from factcheck.model import Claim, Evidence, Interval

if TYPE_CHECKING:
    from factcheck.align import Alignment

_SPACE = re.compile(r"\s+")
CONTEXT_CHARS = 240


def quote(claim: Claim, alignment: Alignment) -> str:
    doc = alignment.documents[claim.doc]
    return _SPACE.sub(" ", doc.source[claim.start : claim.end]).strip()


def context(claim: Claim, alignment: Alignment) -> str:
    """The sentence around a claim, white space collapsed, cut to about 240 characters around it."""
    doc = alignment.documents[claim.doc]
    s, e = claim.sentence if claim.sentence != (0, 0) else (claim.start, claim.end)
    s, e = min(s, claim.start), max(e, claim.end)
    if e - s > CONTEXT_CHARS:
        middle = (claim.start + claim.end) // 2
        s = max(s, middle - CONTEXT_CHARS // 2)
        e = min(e, s + CONTEXT_CHARS)
        return "…" + _SPACE.sub(" ", doc.source[s:e]).strip() + "…"
    return _SPACE.sub(" ", doc.source[s:e]).strip()


def json_value(value: Any) -> Any:
    if isinstance(value, Interval):
        if value.lo == value.hi:
            return _num(value.lo)
        return str(value)
    return value


def _num(x: float) -> Any:
    if math.isinf(x):
        return None
    return int(x) if float(x).is_integer() else x


def stated_value(claim: Claim) -> Any:
    """The number as written (4 for 第四度, 1800 for 超過 1,800), else the claim's value."""
    if claim.kind == "role":
        return claim.attr("display") or claim.attr("person")
    q = claim.number
    if q is not None and getattr(q, "value", None) is not None:
        return q.value
    return json_value(claim.value)


def evidence(claim: Claim, alignment: Alignment, role: str = "") -> Evidence:
    doc = alignment.documents[claim.doc]
    interval = str(claim.value) if isinstance(claim.value, Interval) and claim.value.lo != claim.value.hi else None
    return Evidence(
        doc=claim.doc,
        path=doc.path,
        line=doc.line_of(claim.start),
        start=claim.start,
        end=claim.end,
        text=doc.source[claim.start : claim.end],
        value=stated_value(claim),
        context=context(claim, alignment),
        role=role,
        date=claim.date.isoformat() if claim.date else None,
        interval=interval,
        section=claim.section.value if claim.section else None,
    )


def where(claim: Claim, alignment: Alignment) -> str:
    doc = alignment.documents[claim.doc]
    return f"{claim.doc}:{doc.line_of(claim.start)}"


def fmt_num(x: float) -> str:
    if math.isinf(x):
        return "∞" if x > 0 else "-∞"
    if float(x).is_integer():
        return f"{int(x):,}"
    return f"{x:,.4g}"


def describe(iv: Interval) -> str:
    """An interval in words a reviewer reads without the notation: "more than 1,800 and at most 1,900"."""
    if iv.lo == iv.hi:
        return fmt_num(iv.lo)
    lo = None if math.isinf(iv.lo) else fmt_num(iv.lo)
    hi = None if math.isinf(iv.hi) else fmt_num(iv.hi)
    if lo and hi:
        left = "more than" if iv.lo_open else "at least"
        right = "under" if iv.hi_open else "at most"
        return f"{left} {lo} and {right} {hi}"
    if lo:
        return f"{'more than' if iv.lo_open else 'at least'} {lo}"
    if hi:
        return f"{'under' if iv.hi_open else 'at most'} {hi}"
    return "any value"


ROUND_SLACK_REL = 0.05


def rounding_slack(value: float, step: float) -> float:
    """How far an unqualified number may stand from the value it was rounded from.

    Half its step when it has two significant digits or more (150 covers 145–155, 1.5 covers
    1.45–1.55). A number of one significant digit is rarely a rounding of a count: nobody
    writes "10 countries" for 13, nor "20 judges" for 24; it keeps at most 5% of slack
    ("2,000" still covers 1,990 in a translation), not half its leading digit (which would make
    "10" cover 5 to 15).

    >>> rounding_slack(150, 10), rounding_slack(1.5, 0.1), rounding_slack(10, 10), rounding_slack(2000, 1000)
    (5.0, 0.05, 0.5, 100.0)
    """
    half = step / 2
    if step and abs(value) < 10 * step:  # one significant digit: 10, 20, 300, 2,000
        return min(half, abs(value) * ROUND_SLACK_REL)
    return half


def widen(iv: Interval, claim: Claim, precision: str, tolerance_rel: float = 0.0) -> Interval:
    """An exact number stands for what rounds to it when ``precision == "stated"``: 1.5 -> [1.45, 1.55)
    (see ``rounding_slack`` for numbers of one significant digit)."""
    step = claim.attr("step") or getattr(claim.number, "step", None)
    lo, hi, lo_open, hi_open = iv.lo, iv.hi, iv.lo_open, iv.hi_open
    if precision == "stated" and step and iv.lo == iv.hi and claim.attr("qualifier", "exact") == "exact":
        slack = rounding_slack(iv.lo, step)
        lo, hi, lo_open, hi_open = iv.lo - slack, iv.hi + slack, False, True
    if tolerance_rel:
        slack_lo = abs(lo) * tolerance_rel if not math.isinf(lo) else 0
        slack_hi = abs(hi) * tolerance_rel if not math.isinf(hi) else 0
        lo, hi = lo - slack_lo, hi + slack_hi
    return Interval(lo, hi, lo_open, hi_open)


def all_overlap(intervals: Sequence[Interval]) -> bool:
    if not intervals:
        return True
    acc = intervals[0]
    for iv in intervals[1:]:
        acc = acc.intersect(iv)
        if acc.empty:
            return False
    return True


def key_of(*parts: Iterable[Any] | Any) -> str:
    """A stable identity string from normalised parts (never offsets)."""
    flat: list[str] = []
    for part in parts:
        if isinstance(part, (list, tuple, set, frozenset)):
            flat.append("[" + ",".join(sorted(str(p) for p in part)) + "]")
        else:
            flat.append(str(part))
    return "|".join(flat)


def doc_date(claim: Claim) -> str:
    return claim.date.isoformat() if claim.date else "undated"


def graded(rule: Any, severity: Any) -> Any:
    """A check may grade a finding below its rule's severity, never above it; a severity the
    user set in the configuration applies to every finding of the rule."""
    if getattr(rule, "severity_forced", False):
        return rule.severity
    return min(severity, rule.severity)


def divide(a: Interval, b: Interval) -> Interval | None:
    """a / b for positive intervals (None when b may be 0 or either is unbounded below 0)."""
    if b.lo <= 0 or a.lo < 0:
        return None
    lo = a.lo / b.hi if not math.isinf(b.hi) else 0.0
    hi = a.hi / b.lo
    return Interval(lo, hi, a.lo_open or b.hi_open, a.hi_open or b.lo_open)
