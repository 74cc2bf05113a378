"""Normalisation: what the extractors read, and the exact way back to the file."""

from pathlib import Path

import pytest

from factcheck.ingest import read_paths, read_text
from factcheck.model import Document
from factcheck.normalize import OffsetMap, normalize, normalize_text, replay

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def seed(stem: str) -> Document:
    (doc, *_) = read_paths([SEEDS / f"{stem}.txt"]).documents
    return doc


@pytest.fixture(scope="module")
def wrapped():
    doc = seed("001_70d239011c6767d8")
    return doc, normalize(doc)


@pytest.mark.parametrize(
    ("joined", "original", "line"),
    [
        ("香港特别行政区政府", "香港特別行政\n\n區政府", 11),
        ("高瞻创新科技获得季军", "高瞻\n\n創新科技獲得季軍", 228),
        ("逾150队", "逾150 \n\n隊", 188),
        ("催生一批专精特新", "催生一批專\n 精特新", 104),
        ("包括浓说科技Wizpresso", "包括濃説科技\n\nWizpresso", 54),
        ("香港数码港管理有限公司", "香港數碼港管\n\n理有限公司", 275),
    ],
)
def test_pdf_wraps_are_joined_and_map_back_to_the_file(wrapped, joined, original, line) -> None:
    doc, norm = wrapped
    at = norm.text.index(joined)
    assert norm.quote(at, at + len(joined)) == original
    assert norm.line_of(at) == line
    # Each character of the joined text points at the file character it came from.
    for i, ch in enumerate(joined):
        source_char = doc.source[norm.origin[at + i]]
        assert source_char == ch or normalize_text(source_char).text == ch


def test_the_first_wrap_skips_exactly_the_line_break(wrapped) -> None:
    doc, norm = wrapped
    at = norm.text.index("香港特别行政区政府")
    offsets = [norm.origin[at + i] for i in range(9)]
    start = doc.source.index("香港特別行政\n\n區政府")
    assert offsets == [start + i for i in range(6)] + [start + 8 + i for i in range(3)]


def test_paragraph_breaks_headings_and_lists_are_kept(wrapped) -> None:
    _, norm = wrapped
    text = norm.text
    assert "心的整体产业发展。 \n\n \n\n今年的香港分站赛" in text  # a paragraph end
    assert "获佳绩 \n\n香港分站赛决赛的最后十强中" in text  # a heading
    assert "传媒查询,请联络: \n\n数码港 \n\n庄菀婷" in text  # a contacts block
    assert "https://drive.google.com/drive/folders/1zzJjE_C5K0UteU3iHbxbe1bGEeGxZTyz?usp=sharing\n" in text


@pytest.mark.parametrize("stem", ["000_e130ea72c9a05536", "003_f21eea308015a647", "004_4eeebd243549c568"])
def test_unwrapped_releases_keep_every_line_break(stem) -> None:
    doc = seed(stem)
    norm = normalize(doc)
    assert norm.text.count("\n") == doc.text.count("\n")
    wraps = next(s for s in norm.steps if s.name == "wraps")
    assert wraps.changed == 0


def test_an_english_pdf_wrap_is_joined_with_one_space() -> None:
    lines = [
        "The Maker in China SME Innovation and Entrepreneurship Global Contest - Hong",
        "Kong Chapter (MiCHK) 2023 Final was held at Cyberport today. Dai3mimi Health-",
        "Tech Limited, Datality Lab Limited and Calandex Innovation and Technology (HK)",
        "Company Limited won Champion, First Runner-up and Second Runner-up honours",
        "respectively. They will represent Hong Kong to compete in the Global Final.",
    ]
    norm = normalize_text("\n".join(lines) + "\n\nAbout Cyberport\n\nCyberport is a digital community.")
    assert norm.text.startswith(
        "The Maker in China SME Innovation and Entrepreneurship Global Contest - Hong Kong Chapter (MiCHK) "
        "2023 Final was held at Cyberport today. Dai3mimi Health-Tech Limited, Datality Lab Limited and "
        "Calandex Innovation and Technology (HK) Company Limited won Champion"
    )
    assert norm.text.endswith("Global Final.\n\nAbout Cyberport\n\nCyberport is a digital community.")
    at = norm.text.index("Hong Kong Chapter")
    assert norm.quote(at, at + len("Hong Kong")) == "Hong\nKong"


def test_variants_and_full_width_forms_compare_equal() -> None:
    norm = normalize_text("濃說科技 濃説科技 產/産 爲/為 週年/周年 ２０２３年（香港）")
    assert norm.text == "浓说科技 浓说科技 产/产 为/为 周年/周年 2023年(香港)"
    assert len(norm.origin) == len(norm.text) + 1


def test_length_changing_nfkc_maps_every_character() -> None:
    norm = normalize_text("電話︰㈠ 3166…完")
    assert norm.text == "电话:(一) 3166...完"
    assert list(norm.origin) == [0, 1, 2, 3, 3, 3, 4, 5, 6, 7, 8, 9, 9, 9, 10, 11]
    assert norm.quote(3, 6) == "㈠"


