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
visit is listed as skipped). A file named twice is read once.
"""

from __future__ import annotations

import errno
import logging
import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from factcheck.errors import FactcheckError
from factcheck.ingest.articles import find_articles
from factcheck.ingest.decoding import DecodeError, NotTextError, decode
from factcheck.model import Document, Problem, SectionSpan
from factcheck.normalize import keep_normalized, normalize_text

__all__ = ["Corpus", "DecodeError", "NotTextError", "SUFFIXES", "decode", "read_paths", "read_text"]

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
    seen: set[tuple[int, int]] = set()
    for path in _walk(paths, problems):
        try:
            st = os.stat(path)
            key = (st.st_dev, st.st_ino)
        except OSError:
            key = None
        if key is not None:
            if key in seen:
                continue
            seen.add(key)
        docs.extend(_read_file(path, problems))
    return Corpus(tuple(docs), tuple(problems))


def _read_file(path: str, problems: list[Problem]) -> tuple[Document, ...]:
    try:
        data = Path(path).read_bytes()
    except PermissionError:
        problems.append(Problem(path, "cannot read: permission denied"))
        return ()
    except IsADirectoryError:
        problems.append(Problem(path, "cannot read: is a directory"))
        return ()
    except OSError as exc:
        problems.append(Problem(path, f"cannot read: {_os_reason(exc)}"))
        return ()
    if not data:
        problems.append(Problem(path, "empty file"))
        return ()
    try:
        text, encoding = decode(data)
    except FactcheckError as exc:
        problems.append(Problem(path, str(exc)))
        return ()
    if not text.strip():
        problems.append(Problem(path, "no text: the file holds only white space"))
        return ()
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


def _os_reason(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "symbolic link loop"
    return (exc.strerror or str(exc)).lower()


def _walk(paths: Sequence[str | Path], problems: list[Problem]) -> Iterator[str]:
    for raw in paths:
        path = os.fspath(raw)
        try:
            os.stat(path)
        except FileNotFoundError:
            message = "broken symbolic link (its target does not exist)" if os.path.islink(path) else "no such file or directory"
            problems.append(Problem(path, message))
            continue
        except OSError as exc:
            problems.append(Problem(path, f"cannot read: {_os_reason(exc)}"))
            continue
        if os.path.isdir(path):
            yield from _walk_dir(path, problems)
        elif _supported(path, problems):
            yield path


def _supported(path: str, problems: list[Problem]) -> bool:
    suffix = os.path.splitext(path)[1].lower()
    if suffix in SUFFIXES:
        return True
    message = f"skipped: unsupported extension '{suffix}'" if suffix else "skipped: no file extension (expected .txt, .md, .html or .htm)"
    problems.append(Problem(path, message, skipped=True))
    return False


def _walk_dir(root: str, problems: list[Problem]) -> Iterator[str]:
    """Files under ``root`` in sorted order (by path components), following links once."""
    found: list[tuple[tuple[str, ...], str]] = []
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
                entry.stat()
            except FileNotFoundError:
                problems.append(Problem(path, "broken symbolic link (its target does not exist)"))
                continue
            except OSError as exc:
                problems.append(Problem(path, f"cannot read: {_os_reason(exc)}"))
                continue
            found.append(((*parts, entry.name), path))
        stack.extend(reversed(subdirs))  # visit in sorted order: the real path before a later link to it
    for _, path in sorted(found):
        if _supported(path, problems):
            yield path


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
    source = _LONE_CR.sub("\n", text) if "\r" in text else text
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
                id=name if k == 0 else f"{name}#{k + 1}",
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
