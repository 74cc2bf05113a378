"""The records every stage of the pipeline hands to the next.

ingest -> Document; normalize -> Normalized (in factcheck.normalize); extract -> Claim;
align -> Alignment (in factcheck.align); checks -> Finding; engine -> Report.

All offsets in these records are 0-based code-point offsets into the *decoded file text*
(``Document.source``), end exclusive, so a reviewer's quote is always
``document.source[start:end]``.
"""

from __future__ import annotations

import dataclasses
import enum
import math
import operator
import re
from bisect import bisect_left
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any


class Severity(enum.IntEnum):
    """Ordered levels: ``error`` (both statements cannot be true), ``warning`` (very likely a
    mistake), ``info`` (a change over time or a difference worth seeing)."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        return cls[text.strip().upper()]


class Section(str, enum.Enum):
    """Where in a release a span sits. Claims carry it: a caption that contradicts the body is
    a typical error, and boilerplate facts belong to the issuer, not to the event."""

    HEADLINE = "headline"
    BODY = "body"
    CAPTION = "caption"
    CONTACTS = "contacts"
    BOILERPLATE = "boilerplate"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Interval:
    """A set of values a statement allows; ``lo``/``hi`` may be infinite.

    >>> Interval(140, 160)
    Interval('[140,160]')
    >>> Interval(150, 160, lo_open=True).overlaps(Interval(148, 148))
    False
    >>> Interval(140, 160).overlaps(Interval(148, 148))
    True
    """

    lo: float
    hi: float
    lo_open: bool = False
    hi_open: bool = False

    def __reduce__(self) -> tuple[Any, ...]:
        return type(self), (self.lo, self.hi, self.lo_open, self.hi_open)  # see Claim.__reduce__

    @classmethod
    def point(cls, value: float) -> Interval:
        return cls(value, value)

    def __repr__(self) -> str:
        return f"Interval({str(self)!r})"

    def __str__(self) -> str:
        left = "(" if self.lo_open or math.isinf(self.lo) else "["
        right = ")" if self.hi_open or math.isinf(self.hi) else "]"
        lo = "" if math.isinf(self.lo) else _fmt(self.lo)
        hi = "" if math.isinf(self.hi) else _fmt(self.hi)
        return f"{left}{lo},{hi}{right}"

    @property
    def empty(self) -> bool:
        return self.lo > self.hi or (self.lo == self.hi and (self.lo_open or self.hi_open))

    def contains(self, value: float) -> bool:
        if value < self.lo or value > self.hi:
            return False
        if value == self.lo and self.lo_open:
            return False
        return not (value == self.hi and self.hi_open)

    def intersect(self, other: Interval) -> Interval:
        if self.lo > other.lo:
            lo, lo_open = self.lo, self.lo_open
        elif self.lo < other.lo:
            lo, lo_open = other.lo, other.lo_open
        else:
            lo, lo_open = self.lo, self.lo_open or other.lo_open
        if self.hi < other.hi:
            hi, hi_open = self.hi, self.hi_open
        elif self.hi > other.hi:
            hi, hi_open = other.hi, other.hi_open
        else:
            hi, hi_open = self.hi, self.hi_open or other.hi_open
        return Interval(lo, hi, lo_open, hi_open)

    def overlaps(self, other: Interval) -> bool:
        return not self.intersect(other).empty

    def gap(self, other: Interval) -> float:
        """Distance between two intervals (0 when they touch or overlap)."""
        if self.overlaps(other):
            return 0.0
        return max(other.lo - self.hi, self.lo - other.hi, 0.0)

    def __add__(self, other: Interval) -> Interval:
        return Interval(
            self.lo + other.lo,
            self.hi + other.hi,
            self.lo_open or other.lo_open,
            self.hi_open or other.hi_open,
        )

    def scale(self, factor: float) -> Interval:
        if factor >= 0:
            return Interval(self.lo * factor, self.hi * factor, self.lo_open, self.hi_open)
        return Interval(self.hi * factor, self.lo * factor, self.hi_open, self.lo_open)


def _fmt(value: float) -> str:
    if float(value).is_integer() and abs(value) < 1e15:
        return str(int(value))
    return f"{value:g}"


@dataclass(frozen=True, slots=True)
class SectionSpan:
    kind: Section
    start: int
    end: int


_COUNT_BELOW = 20_000  # offsets before this are counted directly


@lru_cache(maxsize=8)
def _line_breaks(source: str) -> tuple[int, ...]:
    return tuple(m.start() for m in re.finditer("\n", source))


@dataclass(frozen=True, slots=True)
class Document:
    """One release. ``source`` is the whole decoded file (shared by the articles of a file that
    holds several); this article is ``source[start:end]``."""

    id: str
    path: str
    source: str
    start: int
    end: int
    lang: str  # "zh-Hant" | "zh-Hans" | "en"
    date: date | None = None
    date_how: str = ""  # how the date was found ("dateline", "title", ...)
    title: str = ""
    issuer: str | None = None
    sections: tuple[SectionSpan, ...] = ()
    encoding: str = "utf-8"
    markup: str = "text"  # "text" | "html": how factcheck.normalize reads ``source``

    @property
    def text(self) -> str:
        return self.source[self.start : self.end]

    def line_of(self, offset: int) -> int:
        """1-based line number of a source offset.

        Far into a long file the line breaks are looked up, not counted again for every claim:
        counting from the start each time made reports on a long release quadratic.

        >>> doc = Document("d", "d.txt", "標題\\n第二行\\nLine three\\n" * 5000, 0, 90_000, "zh-Hant")
        >>> doc.line_of(3), doc.line_of(89_999), doc.line_of(89_999) == doc.source.count("\\n", 0, 89_999) + 1
        (2, 15000, True)
        """
        if offset < _COUNT_BELOW:
            return self.source.count("\n", 0, offset) + 1
        return bisect_left(_line_breaks(self.source), offset) + 1

    def section_at(self, offset: int) -> Section:
        for span in self.sections:
            if span.start <= offset < span.end:
                return span.kind
        return Section.BODY


@dataclass(frozen=True, slots=True)
class Problem:
    """Input that could not be used (named in the report; the run goes on)."""

    path: str
    message: str
    line: int | None = None
    skipped: bool = False  # a file passed over on purpose (unsupported extension): listed, not an error

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


@dataclass(frozen=True, slots=True)
class Evidence:
    """One claim a finding rests on, quoted from the original text."""

    doc: str
    path: str
    line: int
    start: int
    end: int
    text: str
    value: Any = None  # JSON-able
    context: str = ""
    role: str = ""  # what this piece of evidence is in the finding ("total", "part", "a", ...)
    date: str | None = None  # the release date, ISO
    interval: str | None = None  # the values the statement allows, "(1800,1900]"
    section: str | None = None  # headline / body / caption / contacts / boilerplate

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "doc": self.doc,
            "path": self.path,
            "line": self.line,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "value": self.value,
            "context": self.context,
        }
        if self.role:
            data["role"] = self.role
        if self.date:
            data["date"] = self.date
        if self.interval:
            data["interval"] = self.interval
        if self.section:
            data["section"] = self.section
        return data


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str  # "NU01"
    name: str  # "quantity-interval-contradiction"
    severity: Severity
    message: str
    subject: str
    metric: str
    evidence: tuple[Evidence, ...]
    preview: bool = False  # preview rules are reported but never fail the gate
    key: str = ""  # stable identity material (normalised values and subjects, never offsets)
    id: str = ""  # fingerprint, filled by the engine from rule + key

    @property
    def docs(self) -> frozenset[str]:
        return frozenset(e.doc for e in self.evidence)

    def sort_key(self) -> tuple[Any, ...]:
        first = self.evidence[0] if self.evidence else None
        return (
            -int(self.severity),
            self.rule,
            first.path if first else "",
            first.start if first else -1,
            self.id,
        )


@dataclass(frozen=True, slots=True)
class Report:
    documents: tuple[Document, ...]
    findings: tuple[Finding, ...]
    problems: tuple[Problem, ...] = ()
    claims: int = 0
    rules: tuple[Any, ...] = ()  # the rules that ran (factcheck.rulebook.Rule)
    extra: dict[str, Any] = field(default_factory=dict)

    def counts(self) -> dict[str, int]:
        out = {"error": 0, "warning": 0, "info": 0}
        for f in self.findings:
            out[f.severity.label] += 1
        return out

    def exit_code(self, fail_on: Severity | None = Severity.ERROR) -> int:
        """The process exit status the contract fixes for this report.

        2 when an input could not be read (the report still covers the rest); otherwise 1 when a
        stable (non-preview) finding is at or above ``fail_on`` (``None``: never), else 0.
        Usage and rule-file errors are raised as exceptions, never returned here.
        """
        if any(not p.skipped for p in self.problems):
            return 2
        if fail_on is not None and any(f.severity >= fail_on and not f.preview for f in self.findings):
            return 1
        return 0


@dataclass(frozen=True, slots=True)
class Claim:
    """A fact read from one place of one release: ``(kind, subject, metric, scope) -> value``.

    ``kind`` is one of ``quantity`` (a counted amount), ``edition`` (the ordinal of an event
    edition), ``editions_held`` (a count of editions held so far), ``alias`` (two names of one
    entity), ``role`` (a person holding a title), ``award`` (an entity's rank in a contest),
    ``composition`` (a total with its parts), ``enumeration`` (a declared count with the items
    listed), ``ratio`` (a stated average with its operands).

    ``start``/``end`` is the quoted span in ``Document.source``; ``sentence`` the sentence around
    it (also source offsets). ``value`` is an ``Interval`` for numeric kinds and a string for
    names. ``parts`` holds the linked claims of a composition / ratio / enumeration.
    """

    kind: str
    doc: str
    start: int
    end: int
    value: Any
    subject: str = ""  # canonical key of what the claim is about
    subject_label: str = ""  # how to show the subject to a person
    subject_how: str = ""  # how the subject was chosen ("section:boilerplate", "clause", "headline")
    metric: str = ""  # canonical metric id ("projects", "edition-ordinal", "rank", ...)
    metric_label: str = ""  # the words of the text the metric was read from
    scope: str = ""  # "edition:<year>" for event facts, "asof:<date>" for stock facts
    section: Section = Section.BODY
    sentence: tuple[int, int] = (0, 0)
    lang: str = ""
    date: date | None = None  # the release date
    number: Any = None  # the factcheck.numbers.Quantity read, for numeric claims
    parts: tuple[Claim, ...] = ()
    attrs: tuple[tuple[str, Any], ...] = ()

    def __reduce__(self) -> tuple[Any, ...]:
        # pickled as a constructor call: worker processes send claims back this way, and the
        # dataclass default (a Python __setstate__ for slotted classes) is three times slower
        if type(self) is Claim:
            return Claim, _CLAIM_VALUES(self)
        return type(self), tuple(getattr(self, f.name) for f in dataclasses.fields(self))

    def with_(self, **changes: Any) -> Claim:
        """A copy with ``changes``: ``dataclasses.replace`` without its per-call checks (a third
        of the time; alignment rewrites the subject of most claims).

        >>> c = Claim("quantity", "d", 0, 3, Interval(3, 3), subject="name:x", metric="projects")
        >>> c.with_(subject="entity:x") == dataclasses.replace(c, subject="entity:x")
        True
        """
        if type(self) is not Claim:
            return dataclasses.replace(self, **changes)
        values = list(_CLAIM_VALUES(self))
        for name, value in changes.items():
            values[_CLAIM_INDEX[name]] = value
        return type(self)(*values)

    def attr(self, name: str, default: Any = None) -> Any:
        for key, value in self.attrs:
            if key == name:
                return value
        return default


_CLAIM_FIELDS = tuple(f.name for f in dataclasses.fields(Claim))
_CLAIM_VALUES = operator.attrgetter(*_CLAIM_FIELDS)
_CLAIM_INDEX = {name: k for k, name in enumerate(_CLAIM_FIELDS)}
