"""Claims built from several numbers of one sentence.

- composition: a total with its parts, "超過1,900間社群企業，包括超過800間駐園區及接近1,100間非駐園區";
- enumeration: a declared count with the items listed, "十大創新科技領域，包括「…」、「…」…";
- ratio: a stated average with its operands, "逾230個專利，平均每個項目涉及1.5個專利".
"""

from __future__ import annotations

import re
from functools import lru_cache

from factcheck.extract.context import Ctx
from factcheck.extract.nouns import Noun, en_noun_after, zh_noun_after, zh_phrase_after
from factcheck.extract.quantities import Read, clause_start, interval_of, span_end, span_start
from factcheck.lexicon import Lexicon
from factcheck.model import Claim, Interval
from factcheck.normalize.steps import text_key

# What may stand between two parts: the previous part's label, one list separator, the next part's label
# ("間駐園區及", "、海外隊伍", " green building and ").
_ZH_PART_GAP = re.compile(
    r"(?P<a>[^、，,;；。]{0,12}?)\s*(?:、|，|,|;|；|以及|及|和|与|还有|另有)\s*"
    r"(?P<b>(?:(?!分别|来自|为|是|有|达|共|其中|包括|涉及|获|并|而)[^、，,;；。\d]){0,8})"
)
# In English a part's label follows its number: nothing but the separator may stand before the next one
# ("55 university teams and 28 corporate teams, and has funded 43 …" ends at "has").
_EN_PART_GAP = re.compile(
    r"(?P<a>[^,;.]{0,40}?)\s*(?:,\s*and|,|;|\band\b|\bas well as\b|\bplus\b)\s*(?P<b>(?:from|in|at)?\s*)", re.IGNORECASE
)
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
        reach = 24 if ctx.lang == "zh" else 48  # the total's noun phrase, then the marker
        marker = marker_re.search(text, total.after, min(sent[1], total.after + reach + 24))
        of_the = _of_the_total(ctx, total, sent)  # "Of the some 100 exhibitors, 50 are …"; "在約880份作品中，"
        if of_the is not None and (not marker or of_the.start() < marker.start()):
            marker = of_the
        if not marker or marker.start() - total.after > reach:
            continue
        if i + 1 < len(reads) and reads[i + 1].q.start < marker.start():
            continue
        if marker.group(0) in (":", "：") and not _has_total_marker(ctx, total):
            continue
        parts: list[Read] = []
        before_labels: dict[int, str] = {}
        prev_end = marker.end()
        for j in range(i + 1, len(reads)):  # not reads[i + 1:]: a copy per total is quadratic on long documents
            nxt = reads[j]
            if nxt.q.start >= sent[1] or nxt.q.kind != total.q.kind:
                break
            gap = text[prev_end : nxt.q.start]
            if parts:
                # between two parts: the previous part's label, a list separator, this part's label
                m = (_ZH_PART_GAP if ctx.lang == "zh" else _EN_PART_GAP).fullmatch(gap)
                if not m:
                    break
                before_labels[id(nxt)] = m.group("b").strip()
            else:
                if len(gap) > 12:
                    break
                before_labels[id(nxt)] = gap.strip(" ,，:：")
            parts.append(nxt)
            prev_end = nxt.after
        parts = _same_kind(parts, total)
        if not parts:
            continue
        total = _total_of_parts(ctx, reads, i, parts[0], sent)
        part_claims = []
        displays: dict[int, str] = {}
        for part in parts:
            used.add(id(part))
            label, shown = _part_label(ctx, part)
            if not label:
                shown = before_labels.get(id(part), "")
                label = text_key(shown)
            labels[id(part)] = label
            displays[id(part)] = shown
        metric = _metric_key(ctx, total)
        if not metric:
            continue
        for part in parts:
            part_metric = f"{metric}/{labels[id(part)]}" if labels[id(part)] else metric
            part_claims.append(ctx.claim(
                "quantity", part.q.start, part.q.end, interval_of(part.q), metric=part_metric,
                metric_label=displays[id(part)] or ctx.lex.metric_label(metric), number=part.q,
                attrs=(("qualifier", part.q.qualifier), ("unit", part.q.unit), ("part_of", metric),
                       ("step", getattr(part.q, "step", None))),
            ))
        claims.append(ctx.claim(
            "composition", span_start(total), span_end(total), interval_of(total.q), metric=metric,
            metric_label=ctx.lex.metric_label(metric), number=total.q, parts=tuple(part_claims),
            attrs=(("marker", marker.group(0)), ("qualifier", total.q.qualifier)),
        ))
    return claims, labels


