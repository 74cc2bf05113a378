"""Ingest on the five seed releases: what a reviewer would check by reading them."""

from datetime import date
from pathlib import Path

import pytest

from factcheck.ingest import Corpus, read_paths
from factcheck.model import Document, Section
from factcheck.normalize import normalize

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return read_paths([SEEDS])


@pytest.fixture(scope="module")
def docs(corpus: Corpus) -> dict[str, Document]:
    return {d.id: d for d in corpus.documents}


def parts(doc: Document, kind: Section) -> list[str]:
    """The text of every span of one kind, stripped."""
    return [doc.source[s.start : s.end].strip() for s in doc.sections if s.kind is kind]


def test_reads_every_seed_without_problems(corpus: Corpus) -> None:
    assert corpus.problems == ()
    assert [d.id for d in corpus.documents] == [
        "000_e130ea72c9a05536",
        "001_70d239011c6767d8",
        "002_d955ebac4d6d2ad2",
        "003_f21eea308015a647",
        "004_4eeebd243549c568",
        "004_4eeebd243549c568#2",
        "004_4eeebd243549c568#3",
    ]
    assert all(d.path == str(SEEDS / f"{d.id.split('#')[0]}.txt") for d in corpus.documents)


@pytest.mark.parametrize(
    ("doc_id", "lang", "when", "how", "issuer"),
    [
        ("000_e130ea72c9a05536", "zh-Hant", date(2023, 9, 13), "dateline", "數碼港"),
        ("001_70d239011c6767d8", "zh-Hant", date(2022, 8, 19), "dateline", "數碼港"),
        ("002_d955ebac4d6d2ad2", "zh-Hant", date(2022, 12, 22), "dateline", "數碼港"),
        ("003_f21eea308015a647", "en", date(2023, 9, 13), "today+title-year", None),
        ("004_4eeebd243549c568", "zh-Hant", date(2022, 7, 6), "dateline", "香港科技園公司"),
        ("004_4eeebd243549c568#2", "zh-Hant", date(2022, 9, 6), "dateline", "香港科技園公司"),
        ("004_4eeebd243549c568#3", "zh-Hant", date(2022, 7, 28), "dateline", "香港科技園公司"),
    ],
)
def test_language_date_and_issuer(docs, doc_id, lang, when, how, issuer) -> None:
    doc = docs[doc_id]
    assert (doc.lang, doc.date, doc.date_how, doc.issuer) == (lang, when, how, issuer)


@pytest.mark.parametrize(
    ("doc_id", "title"),
    [
        ("000_e130ea72c9a05536", "2023「創客中國」香港站決賽第四度於數碼港順利舉行 三甲將與東盟等代表較量 助力優秀企業落戶大灣區"),
        ("001_70d239011c6767d8", "「創客中國」香港分站賽 參賽隊伍數目再創紀錄 產生逾180項專利"),
        ("002_d955ebac4d6d2ad2", "數碼港歡迎「香港創新科技發展藍圖」 四大方向八大策略推動香港成國際創新科技中心"),
        (
            "003_f21eea308015a647",
            "2023 Maker in China SME Innovation and Entrepreneurship Global Contest – Hong Kong Chapter "
            "successfully held (with photos)",
        ),
        ("004_4eeebd243549c568", "香港科技園公司慶祝驅動創科成就二十年"),
        ("004_4eeebd243549c568#2", "香港警務處與香港科技園公司簽署合作備忘錄 推動數碼警政及培育創科人才"),
        (
            "004_4eeebd243549c568#3",
            "香港科技園公司與建造業議會攜手推出「建築科技加速器」計劃 聯同 20間建造業領袖推動業內創新科技應用",
        ),
    ],
)
def test_title(docs, doc_id, title) -> None:
    assert docs[doc_id].title == title


def test_sections_cover_each_document_without_gaps(docs) -> None:
    for doc in docs.values():
        assert doc.sections[0].start == doc.start and doc.sections[-1].end == doc.end, doc.id
        for left, right in zip(doc.sections, doc.sections[1:]):
            assert left.end == right.start and left.kind is not right.kind, doc.id


def test_sections_of_a_cyberport_release(docs) -> None:
    doc = docs["000_e130ea72c9a05536"]
    assert [s.kind for s in doc.sections] == [
        Section.OTHER, Section.HEADLINE, Section.BODY, Section.CAPTION, Section.CONTACTS, Section.BOILERPLATE,
    ]  # fmt: skip
    assert parts(doc, Section.OTHER) == ["新聞稿\n\n即時發布"]
    (body,) = parts(doc, Section.BODY)
    assert body.startswith("香港·2023年9月13日 - 2023「創客中國」")
    assert body.endswith("以鼓勵產業鏈內的項目對接，協助產業協同創新，增強整體競爭優勢。")
    assert "破境創新科技" in body and "碳境創新科技" not in body
    (caption,) = parts(doc, Section.CAPTION)
    assert caption.startswith("###\n\n請按[此處](#)下載高像素新聞圖片")
    assert "香港碳境創新科技（Calandex Innovation & Technology）則得到季軍" in caption
    (contacts,) = parts(doc, Section.CONTACTS)
    assert contacts.startswith("傳媒查詢，請聯絡：") and contacts.endswith("電郵：louis.kwong@a-world.com.hk")
    (boilerplate,) = parts(doc, Section.BOILERPLATE)
    assert boilerplate.startswith("關於數碼港\n\n數碼港為一個創新數碼社群，匯聚超過 1,900 間社群企業")
    assert boilerplate.endswith("詳情請瀏覽 www.cyberport.hk")


