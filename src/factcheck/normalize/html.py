"""HTML reduced to its text, with every character mapped back into the markup.

This is the first normalisation step for ``.html``/``.htm`` documents (``Document.markup ==
"html"``). ``Document.source`` stays the decoded HTML file; ingest runs this step to find the
dateline, headline and sections in the visible text, and ``normalize`` runs it again on the
document's region, so every claim quotes a span of the file.

What is kept and what is dropped:

- ``script``, ``style``, ``noscript``, ``template``, ``svg``, ``iframe`` and ``nav`` elements,
  comments, ``<!DOCTYPE>`` and processing instructions are dropped with their content, and so
  is ``<head>`` (its ``<title>`` is not part of the page's visible text, and usually repeats the
  ``<h1>`` with the site's name);
- block elements (``p``, ``div``, ``h1``-``h6``, ``li``, ``tr``, ``table``, ``section``,
  ``article``, ``blockquote``, ``figure``, ``figcaption`` ...) end a paragraph (a blank line);
  ``<br>`` is a line break; table cells are separated by a space;
- runs of white space collapse to one space (except inside ``<pre>``), as a browser shows them;
- character references (``&amp;``, ``&#20013;``, ``&nbsp;``) are decoded; every character they
  produce maps to the ``&`` that starts them.

The tokenizer is one regular expression whose parts cannot scan past the next ``<`` (or a
bounded quoted attribute), so its time stays linear on malformed markup, and it never raises:
an unclosed tag is taken as text, an unclosed ``<script>`` runs to the end of the file.

>>> text, origin = reduce_html("<p>Hello&nbsp;<b>world</b></p><script>x</script><p>再見</p>")
>>> text
'Hello\\xa0world\\n\\n再見'
>>> origin[6], "<p>Hello&nbsp;<b>world"[origin[6]]
(17, 'w')
"""

from __future__ import annotations

import html
import re

from factcheck.normalize.offsets import MapBuilder, OffsetMap

_DROP = "script|style|noscript|template|svg|iframe|nav|object|canvas|math"
_TOKEN = re.compile(
    r"(?P<comment><!--.*?(?:-->|\Z))"
    rf"|(?P<drop><(?P<dname>{_DROP})\b(?:[^<>\"']|\"[^\"]{{0,4000}}\"|'[^']{{0,4000}}'){{0,4000}}>"
    r".*?(?:</(?P=dname)\s*>|\Z))"
    r"|(?P<decl><![^>]{0,4000}>|<\?[^>]{0,4000}>)"
    r"|(?P<tag></?(?P<name>[A-Za-z][\w:.-]{0,60})(?:[^<>\"']|\"[^\"]{0,4000}\"|'[^']{0,4000}'){0,4000}>)"
    r"|(?P<ref>&(?:#[0-9]{1,7};?|#[xX][0-9A-Fa-f]{1,6};?|[A-Za-z][A-Za-z0-9]{1,31};?))",
    re.DOTALL | re.IGNORECASE,
)
_BLOCK = frozenset(
    """p div h1 h2 h3 h4 h5 h6 li ul ol dl dt dd tr table thead tbody tfoot section article
    header footer aside main blockquote figure figcaption pre hr address form fieldset
    caption details summary body html center""".split()
)
_CELL = frozenset({"td", "th"})
_SPACE = re.compile(r"[ \t\n\r\f\v]+")
_SPACE_CHARS = " \t\n\r\f\v"
_WIDE = re.compile("[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]")


