"""Reading releases: the only part of factcheck that reads files.

``read_paths(paths)`` reads files and directories (recursively, in sorted order) of ``.txt``,
``.md``, ``.html`` and ``.htm``; every file that cannot be used becomes a ``Problem`` naming it,
and the run goes on. ``read_text(text, name=...)`` does the same analysis for a string.

A file becomes one ``Document`` per article (``stem``, ``stem#2``, ...; see
``factcheck.ingest.articles``), each with its language, title, release date (and how it was
found), issuer and sections. ``Document.source`` is the decoded file, shared by its articles;
a lone ``\\r`` line end is written as ``\\n`` there (same length, so offsets are unchanged and
``Document.line_of`` counts lines right); ``\\r\\n`` is kept as it is.

HTML is reduced to its text by the first normalisation step (``factcheck.normalize.html``);
ingest finds dates and sections in that text and maps them back into the markup, so
``Document.source`` stays the HTML file and every offset points into it.

Directory walks skip hidden entries (names starting with ``.``, such as ``.git``), follow
symbolic links, and read a directory reached twice through a link loop only once (the second
visit is listed as skipped). A file named twice is read once. A named pipe, socket or device
found in a directory is a problem, not read (a pipe would block the run).
"""

from __future__ import annotations

import errno
import logging
import os
import re
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from factcheck.errors import FactcheckError
from factcheck.ingest.articles import find_articles
from factcheck.ingest.decoding import DecodeError, NotTextError, decode
from factcheck.model import Document, Problem, SectionSpan
from factcheck.normalize import keep_normalized, normalize_text

__all__ = ["Corpus", "DecodeError", "NotTextError", "SUFFIXES", "article_id", "decode", "decode_source",
           "documents_from_bytes", "iter_files", "read_bytes", "read_paths", "read_text"]

log = logging.getLogger("factcheck")

SUFFIXES = (".txt", ".md", ".html", ".htm")
_HTML_SUFFIXES = (".html", ".htm")
_LONE_CR = re.compile(r"\r(?!\n)")
_HTML_SNIFF = re.compile(r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>])", re.I | re.S)


@dataclass(frozen=True, slots=True)
class Corpus:
    documents: tuple[Document, ...]
    problems: tuple[Problem, ...] = ()


def read_paths(paths: Sequence[str | Path]) -> Corpus:
    """Every article in ``paths`` (files and directories), and a ``Problem`` for each input
    that could not be used. Never raises for a bad file.

    >>> corpus = read_paths(["no/such/file.txt"])
    >>> corpus.documents, [str(p) for p in corpus.problems]
    ((), ['no/such/file.txt: no such file or directory'])
    """
    docs: list[Document] = []
    problems: list[Problem] = []
    for path, _stat in iter_files(paths, problems):
        data = read_bytes(path, problems)
        if data is not None:
            docs.extend(documents_from_bytes(data, path, problems))
    return Corpus(tuple(docs), tuple(problems))


def iter_files(paths: Sequence[str | Path], problems: list[Problem]) -> Iterator[tuple[str, os.stat_result | None]]:
    """The supported files under ``paths`` in reading order, each with its ``os.stat`` result;
    a file reached twice (named twice, or through a link) comes once. Inputs that cannot be
    walked are appended to ``problems``."""
    seen: set[tuple[int, int]] = set()
    for path, st in _walk(paths, problems):
        if st is not None:
            key = (st.st_dev, st.st_ino)
            if key in seen:
                continue
            seen.add(key)
        yield path, st


def read_bytes(path: str, problems: list[Problem]) -> bytes | None:
    """The bytes of one file, or ``None`` with a ``Problem`` when it cannot be used."""
    try:
        with open(path, "rb") as handle:  # not Path(path).read_bytes(): check reads thousands of files
            data = handle.read()
    except PermissionError:
        problems.append(Problem(path, "cannot read: permission denied"))
        return None
    except IsADirectoryError:
        problems.append(Problem(path, "cannot read: is a directory"))
        return None
    except OSError as exc:
        problems.append(Problem(path, f"cannot read: {_os_reason(exc)}"))
        return None
    if not data:
        problems.append(Problem(path, "empty file"))
        return None
    return data


