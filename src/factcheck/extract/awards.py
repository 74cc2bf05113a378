"""Award ranks: who won which place in a contest.

- "A及B分別奪得冠亞軍" (respectively: A 1st, B 2nd), "而C則得到季軍";
- "由A、B及C獲得季軍" (a list sharing one rank);
- "A，以…獲得冠軍，以及B，以…，獲得亞軍" (each contestant before its own verb);
- "A, B and C won Champion, First Runner-up and Second Runner-up honours respectively".

An award claim's value is the place (1 = champion); the contestant's names are in ``attrs``
("zh", "en") and its provisional subject is a name key that factcheck.align replaces with the
entity the names belong to. The scope is the event edition the sentence is about.
"""

from __future__ import annotations

import re
from functools import lru_cache

from factcheck.extract.context import Ctx
from factcheck.extract.names import Name, find_names, split_en_list, split_zh_list
from factcheck.lexicon import Lexicon
from factcheck.model import Claim, Interval
from factcheck.normalize.steps import text_key

_ZH_COMBINED = re.compile(r"([冠亚季殿])((?:\s*[、,]?\s*[冠亚季殿])+)\s*军")
_ZH_PLACE = {"冠": 1, "亚": 2, "季": 3, "殿": 4}


@lru_cache(maxsize=8)
def _zh_rank_regex(lexicon: Lexicon) -> re.Pattern[str]:
    words = sorted((w for w in lexicon.ranks if not w.isascii()), key=len, reverse=True)
    verbs = sorted(lexicon.cue("zh", "award_verbs"), key=len, reverse=True)
    combined = r"[冠亚季殿](?:\s*[、,]?\s*[冠亚季殿])+\s*军"
    one = "|".join([combined, *(re.escape(w) for w in words)])
    # "分別獲得亞軍及季軍", "分別奪得銀獎及銅獎": several ranks joined
    ranks = rf"(?:{one})(?:\s*(?:及|和|与|、|,|以及)\s*(?:{one}))*"
    return re.compile(rf"(?P<verb>{'|'.join(map(re.escape, verbs))})了?(?:本届|今届|是次|大赛|比赛|赛事)?(?:的)?(?P<rank>{ranks})")


@lru_cache(maxsize=8)
def _en_rank_regex(lexicon: Lexicon) -> re.Pattern[str]:
    words = sorted((w for w in lexicon.ranks if w.isascii()), key=len, reverse=True)
    verbs = sorted(lexicon.cue("en", "award_verbs"), key=len, reverse=True)
    rank = "|".join(re.escape(w) for w in words)
    ranks = rf"(?:the\s+)?(?:{rank})(?:\s*(?:,|and|,\s*and)\s*(?:the\s+)?(?:{rank}))*"
    return re.compile(
        rf"\b(?P<verb>{'|'.join(map(re.escape, verbs))})\s+(?:as\s+)?(?P<rank>{ranks})(?:\s+(?:honours|honors|awards?|prizes?|titles?|places?))?(?P<resp>,?\s+respectively)?",
        re.IGNORECASE,
    )


def find_awards(ctx: Ctx, names: list[Name] | None = None) -> list[Claim]:
    names = find_names(ctx) if names is None else names
    if ctx.lang == "zh":
        found = _zh_awards(ctx, names) + _zh_rank_first(ctx, names)
    else:
        found = _en_awards(ctx) + _en_rank_first(ctx) + _en_came(ctx)
    seen: set[tuple[int, int, str]] = set()
    out = []
    for c in sorted(found, key=lambda c: (c.start, c.end)):
        key = (c.start, c.end, str(c.value))
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out


# "冠軍城視分析（UrbanEye Analytics）團隊", "季軍得主綠脈科技", "冠軍由雲帆智能奪得", "季軍則為…的醫程科技",
# "頒發大學組季軍予潮汐實驗室"
_ZH_RANK_FIRST = re.compile(
    r"(?P<rank>冠军|亚军|季军|殿军|金奖|银奖|铜奖)(?P<glue>得主|则由|由|则为|则是|为|是|予|给)?"
)
_ZH_PAST = re.compile(r"(?:去年|上届|上一届|前届|往届|历届|前年|曾获|曾夺|曾经)[^，。,;；]{0,4}$")
_ZH_NAME_RUN = re.compile(r"[\u4e00-\u9fff]{2,16}")


