"""Names of organisations as a release writes them.

- a Chinese name with its English name in brackets: "破境創新科技（Calandex Innovation & Technology）";
- a Chinese name run into its English name: "濃說科技Wizpresso";
- an English name with a legal suffix: "Calandex Innovation and Technology (HK) Company Limited";
- the items of a list of contestants: "由A、B及C獲得季軍".

Positions are indices into the normalised text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from factcheck.extract.context import Ctx
from factcheck.lexicon import Lexicon

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# A word taken whole (possessive). The legal-name scan below starts only where a word starts and
# looks at most 16 words back from the legal suffix, so a long run of capitalised words, digits
# ("1-2-1-2…", "0 0 0…") or dotted letters costs linear time, not quadratic.
_EN_WORD = r"[A-Z0-9][\w&'’.\-]*+"
# A Chinese run followed by an English name in brackets.
# Runs start where a Chinese run starts and are taken whole (possessive), so the scan is linear;
# the code keeps the last 24 characters of a longer run.
_ZH_EN_BRACKET = re.compile(
    rf"(?<![{CJK}])([{CJK}]{{2,}}+)\s*[（(]\s*([A-Z0-9][A-Za-z0-9&'’.,\- ]{{0,80}}?[A-Za-z0-9.])\s*[)）]"
)
# A Chinese run directly followed by a capitalised English name ("濃說科技Wizpresso", "鏈元雲實驗室Zengen
# Innovation & Technology").
_ZH_EN_ADJACENT = re.compile(
    rf"(?<![{CJK}])([{CJK}]{{2,}}+)\s?([A-Z][A-Za-z0-9&\-]*[a-z0-9][A-Za-z0-9&\-]*(?: (?:& )?[A-Z][A-Za-z0-9&\-]+){{0,4}})(?![A-Za-z0-9])"
)
_LEGAL_EN = r"(?:Company Limited|Co\.,? Ltd\.?|Limited|Ltd\.?|Inc\.?|Corporation|Corp\.?|LLC|PLC|GmbH)"
_EN_LEGAL_NAME = re.compile(
    rf"(?<![\w&'’.\-])({_EN_WORD}(?:\s+(?:{_EN_WORD}|and|&|of|for|the|\([A-Z]{{2,4}}\))){{0,15}}?\s+{_LEGAL_EN})"
    r"(?![A-Za-z])"
)
_BOUNDARY_ZH = re.compile(
    r".*(?:的|由|及|而|则|以|在|于|向|对|将|把|被|让|使|令|从|给|、|以及|包括|至于|分别是|当中|其中|，|,|:|：|;|；)",
    re.DOTALL,
)


@dataclass(frozen=True, slots=True)
class Name:
    """One mention of an organisation: its Chinese and/or English form with their positions."""

    zh: str | None
    zh_span: tuple[int, int] | None
    en: str | None
    en_span: tuple[int, int] | None
    how: str

    @property
    def span(self) -> tuple[int, int]:
        spans = [s for s in (self.zh_span, self.en_span) if s]
        return (min(s[0] for s in spans), max(s[1] for s in spans))


@lru_cache(maxsize=8)
def _prefixes(lexicon: Lexicon) -> tuple[str, ...]:
    return tuple(sorted(lexicon.cue("zh", "name_prefixes"), key=len, reverse=True))


@lru_cache(maxsize=8)
def _places(lexicon: Lexicon) -> tuple[str, ...]:
    return tuple(sorted(lexicon.cue("zh", "places"), key=len, reverse=True))


@lru_cache(maxsize=8)
def _prefix_regex(lexicon: Lexicon) -> re.Pattern[str]:
    words = _prefixes(lexicon)
    return re.compile("|".join(map(re.escape, words)) or r"(?!)")


@lru_cache(maxsize=8)
def _heads(lexicon: Lexicon) -> tuple[str, ...]:
    return tuple(sorted(lexicon.cue("zh", "name_heads"), key=len, reverse=True))


def trim_zh_name(run: str, lexicon: Lexicon) -> tuple[int, str]:
    """The name at the end of a Chinese run: cut after the last boundary word, then drop
    descriptor prefixes. Returns (offset into ``run``, name).

    >>> from factcheck.lexicon import builtin_lexicon
    >>> trim_zh_name("大赛最终由数码港社群初创复耳科技", builtin_lexicon())
    (12, '复耳科技')
    >>> trim_zh_name("研发介质传导助听器的复耳科技", builtin_lexicon())
    (10, '复耳科技')
    >>> trim_zh_name("而香港破境创新科技", builtin_lexicon())
    (3, '破境创新科技')
    """
    offset = 0
    m = _BOUNDARY_ZH.match(run)
    if m and len(run) - m.end() >= 2:
        offset = m.end()
    # the last descriptor word with a name still after it ("大數據服務商數瀾科技", "去年季軍智聆科技")
    for d in _prefix_regex(lexicon).finditer(run, offset):
        if len(run) - d.end() >= 2:
            offset = max(offset, d.end())
    changed = True
    while changed:
        changed = False
        for prefix in (*_places(lexicon), *_prefixes(lexicon)):
            if run.startswith(prefix, offset) and len(run) - offset - len(prefix) >= 2:
                offset += len(prefix)
                changed = True
                break
    return offset, run[offset:]


_NOT_IN_NAME = re.compile(r"[的以在于由及，,。、;；:：]")


def leading_zh_name(run: str, lexicon: Lexicon) -> tuple[int, str] | None:
    """A company name at the start of a run, after descriptor words: "去年冠軍得主風神機械人今年以…"
    -> 風神機械人. The longest prefix that ends like a name and holds no boundary word.

    >>> from factcheck.lexicon import builtin_lexicon
    >>> leading_zh_name("去年冠军得主风神机械人今年以可在夜间检查的机械人", builtin_lexicon())
    (6, '风神机械人')
    """
    offset = 0
    changed = True
    while changed:
        changed = False
        for prefix in (*_places(lexicon), *_prefixes(lexicon)):
            if run.startswith(prefix, offset) and len(run) - offset - len(prefix) >= 2:
                offset += len(prefix)
                changed = True
                break
    stop = _NOT_IN_NAME.search(run, offset)
    end = stop.start() if stop else len(run)
    for cut in range(min(end, offset + 16), offset + 1, -1):
        candidate = run[offset:cut]
        if looks_like_zh_name(candidate, lexicon):
            return offset, candidate
    return None


def looks_like_zh_name(name: str, lexicon: Lexicon) -> bool:
    """A company name ends with a typical head word (科技, 數據, 有限公司, ...) and is not only that."""
    if not 2 <= len(name) <= 16:
        return False
    return any(name.endswith(h) and len(name) > len(h) for h in _heads(lexicon))


def find_names(ctx: Ctx) -> list[Name]:
    """Every name mention with a Chinese and an English form side by side, plus English legal names."""
    text, lex = ctx.text, ctx.lex
    out: list[Name] = []
    taken = bytearray(len(text) + 1)  # 1 where a name was read: a lookup, not a scan of every name so far
    for m in _ZH_EN_BRACKET.finditer(text):
        en = m.group(2).strip()
        if not _plausible_en_name(en):
            continue
        run_start, run = _tail(m)
        offset, zh = trim_zh_name(run, lex)
        if len(zh) < 2 or zh in lex.cue("zh", "name_prefixes"):
            continue
        start = run_start + offset
        out.append(Name(zh, (start, m.end(1)), en, (m.start(2), m.start(2) + len(en)), "bracketed English name"))
        taken[start:m.end()] = b"\1" * (m.end() - start)
    for m in _ZH_EN_ADJACENT.finditer(text):
        if taken[m.start(2)]:
            continue
        run_start, run = _tail(m)
        offset, zh = trim_zh_name(run, lex)
        if not looks_like_zh_name(zh, lex):
            continue
        en = m.group(2)
        start = run_start + offset
        out.append(Name(zh, (start, m.end(1)), en, (m.start(2), m.end(2)), "English name beside the Chinese"))
        taken[start:m.end()] = b"\1" * (m.end() - start)
    for m in _EN_LEGAL_NAME.finditer(text):
        if taken[m.start(1)]:
            continue
        en = _strip_leading_the(m.group(1))
        start = m.end(1) - len(en)
        out.append(Name(None, None, en, (start, m.end(1)), "English legal name"))
    out.sort(key=lambda n: n.span)
    return out


def _tail(m: re.Match[str], keep: int = 24) -> tuple[int, str]:
    """The last ``keep`` characters of the Chinese run a match took (start, text)."""
    run = m.group(1)
    if len(run) <= keep:
        return m.start(1), run
    return m.end(1) - keep, run[-keep:]


def _strip_leading_the(name: str) -> str:
    return re.sub(r"^(?:the|The|and|with|by|to|of)\s+", "", name)


def _plausible_en_name(en: str) -> bool:
    """Reject bracketed English that is not a name: abbreviations of places, "with photos", years."""
    if len(en) < 2 or en.isdigit():
        return False
    words = en.split()
    if len(words) > 10:
        return False
    if en.lower() in {"hk", "hong kong", "china", "prc", "photo", "photos", "with photos"}:
        return False
    return en[0].isupper() or en[0].isdigit()


# ------------------------------------------------------------------------------- lists of names

_ZH_LIST_SPLIT = re.compile(r"、|以及|及|和|与|，|,")
_EN_SPLIT = re.compile(r",\s*|;\s*")
_LEADING_NOISE_ZH = re.compile(
    r"^[\s，,、。；;：:]*(?:(?:图|相片|照片|photo)\s*[一二三四五六七八九十\d]+\s*[:：]|[(（][一二三四五六七八九十\d]+[)）])?\s*"
    r"(?:而|则|并|由|最终由|最后由|至于|其中|以及|及|和|另外|此外)*", re.IGNORECASE)
_TRAILING_NOISE_ZH = re.compile(r"(?:分别|则|亦|也|均|都|共同|一同|同时|先后|成功|最终|再次|更)+\s*$")


def split_zh_list(ctx: Ctx, start: int, end: int, names: list[Name]) -> list[Name]:
    """The contestants named in ``text[start:end]``, a list like "由A、B及C" (award clauses)."""
    text, lex = ctx.text, ctx.lex
    region = text[start:end]
    lead = _LEADING_NOISE_ZH.match(region)
    cut = lead.end() if lead else 0
    # start after the last "由" (…最終由A、B及C獲得…)
    by = region.rfind("由", cut)
    if by >= 0 and not any(n.span[0] - start <= by < n.span[1] - start for n in names):
        cut = by + 1
    trail = _TRAILING_NOISE_ZH.search(region)
    stop = trail.start() if trail else len(region)
    out: list[Name] = []
    pos = cut
    known = [n for n in names if start + cut <= n.span[0] and n.span[1] <= start + stop]
    for piece in _split_keeping_names(region, cut, stop, [(n.span[0] - start, n.span[1] - start) for n in known]):
        p_start, p_end = piece
        inside = [n for n in known if p_start <= n.span[0] - start and n.span[1] - start <= p_end]
        if inside:
            out.append(inside[0])
            continue
        raw = region[p_start:p_end]
        stripped = raw.strip()
        if not stripped or stripped.startswith(("以", "凭", "透过", "通过", "用")):
            continue
        lead_ws = len(raw) - len(raw.lstrip())
        leading = leading_zh_name(stripped, lex)
        if leading is not None:
            at, zh = leading
            abs_start = start + p_start + lead_ws + at
            out.append(Name(zh, (abs_start, abs_start + len(zh)), None, None, "listed Chinese name"))
            continue
        offset, zh = trim_zh_name(stripped, lex)
        en_m = re.search(r"[A-Z][A-Za-z0-9&\-]*(?: [A-Z][A-Za-z0-9&\-]+)*", zh)
        abs_start = start + p_start + lead_ws + offset
        if en_m and en_m.start() == 0 and en_m.end() == len(zh):
            out.append(Name(None, None, zh, (abs_start, abs_start + len(zh)), "listed English name"))
        elif looks_like_zh_name(zh, lex) or (zh and lex.org_of(zh)):
            out.append(Name(zh, (abs_start, abs_start + len(zh)), None, None, "listed Chinese name"))
        pos = p_end
    del pos
    return out


def _split_keeping_names(region: str, start: int, stop: int, protected: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    pos = start
    for m in _ZH_LIST_SPLIT.finditer(region, start, stop):
        if any(s <= m.start() < e for s, e in protected):
            continue
        yield (pos, m.start())
        pos = m.end()
    yield (pos, stop)


_EN_LEGAL_END = re.compile(rf"{_LEGAL_EN}$")


def split_en_list(text: str, start: int, end: int) -> list[Name]:
    """Contestants in an English list: "A Limited, B Limited and C Innovation and Technology (HK)
    Company Limited". "and" splits only where the left side ends a name."""
    region = text[start:end]
    out: list[Name] = []
    pos = 0
    pieces: list[tuple[int, int]] = []
    for m in _EN_SPLIT.finditer(region):
        pieces.append((pos, m.start()))
        pos = m.end()
    pieces.append((pos, len(region)))
    for p_start, p_end in pieces:
        piece = region[p_start:p_end]
        # "and"/"as well as" at the start of the last piece
        lead = re.match(r"\s*(?:and|as well as|&)\s+", piece)
        if lead:
            p_start += lead.end()
            piece = region[p_start:p_end]
        splits = [m for m in re.finditer(r"\s+(?:and|as well as)\s+", piece)]
        chosen = None
        for m in splits:
            left = piece[: m.start()]
            if _EN_LEGAL_END.search(left):
                chosen = m
                break
        if chosen is None and splits and not _EN_LEGAL_END.search(piece):
            # no legal suffix to tell: split at every "and" between capitalised words
            chosen = splits[0]
        parts = [(p_start, p_start + chosen.start()), (p_start + chosen.end(), p_end)] if chosen else [(p_start, p_end)]
        for a, b in parts:
            raw = region[a:b]
            name = _strip_leading_the(raw.strip())
            if not name or not (name[0].isupper() or name[0].isdigit()):
                continue
            s = start + a + raw.find(name)
            out.append(Name(None, None, name, (s, s + len(name)), "listed English name"))
    return out