_EN_OF_THE = re.compile(r"\b(?:of|out of|among)\s+(?:the|these|those|its|their|all)?\s*$", re.IGNORECASE)
_ZH_IN_TOTAL = re.compile(r"(?:之中|当中|中)\s*[,，]")
_EN_AFTER_TOTAL = re.compile(r",")


def _of_the_total(ctx: Ctx, total: Read, sent: tuple[int, int]) -> re.Match[str] | None:
    """The comma after a total that opens its sentence as "Of the N X," / "在N份X中，": the parts follow."""
    text = ctx.text
    end = span_end(total)
    if ctx.lang == "zh":
        if not re.search(r"在\s*$", text[max(sent[0], total.q.start - 3) : total.q.start]):
            return None
        return _ZH_IN_TOTAL.search(text, end, min(sent[1], end + 6))
    if not _EN_OF_THE.search(text, max(sent[0], total.q.start - 16), total.q.start):
        return None
    return _EN_AFTER_TOTAL.search(text, end, min(sent[1], end + 3))


def _same_kind(parts: list[Read], total: Read) -> list[Read]:
    """Cut the list where a part counts something else than the total and the first part
    ("…77個海外展商，分別來自10個國家": countries are not exhibitors)."""
    def base(read: Read) -> str | None:
        # only a noun right after the number counts: in "900間非駐園區的初創企業" the noun after 的
        # describes every part, and "6 elderly care projects" names the last part's kind loosely
        if not (read.noun and read.noun.metric) or not 0 <= read.noun.start - read.after <= 1:
            return None
        return read.noun.key.split("/")[0]

    if not parts:
        return parts
    kinds = {k for k in (base(total), base(parts[0])) if k}
    for n, part in enumerate(parts[1:], 1):
        k = base(part)
        if k and kinds and k not in kinds:
            return parts[:n]
    return parts


def _counted(read: Read) -> Noun | None:
    """The lexicon noun right after a number (after its classifier), if any."""
    noun = read.noun
    if noun and noun.metric and 0 <= noun.start - read.after <= 1:
        return noun
    return None


def _total_of_parts(ctx: Ctx, reads: list[Read], i: int, first: Read, sent: tuple[int, int]) -> Read:
    """The total the parts belong to: the number before the marker (``reads[i]``), unless it counts
    something else than the parts do and an earlier number of the sentence counts what they do
    ("over 1,800 technology companies and more than 15,000 people, including 1,100 companies at
    …": the companies' total is 1,800, not 15,000), or a count after "from" says where the one
    before it comes from ("More than 500 exhibitors from 15 countries, including 200 start-ups":
    the parts are exhibitors). Parts of a kind of their own stay with the number before the
    marker ("230 member organisations, including 160 fintech companies")."""
    total, part = reads[i], _counted(first)
    noun = _counted(total)
    if part is None or noun is None or _counts_same(noun, part):
        return total
    if i > 0 and reads[i - 1].q.start >= sent[0] and reads[i - 1].q.kind == total.q.kind \
            and _ORIGIN_BEFORE.search(ctx.text, max(sent[0], total.q.start - 6), total.q.start):
        return reads[i - 1]
    for j in range(i - 1, -1, -1):
        earlier = reads[j]
        if earlier.q.start < sent[0]:
            break
        noun = _counted(earlier)
        if noun is not None and earlier.q.kind == total.q.kind and _counts_same(noun, part):
            return earlier
    return total


