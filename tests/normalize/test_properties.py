"""Properties that must hold for any text, not only the texts we thought of."""

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck.ingest import read_text
from factcheck.ingest.decoding import decode
from factcheck.errors import FactcheckError
from factcheck.model import Document
from factcheck.normalize import normalize, normalize_text, replay
from factcheck.normalize.html import reduce_html
from factcheck.normalize.offsets import MapBuilder, OffsetMap
from factcheck.normalize.steps import to_simplified

# Text that looks like releases: CJK (Traditional and Simplified), ASCII, full-width forms,
# line ends of every kind, PDF-style wraps, combining marks and compatibility characters.
_PIECES = st.sampled_from(
    [
        "香港特別行政", "區政府", "数码港", "濃說科技", "説", "產", "爲", "週", "。", "，", "：", "︰",
        "「", "」", "（", "）", "２０２３", "ｅ\u0301", "e\u0301", "㈠", "…", "㎡", "ﬁ", "ｶﾞ",
        "150", " ", "  ", "\n", "\n\n", "\r\n", "\r", "\f", "\u2028", "\t", "\u3000", "Hong Kong",
        "Cyberport", "-", "###", "關於數碼港", "About Cyberport", "傳媒查詢", "香港·2023年9月13日 - ",
        "HONG KONG, Sept 13, 2023 – ", "today (September 13)", "<p>", "&amp;", "乾隆", "乾燥",
        "\U0001d400", "한국어", "\u1100\u1161",
    ]
)  # fmt: skip
RELEASE_TEXT = st.lists(_PIECES | st.text(max_size=5), max_size=60).map("".join)
ANY_TEXT = RELEASE_TEXT | st.text(max_size=300)
HAN_OR_ASCII = re.compile(r"[A-Za-z0-9\u4e00-\u9fff]")


def _check_map(norm, start: int, end: int) -> None:
    origin = list(norm.origin)
    assert len(origin) == len(norm.text) + 1
    assert origin[-1] == end
    assert all(start <= o <= end for o in origin)
    assert all(a <= b for a, b in zip(origin, origin[1:]))
    for i in range(len(norm.text)):
        s, e = norm.source_span(i, i + 1)
        assert start <= s < e <= end


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(ANY_TEXT)
def test_normalize_never_raises_and_maps_every_character(text: str) -> None:
    norm = normalize_text(text)
    _check_map(norm, 0, len(text))
    source = norm.doc.source
    for i, ch in enumerate(norm.text):
        original = source[norm.origin[i]]
        if HAN_OR_ASCII.match(ch) and HAN_OR_ASCII.match(original):
            assert ch == original or to_simplified(ch) == to_simplified(original), (i, ch, original)
    assert replay(text, norm.steps) == norm.text


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(ANY_TEXT, st.integers(0, 400), st.integers(0, 400))
def test_a_region_maps_inside_the_region(text: str, a: int, b: int) -> None:
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    doc = Document(id="x", path="x", source=text, start=start, end=end, lang="en")
    norm = normalize(doc)
    _check_map(norm, start, end)


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(["<p>", "</p>", "<br>", "<nav>", "</nav>", "<script>", "</script>", "<!--", "-->",
                                 "&amp;", "&#20013;", "&bogus;", "&#x1F600;", "<a href='>'>", "<", ">", " ", "\n",
                                 "數碼港", "text", "<pre>", "</pre>", "&nbsp;"]) | st.text(max_size=4),
                max_size=40).map("".join))  # fmt: skip
def test_html_reduction_never_raises_and_maps_into_the_markup(markup: str) -> None:
    text, origin = reduce_html(markup)
    assert len(origin) == len(text) + 1
    offsets = list(origin)
    assert all(a <= b for a, b in zip(offsets, offsets[1:]))
    assert all(0 <= o <= len(markup) for o in offsets)
    norm = normalize_text(markup, markup="html")
    _check_map(norm, 0, len(markup))
    assert replay(markup, norm.steps) == norm.text


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(RELEASE_TEXT)
def test_ingest_never_raises_and_articles_tile_the_file(text: str) -> None:
    docs = read_text(text, name="x")
    if not docs:
        return
    assert docs[0].start == 0 and docs[-1].end == len(docs[0].source) == len(text)
    for left, right in zip(docs, docs[1:]):
        assert left.end == right.start
    for doc in docs:
        assert doc.lang in ("zh-Hant", "zh-Hans", "en")
        assert doc.sections[0].start == doc.start and doc.sections[-1].end == doc.end
        assert all(a.end == b.start for a, b in zip(doc.sections, doc.sections[1:]))


@settings(max_examples=300)
@given(st.binary(max_size=300))
def test_decode_returns_text_or_a_clear_error(data: bytes) -> None:
    try:
        text, encoding = decode(data)
    except FactcheckError as exc:
        assert str(exc).startswith(("not text:", "cannot decode:"))
    else:
        assert isinstance(text, str) and encoding


def _random_map(draw, length_in: int) -> OffsetMap:
    b = MapBuilder()
    pos = 0
    while pos < length_in:
        kind = draw(st.sampled_from(["copy", "delete", "expand"]))
        size = draw(st.integers(1, 4))
        size = min(size, length_in - pos)
        if kind == "copy":
            b.copy(pos, size)
        elif kind == "expand":
            b.constant(pos, draw(st.integers(1, 3)), span=size)
        pos += size
    return b.build(length_in)


@st.composite
def _two_maps(draw):
    first = _random_map(draw, draw(st.integers(0, 30)))
    second = _random_map(draw, first.length)
    return first, second


@given(_two_maps())
def test_composed_maps_agree_with_applying_them_one_after_the_other(maps) -> None:
    first, second = maps
    both = first.then(second)
    assert len(both) == len(second)
    assert list(both) == [first[o] for o in second]
    for i in range(second.length):
        assert both.end_at(i) == first.end_at(second.end_at(i) - 1)


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_counting_differences_agrees_with_comparing_each_character(data) -> None:
    """t2s counts its changed characters on big integers; the count is the one a comparison of
    every character gives, for any characters (astral planes and lone surrogates too)."""
    from factcheck.normalize.mapped import count_differences

    chars = st.characters() | st.sampled_from(["說", "说", "\ud800", "\U00020000", "\U00020001", "a"])
    before = data.draw(st.lists(chars, max_size=300).map("".join))
    after = "".join(data.draw(st.sampled_from([c, c, "说", "\udfff", "\U0010ffff", "\x00"])) for c in before)
    assert count_differences(before, after) == sum(a != b for a, b in zip(before, after))