def decode_source(data: bytes) -> tuple[str, str]:
    r"""``Document.source`` for a file's bytes (decoded, lone ``\r`` written as ``\n``) and the
    encoding read. Raises ``InputError`` for bytes that are not text.

    >>> decode_source("數碼港今天宣布\r2023".encode("big5"))
    ('數碼港今天宣布\n2023', 'big5')
    >>> decode_source(b"Cyberport\r\n2023")
    ('Cyberport\r\n2023', 'utf-8')
    """
    text, encoding = decode(data)
    return _source_of(text), encoding


def _source_of(text: str) -> str:
    return _LONE_CR.sub("\n", text) if "\r" in text else text


def documents_from_bytes(data: bytes, path: str, problems: list[Problem], *,
                         name: str | None = None) -> tuple[Document, ...]:
    """The articles in one file's bytes (id ``name``, by default the file name without its
    extension); a file that cannot be used adds a ``Problem`` and gives ``()``."""
    try:
        text, encoding = decode(data)
    except FactcheckError as exc:
        problems.append(Problem(path, str(exc)))
        return ()
    if not text.strip():
        problems.append(Problem(path, "no text: the file holds only white space"))
        return ()
    if name is None:
        name = Path(path).stem
    try:
        docs = read_text(text, name=name, path=path, encoding=encoding)
    except Exception as exc:  # a bug must not stop the other files
        log.debug("reading %s failed", path, exc_info=True)
        problems.append(Problem(path, f"could not analyse the file ({type(exc).__name__}: {exc}); please report this"))
        return ()
    if not docs:
        problems.append(Problem(path, "no text: the page has no visible text"))
    return docs


def article_id(name: str, number: int) -> str:
    """The id of the ``number``-th article (0-based) of a file whose first article is ``name``.

    >>> article_id("000_e130", 0), article_id("000_e130", 2)
    ('000_e130', '000_e130#3')
    """
    return name if number == 0 else f"{name}#{number + 1}"