def _zh_rank_first(ctx: Ctx, names: list[Name]) -> list[Claim]:
    text, lex = ctx.text, ctx.lex
    claims = []
    for m in _ZH_RANK_FIRST.finditer(text):
        if _ZH_PAST.search(text, max(0, m.start() - 8), m.start()):
            continue
        place = lex.ranks.get(m.group("rank"))
        if not place:
            continue
        clause_end = _clause_end(text, m.end())
        glue = m.group("glue") or ""
        inside = [n for n in names if m.end() <= n.span[0] and n.span[1] <= clause_end]
        name = None
        if glue in ("由", "则由"):
            # "銅獎則由眾濃生物科技有限公司獲得": the name stands between 由 and the verb
            name = inside[-1] if inside else None
            if name is None:
                verb = re.compile("|".join(map(re.escape, lex.cue("zh", "award_verbs")))).search(text, m.end(), clause_end)
                if verb:
                    name = _leading_name(ctx, m.end(), verb.start())
        elif inside and inside[0].span[0] - m.end() <= (24 if glue else 0):
            name = inside[0]
        if name is None and not glue.endswith("由"):
            run = _ZH_NAME_RUN.match(text, m.end())
            if run:
                name = _leading_name(ctx, run.start(), run.end())
        if name is None:
            continue
        claims.append(_award_claim(ctx, name, place, m.start(), m.end(), 1))
    return claims


def _clause_end(text: str, i: int) -> int:
    m = re.compile(r"[，,。；;!?！？\n]").search(text, i)
    return m.start() if m else len(text)


def _leading_name(ctx: Ctx, start: int, end: int) -> Name | None:
    """The longest company-like name at the start of a Chinese run ("綠脈科技團隊與評審合照" -> 綠脈科技)."""
    from factcheck.extract.names import looks_like_zh_name

    for stop in range(end, start + 1, -1):
        candidate = ctx.text[start:stop]
        if looks_like_zh_name(candidate, ctx.lex):
            return Name(candidate, (start, stop), None, None, "name after the rank")
    return None


_EN_PLACE_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4}


@lru_cache(maxsize=8)
def _en_rank_first_regex(lexicon: Lexicon) -> re.Pattern[str]:
    words = sorted((w for w in lexicon.ranks if w.isascii()), key=len, reverse=True)
    rank = "|".join(re.escape(w) for w in words)
    return re.compile(
        rf"\b(?P<rank>{rank})(?:\s+(?:title|award|prize|place|honours?))?\s+(?:went to|was won by|was awarded to|"
        r"was claimed by|was taken by|went to the team from)\s+",
        re.IGNORECASE,
    )


_EN_NAME_AT = re.compile(r"(?:the\s+)?([A-Z][\w&'’\-]*(?:\s+(?:[A-Z][\w&'’\-]*|&|and|of|\([A-Z]{2,4}\)))*)")


def _en_rank_first(ctx: Ctx) -> list[Claim]:
    """"First runner-up went to GreenPulse Technologies"."""
    text, lex = ctx.text, ctx.lex
    claims = []
    for m in _en_rank_first_regex(lex).finditer(text):
        place = lex.ranks.get(text_key(m.group("rank")))
        n = _EN_NAME_AT.match(text, m.end())
        if not place or not n:
            continue
        name = n.group(1)
        name = re.sub(r"\s+(?:and|of|&)$", "", name)
        claims.append(_award_claim(ctx, Name(None, None, name, (n.start(1), n.start(1) + len(name)), "named after the rank"),
                                   place, m.start(), m.end("rank"), 1))
    return claims


_EN_CAME = re.compile(r"\b(?:came|finished|placed|ranked|was placed|was ranked)\s+(?P<place>first|second|third|fourth)\b",
                      re.IGNORECASE)


def _en_came(ctx: Ctx) -> list[Claim]:
    """"Aeolus Robotics, last year's champion, came third"."""
    text = ctx.text
    claims = []
    for m in _EN_CAME.finditer(text):
        sent = ctx.sentence_of(m.start())
        listed = [n for n in split_en_list(text, sent[0], m.start()) if not _is_frame(n.en or "")]
        if len(listed) != 1:
            continue
        place = _EN_PLACE_WORDS[m.group("place").casefold()]
        claims.append(_award_claim(ctx, listed[0], place, m.start(), m.end(), 1))
    return claims


def _ranks_of(word: str, lexicon: Lexicon) -> list[int]:
    """Places named by a rank phrase: "冠亞軍" -> [1, 2]; "銀獎及銅獎" -> [2, 3]; "季軍" -> [3]."""
    out: list[int] = []
    for piece in re.split(r"及|和|与|以及|(?<=[军奖])\s*[、,]", re.sub(r"\s+", "", word)):
        if not piece:
            continue
        if _ZH_COMBINED.fullmatch(piece):
            out += [_ZH_PLACE[c] for c in piece if c in _ZH_PLACE]
            continue
        place = lexicon.ranks.get(text_key(piece))
        if not place:
            return []
        out.append(place)
    return out


