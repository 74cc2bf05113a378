"""Normalisation: the text the extractors read, with a map back to the original.

``normalize(doc)`` returns a ``Normalized`` whose ``text`` is ``doc.source[doc.start:doc.end]``
after these steps, in this order (each recorded in ``steps`` when it applies):

1. ``html`` (HTML documents only): the markup reduced to its visible text
   (``factcheck.normalize.html``);
2. ``newlines``: ``\\r\\n``, lone ``\\r``, form feeds and Unicode line separators become ``\\n``;
3. ``wraps``: line breaks that a PDF's fixed line width put inside a sentence are joined
   (``factcheck.normalize.wraps``), with no space between CJK text and one between Latin words;
4. ``nfkc``: full-width digits, letters and punctuation become ASCII, compatibility forms fold;
5. ``t2s``: Traditional and variant characters become Simplified (OpenCC t2s), so 說/説,
   產/産, 爲/為 and 週/周 read alike.

``origin[i]`` is the offset in ``doc.source`` of ``text[i]`` (``len(text) + 1`` entries, the last
being ``doc.end``; offsets never decrease). Findings quote ``doc.source``, never ``text``.

Wrap repair runs before NFKC because it measures line widths as the page set them (a
full-width comma is as wide as a CJK character).

``replay(text, steps)`` runs the named steps again on the original text: a test checks it gives
``Normalized.text`` back, so ``steps`` say exactly what was done.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from factcheck.model import Document, Section
from factcheck.normalize.html import reduce_html
from factcheck.normalize.mapped import Change, map_newlines, map_nfkc, map_t2s
from factcheck.normalize.offsets import OffsetMap
from factcheck.normalize.wraps import find_wraps, repair_wraps

__all__ = ["Normalized", "Step", "keep_normalized", "normalize", "normalize_text", "replay", "OffsetMap", "STEPS"]


@dataclass(frozen=True, slots=True)
class Step:
    """One normalisation step: ``name`` (a key of ``STEPS``), how many characters it changed,
    inserted or removed, and a few ``(before, after)`` examples to explain it."""

    name: str
    changed: int
    examples: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Normalized:
    doc: Document
    text: str
    origin: Sequence[int]  # an OffsetMap: len(text) + 1 entries; the last is doc.end
    steps: tuple[Step, ...] = ()

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of ``doc.source`` that ``text[start:end]`` was read from (a span read
        across a joined line wrap covers the wrapped original)."""
        if end <= start:
            pos = self.origin[start]
            return pos, pos
        if isinstance(self.origin, OffsetMap):
            return self.origin[start], self.origin.end_at(end - 1)
        return self.origin[start], self.origin[end - 1] + 1

    def quote(self, start: int, end: int) -> str:
        s, e = self.source_span(start, end)
        return self.doc.source[s:e]

    def section_at(self, i: int) -> Section:
        """The section of the release that ``text[i]`` sits in."""
        return self.doc.section_at(self.origin[i])

    def line_of(self, i: int) -> int:
        """The 1-based line of the original file that ``text[i]`` comes from."""
        return self.doc.line_of(self.origin[i])

    def index_at(self, offset: int) -> int:
        """The first index of ``text`` whose source offset is ``>= offset``."""
        return self.origin.index_at(offset) if isinstance(self.origin, OffsetMap) else _index_at(self.origin, offset)


def _index_at(origin: Sequence[int], offset: int) -> int:
    return bisect_left(origin, offset)


def _step_html(text: str) -> Change:
    out, origin = reduce_html(text)
    return Change(out, origin, abs(len(text) - len(out)), ())


def _step_wraps(text: str) -> Change:
    wraps = find_wraps(text)
    if not wraps:
        return Change(text, None, 0)
    out, origin = repair_wraps(text, wraps)
    examples = tuple(
        (text[max(w.start - 3, 0) : w.end + 3], text[max(w.start - 3, 0) : w.start] + w.joiner + text[w.end : w.end + 3])
        for w in wraps[:3]
    )
    return Change(out, origin, sum(w.end - w.start for w in wraps), examples)


STEPS: dict[str, Callable[[str], Change]] = {
    "html": _step_html,
    "newlines": map_newlines,
    "wraps": _step_wraps,
    "nfkc": map_nfkc,
    "t2s": map_t2s,
}
_TEXT_STEPS = ("newlines", "wraps", "nfkc", "t2s")


def replay(text: str, steps: Sequence[Step]) -> str:
    """Run ``steps`` again on ``text`` (the document's original region).

    >>> n = normalize_text("香港特別行政\\n\\n區政府，２０２３年")
    >>> [s.name for s in n.steps if s.changed]
    ['nfkc', 't2s']
    >>> replay("香港特別行政\\n\\n區政府，２０２３年", n.steps) == n.text
    True
    """
    for step in steps:
        text = STEPS[step.name](text).text
    return text


_Result = tuple[str, OffsetMap, tuple[Step, ...]]


