"""Person–title pairs: "政府資訊科技總監林偉喬表示", "the Government Chief Information Officer,
Mr Tony Wong", "Deputy Director General of ... Professor Song Lai".

A role claim is keyed by the title (a lexicon id, plus the organisation for titles that are only
unique inside one) and holds the person: ``value`` is a person key ("zh:林伟乔", "en:tony wong").
Chinese and English forms of one person are linked later (factcheck.align) by romanisation.
"""

from __future__ import annotations

import re
from functools import lru_cache

from factcheck.extract.context import Ctx
from factcheck.lexicon import Lexicon
from factcheck.model import Claim
from factcheck.normalize.steps import name_key, text_key

# Title heads for titles the lexicon does not list (keyed in their own language, with their organisation).
_ZH_GENERIC_HEADS = ("主席", "总裁", "总监", "主任", "局长", "部长", "处长", "署长", "秘书长", "司长", "会长", "院长",
                     "校长", "理事长", "总经理", "董事长", "首席执行官", "执行董事", "总干事", "副秘书长", "副会长",
                     "副院长", "副校长", "副总裁", "副总经理", "创办人", "联合创办人", "创始人", "首席资源官",
                     "首席技术官", "首席运营官", "首席财务官", "首席公众使命官")
_ZH_UNIQUE_GENERIC = ("主席", "总裁", "会长", "院长", "校长", "理事长", "董事长", "司长", "局长", "署长", "处长", "总干事",
                      "总经理", "首席执行官")
_ZH_CONTINUATION = re.compile(
    r"(?:教授|博士|先生|女士|小姐|议员|太平绅士|工程师|医生|律师|院士)?"
    r"(?=[，。、；：:（(「“\",;!?.)）]|\s|表示|指出|说|称|致辞|致词|希望|深信|认为|强调|透露|鼓励|感谢|期望|相信|在视频|发言|总结|"
    r"寄语|提到|介绍|亦|也|则|在|于|今天|今日|日前|出席|主持|颁发|见证|宣布|续说|补充|及|和|与|等|为|向|同|带领|率领|"
    r"陪同|颁奖|致|分享|透露|宣读|担任|获|$)"
)
_FORMER_ZH = re.compile(r"(?:前任|原任|时任|上任|卸任|退任)[^，。、,;；]{0,20}$|(?:前|原)$")
_FORMER_EN = re.compile(r"\b(?:former|then|ex-|outgoing|previous|late|retired|founding)\s+(?:[A-Z][\w\-]*\s+){0,3}$", re.IGNORECASE)
_ZH_STRONG_AFTER = re.compile(r"(?:教授|博士|先生|女士|小姐|议员|太平绅士|工程师|医生|律师|院士|表示|指出|说|称|致辞|致词|强调|认为)")
_ZH_SEPARATOR = re.compile(r"\s*(?:[（(][^）)]{1,20}[）)])?\s*")
# A title starts where a word starts, takes words whole and runs to at most 25 words: linear time
# on runs of capitalised words ("Mr Mr Mr…", "IMIMIM…") that would otherwise be rescanned from each letter.
_EN_ROLE = re.compile(
    r"(?<![\w\-’'])(?P<title>[A-Z][\w\-’']*+(?:\s+(?:[A-Z][\w\-’']*+|of|the|for|and|in|on|&|SME|SMEs|I&T)){0,24}?)"
    r"\s*,?\s+(?P<hon>Mr|Ms|Mrs|Miss|Dr|Professor|Prof|Ir|Sir)\.?\s+"
    r"(?P<name>[A-Z][a-z]+(?:-[a-z]+)?(?:[\s\-][A-Z][a-z]+(?:-[a-z]+)?){0,3})\b"
)


@lru_cache(maxsize=8)
def _zh_title_regex(lexicon: Lexicon) -> re.Pattern[str]:
    terms = {text_key(t) for title in lexicon.titles.values() for t in title.zh}
    terms.update(_ZH_GENERIC_HEADS)
    return re.compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)))