def _zh_awards(ctx: Ctx, names: list[Name]) -> list[Claim]:
    text, lex = ctx.text, ctx.lex
    claims: list[Claim] = []
    respectively = lex.cue("zh", "respectively")
    prev_end: dict[tuple[int, int], int] = {}
    for m in _zh_rank_regex(lex).finditer(text):
        sent = ctx.sentence_of(m.start())
        region_start = max(sent[0], prev_end.get(sent, sent[0]))
        prev_end[sent] = m.end()
        ranks = _ranks_of(m.group("rank"), lex)
        if not ranks:
            continue
        listed = split_zh_list(ctx, region_start, m.start(), names)
        if not listed:
            continue
        between = text[listed[-1].span[1] : m.start()]
        resp = any(r in between for r in respectively) or any(r in text[region_start : m.start()] for r in respectively)
        if len(ranks) > 1:
            if not resp or len(listed) != len(ranks):
                continue
            pairs = list(zip(listed, ranks))
        else:
            pairs = [(name, ranks[0]) for name in listed]
        for name, place in pairs:
            claims.append(_award_claim(ctx, name, place, m.start("verb"), m.end("rank"), len(listed)))
    return claims


_EN_AFFILIATION = re.compile(r",?\s+(?:from|representing)\s+(?:the\s+)?[A-Z][^,;]*$")


def _en_awards(ctx: Ctx) -> list[Claim]:
    text, lex = ctx.text, ctx.lex
    claims: list[Claim] = []
    prev_end: dict[tuple[int, int], int] = {}
    for m in _en_rank_regex(lex).finditer(text):
        sent = ctx.sentence_of(m.start())
        region_start = max(sent[0], prev_end.get(sent, sent[0]))
        prev_end[sent] = m.end()
        rank_words = re.split(r"\s*(?:,\s*and|,|and)\s*", m.group("rank"))
        ranks = [lex.ranks.get(text_key(re.sub(r"^the\s+", "", w, flags=re.I))) for w in rank_words if w.strip()]
        if not ranks or any(r is None for r in ranks):
            continue
        region_end = m.start()
        # "X has been named / was crowned": drop the auxiliary before the verb
        aux = re.search(r"\s+(?:has been|have been|was|were|is|are|had|has|have)\s*$", text[region_start:region_end])
        if aux:
            region_end = region_start + aux.start()
        # "BrightArm Robotics from the Hong Kong University of Science and Technology won": the
        # contestant, not its school
        affiliation = _EN_AFFILIATION.search(text, region_start, region_end)
        if affiliation:
            region_end = affiliation.start()
        listed = split_en_list(text, region_start, region_end)
        listed = [n for n in listed if not _is_frame(n.en or "")]
        if not listed:
            continue
        if len(ranks) > 1:
            if not m.group("resp") or len(listed) != len(ranks):
                continue
            pairs = list(zip(listed, ranks))
        elif len(listed) == 1:
            pairs = [(listed[0], ranks[0])]
        else:
            continue
        for name, place in pairs:
            claims.append(_award_claim(ctx, name, int(place), m.start("verb"), m.end("rank"), len(listed)))
    return claims


_FRAME_WORDS = re.compile(r"^(?:The|In|At|During|This|These|They|It|He|She|Final|Finally|Of|On)\b")


def _is_frame(name: str) -> bool:
    """Sentence openers that are not contestants ("The MiCHK 2023 Final was held ... A won ...")."""
    return bool(_FRAME_WORDS.match(name)) or len(name.split()) > 12


def _award_claim(ctx: Ctx, name: Name, place: int, rank_start: int, rank_end: int, listed: int) -> Claim:
    start, end = name.span
    key = f"name:{text_key(name.zh or name.en or '')}"
    subject = ctx.subject(rank_start)
    return ctx.claim(
        "award", start, end, Interval.point(place),
        subject=(key, name.zh or name.en or "", "the contestant named before the rank", subject[3]),
        metric="rank", metric_label="award rank",
        attrs=(("zh", name.zh), ("en", name.en), ("event", subject[0]), ("event_label", subject[1]),
               ("rank_text", ctx.norm.quote(rank_start, rank_end)), ("listed", listed),
               ("rank_span", ctx.norm.source_span(rank_start, rank_end))),
    )
