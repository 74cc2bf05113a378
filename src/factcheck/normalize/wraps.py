"""Repairing text that PDF extraction broke into fixed-width lines.

Text copied out of a PDF keeps the page's line breaks: "香港特別行政\\n\\n區政府", "高瞻\\n\\n創新科技",
"逾150\\n\\n隊". ``find_wraps`` finds those breaks; ``repair_wraps`` joins them, without a space
between CJK text and with one space between two Latin words.

How a break is recognised as a wrap (and not a paragraph end, a heading or a list):

1. The document must look wrapped at all: its lines of some width ``W`` (20 to 200 columns,
   CJK characters counting two) must be common (at least 4, and a quarter of the long lines),
   and few lines (at most a fifth) may be longer than ``W``. A file that keeps one paragraph
   per line (seeds 000 and 003) has no such width and is left alone.
2. The line is *full*: its width plus the first word of the next line would not have fitted
   in ``W`` (a wrapping program moved that word down). Short lines (headings, list items, the
   last line of a paragraph) therefore keep their break.
3. The line does not end a sentence (``。！？!?；;…`` or ``.``, possibly followed by closing
   quotes or brackets) or with a link or e-mail address, and the next line does not start a
   list item, a link, a "###" or "– Ends –" marker.
4. The break holds no more blank lines than the document's usual wrap (one blank line in seed
   001, where paragraphs are further apart).

The width is measured per document; each break is decided on its own, so a release whose
quotes are wrapped and whose boilerplate is not is repaired only where it is wrapped.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass
from itertools import accumulate
from typing import NamedTuple

from factcheck.normalize.offsets import MapBuilder, OffsetMap

_MIN_WIDTH = 20
_MAX_WIDTH = 200
# A line is full when it plus the next line's first word reaches this share of the width: PDF
# fonts set Latin letters and digits narrower than half a CJK character, so a full line with
# some English in it measures a little short.
_FULL = 0.9
_LINE_SPACE = " \t\u3000\xa0"
_HARD_END = re.compile(r"[。！？!?；;…．.｡][」』”’\"')）\]】》〉]*$")
_LIST_START = re.compile(
    r"(?:[-*•·●○■□◆◇▪►–—]\s|\(?\d{1,2}[.)、]\s?|[（(]?[一二三四五六七八九十]{1,3}[）)、]|[①-⑳]|#{1,3}\s*$|#{3}|[–—-]\s*(?:ends?|完)\s*[–—-])",
    re.IGNORECASE,
)
_LATIN_END = re.compile(r"[A-Za-z0-9,;:%)\]'\"’”]$")
_LATIN_START = re.compile(r"^[A-Za-z0-9(\['\"‘“$]")
_URL_END = re.compile(r"(?:https?://|www\.|mailto:)\S*$|\S@\S+$", re.IGNORECASE)
_URL_START = re.compile(r"(?:https?://|www\.|mailto:)", re.IGNORECASE)
_FIRST_WORD = re.compile(r"[A-Za-z0-9$%.,'’-]+|.")


def display_width(text: str) -> int:
    """Columns the text takes in a fixed-width layout: CJK and other wide characters count 2.

    >>> display_width("香港 2023")
    9
    >>> display_width("Cyberport")
    9
    """
    # UTF-8 gives 1 byte for ASCII and 3 for CJK; (chars + bytes) / 2 gives 1 and 2.
    return (len(text) + len(text.encode("utf-8", "surrogatepass"))) // 2


@dataclass(frozen=True, slots=True)
class Wrap:
    """One line break judged to be a wrap: ``text[start:end]`` (the white space between the
    two lines) is replaced by ``joiner`` ("" or " ")."""

    start: int
    end: int
    joiner: str


class _Line(NamedTuple):
    start: int  # offset of the first non-space character
    end: int  # offset after the last non-space character
    width: int
    gap: int  # newlines between this line and the next non-empty one (0 for the last)


def _widths(contents: list[str]) -> list[int]:
    """The display width of each non-empty line (see ``display_width``)."""
    return [(len(c) + len(c.encode("utf-8", "surrogatepass"))) // 2 for c in contents if c]


def _lines(raws: list[str], contents: list[str], widths: list[int]) -> list[_Line]:
    """The non-empty lines (``raws``: ``text.split("\\n")``; ``contents``: each stripped)."""
    offsets = list(accumulate((len(r) + 1 for r in raws), initial=0))
    filled = [i for i, c in enumerate(contents) if c]
    lines: list[_Line] = []
    for k, i in enumerate(filled):
        raw, content = raws[i], contents[i]
        start = offsets[i] + len(raw) - len(raw.lstrip(_LINE_SPACE))
        gap = filled[k + 1] - i if k + 1 < len(filled) else 0
        lines.append(_Line(start, start + len(content), widths[k], gap))
    return lines


def _wrap_width(widths: list[int]) -> int | None:
    long = [w for w in widths if w >= _MIN_WIDTH]
    if len(long) < 4:
        return None
    candidates = sorted(w for w in long if w <= _MAX_WIDTH)
    best, best_n = None, 0
    for width in sorted(set(candidates)):  # the lines from 90% of the width up to it
        n = bisect_right(candidates, width) - bisect_left(candidates, math.ceil(width * 0.9 - 1e-9))
        if n >= best_n:
            best, best_n = width, n
    if best is None or best_n < 4 or best_n * 4 < len(long):
        return None
    longer = sum(1 for w in long if w > best * 1.1)
    if longer * 5 > len(long):
        return None
    return best


def find_wraps(text: str) -> list[Wrap]:
    """The line breaks of ``text`` that a PDF's fixed line width made, in order.

    >>> text = "新聞稿\\n\\n香港特別行政區政府今\\n\\n天公布二零二三年施政\\n\\n報告，提出多項措施推\\n\\n動創新科技發展及培育\\n\\n人才。\\n\\n完"
    >>> [text[w.start - 1 : w.end + 1] for w in find_wraps(text)]
    ['今\\n\\n天', '政\\n\\n報', '推\\n\\n動', '育\\n\\n人']
    """
    raws = text.split("\n")
    contents = [r.strip(_LINE_SPACE) for r in raws]
    widths = _widths(contents)
    width = _wrap_width(widths)
    if width is None:
        return []  # most files: no line width is common enough, no line objects needed
    lines = _lines(raws, contents, widths)
    # Some tools wrap at a number of characters, not of columns: a line with an English name or
    # many digits is then as long in characters as the others but narrower. Such a line is full
    # too when the characters of the document's lines agree on a width.
    counts = [ln.end - ln.start for ln in lines]
    char_width = _wrap_width(counts)
    full = [ln for ln in lines if ln.width >= width * _FULL and ln.gap]
    usual_gap = Counter(ln.gap for ln in full).most_common(1)[0][0] if full else 1
    wraps: list[Wrap] = []
    for i, line in enumerate(lines[:-1]):
        if not line.gap or line.gap > usual_gap:
            continue
        nxt = lines[i + 1]
        head = text[nxt.start : nxt.end]
        first = _FIRST_WORD.match(head)
        first_width = display_width(first.group()) if first else 1
        if line.width > width * 1.1 or (
            line.width + 1 + first_width < width * _FULL and not _full_in_chars(line, first, char_width)
        ):
            continue
        tail = text[line.start : line.end]
        if _HARD_END.search(tail[-8:]) or _LIST_START.match(head):
            continue
        if (("://" in tail or "www." in tail or "@" in tail) and _URL_END.search(tail)) or _URL_START.match(head):
            continue  # a link on a line of its own, not a wrapped sentence
        joiner = " " if _LATIN_END.search(tail) and _LATIN_START.match(head) and not tail.endswith("-") else ""
        wraps.append(Wrap(line.end, nxt.start, joiner))
    return wraps


def _full_in_chars(line: _Line, first: re.Match[str] | None, char_width: int | None) -> bool:
    """The line plus the next line's first word would not have fitted in ``char_width`` characters."""
    if char_width is None:
        return False
    chars = line.end - line.start
    return chars <= char_width * 1.1 and chars + len(first.group() if first else "x") >= char_width * _FULL


def repair_wraps(text: str, wraps: list[Wrap] | None = None) -> tuple[str, OffsetMap]:
    """``text`` with its wraps joined, and the map from the result back into ``text``.

    >>> repair_wraps("Hong Kong Cyberport\\n\\nManagement", [Wrap(19, 21, " ")])[0]
    'Hong Kong Cyberport Management'
    """
    if wraps is None:
        wraps = find_wraps(text)
    if not wraps:
        return text, OffsetMap.identity(len(text))
    parts: list[str] = []
    b = MapBuilder()
    pos = 0
    for w in wraps:
        parts.append(text[pos : w.start])
        b.copy(pos, w.start - pos)
        if w.joiner:
            parts.append(w.joiner)
            b.constant(w.start, len(w.joiner))
        pos = w.end
    parts.append(text[pos:])
    b.copy(pos, len(text) - pos)
    return "".join(parts), b.build(len(text))
