"""Messy archives through the command line, as a user meets them: every file that cannot be used
is one line on stderr naming it, one entry in the JSON "problems", the rest of the corpus is
still checked, and the exit status is 2.

tests/ingest/ covers how each kind of file is read or refused (``read_paths``); here the same
kinds meet in one corpus and go through ``factcheck run`` end to end.
"""

from __future__ import annotations

import codecs
import json
import os
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from factcheck.cli import cli

# A composition that does not add up: SU01 finds it, so each good release yields one finding.
ZH = "數碼港公布年報\n\n香港，2023年9月13日 – 數碼港今天公布年報。今年共有12個項目，其中製造業5個、服務業4個。\n"
EN = ("Cyberport annual report\n\nHONG KONG, Sept 13, 2023 – Cyberport today published its report. "
      "A total of 12 projects took part, including 5 from manufacturing and 4 from services.\n")


pytestmark = pytest.mark.usefixtures("isolated_cwd")  # tests/conftest.py: no config of the checkout


def run(*paths: Path | str, fmt: str = "json") -> tuple[Result, dict]:
    result = CliRunner().invoke(cli, ["run", *map(str, paths), "--isolated", "--format", fmt])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result, (json.loads(result.stdout) if fmt == "json" else {})


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def stderr_lines(result: Result) -> list[str]:
    return result.stderr.splitlines()


def test_a_corpus_of_bad_files_reports_each_and_checks_the_rest(tmp_path: Path) -> None:
    corpus = tmp_path / "新聞 稿 archive"
    bad = {
        "empty.txt": (b"", "empty file"),
        "blank.txt": (" \r\n\t\u3000\n".encode(), "no text: the file holds only white space"),
        "image.txt": (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "not text: binary content (a PNG image)"),
        "nul.txt": (ZH.encode()[:30] + b"\x00" + ZH.encode()[30:], "not text: binary content (NUL bytes)"),
        "truncated.txt": (ZH.encode()[:-2], "cannot decode: UTF-8 text cut off in the middle of a character at byte "
                                             f"{len(ZH.encode()) - 4} (truncated file?)"),
    }
    for name, (data, _message) in bad.items():
        write(corpus / name, data)
    write(corpus / "good zh 數碼港.txt", ZH)
    write(corpus / "good-en.txt", EN)
    result, report = run(corpus)
    assert result.exit_code == 2
    expected = sorted((str(corpus / name), message) for name, (_data, message) in bad.items())
    assert sorted((p["path"], p["message"]) for p in report["problems"]) == expected
    assert sorted(stderr_lines(result)) == sorted(f"factcheck: {path}: {message}" for path, message in expected)
    assert [d["id"] for d in report["documents"]] == ["good zh 數碼港", "good-en"]
    assert sorted((f["rule"], f["evidence"][0]["doc"]) for f in report["findings"]) == [
        ("SU01", "good zh 數碼港"), ("SU01", "good-en")]
    table, _ = run(corpus, fmt="table")
    assert table.exit_code == 2 and "Problems:" in table.stdout and f"  {corpus / 'empty.txt'}: empty file" in table.stdout


def test_mixed_encodings_and_line_ends_in_one_corpus_give_the_same_findings(tmp_path: Path) -> None:
    corpus = tmp_path / "mixed"
    write(corpus / "a_utf8.txt", ZH)
    write(corpus / "b_big5.txt", ZH.encode("big5"))
    write(corpus / "c_gb18030.txt", ZH.replace("數碼港", "数码港").replace("項目", "项目").replace("製造業", "制造业")
          .replace("服務業", "服务业").replace("個", "个").encode("gb18030"))
    write(corpus / "d_utf16.txt", codecs.BOM_UTF16_LE + ZH.encode("utf-16-le"))
    write(corpus / "e_bom.txt", codecs.BOM_UTF8 + ZH.encode())
    write(corpus / "f_crlf.txt", ZH.replace("\n", "\r\n"))
    write(corpus / "g_cr.txt", ZH.replace("\n", "\r"))
    write(corpus / "h_cp1252.txt", EN.replace("–", "\u2013").replace("'", "\u2019").encode("cp1252"))
    result, report = run(corpus)
    assert result.exit_code == 0 and result.stderr == ""  # SU01 warns; warnings do not fail the run
    assert report["problems"] == []
    found = {f["evidence"][0]["doc"]: f for f in report["findings"] if f["rule"] == "SU01"}
    assert sorted(found) == ["a_utf8", "b_big5", "c_gb18030", "d_utf16", "e_bom", "f_crlf", "g_cr", "h_cp1252"]
    for doc, finding in found.items():
        total = finding["evidence"][0]
        assert total["text"] in ("12個項目", "12个项目", "12 projects"), doc
        assert total["line"] == 3, doc  # CR and CRLF count as one line end each
    source = (corpus / "f_crlf.txt").read_bytes().decode()
    total = found["f_crlf"]["evidence"][0]
    assert source[total["start"]:total["end"]] == total["text"]


