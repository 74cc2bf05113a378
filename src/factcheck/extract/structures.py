"""Claims built from several numbers of one sentence.

- composition: a total with its parts, "超過1,900間社群企業，包括超過800間駐園區及接近1,100間非駐園區";
- enumeration: a declared count with the items listed, "十大創新科技領域，包括「…」、「…」…";
- ratio: a stated average with its operands, "逾230個專利，平均每個項目涉及1.5個專利".
"""

from __future__ import annotations

import re
from functools import lru_cache

from factcheck.extract.context import Ctx
from factcheck.extract.nouns import en_noun_after, zh_noun_after, zh_phrase_after
from factcheck.extract.quantities import Read, interval_of, span_end
from factcheck.lexicon import Lexicon
from factcheck.model import Claim, Interval
from factcheck.normalize.steps import text_key

_ZH_LIST_SEP = re.compile(r"^\s*(?:、|，|,|及|和|与|以及|;|；|还有|另有)\s*$")
_EN_LIST_SEP = re.compile(r"^\s*(?:,|;|and|,\s*and|as well as|plus)\s*$", re.IGNORECASE)
_TOTAL_MARKERS_ZH = ("共", "合共", "总共", "共计", "合计", "总计", "一共")
_TOTAL_MARKERS_EN = ("in total", "a total of", "altogether", "in all", "total of", "totalling", "totaling")


@lru_cache(maxsize=8)
def _marker_regex(lexicon: Lexicon, lang: str) -> re.Pattern[str]:
    words = sorted(lexicon.cue(lang, "part_markers"), key=len, reverse=True)
    body = "|".join(map(re.escape, words))
    if lang == "en":
        return re.compile(rf"(?:\b(?:{body})\b|:)", re.IGNORECASE)
    return re.compile(rf"(?:{body}|[:：])")


def find_compositions(ctx: Ctx, reads: list[Read]) -> tuple[list[Claim], dict[int, str]]:
    """Totals followed by their parts. Returns the composition claims and, for each part read
    (by ``id``), the label that tells the part apart ("驻园区", "non-resident")."""
    text, lex = ctx.text, ctx.lex
    claims: list[Claim] = []
    labels: dict[int, str] = {}
    used: set[int] = set()
    marker_re = _marker_regex(lex, ctx.lang)
    for i, total in enumerate(reads):
        if id(total) in used or total.q.kind not in ("cardinal", "money"):
            continue
        sent = ctx.sentence_of(total.q.start)
        stretch_end = min(sent[1], total.after + 24)
        marker = marker_re.search(text, total.after, stretch_end)
        if not marker or (i + 1 < len(reads) and reads[i + 1].q.start < marker.start()):
            continue
        if marker.group(0) in (":", "：") and not _has_total_marker(ctx, total):
            continue
        parts: list[Read] = []
        prev_end = marker.end()
        for j in range(i + 1, len(reads)):  # not reads[i + 1:]: a copy per total is quadratic on long documents
            nxt = reads[j]
            if nxt.q.start >= sent[1] or nxt.q.kind != total.q.kind:
                break
            gap = text[prev_end : nxt.q.start]
            if parts:
                # between two parts: the label of the previous part, then a list separator
                label_end = _label_end(text, parts[-1].after, nxt.q.start)
                if not (_ZH_LIST_SEP if ctx.lang == "zh" else _EN_LIST_SEP).match(text[label_end : nxt.q.start]):
                    break
            elif len(gap) > 12:
                break
            parts.append(nxt)
            prev_end = nxt.after
        if not parts:
            continue
        part_claims = []
        for part in parts:
            used.add(id(part))
            label = _part_label(ctx, part)
            labels[id(part)] = label
        metric = _metric_key(ctx, total)
        if not metric:
            continue
        for part in parts:
            part_metric = f"{metric}/{labels[id(part)]}" if labels[id(part)] else metric
            part_claims.append(ctx.claim(
                "quantity", part.q.start, part.q.end, interval_of(part.q), metric=part_metric,
                metric_label=labels[id(part)] or ctx.lex.metric_label(metric), number=part.q,
                attrs=(("qualifier", part.q.qualifier), ("unit", part.q.unit), ("part_of", metric),
                       ("step", getattr(part.q, "step", None))),
            ))
        claims.append(ctx.claim(
            "composition", total.q.start, span_end(total), interval_of(total.q), metric=metric,
            metric_label=ctx.lex.metric_label(metric), number=total.q, parts=tuple(part_claims),
            attrs=(("marker", marker.group(0)), ("qualifier", total.q.qualifier)),
        ))
    return claims, labels


