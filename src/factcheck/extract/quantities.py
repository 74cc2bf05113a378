"""Quantity claims: a number, the interval it allows, and what it counts.

"約150個項目參加香港分站賽" -> projects of MiCHK 2023 in [140,160]; "超過 1,900 間社群企業" in a
boilerplate -> Cyberport's community companies as of the release date, (1900,2000].
Amounts of money are keyed by what they are (投資 / investment, read in the clause around them)
and by currency. Percentages are kept as claims but not aligned (their base is rarely clear).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from factcheck.extract.context import Ctx
from factcheck.extract.nouns import Noun, en_noun_after, zh_noun_after
from factcheck.lexicon import Lexicon
from factcheck.model import Claim, Interval
from factcheck.normalize.steps import text_key

COUNT_KINDS = ("cardinal", "money", "percent")
_EN_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.\-]*)\s*$")


@dataclass(frozen=True, slots=True)
class Read:
    """A number as the extractors see it: the Quantity and the counted noun after it."""

    q: Any  # factcheck.numbers.Quantity
    noun: Noun | None
    after: int  # index just after the number and its classifier


def interval_of(q: Any) -> Interval:
    lo = q.low if q.low is not None else float("-inf")
    hi = q.high if q.high is not None else float("inf")
    return Interval(lo, hi, bool(getattr(q, "low_open", False)), bool(getattr(q, "high_open", False)))


def skip_unit(text: str, q: Any) -> int:
    """Index after the number, its classifier and any trailing qualifier ("150隊以上")."""
    pos = q.end
    while pos < len(text) and text[pos] == " ":
        pos += 1
    unit = getattr(q, "unit", None)
    if unit and not unit.isascii() and text.startswith(unit, pos):
        pos += len(unit)
    elif unit and text.startswith(unit, pos):
        pos += len(unit)
    else:
        pos = q.end
    return pos


def read_numbers(ctx: Ctx, quantities: list[Any]) -> list[Read]:
    """Attach the counted noun to every count-like quantity of the document."""
    text, lex = ctx.text, ctx.lex
    out = []
    for q in quantities:
        if q.kind not in COUNT_KINDS or q.value is None:
            continue
        after = skip_unit(text, q)
        if ctx.lang == "zh":
            if _zh_not_a_count(text, q, after, lex):
                continue
            noun = zh_noun_after(text, after, lex, classifier=q.unit) if q.kind == "cardinal" else None
        else:
            if _en_not_a_count(text, q, lex):
                continue
            noun = en_noun_after(text, after, lex) if q.kind == "cardinal" else None
        out.append(Read(q, noun, after))
    return out


@lru_cache(maxsize=8)
def _not_count_suffixes(lexicon: Lexicon) -> tuple[str, ...]:
    return tuple(sorted(lexicon.cue("zh", "not_count_suffixes"), key=len, reverse=True))


def _zh_not_a_count(text: str, q: Any, after: int, lex: Lexicon) -> bool:
    unit = text_key(getattr(q, "unit", None) or "")
    numeral = text[getattr(q, "number_start", q.start) : getattr(q, "number_end", q.end)]
    if not unit and q.kind == "cardinal" and not any(ch.isdigit() for ch in numeral):
        return True  # a Chinese numeral counts with a classifier (三間, 兩支); bare ones are words (一直, 一批)
    suffixes = _not_count_suffixes(lex)
    if unit in suffixes or text.startswith(suffixes, q.end):
        return True
    before = text[max(0, q.start - 2) : q.start]
    return before.endswith(("每", "第", "前", "约为每")) or (q.start > 0 and text[q.start - 1] in "#№")


def _en_not_a_count(text: str, q: Any, lex: Lexicon) -> bool:
    m = _EN_WORD_BEFORE.search(text, max(0, q.start - 20), q.start)
    if m and m.group(1).casefold() in set(lex.cue("en", "not_count_prefixes")) | {"top", "per", "each", "every", "no."}:
        return True
    if q.end < len(text) and (text[q.end] == "-" or text[q.end].isalpha()):
        return True  # "one-on-one", "3D", "5G"
    return q.start > 0 and (text[q.start - 1] in "-#/" or text[q.start - 1].isalpha())


def span_end(r: Read) -> int:
    """Where a count's quote ends: after its noun when the noun follows closely ("約150個項目",
    "250 people"), else after the number ("148" in "148 local innovation … projects")."""
    q = r.q
    if r.noun and r.noun.end > q.end and r.noun.start - r.after <= 6:
        return r.noun.end
    return q.end


def quantity_claims(ctx: Ctx, reads: list[Read]) -> list[Claim]:
    claims = []
    cumulative = ctx.lex.cue(ctx.lang, "cumulative_markers")
    for r in reads:
        q = r.q
        metric, label = _metric(ctx, r)
        if not metric:
            continue
        s, _e = ctx.sentence_of(q.start)
        before = ctx.text[s : q.start].casefold()
        is_cumulative = any(m in before for m in cumulative)
        claims.append(ctx.claim(
            "quantity", q.start, span_end(r), interval_of(q), metric=metric, metric_label=label, number=q,
            attrs=(("qualifier", q.qualifier), ("unit", q.unit), ("cumulative", is_cumulative),
                   ("step", getattr(q, "step", None)), ("number_text", q.text)),
        ))
    return claims


@lru_cache(maxsize=8)
def _money_regex(lexicon: Lexicon) -> re.Pattern[str]:
    terms = sorted(lexicon.money_terms, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, terms)) or r"(?!)", re.IGNORECASE)


def _metric(ctx: Ctx, r: Read) -> tuple[str, str]:
    q = r.q
    if q.kind == "money":
        s, e = ctx.sentence_of(q.start)
        window_start = max(s, q.start - 16)
        window_end = min(e, r.after + 10)
        best = None
        for m in _money_regex(ctx.lex).finditer(ctx.text, window_start, window_end):
            distance = q.start - m.end() if m.end() <= q.start else m.start() - r.after
            if best is None or distance < best[0]:
                best = (distance, m)
        if best is None:
            return "", ""
        what = ctx.lex.money_terms[best[1].group(0).casefold()]
        currency = q.unit or "money"
        return f"{what}:{currency}", f"{ctx.lex.metric_label(what)} ({currency})"
    if q.kind == "percent":
        return "", ""
    if r.noun is None:
        return "", ""
    if r.noun.metric:
        return r.noun.metric, ctx.lex.metric_label(r.noun.metric)
    return r.noun.key or "", r.noun.text
