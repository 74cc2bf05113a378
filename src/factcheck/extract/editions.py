"""Editions of an event series: "第四度於數碼港順利舉行", "第5屆", "the fifth time the regional
chapter has taken place", "the 3rd edition"; and counts of editions held: "已成功舉辦三屆",
"has been held four times".

An ``edition`` claim says edition ``n`` took place in year ``y`` (its scope); an
``editions_held`` claim says ``n`` editions had been held by the edition of year ``y``. Both
imply the year of the first edition, ``y - n + 1``, which the edition-sequence check compares.
"""

from __future__ import annotations

import re
from functools import lru_cache

from factcheck.extract.context import Ctx
from factcheck.lexicon import Lexicon
from factcheck.model import Claim, Interval
from factcheck.normalize.steps import text_key


@lru_cache(maxsize=8)
def _verbs(lexicon: Lexicon, lang: str) -> re.Pattern[str]:
    words = sorted(lexicon.cue(lang, "edition_verbs"), key=len, reverse=True)
    flags = re.IGNORECASE if lang == "en" else 0
    return re.compile("|".join(rf"\b{re.escape(w)}\b" if lang == "en" else re.escape(w) for w in words) or r"(?!)", flags)


@lru_cache(maxsize=8)
def _en_counters(lexicon: Lexicon) -> re.Pattern[str]:
    words = sorted(lexicon.cue("en", "edition_counters"), key=len, reverse=True)
    return re.compile(r"\s+(" + "|".join(map(re.escape, words)) + r")\b", re.IGNORECASE)


_CONSECUTIVE = re.compile(r"\s+consecutive\s+(?:times|editions|sessions|years)\b", re.IGNORECASE)


def find_editions(ctx: Ctx, quantities: list) -> list[Claim]:
    claims = []
    for q in quantities:
        if q.value is None or not float(q.value).is_integer() or not 1 <= q.value <= 500:
            continue
        found = _zh(ctx, q) if ctx.lang == "zh" else _en(ctx, q)
        if found is None:
            continue
        kind, end = found
        subject = ctx.subject(q.start)
        if not subject[0].startswith("series:"):
            subject = _event_named(ctx, q.start)
            if subject is None:
                continue  # an edition of what? without a series there is nothing to compare
        year = subject[3].split(":", 1)[1]
        metric = "edition-ordinal" if kind == "edition" else "editions-held"
        label = "edition ordinal" if kind == "edition" else "editions held"
        claims.append(ctx.claim(
            kind, q.start, end, Interval.point(q.value), subject=subject, metric=metric, metric_label=label,
            number=q, attrs=(("year", int(year) if year.isdigit() else None),),
        ))
    return claims


def _event_named(ctx: Ctx, i: int) -> tuple[str, str, str, str] | None:
    """The release's own event when the sentence at ``i`` names it, wherever the sentence stands: a
    boilerplate "About the Conference" counts the Conference's editions, not its organiser's
    ("中国国际人才交流大会创办于2000年，……至今已连续举办二十一届")."""
    event = ctx.event
    if event is None or event.year is None or not event.label:
        return None
    s, e = ctx.sentence_of(i)
    if text_key(event.label) not in text_key(ctx.text[s:e]):
        return None
    return (f"series:{event.series}", event.label, "sentence: names the release's event", f"edition:{event.year}")


def _names_series_after(ctx: Ctx, end: int) -> bool:
    """Whether a series name (the release's event, or one from the lexicon) starts right after
    ``end`` (after blanks)."""
    text = ctx.text
    start = end
    while start < len(text) and text[start] == " ":
        start += 1
    if start == end:
        return False
    event = ctx.event
    if event is not None and event.label and text[start : start + len(event.label)].casefold() == event.label.casefold():
        return True
    found = ctx.series_in(text[start : start + 80])
    return bool(found) and found[0][0] == 0


def _zh(ctx: Ctx, q) -> tuple[str, int] | None:
    text = ctx.text
    counters = ctx.lex.cue("zh", "edition_counters")
    unit = text_key(q.unit or "")
    after = q.end + (len(unit) if unit and text.startswith(unit, q.end) else 0)
    if not unit:
        for c in counters:
            if text.startswith(c, q.end):
                unit, after = c, q.end + len(c)
                break
    if unit not in counters:
        return None
    sent = ctx.sentence_of(q.start)
    verbs = _verbs(ctx.lex, "zh")
    if q.kind == "ordinal":
        if unit == "届" or verbs.search(text, after, min(sent[1], after + 16)):
            return ("edition", after)
        return None
    if q.kind == "cardinal" and unit in ("届", "次"):
        before = text[max(sent[0], q.start - 8) : q.start]
        if verbs.search(before):
            return ("editions_held", after)
    return None


def _en(ctx: Ctx, q) -> tuple[str, int] | None:
    text = ctx.text
    m = _en_counters(ctx.lex).match(text, q.end)
    sent = ctx.sentence_of(q.start)
    verbs = _verbs(ctx.lex, "en")
    unit = (q.unit or "").casefold()
    if q.kind == "ordinal" and (m or unit in ctx.lex.cue("en", "edition_counters")):
        word, end = (m.group(1).casefold(), m.end()) if m else (unit, q.end)
        if word in ("edition", "annual", "instalment", "installment") or verbs.search(text, sent[0], sent[1]):
            return ("edition", end)
        return None
    if q.kind == "ordinal" and _names_series_after(ctx, q.end):
        return ("edition", q.end)  # "The 21st China International Talent Exchange Conference opened"
    if q.kind == "ordinal":
        # "is being held for the ninth year", "now in its ninth year"
        year = re.match(r"\s+(?:consecutive\s+)?year\b", text[q.end : q.end + 24])
        framed = re.search(r"\b(?:for the|in its|in their)\s+$", text[max(sent[0], q.start - 12) : q.start])
        if year and framed and verbs.search(text, sent[0], sent[1]):
            return ("edition", q.end + year.end())
        if year and re.search(r"\bin its\s+$", text[max(sent[0], q.start - 8) : q.start]):
            return ("edition", q.end + year.end())
    if q.kind == "cardinal":
        held = re.match(r"\s+(times|editions)\b", text[q.end : q.end + 12])
        if held and verbs.search(text, max(sent[0], q.start - 30), sent[1]):
            return ("editions_held", q.end + held.end())
        # "has been held for 21 consecutive sessions / years"
        run = _CONSECUTIVE.match(text, q.end)
        if run and re.search(r"\bfor\s+$", text[max(sent[0], q.start - 6) : q.start]) \
                and verbs.search(text, max(sent[0], q.start - 30), q.start):
            return ("editions_held", run.end())
    return None
