"""Property tests for factcheck.numbers (hypothesis).

- any integer 0..10^12 written in Chinese numerals (an ordinary and a formal writer, both
  defined here) or with thousands separators parses back to itself;
- an interval contains its value unless the qualifier excludes it;
- offsets always index the text as given, for any input, and reading never raises.
"""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from factcheck.numbers import find_quantities, parse_quantity

ORDINARY = {"digits": "零一二三四五六七八九", "small": "十百千", "big": "萬億"}
ORDINARY_HANS = {"digits": "零一二三四五六七八九", "small": "十百千", "big": "万亿"}
FORMAL = {"digits": "零壹貳參肆伍陸柒捌玖", "small": "拾佰仟", "big": "萬億"}
FORMAL_HANS = {"digits": "零壹贰叁肆伍陆柒捌玖", "small": "拾佰仟", "big": "万亿"}


def _group(n: int, style: dict[str, str], liang: bool) -> str:
    """0 < n < 10000 in Chinese numerals: 1005 = 一千零五, 2450 = 二千四百五十."""
    digits, small = style["digits"], style["small"]
    out = ""
    zero = False
    for power, unit in ((1000, small[2]), (100, small[1]), (10, small[0]), (1, "")):
        d = n // power % 10
        if d == 0:
            zero = bool(out)
            continue
        if zero:
            out += digits[0]
            zero = False
        out += ("兩" if liang and d == 2 and power >= 100 else digits[d]) + unit
    return out


def write_chinese(n: int, style: dict[str, str], *, liang: bool = False, short_ten: bool = False) -> str:
    """A Chinese numeral for 0 <= n < 10^16 (a writer independent of the parser under test).

    ``liang`` writes 兩 for a 2 before 百/千; ``short_ten`` writes 十五 for 一十五 at the start.
    """
    digits, big = style["digits"], style["big"]
    if n == 0:
        return digits[0]
    if n >= 10**8:
        high, low = divmod(n, 10**8)
        text = write_chinese(high, style, liang=liang, short_ten=short_ten) + big[1]
        if low:
            text += (digits[0] if low < 10**7 else "") + write_chinese(low, style, liang=liang)
        return text
    if n >= 10**4:
        high, low = divmod(n, 10**4)
        text = write_chinese(high, style, liang=liang, short_ten=short_ten) + big[0]
        if low:
            text += (digits[0] if low < 1000 else "") + _group(low, style, liang)
        return text
    text = _group(n, style, liang)
    if short_ten and text.startswith(digits[1] + style["small"][0]):
        text = text[1:]
    return text


def test_writer_examples() -> None:
    assert write_chinese(1005, ORDINARY) == "一千零五"
    assert write_chinese(100_010_000, ORDINARY) == "一億零一萬"
    assert write_chinese(10**12, ORDINARY) == "一萬億"
    assert write_chinese(34567, FORMAL) == "參萬肆仟伍佰陸拾柒"
    assert write_chinese(15, ORDINARY, short_ten=True) == "十五"
    assert write_chinese(2200, ORDINARY, liang=True) == "兩千兩百"


integers = st.integers(min_value=0, max_value=10**12)


@settings(max_examples=300, deadline=None)
@given(n=integers, style=st.sampled_from([ORDINARY, ORDINARY_HANS]), liang=st.booleans(),
       short_ten=st.booleans())
@example(n=10**12, style=ORDINARY, liang=False, short_ten=False)
@example(n=100_000_001, style=ORDINARY, liang=False, short_ten=False)
@example(n=10, style=ORDINARY, liang=False, short_ten=True)
@example(n=0, style=ORDINARY, liang=False, short_ten=False)
def test_chinese_numerals_parse_back(n: int, style: dict[str, str], liang: bool, short_ten: bool) -> None:
    text = write_chinese(n, style, liang=liang, short_ten=short_ten)
    q = parse_quantity(text)
    assert q is not None, text
    assert q.value == n, text
    assert q.kind == "cardinal"


@settings(max_examples=300, deadline=None)
@given(n=integers, style=st.sampled_from([FORMAL, FORMAL_HANS]))
@example(n=150, style=FORMAL)
@example(n=1, style=FORMAL)
def test_formal_numerals_parse_back(n: int, style: dict[str, str]) -> None:
    text = write_chinese(n, style)
    q = parse_quantity(text)
    assert q is not None, text
    assert q.value == n, text


FULL_WIDTH = str.maketrans("0123456789,", "０１２３４５６７８９，")


@settings(max_examples=300, deadline=None)
@given(n=integers, full_width=st.booleans(), unit=st.sampled_from(["", "個", "間", " projects"]))
@example(n=2023, full_width=False, unit="")
def test_thousands_separators_parse_back(n: int, full_width: bool, unit: str) -> None:
    written = f"{n:,}"
    if full_width:
        written = written.translate(FULL_WIDTH)
    found = find_quantities(written + unit)
    assert len(found) == 1, found
    assert found[0].value == n
    assert found[0].kind == "cardinal"
    assert found[0].number_start == 0 and found[0].number_end == len(written)