class _Writer:
    """Accumulates output with white-space collapsing and paragraph breaks."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.map = MapBuilder()
        self.pending_space: int | None = None  # source offset of a collapsed space to emit
        self.pending_newline = False  # the collapsed white space held a line break
        self.breaks = 0  # newlines at the end of the output
        self.empty = True

    def text(self, chunk: str, start: int, pre: bool) -> None:
        if pre:
            self._flush_space(chunk[:1] or " ")
            self._emit(chunk, start)
            return
        pos = 0
        for m in _SPACE.finditer(chunk):
            if m.start() > pos:
                self._flush_space(chunk[pos])
                self._emit(chunk[pos : m.start()], start + pos)
            if not self.empty and not self.breaks and self.pending_space is None:
                self.pending_space = start + m.start()
                self.pending_newline = "\n" in m.group()
            pos = m.end()
        if pos < len(chunk):
            self._flush_space(chunk[pos])
            self._emit(chunk[pos:], start + pos)

    def literal(self, chunk: str, at: int, size: int) -> None:
        """Text decoded from a character reference of ``size`` characters at ``at``."""
        self._flush_space(chunk[0])
        self.parts.append(chunk)
        self.map.constant(at, len(chunk), span=size)
        self.empty = False
        self.breaks = 0

    def space(self, at: int) -> None:
        if not self.empty and not self.breaks and self.pending_space is None:
            self.pending_space = at
            self.pending_newline = False

    def newline(self, at: int, limit: int) -> None:
        """End the line (``limit`` 1) or the paragraph (``limit`` 2) at source offset ``at``."""
        self.pending_space = None
        if self.empty:
            return
        while self.breaks < limit:
            self.parts.append("\n")
            self.map.constant(at, 1)
            self.breaks += 1

    def _flush_space(self, following: str) -> None:
        if self.pending_space is None:
            return
        # A line break in the markup between two CJK characters is no space (CSS Text 3,
        # segment break transformation): "香港特別行政\n區政府" reads as one word.
        if not (self.pending_newline and _WIDE.match(following) and _WIDE.match(self.parts[-1][-1])):
            self.parts.append(" ")
            self.map.constant(self.pending_space, 1)
        self.pending_space = None

    def _emit(self, chunk: str, start: int) -> None:
        if not chunk:
            return
        self.parts.append(chunk)
        self.map.copy(start, len(chunk))
        self.empty = False
        self.breaks = chunk.endswith("\n") and 1 or 0


def reduce_html(markup: str, start: int = 0) -> tuple[str, OffsetMap]:
    """The visible text of ``markup`` and, for each of its characters, the offset it came from
    (``start`` is added to every offset, for a region cut from a larger file).

    >>> reduce_html("<h1>Cyberport &amp; HKSTP</h1>\\n<p>香港特別行政\\n  區政府 2023 年</p>")[0]
    'Cyberport & HKSTP\\n\\n香港特別行政區政府 2023 年'
    """
    w = _Writer()
    pos = 0
    in_head = False
    pre = 0
    for m in _TOKEN.finditer(markup):
        if m.start() > pos and not in_head:
            w.text(markup[pos : m.start()], start + pos, pre > 0)
        pos = m.end()
        kind = m.lastgroup
        at = start + m.start()
        if kind == "ref":
            if not in_head:
                decoded = html.unescape(m.group())
                if decoded == m.group():
                    w.text(decoded, at, pre > 0)
                elif decoded.strip(_SPACE_CHARS) == "" and decoded:
                    w.space(at)
                else:
                    w.literal(decoded, at, m.end() - m.start())
            continue
        if kind != "tag":
            continue  # comment, dropped element, declaration
        name = (m.group("name") or "").lower()
        closing = m.group().startswith("</")
        if name == "head":
            in_head = not closing
        elif name == "body":
            in_head = False
        elif name == "br":
            w.newline(at, 1)
        elif name in _BLOCK:
            if name == "pre":
                pre = max(pre - 1, 0) if closing else pre + 1
            w.newline(at, 2)
        elif name in _CELL:
            w.space(at)
    if pos < len(markup) and not in_head:
        w.text(markup[pos:], start + pos, pre > 0)
    text = "".join(w.parts)
    # Trailing paragraph breaks carry no text.
    full = w.map.build(start + len(markup))
    stripped = text.rstrip("\n")
    if len(stripped) != len(text):
        return stripped, full.truncated(len(stripped))
    return text, full
