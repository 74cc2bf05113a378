"""Articles, sections, titles, issuers and languages on releases written for these tests."""

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.ingest import read_text
from factcheck.model import Document, Section


def kinds(doc: Document) -> list[tuple[str, str]]:
    """(section, first line of its text) for each section."""
    out = []
    for span in doc.sections:
        text = doc.source[span.start : span.end].strip()
        out.append((span.kind.value, text.split("\n")[0].strip()))
    return out


EN_RELEASE = """PRESS RELEASE
For Immediate Release

Cyberport Welcomes the Innovation and Technology Blueprint
Four directions and eight strategies

HONG KONG, 22 December 2022 – Cyberport today welcomed the Hong Kong Innovation and Technology
Development Blueprint announced by the Government.

Cyberport has over 1,900 community companies, including over 800 onsite and 1,000 offsite.

– Ends –

Photo caption: Cyberport Chairman Simon Chan.

For media enquiries, please contact:
Cyberport
Karen Kwok
Tel: (852) 3166 3993
Email: karenkwok@cyberport.hk

About Cyberport
Cyberport is an innovative digital community with over 1,900 members.
"""


def test_an_english_release_has_every_section() -> None:
    (doc,) = read_text(EN_RELEASE, name="en")
    assert kinds(doc) == [
        ("other", "PRESS RELEASE"),
        ("headline", "Cyberport Welcomes the Innovation and Technology Blueprint"),
        ("body", "HONG KONG, 22 December 2022 – Cyberport today welcomed the Hong Kong Innovation and Technology"),
        ("caption", "– Ends –"),
        ("contacts", "For media enquiries, please contact:"),
        ("boilerplate", "About Cyberport"),
    ]
    assert doc.title == "Cyberport Welcomes the Innovation and Technology Blueprint Four directions and eight strategies"
    assert (doc.lang, doc.date, doc.issuer) == ("en", date(2022, 12, 22), "Cyberport")


def test_issuer_from_the_contacts_mail_domain() -> None:
    text = EN_RELEASE.split("About Cyberport")[0].replace("Cyberport today welcomed", "The park today welcomed")
    (doc,) = read_text(text, name="en")
    assert doc.issuer == "Cyberport"  # karenkwok@cyberport.hk, spelled as the text spells it


def test_issuer_from_the_contacts_block_when_the_domain_is_not_in_the_text() -> None:
    text = (
        "數碼港公布年報\n\n香港，2023年9月13日 – 今天公布年報，社群企業超過1,900間。\n\n"
        "傳媒查詢，請聯絡：\n\n數碼港\n\n馮倩雯\n\n電話：(852) 3166 3841\n\n電郵：cindylfung@cyberport.hk\n"
    )
    (doc,) = read_text(text, name="zh")
    assert doc.issuer == "數碼港"


def test_issuer_from_the_dateline_sentence() -> None:
    en = "Cyberport hosts the final\n\nHONG KONG, Sept 13, 2023 – The Hong Kong Science and Technology Parks Corporation (HKSTP) today announced a fund."
    zh = "創新科技署推出基金\n\n香港,2023年9月13日 – 創新科技署今天宣布推出新基金。"
    hans = "数码港举办决赛\n\n2023年9月13日讯 数码港今天举办创客中国香港分站赛决赛,约150个项目参加。"
    assert read_text(en, name="en")[0].issuer == "Hong Kong Science and Technology Parks Corporation"
    assert read_text(zh, name="zh")[0].issuer == "創新科技署"
    assert read_text(hans, name="hans")[0].issuer == "数码港"


def test_no_issuer_when_the_text_does_not_say() -> None:
    text = "Contest held\n\nThe Final was held at Cyberport today (September 13, 2023). 148 projects took part."
    assert read_text(text, name="x")[0].issuer is None


def test_language_by_majority() -> None:
    zh_with_english = "數碼港公布年報\n\n數碼港（Cyberport）今天公布年報，Dai3mimi、Datality Lab及Calandex Innovation & Technology獲獎。"
    en_with_chinese = "Cyberport report\n\nCyberport (數碼港) published its annual report today; Dai3mimi (複耳科技) won the championship."
    hans = "数码港公布年报\n\n数码港今天公布年报，说明产业发展。"
    assert [read_text(t, name="x")[0].lang for t in (zh_with_english, en_with_chinese, hans)] == ["zh-Hant", "en", "zh-Hans"]