EXCLUSIVE = {"over", "nearly", "plus", "under"}  # qualifiers whose interval leaves N itself out
QUALIFIER_WORDS = ["約", "约", "大約", "逾", "超過", "超过", "接近", "近", "將近", "至少", "不少於", "不足", "少於",
                   "最多", "不超過", "多達", "about ", "around ", "over ", "more than ", "nearly ", "almost ",
                   "at least ", "under ", "fewer than ", "up to ", "at most ", "as many as ", ""]
SUFFIX_WORDS = ["", "多", "餘", "以上", "左右", "或以上", "以下", "+", " or more", " or so", "-odd"]
NUMERALS = st.one_of(
    st.integers(1, 10**9).map(lambda n: f"{n:,}"),
    st.integers(1, 10**6).map(lambda n: write_chinese(n, ORDINARY)),
    st.decimals(min_value=0, max_value=10**4, places=2).map(str),
    st.sampled_from(["1,500億", "17 億", "3.5萬", "一千多萬", "1.2 million", "HK$1.7 billion", "30%", "百分之三十"]),
)


@settings(max_examples=400, deadline=None)
@given(qual=st.sampled_from(QUALIFIER_WORDS), numeral=NUMERALS, unit=st.sampled_from(["", "個", "間", "人"]),
       suffix=st.sampled_from(SUFFIX_WORDS))
def test_interval_contains_value_unless_excluded(qual: str, numeral: str, unit: str, suffix: str) -> None:
    text = f"{qual}{numeral}{unit}{suffix}"
    for q in find_quantities(text):
        if q.value is None or q.low is None and q.high is None:
            continue
        assert q.interval.contains(q.value) == (q.qualifier not in EXCLUSIVE), (text, q)
        assert not q.interval.empty, (text, q)


INTERESTING = st.sampled_from(list(
    "0123456789０１２３４５６７８９,.，．%％$¥+-:/ \t\n\u3000()（）"
    "零〇一二三四五六七八九十百千萬万億亿兩两廿卅壹貳參肆伍陸柒捌玖拾佰仟點点多餘余幾半第首分之又成折個間隊年月日時"
    "約逾超過近接至少不足最以上左右下港元美幣億HKUSRMBkKmMbnGx"
)) | st.sampled_from(["one", "hundred", "and", "a", "half", "third", "million", "over", "about", "first", "per cent",
                     "percent", "dozen", "point", "minus", "twenty", "-five", "Sept", "May", "http://x.hk/1",
                     "a@b.hk", "COVID-19", "第四度", "約150個", "1,800", "逾 17 億港元", "1:9", "2023年9月13日"])


def _check_offsets(text: str) -> None:
    found = find_quantities(text)
    previous_end = 0
    for q in found:
        assert text[q.start:q.end] == q.text
        assert q.start < q.end
        assert q.start <= q.number_start <= q.number_end <= q.end, q
        assert q.start >= previous_end, "quantities overlap or are out of order"
        previous_end = q.end


@settings(max_examples=500, deadline=None)
@given(st.text())
def test_offsets_hold_for_any_text(text: str) -> None:
    _check_offsets(text)


@settings(max_examples=500, deadline=None)
@given(st.lists(INTERESTING, max_size=40).map("".join))
def test_offsets_hold_for_numeral_soup(text: str) -> None:
    _check_offsets(text)
    q = parse_quantity(text)
    if q is not None:
        assert text[q.start:q.end] == q.text


SCAN_SOUP = INTERESTING | st.sampled_from([
    "下午3時", "晚上八點半", "上午 10 時 30 分", "下午", "打對折", "參加", "参加", "新一代", "一起", "第 二", "首屆", "百分之", "no one", "one-off",
    "24/7", "twenty-one", "an eighth", "a hundred", "ahundred", "www.x.hk", ".5", "+852 2345 6789", "(852) 3166 3841",
    "x@y.hk", "Dec 5", "May 5, 2024", "Sept 30", "COVID_19", "A1B2", "one", "Seventh", "THIRD"])


@settings(max_examples=500, deadline=None)
@given(st.lists(SCAN_SOUP, max_size=30).map("".join))
def test_scanner_starts_are_never_skipped(text: str) -> None:
    """The quick scan for places where a number may start (a necessary condition, at C speed)
    finds every place where one of the three scanners matches: skipping is never what changes
    a result."""
    from factcheck import numbers as N

    s = N.fold_width(text)
    stops = set()  # where find_quantities tries a scanner when none matched before
    pos = 0
    while pos < len(s):
        pos = N._SKIP.match(s, pos).end()
        stops.add(pos)
        pos += 1
    for i, ch in enumerate(s):
        word_start = ch.isascii() and ch.isalpha() and not (i and s[i - 1].isascii() and s[i - 1].isalpha())
        if not (word_start or ch in N._START_CHARS):
            continue  # no scanner is tried inside a word or at a character no number starts with
        latin, digit, other = N._scanners()
        scanner = digit if ch in N._DIGIT_STARTS else latin if ch.isascii() else other
        if scanner.match(s, i) is not None:
            assert i in stops, (s, i)
            assert N._SKIP.match(s, i).end() == i, (s, i)


