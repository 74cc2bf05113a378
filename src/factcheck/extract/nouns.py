"""What a number counts: the noun after it, mapped to a metric id by ``rules/lexicon/metrics.toml``.

Chinese: "約150個項目參加" -> 項目 -> projects (the classifier 個 is skipped; a classifier that is
itself a noun, 人 / 隊 / 宗, counts when no noun follows); "60個與大灣區投資者及企業代表的會面" ->
會面 (a phrase opened by a preposition runs to 的). English: "148 local innovation and
entrepreneurship projects which cover" -> projects (the last lexicon noun of the noun phrase).
An unknown noun still keys claims in its own language (``zh:<noun>`` / ``en:<noun>``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from factcheck.lexicon import Lexicon
from factcheck.normalize.steps import text_key

_ZH_STOP = re.compile(r"[，,。、；;：:()（）「」『』“”\"\s!?！？]|及|和|与|或|以及|并|等|的")
_ZH_PREPOSITION = ("与", "和", "跟", "同", "由", "在", "为", "对", "向", "从", "来自")
_EN_STOP_WORDS = frozenset("""
which that who whom whose where when in at from to for with by on across under over into onto through
including include includes were was are is be been being have has had will would shall should can could may
might must do does did as than per each via within during between among against about around of ,
since until till after before because although though if unless whereas the a an this these those its their our
his her also only respectively compared up down
""".split())
_EN_TOKEN = re.compile(r"[A-Za-z][A-Za-z&'’\-]*|\d+(?:\.\d+)?|[,.;:()!?]")


@dataclass(frozen=True, slots=True)
class Noun:
    metric: str | None  # lexicon metric id, or None when the noun is not in the lexicon
    text: str  # the noun as read (normalised text)
    start: int
    end: int

    @property
    def key(self) -> str | None:
        """The metric id, or a language-tagged key for an unknown noun."""
        if self.metric:
            return self.metric
        if not self.text:
            return None
        tag = "en" if self.text.isascii() else "zh"
        return f"{tag}:{text_key(self.text)}"


@lru_cache(maxsize=8)
def _zh_terms(lexicon: Lexicon) -> re.Pattern[str]:
    # one-character terms (人, 名, 隊, 宗) count only as the classifier right after the number: inside a
    # phrase they are parts of other words (人工智能, 單位)
    terms = sorted((t for t in lexicon.metric_terms if not t.isascii() and len(t) > 1), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, terms)) or r"(?!)")


@lru_cache(maxsize=8)
def _en_terms(lexicon: Lexicon) -> dict[str, str]:
    return {t: m for t, m in lexicon.metric_terms.items() if t.isascii()}


def zh_noun_after(text: str, pos: int, lexicon: Lexicon, classifier: str | None = None, limit: int = 14) -> Noun | None:
    """The counted noun that starts at or shortly after ``text[pos]`` (after the classifier)."""
    for _ in range(2):
        end = min(len(text), pos + limit)
        stop = _ZH_STOP.search(text, pos, end)
        phrase_end = stop.start() if stop else end
        phrase = text[pos:phrase_end]
        if text.startswith(_ZH_PREPOSITION, pos):
            de = text.find("的", pos, min(len(text), pos + 24))
            if de < 0:
                break
            pos = de + 1
            continue
        terms = _zh_terms(lexicon)
        m = terms.search(text, pos, phrase_end)
        if m:
            m = _zh_head(text, m, phrase_end, terms, lexicon)
            return Noun(lexicon.metric_terms.get(m.group(0)), m.group(0), m.start(), m.end())
        if stop and stop.group(0) == "的" and phrase:
            pos = stop.end()
            continue
        break
    if classifier and lexicon.metric_terms.get(text_key(classifier)):
        return Noun(lexicon.metric_terms[text_key(classifier)], classifier, pos, pos)
    return None


def _zh_head(text: str, m: re.Match[str], end: int, terms: re.Pattern[str], lexicon: Lexicon) -> re.Match[str]:
    """The head of a Chinese compound noun: its last lexicon noun ("12個國際人才合作項目" counts
    項目, not 人才; "300間會員機構" counts 機構), following nouns at most two characters apart with
    no verb between them ("40支隊伍參加項目" still counts 隊伍)."""
    breaks = lexicon.cue("zh", "noun_phrase_breaks")
    while True:
        nxt = terms.search(text, m.end(), end)
        if nxt is None or nxt.start() - m.end() > 2:
            return m
        gap = text_key(text[m.end() : nxt.start()])
        if (gap and any(b in gap for b in breaks)) or text_key(nxt.group(0)) in breaks:
            return m  # "隊伍參加…", "隊伍報名" (報名 is a verb after a noun)
        same = lexicon.metric_terms.get(text_key(nxt.group(0))) == lexicon.metric_terms.get(text_key(m.group(0)))
        if gap and same:
            return m  # "39位評審負責評審工作": the noun again, in another phrase
        m = nxt


def zh_phrase_after(text: str, pos: int, limit: int = 10) -> tuple[str, int, int]:
    """The words after a number up to the first stop (for unknown nouns and part labels)."""
    end = min(len(text), pos + limit)
    stop = _ZH_STOP.search(text, pos, end)
    phrase_end = stop.start() if stop else end
    return text[pos:phrase_end], pos, phrase_end


def en_noun_after(text: str, pos: int, lexicon: Lexicon, limit: int = 8) -> Noun | None:
    """The head noun of the English noun phrase after a number ("148 local … projects which")."""
    terms = _en_terms(lexicon)
    words: list[tuple[str, int, int]] = []
    before_and = 0  # words before the first "and": an unknown noun is the last of them
    for m in _EN_TOKEN.finditer(text, pos, min(len(text), pos + 120)):
        word = m.group(0)
        low = word.casefold()
        if low in _EN_STOP_WORDS or word in ",.;:()!?" or word[0].isdigit():
            break
        if low == "and":
            nxt = _EN_TOKEN.match(text, m.end() + 1) if m.end() < len(text) else None
            if nxt is None or nxt.group(0)[0].isdigit() or nxt.group(0).casefold() in {"over", "more", "about", "nearly", "some"}:
                break
            if words and _is_lexicon_phrase_end(words, terms):
                break
            before_and = before_and or len(words)
        words.append((word, m.start(), m.end()))
        if len(words) >= limit:
            break
    if not words:
        return None
    # a lexicon noun right after the number is the counted noun ("over 1,700 SMEs complete … projects")
    for j in (1, 0):
        if j < len(words):
            phrase = " ".join(w for w, _, _ in words[: j + 1]).casefold()
            if phrase in terms:
                return Noun(terms[phrase], text[words[0][1] : words[j][2]], words[0][1], words[j][2])
    # else the longest lexicon phrase ending at the last word that is a lexicon term, scanning from the right
    best: Noun | None = None
    for j in range(len(words) - 1, -1, -1):
        found = _lexicon_phrase_ending(text, words, j, terms)
        if found is not None:
            return found
        if best is None and words[j][0].casefold() not in {"and", "&"} and (not before_and or j < before_and):
            best = Noun(None, words[j][0], words[j][1], words[j][2])
    return best


def _lexicon_phrase_ending(text: str, words: list[tuple[str, int, int]], j: int, terms: dict[str, str]) -> Noun | None:
    """The longest lexicon phrase (up to four words) that ends at ``words[j]``."""
    for i in range(max(0, j - 3), j + 1):
        phrase = " ".join(w for w, _, _ in words[i : j + 1]).casefold()
        if phrase in terms:
            return Noun(terms[phrase], text[words[i][1] : words[j][2]], words[i][1], words[j][2])
    return None


def _is_lexicon_phrase_end(words: list[tuple[str, int, int]], terms: dict[str, str]) -> bool:
    return words[-1][0].casefold() in terms


# Words between a noun and its number: "累計孵化項目1,020個", "入駐企業超過500家", "參賽隊伍逾 150 隊".
_ZH_LINK_WORDS = re.compile(
    r"(?:共|共有|合共|总共|共计|合计|总计|达|达到|多达|为|有|现有|已有|约|约有|大约|超过|逾|近|接近|将近|突破|累计|"
    r"目前|已|倍增至|倍增到|翻倍至|增到|增加到|增长到|提升至|提升到|上升到|升到|达至|增至|增加至|增长至|上升至|升至|减至|跌至|总数|数目|数量|人数|数字|亦|也|则|更|再|\s)+$"
)


# "the number of Web3 companies has doubled to more than 270", "the number of graduates reached 1,000"
_EN_NUMBER_OF = re.compile(
    r"\bnumber of\s+((?:[A-Za-z][\w&'’\-]*\s+){0,4}?[A-Za-z][\w&'’\-]*)\s+"
    r"(?:has |have |had )?(?:reached|rose to|risen to|grown to|grew to|increased to|climbed to|doubled to|tripled to|"
    r"stood at|stands at|totalled|totaled|hit|exceeded|surpassed|was|is|were|are)\s+$",
    re.IGNORECASE,
)


def en_noun_before(text: str, start: int, lexicon: Lexicon, floor: int = 0) -> Noun | None:
    """The counted noun of "the number of <noun> reached <number>" (a number with no noun after it).

    >>> from factcheck.lexicon import builtin_lexicon
    >>> text = "the number of Web3 companies has doubled to 270"
    >>> en_noun_before(text, text.index("270"), builtin_lexicon())
    Noun(metric='companies', text='companies', start=19, end=28)
    >>> text = "the number of alumni reached 1,000"
    >>> en_noun_before(text, text.index("1,000"), builtin_lexicon()).key
    'en:alumni'
    """
    m = _EN_NUMBER_OF.search(text, max(floor, start - 120), start)
    if not m:
        return None
    terms = _en_terms(lexicon)
    words = [(w.group(0), w.start(), w.end()) for w in _EN_WORD.finditer(text, m.start(1), m.end(1))]
    for j in range(len(words) - 1, -1, -1):  # the head is the last lexicon noun of the phrase
        found = _lexicon_phrase_ending(text, words, j, terms)
        if found is not None:
            return found
    word, w_start, w_end = words[-1]
    return Noun(None, word, w_start, w_end)


_EN_WORD = re.compile(r"[A-Za-z][\w&'’\-]*")


def zh_noun_before(text: str, start: int, lexicon: Lexicon, floor: int = 0, limit: int = 14) -> Noun | None:
    """The counted noun written before a number with nothing after it ("累計孵化項目1,020個")."""
    lo = max(floor, start - limit)
    window = text[lo:start]
    stop = None
    for stop in _ZH_STOP.finditer(window):
        pass
    if stop is not None:
        lo += stop.end()
        window = text[lo:start]
    link = _ZH_LINK_WORDS.search(window)
    end = lo + (link.start() if link else len(window))
    best = None
    for m in _zh_terms(lexicon).finditer(text, lo, end):
        if m.end() == end and (best is None or m.start() < best.start()):
            best = m
    # a shorter term may also end there ("孵化項目" has no entry, "項目" has): search suffixes
    if best is None:
        for i in range(lo, end - 1):
            term = text[i:end]
            if term in lexicon.metric_terms:
                return Noun(lexicon.metric_terms[term], term, i, end)
        return None
    return Noun(lexicon.metric_terms.get(best.group(0)), best.group(0), best.start(), best.end())