class _Cache:
    """Normalisation results kept for another use, bounded by the characters they hold (the
    text normalised and the result).

    - *recent*: the last ``entries`` results (at most ``chars`` characters; the least recently
      used go first), for a caller that asks for the same text twice in a row;
    - *kept*: results handed over by ``keep`` (ingest keeps each single-article file's
      normalisation, which ``normalize(doc)`` asks for again when the engine extracts claims,
      after it has read the whole corpus). A kept result is held until that first use (then it
      joins the recent ones), at most ``kept_chars`` characters in all. When the store is full
      a newer result is not kept (it is computed again when asked for): the engine asks in
      reading order, so the oldest, kept, are asked for first, and a corpus too large to keep
      costs a second normalisation for its later files only.

    Keys are ``(text, markup)``; a single-article document's region is its file's text itself,
    so a lookup hashes a string whose hash is cached and compares it by identity.
    """

    def __init__(self, entries: int = 32, chars: int = 32_000_000, kept_chars: int = 64_000_000) -> None:
        self.entries = entries
        self.chars = chars
        self.kept_chars = kept_chars
        self.held = 0
        self.kept_held = 0
        self.items: OrderedDict[tuple[str, str], _Result] = OrderedDict()
        self.kept: dict[tuple[str, str], _Result] = {}
        self.lock = threading.Lock()

    def get(self, key: tuple[str, str]) -> _Result | None:
        with self.lock:
            value = self.kept.pop(key, None)
            if value is not None:
                self.kept_held -= _size(key, value)
                self._put(key, value)
                return value
            value = self.items.get(key)
            if value is not None:
                self.items.move_to_end(key)
            return value

    def put(self, key: tuple[str, str], value: _Result) -> None:
        with self.lock:
            self._put(key, value)

    def _put(self, key: tuple[str, str], value: _Result) -> None:
        size = _size(key, value)
        if size > self.chars or key in self.items:
            return
        self.items[key] = value
        self.held += size
        while len(self.items) > self.entries or self.held > self.chars:
            old, result = self.items.popitem(last=False)
            self.held -= _size(old, result)

    def keep(self, key: tuple[str, str], value: _Result) -> None:
        size = _size(key, value)
        with self.lock:
            if key in self.kept or self.kept_held + size > self.kept_chars:
                return
            self.kept[key] = value
            self.kept_held += size

    def cache_clear(self) -> None:
        with self.lock:
            self.items.clear()
            self.kept.clear()
            self.held = self.kept_held = 0


def _size(key: tuple[str, str], value: _Result) -> int:
    return len(key[0]) + len(value[0])


_CACHE = _Cache()


def _run(region: str, markup: str) -> tuple[str, OffsetMap, tuple[Step, ...]]:
    cached = _CACHE.get((region, markup))
    if cached is not None:
        return cached
    result = _compute(region, markup)
    _CACHE.put((region, markup), result)
    return result


def _compute(region: str, markup: str) -> tuple[str, OffsetMap, tuple[Step, ...]]:
    names = ("html", *_TEXT_STEPS) if markup == "html" else _TEXT_STEPS
    text = region
    origin: OffsetMap | None = None
    steps: list[Step] = []
    for name in names:
        change = STEPS[name](text)
        steps.append(Step(name, change.changed, change.examples))
        if change.origin is not None:
            origin = change.origin if origin is None else origin.then(change.origin)
        text = change.text
    if origin is None:
        origin = OffsetMap.identity(len(text))
    return text, origin, tuple(steps)


def normalize_text(text: str, *, markup: str = "text") -> Normalized:
    """Normalise a string on its own (its offsets are offsets into ``text``).

    >>> n = normalize_text("逾150\\n\\n隊，說")
    >>> n.text, n.quote(0, 4)
    ('逾150\\n\\n队,说', '逾150')
    """
    doc = Document(id="text", path="", source=text, start=0, end=len(text), lang="", markup=markup)
    out, origin, steps = _run(text, markup)
    return Normalized(doc, out, origin, steps)


def keep_normalized(norm: Normalized) -> None:
    """Keep ``norm`` (a ``normalize_text`` result) for the first ``normalize`` of a document
    whose region is that whole text: ingest hands over a single-article file's normalisation,
    which the engine would otherwise compute a second time (see ``_Cache``).

    >>> n = normalize_text("逾150\\n\\n隊，說")
    >>> keep_normalized(n)
    >>> normalize(Document(id="x", path="x.txt", source=n.doc.source, start=0, end=9, lang="zh-Hant")).text
    '逾150\\n\\n队,说'
    """
    _CACHE.keep((norm.doc.source, norm.doc.markup), (norm.text, norm.origin, norm.steps))


def normalize(doc: Document) -> Normalized:
    """The normalised text of one document, mapped back into ``doc.source``. (The result for
    a whole file is kept for a while: ingest has usually computed it, see ``keep_normalized``.)

    >>> doc = Document(id="x", path="x.txt", source="標題\\n\\n香港特別行政區政府表示：２０２３年", start=4,
    ...                end=21, lang="zh-Hant")
    >>> n = normalize(doc)
    >>> n.text
    '香港特别行政区政府表示:2023年'
    >>> n.origin[0], n.origin[-1], n.quote(0, 9)
    (4, 21, '香港特別行政區政府')
    """
    region = doc.source[doc.start : doc.end]
    out, origin, steps = _run(region, doc.markup)
    if doc.start:
        origin = origin.shifted(doc.start)
    return Normalized(doc, out, origin, steps)