_ORIGIN_BEFORE = re.compile(r"(?:\bfrom|来自)\s*(?:over|more than|about|some|nearly|近|逾|超过)?\s*$", re.IGNORECASE)  # simplified text


def _counts_same(total: Noun, part: Noun) -> bool:
    """A part counts what its total counts: the same metric, or a noun the total's noun ends with
    ("technology companies" / "companies", "科技公司" / "公司")."""
    if total.key == part.key:
        return True
    return bool(part.text) and text_key(total.text).endswith(text_key(part.text))


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


# up to three words after an English part, not running into a place or a clause: "900 non-resident",
# "700 companies at the InnoCentres" -> "companies"; a part with no noun is told by its place
# ("417 in the InnoParks")
_EN_LABEL_STOP = r"(?:and|or|at|in|of|for|from|to|with|by|on|the|a|an|which|that|who|were|was|are|is)(?![\w\-])"
_EN_PART_LABEL = re.compile(rf"\s*(?!{_EN_LABEL_STOP})([A-Za-z][\w\-]*(?:\s+(?!{_EN_LABEL_STOP})[A-Za-z][\w\-]*){{0,2}})",
                            re.IGNORECASE)
_EN_PLACE_LABEL = re.compile(r"\s*([A-Za-z][\w\-]*(?:\s+(?!and\b)[A-Za-z][\w\-]*){0,2})")


def _part_label(ctx: Ctx, part: Read) -> tuple[str, str]:
    """What tells a part apart, as a key and as written: the words after it ("間駐園區" -> 駐園區;
    "900 non-resident")."""
    text = ctx.text
    if ctx.lang == "zh":
        phrase, start, _e = zh_phrase_after(text, part.after, limit=8)
        phrase = re.split(r"[、，,及和与;；]", phrase)[0]
        return text_key(phrase), ctx.norm.quote(start, start + len(phrase)) if phrase else ""
    m = _EN_PART_LABEL.match(text, part.after, part.after + 40) or _EN_PLACE_LABEL.match(text, part.after, part.after + 40)
    if not m:
        return "", ""
    return text_key(m.group(1)), m.group(1)


def _metric_key(ctx: Ctx, read: Read) -> str:
    if read.noun and read.noun.key:
        return read.noun.key
    return ""


# ----------------------------------------------------------------------------- enumerations

_ZH_DECLARED = re.compile(r"大")
_EN_LIST_END = re.compile(
    r"(?:for|to|with|in|on|at|by|from|which|that|who|where|while|whose|including|such as|as|so|but|"
    r"were|was|are|is|will|would|have|has|had)\b", re.IGNORECASE)
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
            if noun:  # the rest of the noun phrase: "五個主題展區，分別為…"
                _phrase, _s, phrase_end = zh_phrase_after(text, pos, limit=10)
                noun_end = max(noun_end, phrase_end)
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
    return claims


