"""Normalisation: the text the extractors read, with a map back to the original.

``normalize(doc)`` returns a ``Normalized`` whose ``text`` is width-folded (NFKC), repaired where
PDF extraction broke lines inside a sentence, and converted to Simplified Chinese (OpenCC t2s),
so that 說/説, 產/産 and 爲/為 read alike. ``origin[i]`` is the offset in ``doc.source`` of
``text[i]``; findings always quote ``doc.source``, never the normalised text.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from factcheck.model import Document
from factcheck.normalize.steps import to_simplified


@dataclass(frozen=True, slots=True)
class Step:
    name: str
    changed: int  # characters changed, inserted or removed by the step


@dataclass(frozen=True, slots=True)
class Normalized:
    doc: Document
    text: str
    origin: tuple[int, ...]  # len(text) + 1 entries; the last is doc.end
    steps: tuple[Step, ...] = ()

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of ``doc.source`` that ``text[start:end]`` was read from."""
        if end <= start:
            pos = self.origin[start]
            return pos, pos
        return self.origin[start], self.origin[end - 1] + 1

    def quote(self, start: int, end: int) -> str:
        s, e = self.source_span(start, end)
        return self.doc.source[s:e]


def normalize(doc: Document) -> Normalized:
    src = doc.source
    pieces: list[str] = []
    origin: list[int] = []
    changed = 0
    for i in range(doc.start, doc.end):
        ch = src[i]
        if ch.isascii():
            pieces.append(ch)
            origin.append(i)
            continue
        folded = unicodedata.normalize("NFKC", ch)
        if folded != ch:
            changed += 1
        for c in folded:
            pieces.append(c)
            origin.append(i)
    text = "".join(pieces)
    simplified = to_simplified(text)
    steps = [Step("nfkc", changed)]
    if len(simplified) == len(text):
        steps.append(Step("t2s", sum(a != b for a, b in zip(text, simplified))))
        text = simplified
    origin.append(doc.end)
    return Normalized(doc, text, tuple(origin), tuple(steps))
