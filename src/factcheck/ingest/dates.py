"""Release dates: datelines in their real forms, "today (September 13)", and plain dates.

The patterns run on normalised text (half-width digits and punctuation, Simplified Chinese).
Forms read as a *dateline* (at the start of a line, before the body):

- ``香港·2023年9月13日 -``, ``香港,2022年 12月 22日 –``, ``(香港,2022年7月6日)—``,
  ``2023年9月13日讯``, ``新华社香港9月13日电`` (year from the text), ``二〇二三年九月十三日``;
- ``HONG KONG, Sept 13, 2023 –``, ``Hong Kong (13 September 2023) –``,
  ``September 13, 2023 /PRNewswire/ --``;
- a date alone on its line (``13 September 2023``, ``2023-09-13``, ``Date: 2023年9月13日``).

A dateline needs something that makes it one: a dash, 讯/电, a news-wire tag, brackets round it, a
place followed by a comma, or nothing else on the line. A body sentence that starts with a date
("2023年9月13日，我们…") is not a dateline.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

_S = r"[ \t\xa0]*"
_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_ZH_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")


def _month(group: str) -> str:
    return (
        rf"(?P<{group}>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
        rf"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
    )


_ZH_DATE = (
    rf"(?:(?P<zy>\d{{4}}|[〇零一二三四五六七八九]{{4}}){_S}年{_S})?"
    rf"(?P<zm>\d{{1,2}}|[一二三四五六七八九十]{{1,3}}){_S}月{_S}(?P<zd>\d{{1,2}}|[一二三四五六七八九十]{{1,3}}){_S}[日号]"
)
_EN_MDY = rf"{_month('em1')}{_S}(?P<ed1>\d{{1,2}})(?:st|nd|rd|th)?{_S},?{_S}(?P<ey1>\d{{4}})"
_EN_DMY = rf"(?P<ed2>\d{{1,2}})(?:st|nd|rd|th)?{_S}{_month('em2')}{_S},?{_S}(?P<ey2>\d{{4}})"
_ISO = r"(?P<iy>\d{4})(?P<sep>[-/.])(?P<im>\d{1,2})(?P=sep)(?P<id>\d{1,2})(?!\d)"
DATE = rf"(?:{_ZH_DATE}|{_EN_MDY}|{_EN_DMY}|{_ISO})"

DATELINE = re.compile(
    rf"^{_S}(?:(?:date|dated|issued(?:\s+on)?|published(?:\s+on)?|release\s+date|发布日期|日期|时间){_S}:?{_S})?"
    rf"(?P<open>[(\[【])?{_S}"
    rf"(?:(?P<place>[\u4e00-\u9fff]{{2,12}}?){_S}(?P<psep>[,·•・‧、(])?{_S}"
    rf"|(?P<place2>[A-Za-z][A-Za-z.'’ -]{{1,40}}?){_S}(?P<psep2>[,(]){_S})?"
    rf"(?P<date>{DATE})"
    rf"{_S}(?P<close>[)\]】])?{_S}"
    rf"(?P<tail>[-–—―]+|讯|电|报道|/[^/\n]{{1,40}}/{_S}[-–—―]*|:|,|$)?",
    re.MULTILINE | re.IGNORECASE,
)
ANY_DATE = re.compile(rf"(?<![\d\w])(?:{DATE})", re.IGNORECASE)
TODAY = re.compile(
    rf"(?:\btoday|今天|今日|本日){_S}\({_S}(?:{_month('tm1')}{_S}(?P<td1>\d{{1,2}})|"
    rf"(?P<td2>\d{{1,2}}){_S}{_month('tm2')}|(?P<tzm>\d{{1,2}}){_S}月{_S}(?P<tzd>\d{{1,2}}){_S}日)"
    rf"(?:{_S},?{_S}(?:mon|tues|wednes|thurs|fri|satur|sun)day|{_S}星期[一二三四五六日天])?{_S}\)",
    re.IGNORECASE,
)
_NEWLINE = re.compile("\n")
# 月 or four digits; written to start with one character class, so that the regex engine skips
# the characters that are neither at C speed (月|\d{4} tries both alternatives everywhere)
_DATE_HINT = re.compile(r"[月\d](?:(?<=月)|\d{3})")
_HINT_REACH = 70  # a dateline's 月 or year is within this many characters of its line start
YEAR = re.compile(r"(?<!\d)(?:19[5-9]\d|20\d\d)(?!\d)")


@dataclass(frozen=True, slots=True)
class Dateline:
    """A dateline: ``start`` is its line start, ``end`` where the text after it begins."""

    start: int
    end: int
    date: date | None  # None when the year must come from the text
    month: int
    day: int
    has_place: bool
    alone: bool  # nothing else on the line


def zh_number(text: str) -> int:
    """A small Chinese or Arabic number as used in dates.

    >>> zh_number("二〇二三"), zh_number("十三"), zh_number("二十"), zh_number("9")
    (2023, 13, 20, 9)
    """
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, ones = text.partition("十")
        return int((tens or "一").translate(_ZH_DIGITS)) * 10 + (int(ones.translate(_ZH_DIGITS)) if ones else 0)
    return int(text.translate(_ZH_DIGITS))


def _parts(m: re.Match[str]) -> tuple[int | None, int, int] | None:
    g = m.groupdict()
    if g.get("zm"):
        year = zh_number(g["zy"]) if g.get("zy") else None
        return year, zh_number(g["zm"]), zh_number(g["zd"])
    for mon, day, year in (("em1", "ed1", "ey1"), ("em2", "ed2", "ey2")):
        if g.get(mon):
            return int(g[year]), _MONTHS[g[mon][:3].lower()], int(g[day])
    if g.get("iy"):
        return int(g["iy"]), int(g["im"]), int(g["id"])
    return None


def make_date(year: int | None, month: int, day: int) -> date | None:
    """A valid date, or ``None``.

    >>> make_date(2023, 9, 13), make_date(2023, 2, 30)
    (datetime.date(2023, 9, 13), None)
    """
    if year is None:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def find_datelines(text: str, start: int = 0, end: int | None = None) -> list[Dateline]:
    """Every dateline in ``text[start:end]``, in order.

    >>> [(d.date.isoformat(), d.has_place) for d in find_datelines("标题\\n\\n(香港,2022年7月6日)— 香港科技园公司今天")]
    [('2022-07-06', True)]
    >>> [d.date.isoformat() for d in find_datelines("HONG KONG, Sept 13, 2023 – Cyberport today announced")]
    ['2023-09-13']
    >>> find_datelines("2023年9月13日,我们举行了决赛。")
    []
    """
    end = len(text) if end is None else end
    found: list[Dateline] = []
    for m in _dateline_matches(text, start, end):
        tail = m.group("tail")
        place = m.group("place") or m.group("place2")
        opened = m.group("open") or "(" in (m.group("psep"), m.group("psep2"))
        bracketed = bool(opened and m.group("close"))
        if tail is None and not bracketed:
            continue
        if tail == "," and not place:
            continue
        if tail == ":" and not (place or m.group("close")):
            continue
        parts = _parts(m)
        if parts is None:
            continue
        year, month, day = parts
        if year is None and tail not in ("讯", "电", "报道"):
            continue
        when = make_date(year, month, day)
        if year is not None and when is None:
            continue
        if year is None and not (1 <= month <= 12 and 1 <= day <= 31):
            continue
        line_end = text.find("\n", m.end())
        rest = text[m.end() : end if line_end < 0 else min(line_end, end)]
        found.append(Dateline(m.start(), m.end(), when, month, day, bool(place), not rest.strip()))
    return found


def _dateline_matches(text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """DATELINE matches, tried only at line starts with a 月 or a four-digit year near them
    (every dateline form has one or the other); scanning every position with the full pattern
    is many times slower on CJK text."""
    tried = -1
    for hint in _DATE_HINT.finditer(text, start, end):
        lo = max(start, hint.start() - _HINT_REACH)
        newline = text.rfind("\n", lo, hint.start())
        if newline >= 0:
            line = newline + 1
        elif lo == start:
            line = start
        else:
            continue  # the line starts too far back for this to be its dateline
        if line <= tried:
            continue
        tried = line
        m = DATELINE.match(text, line, end)
        if m is not None:
            yield m


def find_today(text: str, start: int = 0, end: int | None = None) -> tuple[int, int, int] | None:
    """``(offset, month, day)`` of the first "today (September 13)" / "今天(9月13日)".

    >>> find_today("was held at Cyberport today (September 13). Dai3mimi")
    (22, 9, 13)
    """
    m = TODAY.search(text, start, len(text) if end is None else end)
    if m is None:
        return None
    g = m.groupdict()
    if g.get("tm1"):
        return m.start(), _MONTHS[g["tm1"][:3].lower()], int(g["td1"])
    if g.get("tm2"):
        return m.start(), _MONTHS[g["tm2"][:3].lower()], int(g["td2"])
    return m.start(), int(g["tzm"]), int(g["tzd"])


def find_year(text: str, start: int = 0, end: int | None = None) -> int | None:
    """The first plausible year (1950-2099) written in ``text[start:end]``.

    >>> find_year("2023 Maker in China SME Innovation"), find_year("第4屆"), find_year("HK$12000 in 2022")
    (2023, None, 2022)
    """
    m = YEAR.search(text, start, len(text) if end is None else end)
    return int(m.group()) if m else None


def find_first_date(text: str, start: int = 0, end: int | None = None) -> tuple[int, date] | None:
    """The first complete date (with its year) in ``text[start:end]``.

    >>> find_first_date("On 13 September 2023 the final was held.")
    (3, datetime.date(2023, 9, 13))
    """
    for m in ANY_DATE.finditer(text, start, len(text) if end is None else end):
        parts = _parts(m)
        if parts is None:
            continue
        when = make_date(*parts)
        if when is not None:
            return m.start(), when
    return None
