"""The normalisation steps that keep a map back to their input.

Each ``map_*`` function takes a text and returns ``Change(text, origin, changed, examples)``:
``origin`` is ``None`` when the step only replaced characters one for one (the offsets did not
move), else an ``OffsetMap`` into the step's input. The common path does no per-character
Python work: ``str.translate`` folds full-width forms, ``unicodedata.is_normalized`` and a
regular expression find the rare spots NFKC changes the length of, and OpenCC converts the
whole text at once (its length is then checked line by line, and a line that changed length is
converted again in smaller pieces so offsets stay exact).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from itertools import islice

from factcheck.normalize.offsets import MapBuilder, OffsetMap
from factcheck.normalize.steps import _PUNCT_TABLE, to_simplified

_EXAMPLES = 3
_CONTEXT = 4


@dataclass(frozen=True, slots=True)
class Change:
    text: str
    origin: OffsetMap | None  # None: same length, offsets unchanged
    changed: int
    examples: tuple[tuple[str, str], ...] = ()


# ---------------------------------------------------------------------------------- line ends

_CRLF = re.compile(r"\r\n")
_LINE_ENDS = str.maketrans({"\r": "\n", "\x0b": "\n", "\x0c": "\n", "\x85": "\n", "\u2028": "\n", "\u2029": "\n"})
_LINE_END_CHARS = re.compile("[\r\x0b\x0c\x85\u2028\u2029]")


def map_newlines(text: str) -> Change:
    r"""Every line end becomes ``\n``: ``\r\n`` loses its ``\r``; a lone ``\r``, a form feed
    (a PDF page break) and the Unicode line separators become ``\n``.

    >>> map_newlines("a\r\nb\rc").text
    'a\nb\nc'
    """
    if not _LINE_END_CHARS.search(text):
        return Change(text, None, 0)
    origin = None
    changed = 0
    if "\r\n" in text:
        b = MapBuilder()
        pos = 0
        parts = []
        for m in _CRLF.finditer(text):
            parts.append(text[pos : m.start()])
            b.copy(pos, m.start() - pos)
            pos = m.start() + 1  # keep the \n, drop the \r
            changed += 1
        parts.append(text[pos:])
        b.copy(pos, len(text) - pos)
        origin = b.build(len(text))
        text = "".join(parts)
    folded = text.translate(_LINE_ENDS)
    if folded != text:
        changed += len(_LINE_END_CHARS.findall(text))
    return Change(folded, origin, changed, (("\\r\\n", "\\n"),) if changed else ())


# ---------------------------------------------------------------------------------- NFKC

_FOLD_RANGES = (
    (0x00A0, 0x024F),
    (0x2000, 0x2BFF),
    (0x2E80, 0x2FDF),
    (0x3000, 0x303F),
    (0xF900, 0xFAFF),
    (0xFE10, 0xFE1F),
    (0xFE30, 0xFE6F),
    (0xFF00, 0xFF60),
    (0xFFE0, 0xFFEE),
)


def _is_jamo(ch: str) -> bool:
    return "\u1100" <= ch <= "\u11ff" or "\u3130" <= ch <= "\u318f"


def _build_tables() -> tuple[dict[int, str], str]:
    """A one-for-one translate table for the NFKC changes that keep the length, and the
    characters NFKC leaves alone (as a regex class) among the ranges above."""
    table: dict[int, str] = {}
    stable: list[int] = []
    for lo, hi in _FOLD_RANGES:
        for cp in range(lo, hi + 1):
            ch = chr(cp)
            pre = ch.translate(_PUNCT_TABLE)
            folded = unicodedata.normalize("NFKC", pre)
            if unicodedata.combining(ch):
                continue
            if folded == ch:
                stable.append(cp)
            elif len(folded) == 1 and not unicodedata.combining(folded) and not _is_jamo(folded):
                table[cp] = folded
    ranges: list[str] = []
    start = prev = None
    for cp in stable:
        if prev is not None and cp == prev + 1:
            prev = cp
            continue
        if start is not None:
            ranges.append(_range(start, prev))
        start = prev = cp
    if start is not None:
        ranges.append(_range(start, prev))
    return table, "".join(ranges)


def _range(lo: int, hi: int | None) -> str:
    hi = lo if hi is None else hi
    return f"\\u{lo:04x}" if lo == hi else f"\\u{lo:04x}-\\u{hi:04x}"


_FOLD_TABLE, _STABLE_CLASS = _build_tables()
_FOLD_KEYS = re.compile("[" + "".join(re.escape(chr(cp)) for cp in sorted(_FOLD_TABLE)) + "]")
_FOLD_STR = {chr(cp): out for cp, out in _FOLD_TABLE.items()}


def _fold_match(m: re.Match[str]) -> str:
    return _FOLD_STR[m.group()]


_UNSTABLE_RUN = re.compile(f"[^\\x00-\\x7f\\u3400-\\u4dbf\\u4e00-\\u9fff{_STABLE_CLASS}]+")


def _groups(unit: str) -> list[tuple[int, int, str]]:
    """``unit`` cut into the smallest pieces that NFKC normalises independently, each with its
    normal form: a piece grows while NFKC joins it with the next character (a combining mark, a
    half-width voiced mark, a conjoining jamo)."""
    pieces: list[tuple[int, int, str]] = []
    start = 0
    for i in range(1, len(unit) + 1):
        if i < len(unit):
            here = unit[start:i]
            joined = unicodedata.normalize("NFKC", unit[start : i + 1])
            if joined == unicodedata.normalize("NFKC", here) + unicodedata.normalize("NFKC", unit[i]):
                pieces.append((start, i, unicodedata.normalize("NFKC", here)))
                start = i
        else:
            pieces.append((start, i, unicodedata.normalize("NFKC", unit[start:i])))
    return pieces


def map_nfkc(text: str) -> Change:
    """NFKC with a map: full-width digits, letters and punctuation become ASCII, compatibility
    characters fold (``㈠`` -> ``(一)``, ``…`` -> ``...``), combining sequences compose.

    >>> c = map_nfkc("２０２３年，㈠ｅ\\u0301")
    >>> c.text, list(c.origin)
    ('2023年,(一)é', [0, 1, 2, 3, 4, 5, 6, 6, 6, 7, 9])
    """
    if text.isascii() or unicodedata.is_normalized("NFKC", text):
        return Change(text, None, 0)
    # A regex with a dict lookup per match beats str.translate (a dict lookup per character)
    # on CJK text, where only the punctuation folds.
    folded, changed = _FOLD_KEYS.subn(_fold_match, text)
    examples = _diff_examples(text, folded) if changed else ()
    if unicodedata.is_normalized("NFKC", folded):
        return Change(folded, None, changed, examples)
    parts: list[str] = []
    b = MapBuilder()
    pos = 0
    more: list[tuple[str, str]] = []
    for m in _UNSTABLE_RUN.finditer(folded):
        start = max(m.start() - 1, pos)
        unit = folded[start : m.end()]
        if unicodedata.is_normalized("NFKC", unit):
            continue
        parts.append(folded[pos:start])
        b.copy(pos, start - pos)
        whole = unicodedata.normalize("NFKC", unit)
        pieces = _groups(unit)
        if "".join(p for _, _, p in pieces) != whole:
            pieces = [(0, len(unit), whole)]
        for s, e, out in pieces:
            if out == unit[s:e]:
                b.copy(start + s, e - s)
            elif len(out) == e - s:
                b.copy(start + s, e - s)
                changed += e - s
            else:
                b.constant(start + s, len(out), span=e - s)
                changed += max(len(out), e - s)
                if out and len(more) < _EXAMPLES:
                    more.append((unit[s:e], out))
            parts.append(out)
        pos = m.end()
    parts.append(folded[pos:])
    b.copy(pos, len(folded) - pos)
    out_text = "".join(parts)
    return Change(out_text, b.build(len(folded)), changed, (examples + tuple(more))[:_EXAMPLES])


# ---------------------------------------------------------------------------------- t2s

_PIECE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[^\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


def map_t2s(text: str) -> Change:
    """OpenCC t2s with a map. OpenCC converts phrases, and a phrase may (rarely) convert to a
    different length; a line whose length changed is converted again run by run, then
    character by character, keeping the original wherever the length would change.

    >>> c = map_t2s("香港特別行政區政府 說/説 爲/為 週/周")
    >>> c.text, c.origin is None
    ('香港特别行政区政府 说/说 为/为 周/周', True)
    """
    if text.isascii():
        return Change(text, None, 0)
    out = to_simplified(text)
    if out == text:
        return Change(text, None, 0)
    if len(out) != len(text):
        out = _t2s_by_line(text)
    return Change(out, None, count_differences(text, out), _diff_examples(text, out))


def _t2s_by_line(text: str) -> str:
    lines = text.split("\n")
    converted = to_simplified(text).split("\n")
    if len(converted) != len(lines):
        converted = [to_simplified(line) for line in lines]
    result = []
    for line, conv in zip(lines, converted, strict=True):
        if len(conv) != len(line):
            conv = "".join(_t2s_piece(m.group()) for m in _PIECE.finditer(line))
        result.append(conv)
    return "\n".join(result)


def _t2s_piece(piece: str) -> str:
    conv = to_simplified(piece)
    if len(conv) == len(piece):
        return conv
    out = []
    for ch in piece:
        one = to_simplified(ch)
        out.append(one if len(one) == 1 else ch)
    return "".join(out)


# ---------------------------------------------------------------------------------- examples


def count_differences(before: str, after: str) -> int:
    """How many characters differ between two texts of the same length.

    Done on the texts' UTF-32 code units as two big integers: their XOR is zero exactly in the
    32-bit lanes of equal characters; folding each lane's bits into its lowest bit and counting
    those bits takes a few passes in C instead of a Python comparison per character.

    >>> count_differences("濃說科技 產業", "浓说科技 产业")
    4
    >>> count_differences("", ""), count_differences("\U00020000a", "\U00020001a")
    (0, 1)
    """
    if len(before) != len(after):
        raise ValueError("count_differences compares texts of the same length")
    x = int.from_bytes(before.encode("utf-32-le", "surrogatepass"), "little") \
        ^ int.from_bytes(after.encode("utf-32-le", "surrogatepass"), "little")
    for shift in (16, 8, 4, 2, 1):  # bit 0 of each lane becomes the OR of the lane's 32 bits
        x |= x >> shift
    return (x & int.from_bytes(b"\x01\x00\x00\x00" * len(before), "little")).bit_count()


def _diff_examples(before: str, after: str) -> tuple[tuple[str, str], ...]:
    """A few (before, after) snippets where two equal-length texts differ."""
    if len(before) != len(after):
        return ()
    found: list[tuple[str, str]] = []
    last = -_CONTEXT * 2
    diffs = (i for i, (a, b) in enumerate(zip(before, after)) if a != b)
    for i in islice(diffs, 50):
        if i - last < _CONTEXT * 2:
            continue
        last = i
        lo, hi = max(i - _CONTEXT, 0), i + _CONTEXT + 1
        found.append((before[lo:hi], after[lo:hi]))
        if len(found) == _EXAMPLES:
            break
    return tuple(found)