def test_sections_of_the_pdf_extracted_release(docs) -> None:
    doc = docs["001_70d239011c6767d8"]
    assert [s.kind for s in doc.sections] == [
        Section.OTHER, Section.HEADLINE, Section.BODY, Section.CAPTION, Section.CONTACTS, Section.BOILERPLATE,
    ]  # fmt: skip
    (headline,) = parts(doc, Section.HEADLINE)
    assert headline == "「創客中國」香港分站賽 \n\n參賽隊伍數目再創紀錄 產生逾180項專利"
    (body,) = parts(doc, Section.BODY)
    assert body.startswith("香港，2022年8月19日 –") and body.endswith("幫助他們實現技術轉化及融入中國市場。」")
    (caption,) = parts(doc, Section.CAPTION)
    # The caption that gives Wizpresso, Gense and 高瞻 as 季軍 is a caption, not body.
    assert "2022「創客中國」香港分站賽最終由濃説科技Wizpresso、Gense Technologies及高瞻" in caption
    assert caption.endswith("Gense Technologies行政總裁及聯合創辦人陳柏衡。")
    (contacts,) = parts(doc, Section.CONTACTS)
    assert contacts.startswith("傳媒查詢，請聯絡︰") and "sandrachong@cyberport.hk" in contacts
    (boilerplate,) = parts(doc, Section.BOILERPLATE)
    assert boilerplate.startswith("關於數碼港") and "匯聚超過 1,800 間社群企業" in boilerplate


def test_sections_of_the_blueprint_release(docs) -> None:
    doc = docs["002_d955ebac4d6d2ad2"]
    assert parts(doc, Section.HEADLINE) == ["數碼港歡迎「香港創新科技發展藍圖」 \n\n四大方向八大策略推動香港成國際創新科技中心"]
    (caption,) = parts(doc, Section.CAPTION)
    assert caption.startswith("###") and caption.endswith("並將全力配合特區政府施政。」")
    (boilerplate,) = parts(doc, Section.BOILERPLATE)
    assert "包括超過 800 間駐園區及 1,000 \n\n間非駐園區" in boilerplate


def test_sections_of_the_english_government_release(docs) -> None:
    doc = docs["003_f21eea308015a647"]
    assert [s.kind for s in doc.sections] == [Section.HEADLINE, Section.BODY]
    (body,) = parts(doc, Section.BODY)
    assert body.startswith("The Maker in China SME Innovation") and body.endswith("Mr Peter Yan.")


def test_scraped_blog_page_is_split_into_its_three_posts(docs) -> None:
    first, second, third = (docs[f"004_4eeebd243549c568{s}"] for s in ("", "#2", "#3"))
    assert first.source is second.source is third.source
    assert (first.start, first.end) == (0, second.start) and second.end == third.start
    assert third.end == len(third.source)
    assert [s.kind for s in first.sections] == [Section.OTHER, Section.HEADLINE, Section.BODY, Section.OTHER]
    other_top, other_tail = parts(first, Section.OTHER)
    assert other_top == "跳至主要內容"
    # "popular posts" chrome and a post without a dateline are page furniture, not body.
    assert other_tail.startswith("此網誌的熱門文章\n\n金融科技平台助香港中小企節省營運成本 Cutcostz")
    assert other_tail.endswith("網址 : https://www.cutcostz.com")
    (body,) = parts(first, Section.BODY)
    assert body.startswith("(香港,2022年7月6日)— 香港科技園公司 (科技園公司)今天慶祝")
    assert body.endswith("hkstp-celebrates-20-years-of-propelling-success-and-innovation")
    assert second.text.startswith("香港警務處與香港科技園公司簽署合作備忘錄")
    assert [s.kind for s in second.sections] == [Section.HEADLINE, Section.BODY]
    assert parts(second, Section.BODY)[0].startswith("(香港,2022年9月6日)— 香港警務處與香港科技園公司")
    assert third.text.startswith("香港科技園公司與建造業議會攜手推出「建築科技加速器」計劃")
    assert parts(third, Section.BODY)[0].startswith("(香港,2022年7月28日)— 香港科技園公司(科技園公司)宣布")


def test_normalised_text_maps_back_into_the_right_section(docs) -> None:
    doc = docs["000_e130ea72c9a05536"]
    norm = normalize(doc)
    at = norm.text.index("碳境创新科技")
    assert norm.section_at(at) is Section.CAPTION
    assert norm.quote(at, at + 6) == "碳境創新科技"
    assert norm.line_of(at) == 45
    at = norm.text.index("破境创新科技")
    assert (norm.section_at(at), norm.line_of(at)) == (Section.BODY, 11)


def test_a_later_article_normalises_within_its_own_region(docs) -> None:
    doc = docs["004_4eeebd243549c568#3"]
    norm = normalize(doc)
    assert norm.origin[0] == doc.start and norm.origin[-1] == doc.end
    at = norm.text.index("2,250 亿港元")
    assert norm.quote(at, at + 9) == "2,250 億港元"
    assert norm.line_of(at) == 62