def test_case_classes_match_what_ignorecase_matches() -> None:
    """The tries write a letter as a class ([Ss] and the long s) instead of re.IGNORECASE: for
    every code point the class and the flag agree."""
    import re
    import sys

    from factcheck import numbers as N

    letters = re.compile("[a-z]", re.IGNORECASE)
    folded = {ch: re.compile(N._ci(ch)) for ch in "abcdefghijklmnopqrstuvwxyz"}
    for code in range(sys.maxunicode + 1):
        ch = chr(code)
        if letters.fullmatch(ch) is None:
            continue
        for letter, pattern in folded.items():
            assert (pattern.fullmatch(ch) is not None) == (re.fullmatch(letter, ch, re.IGNORECASE) is not None), \
                (letter, hex(code))


def _words_soup(words: list[str]) -> st.SearchStrategy[str]:
    pieces = sorted({w[:k] for w in words for k in range(1, len(w))} | {w[k:] for w in words for k in range(1, len(w))})
    case = st.sampled_from([str, str.upper, str.title])
    piece = st.tuples(st.sampled_from(sorted(words)) | st.sampled_from(pieces), case).map(lambda t: t[1](t[0]))
    return st.lists(piece | st.sampled_from([" ", "  ", "\t", "150", "ſ", "K", "ı"]), max_size=12).map("".join)


@settings(max_examples=400, deadline=None)
@given(st.data())
def test_prefix_tries_read_the_table_words(data: st.DataObject) -> None:
    """A qualifier or currency before a number is found by a trie of the table's words: it finds
    the same words, at the same places, as the plain alternation of those words."""
    import re

    from factcheck import _numtables as T
    from factcheck import numbers as N

    for words, trie, flags in ((list(T.QUAL_PREFIX), N._QUAL_BACK, re.IGNORECASE),
                               (list(T.CURRENCY_PREFIX), N._CUR_BACK, 0)):
        plain = re.compile(rf"(?:{T.alternation(words)})[ \t]*\Z", flags)
        text = data.draw(_words_soup(words))
        for end in range(len(text) + 1):
            lo = max(0, end - 24)
            a, b = plain.search(text, lo, end), trie.search(text, lo, end)
            assert (a and a.span()) == (b and b.span()), (text, end)


TAIL_SOUP = INTERESTING | st.sampled_from([
    "分之", "份", "又", "/", " 3/4", "多", "餘", "有餘", "%", "‰", "個百分點", "per cent", "PERCENT", "成", "七折", "折",
    "港元", "HK dollars", "DOLLARS", "元", "st", "TH", " times", " Editions", "打", "個", "km", " KM", "-year", "years",
    "°C", "ſ", "K", "ı", "以上", "左右", "上下", "+", "-odd", " or more", " OR MORE", "萬", "千", "多萬", "m", "bn",
    " hundred", "-million", "½", "\t", "  ", " ſeconds", " Kilometres", "-ſquare metres", " ſecond time"])


@settings(max_examples=400, deadline=None)
@given(st.lists(TAIL_SOUP, max_size=12).map("".join))
def test_tail_readers_are_skipped_only_where_they_cannot_match(text: str) -> None:
    """A reader of what follows a numeral is skipped when the next character that is not a
    blank cannot start any of its patterns: wherever a pattern matches, that character is one
    its gate lets through."""
    from factcheck import numbers as N

    gates = [(N._G_FRACTION, (N._FRAC_ZH, N._FRAC_CANTO, N._YOU, N._SLASH, N._MIXED_SLASH)),
             (N._G_PLUS, (N._PLUS_ZH,)), (N._G_PERCENT, (N._PERCENT, N._CHENG, N._ZHE)), (N._G_MONEY, (N._CUR_SUFFIX,)),
             (N._G_ORD_SUFFIX, (N._ORD_SUFFIX,)), (N._G_ORD_NOUN, (N._ORD_NOUN,)), (N._G_UNIT, (N._DOZEN_ZH, N._UNIT)),
             (N._G_QUAL, (N._QUAL_SUFFIX_ZH, N._QUAL_SUFFIX_EN)), (N._G_QUAL_ZH, (N._QUAL_SUFFIX_ZH,)),
             (N._G_ZH_CONT, (N._ZH_CONT,)), (N._G_LETTER_SCALE, (N._LETTER_SCALE,)), (N._G_EN_CONT, (N._EN_CONT,))]
    for e in range(len(text) + 1):
        c = N._solid_at(text, e)
        for gate, patterns in gates:
            for pattern in patterns:
                if pattern.match(text, e) is not None:
                    assert c in gate, (pattern.pattern[:40], text, e)
