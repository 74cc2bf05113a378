"""Bad input: every file that cannot be used is a Problem naming it, and the run goes on."""

import os
from pathlib import Path

import pytest

from factcheck.ingest import read_paths
from factcheck.model import Problem

RELEASE = "數碼港公布年報\n\n香港，2023年9月13日 – 數碼港今天公布年報，社群企業超過1,900間。\n\n關於數碼港\n\n數碼港為一個創新數碼社群。\n"


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def only_problem(paths) -> Problem:
    corpus = read_paths(paths)
    assert corpus.documents == ()
    (problem,) = corpus.problems
    return problem


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", " \n\t\u3000\n".encode(), "no text: the file holds only white space"),
        ("nul.txt", b"\x00\x01\x02binary\x00", "not text: binary content (NUL bytes)"),
        ("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "not text: binary content (a PNG image)"),
        ("report.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "not text: binary content (a PDF document)"),
        ("controls.txt", bytes(range(1, 9)) * 50, "not text: binary content (mostly control characters)"),
        (
            "truncated.txt",
            "數碼港今天宣布".encode()[:-1],
            "cannot decode: UTF-8 text cut off in the middle of a character at byte 18 (truncated file?)",
        ),
        (
            "damaged.txt",
            "數碼港今天宣布".encode() + b"\xff" + "匯聚超過1,900間社群企業".encode(),
            "cannot decode: not valid UTF-8: 1 broken byte sequence, the first at byte 21 (ff); "
            "the file looks damaged (re-save it as UTF-8)",
        ),
        (
            "noise.txt",
            bytes(range(0x80, 0x100)) * 4,
            "cannot decode: not UTF-8 (byte 0 is 0x80), and not GB18030, Big5, Big5-HKSCS or Windows-1252 text "
            "either; save the file as UTF-8",
        ),
        ("empty.html", "<html><head><title>x</title></head><body><script>1</script></body></html>",
         "no text: the page has no visible text"),
    ],
)  # fmt: skip
def test_unusable_file_is_a_problem_naming_it(tmp_path, name, data, message) -> None:
    path = write(tmp_path / name, data)
    assert only_problem([path]) == Problem(str(path), message)


def test_missing_path(tmp_path) -> None:
    missing = tmp_path / "nowhere" / "release.txt"
    assert only_problem([missing]) == Problem(str(missing), "no such file or directory")


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file(tmp_path) -> None:
    path = write(tmp_path / "secret.txt", RELEASE)
    path.chmod(0)
    try:
        assert only_problem([path]) == Problem(str(path), "cannot read: permission denied")
    finally:
        path.chmod(0o644)


def test_unsupported_extensions_are_skipped_and_listed(tmp_path) -> None:
    write(tmp_path / "a.txt", RELEASE)
    write(tmp_path / "b.pdf", b"%PDF-1.7")
    write(tmp_path / "c.docx", b"PK\x03\x04")
    write(tmp_path / "README", "notes")
    corpus = read_paths([tmp_path])
    assert [d.id for d in corpus.documents] == ["a"]
    assert corpus.problems == (
        Problem(str(tmp_path / "README"), "skipped: no file extension (expected .txt, .md, .html or .htm)", skipped=True),
        Problem(str(tmp_path / "b.pdf"), "skipped: unsupported extension '.pdf'", skipped=True),
        Problem(str(tmp_path / "c.docx"), "skipped: unsupported extension '.docx'", skipped=True),
    )


def test_one_bad_file_does_not_stop_the_others(tmp_path) -> None:
    write(tmp_path / "1.txt", RELEASE)
    write(tmp_path / "2.txt", b"\x00")
    write(tmp_path / "3.md", RELEASE)
    corpus = read_paths([tmp_path, tmp_path / "missing.txt"])
    assert [d.id for d in corpus.documents] == ["1", "3"]
    assert [(Path(p.path).name, p.skipped) for p in corpus.problems] == [("2.txt", False), ("missing.txt", False)]


