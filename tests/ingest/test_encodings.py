"""Encodings and line ends a real archive holds: each is read, and offsets stay exact."""

import codecs
from datetime import date
from pathlib import Path

import pytest

from factcheck.ingest import read_paths
from factcheck.normalize import normalize

HANT = (
    "數碼港公布年報\n\n香港，2023年9月13日 – 數碼港今天公布年報，社群企業超過1,900間，"
    "說明產業發展。\n\n關於數碼港\n\n數碼港為一個創新數碼社群。\n"
)
HANS = (
    "数码港公布年报\n\n2023年9月13日讯 数码港今天公布年报，社群企业超过1,900间，"
    "说明产业发展。\n\n关于数码港\n\n数码港为一个创新数码社群。\n"
)
HKSCS = (
    "數碼港公布年報\n\n香港，2023年9月13日 – 數碼港今天公布年報，佢哋話冇問題，啱啱先嚟嘅，"
    "社群企業超過1,900間。\n\n關於數碼港\n\n數碼港為一個創新數碼社群。\n"
)


def read_one(path: Path):
    corpus = read_paths([path])
    assert corpus.problems == ()
    (doc,) = corpus.documents
    return doc


@pytest.mark.parametrize(
    ("text", "data", "encoding", "lang"),
    [
        (HANT, HANT.encode("utf-8"), "utf-8", "zh-Hant"),
        (HANT, codecs.BOM_UTF8 + HANT.encode("utf-8"), "utf-8-sig", "zh-Hant"),
        (HANT, HANT.encode("utf-16"), "utf-16-le", "zh-Hant"),
        (HANT, codecs.BOM_UTF16_BE + HANT.encode("utf-16-be"), "utf-16-be", "zh-Hant"),
        (HANT, HANT.encode("big5"), "big5", "zh-Hant"),
        (HKSCS, HKSCS.encode("big5hkscs"), "big5hkscs", "zh-Hant"),
        (HANS, HANS.encode("gb18030"), "gb18030", "zh-Hans"),
        (HANT, HANT.encode("gb18030"), "gb18030", "zh-Hant"),
    ],
    ids=["utf8", "utf8-bom", "utf16-le-bom", "utf16-be-bom", "big5", "big5-hkscs", "gb18030-hans", "gb18030-hant"],
)
def test_encoding_is_detected_and_text_is_exact(tmp_path, text, data, encoding, lang) -> None:
    path = tmp_path / "release.txt"
    path.write_bytes(data)
    doc = read_one(path)
    issuer = "數碼港" if lang == "zh-Hant" else "数码港"
    assert (doc.source, doc.encoding, doc.lang, doc.date, doc.issuer) == (text, encoding, lang, date(2023, 9, 13), issuer)
    norm = normalize(doc)
    at = norm.text.index("1,900")
    assert norm.quote(at, at + 5) == "1,900"
    assert norm.line_of(at) == 3


def test_english_with_windows_quotes(tmp_path) -> None:
    text = "Cyberport’s annual report\r\n\r\nHONG KONG, Sept 13, 2023 – Cyberport today published its “annual report”.\r\n"
    path = tmp_path / "release.txt"
    path.write_bytes(text.encode("cp1252"))
    doc = read_one(path)
    assert (doc.source, doc.encoding, doc.lang, doc.title) == (text, "cp1252", "en", "Cyberport’s annual report")


@pytest.mark.parametrize("newline", ["\r\n", "\r"], ids=["crlf", "cr"])
def test_crlf_and_cr_files(tmp_path, newline) -> None:
    path = tmp_path / "release.txt"
    path.write_bytes(HANT.replace("\n", newline).encode("utf-8"))
    doc = read_one(path)
    # CRLF is kept; a lone CR is written as LF (same length, so offsets and lines stay right).
    assert doc.source == HANT.replace("\n", "\r\n" if newline == "\r\n" else "\n")
    assert (doc.date, doc.title, doc.issuer) == (date(2023, 9, 13), "數碼港公布年報", "數碼港")
    norm = normalize(doc)
    assert "\r" not in norm.text
    at = norm.text.index("数码港为一个")
    assert norm.line_of(at) == 7
    assert doc.source[norm.origin[at] : norm.origin[at] + 6] == "數碼港為一個"