def test_steps_replay_to_the_same_text() -> None:
    for path in sorted(SEEDS.glob("*.txt")):
        for doc in read_paths([path]).documents:
            norm = normalize(doc)
            assert replay(doc.text, norm.steps) == norm.text, doc.id
            assert [s.name for s in norm.steps] == ["newlines", "wraps", "nfkc", "t2s"]


def test_steps_explain_what_changed() -> None:
    norm = normalize(seed("001_70d239011c6767d8"))
    steps = {s.name: s for s in norm.steps}
    assert steps["newlines"].changed == 0
    assert steps["wraps"].examples[0] == ("別行政\n\n區政府", "別行政區政府")
    assert steps["nfkc"].changed > 0 and steps["t2s"].changed > 0


def test_crlf_and_cr_line_ends_are_line_ends() -> None:
    for newline in ("\r\n", "\r"):
        text = newline.join(["Cyberport hosts the final", "", "HONG KONG, Sept 13, 2023 – Cyberport today", "hosted", "it."])
        (doc,) = read_text(text, name="x")
        norm = normalize(doc)
        assert "\r" not in norm.text
        at = norm.text.index("hosted")
        assert norm.line_of(at) == 4
        assert doc.source[norm.origin[at] : norm.origin[at] + 6] == "hosted"
        assert (doc.date, doc.title) == (__import__("datetime").date(2023, 9, 13), "Cyberport hosts the final")


def test_html_is_reduced_and_maps_into_the_markup() -> None:
    html = (
        "<html><head><title>Site</title><script>var a = '<p>1,000</p>';</script></head><body>"
        "<nav><a href='/'>Home</a></nav><h1>數碼港公布年報</h1>"
        "<p>香港，2023年9月13日 &ndash; 數碼港今天公布年報，社群企業超過&nbsp;1,900&#38291;。</p>"
        "<p>關於數碼港</p><p>數碼港為一個創新數碼社群。</p></body></html>"
    )
    (doc,) = read_text(html, name="page", path="page.html")
    norm = normalize(doc)
    assert norm.text == (
        "数码港公布年报\n\n香港,2023年9月13日 – 数码港今天公布年报,社群企业超过 1,900间。\n\n关于数码港\n\n数码港为一个创新数码社群。"
    )
    at = norm.text.index("1,900")
    assert norm.quote(at, at + 5) == "1,900"
    assert norm.quote(at + 5, at + 6) == "&#38291;"
    assert "1,000" not in norm.text and "Home" not in norm.text and "Site" not in norm.text
    assert (doc.title, doc.issuer, doc.markup) == ("數碼港公布年報", "數碼港", "html")


def test_offset_map_is_compact() -> None:
    norm = normalize_text("香港特別行政\n\n區政府" * 10_000)
    assert isinstance(norm.origin, OffsetMap)
    assert len(norm.origin.out) < 100


def test_a_length_changing_t2s_conversion_keeps_offsets_exact(monkeypatch) -> None:
    """OpenCC converts phrases; should one ever convert to a different length, the line is
    converted again piece by piece, keeping the original where the length would change."""
    import factcheck.normalize.mapped as mapped

    real = mapped.to_simplified

    def shrinking(text: str) -> str:  # pretend "特別行政區" is a phrase that converts to 3 characters
        return real(text.replace("特別行政區", "特区政"))

    monkeypatch.setattr(mapped, "to_simplified", shrinking)
    source = "香港特別行政區政府說\n第二行說"
    change = mapped.map_t2s(source)
    assert change.origin is None and len(change.text) == len(source)
    assert change.text == "香港特别行政区政府说\n第二行说"


def test_a_single_article_file_is_normalised_once() -> None:
    """ingest hands a single-article file's normalisation over to extraction: normalize(doc)
    returns the same result without computing it again, and a multi-article file hands over
    nothing (its articles are normalised on their own)."""
    from factcheck import normalize as N

    N._CACHE.cache_clear()
    [doc] = read_text("數碼港歡迎藍圖\n\n香港,2022年12月22日 – 數碼港歡迎政府今日公布的藍圖，逾150\n\n隊參加。", name="x")
    assert len(N._CACHE.kept) == 1
    kept = next(iter(N._CACHE.kept.values()))
    norm = normalize(doc)
    assert norm.text is kept[0] and norm.origin is kept[1]
    assert not N._CACHE.kept  # released on first use
    N._CACHE.cache_clear()
    assert normalize(doc).text == norm.text  # computed again: the same


def test_kept_results_are_bounded_by_characters_and_the_oldest_stay() -> None:
    from factcheck.normalize import _Cache

    cache = _Cache(kept_chars=20)
    cache.keep(("aaaa", "text"), ("aaaa", OffsetMap.identity(4), ()))  # 8 characters
    cache.keep(("bbbb", "text"), ("bbbb", OffsetMap.identity(4), ()))  # 16
    cache.keep(("cccc", "text"), ("cccc", OffsetMap.identity(4), ()))  # would be 24: not kept
    assert list(cache.kept) == [("aaaa", "text"), ("bbbb", "text")]
    assert cache.get(("aaaa", "text"))[0] == "aaaa"
    assert cache.kept_held == 8
    cache.keep(("cccc", "text"), ("cccc", OffsetMap.identity(4), ()))  # room again
    assert ("cccc", "text") in cache.kept