def test_directories_are_read_recursively_in_sorted_order(tmp_path) -> None:
    for name in ["b/z.txt", "a.txt", "b/a.md", "c.htm", "b/c/d.html", ".git/HEAD.txt", "b/.hidden.txt"]:
        write(tmp_path / name, RELEASE if not name.endswith(("htm", "html")) else f"<p>{RELEASE}</p>")
    corpus = read_paths([tmp_path])
    assert [Path(d.path).relative_to(tmp_path).as_posix() for d in corpus.documents] == [
        "a.txt", "b/a.md", "b/c/d.html", "b/z.txt", "c.htm",
    ]  # fmt: skip
    assert corpus.problems == ()


def test_a_file_named_twice_is_read_once(tmp_path) -> None:
    path = write(tmp_path / "a.txt", RELEASE)
    corpus = read_paths([path, tmp_path, str(path)])
    assert [d.id for d in corpus.documents] == ["a"]


def test_paths_with_spaces_and_cjk(tmp_path) -> None:
    path = write(tmp_path / "新聞 稿" / "數碼港 年報 2023.txt", RELEASE)
    corpus = read_paths([tmp_path / "新聞 稿"])
    (doc,) = corpus.documents
    assert (doc.id, doc.path, doc.issuer, str(doc.date)) == ("數碼港 年報 2023", str(path), "數碼港", "2023-09-13")


def test_directory_symlink_loop_does_not_hang(tmp_path) -> None:
    root = tmp_path / "corpus"
    write(root / "sub" / "a.txt", RELEASE)
    (root / "sub" / "loop").symlink_to(root, target_is_directory=True)
    corpus = read_paths([root])
    assert [d.id for d in corpus.documents] == ["a"]
    assert corpus.problems == (
        Problem(str(root / "sub" / "loop"), "skipped: directory already read (reached again through a symbolic link)", skipped=True),
    )


def test_a_directory_linked_twice_is_read_once_under_its_real_path(tmp_path) -> None:
    write(tmp_path / "a" / "x.txt", RELEASE)
    (tmp_path / "z").symlink_to(tmp_path / "a", target_is_directory=True)
    corpus = read_paths([tmp_path])
    assert [d.path for d in corpus.documents] == [str(tmp_path / "a" / "x.txt")]
    assert [p.message for p in corpus.problems] == ["skipped: directory already read (reached again through a symbolic link)"]


def test_file_symlink_loop_and_broken_link(tmp_path) -> None:
    (tmp_path / "x.txt").symlink_to(tmp_path / "y.txt")
    (tmp_path / "y.txt").symlink_to(tmp_path / "x.txt")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "never-there.txt")
    corpus = read_paths([tmp_path])
    assert corpus.documents == ()
    assert corpus.problems == (
        Problem(str(tmp_path / "gone.txt"), "broken symbolic link (its target does not exist)"),
        Problem(str(tmp_path / "x.txt"), "cannot read: symbolic link loop"),
        Problem(str(tmp_path / "y.txt"), "cannot read: symbolic link loop"),
    )
    assert only_problem([tmp_path / "x.txt"]) == Problem(str(tmp_path / "x.txt"), "cannot read: symbolic link loop")


def test_a_50_mb_file_is_read(tmp_path) -> None:
    paragraph = (
        "數碼港為一個創新數碼社群，匯聚超過 1,900 間社群企業，包括超過 800 間駐園區及接近 1,100 間非駐園區的"
        "初創企業和科技公司。Cyberport is an innovative digital community.\n\n"
    )
    body = paragraph * (50_000_000 // len(paragraph.encode()) + 1)
    path = write(tmp_path / "big.txt", RELEASE + body)
    assert path.stat().st_size > 50_000_000
    corpus = read_paths([path])
    assert corpus.problems == ()
    (doc,) = corpus.documents
    assert (doc.end, str(doc.date), doc.issuer) == (len(RELEASE) + len(body), "2023-09-13", "數碼港")