@lru_cache(maxsize=8)
def _surnames(lexicon: Lexicon) -> tuple[frozenset[str], frozenset[str]]:
    single = frozenset(s for s in lexicon.surnames if len(s) == 1)
    double = frozenset(s for s in lexicon.surnames if len(s) == 2)
    return single, double


@lru_cache(maxsize=8)
def _en_titles(lexicon: Lexicon) -> tuple[tuple[str, str], ...]:
    pairs = [(text_key(t), tid) for tid, title in lexicon.titles.items() for t in title.en]
    return tuple(sorted(pairs, key=lambda p: len(p[0]), reverse=True))


def find_roles(ctx: Ctx) -> list[Claim]:
    return _zh_roles(ctx) if ctx.lang == "zh" else _en_roles(ctx)


def _zh_roles(ctx: Ctx) -> list[Claim]:
    text, lex = ctx.text, ctx.lex
    single, double = _surnames(lex)
    claims: list[Claim] = []
    last_org: tuple[int, str, str] | None = None  # (position, org key, label) for lists "A公司X官甲、Y官乙"
    for m in _zh_title_regex(lex).finditer(text):
        if text.startswith("兼", m.end()):  # "行政總裁兼創辦人鄭嘉泓": the next title names the person
            continue
        if _FORMER_ZH.search(text, max(0, m.start() - 24), m.start()):
            continue  # "前任行政總裁梁家明": a past holder
        sep = _ZH_SEPARATOR.match(text, m.end())
        name_start = sep.end() if sep else m.end()
        person = _zh_person(text, name_start, single, double)
        if person is None:
            continue
        name = text[name_start : name_start + person]
        title_word = m.group(0)
        tid = lex.title_terms.get(title_word)
        title = lex.titles.get(tid) if tid else None
        org_key, org_label = _zh_org_before(ctx, m.start())
        if not org_key and last_org and 0 < m.start() - last_org[0] < 40 and text[m.start() - 1] in "、，及和":
            org_key, org_label = last_org[1], last_org[2]
        if org_key:
            last_org = (name_start + person, org_key, org_label)
        needs_org = title.org if title else True
        if needs_org and not org_key:
            continue
        unique = title.unique if title else title_word in _ZH_UNIQUE_GENERIC
        base = tid or f"zh:{title_word}"
        key = f"{base}@{org_key}" if needs_org else base
        label = (title.label if title else ctx.norm.quote(m.start(), m.end()))
        if needs_org:
            label = f"{label}, {org_label}"
        claims.append(ctx.claim(
            "role", name_start, name_start + person, f"zh:{text_key(name)}",
            subject=(f"title:{key}", label, "title and organisation before the name", _asof(ctx)),
            metric="holder", metric_label="holder",
            attrs=(("title", base), ("title_text", ctx.norm.quote(m.start(), m.end())), ("unique", unique),
                   ("person", name), ("display", ctx.norm.quote(name_start, name_start + person)), ("org", org_key)),
        ))
    return claims


def _asof(ctx: Ctx) -> str:
    return f"asof:{ctx.date.isoformat()}" if ctx.date else "asof:undated"


def _zh_person(text: str, i: int, single: frozenset[str], double: frozenset[str]) -> int | None:
    """Length of a Chinese personal name starting at ``text[i]`` (2–4 characters), judged by the
    surname and by what follows (an honorific, a speech verb, punctuation)."""
    if i >= len(text) or not ("\u4e00" <= text[i] <= "\u9fff"):
        return None
    known = text[i : i + 2] in double or text[i] in single
    lengths = (4, 3) if text[i : i + 2] in double else (3, 2)
    for n in lengths:
        chunk = text[i : i + n]
        if len(chunk) < n or not all("\u4e00" <= c <= "\u9fff" for c in chunk):
            continue
        follow = _ZH_CONTINUATION.match(text, i + n)
        if follow is None:
            continue
        if not known and not _ZH_STRONG_AFTER.match(text, i + n):
            continue  # an unknown surname needs an honorific or a speech verb after the name
        return n
    return None


