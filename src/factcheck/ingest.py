"""Reading releases: the only module that reads files.

(Minimal first version: UTF-8 .txt/.md files; the full text layer replaces it.)
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from factcheck.model import Document, Problem

SUFFIXES = (".txt", ".md", ".html", ".htm")


@dataclass(frozen=True, slots=True)
class Corpus:
    documents: tuple[Document, ...]
    problems: tuple[Problem, ...] = ()


def read_paths(paths: Sequence[str | Path]) -> Corpus:
    docs: list[Document] = []
    problems: list[Problem] = []
    for path in _walk(paths, problems):
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(Problem(str(path), f"cannot read: {exc}"))
            continue
        docs.extend(read_text(text, name=path.stem, path=str(path)))
    return Corpus(tuple(docs), tuple(problems))


def _walk(paths: Sequence[str | Path], problems: list[Problem]) -> Iterable[Path]:
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
        elif path.is_file():
            yield path
        else:
            problems.append(Problem(str(path), "no such file or directory"))


def read_text(text: str, *, name: str, path: str | None = None) -> tuple[Document, ...]:
    han = len(re.findall(r"[\u4e00-\u9fff]", text))
    latin = len(re.findall(r"[A-Za-z]+", text))
    lang = "zh-Hant" if han > latin else "en"
    return (Document(id=name, path=path or name, source=text, start=0, end=len(text), lang=lang),)