def test_several_english_articles_in_one_file() -> None:
    posts = [
        ("Cyberport opens a new hub", "HONG KONG, 6 July 2022 –"),
        ("Cyberport signs an MoU with the police", "HONG KONG, 6 September 2022 –"),
        ("Cyberport launches an accelerator", "HONG KONG, 28 July 2022 –"),
    ]
    body = " Cyberport today announced a programme that supports 20 start-ups in the construction industry."
    text = "Skip to main content\n\n" + "\n\nRelated posts\n\n".join(f"{title}\n\n{dateline}{body}" for title, dateline in posts)
    docs = read_text(text, name="blog")
    assert [(d.id, d.title, d.date) for d in docs] == [
        ("blog", "Cyberport opens a new hub", date(2022, 7, 6)),
        ("blog#2", "Cyberport signs an MoU with the police", date(2022, 9, 6)),
        ("blog#3", "Cyberport launches an accelerator", date(2022, 7, 28)),
    ]
    assert kinds(docs[0]) == [
        ("other", "Skip to main content"),
        ("headline", "Cyberport opens a new hub"),
        ("body", "HONG KONG, 6 July 2022 – Cyberport today announced a programme that supports 20 start-ups in the construction industry."),
        ("other", "Related posts"),
    ]


def test_a_dated_paragraph_inside_a_body_does_not_start_an_article() -> None:
    text = (
        "數碼港公布年報\n\n香港，2023年9月13日 – 數碼港今天公布年報，社群企業超過1,900間。\n\n"
        "香港，2022年9月13日 – 去年的年報則指社群企業超過1,800間，增長約一成。\n"
    )
    (doc,) = read_text(text, name="x")
    assert doc.date == date(2023, 9, 13)


def test_a_date_line_above_the_headline() -> None:
    text = "13 September 2023\n\nCyberport hosts the final\n\nCyberport today hosted the final of the contest, with 148 projects."
    (doc,) = read_text(text, name="x")
    assert (doc.title, doc.date, doc.date_how) == ("Cyberport hosts the final", date(2023, 9, 13), "dateline")
    assert kinds(doc) == [("headline", "13 September 2023"), ("body", "Cyberport today hosted the final of the contest, with 148 projects.")]


def test_markdown_headline_is_cleaned_for_display() -> None:
    text = "## **Cyberport \\- HKSTP sign an MoU**\n\nHONG KONG, Sept 13, 2023 – Cyberport and HKSTP today signed an MoU."
    assert read_text(text, name="x")[0].title == "Cyberport - HKSTP sign an MoU"


def test_html_page_with_chrome() -> None:
    html = """<!DOCTYPE html><html><head><title>News | Cyberport</title></head><body>
    <nav><ul><li><a href="/">Home</a></li><li>News</li></ul></nav>
    <main><article>
      <h1>數碼港公布年報</h1>
      <p>香港，2023年9月13日 &ndash; 數碼港今天公布年報，社群企業超過 1,900 間。</p>
      <p>###</p><p>數碼港主席陳細明。</p>
      <h3>傳媒查詢</h3><p>郭嘉恩<br>電郵：karenkwokky@cyberport.hk</p>
      <h3>關於數碼港</h3><p>數碼港為一個創新數碼社群。</p>
    </article>
    <aside><h4>相關文章</h4><ul><li>數碼港歡迎藍圖</li></ul></aside></main>
    </body></html>"""
    (doc,) = read_text(html, name="page", path="page.html")
    assert (doc.markup, doc.title, doc.date, doc.issuer, doc.lang) == ("html", "數碼港公布年報", date(2023, 9, 13), "數碼港", "zh-Hant")
    assert [s.kind for s in doc.sections] == [
        Section.HEADLINE, Section.BODY, Section.CAPTION, Section.CONTACTS, Section.BOILERPLATE, Section.OTHER,
    ]  # fmt: skip
    body = next(s for s in doc.sections if s.kind is Section.BODY)
    assert doc.source[body.start : body.end].startswith("香港，2023年9月13日 &ndash; 數碼港今天公布年報")
    other = doc.sections[-1]
    assert doc.source[other.start : other.end].startswith("相關文章</h4>")


def test_undated_text_above_the_first_dated_article_is_an_article_too() -> None:
    first = (
        "Cyberport community update\n\nThe Cyberport community has grown steadily over the year, with new start-ups "
        "joining from Hong Kong, the mainland and overseas, and the incubation programmes admitting more companies "
        "than ever before in their history.\n\n"
    )
    second = "Cyberport hosts the final\n\nHONG KONG, Sept 13, 2023 – Cyberport today hosted the final of the contest."
    docs = read_text(first + second, name="x")
    assert [(d.id, d.title, d.date) for d in docs] == [
        ("x", "Cyberport community update", None),
        ("x#2", "Cyberport hosts the final", date(2023, 9, 13)),
    ]
    assert docs[1].start == len(first)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["Cyberport", "e", "-", " ", "數碼港", "2023", "é", "\U00020000", "\ud800", "Z", "\n"])
                | st.text(max_size=4), max_size=30).map("".join), st.data())
def test_latin_words_are_counted_as_the_pattern_finds_them(text: str, data) -> None:
    """The language vote counts English words without building them; it counts what the
    pattern of Latin runs finds, in any text and any span of it."""
    from factcheck.ingest.articles import _LATIN_RUN, _count_latin_words

    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert _count_latin_words(text, start, end) == len(_LATIN_RUN.findall(text, start, end))