_ORG_BOUNDARY = re.compile(r".*[，。、；：:「」『』“”\"()（）\s及由为是的兼]", re.DOTALL)


_ORG_TAIL_NOISE = re.compile(r"(?:新任|现任|候任|署理|代理|首任|第一任)+$")
_ORG_HEAD_NOISE = re.compile(r"^(?:香港特别行政区|香港)(?=.{2,})")


def _zh_org_before(ctx: Ctx, end: int) -> tuple[str, str]:
    """The organisation written right before a title: "數碼港行政總裁" -> Cyberport. Returns a
    name key (resolved through the entity graph by factcheck.align) and the name as written."""
    start = max(0, end - 40)
    m = _ORG_BOUNDARY.match(ctx.text, start, end)
    if m:
        start = m.end()
    tail = _ORG_TAIL_NOISE.search(ctx.text, start, end)
    if tail:
        end = tail.start()
    chunk = ctx.text[start:end]
    if not ctx.lex.org_of(chunk):
        head = _ORG_HEAD_NOISE.match(chunk)
        if head and head.end() < len(chunk):
            start += head.end()
            chunk = ctx.text[start:end]
    if len(chunk) < 2:
        return "", ""
    oid = ctx.lex.org_of(chunk) or ctx.lex.org_of("香港" + chunk)
    label = ctx.lex.orgs[oid].label if oid else ctx.norm.quote(start, end)
    return f"name:{name_key(chunk)}", label


def _en_roles(ctx: Ctx) -> list[Claim]:
    text, lex = ctx.text, ctx.lex
    claims: list[Claim] = []
    found: list[tuple[int, int, str, str, str, int]] = []  # (name start, name end, name, title phrase, honorific, title start)
    for m in _EN_ROLE.finditer(text):
        found.append((m.start("name"), m.end("name"), m.group("name"), m.group("title"), m.group("hon"), m.start("title")))
    for m in _en_name_title_regex(lex).finditer(text):
        found.append((m.start("name"), m.end("name"), m.group("name"), m.group("title"), m.group("hon"), m.start("title")))
    for m in _en_title_name_regex(lex).finditer(text):
        found.append((m.start("name"), m.end("name"), m.group("name"), m.group("title"), m.group("hon"), m.start("title")))
    seen: set[tuple[int, str]] = set()
    for name_start, name_end, name, title_text, hon, title_start in sorted(found):
        if _FORMER_EN.search(text, max(0, title_start - 40), title_start):
            continue
        phrase = re.sub(r"^(?:the|The)\s+", "", title_text)
        roles = _parse_en_title(phrase, lex)
        for tid, org_key, org_label, unique, title_text in roles:
            title = lex.titles.get(tid) if tid and not tid.startswith("en:") else None
            needs_org = title.org if title else True
            if needs_org and not org_key:
                continue
            key = f"{tid}@{org_key}" if needs_org else tid
            label = title.label if title else title_text
            if needs_org:
                label = f"{label}, {org_label}"
            if (name_start, key) in seen:
                continue
            seen.add((name_start, key))
            claims.append(ctx.claim(
                "role", name_start, name_end, f"en:{name.casefold()}",
                subject=(f"title:{key}", label, "title before the name", _asof(ctx)),
                metric="holder", metric_label="holder",
                attrs=(("title", tid), ("title_text", title_text), ("unique", unique), ("person", name),
                       ("org", org_key), ("honorific", hon)),
            ))
    return claims