def _items(ctx: Ctx, start: int, end: int) -> tuple[list[str], tuple[int, int] | None, bool]:
    """The items of a list from ``start`` to the sentence end. Returns (items, (min, max) count
    when the split is uncertain or None when it is certain, whether "等"/"etc." ends it).

    Quoted items are certain (separators between them may be missing: “孵化”“投資”). An English
    list split at semicolons is certain; at commas it follows the usual convention that the last
    "and" joins the last two items unless an Oxford comma does. An unquoted Chinese list split at
    、 may hide an item with a 、 of its own, so its count is only an upper bound.
    """
    text = ctx.text[start:end].rstrip("。.;；!! \n")
    open_ended = bool(re.search(r"(?:等|等等|etc\.?|and so on|and more|among others)\s*$", text))
    quoted = list(_QUOTED.finditer(text))
    if len(quoted) >= 2 and quoted[0].start() <= 1:
        items = [quoted[0].group(1)]
        for prev, cur in zip(quoted, quoted[1:]):
            if not re.fullmatch(r"\s*(?:、|,|，|及|和|与|以及|;|and|, and)?\s*", text[prev.end() : cur.start()]):
                break
            items.append(cur.group(1))
        return items, None, open_ended
    if re.match(r"\s*[\d０-９一二两三四五六七八九十]", text):
        return [], None, open_ended  # "including 12 listed companies": a part of the total, not an item list
    if ctx.lang == "zh":
        text = re.split(r"[，,](?!以及|及|和)|[。;；]", text)[0] if "、" in text else text
        pieces = [p for p in re.split(r"、|，以及|,以及|以及|，及|,及", text) if p.strip()]
        if not pieces:
            return [], None, open_ended
        last = pieces[-1]
        extra = 1 if re.search(r"及|和|与", last) else 0
        return pieces, (len(pieces), len(pieces) + extra), open_ended
    if ";" in text:
        pieces = [p.strip() for p in text.split(";") if p.strip()]
        if pieces:
            pieces[-1] = re.sub(r"^(?:and|as well as)\s+", "", pieces[-1])
        return pieces, None, open_ended
    pieces = []
    for piece in (p.strip() for p in text.split(",")):
        if not piece:
            continue
        if pieces and _EN_LIST_END.match(piece):
            break  # "…, and Macao, for support to enter …": the list ended before this phrase
        pieces.append(piece)
    if not pieces:
        return [], None, open_ended
    ands = [bool(re.search(r"(?:^|\s)(?:and|as well as)\s", p)) for p in pieces]
    if any(ands[:-1]):
        # an "and" inside an earlier item ("Central and Eastern Europe, ASEAN and Japan-Korea, and Macao"):
        # the split is uncertain
        return pieces, (len(pieces), len(pieces) + sum(ands)), open_ended
    if re.match(r"(?:and|as well as)\s+", pieces[-1]):
        pieces[-1] = re.sub(r"^(?:and|as well as)\s+", "", pieces[-1])
    elif len(pieces) >= 2 and ands[-1]:
        head, tail = re.split(r"\s(?:and|as well as)\s", pieces[-1], maxsplit=1)
        pieces[-1:] = [head.strip(), tail.strip()]
    return pieces, None, open_ended


# ----------------------------------------------------------------------------- ratios

_ZH_AVG = re.compile(r"平均(?:每|各)(?:(?P<time>日|天|周|星期|个月|月|年)|个|间|家|位|名|项|支|队|件|宗)?")
_EN_AVG = re.compile(r"\b(?:an average of|on average|averaging|average of|average)\b", re.IGNORECASE)
_EN_EACH = re.compile(r"\b(?:each|every)\s+", re.IGNORECASE)
_EN_PER = re.compile(r"\s*(?:[A-Za-z][\w\-]*\s+){0,3}?(?:per|for each|for every|a)\s+(?=[A-Za-z])", re.IGNORECASE)
_EN_DAILY = re.compile(r"\s*(?:[A-Za-z][\w\-]*\s+){0,3}?(daily|weekly|monthly|annually|yearly)\b", re.IGNORECASE)
# A stated average per unit of time is computed over a duration: "平均每日" over "為期3日", "a day"
# over "Running for 2 days". The number parser gives durations these units.
_TIME_UNITS = {"日": "day", "天": "day", "周": "week", "星期": "week", "个月": "month", "月": "month", "年": "year",
               "day": "day", "days": "day", "daily": "day", "week": "week", "weeks": "week", "weekly": "week",
               "month": "month", "months": "month", "monthly": "month", "year": "year", "years": "year",
               "annually": "year", "yearly": "year"}
DURATION_UNITS = ("day", "week", "month", "year")
_EN_OVER_AS_LENGTH = re.compile(r"(?:\bfor|\blast\w*|\bthan|\bto)\s*$", re.IGNORECASE)


def duration_metric(unit: str) -> str:
    """The metric of a duration in ``unit``: what a per-day (per-week …) average divides by.

    >>> duration_metric("day")
    'duration:day'
    """
    return f"duration:{unit}"


