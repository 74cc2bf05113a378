"""Text hygiene shared by the renderers: nothing quoted from a release may inject markup,
terminal escape codes or reordering marks into a report.

Quoted text is untrusted: a release can contain ``|``, backticks, HTML, newlines, ESC sequences
(terminal colours, cursor moves, hyperlinks) and bidi overrides that display text in an order
different from its bytes ("Trojan Source"). Each renderer escapes for its own syntax; these
helpers make such characters visible instead of active.
"""

from __future__ import annotations

import math
import re
from datetime import date
from typing import Any

from factcheck.model import Evidence

# C0 controls except TAB/LF/CR, DEL, C1 controls, bidi embeddings/overrides/isolates, the
# Unicode line/paragraph separators, and lone surrogates (a file name that is not UTF-8), which
# no UTF-8 output can carry.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029\ud800-\udfff]")
_NEWLINES = re.compile(r"\r\n|[\r\n\u2028\u2029\x85\t]")
# Characters XML 1.0 cannot carry at all (even escaped).
_NOT_XML = re.compile("[^\x09\x0a\x0d\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


_JSON_UNSAFE = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029\ud800-\udfff]")


def json_escape_controls(text: str) -> str:
    r"""Escape, in JSON text, the characters ``json.dumps(ensure_ascii=False)`` leaves raw but a
    terminal or viewer would act on (DEL, C1, bidi overrides, line separators), and lone
    surrogates (a file name that is not UTF-8), which no UTF-8 file can hold. The decoded
    data is unchanged: ``"\u202e"`` and the raw character are the same JSON string.

    >>> json_escape_controls('"a\u202eb"')
    '"a\\u202eb"'
    """
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def show_controls(text: str) -> str:
    """Make control, bidi-override and separator characters visible; keep tabs and newlines.

    >>> show_controls("營收\\x1b[31m紅\\u202e")
    '營收\\\\x1b[31m紅\\\\u202e'
    >>> show_controls("bad\\udcff.txt")
    'bad\\\\udcff.txt'
    >>> show_controls("line one\\nline two")
    'line one\\nline two'
    """
    return _UNSAFE.sub(_visible, text)


def one_line(text: str) -> str:
    """Fold line breaks and tabs to spaces, then make any other control visible.

    >>> one_line("共12個項目\\r\\n其中5個")
    '共12個項目 其中5個'
    >>> one_line("evil\\x1b]8;;http://x\\x07link")
    'evil\\\\x1b]8;;http://x\\\\x07link'
    """
    return show_controls(_NEWLINES.sub(" ", text))


def xml_text(text: str) -> str:
    """Text XML 1.0 can hold: controls made visible (the serializer escapes ``<&>"``).

    >>> xml_text("a\\x00b\\x1bc\\ud800")
    'a\\\\x00b\\\\x1bc\\\\ud800'
    """
    return _NOT_XML.sub(_visible, show_controls(text))


def format_value(value: Any) -> str:
    """A claim or evidence value for people: intervals in (lo,hi] notation, whole floats as
    integers.

    >>> from factcheck.model import Interval
    >>> format_value(148.0), format_value(Interval(150, math.inf, lo_open=True)), format_value(None)
    ('148', '(150,)', '')
    >>> format_value({"parts": [800, 1100], "total": 1900})
    'parts=800, 1100, total=1900'

    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return str(int(value))
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return ", ".join(format_value(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}={format_value(v)}" for k, v in value.items())
    return str(value)


def jsonable(value: Any) -> Any:
    """A value JSON can carry deterministically (intervals and dates as strings, NaN and
    infinities as strings, tuples as lists, mappings with sorted keys).

    >>> from factcheck.model import Interval
    >>> jsonable({"b": Interval(1, 2), "a": (1.5, float("inf"))})
    {'a': [1.5, 'inf'], 'b': '[1,2]'}
    """
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict) or hasattr(value, "items"):
        return {str(k): jsonable(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, set | frozenset):
        return sorted(jsonable(v) for v in value)
    return str(value)


def where(evidence: Evidence) -> str:
    """``doc:line`` of a piece of evidence."""
    return f"{evidence.doc}:{evidence.line}"


def plural(count: int, word: str, words: str | None = None) -> str:
    """``count word`` with the plural form when needed.

    >>> plural(1, "finding"), plural(3, "finding"), plural(0, "info", "info")
    ('1 finding', '3 findings', '0 info')
    """
    return f"{count} {word if count == 1 else (words or word + 's')}"


def severity_counts(counts: dict[str, int]) -> str:
    """The counts by severity, as a person reads them.

    >>> severity_counts({"error": 1, "warning": 2, "info": 0})
    '1 error, 2 warnings, 0 info'
    """
    return ", ".join([plural(counts["error"], "error"), plural(counts["warning"], "warning"),
                      plural(counts["info"], "info", "info")])


# --------------------------------------------------------------------------------------------
# Tables

class _Cell:
    """A table cell tabulate must not read as a number. tabulate 0.9/0.10 casts a cell it
    wraps (``maxcolwidths``) with the type it guesses, ignoring ``disable_numparse``
    (astanin/python-tabulate#428): "9,904" became ``int("9,904")`` and crashed. A cell that is not
    a string is guessed to be text and shown through ``str``."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __str__(self) -> str:
        return self.text


_NUMBER_LIKE = re.compile(r"\s*[-+]?[\d,._\s]*\d[\d,._\s]*(?:[eE][-+]?\d+)?\s*|\s*(?i:true|false|nan|inf)\s*")


def table_rows(rows: list[list[Any]], widths: list[int | None]) -> list[list[Any]]:
    """``rows`` made safe for ``tabulate(..., maxcolwidths=widths, disable_numparse=True)``: the
    cells of wrapped columns that tabulate would cast are wrapped in ``_Cell``.

    >>> from tabulate import tabulate
    >>> print(tabulate(table_rows([["9,904", "a"]], [8, None]), maxcolwidths=[8, None], disable_numparse=True))
    -----  -
    9,904  a
    -----  -
    """
    return [[_Cell(cell) if width is not None and type(cell) is str and _NUMBER_LIKE.fullmatch(cell) else cell
             for cell, width in zip(row, widths)] + row[len(widths):] for row in rows]