@lru_cache(maxsize=8)
def _en_name_title_regex(lexicon: Lexicon) -> re.Pattern[str]:
    """"Dr Jane Lau, Chief Executive Officer of KBIC": the name first, then a lexicon title."""
    titles = sorted({t for title in lexicon.titles.values() for t in title.en}, key=len, reverse=True)
    alternation = "|".join(re.escape(t) for t in titles) or r"(?!)"
    return re.compile(
        r"\b(?P<hon>Mr|Ms|Mrs|Miss|Dr|Professor|Prof|Ir|Sir)\.?\s+(?P<name>[A-Z][a-z]+(?:-[a-z]+)?(?:[\s\-][A-Z][a-z]+(?:-[a-z]+)?){0,3}),\s+"
        rf"(?P<title>(?:the\s+)?(?:{alternation})(?:\s+(?:of|at|for)\s+(?:the\s+)?[A-Z][\w&'’\-]*(?:\s+(?:[A-Z][\w&'’\-]*|of|and|for|the|in|&))*)?)",
    )


@lru_cache(maxsize=8)
def _en_title_name_regex(lexicon: Lexicon) -> re.Pattern[str]:
    """"The Permanent Secretary for Innovation, Technology and Industry, Ms Joyce Tam": a lexicon
    title (commas and all), its organisation, then the name."""
    titles = sorted({t for title in lexicon.titles.values() for t in title.en}, key=len, reverse=True)
    alternation = "|".join(re.escape(t) for t in titles) or r"(?!)"
    org = r"(?:\s+(?:of|at|for)\s+(?:the\s+)?[A-Z][\w&'’\-]*(?:\s+(?:[A-Z][\w&'’\-]*|of|and|for|the|in|&))*)?"
    return re.compile(
        rf"(?P<title>\b(?:{alternation}){org})\s*,?\s+(?P<hon>Mr|Ms|Mrs|Miss|Dr|Professor|Prof|Ir|Sir)\.?\s+"
        r"(?P<name>[A-Z][a-z]+(?:-[a-z]+)?(?:[\s\-][A-Z][a-z]+(?:-[a-z]+)?){0,3})\b"
    )


@lru_cache(maxsize=8)
def _en_title_split(lexicon: Lexicon) -> re.Pattern[str]:
    """Where "… and Director of …" starts a second title."""
    starts = "|".join(re.escape(t) for t, _ in _en_titles(lexicon)) or r"(?!)"
    return re.compile(rf"\s+and\s+(?=(?:{starts})\b)", re.IGNORECASE)


def _parse_en_title(phrase: str, lex: Lexicon) -> list[tuple[str, str, str, bool, str]]:
    """Split "Deputy Secretary General of X and Director of Y" into (title id, org key, org label,
    unique, title text) tuples."""
    parts = _en_title_split(lex).split(phrase)
    out = []
    for part in parts:
        key = text_key(part)
        tid = None
        rest = key
        for term, candidate in _en_titles(lex):
            if key.startswith(term) and (len(key) == len(term) or not key[len(term)].isalnum()):
                tid, rest = candidate, key[len(term):]
                break
        org_text = ""
        om = re.match(r"\s*(?:of|at|for)\s+(?:the\s+)?(.+)$", rest)
        if om:
            org_text = om.group(1).strip()
            org_text_display = part[len(part) - len(org_text):] if len(org_text) <= len(part) else org_text
        else:
            org_text_display = ""
        org_id = lex.org_of(org_text) if org_text else None
        if org_id:
            org_key, org_label = f"name:{name_key(org_text)}", lex.orgs[org_id].label
        elif org_text:
            org_key, org_label = f"name:{name_key(org_text)}", org_text_display
        else:
            org_key, org_label = "", ""
        if tid is None:
            head = re.split(r"\s+(?:of|at|for)\s+", key)[0]
            tid = f"en:{head}"
            unique = head in {"chairman", "chairperson", "chief executive officer", "president", "director-general"}
        else:
            unique = lex.titles[tid].unique
        out.append((tid, org_key, org_label, unique, part))
    return out