def duration_claims(ctx: Ctx, quantities: list) -> list[Claim]:
    """How long something runs ("為期3日", "Running for 2 days", "over two days"): operands of a
    per-day average only, not facts compared across releases. "Over 3 days, …" and "held over
    two days" give the span of the event, not more than it (as "lasting over 3 days" does)."""
    out = []
    for q in quantities:
        if q.kind != "cardinal" or q.unit not in DURATION_UNITS or q.value is None:
            continue
        iv = interval_of(q)
        if q.qualifier == "over" and ctx.lang == "en" and q.text[:4].casefold() == "over":
            before = ctx.text[max(0, q.start - 12) : q.start]
            if not _EN_OVER_AS_LENGTH.search(before):
                iv = Interval.point(q.value)
        out.append(ctx.claim("quantity", q.start, q.end, iv, metric=duration_metric(q.unit),
                             metric_label=f"{q.unit}s", number=q, attrs=(("qualifier", "exact" if iv.lo == iv.hi else q.qualifier),)))
    return out


def _en_den(text: str, pos: int, lex: Lexicon, limit: int) -> str | None:
    """The metric of what an English average is per ("per project", "a day", "each award category")."""
    den = en_noun_after(text, pos, lex, limit=limit)
    if den is None:
        return None
    unit = _TIME_UNITS.get(den.text.casefold())
    return duration_metric(unit) if unit and not den.metric else den.key


def find_ratios(ctx: Ctx, reads: list[Read], claims: list[Claim]) -> list[Claim]:
    """Stated averages ("平均每個項目涉及1.5個專利", "平均每队持有4.6项专利", "an average of HK$250,000
    per team", "2.5 per team", "平均每日入場人次為20,821", "32 entries competed in each category")
    with their operands: the claims of the numerator's and the denominator's metric nearest
    before the average in the release, else nearest after it ("按此計算，平均每個類別有280份" may
    come before "設有五個組別")."""
    text, lex = ctx.text, ctx.lex
    out: list[Claim] = []
    averages: set[int] | None = None
    for r in reads:
        q = r.q
        if q.kind not in ("cardinal", "money"):
            continue
        sent = ctx.sentence_of(q.start)
        den_metric = None
        if ctx.lang == "zh":
            clause = clause_start(ctx, q.start)
            m = None
            for m in _ZH_AVG.finditer(text, clause, q.start):
                pass
            if m is None or any(o.q.start < q.start and o.q.start > m.end() for o in reads):
                continue  # no marker in the clause, or another number stands between marker and this one
            if m.group("time"):
                den_metric = duration_metric(_TIME_UNITS[m.group("time")])
            else:
                den = zh_noun_after(text, m.end(), lex, limit=max(1, q.start - m.end()))
                if den is None:
                    unit = text[m.end() - 1] if m.end() - 1 >= 0 else ""
                    den_metric = lex.metric_terms.get(unit)
                else:
                    den_metric = den.key
        else:
            end = span_end(r)
            per = _EN_PER.match(text, end)
            daily = _EN_DAILY.match(text, end) if not per else None
            before = _EN_AVG.search(text, max(sent[0], q.start - 60), q.start)
            if before and any(before.end() <= o.q.start < q.start for o in reads):
                before = None  # another number follows the marker first: it is the average
            avg = before or _EN_AVG.search(text, end, min(sent[1], end + 60))
            # "each X" before the number ("On average, each project involved 3.1 patents", "Each award
            # category received an average of 54 entries") or after it ("32 entries competed in each category")
            each = None
            if before:
                for each in _EN_EACH.finditer(text, sent[0], q.start):
                    pass
                if each is not None and any(each.end() <= o.q.start < q.start for o in reads):
                    each = None
            if each is None and avg:
                nxt = next((o.q.start for o in reads if o.q.start > end and o.q.start < sent[1]), sent[1])
                each = _EN_EACH.search(text, end, min(nxt, end + 60))
            if avg and per:
                den_metric = _en_den(text, per.end(), lex, 3)
            elif avg and daily:
                den_metric = duration_metric(_TIME_UNITS[daily.group(1).casefold()])
            elif each:
                den_metric = _en_den(text, each.end(), lex, 3)
            else:
                continue
        if not den_metric:
            continue
        if averages is None:  # other stated averages are not operands
            averages = {o.q.start for o in reads if is_average(ctx, o)}
        num_metric = (r.noun.key if r.noun else None) if q.kind == "cardinal" else None
        src_start = ctx.norm.source_span(q.start, q.end)[0]
        skip = {q.start} | averages
        num = _operand(claims, src_start, skip, metric=num_metric, money=q.unit if q.kind == "money" else None,
                       exclude_metric=den_metric)
        dens = _operand(claims, src_start, skip, metric=den_metric)
        if num is None or dens is None or num is dens:
            continue
        num_label = lex.metric_label(num.metric.split("/")[0]) if num.metric else "amount"
        den_label = den_metric.split(":", 1)[1] if den_metric.startswith("duration:") else lex.metric_label(den_metric)
        out.append(ctx.claim(
            "ratio", q.start, span_end(r), interval_of(q), metric=f"{num.metric}/per/{den_metric}",
            metric_label=f"{num_label} per {den_label}", number=q,
            parts=(num, dens), attrs=(("step", getattr(q, "step", None)),),
        ))
    return out