def test_twenty_thousand_files_in_one_directory(tmp_path: Path) -> None:
    corpus = tmp_path / "many"
    corpus.mkdir()
    for i in range(20_000):
        (corpus / f"{i:05d}.txt").write_text(f"第{i}號\n\n今年共有{i % 97 + 3}個項目。\n", encoding="utf-8")
    (corpus / "09999.txt").write_bytes(b"")
    started = time.monotonic()
    result, report = run(corpus)
    elapsed = time.monotonic() - started
    assert result.exit_code == 2, result.stderr
    assert report["summary"]["documents"] == 19_999
    assert report["problems"] == [{"path": str(corpus / "09999.txt"), "message": "empty file"}]
    assert elapsed < 600  # a hang guard, not a speed test


def test_symbolic_link_loops_and_broken_links_are_named_and_the_run_goes_on(tmp_path: Path) -> None:
    corpus = tmp_path / "links"
    write(corpus / "sub" / "a.txt", ZH)
    (corpus / "sub" / "up").symlink_to(corpus, target_is_directory=True)
    (corpus / "x.txt").symlink_to(corpus / "y.txt")
    (corpus / "y.txt").symlink_to(corpus / "x.txt")
    (corpus / "gone.txt").symlink_to(tmp_path / "never-there.txt")
    result, report = run(corpus)
    assert result.exit_code == 2
    assert [d["id"] for d in report["documents"]] == ["a"]
    assert stderr_lines(result) == [
        f"factcheck: {corpus / 'gone.txt'}: broken symbolic link (its target does not exist)",
        f"factcheck: {corpus / 'x.txt'}: cannot read: symbolic link loop",
        f"factcheck: {corpus / 'y.txt'}: cannot read: symbolic link loop",
    ]


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file_and_folder(tmp_path: Path) -> None:
    corpus = tmp_path / "locked"
    write(corpus / "ok.txt", ZH)
    secret = write(corpus / "secret.txt", ZH)
    closed = corpus / "closed"
    write(closed / "inside.txt", ZH)
    secret.chmod(0)
    closed.chmod(0)
    try:
        result, report = run(corpus)
    finally:
        secret.chmod(0o644)
        closed.chmod(0o755)
    assert result.exit_code == 2
    assert [d["id"] for d in report["documents"]] == ["ok"]
    assert sorted(p["message"] for p in report["problems"]) == ["cannot read: permission denied"] * 2


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_a_named_pipe_in_a_folder_is_a_problem_not_a_hang(tmp_path: Path) -> None:
    corpus = tmp_path / "pipes"
    write(corpus / "ok.txt", ZH)
    os.mkfifo(corpus / "feed.txt")
    result, report = run(corpus)  # reading the pipe would block for ever: nobody writes to it
    assert result.exit_code == 2
    assert report["problems"] == [{"path": str(corpus / "feed.txt"),
                                   "message": "cannot read: a named pipe, not a regular file"}]
    assert [d["id"] for d in report["documents"]] == ["ok"]


