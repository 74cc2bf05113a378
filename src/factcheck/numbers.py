"""Numbers in running text — Traditional and Simplified Chinese, English, and any mix — read into
values and the interval of values each statement allows.

>>> [(q.text, q.value, q.unit, str(q.interval)) for q in find_quantities("約150個項目參加，涉及逾230個專利")]
[('約150個', 150, '個', '[140,160]'), ('逾230個', 230, '個', '(230,240]')]
>>> q = parse_quantity("HK$1.7 billion")
>>> q.value, q.kind, q.unit, q.step
(1700000000, 'money', 'HKD', 100000000)

The interval model
------------------
A number is written with a precision: its **step** is the place value of its last written digit
(``148`` → 1, ``150`` → 10, ``1,800`` → 100, ``1.5`` → 0.1, ``3.5萬`` → 1,000, ``1,500億`` →
10^10). The words around it (its **qualifier**) then fix the values the statement allows:

=============  ===========================================================  ====================
qualifier      words (before or after the number)                           interval for N
=============  ===========================================================  ====================
``exact``      (none); 多達 / 高達 / 達 / "as many as" state the count        [N, N]
``about``      約 大約 約有 大概 左右 上下; about around approximately some  [N−step, N+step]
               roughly "or so"
``over``       逾 超過 多於 以上 過; over "more than" exceeding               (N, N+step]
               "in excess of"
``nearly``     接近 近 將近 差不多; nearly almost "close to"                 [N−step, N)
``plus``       N多 N餘 N+; "N-odd"                                           (N, N+step)
``at_least``   至少 不少於 最少 或以上; "at least" "N or more"                [N, ∞)
``under``      不足 少於 低於; under "fewer than" "less than" below          [0, N)
``at_most``    最多 不超過 以下 以內; "up to" "at most" "no more than"       [0, N]
``range``      10至20萬, 5-20%, "between 3 and 5", 三四百, 數十 (2 to 9 tens)  [low, high]
=============  ===========================================================  ====================

So "約150個項目" is [140, 160] and agrees with "148 projects"; "over 1,800" is (1800, 1900];
"一千多萬" is (10^7, 2·10^7). A range's ``value`` is its lower end. The full list of qualifier
words is the ``[qualifiers]`` table of ``factcheck/data/numbers.toml``.

The qualifier words are part of the quantity's span (``text``, ``start``, ``end``), as are a
currency and the counter word or unit; the numeral alone (with its scale words: "1.7 billion",
"17 億") is ``number_start:number_end``.

Kinds
-----
``cardinal`` (a count or amount), ``ordinal`` (第四, 4th, fifth: ``value`` is the position),
``percent`` (``value`` 30 for 30%, 百分之三十, 三成; 七折 is 70, the share of the price paid),
``money`` (``unit`` is an ISO code such as ``HKD``, or ``$`` / ``元`` when the text does not say
which), ``fraction`` (三分之一, two thirds, 1/2), ``ratio`` (1:9: ``value`` 1/9, ``terms`` (1, 9)),
and kinds that are *not* quantities and that a caller will usually skip: ``year``, ``date`` (the
month or day of a date), ``time`` (``value`` in hours: 下午3時30分 is 15.5), ``phone`` and
``identifier`` (digits inside a code such as COVID-19, Dai3mimi or an IP address). Numbers inside
URLs and e-mail addresses are not reported at all.

Words that look like numbers
----------------------------
一 is a number before a counter word (一個, 一間), inside a longer numeral, or standing alone
("“一”"); elsewhere it is usually part of a word (一切, 一樣, 統一, 一起) and is not read. The
other digits are numbers unless they sit in a word of the ``[nonnumeric]`` table (四川, 九龍,
十分, 隊伍, 收拾), which also holds the words where 一 meets a counter word without being a
count (一些, 一度, 一起). Formal digits alone (伍, 陸, 拾) need a counter word or nothing after
them. In English, "one" after a determiner ("the one", "which one") is a pronoun, and "a
second" is a moment, not the ordinal.

``unit`` is the counter word, measure, currency or ``%`` read right after the number,
canonicalised (个 → 個, 公里 → km, 港元 → HKD, 年 → year); counted nouns ("projects", 項目) are not
units. Offsets always index the text as given: ``text[q.start:q.end] == q.text``; full-width
digits are read without changing the length of the text.
"""

from __future__ import annotations

import dataclasses
import math
import operator
import re
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction
from functools import cache
from typing import Any

from factcheck import _numtables as T
from factcheck.model import Interval

__all__ = ["KINDS", "QUALIFIERS", "Quantity", "find_quantities", "fold_width", "parse_quantity"]

KINDS = ("cardinal", "ordinal", "percent", "money", "fraction", "ratio", "year", "date", "time", "phone",
         "identifier")
QUALIFIERS = ("exact", "about", "over", "nearly", "plus", "at_least", "under", "at_most", "range")

_MAX_DIGITS = 30  # longer digit strings are identifiers, not amounts
_MAX_TOKENS = 48  # a numeral longer than this is read as one identifier (bounds the work)
_MAX_EN_TOKENS = 24  # words in one English number phrase


@dataclass(frozen=True, slots=True)
class Quantity:
    """One number read from a text, with the interval of values the statement allows.

    ``value`` is an ``int`` when integral, else a ``float`` (``None`` only for a digit string too
    long to be an amount; for a ``range`` it is the lower end). ``low``/``high`` bound the interval
    (``None`` = unbounded) and ``low_open``/``high_open`` say whether the bound itself is excluded.
    ``step`` is the place value of the last written digit; ``scale`` the scale word ending the
    numeral (10000 for 萬, 10**6 for million, else 1); ``terms`` the terms of a ratio.
    """

    text: str
    start: int
    end: int
    value: int | float | None
    low: float | None
    high: float | None
    low_open: bool = False
    high_open: bool = False
    kind: str = "cardinal"
    qualifier: str = "exact"
    unit: str | None = None
    step: int | float = 1
    number_start: int = 0
    number_end: int = 0
    terms: tuple[int | float, ...] | None = None
    scale: int | float = 1

    def __reduce__(self) -> tuple[Any, ...]:
        # a constructor call: faster to unpickle than the slotted dataclass default
        if type(self) is Quantity:
            return Quantity, _QUANTITY_VALUES(self)
        return type(self), tuple(getattr(self, f.name) for f in dataclasses.fields(self))

    @property
    def interval(self) -> Interval:
        """The values this statement allows, as a :class:`factcheck.model.Interval`.

        >>> parse_quantity("超過 1,900 間").interval
        Interval('(1900,2000]')
        >>> parse_quantity("at least 20").interval
        Interval('[20,)')
        """
        low = -math.inf if self.low is None else self.low
        high = math.inf if self.high is None else self.high
        return Interval(low, high, self.low_open, self.high_open)


_QUANTITY_VALUES = operator.attrgetter(*(f.name for f in dataclasses.fields(Quantity)))


# ============================================================================ text folding

_FOLD = {i: i - 0xFEE0 for i in range(0xFF01, 0xFF5F)}
_FOLD.update({0x3000: 0x20, 0x2212: 0x2D, 0xFE6A: 0x25, 0xFFE5: 0xA5, 0xFFE1: 0xA3, 0x2236: 0x3A,
              0xFE50: 0x2C, 0xFE52: 0x2E})
# Any character that folding changes: a normalised text (NFKC) has none, and a search at C speed
# costs a tenth of a translate that changes nothing.
_FOLDABLE = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_FOLD)) + "]")


def fold_width(text: str) -> str:
    """Full-width ASCII to half-width, one character for one (offsets stay valid).

    >>> fold_width("約３，５００人，增長３０％")
    '約3,500人,增長30%'
    >>> fold_width("ＨＫ＄１.７ billion") == "HK$1.7 billion"
    True
    """
    return text.translate(_FOLD) if _FOLDABLE.search(text) else text


# ============================================================================ regex building blocks

def _cls(chars: str) -> str:
    return "[" + "".join(re.escape(c) for c in sorted(set(chars))) + "]"


_ZD = _cls("".join(T.ZH_DIGITS))
_ZS = _cls("".join(T.ZH_SMALL))
_ZB = _cls("".join(T.ZH_BIG))
_ZPT = _cls(T.ZH_POINTS)
_ZAP = _cls(T.ZH_APPROX_INFIX)
_ZNUM = _cls("".join(T.ZH_DIGITS) + "".join(T.ZH_SMALL) + "".join(T.ZH_BIG))
_ZSTART = _cls("".join(T.ZH_DIGITS) + "".join(T.ZH_SMALL) + "".join(T.ZH_BIG) + T.ZH_HALF)
_VULG = _cls("".join(T.VULGAR))

_EN_NUMWORDS = sorted((w for w, (t, _) in T.EN_WORDS.items() if t not in ("a", "and", "point", "ords",
                                                                           "hundreds")),
                      key=lambda w: (-len(w), w))
_EN_AFTER_A = sorted((w for w, (t, v) in T.EN_WORDS.items()
                      if t in ("hundred", "scale", "dozen", "frac", "tens") or (t == "ord" and v >= 3)),
                     key=lambda w: (-len(w), w))
_MONTH = (r"(?<![A-Za-z])(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
          r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)(?![a-z])\.?")
_YEAR = r"(?:1[5-9]|2[01])\d\d"
_ZH_MD = "[一二三四五六七八九十廿卅两兩]"
_DAY_PARTS = "上午|下午|晚上|早上|中午|凌晨|傍晚|晚間|晚间|早晨|夜間|夜间"  # 下午3時


def _nonnumeric_words() -> str:
    """The words of ``[nonnumeric] zh`` as one alternation.

    A word is not taken when the numeral goes on through it: 一點 is "a little" but 一點五 is 1.5,
    十分 is "very" but 十分之一 is a tenth, 萬一 is "in case" but 萬一千 is 11,000. A word ending
    in a digit still holds before another digit (唯一一個 = the only one). ``word!chars`` in the
    table adds characters that must not follow (三星!期: 三星期 is three weeks).
    """
    digits = "".join(T.ZH_DIGITS)
    scales = "".join(T.ZH_SMALL) + "".join(T.ZH_BIG) + T.ZH_POINTS + "之分"
    out = []
    for word in sorted(T.NONNUMERIC_ZH, key=lambda w: (-len(w), w)):
        base, _, veto = word.partition("!")
        stop = scales + veto if base[-1] in T.ZH_DIGITS else scales + digits + veto
        out.append(f"{re.escape(base)}(?![{re.escape(stop)}]|[ \\t]*\\d)")
    return "|".join(out)



_GROUPS: list[tuple[str, str]] = [  # (group pattern, the scanners it belongs to: Latin, Digit, Other)
    (r"(?P<url>(?:https?://|ftp://|www\.)[!-~]+)",
     "L"),
    (r"(?P<email>(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)",
     "LD"),
    (rf"(?P<word>{_nonnumeric_words()})",
     "O"),
    (rf"(?P<worden>(?<![A-Za-z])(?i:{T.alternation(T.NONNUMERIC_EN)})(?![A-Za-z]))",
     "LD"),
    (rf"(?P<ordzh>第[ \t]*(?=\d|{_ZSTART})|首(?=[{''.join(T.FIRST_COUNTERS)}]))",
     "O"),
    (rf"(?P<pctzh>(?:{T.alternation(T.PERCENT_PREFIX, spaced=True)})[ \t]*(?=[-{T.ZH_MINUS}]?[ \t]*(?:\d|{_ZSTART})))",
     "O"),
    (rf"(?P<datezh>(?<![\d.])(?<!\d,)(?:{_YEAR}|[〇零○一二三四五六七八九]{{4}})[ \t]*年"
        rf"(?:[ \t]*(?:\d{{1,2}}|{_ZH_MD}{{1,3}})[ \t]*月(?:[ \t]*(?:\d{{1,2}}|{_ZH_MD}{{1,3}})[ \t]*[日號号])?)?"
        rf"|(?<![\d.])(?<!\d,)(?:\d{{1,2}}|(?<![一二三四五六七八九十]){_ZH_MD}{{1,3}})[ \t]*月[ \t]*(?:\d{{1,2}}|{_ZH_MD}{{1,3}})[ \t]*[日號号]"
        rf"|(?<![\d.])(?<!\d,)(?:1[0-2]|0?[1-9])月(?![ \t]*[份])"
        rf"|(?<![一二三四五六七八九十零〇兩两第])(?:十[一二]?|[一二三四五六七八九])月(?![份]))",
     "DO"),
    (rf"(?P<dateen>{_MONTH}[ \t]+(?:\d{{1,2}}(?:st|nd|rd|th)?(?![\d:.]|,\d)(?:,?[ \t]+{_YEAR}(?!\d))?|{_YEAR}(?!\d))"
        rf"|(?<![\d.])(?<!\d,)\d{{1,2}}(?:st|nd|rd|th)?[ \t]+(?:of[ \t]+)?{_MONTH}(?:,?[ \t]+{_YEAR}(?!\d))?)",
     "LD"),
    (rf"(?P<datenum>(?<![\d./-])(?:{_YEAR}[-/.](?:1[0-2]|0?[1-9])[-/.](?:3[01]|[12]\d|0?[1-9])"
        rf"|(?:3[01]|[12]\d|0?[1-9])(?P<dsep>[-/.])(?:1[0-2]|0?[1-9])(?P=dsep){_YEAR}"
        rf"|(?:1[0-2]|0?[1-9])/(?:3[01]|[12]\d|0?[1-9])/{_YEAR}"
        rf"|(?:3[01]|[12]\d|0?[1-9])/(?:1[0-2]|0?[1-9])/\d\d)(?![\d./-]?\d))",
     "D"),
    (rf"(?P<yrange>(?<![\d.])(?<!\d,)(?:{_YEAR})[ \t]*[-/–~至到][ \t]*(?:{_YEAR}|\d\d)(?![\d.,]?\d)(?:[ \t]*年度?)?)",
     "D"),
    (r"(?P<time>(?<![\d:.])(?:[01]?\d|2[0-4]):[0-5]\d(?::[0-5]\d)?(?:[ \t]*(?:[AaPp]\.?[Mm]\.?)(?![A-Za-z]))?(?![\d:])"
        r"|(?<![\d.])(?:1[0-2]|0?[1-9])(?:[.:][0-5]\d)?[ \t]*(?:[ap]\.m\.|[AP]\.M\.|am|pm|AM|PM)(?![A-Za-z])"
        rf"|(?:{_DAY_PARTS})[ \t]*(?:\d{{1,2}}|[零一二三四五六七八九十两兩]{{1,3}})[ \t]*[時时點点]"
        r"(?:[ \t]*(?:\d{1,2}|[零一二三四五六七八九十]{1,3})[ \t]*分(?!之)|[ \t]*[半正整])?"
        r"|(?<![\d.])(?:\d{1,2}|(?<![零一二三四五六七八九十两兩])[零一二三四五六七八九十两兩]{1,3})[ \t]*[時时點点]"
        r"(?:[ \t]*(?:\d{1,2}|[零一二三四五六七八九十]{1,3})[ \t]*分(?!之)|[半正整])"
        r"|(?<![\d.])(?:[01]?\d|2[0-4])[ \t]*[時时點点](?![ \t]*[\d零〇一二三四五六七八九十])(?!\w))",
     "DO"),
    (r"(?P<phone>(?<![\d+])(?:\+[ \t]?\d{1,3}[ \t-]?(?:\(\d{1,4}\)[ \t-]?)?|\(\+?\d{1,4}\)[ \t-]?)?\d{3,4}[ \t-]\d{4}(?![\d])"
        r"|(?<![\d+])\+[ \t]?\d{1,3}[ \t-]?\d{6,12}(?!\d))",
     "D"),
    (r"(?P<ratio>(?<![\d.])\d+(?:\.\d+)?[ \t]*[:比][ \t]*\d+(?:\.\d+)?(?:[ \t]*:[ \t]*\d+(?:\.\d+)?)*(?![\d.]?\d))",
     "D"),
    (r"(?P<duizhe>(?<=打)[對对]折)",
     "O"),
    (r"(?P<ident>(?<![A-Za-z0-9_])[A-Za-z]+(?:[-_]?\d)[A-Za-z0-9_]*(?:\.\d+)*(?:-[A-Za-z0-9_]+)*)",
     "L"),
    (rf"(?P<num>(?<![\d.])\.(?=\d)|\d|{_ZSTART}|{_VULG}"
        rf"|(?<![A-Za-z])(?i:(?:{'|'.join(_EN_NUMWORDS)})(?![A-Za-z])"
        rf"|an?(?=[ \t]*(?:-[ \t]*)?(?:{'|'.join(_EN_AFTER_A)})(?![A-Za-z]))))",
     "LDO"),
]