def is_average(ctx: Ctx, r: Read) -> bool:
    """A number stated as an average ("平均每個項目涉及1.5個專利", "an average of 2.5 per team"):
    not a count of its noun, whether or not its operands were found."""
    text = ctx.text
    if ctx.lang == "zh":
        return bool(re.search(r"平均|每(?:个|间|家|位|名|项|支|队|件|宗|日|天|年|月)", text[clause_start(ctx, r.q.start) : r.q.start]))
    sent = ctx.sentence_of(r.q.start)
    before = text[max(sent[0], r.q.start - 30) : r.q.start]
    after = text[span_end(r) : span_end(r) + 16]
    return bool(re.search(r"\baverag", before, re.IGNORECASE) or _EN_PER.match(after) and re.search(r"\baverag", text[sent[0]:sent[1]], re.IGNORECASE))


def _base(metric: str) -> str:
    return metric.split("/")[0].split("+")[0]


def _operand(claims: list[Claim], src_start: int, skip: set[int], *, metric: str | None = None,
             money: str | None = None, exclude_metric: str | None = None) -> Claim | None:
    """The operand claim nearest before the average anywhere in the release (the counts may stand
    in the first paragraph), else the nearest after it. ``skip``: positions of numbers that are
    stated averages themselves (this one included), never operands. A part of a total ("325 from
    companies" of "The 519 entries included …") is an operand only when no whole count is given."""
    whole = _nearest(claims, src_start, skip, metric, money, exclude_metric, parts=False)
    return whole or _nearest(claims, src_start, skip, metric, money, exclude_metric, parts=True)


def _nearest(claims: list[Claim], src_start: int, skip: set[int], metric: str | None, money: str | None,
             exclude_metric: str | None, *, parts: bool) -> Claim | None:
    before = after = None
    for c in claims:
        if c.kind != "quantity" or (c.number is not None and c.number.start in skip):
            continue
        if not parts and c.attr("part_of"):
            continue
        if money is not None:
            if not (c.number is not None and c.number.kind == "money" and (c.number.unit or None) == money):
                continue
        elif metric is not None:
            if _base(c.metric) != _base(metric):
                continue
        else:
            if exclude_metric and _base(c.metric) == _base(exclude_metric):
                continue
            if c.number is None or c.number.kind != "cardinal" or c.metric.startswith("duration:"):
                continue
        if c.start < src_start:
            if before is None or c.start > before.start:
                before = c
        elif c.start > src_start and (after is None or c.start < after.start):
            after = c
    return before or after


def _sentence_before(ctx: Ctx, sent: tuple[int, int], back: int) -> tuple[int, int]:
    k = ctx.sentences.index(sent) if sent in ctx.sentences else 0
    return ctx.sentences[max(0, k - back)]