# ------------------------------------------------------------------------------- short forms

_EN_ABBREV = re.compile(
    r"\b((?:[A-Z][\w&'’\-]*)(?:\s+(?:[A-Z][\w&'’\-]*|of|and|the|for|in|on|&)){1,12})\s*\(\s*([A-Z][A-Za-z&]{1,9})\s*\)"
)
_ZH_SHORT = re.compile(
    rf"(?<![{CJK}])([{CJK}]{{2,}}+)\s*[（(]\s*(?:下称|简称|以下简称|以下称|下简称)?\s*[「“\"]?([{CJK}A-Za-z]{{2,12}})[」”\"]?\s*[)）]"
)


def _initials_fit(abbrev: str, full: str) -> bool:
    """Every letter of the abbreviation, in order, starts a word of the full name or sits in it.

    >>> _initials_fit("KBIC", "Kowloon Bay Innovation Centre")
    True
    >>> _initials_fit("MiCHK", "Maker in China SME Innovation and Entrepreneurship Global Contest – Hong Kong Chapter")
    True
    >>> _initials_fit("ABC", "Kowloon Bay Innovation Centre")
    False
    """
    initials = "".join(w[0] for w in re.findall(r"[A-Za-z][\w&'’\-]*", full)).casefold()
    it = iter(initials)
    return all(ch in it for ch in abbrev.casefold())


def find_short_forms(ctx: Ctx) -> list[tuple[str, tuple[int, int], str, tuple[int, int]]]:
    """Short forms a release defines: "Kowloon Bay Innovation Centre (KBIC)", "香港科技園公司
    (科技園公司)", "香港數碼港管理有限公司（下稱「數碼港」）". Returns (full, span, short, span)."""
    text, lex = ctx.text, ctx.lex
    out = []
    for m in _EN_ABBREV.finditer(text):
        full = _strip_leading_the(m.group(1))
        full_start = m.end(1) - len(full)
        if _initials_fit(m.group(2), full):
            out.append((full, (full_start, m.end(1)), m.group(2), (m.start(2), m.end(2))))
    for m in _ZH_SHORT.finditer(text):
        run_start, run = _tail(m)
        offset, full = trim_zh_name(run, lex)
        short = m.group(2)
        if len(full) < 2 or short.isascii():
            continue
        shared = sum(1 for ch in set(short) if ch in full)
        if shared >= 2 and shared >= len(set(short)) // 2:
            out.append((full, (run_start + offset, m.end(1)), short, (m.start(2), m.end(2))))
    return out