def _has_total_marker(ctx: Ctx, total: Read) -> bool:
    text = ctx.text
    before = text[max(0, total.q.start - 6) : total.q.start]
    after = text[total.after : total.after + 24].casefold()
    if ctx.lang == "zh":
        return any(before.endswith(m) or m in before for m in _TOTAL_MARKERS_ZH)
    return any(m in after or m in before.casefold() for m in _TOTAL_MARKERS_EN)


def _label_end(text: str, start: int, limit: int) -> int:
    m = re.compile(r"[^、，,及和与;；]*").match(text, start, limit)
    end = m.end() if m else start
    # English: stop before " and " / ", and"
    sub = text[start:end]
    cut = re.search(r"\s+(?:and|as well as|plus)\s*$|\s+(?:and|as well as|plus)\s", sub)
    return start + cut.start() if cut else end


def _part_label(ctx: Ctx, part: Read) -> str:
    """What tells a part apart: the words after it ("间驻园区" -> "驻园区"; "900 non-resident")."""
    text = ctx.text
    if ctx.lang == "zh":
        phrase, _s, _e = zh_phrase_after(text, part.after, limit=8)
        return text_key(phrase)
    m = re.match(r"\s*([A-Za-z][\w\-]*(?:\s+(?!and\b)[A-Za-z][\w\-]*){0,2})", text[part.after : part.after + 40])
    return text_key(m.group(1)) if m else ""


def _metric_key(ctx: Ctx, read: Read) -> str:
    if read.noun and read.noun.key:
        return read.noun.key
    return ""


# ----------------------------------------------------------------------------- enumerations

_ZH_DECLARED = re.compile(r"大")
_QUOTED = re.compile(r"[「『“\"]([^」』”\"]{1,40})[」』”\"]")


@lru_cache(maxsize=8)
def _list_marker_regex(lexicon: Lexicon, lang: str) -> re.Pattern[str]:
    words = sorted(lexicon.cue(lang, "list_markers"), key=len, reverse=True)
    body = "|".join(map(re.escape, words))
    if lang == "en":
        return re.compile(rf"\s*,?\s*(?:\b(?:{body})\b|:)\s*", re.IGNORECASE)
    return re.compile(rf"\s*[，,]?\s*(?:{body}|[:：])\s*")


def find_enumerations(ctx: Ctx, quantities: list) -> list[Claim]:
    """A count followed by the list of its items. Chinese "N大X" counts are read here (they are
    not counts of the noun for ``read_numbers``); English "10 different fields, namely a; b; c"."""
    text, lex = ctx.text, ctx.lex
    claims: list[Claim] = []
    marker_re = _list_marker_regex(lex, ctx.lang)
    exhaustive = lex.cue(ctx.lang, "exhaustive_markers")
    for q in quantities:
        if q.kind != "cardinal" or q.value is None or not float(q.value).is_integer() or not 2 <= q.value <= 100:
            continue
        sent = ctx.sentence_of(q.start)
        if ctx.lang == "zh":
            pos = q.end
            if text.startswith("大", pos):
                pos += 1
            elif q.unit:
                pos = q.end + (len(q.unit) if text.startswith(q.unit, q.end) else 0)
            else:
                continue
            noun = zh_noun_after(text, pos, lex, limit=10)
            noun_end = noun.end if noun else pos
            if not noun:
                phrase, _s, e = zh_phrase_after(text, pos, limit=8)
                if not phrase:
                    continue
                noun_end = e
        else:
            noun = en_noun_after(text, q.end, lex)
            if not noun:
                continue
            noun_end = noun.end
        m = marker_re.match(text, noun_end)
        if not m:
            continue
        items, exact, open_ended = _items(ctx, m.end(), sent[1])
        if not items:
            continue
        marker = m.group(0).strip(" ,，:：").casefold()
        lo, hi = exact if exact else (len(items), len(items))
        noun_key = (noun.key if noun else "") or ""
        claims.append(ctx.claim(
            "enumeration", q.start, noun_end, Interval.point(q.value), metric=noun_key or "items",
            metric_label=(noun.text if noun else text[q.end:noun_end]), number=q,
            attrs=(("listed_min", lo), ("listed_max", hi), ("items", tuple(items)), ("open_ended", open_ended),
                   ("exhaustive", marker in exhaustive), ("quoted", exact is None)),
        ))
        if ctx.lang == "zh" and noun and noun.metric and text.startswith("大", q.end):
            claims.append(ctx.claim("quantity", q.start, noun_end, interval_of(q), metric=noun.metric,
                                    metric_label=lex.metric_label(noun.metric), number=q,
                                    attrs=(("qualifier", q.qualifier), ("declared", True))))
    return claims