def _os_reason(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "symbolic link loop"
    return (exc.strerror or str(exc)).lower()


def _walk(paths: Sequence[str | Path], problems: list[Problem]) -> Iterator[tuple[str, os.stat_result | None]]:
    for raw in paths:
        path = os.fspath(raw)
        try:
            st = os.stat(path)
        except FileNotFoundError:
            message = "broken symbolic link (its target does not exist)" if os.path.islink(path) else "no such file or directory"
            problems.append(Problem(path, message))
            continue
        except OSError as exc:
            problems.append(Problem(path, f"cannot read: {_os_reason(exc)}"))
            continue
        if stat.S_ISDIR(st.st_mode):
            yield from _walk_dir(path, problems)
        elif _supported(path, problems):
            yield path, st


def _supported(path: str, problems: list[Problem]) -> bool:
    suffix = os.path.splitext(path)[1].lower()
    if suffix in SUFFIXES:
        return True
    message = f"skipped: unsupported extension '{suffix}'" if suffix else "skipped: no file extension (expected .txt, .md, .html or .htm)"
    problems.append(Problem(path, message, skipped=True))
    return False


def _special_kind(mode: int) -> str:
    """What a file that is not a regular file is.

    >>> _special_kind(stat.S_IFIFO), _special_kind(stat.S_IFSOCK)
    ('a named pipe', 'a socket')
    """
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "a special file"


def _walk_dir(root: str, problems: list[Problem]) -> Iterator[tuple[str, os.stat_result | None]]:
    """Files under ``root`` in sorted order (by path components), following links once."""
    found: list[tuple[tuple[str, ...], str, os.stat_result]] = []
    visited: set[tuple[int, int]] = set()
    stack = [(root, ())]
    while stack:
        directory, parts = stack.pop()
        try:
            st = os.stat(directory)
            key = (st.st_dev, st.st_ino)
        except OSError as exc:
            problems.append(Problem(directory, f"cannot read: {_os_reason(exc)}"))
            continue
        if key in visited:
            problems.append(Problem(directory, "skipped: directory already read (reached again through a symbolic link)", skipped=True))
            continue
        visited.add(key)
        try:
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
        except OSError as exc:
            problems.append(Problem(directory, f"cannot read: {_os_reason(exc)}"))
            continue
        subdirs = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = os.path.join(directory, entry.name)
            try:
                is_dir = entry.is_dir()  # follows symbolic links
            except OSError:
                is_dir = False
            if is_dir:
                subdirs.append((path, (*parts, entry.name)))
                continue
            try:
                st = entry.stat()
            except FileNotFoundError:
                problems.append(Problem(path, "broken symbolic link (its target does not exist)"))
                continue
            except OSError as exc:
                problems.append(Problem(path, f"cannot read: {_os_reason(exc)}"))
                continue
            if not stat.S_ISREG(st.st_mode):  # reading a named pipe would wait forever for a writer
                problems.append(Problem(path, f"cannot read: {_special_kind(st.st_mode)}, not a regular file"))
                continue
            found.append(((*parts, entry.name), path, st))
        stack.extend(reversed(subdirs))  # visit in sorted order: the real path before a later link to it
    for _, path, st in sorted(found, key=lambda item: item[0]):
        if _supported(path, problems):
            yield path, st


def detect_markup(name: str, text: str) -> str:
    """``"html"`` for an ``.html``/``.htm`` name or text that starts like an HTML page, else
    ``"text"``.

    >>> detect_markup("a.htm", ""), detect_markup("a.txt", "數碼港"), detect_markup("page", "<!DOCTYPE html><p>x")
    ('html', 'text', 'html')
    """
    suffix = os.path.splitext(name)[1].lower()
    if suffix in _HTML_SUFFIXES:
        return "html"
    if suffix in (".txt", ".md"):
        return "text"
    return "html" if _HTML_SNIFF.match(text[:4096]) else "text"


def read_text(
    text: str,
    *,
    name: str,
    path: str | None = None,
    encoding: str = "utf-8",
    markup: str | None = None,
) -> tuple[Document, ...]:
    """The articles in ``text`` (the decoded content of a file called ``path``, id ``name``).

    >>> docs = read_text("數碼港歡迎藍圖\\n\\n香港,2022年12月22日 – 數碼港歡迎政府今日公布的藍圖。", name="x")
    >>> [(d.id, d.lang, str(d.date), d.title, d.issuer) for d in docs]
    [('x', 'zh-Hant', '2022-12-22', '數碼港歡迎藍圖', '數碼港')]
    """
    if markup is None:
        markup = detect_markup(path or name, text)
    source = _source_of(text)
    norm = normalize_text(source, markup=markup)
    docs: list[Document] = []
    infos = find_articles(norm)
    origin = norm.origin
    bounds = [0] + [origin[info.start] for info in infos[1:]] + [len(source)]
    for k, info in enumerate(infos):
        start, end = bounds[k], bounds[k + 1]
        sections = []
        for kind, s, e in info.sections:
            src_s = start if s <= info.start else origin[s]
            src_e = end if e >= info.end else origin[e]
            if sections and sections[-1].end != src_s:
                sections[-1] = SectionSpan(sections[-1].kind, sections[-1].start, src_s)
            if src_e > src_s:
                sections.append(SectionSpan(kind, src_s, src_e))
        if sections:
            sections[0] = SectionSpan(sections[0].kind, start, sections[0].end)
            sections[-1] = SectionSpan(sections[-1].kind, sections[-1].start, end)
        docs.append(
            Document(
                id=article_id(name, k),
                path=path or name,
                source=source,
                start=start,
                end=end,
                lang=info.lang,
                date=info.date,
                date_how=info.date_how,
                title=info.title,
                issuer=info.issuer,
                sections=tuple(sections),
                encoding=encoding,
                markup=markup,
            )
        )
    if len(docs) == 1 and docs[0].start == 0 and docs[0].end == len(source):
        keep_normalized(norm)  # extraction normalises the same text again: hand this over
    return tuple(docs)