@pytest.mark.skipif(sys.platform != "linux", reason="Linux file names are bytes")
def test_a_file_name_that_is_not_utf8_works_in_every_format(tmp_path: Path) -> None:
    corpus = tmp_path / "names"
    corpus.mkdir()
    with open(os.fsencode(corpus) + b"/bad\xff\xfe.txt", "wb") as handle:
        handle.write(ZH.encode())  # a finding quotes this file, so its name is in every report
    for fmt in ("table", "json", "csv", "markdown", "sarif", "github", "junit"):
        result = CliRunner().invoke(cli, ["run", str(corpus), "--isolated", "--no-index", "--format", fmt])
        assert result.exit_code == 0, (fmt, result.output)
        out = result.stdout_bytes.decode("utf-8")  # no raw surrogate: valid UTF-8 in every format
        assert "bad" in out, fmt
    raw = CliRunner().invoke(cli, ["run", str(corpus), "--isolated", "--no-index", "--format", "json"]).stdout
    report = json.loads(raw)
    (doc,) = report["documents"]
    assert doc["id"] == "bad\udcff\udcfe" and "\\udcff" in raw
    assert os.fsencode(doc["path"]) == os.fsencode(corpus) + b"/bad\xff\xfe.txt"
    sarif = CliRunner().invoke(cli, ["run", str(corpus), "--isolated", "--no-index", "--format", "sarif"]).stdout
    assert f'"uri": "file://{corpus}/bad%FF%FE.txt"' in sarif


@pytest.mark.skipif(sys.platform != "linux", reason="Linux file names are bytes")
def test_a_file_name_that_is_not_utf8_works_with_the_claim_index(tmp_path: Path) -> None:
    """The index stores such a name as bytes (SQLite text must be UTF-8): a second run reads the
    file from the index, and a check names it as the first run did."""
    corpus = tmp_path / "names"
    corpus.mkdir()
    with open(os.fsencode(corpus) + b"/bad\xff\xfe.txt", "wb") as handle:
        handle.write(ZH.encode())
    (corpus / "en.txt").write_text(EN, encoding="utf-8")
    runs = [CliRunner().invoke(cli, ["run", str(corpus), "--isolated", "--format", "json"]) for _ in range(2)]
    for result in runs:
        assert result.exit_code == 0, result.output
    first, second = (json.loads(r.stdout) for r in runs)
    assert first == second
    assert sorted(d["id"] for d in first["documents"]) == ["bad\udcff\udcfe", "en"]
    assert (corpus / ".factcheck" / "index.sqlite").is_file()
    new = tmp_path / "new\udcff.txt"
    with open(os.fsencode(new), "wb") as handle:
        handle.write(EN.encode())
    checked = CliRunner().invoke(cli, ["check", str(new), "--corpus", str(corpus), "--isolated", "--format", "json"])
    assert checked.exit_code == 0, checked.output
    assert not json.loads(checked.stdout)["problems"]


@pytest.mark.parametrize("index", [False, True], ids=["no-index", "index"])
def test_a_bug_in_reading_one_release_names_that_file_and_checks_the_rest(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, index: bool) -> None:
    """An exception while reading one release's claims (a factcheck bug, e.g. a sentence shape
    an extractor mishandles) used to stop the whole run with an internal error. Now the file is
    a problem, every other release is checked, and a later run from the index names it again."""
    import factcheck.engine as engine

    real = engine.extract_document

    def buggy(doc, lexicon):
        if "服務業" in doc.text:
            raise IndexError("string index out of range")
        return real(doc, lexicon)

    monkeypatch.setattr(engine, "extract_document", buggy)
    corpus = tmp_path / "corpus"
    write(corpus / "zh.txt", ZH)
    write(corpus / "en.txt", EN)
    options = ["--index", str(tmp_path / "index.sqlite")] if index else ["--no-index", "--jobs", "1"]
    for _ in range(2 if index else 1):
        result = CliRunner().invoke(cli, ["run", str(corpus), "--isolated", "--format", "json", *options])
        report = json.loads(result.stdout)
        assert result.exit_code == 2
        assert report["problems"] == [{
            "path": str(corpus / "zh.txt"),
            "message": "internal error while reading its claims (IndexError: string index out of range); "
                       "the file is left out of this run. Please report it"}]
        assert [d["id"] for d in report["documents"]] == ["en"]
        assert [(f["rule"], f["evidence"][0]["doc"]) for f in report["findings"]] == [("SU01", "en")]