def _items(ctx: Ctx, start: int, end: int) -> tuple[list[str], tuple[int, int] | None, bool]:
    """The items of a list from ``start`` to the sentence end. Returns (items, (min, max) count
    when the split is uncertain, None when quoted items make it exact; whether "等"/"etc." ends it)."""
    text = ctx.text[start:end].rstrip("。.;；!! \n")
    open_ended = bool(re.search(r"(?:等|等等|etc\.?|and so on|and more|among others)\s*$", text))
    quoted = list(_QUOTED.finditer(text))
    if len(quoted) >= 2 and quoted[0].start() <= 1:
        # quoted items, joined by 、 / 及 / and: stop at the first quote not joined to the previous one
        items = [quoted[0].group(1)]
        for prev, cur in zip(quoted, quoted[1:]):
            if not re.fullmatch(r"\s*(?:、|,|，|及|和|与|以及|;|and|, and)\s*", text[prev.end() : cur.start()]):
                break
            items.append(cur.group(1))
        return items, None, open_ended
    if ctx.lang == "zh":
        text = re.split(r"[，,](?!以及|及|和)|[。;；]", text)[0] if "、" in text else text
        pieces = [p for p in re.split(r"、|，以及|,以及|以及|，及|,及", text) if p.strip()]
        if not pieces:
            return [], None, open_ended
        # the last piece may hold a final "及/和" joining two items, or one item with 及 inside
        last = pieces[-1]
        extra = 1 if re.search(r"及|和|与", last) else 0
        return pieces, (len(pieces), len(pieces) + extra), open_ended
    sep = ";" if ";" in text else ","
    pieces = [p.strip() for p in text.split(sep) if p.strip()]
    if not pieces:
        return [], None, open_ended
    pieces[-1] = re.sub(r"^(?:and|as well as)\s+", "", pieces[-1])
    ands = sum(1 for p in pieces if re.search(r"\band\b", p))
    if sep == ";":
        return pieces, (len(pieces), len(pieces) + (1 if re.search(r"\band\b", pieces[-1]) and len(pieces) == 1 else 0)), open_ended
    return pieces, (len(pieces), len(pieces) + ands), open_ended


# ----------------------------------------------------------------------------- ratios

_ZH_AVG = re.compile(r"平均每(?:个|间|家|位|名|项|支|队|件|宗)?")
_EN_AVG = re.compile(r"\b(?:an average of|on average|averaging|average of)\b", re.IGNORECASE)


def find_ratios(ctx: Ctx, reads: list[Read], claims: list[Claim]) -> list[Claim]:
    """Stated averages with their operands found among the document's quantity claims."""
    text, lex = ctx.text, ctx.lex
    out: list[Claim] = []
    by_metric: dict[str, list[Claim]] = {}
    for c in claims:
        if c.kind == "quantity":
            by_metric.setdefault(c.metric, []).append(c)
    for r in reads:
        if r.noun is None or r.q.kind != "cardinal":
            continue
        num_metric = r.noun.key
        den_metric = None
        if ctx.lang == "zh":
            m = None
            for m in _ZH_AVG.finditer(text, max(0, r.q.start - 14), r.q.start):
                pass
            if m is None:
                continue
            den = zh_noun_after(text, m.end(), lex, limit=r.q.start - m.end())
            den_metric = den.key if den else None
        else:
            per = re.match(r"\s*(?:per|a|for each|for every)\s+", text[r.noun.end : r.noun.end + 20]) if r.noun.end else None
            avg = _EN_AVG.search(text, max(0, r.q.start - 20), r.q.start) or _EN_AVG.search(text, r.noun.end, r.noun.end + 60)
            if not per or not avg:
                continue
            den = en_noun_after(text, r.noun.end + per.end(), lex, limit=3)
            den_metric = den.key if den else None
        if not den_metric or not num_metric:
            continue
        nums = _nearest(by_metric.get(num_metric, ()), r, ctx)
        dens = _nearest(by_metric.get(den_metric, ()), r, ctx)
        if nums is None or dens is None:
            continue
        out.append(ctx.claim(
            "ratio", r.q.start, span_end(r), interval_of(r.q), metric=f"{num_metric}/per/{den_metric}",
            metric_label=f"{lex.metric_label(num_metric)} per {lex.metric_label(den_metric)}", number=r.q,
            parts=(nums, dens), attrs=(("step", getattr(r.q, "step", None)),),
        ))
    return out


def _nearest(candidates, read: Read, ctx: Ctx) -> Claim | None:
    """The operand claim closest before the average (same sentence first), not the average itself."""
    src_start, _ = ctx.norm.source_span(read.q.start, read.q.end)
    best = None
    for c in candidates:
        if c.start == src_start:
            continue
        distance = src_start - c.start if c.start < src_start else 10**9 + c.start
        if best is None or distance < best[0]:
            best = (distance, c)
    return best[1] if best else None
