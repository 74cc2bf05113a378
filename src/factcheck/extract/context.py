"""What every extractor needs to know about one document: its sentences, its event, and how to
choose the subject and scope of a claim read at some position.

All indices here are into ``Normalized.text`` (Simplified, width-folded, line wraps repaired);
``Ctx.claim`` turns them into source offsets when a claim is made.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date
from functools import cached_property, lru_cache
from typing import Any

from factcheck.lexicon import Lexicon
from factcheck.model import Claim, Section
from factcheck.normalize import Normalized
from factcheck.normalize.steps import name_key, text_key, to_simplified

# Sentence ends: CJK full stops and the like always; "." only before space + capital/quote/digit.
# Semicolons do not end a sentence: they separate the items of lists ("namely a; b; and c").
_SENT_END = re.compile(r"[。！？!?]+[」』”’\"')）]*|\n\s*\n|\n(?=\s*[#*\-•])|\.(?=\s+[\"“A-Z0-9(])")
_ABBREV_BEFORE_DOT = re.compile(r"(?:\b(?:Mr|Ms|Mrs|Dr|Prof|St|No|Nos|Co|Ltd|Inc|vs|etc|e\.g|i\.e|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)|\b[A-Z])$")
_CITED = re.compile(r"(?:^|[，,:：\-–—]\s*)(?:根据|依据|按照|据.{1,12}(?:统计|调查|数据)|according to|figures from|statistics from|data from)",
                    re.IGNORECASE)
_QUOTE_OPEN = re.compile(r"[「『“\"]|[:：]\s*$")
_YEAR_BEFORE_NAME = re.compile(r"((?:19|20)\d\d)\s*(?:年度|年)?\s*[「“\"『]?$")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
_QUOTES = str.maketrans("", "", "「」『』“”\"‘’《》〈〉")
_ALIAS_DEF = re.compile(r"[（(]\s*(?:下称|下简称|以下简称|简称|下稱|以下稱|hereinafter|hereafter)?\s*[「“\"]?([^」”\"()（）]{2,30}?)[」”\"]?\s*[)）]")
_EVENT_WORDS_ZH = ("比赛", "大赛", "赛事", "分站赛", "决赛", "今届", "本届", "是次比赛", "竞赛", "颁奖礼", "博览", "峰会", "论坛")
_EVENT_WORDS_EN = ("contest", "competition", "final", "awards", "expo", "summit", "forum", "exhibition", "this year's event")


@dataclass(frozen=True, slots=True)
class Event:
    """The event edition a release is about (a series plus a year)."""

    series: str  # series id (lexicon) or "zh:<key>"/"en:<key>" for an unlisted series
    label: str
    year: int | None
    how: str
    annual: bool = True


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENT_END.finditer(text):
        if m.group(0) == "." and _ABBREV_BEFORE_DOT.search(text, max(0, m.start() - 6), m.start()):
            continue
        end = m.end()
        if text[start:end].strip():
            spans.extend(_bounded(text, start, end))
        start = end
    if text[start:].strip():
        spans.extend(_bounded(text, start, len(text)))
    return spans


MAX_SENTENCE = 1000  # characters; real sentences stay well under it (the longest in the test corpora: 666)
_SOFT_BREAKS = "\n，,、；;：: \t"


def _bounded(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A sentence cut into pieces of at most ``MAX_SENTENCE`` characters, at the last comma,
    line break or space of each piece when there is one. Extractors look back over the
    sentence for every claim in it, so a "sentence" that never ends (a table pasted from a
    PDF, a run of numbers) would otherwise cost time quadratic in its length.

    >>> _bounded("共有150個項目。", 0, 9)
    [(0, 9)]
    >>> [b - a for a, b in _bounded("12 projects, " * 100, 0, 1300)]
    [1000, 300]
    >>> _bounded("數碼港" * 700, 0, 2100)
    [(0, 1000), (1000, 2000), (2000, 2100)]
    """
    pieces = []
    while end - start > MAX_SENTENCE:
        limit = start + MAX_SENTENCE
        cut = max(text.rfind(ch, start + MAX_SENTENCE // 2, limit) for ch in _SOFT_BREAKS) + 1
        cut = cut if cut > start else limit
        pieces.append((start, cut))
        start = cut
    pieces.append((start, end))
    return pieces


# an English name in brackets right after a Chinese one: 「創客中國」(Maker China)
_ENGLISH_AFTER = re.compile(r"[」”\"]?\s*[（(]\s*([A-Z][A-Za-z0-9&'’\- ]{3,80}?)\s*[)）]")


class Ctx:
    """Per-document state shared by the extractors."""

    def __init__(self, norm: Normalized, lexicon: Lexicon) -> None:
        self.norm = norm
        self.doc = norm.doc
        self.text = norm.text
        self.lex = lexicon
        self.lang = "en" if self.doc.lang == "en" else "zh"
        self.date: date | None = self.doc.date
        self.sentences = _sentence_spans(self.text)
        self._series_cache: dict[str, list[tuple[int, int, str, str, bool]]] = {}
        self._starts = [s for s, _ in self.sentences]
        self.series_links: list[tuple[str, str]] = []
        self.aliases = self._local_aliases()
        self.event = self._find_event()

    # ------------------------------------------------------------------ positions
    def sentence_of(self, i: int) -> tuple[int, int]:
        k = bisect_right(self._starts, i) - 1
        if k < 0:
            return (0, min(len(self.text), 1))
        return self.sentences[k]

    def section_at(self, i: int) -> Section:
        src = self.norm.origin[min(i, len(self.norm.origin) - 1)]
        return self.doc.section_at(src)

    @cached_property
    def zh_cues(self) -> dict[str, tuple[str, ...]]:
        return {name: self.lex.cue("zh", name) for name in ("speech_verbs",)}

    # ------------------------------------------------------------------ series and events
    def series_in(self, text: str) -> list[tuple[int, int, str, str, bool]]:
        """Series mentioned in ``text``: (start, end, id, label, annual), positions in ``text``.

        Patterns are matched on a casefolded copy with quotes removed; positions are mapped back.
        """
        cached = self._series_cache.get(text)
        if cached is None:
            cached = self._series_cache[text] = self._series_in(text)
        return cached

    def _series_in(self, text: str) -> list[tuple[int, int, str, str, bool]]:
        stripped = text.translate(_QUOTES)
        if len(stripped) == len(text):
            keep = range(len(text))
            folded = text.casefold()
        else:
            keep = [i for i, ch in enumerate(text) if ch not in "「」『』“”\"‘’《》〈〉"]
            folded = stripped.casefold()
        if len(folded) != len(keep):  # casefolding changed the length (ß): match without it
            folded = stripped if len(stripped) == len(keep) else "".join(text[i] for i in keep)
        found: list[tuple[int, int, str, str, bool]] = []
        for series in self.lex.series:
            for pattern in series.patterns:
                for m in pattern.finditer(folded):
                    if m.end() > m.start():
                        found.append((keep[m.start()], keep[m.end() - 1] + 1, series.id, series.label, series.annual))
        for alias, target in self.aliases.items():
            start = text.find(alias)
            while start >= 0:
                found.append((start, start + len(alias), *target))
                start = text.find(alias, start + 1)
        found.sort()
        return found

    def _local_aliases(self) -> dict[str, tuple[str, str, bool]]:
        """Short names a release defines for a series: "（下稱「香港分站賽」）", "(MiCHK)"."""
        aliases: dict[str, tuple[str, str, bool]] = {}
        for m in _ALIAS_DEF.finditer(self.text):
            short = m.group(1).strip()
            if len(short) < 2 or short.isdigit():
                continue
            before = self.text[max(0, m.start() - 160) : m.start()]
            hits = self.series_in_lexicon(before)
            if hits:
                sid, label, annual = hits[-1]
                aliases[short] = (sid, label, annual)
        return aliases

    def series_in_lexicon(self, text: str) -> list[tuple[str, str, bool]]:
        folded = text.translate(_QUOTES).casefold()
        hits = []
        for series in self.lex.series:
            for pattern in series.patterns:
                m = None
                for m in pattern.finditer(folded):
                    pass
                if m is not None:
                    hits.append((m.end(), series.id, series.label, series.annual))
        hits.sort()
        return [(sid, label, annual) for _, sid, label, annual in hits]

    def _find_event(self) -> Event | None:
        title = text_key(self.doc.title) if self.doc.title else ""
        head_end = self.sentences[min(len(self.sentences) - 1, 6)][1] if self.sentences else 0
        for where, text in (("headline", title), ("lead", self.text[:head_end])):
            if not text:
                continue
            hits = self.series_in(text)
            if hits:
                start, end, sid, label, annual = hits[0]
                year = self._year_near(text, start, end)
                how = f"{where}: series named"
                if year is None and self.date:
                    year, how = self.date.year, f"{where}: series named; year of the release date"
                return Event(sid, label, year, how, annual)
        # an unlisted series: "第五届前湾青年创客节", "2023「XX大賽」", "KBIC Smart City Challenge 2024"
        # (read on text that keeps its capitals: English names are found by them)
        cased_title = to_simplified(unicodedata.normalize("NFKC", self.doc.title)) if self.doc.title else ""
        for where, text in (("headline", cased_title), ("lead", self.text[:head_end])):
            found = _unlisted_series(text, self.lang, headline=where == "headline")
            if found is None:
                continue
            name, year, key = found
            if year is None:
                year = self._year_of_name(name)
            if year is None and self.date:
                year = self.date.year
            english = self._english_name_of(name)
            if english:
                self.series_links.append((key, f"en:{_en_series_key(english)}"))
            self.aliases.setdefault(name, (key, name, True))
            return Event(key, name, year, f"{where}: named event (not in the series lexicon)")
        return None

    def _year_of_name(self, name: str) -> int | None:
        """A year written next to the event's name in the first paragraphs ("2022「XX會議」今天舉行")."""
        head_end = self.sentences[min(len(self.sentences) - 1, 6)][1] if self.sentences else 0
        lead = self.text[:head_end]
        start = lead.find(name)
        while start >= 0:
            m = _YEAR_BEFORE_NAME.search(lead, max(0, start - 10), start)
            if m:
                return int(m.group(1))
            start = lead.find(name, start + 1)
        return None

    def _english_name_of(self, name: str) -> str | None:
        """The English name written in brackets after a Chinese event name, anywhere in the text."""
        text = self.text
        at = text.find(name)
        while at >= 0:  # one compiled pattern, matched after each occurrence (no regex per name)
            m = _ENGLISH_AFTER.match(text, at + len(name))
            if m:
                return m.group(1)
            at = text.find(name, at + 1)
        return None

    def _year_near(self, text: str, start: int, end: int) -> int | None:
        """A year written beside a series name on the same line ("2023「創客中國」", "MiCHK 2023")."""
        lo = text.rfind("\n", max(0, start - 12), start) + 1 or max(0, start - 12)
        hi = text.find("\n", end, min(len(text), end + 12))
        w_start = max(lo, start - 12)
        window = text[w_start : hi if hi >= 0 else min(len(text), end + 12)]
        # the year nearest the name: "December 31, 2018 - The HKPC Cybersecurity Forum 2019" is the 2019 forum
        best = None
        for m in _YEAR.finditer(window):
            m_start, m_end = w_start + m.start(), w_start + m.end()
            gap = start - m_end if m_end <= start else m_start - end
            if best is None or gap < best[0]:
                best = (gap, int(m.group(1) if m.groups() else m.group(0)))
        return best[1] if best else None

    # ------------------------------------------------------------------ subjects
    def orgs_in(self, text: str) -> list[tuple[int, int, str]]:
        """Organisations from the lexicon named in ``text``: (start, end, org id), longest names first
        where they overlap."""
        out = []
        folded = text.casefold()
        for m in _org_regex(self.lex).finditer(folded):
            key = m.group(0)
            if key.isascii() and not _word_bounded(folded, m.start(), m.end()):
                continue
            out.append((m.start(), m.end(), self.lex.org_terms[key]))
        return out

    @cached_property
    def issuer_key(self) -> tuple[str, str] | None:
        issuer = self.doc.issuer
        if not issuer:
            return None
        return org_subject(issuer, self.lex)

    def org_at(self, start: int, end: int, oid: str) -> tuple[str, str]:
        """The subject key and label of an organisation named at ``text[start:end]``."""
        return org_subject(self.text[start:end], self.lex, oid)

    def subject(self, i: int, *, prefer_event: bool = True) -> tuple[str, str, str, str]:
        """(subject key, label, how, scope) for a claim read at normalised index ``i``."""
        section = self.section_at(i)
        s, e = self.sentence_of(i)
        before = self.text[s:i]
        asof = f"asof:{self.date.isoformat()}" if self.date else "asof:undated"
        if section is Section.BOILERPLATE:
            orgs = self.orgs_in(self.text[s:e])
            if orgs:
                key, label = self.org_at(s + orgs[0][0], s + orgs[0][1], orgs[0][2])
                return (key, label, "section: boilerplate, organisation named", asof)
            if self.issuer_key:
                return (*self.issuer_key, "section: boilerplate, the issuer", asof)
        if _CITED.search(self.text[s:i]):
            # "根據投資推廣署的調查，…", "According to InvestHK, …": somebody else's statistic
            return (f"doc:{self.doc.id}:cited", "a cited statistic", "the release itself", asof)
        series = self.series_in(self.text[s:e])
        if series:
            start, end, sid, label, _annual = series[0]
            year = self._year_near(self.text[s:e], start, end)
            if year is None and self.event and self.event.series == sid:
                year = self.event.year
            if year is None and self.date:
                year = self.date.year
            return (f"series:{sid}", label, "clause: series named", f"edition:{year}")
        orgs = [o for o in self.orgs_in(before) if o[1] <= len(before) and self._leads(s, s + o[0])
                and not _QUOTE_OPEN.search(before, o[1])]  # 生產力局主席說：「今年…」: the speaker's organisation
        event_word = any(w in before for w in (_EVENT_WORDS_EN if self.lang == "en" else _EVENT_WORDS_ZH))
        if orgs and not event_word:
            key, label = self.org_at(s + orgs[-1][0], s + orgs[-1][1], orgs[-1][2])
            return (key, label, "clause: organisation named", asof)
        if self.event and prefer_event and section is not Section.OTHER:
            return (f"series:{self.event.series}", self.event.label, f"release event ({self.event.how})",
                    f"edition:{self.event.year}")
        if self.issuer_key:
            return (*self.issuer_key, "the issuer", asof)
        return (f"doc:{self.doc.id}", self.doc.title or self.doc.id, "the release itself", asof)

    def _leads(self, sent_start: int, at: int) -> bool:
        """Whether a name at ``at`` is the subject of its sentence or clause: it stands at the start,
        after at most a short adverbial ("目前，", "此外，", "Meanwhile, ", "Today, the")."""
        head = self.text[sent_start:at]
        clause = re.split(r"[，,；;：:]", head)[-1]
        if self.lang == "en":
            words = re.findall(r"[A-Za-z]+", clause)
            return len(words) <= 2 and all(w.casefold() in {"the", "today", "currently", "meanwhile", "also", "now"} for w in words)
        return len(clause.strip()) <= 4

    # ------------------------------------------------------------------ claims
    def claim(self, kind: str, start: int, end: int, value: Any, *, subject: tuple[str, str, str, str] | None = None,
              metric: str = "", metric_label: str = "", number: Any = None, parts: tuple[Claim, ...] = (),
              attrs: tuple[tuple[str, Any], ...] = ()) -> Claim:
        """A claim read at ``text[start:end]`` (normalised indices), with source offsets filled in."""
        src_start, src_end = self.norm.source_span(start, end)
        s, e = self.sentence_of(start)
        sent = self.norm.source_span(s, e)
        subj = subject or self.subject(start)
        if subj[2] in ("the issuer", "the release itself"):
            attrs = (*attrs, ("weak_subject", True))
        return Claim(
            kind=kind,
            doc=self.doc.id,
            start=src_start,
            end=src_end,
            value=value,
            subject=subj[0],
            subject_label=subj[1],
            subject_how=subj[2],
            metric=metric,
            metric_label=metric_label,
            scope=subj[3],
            section=self.section_at(start),
            sentence=sent,
            lang=self.doc.lang,
            date=self.date,
            number=number,
            parts=parts,
            attrs=attrs,
        )


_ZH_EVENT_HEAD = (r"(?:创客节|嘉年华|颁奖典礼|颁奖礼|黑客松|马拉松|挑战赛|大赛|比赛|竞赛|博览会|交易会|展览会|展览|博览|展会|"
                  r"研讨会|大会|年会|论坛|峰会|典礼|会议|杯|节|奖|展|周)")
_ZH_ORDINAL_EVENT = re.compile(
    rf"第[0-9一二三四五六七八九十百两]+[届度]\s*[「“\"]?(?P<name>[\u4e00-\u9fffA-Za-z0-9·]{{2,24}}?{_ZH_EVENT_HEAD})(?![\u4e00-\u9fff])?"
)
# a headline that opens with a year and an unquoted event name: "2024前海深港青年創新創業大賽總決賽舉行"
_ZH_YEAR_EVENT = re.compile(
    r"\s*(?P<year>(?:19|20)\d\d)\s*年?\s*(?P<name>(?:(?!今日|今天|举行|举办|开幕|闭幕|圆满|顺利|成功|隆重|正式|启动|落幕|"
    rf"揭晓|公布)[\u4e00-\u9fffA-Za-z·]){{2,24}}{_ZH_EVENT_HEAD})"
)
_ZH_NOT_SERIES = re.compile(r"^(?:今届|本届|是次|该|此|这|今年|上届|去年|首届|历届|每届)")
_ZH_QUOTED_EVENT = re.compile(rf"[「“\"](?P<name>[^」”\"]{{2,30}}?{_ZH_EVENT_HEAD})\s*(?P<year>(?:19|20)\d\d)?[」”\"]")
_EN_EVENT = re.compile(
    r"(?:(?P<y1>(?:19|20)\d\d)[ \t]+)?(?:the[ \t]+)?(?P<name>(?:[A-Z][\w&'’\-]*[ \t]+(?:(?:and|of|for|in|on|the|&|[–—-])[ \t]+)?){1,12}?"
    r"(?:Contest|Competition|Awards?|Expo|Summit|Forum|Festival|Fair|Conference|Challenge|Hackathon|Week|Cup|Championships?|"
    r"Show|Exhibition|Day|Series|Symposium|Prize))\b"
    # a venue or a body named after an event is not the event: "Hong Kong Convention and Exhibition Centre"
    r"(?![ \t]+(?:Centre|Center|Halls?|Building|Park|Plaza|Complex|Grounds?|Arena|Stadium|Hotel|Venue|Secretariat|"
    r"Office|Committee)\b)"
    r"(?:[ \t]+(?P<y2>(?:19|20)\d\d))?"
)
# a headline that opens with a name and a year names the event: "InnoEX 2024 to open next week"
_EN_HEADLINE_EVENT = re.compile(r"(?P<name>[A-Z][\w&'’\-]*(?:[ \t]+[A-Z][\w&'’\-]*){0,4})[ \t]+(?P<y2>(?:19|20)\d\d)\b(?![/\-–]\d)")
_EN_NOT_SERIES = re.compile(
    r"^(?:Gold|Silver|Bronze|Grand|Merit|Special|Best|Champion|First|Second|Third|Top|Young|Outstanding|PRESS|Press|"
    r"News|NEWS|For|FOR)\b")


def _en_series_key(name: str) -> str:
    key = text_key(name)
    key = re.sub(r"^(?:the|\d{4})\s+|\s+\d{4}$", "", key)
    return key


def _unlisted_series(text: str, lang: str, headline: bool = False) -> tuple[str, int | None, str] | None:
    """(name as written in the normalised text, year, series key) of an event not in the lexicon."""
    if lang == "en":
        best = None
        for m in _EN_EVENT.finditer(text):
            name = m.group("name")
            if _EN_NOT_SERIES.match(name) or len(name.split()) < 2:
                continue  # "Gold Award" is a prize, not a series
            score = (bool(m.group("y1") or m.group("y2")), len(name.split()))
            if best is None or score > best[0]:
                best = (score, m)
        if best is None and headline:
            named = _EN_HEADLINE_EVENT.match(text)
            if named and not _EN_NOT_SERIES.match(named.group("name")):
                return named.group("name"), int(named.group("y2")), f"en:{_en_series_key(named.group('name'))}"
        if best is None:
            return None
        m = best[1]
        year = m.group("y1") or m.group("y2")
        name = m.group("name")
        return name, int(year) if year else None, f"en:{_en_series_key(name)}"
    m = _ZH_ORDINAL_EVENT.search(text)
    year = None
    if m is None:
        m = _ZH_QUOTED_EVENT.search(text)
        if m is None and headline:
            m = _ZH_YEAR_EVENT.match(text)
        if m is None:
            return None
        year = int(m.group("year")) if m.group("year") else None
    name = m.group("name")
    if _ZH_NOT_SERIES.match(name):
        return None  # "今屆展覽": this year's edition of something named elsewhere
    if year is None:
        before = re.search(r"((?:19|20)\d\d)\s*(?:年|年度)?\s*[「“\"]?$", text[: m.start("name")])
        year = int(before.group(1)) if before else None
    return name, year, f"zh:{text_key(name)}"


@lru_cache(maxsize=8)
def _org_regex(lexicon: Lexicon) -> re.Pattern[str]:
    names = sorted((k for k in lexicon.org_terms if len(k) >= 2), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, names)) or r"(?!)")


def org_subject(name: str, lexicon: Lexicon, oid: str | None = None) -> tuple[str, str]:
    """Subject key and label for an organisation name. The key is a name key that
    factcheck.align resolves through the entity graph (数碼港 = Cyberport = 香港數碼港管理有限公司)."""
    oid = oid or lexicon.org_of(name)
    label = lexicon.orgs[oid].label if oid else name
    return (f"name:{name_key(name)}", label)


def _word_bounded(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not (before.isascii() and before.isalnum()) and not (after.isascii() and after.isalnum())