def _scanner(family: str) -> re.Pattern[str]:
    return re.compile("|".join(pattern for pattern, families in _GROUPS if family in families))


# Three scanners by the first character of a candidate: an ASCII letter, a digit or sign, or
# anything else (CJK). Each holds only the alternatives that can start there, in one order.
# Compiled on first use: they are the largest regexes of the package, and a check whose new
# releases are all in the claim index never reads a number.
@cache
def _scanners() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The (ASCII letter, digit or sign, other) scanners."""
    return _scanner("L"), _scanner("D"), _scanner("O")


_DIGIT_STARTS = frozenset("0123456789.+(")


# Under re.IGNORECASE an ASCII letter also matches these (found by trying every code point; a
# test checks the table is complete).
_CASE_EXTRAS = {"i": "\u0130\u0131", "k": "\u212a", "s": "\u017f"}


def _ci(ch: str) -> str:
    r"""``ch`` as re.IGNORECASE reads it, written as a character class (a class keeps the regex
    engine's quick first-character test in an alternation; a case-folded literal loses it).

    >>> _ci("a"), _ci("一"), _ci("$")
    ('[Aa]', '一', '\\$')
    """
    if ch.isascii() and ch.isalpha():
        low = ch.lower()
        return f"[{low.upper()}{low}{_CASE_EXTRAS.get(low, '')}]"
    if ch.lower() != ch or ch.upper() != ch:
        return f"(?i:{re.escape(ch)})"
    return re.escape(ch)


def _trie(words: Iterable[str], *, fold: bool = False) -> str:
    r"""A regex for exactly ``words``, as a trie: each step tests one character, however many
    words there are (an alternation of words tries them one after another). ``fold`` matches
    letters as re.IGNORECASE does; a blank in a word stands for any run of blanks, as in
    ``_numtables.alternation``.

    >>> _trie(["one", "once", "two"])
    '(?:on(?:ce|e)|two)'
    >>> _trie(["ten", "tenth"], fold=True)
    '[Tt][Ee][Nn](?:[Tt][Hh])?'
    >>> _trie(["up to", "逾"])
    '(?:up[ \\t]*to|逾)'
    """
    tree: dict[str, dict] = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch.lower() if fold and ch.isascii() else ch, {})
        node[""] = {}

    def char(ch: str) -> str:
        if ch == " ":
            return "[ \\t]*"
        return _ci(ch) if fold else re.escape(ch)

    def emit(node: dict[str, dict]) -> str:
        branches = [char(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        if "" in node:
            return "(?:" + "|".join(branches) + ")?"
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    return emit(tree)


# The characters other than ASCII letters where a scanner may be tried (a letter only at the
# start of a word).
_START_CHARS = (frozenset("0123456789.+(第首對对上下晚早中凌傍夜") | frozenset(T.ZH_DIGITS) | frozenset(T.ZH_SMALL)
                | frozenset(T.ZH_BIG) | frozenset(T.VULGAR) | frozenset(T.ZH_HALF) | {w[0] for w in T.NONNUMERIC_ZH}
                | {w[0] for w in T.PERCENT_PREFIX} | {w[0] for w in T.NONNUMERIC_EN if not w[0].isalpha()})


def _skip_regex() -> re.Pattern[str]:
    """What lies before the next place where a scanner may match: matched at ``pos``, it ends
    there (or at the end of the text). One C-speed match skips the rest.

    Every alternative of the scanners starts with a character of ``_START_CHARS`` or an ASCII
    letter at the start of a word, so trying a scanner's ``match`` only there finds the same
    matches as a ``search``, at a fraction of the cost. A numeral character always stops the
    skip; any other start character and a word stop it only where a condition says a scanner
    can match there (a necessary condition, its word lists written as tries, so cheap): most
    words of an English text and most ideographs that merely begin some word of the
    ``[nonnumeric]`` table are skipped inside the regex engine, a whole word at a time, instead
    of being tried one by one.
    """
    numerals = set("0123456789") | set(T.ZH_DIGITS) | set(T.ZH_SMALL) | set(T.ZH_BIG) | set(T.VULGAR) \
        | set(T.ZH_HALF)  # the scanners' "num" alternative starts with any of these
    others = _START_CHARS - numerals
    checked = {c for c in others if c in _DIGIT_STARTS or not c.isascii()}  # the rest always stop
    # a digit scanner's match at . + ( : a decimal (.5), a phone number, an e-mail address
    digit_starts = r"\.(?=\d)|\+[ \t]?\d|\(\+?\d|(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]++@"
    # the other scanner's, at an ideograph that is no numeral: a word of the [nonnumeric] table,
    # 第N / 首屆, a percent word, a part of the day (下午3時), 打對折
    zh_words = {w.partition("!")[0] for w in T.NONNUMERIC_ZH if w[0] in others}
    other_starts = (rf"{_trie(zh_words)}|第[ \t]*(?=\d|{_ZSTART})|首(?=[{''.join(T.FIRST_COUNTERS)}])"
                    rf"|{_trie({w[0] for w in T.PERCENT_PREFIX})}|{_DAY_PARTS}|(?<=打)[對对]折")
    # the Latin scanner's, at the start of a word: a URL, an e-mail address or a code with digits
    # (COVID-19: the letters go on with one of [-_0-9.%+@]), a month, a number word or a word of
    # the [nonnumeric] table, "a"/"an" before a number word
    en_words = set(_EN_NUMWORDS) | {re.match(r"[A-Za-z]*", w).group() for w in T.NONNUMERIC_EN} - {""}
    initials = "".join(sorted({_ci(w[0])[1:-1] for w in en_words}))
    latin_starts = (r"https?://|ftp://|www\.|(?=[A-Za-z]++[-_0-9.%+@])"
                    r"(?:(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]++@|[A-Za-z]++[-_]?\d)"
                    r"|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
                    rf"|(?=[{initials}]){_trie(en_words, fold=True)}(?![A-Za-z])"
                    rf"|[Aa][Nn]?(?=[ \t]*(?:-[ \t]*)?{_trie(_EN_AFTER_A, fold=True)}(?![A-Za-z]))")
    starts = "".join(re.escape(c) for c in sorted(_START_CHARS))
    digit_checked = "".join(re.escape(c) for c in sorted(checked & _DIGIT_STARTS))
    zh_checked = "".join(re.escape(c) for c in sorted(checked - _DIGIT_STARTS))
    # The three alternatives start with different characters, and each tests its class first.
    return re.compile(
        rf"(?:[^A-Za-z{starts}]++"  # no scanner starts here
        # a word no scanner matches at its start, or the rest of a word
        rf"|(?=[A-Za-z])(?!(?<![A-Za-z])(?:{latin_starts}))[A-Za-z]++"
        # a start character where its scanner cannot match
        rf"|(?=[{digit_checked}{zh_checked}])"
        rf"(?!(?=[{digit_checked}])(?:{digit_starts})|(?=[{zh_checked}])(?:{other_starts}))"
        rf"[{digit_checked}{zh_checked}]"
        r")*+")


_SKIP = _skip_regex()


# ============================================================================ small helpers

def _to_number(value: Fraction) -> int | float:
    """An exact value as the API gives it: ``int`` when integral (and exact as a float too, so
    that ``low``/``high`` compare equal to it), else ``float``.

    >>> _to_number(Fraction(3, 2)), _to_number(Fraction(150)), _to_number(Fraction(10**17 + 1))
    (1.5, 150, 1e+17)
    >>> _to_number(Fraction(10**400, 9))
    inf
    """
    if value.denominator == 1:
        n = value.numerator
        if -_EXACT_INT <= n <= _EXACT_INT:
            return n
    try:
        return float(value)
    except OverflowError:  # a run of hundreds of digits ("111…1:9"): beyond any float
        return math.inf if value > 0 else -math.inf


_EXACT_INT = 2**53
_ONE = Fraction(1)
_ZERO = Fraction(0)
_POWERS_OF_TEN = [Fraction(10**k) for k in range(31)]
_POSITIONS = frozenset({"ordinal", "year", "date", "time", "phone", "identifier", "ratio"})
_MAX_EXPONENT = 100
_MAX_VALUE = 10**100


def _digits_step(digits: str, decimals: str) -> Fraction:
    """The place value of the last written digit.

    >>> _digits_step("1800", ""), _digits_step("148", ""), _digits_step("1", "5")
    (Fraction(100, 1), Fraction(1, 1), Fraction(1, 10))
    """
    if decimals:
        return Fraction(1, 10 ** len(decimals))
    zeros = len(digits) - len(digits.rstrip("0"))
    if zeros == len(digits):
        return _ONE
    return _POWERS_OF_TEN[zeros] if zeros < len(_POWERS_OF_TEN) else Fraction(10 ** zeros)


def _is_letter(ch: str) -> bool:
    return ch.isalpha()


_BLANKS = re.compile(r"\s*")
_ALNUM = re.compile(r"[A-Za-z0-9_]+")


class _Core:
    """A numeral read so far (mutable scratch space, never leaves this module)."""

    __slots__ = ("value", "step", "ns", "ne", "kind", "unit", "qualifier", "lo", "hi", "terms", "weak",
                 "bare", "lang", "plain", "ndigits", "one_word", "single_digit", "implicit", "scale")

    def __init__(self, value: Fraction | None, step: Fraction, ns: int, ne: int, lang: str) -> None:
        self.value = value
        self.step = step
        self.ns = ns
        self.ne = ne
        self.lang = lang
        self.kind = "cardinal"
        self.unit: str | None = None
        self.qualifier: str | None = None
        self.lo: Fraction | None = None
        self.hi: Fraction | None = None
        self.terms: tuple[int | float, ...] | None = None
        self.weak = False  # 一 / 零 / a lone formal digit: a number only with a counter word or alone
        self.bare = False  # a bare scale (百, 千) standing for 1 x scale
        self.plain = False  # plain Arabic integer with no separators
        self.ndigits = 0
        self.one_word = False  # the English word "one" alone
        self.single_digit = False
        self.implicit = False  # starts with a scale standing for one of it: 十, 百餘, 千三
        self.scale = _ONE  # the scale word that ends the numeral (萬 = 10^4, million = 10^6)

    def rescale(self, mult: Fraction | int, add: Fraction | int = 0, step: Fraction | None = None) -> None:
        """value -> value * mult + add, on the range ends too (三四成 = 30% to 40%)."""
        self.value = self.value * mult + add
        self.step = self.step * mult if step is None else step
        if self.lo is not None and self.hi is not None:
            self.lo, self.hi = self.lo * mult + add, self.hi * mult + add


# ============================================================================ Arabic numerals

_AR = re.compile(
    r"(?P<int>\d{1,3}(?:,\d{3})+(?!\d)|\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?!\d)|\d+)?"
    r"(?:\.(?P<frac>\d+))?"
    r"(?:[eE](?P<exp>[+-]?\d{1,3})(?![A-Za-z\d]))?"
    r"(?:\^(?P<pow>[+-]*\d{1,3})(?!\d))?"
    r"(?:[ \t]*[x×*][ \t]*10\^(?P<sci>[+-]?\d{1,3})(?!\d))?"
)
# characters after a numeral that no suffix (unit, %, 分之, 多, currency...) can start with
_DULL_AFTER = frozenset(",;!?。，、；：)）]」』\n\r\"'")
_NOT_DIGIT = re.compile(r"\D")
_HALF = Fraction(1, 2)
_DIGIT_VALUES = [Fraction(d) for d in range(10)]


def _arabic(s: str, p: int) -> _Core | None:
    """Digits with separators, decimals and exponents: 1,234.5, 40 000, 2.5e3, 2^5, 1.3x10^6."""
    m = _AR.match(s, p)
    if m is None or m.end() == p:
        return None
    int_text, frac, exp, pow_, sci = m.group("int", "frac", "exp", "pow", "sci")
    int_text = int_text or ""
    frac = (frac or "")[:_MAX_DIGITS]
    if not int_text and not frac:
        return None
    digits = int_text if int_text.isdigit() else _NOT_DIGIT.sub("", int_text)
    if len(digits) > _MAX_DIGITS and len(digits.lstrip("0")) > _MAX_DIGITS:
        core = _Core(None, _ONE, p, m.end(), "ar")
        core.kind = "identifier"
        return core
    if frac:
        value = Fraction(int(digits + frac), 10 ** len(frac))
        step = Fraction(1, 10 ** len(frac))
    else:
        value = Fraction(int(digits))
        step = _digits_step(digits, "")
    for e_text in (exp, sci):
        if e_text:
            if abs(int(e_text)) > _MAX_EXPONENT:
                return None  # 1e999 is no amount
            scale = Fraction(10) ** int(e_text)
            value, step = value * scale, step * scale
    if pow_:
        negative = pow_.count("-") % 2 == 1
        e = int(pow_.lstrip("+-"))
        try:
            result = float(value) ** (-e if negative else e)
        except (OverflowError, ZeroDivisionError):
            result = math.inf
        if math.isinf(result) or result != result:
            return _Core(value, step, p, m.start("pow") - 1, "ar")
        value, step = Fraction(result), _ONE
    core = _Core(value, step, p, m.end(), "ar")
    core.plain = digits == int_text and not (frac or exp or pow_ or sci)
    core.ndigits = len(digits)
    core.single_digit = len(digits) == 1 and not (frac or exp or pow_ or sci)
    return core


# ============================================================================ Chinese numerals

_ZT = re.compile(
    rf"([ \t]*)(?:(\d+(?:,\d{{3}})*(?:\.\d+)?)|({_ZD})|({_ZS})|({_ZB})|({_ZPT})|({_ZAP})|(半))"
)
_ZH_WEAK = frozenset("一壹弌幺零〇○")
_TENS_CHARS = {"廿": 2, "卅": 3, "卌": 4}


class _ZhState:
    __slots__ = ("parts", "sec", "cur", "cur_step", "cur_single", "last_small", "prev", "prev_scale", "zero",
                 "step", "best", "sec_cp")

    def __init__(self) -> None:
        self.parts: list[tuple[Fraction, Fraction]] = []
        self.sec = _ZERO
        self.cur: Fraction | None = None
        self.cur_step = _ONE
        self.cur_single = False
        self.last_small: int | None = None
        self.prev: str | None = None
        self.prev_scale: int | None = None
        self.zero = False
        self.step = _ONE
        self.best: tuple[Fraction, Fraction, int] | None = None
        self.sec_cp: tuple[Fraction, Fraction, int] | None = None

    def elided(self) -> tuple[Fraction, Fraction]:
        """The pending digit with colloquial elision (一万三 = 13000) and its step."""
        if self.cur is None:
            return _ZERO, self.step
        if (self.cur_single and not self.zero and self.prev_scale and self.prev_scale >= 100
                and self.prev in ("d", "a")):
            mult = Fraction(self.prev_scale, 10)
            return self.cur * mult, mult
        return self.cur, self.cur_step

    def total(self) -> tuple[Fraction, Fraction]:
        cur, step = self.elided()
        total = self.sec + cur
        for v, _ in self.parts:
            total += v
        return total, step

    def checkpoint(self, end: int) -> None:
        value, step = self.total()
        self.best = (value, step, end)


class _ZhToks:
    """The tokens of a Chinese numeral, read lazily (a parse that stops early reads no further)."""

    __slots__ = ("s", "pos", "items", "done")

    def __init__(self, s: str, p: int) -> None:
        self.s = s
        self.pos = p
        self.items: list[re.Match[str]] = []
        self.done = False

    def get(self, i: int) -> re.Match[str] | None:
        items = self.items
        while len(items) <= i and not self.done:
            m = _ZT.match(self.s, self.pos)
            ws = m.group(1) if m is not None else ""
            if m is None or len(items) >= _MAX_TOKENS or (ws and (not items or len(ws) > 4)):
                self.done = True
                break
            if ws and m.lastindex in (2, 3) and items[-1].lastindex in (2, 3):
                self.done = True  # 一 二: two numerals, never one
                break
            items.append(m)
            self.pos = m.end()
        return items[i] if i < len(items) else None


def _scale_of(t: re.Match[str]) -> int:
    ch = t.group(t.lastindex)
    return T.ZH_SMALL.get(ch) or T.ZH_BIG[ch]


def _zh_digit_string(toks: _ZhToks, p: int) -> _Core | None:
    """Positional digits: 二〇二三 = 2023, 一七二零点一 = 1720.1; 三四百 = 300 to 400."""
    digits: list[int] = []
    i = 0
    while (t := toks.get(i)) is not None and t.lastindex == 3 and (i == 0 or not t.group(1)):
        ch = t.group(3)
        if ch in T.ZH_NOT_POSITIONAL:
            break
        digits.append(T.ZH_DIGITS[ch])
        i += 1
    if len(digits) < 2:
        return None
    if i >= _MAX_TOKENS:
        return _zh_overlong(toks.s, p)  # 一二三一二三...: a code, not an amount
    end = toks.get(i - 1).end()
    nxt = toks.get(i)
    if nxt is not None and not nxt.group(1) and nxt.lastindex in (4, 5):
        a, b = digits[0], digits[-1]
        if len(digits) == 2 and b == a + 1 and nxt.group(nxt.lastindex) not in _TENS_CHARS:
            scale = _scale_of(nxt)
            core = _Core(Fraction(a * scale), Fraction(scale), p, nxt.end(), "zh")
            core.qualifier = "range"
            core.lo, core.hi = Fraction(a * scale), Fraction(b * scale)
            return core
        return None  # 一二三万: not a numeral we can read
    value = Fraction(int("".join(map(str, digits))))
    step = _ONE
    if nxt is not None and nxt.lastindex == 6:
        dec = []
        j = i + 1
        while (t := toks.get(j)) is not None and t.lastindex == 3 and t.group(3) not in T.ZH_NOT_POSITIONAL:
            dec.append(str(T.ZH_DIGITS[t.group(3)]))
            j += 1
        if dec:
            value += Fraction(int("".join(dec)), 10 ** len(dec))
            step = Fraction(1, 10 ** len(dec))
            end = toks.get(j - 1).end()
    core = _Core(value, step, p, end, "zh")
    if len(digits) == 2:
        core.weak = True  # 九九, 一一: a number only with a counter word or standing alone
        if digits[1] == digits[0] + 1 and step == 1:  # 三四個: three or four
            core.qualifier = "range"
            core.lo, core.hi = Fraction(digits[0]), Fraction(digits[1])
            core.value = core.lo
    core.ndigits = len(digits)
    return core


def _zh_core(s: str, p: int) -> _Core | None:
    """Read a Chinese (or mixed Arabic-Chinese) numeral starting at ``p``."""
    toks = _ZhToks(s, p)
    first = toks.get(0)
    if first is None:
        return None
    second = toks.get(1)
    if second is not None and second.group(1):
        second_glued = None
    else:
        second_glued = second
    if first.lastindex == 3 and second_glued is not None and second_glued.lastindex == 3:
        return _zh_digit_string(toks, p)
    if first.lastindex == 8:  # 半, 半百
        if second_glued is not None and second_glued.lastindex in (4, 5):
            scale = _scale_of(second_glued)
            return _Core(Fraction(scale, 2), Fraction(scale, 2), p, second_glued.end(), "zh")
        core = _Core(_HALF, _HALF, p, first.end(), "zh")
        core.weak = True
        return core
    if first.lastindex == 3 and T.ZH_DIGITS[first.group(3)] == 1 and second_glued is not None \
            and second_glued.lastindex == 8:
        core = _Core(_HALF, _HALF, p, second_glued.end(), "zh")  # 一半: a half
        core.kind = "fraction"
        return core

    st = _ZhState()
    approx_at: int | None = None
    used_scale = False
    i = 0
    while (t := toks.get(i)) is not None:
        kind = t.lastindex
        if kind == 3:  # Chinese digit
            v = T.ZH_DIGITS[t.group(3)]
            if st.cur is not None:
                break
            if v == 0:
                if st.prev is None:
                    st.cur, st.cur_single, st.prev = Fraction(0), False, "d"
                    st.checkpoint(t.end())
                elif st.prev in ("s", "b"):
                    st.zero, st.prev = True, "z"
                else:
                    break
            else:
                if st.prev == "z" and t.group(1):
                    break
                st.cur, st.cur_step, st.cur_single, st.prev = _DIGIT_VALUES[v], _ONE, True, "d"
                st.checkpoint(t.end())
        elif kind == 2:  # Arabic digits inside a Chinese numeral: 3万4000, 1千零1
            if st.cur is not None or (st.prev is not None and st.prev not in ("s", "b", "z")):
                break
            if st.prev is not None and "." in t.group(2):
                break
            core = _arabic(s, t.start(2))
            if core is None or core.value is None or core.ne != t.end():
                break
            st.cur, st.cur_step, st.prev = core.value, core.step, "a"
            st.cur_single = core.single_digit
            st.checkpoint(t.end())
        elif kind == 4:  # 十 百 千 (and 廿 卅 卌)
            ch = t.group(4)
            if ch in _TENS_CHARS:
                if st.cur is not None:
                    break
                mult, scale = Fraction(_TENS_CHARS[ch]), 10
            else:
                scale = T.ZH_SMALL[ch]
                if st.cur is None:
                    if st.prev not in (None, "z", "s", "b"):
                        break
                    mult = _ONE
                elif st.cur == 0 and not st.parts and st.sec == 0:
                    mult = _ONE  # 零十 = 10
                else:
                    mult = st.cur
            if st.last_small is not None and scale >= st.last_small:
                break  # 五十千: scales inside a group must fall
            if st.prev == "a" and st.cur is not None and st.cur.denominator != 1 and scale < 1000:
                break
            st.sec += mult * scale
            st.step = (st.cur_step if st.cur is not None else _ONE) * scale
            st.cur, st.cur_single = None, False
            st.last_small, st.prev_scale, st.prev, st.zero = scale, scale, "s", False
            used_scale = True
            st.checkpoint(t.end())
        elif kind == 5:  # 萬 億 兆
            scale = T.ZH_BIG[t.group(5)]
            if st.prev == "b":  # 萬億, 萬萬: scales multiply
                v, sc = st.parts[-1]
                if v * scale > 10 ** 60:
                    break
                st.parts[-1] = (v * scale, sc * scale)
                st.step *= scale
                st.prev_scale = scale
                st.checkpoint(t.end())
                st.sec_cp = st.best
            else:
                if st.cur is None and st.sec == 0:
                    if st.prev is not None:
                        break
                    st.cur, st.cur_step = _ONE, _ONE  # 萬九: a bare 萬 is one 萬
                if st.cur is not None and st.prev in ("d", "a") and st.last_small is not None:
                    cur, cstep = st.elided()  # 一千三萬 = 1300萬
                else:
                    cur, cstep = (st.cur or Fraction(0)), (st.cur_step if st.cur is not None else st.step)
                group_step = cstep if st.cur is not None else st.step
                absorbed = [(v, sc) for v, sc in st.parts if sc < scale]
                kept = [(v, sc) for v, sc in st.parts if sc >= scale]
                new_scale = scale * max((sc for _, sc in absorbed), default=_ONE)
                if kept and min(sc for _, sc in kept) <= new_scale:
                    if st.sec_cp is not None:
                        st.best = st.sec_cp  # 一萬一萬: stop after the first 萬
                    break
                total = sum((v for v, _ in absorbed), Fraction(0)) + st.sec + cur
                st.parts = kept + [(total * scale, Fraction(new_scale))]
                st.step = group_step * scale
                st.sec, st.cur, st.cur_single, st.last_small = Fraction(0), None, False, None
                st.prev, st.prev_scale, st.zero = "b", scale, False
                used_scale = True
                st.checkpoint(t.end())
                st.sec_cp = st.best
            if approx_at is not None:
                break  # 一千多萬 ends at its scale
        elif kind == 6:  # decimal point
            if st.prev not in ("d", "a", "s", "b") or (st.prev == "a" and st.cur is not None
                                                       and st.cur.denominator != 1):
                break
            _zh_decimals(toks, i, st)
            break
        elif kind == 7:  # 多 餘 幾 between a numeral and its scale: 一千多萬
            nxt = toks.get(i + 1)
            if nxt is None or nxt.lastindex != 5 or st.prev not in ("d", "a", "s", "z"):
                break
            approx_at = i
        else:  # 半 inside a numeral
            break
        i += 1
    if st.best is None:
        return None
    value, step, end = st.best
    if i >= _MAX_TOKENS and end >= toks.items[-1].end():
        return _zh_overlong(s, p)
    core = _Core(value, step, p, end, "zh")
    if approx_at is not None and end > toks.items[approx_at].end():
        core.qualifier = "plus"
    used = [t for t in toks.items if t.end() <= end]
    head = used[0].group(used[0].lastindex)
    core.implicit = used[0].lastindex in (4, 5) and head not in _TENS_CHARS
    core.bare = len(used) == 1 and used[0].lastindex in (4, 5) and head not in "十拾廿卅卌"
    for t in reversed(used):
        if t.lastindex != 5:
            break
        core.scale *= T.ZH_BIG[t.group(5)]
    if not used_scale and all(t.lastindex == 3 and t.group(3) in _ZH_WEAK for t in used):
        core.weak = True  # 一, 零: see _read_number
    if len(used) == 1 and used[0].lastindex in (3, 4) and head in T.ZH_FORMAL:
        core.weak = True  # a lone 伍, 拾
    core.single_digit = len(used) == 1 and used[0].lastindex == 3
    return core


def _zh_decimals(toks: _ZhToks, i: int, st: _ZhState) -> None:
    """Digits after 點 (token ``i``): 十五點七, 零點零一, 三點五萬; sets ``st.best`` if any."""
    dec = []
    j = i + 1
    while (t := toks.get(j)) is not None and t.lastindex == 3 and t.group(3) not in T.ZH_NOT_POSITIONAL:
        dec.append(str(T.ZH_DIGITS[t.group(3)]))
        j += 1
    if not dec and (t := toks.get(j)) is not None and t.lastindex == 2 and t.group(2).isdigit():
        dec.append(t.group(2))
        j += 1
    if not dec:
        return
    value, _ = st.total()
    digits = "".join(dec)[:_MAX_DIGITS]
    value += Fraction(int(digits), 10 ** len(digits))
    step = Fraction(1, 10 ** len(digits))
    end = toks.get(j - 1).end()
    if not st.parts:
        while (t := toks.get(j)) is not None and t.lastindex == 5 and not t.group(1):
            scale = T.ZH_BIG[t.group(5)]
            value, step, end = value * scale, step * scale, t.end()
            j += 1
    st.best = (value, step, end)


_ZH_RUN = re.compile(rf"(?:\d|{_ZNUM}|{_ZPT})+")


def _zh_overlong(s: str, p: int) -> _Core:
    """A numeral run too long to be an amount: one identifier over the whole run (bounded work)."""
    core = _Core(None, _ONE, p, _ZH_RUN.match(s, p).end(), "zh")
    core.kind = "identifier"
    return core


# ============================================================================ English number words

_EN_TOKEN = re.compile(r"([ \t]+(?:-[ \t]*)?|[ \t]*-[ \t]*)?(?:([A-Za-z]+)|(\d+(?:,\d{3})*(?:\.\d+)?))")


class _Tok:
    __slots__ = ("typ", "val", "start", "end", "word", "core")

    def __init__(self, typ: str, val: Fraction, start: int, end: int, word: str, core: _Core | None = None):
        self.typ = typ
        self.val = val
        self.start = start
        self.end = end
        self.word = word
        self.core = core


_EN_GLUE = frozenset({"over", "out", "of", "in"})  # words that join two numbers: one over three


# Which token kinds may follow which inside one English number phrase. The tokenizer stops at the
# first token that cannot follow, so the parse never looks at a long run of unrelated words.
_EN_NEXT = {
    "unit": {"hundred", "hundreds", "scale", "and", "ord", "ords", "frac", "point", "dozen", "tens", "over", "out",
             "in"},
    "teen": {"hundred", "hundreds", "scale", "and", "ord", "ords", "point", "dozen", "tens", "over", "out", "in"},
    "tens": {"unit", "teen", "tens", "ord", "ords", "hundred", "hundreds", "scale", "and", "point", "dozen", "over",
             "out", "in"},
    "hundred": {"unit", "teen", "tens", "scale", "and", "ord", "ords", "num", "dozen", "point", "over", "out", "in"},
    "hundreds": {"over", "out", "in", "scale"},
    "scale": {"unit", "teen", "tens", "hundred", "scale", "and", "a", "num", "ord", "ords", "point", "over", "out",
              "in", "frac"},
    "a": {"hundred", "scale", "dozen", "ord", "ords", "frac", "tens", "unit", "teen"},
    "and": {"unit", "teen", "tens", "num", "a", "ord", "ords"},
    "point": {"unit", "teen", "tens", "num"},
    "ord": {"scale", "of", "a"},
    "ords": {"scale", "of"},
    "frac": {"a", "scale", "of", "dozen"},
    "num": {"hundred", "hundreds", "scale", "and", "dozen", "over", "out", "in", "ord", "ords", "point"},
    "dozen": set(),
    "of": {"a", "unit", "teen", "tens", "num"},
    "over": {"unit", "teen", "tens", "num", "a"},
    "out": {"of"},
    "in": {"unit", "teen", "tens", "num"},
}


def _en_tokens(s: str, p: int) -> list[_Tok]:
    """The words (and digit groups) of an English number phrase starting at ``p``."""
    toks: list[_Tok] = []
    pos = p
    decimals = False  # after "point", digit words follow one another: point zero three
    while len(toks) < _MAX_EN_TOKENS:
        m = _EN_TOKEN.match(s, pos)
        if m is None:
            break
        sep = m.group(1) or ""
        if (sep and not toks) or len(sep) > 6:
            break
        if m.group(2):
            word = m.group(2).lower()
            info = T.EN_WORDS.get(word)
            if info is None:
                if word not in _EN_GLUE or not toks:
                    break
                info = (word, 0)
            elif m.end(2) < len(s) and s[m.end(2)].isdigit():
                break
            tok = _Tok(info[0], Fraction(info[1]), m.start(2), m.end(2), word)
            pos = m.end()
        else:
            core = _arabic(s, m.start(3))
            if core is None or core.value is None:
                break
            tok = _Tok("num", core.value, core.ns, core.ne, m.group(3), core)
            pos = core.ne
        if toks and tok.typ not in _EN_NEXT[toks[-1].typ]:
            if not (decimals and tok.typ in ("unit", "teen", "tens", "num")) \
                    and not (toks[-1].typ == "unit" == tok.typ and _EN_DENOMINATOR_AHEAD.match(s, pos)):
                break  # (one one-hundredth: a numerator before a denominator is let through)
        decimals = tok.typ == "point" or (decimals and tok.typ in ("unit", "teen", "tens", "num"))
        toks.append(tok)
    return toks


_NUMERIC_TYPES = ("unit", "teen", "tens", "num")
_EN_DENOMINATOR_AHEAD = re.compile(
    rf"(?:[ \t]+|[ \t]*-[ \t]*)(?i:hundred|{'|'.join(w for w, (t, _) in T.EN_WORDS.items() if t in ('ord', 'ords', 'scale'))})"
    r"(?![A-Za-z])")


class _EnCard:
    __slots__ = ("value", "step", "j", "last", "ntok", "scale", "and_single")

    def __init__(self, value: Fraction, step: Fraction, j: int, last: str, ntok: int, scale: int,
                 and_single: bool) -> None:
        self.value = value
        self.step = step
        self.j = j  # index after the last token used
        self.last = last
        self.ntok = ntok
        self.scale = scale  # the largest scale word used
        self.and_single = and_single  # ended with "and" + one unit word (maybe a fraction's numerator)


def _en_cardinal(toks: list[_Tok], i: int) -> _EnCard | None:
    """The longest cardinal starting at token ``i`` ("one hundred and fifty", "3 hundred and 21")."""
    total = Fraction(0)
    cur = Fraction(0)
    small = Fraction(0)
    last: str | None = None
    last_scale: int | None = None
    max_scale = 0
    step = Fraction(1)
    best: _EnCard | None = None
    and_cp: _EnCard | None = None
    after_and = 0
    n = len(toks)
    j = i
    while j < n:
        t = toks[j]
        typ = t.typ
        v = t.val
        ok = True
        if typ == "a":
            nxt = toks[j + 1].typ if j + 1 < n else None
            if last is not None or nxt not in ("hundred", "scale", "dozen"):
                break
            cur, small, last = Fraction(1), Fraction(1), "a"
            j += 1
            continue
        if typ in ("unit", "teen"):
            if last not in (None, "tens", "hundred", "scale", "and") or (last == "tens" and typ == "teen"):
                ok = False
            else:
                cur += v
                small += v
                step = Fraction(1)
        elif typ == "tens":
            if last not in (None, "hundred", "scale", "and"):
                ok = False
            else:
                cur += v
                small += v
                step = Fraction(10)
        elif typ == "num":
            if last not in (None, "and", "scale") or (last == "and" and v == 0):
                ok = False
            elif last is not None and t.core is not None and (t.core.value or 0) >= 1000 and last == "scale":
                ok = False
            else:
                cur += v
                small = v
                step = t.core.step if t.core is not None else Fraction(1)
        elif typ in ("hundred", "hundreds"):
            if last not in (None, "unit", "teen", "tens", "a", "num") or cur != small or (typ == "hundreds" and last is None):
                ok = False
            else:
                base = small if last is not None else Fraction(1)
                step = (step if last is not None else Fraction(1)) * 100
                cur = (cur - small) + base * 100
                small = Fraction(0)
        elif typ == "scale":
            sv = int(v)
            if last not in (None, "unit", "teen", "tens", "hundred", "a", "num", "scale"):
                ok = False
            elif last == "scale":
                if last_scale is None or sv <= last_scale:
                    ok = False
                else:
                    total *= sv
                    step *= sv
            elif last_scale is not None and sv >= last_scale:
                total = (total + (cur or 1)) * sv
                step *= sv
            else:
                total += (cur if last is not None else Fraction(1)) * sv
                step = (step if last is not None else Fraction(1)) * sv
            if ok:
                cur = Fraction(0)
                small = Fraction(0)
                last_scale = sv
                max_scale = max(max_scale, sv)
        elif typ == "and":
            nxt = toks[j + 1] if j + 1 < n else None
            if last not in ("hundred", "scale") or nxt is None or nxt.typ not in _NUMERIC_TYPES:
                break
            if nxt.typ == "num" and nxt.val == 0:
                break
            and_cp = best
            after_and = 0
            last = "and"
            j += 1
            continue
        elif typ == "point":
            if last not in ("unit", "teen", "tens", "hundred", "scale", "num") or (
                    last == "num" and toks[j - 1].core is not None and toks[j - 1].val.denominator != 1):
                break
            digits = []
            k = j + 1
            while k < n and toks[k].typ in ("unit", "teen", "tens", "num"):
                tk = toks[k]
                if tk.typ == "num":
                    if not tk.word.isdigit():
                        break
                    digits.append(tk.word)
                elif tk.typ == "tens" and k + 1 < n and toks[k + 1].typ == "unit" and toks[k + 1].val:
                    digits.append(str(int(tk.val + toks[k + 1].val)))
                    k += 1
                else:
                    digits.append(str(int(tk.val)))
                k += 1
            if not digits:
                break
            dec = "".join(digits)[:_MAX_DIGITS]
            value = total + cur + Fraction(int(dec), 10 ** len(dec))
            dstep = Fraction(1, 10 ** len(dec))
            if k < n and toks[k].typ == "scale" and total == 0 and cur < 1000:
                sv = int(toks[k].val)
                value, dstep = value * sv, dstep * sv
                max_scale = max(max_scale, sv)
                k += 1
            return _EnCard(value, dstep, k, "point", k - i, max_scale, False)
        elif typ == "dozen":
            if last not in ("unit", "teen", "tens", "a", "num", "hundred"):
                ok = False
            else:
                if small:
                    cur = cur - small + small * 12
                else:
                    cur = (cur or 1) * 12
                small = Fraction(0)
        else:
            break
        if not ok:
            if after_and and typ in ("hundred", "scale") and and_cp is not None:
                best = and_cp
            break
        last = "hundred" if typ == "hundreds" else typ
        if and_cp is not None:
            after_and += 1
        value = total + cur
        if value > 10 ** 60:
            break
        and_single = after_and == 1 and typ == "unit" and toks[j - 1].typ == "and"
        best = _EnCard(value, step, j + 1, typ, j + 1 - i, max_scale, and_single)
        j += 1
        if typ == "dozen":
            break
    if best is not None and best.last == "and":
        return None
    return best


# which word kinds may follow a cardinal that ends in a word of the key's kind
_EN_CONTINUES = {
    "unit": ("hundred", "scale"),
    "teen": ("hundred", "scale"),
    "tens": ("unit", "hundred", "scale"),
    "hundred": ("unit", "teen", "tens", "scale"),
    "scale": ("unit", "teen", "tens", "hundred", "scale"),
    "a": ("hundred", "scale"),
    "num": ("hundred", "scale"),
    "and": ("unit", "teen", "tens"),
}


def _ord_kind(v: int) -> str:
    if v < 10:
        return "unit"
    if v < 20:
        return "teen"
    if v < 100:
        return "tens"
    if v == 100:
        return "hundred"
    return "scale"


def _en_ordinal_phrase(toks: list[_Tok], i: int) -> tuple[Fraction, bool, int, int] | None:
    """An ordinal starting at token ``i``: (value, plural, index after, tokens before the ordinal word)."""
    # find the ordinal word
    k = i
    while k < len(toks) and toks[k].typ not in ("ord", "ords", "frac"):
        if toks[k].typ not in ("unit", "teen", "tens", "hundred", "scale", "and", "a", "num"):
            return None
        k += 1
    if k >= len(toks):
        return None
    word = toks[k]
    plural = word.typ == "ords"
    ov = int(word.val)
    if word.typ == "frac" or word.word in ("halves", "quarters"):
        if k != i:
            return None
        return Fraction(ov), plural, k + 1, 0
    if k == i:
        return Fraction(ov), plural, k + 1, 0
    if word.word in ("halves", "quarters"):
        return None
    # the words before must form a cardinal that the ordinal word continues
    if toks[k - 1].typ == "and":
        card = _en_cardinal(toks[:k - 1], i)
        if card is None or card.j != k - 1 or card.last not in ("hundred", "scale") or _ord_kind(ov) not in (
                "unit", "teen", "tens"):
            return None
        fake = list(toks[:k]) + [_Tok(_ord_kind(ov), Fraction(ov), word.start, word.end, word.word)]
        full = _en_cardinal(fake, i)
        if full is None or full.j != k + 1:
            return None
        return full.value, plural, k + 1, k - i
    card = _en_cardinal(toks[:k], i)
    if card is None or card.j != k:
        return None
    kind = _ord_kind(ov)
    if kind not in _EN_CONTINUES.get(card.last, ()):
        return None
    fake = list(toks[:k]) + [_Tok(kind, Fraction(ov), word.start, word.end, word.word)]
    full = _en_cardinal(fake, i)
    if full is None or full.j != k + 1:
        return None
    return full.value, plural, k + 1, k - i


def _en_core(s: str, p: int) -> tuple[_Core, list[_Tok], int] | None:
    toks = _en_tokens(s, p)
    if not toks:
        return None
    return _en_parse(s, p, toks)


def _en_parse(s: str, p: int, toks: list[_Tok]) -> tuple[_Core, list[_Tok], int] | None:
    n = len(toks)
    first = toks[0]
    # a lone fraction word: "half", "half a dozen", "half million", "quarter million"
    if first.typ == "frac":
        den = int(first.val)
        value = Fraction(1, den)
        j = 1
        if j + 1 < n and toks[j].typ == "a" and toks[j + 1].typ == "dozen":
            value, j = value * 12, j + 2
        elif j < n and toks[j].typ == "scale":
            value, j = value * toks[j].val, j + 1
        elif den == 4:
            return None
        core = _Core(value, value if value >= 1 else Fraction(1, den), p, toks[j - 1].end, "en")
        core.kind = "cardinal" if j > 1 else "fraction"
        return core, toks, j
    ordph = _en_ordinal_phrase(toks, 0)
    card = _en_cardinal(toks, 0)
    # "one and a half": a cardinal that took "and" + one unit word that is really a numerator
    if card is not None and card.and_single and card.j < n and toks[card.j].typ in ("ords", "frac"):
        card = _en_cardinal(toks[:card.j - 2], 0)
    if ordph is not None and not ordph[1] and (card is None or ordph[2] > card.j):
        value, _, j, before = ordph
        degenerate = before == 1 and toks[0].typ in ("a", "unit") and toks[0].val == 1 and int(toks[j - 1].val) >= 3
        if before == 0 and toks[0].typ == "frac":
            degenerate = True
        if not degenerate:
            core = _Core(value, Fraction(1), p, toks[j - 1].end, "en")
            core.kind = "ordinal"
            return core, toks, j
        den = toks[j - 1].val
        core = _Core(1 / den, Fraction(1), p, toks[j - 1].end, "en")
        core.kind = "fraction"
        return _en_fraction_tail(s, core, toks, j)
    if card is None:
        if first.typ == "a" and n > 1:
            den_ph = _en_ordinal_phrase(toks, 1)
            if den_ph is not None and den_ph[0] >= 3 or (den_ph is not None and toks[1].typ == "frac"):
                value = 1 / den_ph[0]
                j = den_ph[2]
                if toks[j - 1].typ == "ord" and _ORDINAL_NOUN_AHEAD.match(s, toks[j - 1].end):
                    # "for a third time", "a third consecutive year": an ordinal, not a fraction
                    core = _Core(den_ph[0], _ONE, toks[1].start, toks[j - 1].end, "en")
                    core.kind = "ordinal"
                    return core, toks, j
                if j < n and toks[j].typ == "a" and j + 1 < n and toks[j + 1].typ == "dozen":
                    core = _Core(value * 12, Fraction(1), p, toks[j + 1].end, "en")
                    return core, toks, j + 2
                core = _Core(value, Fraction(1), p, toks[j - 1].end, "en")
                core.kind = "fraction"
                return _en_fraction_tail(s, core, toks, j)
        return None
    j = card.j
    value, step = card.value, card.step
    kind = "cardinal"
    # fraction with a denominator: "two thirds", "one twenty-fifth", "three quarters"
    if (j < n and toks[j].typ == "ords" and toks[j].val < 10 and card.last == "tens" and j >= 2
            and toks[j - 2].typ in ("hundred", "scale")):
        card2 = _en_cardinal(toks[:j - 1], 0)
        if card2 is not None and card2.j == j - 1:
            value = card2.value / (toks[j - 1].val + toks[j].val)
            j += 1
            kind = "fraction"
            step = Fraction(1)
    if kind == "cardinal" and j < n and toks[j].typ in ("ord", "ords", "frac", "unit", "teen", "tens", "hundred"):
        den_ph = _en_ordinal_phrase(toks, j)
        if den_ph is not None and (den_ph[0] >= 3 or toks[den_ph[2] - 1].word in ("half", "halves")):
            value = value / den_ph[0]
            j = den_ph[2]
            kind = "fraction"
            step = Fraction(1)
    # mixed numbers: "one and a half", "twenty and three fifths", "one million and a half"
    if kind == "cardinal" and j < n and toks[j].typ == "and" and j + 1 < n:
        k = j + 1
        numc = _en_cardinal(toks, k) if toks[k].typ != "a" else None
        num, nk = (Fraction(1), k + 1) if toks[k].typ == "a" else ((numc.value, numc.j) if numc else (None, k))
        if num is not None and nk < n:
            den_ph = _en_ordinal_phrase(toks, nk)
            if den_ph is not None and (den_ph[0] >= 3 or toks[nk].typ == "frac" or toks[nk].word == "halves"):
                frac = num / den_ph[0]
                j2 = den_ph[2]
                if j2 < n and toks[j2].typ == "scale":
                    sv = int(toks[j2].val)
                    if card.scale > sv:
                        value = value + frac * sv
                    else:
                        value = (value + frac) * sv
                    j2 += 1
                elif card.scale >= 10 ** 6:
                    value = value + frac * card.scale
                else:
                    value = value + frac
                j = j2
                kind = "cardinal" if value.denominator == 1 else "fraction"
                step = Fraction(1)
    elif kind == "fraction" and j < n and toks[j].typ == "scale":
        value *= toks[j].val
        j += 1
        kind = "cardinal"
    elif kind == "fraction" and j + 2 < n and toks[j].typ == "of" and toks[j + 1].typ == "a" and toks[j + 2].typ == "scale":
        value *= toks[j + 2].val
        j += 3
        kind = "cardinal"
    core = _Core(value, step, p, toks[j - 1].end, "en")
    core.kind = kind
    if toks[j - 1].typ == "scale":
        core.scale = toks[j - 1].val
    if kind == "cardinal":
        # "one over three", "two out of five hundred", "1 in twenty-one"
        res = _en_over(s, core, toks, j, card)
        if res is not None:
            return res
    if card.ntok == 1 and toks[0].word == "one" and j == 1:
        core.one_word = True
    if card.ntok == 1 and toks[0].typ == "num" and j == 1 and toks[0].core is not None:
        core.plain = toks[0].core.plain
        core.ndigits = toks[0].core.ndigits
        core.single_digit = toks[0].core.single_digit
        core.lang = "ar"
    return core, toks, j


def _en_fraction_tail(s: str, core: _Core, toks: list[_Tok], j: int) -> tuple[_Core, list[_Tok], int]:
    n = len(toks)
    if j < n and toks[j].typ == "scale":
        core.value *= toks[j].val
        core.ne = toks[j].end
        core.kind = "cardinal"
        return core, toks, j + 1
    if j + 2 < n and toks[j].typ == "of" and toks[j + 1].typ == "a" and toks[j + 2].typ == "scale":
        core.value *= toks[j + 2].val
        core.ne = toks[j + 2].end
        core.kind = "cardinal"
        return core, toks, j + 3
    return core, toks, j


_ORDINAL_NOUN_AHEAD = re.compile(rf"[ \t]+(?i:{T.alternation(T.EN_ORDINAL_NOUNS)})(?![A-Za-z])")
_AFTER_OVER = re.compile(r"[ \t]*(?:[.,;:!?)\]」』）]|$)")


def _en_over(s: str, core: _Core, toks: list[_Tok], j: int, card: _EnCard) -> tuple[_Core, list[_Tok], int] | None:
    n = len(toks)
    if j >= n or toks[j].typ not in ("over", "out", "in"):
        return None
    k = j + 1
    if toks[j].typ == "out":
        if k >= n or toks[k].typ != "of":
            return None
        k += 1
    den = _en_cardinal(toks, k)
    if den is None or den.value == 0:
        return None
    num = core.value
    if toks[j].typ == "over":
        if not _AFTER_OVER.match(s, toks[den.j - 1].end):
            return None
    elif toks[j].typ == "out":
        if num > den.value:
            return None
    elif num != 1:
        return None
    out = _Core(num / den.value, Fraction(1), core.ns, toks[den.j - 1].end, "en")
    out.kind = "fraction"
    return out, toks, den.j


# ============================================================================ suffixes (after the numeral)

def _is_unit_word(form: str) -> bool:
    """English unit words match in any case (Years); symbols (MW, mW, L) only as written."""
    return form.isascii() and len(form) >= 3 and form.replace(" ", "").replace(".", "").islower()


def _unit_regex() -> re.Pattern[str]:
    zh = [f for f in T.UNITS if not f.isascii()]
    words = [f for f in T.UNITS if _is_unit_word(f)]
    symbols = [f for f in T.UNITS if f.isascii() and not _is_unit_word(f)]
    veto = "|".join(map(re.escape, sorted(T.UNIT_VETO, key=len, reverse=True)))
    return re.compile(
        rf"(?:[ \t]{{0,2}}(?:(?!{veto})(?P<zh>{T.alternation(zh)})"
        rf"|(?P<sym>{T.alternation(symbols)})(?![A-Za-z0-9]))"
        rf"|(?:[ \t]{{1,2}}|-)(?P<word>(?i:{T.alternation(words)}))(?![A-Za-z0-9]))"
    )


_UNIT = _unit_regex()
_UNIT_WORDS = {f.lower(): f for f in T.UNITS if _is_unit_word(f)}
_POINT_WORDS = frozenset(w.replace(" ", "").lower() for w in T.PERCENT_POINTS)
_NO_BLANKS = re.compile(r"\s+")
_PERCENT_WORDS = [w for w in T.PERCENT_SUFFIX + list(T.PERCENT_POINTS) if w.isascii() and w not in "%‰"]
_PERCENT = re.compile(
    rf"[ \t]*(?:(?P<sym>%|‰)|(?P<zh>{T.alternation([w for w in T.PERCENT_SUFFIX if not w.isascii()], spaced=True)})"
    rf"|(?P<en>(?i:{T.alternation(_PERCENT_WORDS)}))(?![A-Za-z]))"
)
_CHENG = re.compile(r"[ \t]*成(?:[ \t]*(?P<half>半)|[ \t]*(?P<d>[一二三四五六七八九1-9])(?![\d一二三四五六七八九十百千萬万]))?")
_ZHE = re.compile(rf"[ \t]*(?:(?P<d2>[0-9一二三四五六七八九])[ \t]*)?折(?!扣)")
_JIAO_FEN = re.compile(rf"(?:[ \t]*(?P<j>{_ZD}|\d)[ \t]*角)?(?:[ \t]*(?P<f>{_ZD}|\d)[ \t]*分)?(?:[ \t]*[整正])?")
_FRAC_ZH = re.compile(r"[ \t]*分[ \t]*之[ \t]*")
_FRAC_CANTO = re.compile(r"[分份](?=[一二三四五六七八九十])")
_YOU = re.compile(r"[ \t]*又[ \t]*")
# At most _MAX_DIGITS digits a term: a longer run is an identifier (and past int()'s limit).
_SLASH = re.compile(r"[ \t]*/[ \t]*(\d{1,30})(?![\d/]|\.\d)")
_MIXED_SLASH = re.compile(r"[ \t]+(\d{1,30})[ \t]*/[ \t]*(\d{1,30})(?![\d/]|\.\d)")
_CUR_SUFFIX = re.compile(
    rf"[ \t]*(?:(?P<zh>{T.alternation([w for w in T.CURRENCY_SUFFIX if not w.isascii()])})"
    rf"|(?P<en>(?i:{T.alternation([w for w in T.CURRENCY_SUFFIX if w.isascii()])}))(?![A-Za-z]))"
)
_CUR_SUFFIX_CI = {w.lower(): c for w, c in T.CURRENCY_SUFFIX.items() if w.isascii()}
_ORD_SUFFIX = re.compile(rf"(?:{'|'.join(T.EN_ORDINAL_SUFFIXES)})(?![A-Za-z])")
_ORD_NOUN = re.compile(rf"[ \t]+(?P<w>(?i:{T.alternation(T.EN_ORDINAL_UNITS)}))(?![A-Za-z])")
_LETTER_SCALE = re.compile(rf"[ \t]?(?P<w>{T.alternation(T.LETTER_SCALES)})(?![A-Za-z0-9])")
_MONEY_LETTER = re.compile(rf"[ \t]?(?P<w>{T.alternation(T.MONEY_LETTER_SCALES)})(?![A-Za-z0-9])")
_DOZEN_ZH = re.compile(rf"[ \t]*打(?!{'|'.join(re.escape(w[1:]) for w in T.NOT_DOZEN)})")
_HALF_AFTER = re.compile(r"半(?![導导島岛山自])")
_PLUS_ZH = re.compile(rf"[ \t]*(?P<w>{T.alternation(T.ZH_PLUS_SUFFIX)})(?![多])")
_QUAL_SUFFIX_ZH = re.compile(
    rf"[ \t]*(?P<w>{T.alternation([w for w in T.QUAL_SUFFIX if not w.isascii() and w not in T.ZH_PLUS_SUFFIX])})")
_QUAL_SUFFIX_EN = re.compile(
    rf"(?P<w>\+(?![\d])|(?i:-plus|-odd|[ \t]+odd|[ \t]+(?:or|and)[ \t]+(?:more|above|over|so|less|fewer|below|under)))(?![A-Za-z])"
    r"(?![ \t]*[$\d])")  # "10 and below 5": below belongs to the 5
_ZH_CONT = re.compile(rf"[ \t]*(?:{_ZB}|{_ZS}|{_ZAP}[ \t]*{_ZB})")
_EN_CONT = re.compile(r"[ \t]+(?:-[ \t]*)?(?P<w>[A-Za-z]+)|[ \t]*-[ \t]*(?P<h>[A-Za-z]+)")


def _read_unit(s: str, e: int) -> tuple[str, str, int] | None:
    m = _UNIT.match(s, e)
    if m is None:
        return None
    if m.group("word"):
        form = _UNIT_WORDS[re.sub(r"[ \t]+", " ", m.group("word")).lower()]
    else:
        form = m.group("zh") or m.group("sym")
    canon, family = T.UNITS[form]
    if m.group("sym") and m.start("sym") > e and m.end() < len(s) and s[m.end()] == "-":
        return None
    return canon, family, m.end()


# ============================================================================ first characters of a tail

class _Anything(frozenset):
    """Stands for every character: the first characters of a pattern that could not be told."""

    def __contains__(self, item: object) -> bool:
        return True


_ANYTHING = _Anything()
_BLANKS_CHARS = frozenset(" \t")


def _first_solid_chars(pattern: re.Pattern[str]) -> frozenset[str]:
    """The characters a match of ``pattern`` can have as its first character that is not a
    blank (space or tab), read from the parsed pattern; ``_ANYTHING`` when a match may hold
    blanks only, or when the pattern uses a construct not analysed here (a category other than
    \\d, a negated class, a back reference, a case-folded non-ASCII letter).

    A tail pattern is tried only when the first character after the numeral that is not a blank
    is one of these: the answer is the same, without the call.

    >>> sorted(_first_solid_chars(_CHENG))
    ['成']
    >>> sorted(_first_solid_chars(re.compile(r"[ \\t]*(?i:km)"))) == ["K", "k", "\\u212a"]
    True
    >>> "\\u0663" in _first_solid_chars(re.compile(r"[ \\t]+\\d")), "a" in _first_solid_chars(re.compile(r"[ \\t]+\\d"))
    (True, False)
    >>> _first_solid_chars(re.compile(r"[ \\t]*\\w")) is _ANYTHING, _first_solid_chars(re.compile(r"[ \\t]*x?")) is _ANYTHING
    (True, True)
    """
    try:
        from re import _constants as C
        from re import _parser
    except ImportError:  # a Python whose regex internals moved: no gating
        return _ANYTHING

    class Unknown(Exception):
        pass

    digits = [False]

    def fold(code: int, flags: int) -> set[str]:
        ch = chr(code)
        if not flags & re.IGNORECASE or ch.lower() == ch.upper():
            return {ch}
        if not ch.isascii():
            raise Unknown
        low = ch.lower()
        return {low, low.upper(), *_CASE_EXTRAS.get(low, "")}

    def item(op: object, av: object, flags: int) -> tuple[set[str], bool]:
        """(first solid characters, whether it can match blanks only or nothing)"""
        if op is C.LITERAL:
            return (set(), True) if chr(av) in _BLANKS_CHARS else (fold(av, flags), False)
        if op is C.IN:
            chars: set[str] = set()
            for kind, value in av:
                if kind is C.LITERAL:
                    chars |= fold(value, flags)
                elif kind is C.RANGE:
                    for code in range(value[0], value[1] + 1):
                        chars |= fold(code, flags)
                elif kind is C.CATEGORY and value in (C.CATEGORY_DIGIT, C.CATEGORY_UNI_DIGIT):
                    digits[0] = True  # \\d: any decimal digit
                else:  # NEGATE, other categories
                    raise Unknown
            return chars - _BLANKS_CHARS, bool(chars & _BLANKS_CHARS)
        if op is C.BRANCH:
            chars, empty = set(), False
            for branch in av[1]:
                more, can = sequence(branch, flags)
                chars |= more
                empty = empty or can
            return chars, empty
        if op is C.SUBPATTERN:
            _, add, remove, sub = av
            return sequence(sub, (flags | add) & ~remove)
        if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            low, _, sub = av
            chars, empty = sequence(sub, flags)
            return chars, empty or low == 0
        if op is C.ATOMIC_GROUP:
            return sequence(av, flags)
        if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
            return set(), True  # zero width
        raise Unknown

    def sequence(items: object, flags: int) -> tuple[set[str], bool]:
        chars: set[str] = set()
        for op, av in items:
            more, empty = item(op, av, flags)
            chars |= more
            if not empty:
                return chars, False
        return chars, True

    try:
        chars, empty = sequence(_parser.parse(pattern.pattern, pattern.flags), pattern.flags)
    except Unknown:
        return _ANYTHING
    if empty:
        return _ANYTHING
    return _OrDigit(chars) if digits[0] else frozenset(chars)


class _OrDigit(frozenset):
    """First characters that include any decimal digit (a pattern's \\d)."""

    def __contains__(self, item: object) -> bool:
        return frozenset.__contains__(self, item) or (isinstance(item, str) and item.isdecimal())


def _solid_at(s: str, e: int) -> str:
    """The first character at or after ``e`` that is not a blank ("" at the end)."""
    n = len(s)
    while e < n and s[e] in " \t":
        e += 1
    return s[e] if e < n else ""


def _gate(*patterns: re.Pattern[str]) -> frozenset[str]:
    """The first characters (see ``_first_solid_chars``) of any of ``patterns``."""
    firsts = [_first_solid_chars(p) for p in patterns]
    if any(f is _ANYTHING for f in firsts):
        return _ANYTHING
    chars = frozenset().union(*firsts)
    return _OrDigit(chars) if any(isinstance(f, _OrDigit) for f in firsts) else chars


# What each reader of a tail can start with: it is called only when the next character that is
# not a blank is one of these (otherwise it would read nothing and change nothing).
_G_FRACTION = _gate(_FRAC_ZH, _FRAC_CANTO, _YOU, _SLASH, _MIXED_SLASH)
_G_PLUS = _gate(_PLUS_ZH)
_G_PERCENT = _gate(_PERCENT, _CHENG, _ZHE)
_G_MONEY = _gate(_CUR_SUFFIX)
_G_ORD_SUFFIX = _gate(_ORD_SUFFIX)
_G_ORD_NOUN = _gate(_ORD_NOUN)
_G_UNIT = _gate(_DOZEN_ZH, _UNIT)
_G_QUAL = _gate(_QUAL_SUFFIX_ZH, _QUAL_SUFFIX_EN)
_G_QUAL_ZH = _gate(_QUAL_SUFFIX_ZH)
_G_ZH_CONT = _gate(_ZH_CONT)
_G_LETTER_SCALE = _gate(_LETTER_SCALE)
_G_EN_CONT = _gate(_EN_CONT)


# ============================================================================ prefixes (before the numeral)

def _build_back(words: list[str], *, fold: bool = False) -> re.Pattern[str]:
    """A word of ``words`` and blanks at the end of the searched span (a search tries every start
    in the span: a trie makes each try cheap)."""
    return re.compile(rf"{_trie(words, fold=fold)}[ \t]*\Z")


_QUAL_BACK = _build_back(list(T.QUAL_PREFIX), fold=True)
_CUR_BACK = _build_back(list(T.CURRENCY_PREFIX))
_SIGN_BACK = re.compile(r"(?:(?<![A-Za-z0-9.\-+~])-|[负負][ \t]*|(?<![A-Za-z])(?i:minus|negative)[ \t]+)\Z")
_SIGN_LAST = frozenset("-负負" + "sSeE" + _CASE_EXTRAS["s"])  # the last character of a match that is no blank
_PRONOUN_BACK = re.compile(rf"(?<![A-Za-z])(?i:{T.alternation(T.EN_PRONOUN_ONE_BEFORE)})[ \t]+\Z")
_RANGE_AHEAD = re.compile(rf"[ \t]*(?:至|到)[ \t]*(?:\d|{_ZSTART})")
_A_BACK = re.compile(r"(?<![A-Za-z])(?i:a|an|one|per|split)[ \t]+\Z")
_PHONE_BACK = re.compile(r"(?i:tel|phone|fax|電話|电话|傳真|传真|熱線|热线|whatsapp|致電|致电|hotline)"
                         r"[.:：]?[ \t]*(?:\(852\)|\+852)?[ \t]*\Z")
_RATIO_BACK = re.compile(r"(?:比例|比率|比數|比数|比分|ratio|score|比)[為为是:：]?[ \t]*(?:of[ \t]+)?\Z", re.IGNORECASE)


class _Prefix:
    """What stands before a numeral: a sign, a currency, a qualifier word (each with its start)."""

    __slots__ = ("start", "sign", "currency", "qualifier", "qual_word", "qual_start", "inner")

    def __init__(self, start: int) -> None:
        self.start = start  # where the quantity's span begins
        self.inner = start  # where it begins without the qualifier
        self.sign = False
        self.currency: str | None = None
        self.qualifier: str | None = None
        self.qual_word = ""
        self.qual_start = start

    def drop_qualifier(self) -> None:
        self.qualifier = None
        self.qual_word = ""
        self.start = self.inner


def _read_prefix(s: str, ns: int, floor: int, *, allow_sign: bool = True, allow_currency: bool = True) -> _Prefix:
    """Read backwards from ``ns`` (never before ``floor``): sign, currency, then a qualifier.

    >>> pre = _read_prefix("逾 HK$-5", 6, 0)
    >>> pre.sign, pre.currency, pre.qualifier, pre.start
    (True, 'HKD', 'over', 0)
    """
    pre = _Prefix(ns)
    j = ns - 1
    while j >= floor and s[j] in " \t":
        j -= 1
    if j < floor or s[j] not in _PREFIX_LAST:
        return pre
    lo = max(floor, ns - 24)
    for _ in range(2):
        # a sign ends in -, 負 or a word (minus, negative) and blanks: test its last character
        # before searching (most numbers have none)
        if allow_sign and not pre.sign and (pre.start != ns or s[j] in _SIGN_LAST):
            m = _SIGN_BACK.search(s, lo, pre.start)
            if m is not None:
                pre.sign, pre.start = True, m.start()
        if allow_currency and pre.currency is None:
            m = _CUR_BACK.search(s, lo, pre.start)
            if m is not None:
                word = m.group().rstrip(" \t")
                glued = word[0].isascii() and word[0].isalpha() and m.start() > 0 and s[m.start() - 1].isascii() \
                    and s[m.start() - 1].isalpha()
                if not glued:
                    pre.currency, pre.start = T.CURRENCY_PREFIX[word], m.start()
                    continue
        break
    pre.inner = pre.start
    m = _QUAL_BACK.search(s, lo, pre.start)
    if m is None:
        return pre
    word = m.group().rstrip(" \t")
    qual = T.QUAL_PREFIX.get(word.lower() if word.isascii() else word)
    if qual is None:
        return pre
    if word[-1].isascii() and word[-1].isalpha():
        if m.end() == m.start() + len(word):
            return pre  # "over1,800": an English qualifier needs a blank before the number
        if m.start() > 0 and s[m.start() - 1].isascii() and s[m.start() - 1].isalpha():
            return pre
    if word in T.QUAL_VETO_BEFORE and m.start() > 0 and s[m.start() - 1] in T.QUAL_VETO_BEFORE[word]:
        return pre
    pre.qualifier, pre.qual_word, pre.qual_start, pre.start = qual, word, m.start(), m.start()
    return pre


def _edge_chars() -> tuple[frozenset[str], frozenset[str]]:
    """Characters a prefix can end with and a suffix can start with (cheap tests before regexes)."""
    last = set("-负負$£€¥") | {"s", "e", "S", "E"}  # minus, negative
    for word in list(T.QUAL_PREFIX) + list(T.CURRENCY_PREFIX):
        last.add(word[-1])
        last.add(word[-1].upper())
    first = set("分份又/成折打半之%‰+-")
    first |= set(T.ZH_APPROX_INFIX) | {w[0] for w in T.PERCENT_SUFFIX} | {w[0] for w in T.CURRENCY_SUFFIX}
    first |= {w[0] for w in T.QUAL_SUFFIX if w.strip()} | {w.strip()[0] for w in T.QUAL_SUFFIX if w.strip()}
    first |= {w[0] for w in T.UNITS} | {w[0] for w in T.ZH_PLUS_SUFFIX} | set(T.VULGAR)
    first |= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz°℃℉²")
    return frozenset(last), frozenset(first)


_PREFIX_LAST, _SUFFIX_FIRST = _edge_chars()
_DISCOUNT_DIGITS = frozenset("0123456789一二三四五六七八九")  # 七 五 折 = 75% of the price


# ============================================================================ reading one number

def _isolated(s: str, start: int, end: int) -> bool:
    """No letter or ideograph next to ``s[start:end]`` (blanks and line breaks looked through)."""
    return not _is_letter(_char_before(s, start)) and not _is_letter(_char_after(s, end))


def _make(text: str, start: int, end: int, core: _Core, *, kind: str | None = None,
          qualifier: str | None = None, unit: str | None = None, value: Fraction | None = None,
          ns: int | None = None, ne: int | None = None) -> Quantity:
    kind = kind or core.kind
    qualifier = qualifier or core.qualifier or "exact"
    value = core.value if value is None else value
    if value is not None and abs(value.numerator) > _MAX_VALUE * value.denominator:
        value, kind = None, "identifier"  # beyond any amount a float can hold
    step = core.step
    if kind in _POSITIONS:
        step = _ONE  # the 10th edition, the year 2020: positions and labels are not rounded
    elif kind == "fraction" and value is not None:
        step = Fraction(1, value.denominator)  # two thirds is written in thirds
    low: float | None
    high: float | None
    lo_open = hi_open = False
    if value is None:
        return Quantity(text[start:end], start, end, None, None, None, False, False, kind, qualifier, unit, 1,
                        core.ns if ns is None else ns, core.ne if ne is None else ne, core.terms, 1)
    v = value
    if v.denominator == 1 and step.denominator == 1:
        v, step = v.numerator, step.numerator  # the same sums and floats in int arithmetic, much cheaper
    if qualifier == "range" and core.lo is not None and core.hi is not None:
        lo_v, hi_v = core.lo, core.hi
        low, high = float(lo_v), float(hi_v)
    elif qualifier == "about":
        low, high = float(v - step), float(v + step)
    elif qualifier == "over":
        low, high, lo_open = float(v), float(v + step), True
    elif qualifier == "nearly":
        low, high, hi_open = float(v - step), float(v), True
    elif qualifier == "plus":
        low, high, lo_open, hi_open = float(v), float(v + step), True, True
    elif qualifier == "at_least":
        low, high = float(v), None
    elif qualifier == "under":
        low, high, hi_open = (0.0 if v > 0 else None), float(v), True
    elif qualifier == "at_most":
        low, high = (0.0 if v > 0 else None), float(v)
    else:
        qualifier = "exact" if qualifier not in QUALIFIERS else qualifier
        low = high = float(v)
    if (lo_open or hi_open) and low is not None and high is not None and low >= high:
        # past 2**53 a float cannot hold N and N + step apart: keep N itself at its open end
        if qualifier == "nearly":
            low = math.nextafter(high, -math.inf)
        else:
            high = math.nextafter(low, math.inf)
    return Quantity(text[start:end], start, end, _to_number(v), low, high, lo_open, hi_open, kind, qualifier,
                    unit, _to_number(step), core.ns if ns is None else ns, core.ne if ne is None else ne,
                    core.terms, _to_number(core.scale))


def _read_core(s: str, p: int) -> _Core | None:
    """The numeral at ``p`` (Arabic, Chinese, English or a mix), before any suffix."""
    ch = s[p]
    if ch in T.VULGAR:
        core = _Core(T.VULGAR[ch], Fraction(1), p, p + 1, "ar")
        core.kind = "fraction"
        return core
    if ch.isdigit() or ch == ".":
        core = _arabic(s, p)
        if core is None:
            return None
        if core.kind == "identifier" or core.ne >= len(s) or s[core.ne] in _DULL_AFTER:
            return core
        c = _solid_at(s, core.ne)
        if c in _G_ZH_CONT and _ZH_CONT.match(s, core.ne):
            zh = _zh_core(s, p)
            if zh is not None and zh.ne > core.ne:
                return zh
        m = _LETTER_SCALE.match(s, core.ne) if c in _G_LETTER_SCALE else None
        if m is not None:
            w = m.group("w")
            if w == "G" and core.ndigits <= 1 and m.start("w") == core.ne and core.step >= 1:
                pass  # 5G is a network generation, not five billion
            elif w == "b" and core.step >= 1:
                pass
            else:
                scale = T.LETTER_SCALES[w]
                core.value *= scale
                core.step *= scale
                core.scale = Fraction(scale)
                core.ne = m.end()
                core.plain = False
                return core
        m = _EN_CONT.match(s, core.ne) if c in _G_EN_CONT else None
        if m is not None:
            w = (m.group("w") or m.group("h")).lower()
            if w in T.EN_WORDS and T.EN_WORDS[w][0] in ("hundred", "scale", "dozen", "ords", "ord", "frac", "and") \
                    or w in ("over", "out", "in"):
                res = _en_core(s, p)
                if res is not None and res[0].ne > core.ne:
                    return res[0]
        if core.ne < len(s) and s[core.ne] in T.VULGAR:
            core.value += T.VULGAR[s[core.ne]]
            core.ne += 1
            core.kind = "fraction"
            return core
        return core
    if ch.isascii():
        res = _en_core(s, p)
        return res[0] if res is not None else None
    return _zh_core(s, p)


def _apply_suffixes(s: str, core: _Core) -> tuple[int, str | None, str | None]:
    """Read what follows the numeral; return (end, unit, suffix qualifier) and adjust ``core``.

    In order: a fraction (三分之一, 3/4), 多/餘 (150多個), percent forms (%, 百分點, 三成, 七折),
    a currency (億港元, dollars), an ordinal ending (4th), a counter word or unit (個, km, 打), then
    a qualifier (以上, 左右, or more).
    """
    e = core.ne
    if core.kind == "identifier" or core.value is None:
        return e, None, None
    c = _solid_at(s, e)  # each reader below is called only if it can start with c (see _G_*)
    if not c or (c not in _SUFFIX_FIRST and not (core.single_digit and c in _DISCOUNT_DIGITS)):
        return e, None, None
    zh_like = core.lang in ("zh", "ar")
    if zh_like and core.kind == "cardinal" and core.qualifier is None and c in _G_FRACTION:
        e, c = _moved(s, e, _read_fraction_tail(s, core, e), c)
    if core.kind == "fraction":
        return _read_fraction_qualifier(s, e, zh_like) if c in _G_QUAL_ZH else (e, None, None)
    if zh_like and core.qualifier is None and c in _G_PLUS:
        e, c = _moved(s, e, _read_plus_tail(s, core, e), c)
    unit: str | None = None
    if core.kind == "cardinal" and c in _G_PERCENT:
        end, unit = _read_percent_tail(s, core, e, zh_like)
        e, c = _moved(s, e, end, c)
    if core.kind == "percent":
        m = _QUAL_SUFFIX_ZH.match(s, e) if c in _G_QUAL_ZH else None
        return (m.end(), unit, T.QUAL_SUFFIX[m.group("w")]) if m is not None else (e, unit, None)
    if c in _G_MONEY:
        end, unit = _read_money_tail(s, core, e)
        e, c = _moved(s, e, end, c)
    if core.kind == "cardinal" and core.lang == "ar" and unit is None and c in _G_ORD_SUFFIX:
        m = _ORD_SUFFIX.match(s, e)  # 4th, 21st
        if m is not None and core.value.denominator == 1 and core.step >= 1 and core.plain:
            core.kind = "ordinal"
            e, c = _moved(s, e, m.end(), c)
    if core.kind == "ordinal" and core.lang in ("en", "ar"):
        m = _ORD_NOUN.match(s, e) if c in _G_ORD_NOUN else None  # the fifth time
        return (m.end(), _ord_unit(m.group("w")), None) if m is not None else (e, None, None)
    if unit is None and c in _G_UNIT:
        end, unit = _read_unit_tail(s, core, e, zh_like)
        e, c = _moved(s, e, end, c)
    if c not in _G_QUAL:
        return e, unit, None
    e, qual = _read_qualifier_tail(s, core, e, zh_like)
    return e, unit, qual


def _moved(s: str, e: int, end: int, c: str) -> tuple[int, str]:
    """The new end of the tail read so far and the character to test next."""
    return (e, c) if end == e else (end, _solid_at(s, end))


def _read_fraction_qualifier(s: str, e: int, zh_like: bool) -> tuple[int, None, str | None]:
    """三分之一左右: a fraction takes a qualifier after it, no unit."""
    m = _QUAL_SUFFIX_ZH.match(s, e) if zh_like else None
    return (m.end(), None, T.QUAL_SUFFIX[m.group("w")]) if m is not None else (e, None, None)


def _read_fraction_tail(s: str, core: _Core, e: int) -> int:
    """三分之一, 三分一, 三 百 五 又 三 分之 一, 3/4, 1 3/5: make ``core`` a fraction if one follows."""
    m = _FRAC_ZH.match(s, e)
    if m is not None:
        num = _signed_core(s, m.end())
        if num is not None and core.value:
            value = num[0].value / core.value
            core.value = -value if num[1] else value
            core.kind, core.ne = "fraction", num[0].ne
        return core.ne
    if core.lang == "zh" and _FRAC_CANTO.match(s, e):
        frac = _canto_fraction(s, e, core.value)
        if frac is not None:
            core.value, core.ne = frac
            core.kind = "fraction"
        return core.ne
    m = _YOU.match(s, e)
    if m is not None and m.end() < len(s):
        den = _read_core(s, m.end())
        if den is not None and den.value:
            m2 = _FRAC_ZH.match(s, den.ne)
            if m2 is not None:
                num = _signed_core(s, m2.end())
                if num is not None:
                    core.value += num[0].value / den.value
                    core.kind, core.ne = "fraction", num[0].ne
                    return core.ne
            elif den.lang == "zh" and _FRAC_CANTO.match(s, den.ne):
                frac = _canto_fraction(s, den.ne, den.value)
                if frac is not None:
                    core.value, core.ne = core.value + frac[0], frac[1]
                    core.kind = "fraction"
                    return core.ne
    if core.lang == "ar" and core.value.denominator == 1:
        m = _SLASH.match(s, e)
        if m is not None and int(m.group(1)) != 0:
            core.value /= int(m.group(1))
            core.kind, core.ne = "fraction", m.end()
            return core.ne
        m = _MIXED_SLASH.match(s, e)
        if m is not None and int(m.group(2)) != 0 and core.plain and core.ndigits <= 3:
            core.value += Fraction(int(m.group(1)), int(m.group(2)))
            core.kind, core.ne = "fraction", m.end()
            return core.ne
    return e


def _read_plus_tail(s: str, core: _Core, e: int) -> int:
    """150多個, 230餘, 十幾個: more than N, below the next step."""
    m = _PLUS_ZH.match(s, e)
    if m is None:
        return e
    nxt = s[m.end()] if m.end() < len(s) else ""
    if m.group("w") in ("幾", "几"):  # 十幾個, 二十幾萬; not 十幾乎
        ok = not _is_letter(nxt) or _UNIT.match(s, m.end()) is not None or nxt in T.ZH_BIG
    else:  # 十多年, 三百多元, 230餘個; not 多少 (how many)
        ok = nxt != "少"
    if not ok:
        return e
    core.qualifier = "plus"
    return m.end()


def _read_percent_tail(s: str, core: _Core, e: int, zh_like: bool) -> tuple[int, str | None]:
    """30%, 30 per cent, 2個百分點, 千分之 after, 三成, 七成半, 七折, 八五折."""
    m = _PERCENT.match(s, e)
    if m is not None:
        core.kind = "percent"
        if m.group("sym") == "‰":
            core.rescale(Fraction(1, 10))
            return m.end(), "%"
        points = _NO_BLANKS.sub("", m.group()).lower() in _POINT_WORDS
        return m.end(), "percentage point" if points else "%"
    if not zh_like:
        return e, None
    m = _CHENG.match(s, e)
    if m is not None and core.value <= 10:
        after = s[m.end()] if m.end() < len(s) else ""
        if m.group("d") or m.group("half") or after not in T.CHENG_VETO_AFTER:  # not 成為, 成員
            d = m.group("d")
            add = 5 if m.group("half") else (int(d) if d and d.isdigit() else T.ZH_DIGITS.get(d or "", 0))
            core.rescale(10, add)
            core.kind = "percent"
            return m.end(), "成"
    m = _ZHE.match(s, e)
    if m is not None:
        rule = _discount(core, m.group("d2"))
        if rule is not None:
            core.rescale(rule[0], rule[1], _ONE)
            core.kind = "percent"
            return m.end(), "折"
    return e, None


def _read_money_tail(s: str, core: _Core, e: int) -> tuple[int, str | None]:
    """17 億港元, 100 dollars, 壹拾壹元壹角: a currency after the number."""
    m = _CUR_SUFFIX.match(s, e)
    if m is None:
        return e, None
    word = m.group("zh") or m.group("en")
    unit = T.CURRENCY_SUFFIX.get(word) or _CUR_SUFFIX_CI[word.lower()]
    core.kind = "money"
    e = m.end()
    if word in ("元", "圓", "圆") and core.value.denominator == 1:
        m = _JIAO_FEN.match(s, e)
        if m is not None and m.end() > e:
            for group, share in (("j", Fraction(1, 10)), ("f", Fraction(1, 100))):
                d = m.group(group)
                if d is not None:
                    core.rescale(1, (int(d) if d.isdigit() else T.ZH_DIGITS[d]) * share, share)
            e = m.end()
        m = _CUR_SUFFIX.match(s, e)  # 10億元人民幣: the currency named after 元
        if m is not None and m.group("zh") and T.CURRENCY_SUFFIX[m.group("zh")] not in ("元", "$"):
            unit, e = T.CURRENCY_SUFFIX[m.group("zh")], m.end()
    return e, unit


def _read_unit_tail(s: str, core: _Core, e: int, zh_like: bool) -> tuple[int, str | None]:
    """A counter word or unit (個, 間, km, years), 打 (a dozen), and 半 after it (三個半月)."""
    m = _DOZEN_ZH.match(s, e) if zh_like else None
    if m is not None and core.kind == "cardinal" and core.value.denominator == 1:
        core.rescale(12)
        return m.end(), None
    u = _read_unit(s, e)
    if u is None:
        return e, None
    unit, family, e = u
    if zh_like:
        m = _HALF_AFTER.match(s, e)
        if m is not None and family in ("classifiers", "time") and core.value.denominator == 1:
            core.rescale(1, _HALF, _HALF)
            e = m.end()
    return e, unit


def _read_qualifier_tail(s: str, core: _Core, e: int, zh_like: bool) -> tuple[int, str | None]:
    """150隊以上, 150人左右, 150 or more, 100+, 150-odd."""
    if zh_like:
        m = _QUAL_SUFFIX_ZH.match(s, e)
        if m is not None:
            w = m.group("w")
            if not (w == "上下" and m.end() < len(s) and s[m.end()] in "游遊班车車"):  # 上下游, 上下班
                return m.end(), T.QUAL_SUFFIX[w]
    if core.qualifier is None:
        m = _QUAL_SUFFIX_EN.match(s, e)
        if m is not None:
            w = re.sub(r"[ \t]+", " ", m.group("w").strip().lower())
            key = w if w in T.QUAL_SUFFIX else " " + w
            if key in T.QUAL_SUFFIX:
                return m.end(), T.QUAL_SUFFIX[key]
    return e, None


def _canto_fraction(s: str, e: int, den: Fraction) -> tuple[Fraction, int] | None:
    """Cantonese fractions without 之: 三分一 = 1/3, 十份十一 = 11/10 (``s[e]`` is 分 or 份)."""
    num = _zh_core(s, e + 1)
    if num is None or num.value is None or num.kind != "cardinal" or not den or num.value <= 0:
        return None
    if s[e] == "分" and num.value >= den:
        return None  # 二十分三十秒 is a time
    return num.value / den, num.ne


def _ord_unit(word: str) -> str:
    w = word.lower()
    if w.endswith("s") and w not in ("times",):
        w = w[:-1]
    return "time" if w in ("time", "times") else w


def _discount(core: _Core, d2: str | None) -> tuple[int, int] | None:
    """A discount as (mult, add) on the numeral: 七折 = 70, 7 5 折 = 75, 75折 = 75, 三八折 = 38,
    9.5折 = 95, 半折 = 50 (the share of the price paid, in percent); None if it is not one."""
    v = core.value
    if d2 is not None:
        if not core.single_digit or v.denominator != 1 or not 1 <= v <= 9 or core.lo is not None:
            return None
        return 10, int(d2) if d2.isdigit() else T.ZH_DIGITS[d2]
    if v == _HALF:
        return 100, 0
    if 0 < v < 10 and (core.hi is None or core.hi < 10):
        return 10, 0
    if core.lo is None and v.denominator == 1 and 10 < v < 100 and (
            core.lang == "ar" and v % 10 != 0 or core.lang == "zh" and core.ndigits == 2):
        return 1, 0
    return None


def _signed_core(s: str, p: int) -> tuple[_Core, bool] | None:
    sign = False
    m = re.compile(r"[-负負][ \t]*").match(s, p)
    if m is not None:
        sign, p = True, m.end()
    if p >= len(s):
        return None
    core = _read_core(s, p)
    if core is None or core.value is None or core.kind not in ("cardinal",):
        return None
    return core, sign


def _read_number(text: str, s: str, p: int, floor: int, *, ordinal: int | None = None,
                 percent_prefix: tuple[int, Fraction] | None = None) -> tuple[list[Quantity], int]:
    """Read the number at ``p`` with what stands before and after it."""
    core = _read_core(s, p)
    if core is None:
        return [], p + 1
    if core.kind == "identifier":
        return [_make(text, core.ns, core.ne, core)], core.ne
    if core.kind == "cardinal" and core.lang == "ar" and core.ne + 1 < len(s) and s[core.ne] == "." \
            and s[core.ne + 1].isdigit():
        dotted = _DOTTED.match(s, p)
        if dotted is not None and dotted.end() > core.ne:
            return _dotted(text, p, dotted)
    ns, ne = core.ns, core.ne
    end, unit, suffix_qual = _apply_suffixes(s, core)
    kind = core.kind
    # a Chinese numeral character glued to Arabic digits is a word's character, not a number
    # ("本地隊伍70支": 伍 is part of 隊伍; the number is 70)
    if core.lang == "zh" and end == ne and end < len(s) and s[end].isascii() and s[end].isdigit():
        return [], p + 1
    # a numeral glued to letters or digits is part of a code: 3D, 5G, A1B2
    if (core.lang in ("ar", "zh") and end == ne and end < len(s) and s[end].isascii()
            and (s[end].isalnum() or s[end] == "_") and kind == "cardinal" and ordinal is None):
        m = _ALNUM.match(s, end)
        core.kind = "identifier"
        return [_make(text, ns, m.end(), core)], m.end()
    if percent_prefix is not None:
        if kind != "cardinal":
            return [], p
        pstart, factor = percent_prefix
        core.rescale(factor)
        kind, unit = "percent", "%"
        pre = _read_prefix(s, pstart, floor, allow_currency=False)
    elif ordinal is not None:
        if kind not in ("cardinal", "ordinal") or core.value.denominator != 1:
            return [], p
        kind = "ordinal"
        pre = _Prefix(ordinal)
        if suffix_qual is not None:
            suffix_qual = None
            end = _unit_end(s, ne, unit)
    else:
        pre = _read_prefix(s, ns, floor, allow_currency=kind in ("cardinal", "money"))
        if core.implicit and ns > floor and s[ns - 1] in T.VAGUE_BEFORE and pre.start == ns:
            # 數十家, 幾百人: a few tens / hundreds
            core.qualifier, core.lo, core.hi = "range", core.value * 2, core.value * 9
            core.value = core.lo
            pre = _Prefix(ns - 1)
    if pre.sign:
        core.value = -core.value
        if core.lo is not None and core.hi is not None:
            core.lo, core.hi = -core.hi, -core.lo
            core.value = core.lo
    if pre.currency is not None and kind in ("cardinal", "money"):
        kind = "money"
        if unit in (None, "元", "$"):
            unit = pre.currency
        m = _MONEY_LETTER.match(s, ne) if core.lang == "ar" and unit in (pre.currency, "m") else None
        if m is not None:  # US$5m
            mult = T.MONEY_LETTER_SCALES[m.group("w")]
            core.rescale(mult)
            core.scale = Fraction(mult)
            ne = core.ne = m.end()
            end = max(end, ne)
            unit = pre.currency
    if pre.qualifier is not None:
        if pre.qual_word in T.QUAL_ROUND_ONLY and not (core.bare or _is_round(core)):
            pre.drop_qualifier()  # 通過3項 is "passed 3", not "over 3"
        elif pre.qual_word in T.QUAL_BARE_ONLY and not core.bare:
            pre.drop_qualifier()  # 上3個月 is "the last 3 months"; 上百個 is "a hundred or more"
        elif pre.qual_word in T.QUAL_VETO_UNITS and unit in T.QUAL_VETO_UNITS[pre.qual_word]:
            pre.drop_qualifier()  # 近3年 is "the past 3 years"
    # 達到3.4%以上: "reaching" states the number, 以上 qualifies it
    strong_prefix = pre.qualifier if pre.qualifier != "exact" else None
    qualifier = core.qualifier or strong_prefix or suffix_qual or pre.qualifier or "exact"
    # readings that only hold in context
    if core.bare and pre.qualifier is None and qualifier not in ("plus", "range") and pre.currency is None \
            and percent_prefix is None:
        return [], ns + 1
    if core.weak and ordinal is None and percent_prefix is None and kind in ("cardinal", "fraction"):
        strong = unit is not None or pre.qualifier is not None or pre.currency is not None or pre.sign \
            or qualifier == "plus"
        formal_alone = core.single_digit and s[ns] in T.ZH_FORMAL and not _is_letter(_char_after(s, end))
        if not (strong or formal_alone or _isolated(s, pre.start, end) or _RANGE_AHEAD.match(s, end)):
            return [], ns + 1
    if core.one_word and _PRONOUN_BACK.search(s, max(floor, ns - 16), ns):
        return [], ne
    if kind == "ordinal" and s[ns:ne].lower() == "second" and _A_BACK.search(s, max(floor, ns - 8), ns):
        return [], ne  # "wait a second"
    if kind == "cardinal" and core.plain and qualifier == "exact" and unit is None and pre.currency is None \
            and not pre.sign and core.ndigits == 4 and 1500 <= core.value <= 2199:
        kind = "year"
    if kind == "cardinal" and core.plain and core.ndigits == 8 and _PHONE_BACK.search(s, max(floor, ns - 20), ns):
        kind = "phone"
    return [_make(text, pre.start, end, core, kind=kind, qualifier=qualifier, unit=unit, ns=ns, ne=ne)], end


def _unit_end(s: str, ne: int, unit: str | None) -> int:
    if unit is None:
        return ne
    u = _read_unit(s, ne)
    return u[2] if u is not None else ne


def _char_after(s: str, end: int) -> str:
    """The first character after ``end`` that is not a blank ("" at the end)."""
    m = _BLANKS.match(s, end)
    i = m.end()
    return s[i] if i < len(s) else ""


def _char_before(s: str, start: int) -> str:
    i = start - 1
    while i >= 0 and s[i].isspace():
        i -= 1
    return s[i] if i >= 0 else ""


def _is_round(core: _Core) -> bool:
    v = core.value
    if v is None or v.denominator != 1 or v == 0:
        return False
    return core.step * 10 > abs(v) or abs(v) == core.step


_DOTTED = re.compile(r"\d+(?:\.\d+){2,}")


def _dotted(text: str, p: int, m: re.Match[str]) -> tuple[list[Quantity], int]:
    """192.168.1.2, 2222.2222.222: every part is an identifier number."""
    out = []
    for part in re.finditer(r"\d+", m.group()):
        a, b = p + part.start(), p + part.end()
        digits = part.group()
        core = _Core(Fraction(int(digits)) if len(digits) <= _MAX_DIGITS else None, Fraction(1), a, b, "ar")
        core.kind = "identifier"
        out.append(_make(text, a, b, core))
    return out, m.end()


# ============================================================================ handlers for the scanner

def _h_skip(text: str, s: str, m: re.Match[str], floor: int) -> tuple[list[Quantity], int]:
    return [], m.end()


def _h_num(text: str, s: str, m: re.Match[str], floor: int) -> tuple[list[Quantity], int]:
    return _read_number(text, s, m.start(), floor)


def _h_ordzh(text: str, s: str, m: re.Match[str], floor: int) -> tuple[list[Quantity], int]:
    if s[m.start()] == "首":
        u = _read_unit(s, m.end())
        if u is None:
            return [], m.end()
        core = _Core(Fraction(1), Fraction(1), m.start(), m.end(), "zh")
        return [_make(text, m.start(), u[2], core, kind="ordinal", unit=u[0])], u[2]
    qs, end = _read_number(text, s, m.end(), floor, ordinal=m.start())
    if not qs:
        return [], m.end()
    return qs, end


def _h_pctzh(text: str, s: str, m: re.Match[str], floor: int) -> tuple[list[Quantity], int]:
    key = re.sub(r"[ \t]", "", m.group())
    factor = T.PERCENT_PREFIX[key]
    p = m.end()
    sign = re.compile(r"[-负負][ \t]*").match(s, p)
    if sign is not None:
        p = sign.end()
    qs, end = _read_number(text, s, p, floor, percent_prefix=(m.start(), factor))
    if not qs:
        return [], m.end()
    if sign is not None:
        q = qs[0]
        qs = [_negate(q)]
    return qs, end


def _negate(q: Quantity) -> Quantity:
    low = None if q.high is None else -q.high
    high = None if q.low is None else -q.low
    value = -q.value if q.value is not None else None
    return Quantity(q.text, q.start, q.end, value, low, high, q.high_open, q.low_open, q.kind, q.qualifier, q.unit,
                    q.step, q.number_start, q.number_end, q.terms, q.scale)


def _h_ident(text: str, s: str, m: re.Match[str], floor: int) -> tuple[list[Quantity], int]:
    token = m.group()
    letters = re.match(r"[A-Za-z]+", token).group()
    if letters in T.CURRENCY_PREFIX and token[len(letters)].isdigit():
        qs, end = _read_number(text, s, m.start() + len(letters), m.start())
        if qs:
            return qs, end
    if letters.lower() in ("no", "nos", "nr", "nrs", "q", "h", "fy") and False:
        pass
    last = list(re.finditer(r"\d+(?:\.\d+)?", token))[-1]
    digits = last.group()
    value = Fraction(digits) if len(digits) <= 18 else None
    a, b = m.start() + last.start(), m.start() + last.end()
    core = _Core(value, Fraction(1), a, b, "ar")
    core.kind = "identifier"
    return [_make(text, m.start(), m.end(), core)], m.end()


def _zh_or_ar_value(part: str) -> int | None:
    part = part.strip()
    if part.isdigit():
        return int(part)
    core = _zh_core(part, 0) if part else None
    if core is None or core.ne != len(part) or core.value is None:
        return None
    return int(core.value) if core.value.denominator == 1 else None


_DATE_PART = re.compile(rf"(\d+|{_ZH_MD}+|[〇零○一二三四五六七八九]{{4}})[ \t]*([年月日號号])")


def _h_datezh(text: str, s: str, m: re.Match[str], floor: int) -> tuple[list[Quantity], int]:
    out = []
    for part in _DATE_PART.finditer(s, m.start(), m.end()):
        raw, mark = part.group(1), part.group(2)
        if len(raw) == 4 and not raw.isdigit():
            value = int("".join(str(T.ZH_DIGITS[c]) for c in raw))
        else:
            value = _zh_or_ar_value(raw)
        if value is None:
            return _read_number(text, s, m.start(), floor)
        kind = "year" if mark == "年" else "date"
        unit = {"年": None, "月": "month"}.get(mark, "day")
        if mark == "月" and not 1 <= value <= 12 or mark in "日號号" and not 1 <= value <= 31:
            return _read_number(text, s, m.start(), floor)
        core = _Core(Fraction(value), Fraction(1), part.start(1), part.start(1) + len(raw), "zh")
        out.append(_make(text, part.start(), part.end(), core, kind=kind, unit=unit))
    return out, m.end()


def _h_dateen(text: str, s: str, m: re.Match[str], floor: int) -> tuple[list[Quantity], int]:
    out = []
    for part in re.finditer(r"\d+", m.group()):
        a, b = m.start() + part.start(), m.start() + part.end()
        value = int(part.group())
        kind = "year" if len(part.group()) == 4 else "date"
        end = b
        tail = re.compile(r"st|nd|rd|th").match(s, b)
        if tail is not None and kind == "date":
            end = tail.end()
        core = _Core(Fraction(value), Fraction(1), a, b, "en")
        out.append(_make(text, a, end, core, kind=kind, unit=None if kind == "year" else "day"))
    return out, m.end()


def _h_datenum(text: str, s: str, m: re.Match[str], floor: int) -> tuple[list[Quantity], int]:
    parts = list(re.finditer(r"\d+", m.group()))
    out = []
    for part in parts:
        a, b = m.start() + part.start(), m.start() + part.end()
        value = int(part.group())
        kind = "year" if len(part.group()) == 4 else "date"
        core = _Core(Fraction(value), Fraction(1), a, b, "ar")
        out.append(_make(text, a, b, core, kind=kind))
    return out, m.end()


def _h_yrange(text: str, s: str, m: re.Match[str], floor: int) -> tuple[list[Quantity], int]:
    out = []
    for part in re.finditer(r"\d+", m.group()):
        a, b = m.start() + part.start(), m.start() + part.end()
        core = _Core(Fraction(int(part.group())), Fraction(1), a, b, "ar")
        out.append(_make(text, a, b, core, kind="year"))
    return out, m.end()


_TIME_PARTS = re.compile(rf"(\d+|[零一二三四五六七八九十两兩]+)")


def _h_time(text: str, s: str, m: re.Match[str], floor: int) -> tuple[list[Quantity], int]:
    raw = m.group()
    if ":" in raw and _RATIO_BACK.search(s, max(floor, m.start() - 8), m.start()):
        return _h_ratio(text, s, m, floor)
    nums = [p.group() for p in _TIME_PARTS.finditer(raw)]
    values = [_zh_or_ar_value(x) for x in nums]
    if not values or values[0] is None:
        return _read_number(text, s, m.start(), floor)
    hours = Fraction(values[0])
    if len(values) > 1 and values[1] is not None:
        hours += Fraction(values[1], 60)
    elif "半" in raw:
        hours += _HALF
    low = raw.lower().replace(".", "")
    if ("pm" in low or any(w in raw for w in ("下午", "晚上", "傍晚", "晚間", "晚间", "夜間", "夜间"))) and hours < 12:
        hours += 12
    if hours > 24:
        return _read_number(text, s, m.start(), floor)
    core = _Core(hours, Fraction(1), m.start(), m.end(), "ar")
    first = _TIME_PARTS.search(s, m.start(), m.end())
    return [_make(text, m.start(), m.end(), core, kind="time", ns=first.start(), ne=first.end())], m.end()


def _h_phone(text: str, s: str, m: re.Match[str], floor: int) -> tuple[list[Quantity], int]:
    raw = m.group()
    groups = re.findall(r"\d+", raw)
    if "+" not in raw and "(" not in raw and len(groups) == 2 and (
            all(len(g) == 4 and 1500 <= int(g) <= 2199 for g in groups) or (len(groups[0]) == 3 and "-" not in raw)):
        return _read_number(text, s, m.start(), floor)
    digits = "".join(groups)
    core = _Core(Fraction(int(digits)), Fraction(1), m.start(), m.end(), "ar")
    return [_make(text, m.start(), m.end(), core, kind="phone")], m.end()


def _h_ratio(text: str, s: str, m: re.Match[str], floor: int) -> tuple[list[Quantity], int]:
    written = re.findall(r"\d+(?:\.\d+)?", m.group())
    if any(len(t) > _MAX_DIGITS for t in written):  # a digit run, not a ratio (and past int() limits)
        return _read_number(text, s, m.start(), floor)
    terms = [Fraction(t) for t in written]
    if len(terms) < 2 or terms[1] == 0:
        return _read_number(text, s, m.start(), floor)
    # "Photo 1: 1,113 participants": a label and a count, not a ratio. A ratio is written tight
    # (1:9) or after a ratio word (比例為 1 : 9), and its second term is not cut out of a larger number.
    spaced = re.search(r"\s[:：]|[:：]\s", m.group())
    if re.match(r"[,，]\d{3}", s[m.end():]) or (spaced and not _RATIO_BACK.search(s, max(floor, m.start() - 8), m.start())):
        return _read_number(text, s, m.start(), floor)
    core = _Core(terms[0] / terms[1], Fraction(1), m.start(), m.end(), "ar")
    core.terms = tuple(_to_number(t) for t in terms)
    return [_make(text, m.start(), m.end(), core, kind="ratio")], m.end()


def _h_duizhe(text: str, s: str, m: re.Match[str], floor: int) -> tuple[list[Quantity], int]:
    """打對折: a half-price discount (pay 50%)."""
    core = _Core(Fraction(50), Fraction(1), m.start(), m.end(), "zh")
    return [_make(text, m.start(), m.end(), core, kind="percent", unit="折")], m.end()


_SKIPS = frozenset({"url", "email", "word", "worden"})
_HANDLERS = {
    "duizhe": _h_duizhe,
    "url": _h_skip,
    "email": _h_skip,
    "word": _h_skip,
    "worden": _h_skip,
    "ordzh": _h_ordzh,
    "pctzh": _h_pctzh,
    "datezh": _h_datezh,
    "dateen": _h_dateen,
    "datenum": _h_datenum,
    "yrange": _h_yrange,
    "time": _h_time,
    "phone": _h_phone,
    "ratio": _h_ratio,
    "ident": _h_ident,
    "num": _h_num,
}


# ============================================================================ ranges

_RANGE_GAP = re.compile(r"[ \t]*(?:[-–~〜]|至|到|(?<![A-Za-z])(?i:to)(?![A-Za-z]))[ \t]*")
_RANGE_AND = re.compile(r"[ \t]+(?i:and)[ \t]+")
_BETWEEN_BACK = re.compile(r"(?i:between)[ \t]+\Z")
_RANGE_KINDS = ("cardinal", "percent", "money")


def _merge_range(text: str, s: str, a: Quantity, b: Quantity) -> Quantity | None:
    """``a`` to ``b`` as one quantity: 10至20萬, 5-20%, between 3 and 5, 2,250億至3,450億港元."""
    if a.kind not in _RANGE_KINDS or b.kind not in _RANGE_KINDS or a.value is None or b.value is None:
        return None
    if a.qualifier != "exact" or b.qualifier != "exact":
        return None
    start = a.start
    gap = _RANGE_GAP.fullmatch(s, a.end, b.start)
    if gap is not None and gap.group().strip() in "-–~〜" and (s[a.end - 1].isalpha() or s[b.start].isalpha()):
        return None  # three-nought-four is a sequence, not a range
    if gap is None:
        between = _BETWEEN_BACK.search(s, max(0, a.start - 12), a.start)
        if between is None or _RANGE_AND.fullmatch(s, a.end, b.start) is None:
            return None
        start = between.start()
    low = Fraction(a.value)
    if a.kind == "cardinal" and a.unit is None:
        if a.scale == 1 and b.scale != 1 and low * Fraction(b.scale) < Fraction(b.value):
            low *= Fraction(b.scale)  # 10至20萬: both ends in 萬
    elif a.kind != b.kind or a.unit != b.unit:
        return None
    high = Fraction(b.value)
    if not low < high:
        return None
    return Quantity(text[start:b.end], start, b.end, _to_number(low), float(low), float(high), False, False,
                    b.kind, "range", b.unit, b.step, a.number_start, b.number_end, None, b.scale)


def _merge_ranges(text: str, s: str, found: list[Quantity]) -> list[Quantity]:
    out: list[Quantity] = []
    for q in found:
        if out:
            merged = _merge_range(text, s, out[-1], q)
            if merged is not None:
                out[-1] = merged
                continue
        out.append(q)
    return out


# ============================================================================ public API

def find_quantities(text: str) -> list[Quantity]:
    """Every number in ``text``, sorted by start, non-overlapping.

    >>> [(q.text, q.value, q.kind) for q in find_quantities("第四度舉行，已成功舉辦三屆")]
    [('第四度', 4, 'ordinal'), ('三屆', 3, 'cardinal')]
    >>> [(q.text, q.value, q.qualifier) for q in find_quantities("over 1,800 companies, some 150 projects")]
    [('over 1,800', 1800, 'over'), ('some 150', 150, 'about')]
    >>> [(q.text, q.kind) for q in find_quantities("香港·2023年9月13日 電話 (852) 3166 3841")]
    [('2023年', 'year'), ('9月', 'date'), ('13日', 'date'), ('(852) 3166 3841', 'phone')]
    """
    if not isinstance(text, str):
        msg = f"find_quantities() reads a str, not {type(text).__name__}; decode bytes first"
        raise TypeError(msg)
    if not text:
        return []
    s = fold_width(text)
    out: list[Quantity] = []
    pos = 0
    n = len(s)
    skip = _SKIP.match
    latin, digit, other = (scanner.match for scanner in _scanners())
    floor = 0  # the end of what the last match consumed: prefixes are looked for after it
    while pos < n:
        start = skip(s, pos).end()
        if start >= n:
            break
        c = s[start]
        if c in _DIGIT_STARTS:
            m = digit(s, start)
        elif c.isascii():
            m = latin(s, start)
        else:
            m = other(s, start)
        if m is None:
            pos = start + 1
            continue
        qs, nxt = _HANDLERS[m.lastgroup](text, s, m, floor)  # type: ignore[index]
        for q in qs:
            if q.start >= floor and (not out or q.start >= out[-1].end) and q.end > q.start:
                out.append(q)
        pos = nxt if nxt > start else start + 1
        if qs or m.lastgroup in _SKIPS:
            floor = pos
    return _merge_ranges(text, s, out) if len(out) > 1 else out


def parse_quantity(text: str) -> Quantity | None:
    """One number phrase (the whole of ``text``, blanks around it ignored), or ``None``.

    Offsets index ``text`` as given.

    >>> q = parse_quantity("逾 17 億港元")
    >>> q.value, q.kind, q.unit, q.qualifier, q.number_start, q.number_end
    (1700000000, 'money', 'HKD', 'over', 2, 6)
    >>> parse_quantity("the fifth time").value
    5
    >>> parse_quantity("一切") is None
    True
    """
    if not isinstance(text, str):
        msg = f"parse_quantity() reads a str, not {type(text).__name__}; decode bytes first"
        raise TypeError(msg)
    stripped = text.strip()
    if not stripped:
        return None
    lead = len(text) - len(text.lstrip())
    found = find_quantities(text)
    body = [q for q in found if q.kind != "phone" or q.start == lead]
    if len(body) == 1 and body[0].start == lead and body[0].end == lead + len(stripped):
        return body[0]
    # a leading article or determiner is not part of the number ("the fifth time")
    if len(body) == 1 and body[0].end == lead + len(stripped):
        head = text[lead:body[0].start].strip().lower()
        if head in ("the", "a", "an", "for the", "for a", "第"):
            return body[0]
    return None
