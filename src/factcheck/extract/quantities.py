"""Quantity claims: a number, the interval it allows, and what it counts.

"約150個項目參加香港分站賽" -> projects of MiCHK 2023 in [140,160]; "超過 1,900 間社群企業" in a
boilerplate -> Cyberport's community companies as of the release date, (1900,2000].
"累計孵化項目1,020個" reads its noun before the number. A count said to be cumulative
(累計 / 至今 / "to date" / "so far") is a different fact from a count of today
("home to 380 companies" vs "has supported 260 start-ups to date"): its metric carries
``+cum``. Amounts of money are keyed by what they are (投資 / investment, read in the clause
around them) and by currency. Percentages are not aligned (their base is rarely clear).

Every claim also carries its *anchors*: the other numbers of its sentence. Translations keep
their numbers, so two claims whose sentences share anchors are the same statement.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from factcheck.extract.context import Ctx
from factcheck.extract.nouns import Noun, en_noun_after, en_noun_before, zh_noun_after, zh_noun_before
from factcheck.lexicon import Lexicon
from factcheck.model import Claim, Interval
from factcheck.normalize.steps import text_key

COUNT_KINDS = ("cardinal", "money", "percent")
ANCHOR_KINDS = ("cardinal", "money", "percent", "ordinal", "year", "ratio", "fraction")
CUMULATIVE = "+cum"
_EN_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.\-]*)\s*$")
_CLAUSE_BREAK = re.compile(r"[，,；;：:]")


@dataclass(frozen=True, slots=True)
class Read:
    """A number as the extractors see it: the Quantity and the counted noun around it."""

    q: Any  # factcheck.numbers.Quantity
    noun: Noun | None
    after: int  # index just after the number and its classifier
    top: bool = False  # "十強隊伍", "the top 10": a count of the best N, not of all


def interval_of(q: Any) -> Interval:
    lo = q.low if q.low is not None else float("-inf")
    hi = q.high if q.high is not None else float("inf")
    return Interval(lo, hi, bool(getattr(q, "low_open", False)), bool(getattr(q, "high_open", False)))


def skip_unit(text: str, q: Any) -> int:
    """Index after the number and its classifier (the parser's span usually holds the classifier)."""
    pos = q.end
    unit = getattr(q, "unit", None)
    probe = pos
    while probe < len(text) and text[probe] == " ":
        probe += 1
    if unit and text.startswith(unit, probe):
        return probe + len(unit)
    return pos


def read_numbers(ctx: Ctx, quantities: list[Any]) -> list[Read]:
    """Attach the counted noun to every count-like quantity of the document."""
    text, lex = ctx.text, ctx.lex
    out = []
    for q in quantities:
        if q.kind not in COUNT_KINDS or q.value is None:
            continue
        if q.kind == "cardinal" and q.unit and q.unit.isascii() and q.unit != "%":
            continue  # a measure, not a count: 四年 (years), 31,000平方米 (m2), 3 km
        after = skip_unit(text, q)
        top = False
        if ctx.lang == "zh":
            if text.startswith("强", q.end) and q.kind == "cardinal":  # 十強隊伍: the top ten teams
                top, after = True, q.end + 1
            elif _zh_not_a_count(text, q, after, lex):
                continue
            noun = None
            if q.kind == "cardinal" and q.unit and text_key(q.unit) in lex.cue("zh", "counted_classifiers"):
                noun = Noun(lex.metric_of(q.unit), q.unit, after, after)  # 三輪評審: rounds, not judges
            elif q.kind == "cardinal":
                noun = zh_noun_after(text, after, lex, classifier=None if top else q.unit)
                if noun is None or (noun.start == noun.end and not top):
                    before = zh_noun_before(text, q.start, lex, ctx.sentence_of(q.start)[0])
                    noun = before or noun
        else:
            if _en_not_a_count(text, q, lex):
                top = _en_top(text, q)
                if not top:
                    continue
            noun = en_noun_after(text, after, lex) if q.kind == "cardinal" else None
            if q.kind == "cardinal" and (noun is None or noun.metric is None):
                noun = en_noun_before(text, q.start, lex, ctx.sentence_of(q.start)[0]) or noun
        out.append(Read(q, noun, after, top))
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
    if unit in suffixes or (not unit and text.startswith(suffixes, q.end)):
        return True  # "三成", "25周年", "十大": not a count (a classifier before them makes it one: "110個成員")
    before = text[max(0, q.start - 2) : q.start]
    return before.endswith(("每", "第", "前", "约为每")) or (q.start > 0 and text[q.start - 1] in "#№")


def _en_top(text: str, q: Any) -> bool:
    m = _EN_WORD_BEFORE.search(text, max(0, q.start - 20), q.start)
    return bool(m and m.group(1).casefold() == "top")


@lru_cache(maxsize=8)
def _en_address(lexicon: Lexicon) -> re.Pattern[str]:
    """After a house number: up to three capitalised words and a street word ("1 Expo Drive"), or a floor ("38/F")."""
    words = "|".join(re.escape(w) for w in sorted(lexicon.cue("en", "address_words"), key=len, reverse=True)) or r"(?!)"
    # only the street word in any case: "30 cars on the road" is a count
    return re.compile(rf"/F\b|\s+(?:[A-Z][\w'’\-]*\s+){{0,3}}(?i:{words})\b")


def _en_not_a_count(text: str, q: Any, lex: Lexicon) -> bool:
    if _en_address(lex).match(text, q.end):
        return True  # an address: "1 Expo Drive", "38/F"
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


def span_start(r: Read) -> int:
    """Where a count's quote starts: at its noun when the noun is written before it ("累計孵化項目1,020個")."""
    if r.noun and r.noun.end <= r.q.start and r.q.start - r.noun.end <= 8:
        return r.noun.start
    return r.q.start


def clause_start(ctx: Ctx, i: int) -> int:
    s, _e = ctx.sentence_of(i)
    last = s
    for m in _CLAUSE_BREAK.finditer(ctx.text, s, i):
        last = m.end()
    return last


def is_cumulative(ctx: Ctx, r: Read) -> bool:
    """累計 / 至今 before the number in its clause, or "to date" / "so far" just after the noun."""
    markers = ctx.lex.cue(ctx.lang, "cumulative_markers")
    before = ctx.text[clause_start(ctx, r.q.start) : r.q.start].casefold()
    if any(m in before for m in markers):
        return True
    if ctx.lang != "en":
        return False
    # "has organised over 430 industry events to date": the marker closes the clause
    end = span_end(r)
    stop = _CLAUSE_BREAK.search(ctx.text, end, min(len(ctx.text), end + 60))
    after = ctx.text[end : stop.start() if stop else end + 60].casefold()
    # the marker belongs to this number only up to the next number or the next "and"
    after = re.split(r"\.|\d|\band\b|\bwhile\b|\bbut\b", after)[0]
    return any(f" {m}" in f" {after}" for m in markers)


def anchors(ctx: Ctx, q: Any, quantities_by_sentence: dict[tuple[int, int], list[Any]]) -> tuple[str, ...]:
    """The other numbers of the claim's sentence (not dates), as normalised strings."""
    sent = ctx.sentence_of(q.start)
    out = sorted({f"{float(o.value):g}" for o in quantities_by_sentence.get(sent, ())
                  if o is not q and o.kind in ANCHOR_KINDS and o.value is not None})
    return tuple(out)


def group_by_sentence(ctx: Ctx, quantities: list[Any]) -> dict[tuple[int, int], list[Any]]:
    out: dict[tuple[int, int], list[Any]] = {}
    for q in quantities:
        out.setdefault(ctx.sentence_of(q.start), []).append(q)
    return out


def quantity_claims(ctx: Ctx, reads: list[Read], by_sentence: dict[tuple[int, int], list[Any]]) -> list[Claim]:
    claims = []
    for r in reads:
        q = r.q
        metric, label = metric_of(ctx, r)
        if not metric:
            continue
        claims.append(ctx.claim(
            "quantity", span_start(r), span_end(r), interval_of(q), metric=metric, metric_label=label, number=q,
            attrs=(("qualifier", q.qualifier), ("unit", q.unit), ("cumulative", metric.endswith(CUMULATIVE)),
                   ("step", getattr(q, "step", None)), ("number_text", q.text),
                   ("anchors", anchors(ctx, q, by_sentence))),
        ))
    return claims


@lru_cache(maxsize=8)
def _money_regex(lexicon: Lexicon) -> re.Pattern[str]:
    terms = sorted(lexicon.money_terms, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, terms)) or r"(?!)", re.IGNORECASE)


def metric_of(ctx: Ctx, r: Read) -> tuple[str, str]:
    """(metric key, label) of a read number; ("", "") when it cannot be aligned."""
    metric, label = _base_metric(ctx, r)
    if not metric:
        return "", ""
    if r.top:
        metric, label = f"{metric}/top", f"{label} (the top)"
    if is_cumulative(ctx, r):
        metric, label = metric + CUMULATIVE, f"{label} (cumulative)"
    return metric, label


def _base_metric(ctx: Ctx, r: Read) -> tuple[str, str]:
    q = r.q
    if q.kind == "money":
        s, e = ctx.sentence_of(q.start)
        window_start = max(clause_start(ctx, q.start), q.start - 16, s)
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
