"""Claims and document metadata as compact JSON, and back again exactly.

The claim index (``factcheck.index``) keeps what was read from a file: its articles (every
``Document`` field except ``id``, ``path`` and ``source``, which come from the file itself) and
their claims (every ``Claim`` field, with ``doc`` written as the article's number). The data is
JSON, never pickle: values are rebuilt only through the constructors of factcheck's own frozen
dataclasses and enums, so a swapped index file can be rejected but can never run code.

Lists stay JSON arrays; every other non-JSON value is a one-key object whose key says its type:

========  =====================================================================
``t``     tuple
``A``     the ``attrs`` of a claim: ``(name, value)`` pairs
``d``     dict (any dict, so a plain dict can never pass for a tagged value)
``date``  ``datetime.date`` (ISO text)
``I``     ``Interval`` as ``[lo, hi, lo_open, hi_open]``
``C``     ``Claim`` (fields that differ from their defaults)
``Q``     ``factcheck.numbers.Quantity`` (fields that differ from their defaults)
``S``     ``Section``
``X``     ``SectionSpan`` as ``[kind, start, end]``
``o``     any other dataclass of the factcheck package: ``{"o": "module:Name", "f": {...}}``
``e``     any other enum of the factcheck package: ``{"e": "module:Name", "v": value}``
========  =====================================================================

Floats keep their exact value (JSON numbers are written with ``repr``; infinities as
``Infinity``), and an ``int`` stays an ``int``: ``4`` and ``4.0`` print differently in a report.

>>> from factcheck.model import Interval
>>> data = encode_value((Interval(1800, float("inf"), lo_open=True), "超過1,800間", [1, 2.0]))
>>> dumps(data)
'{"t":[{"I":[1800,Infinity,true,false]},"超過1,800間",[1,2.0]]}'
>>> loads(dumps(data))
(Interval('(1800,)'), '超過1,800間', [1, 2.0])
"""

from __future__ import annotations

import dataclasses
import datetime
import enum
import importlib
import json
import operator
import zlib
from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any

from factcheck.errors import FactcheckError
from factcheck.model import Claim, Document, Interval, Section, SectionSpan
from factcheck.numbers import Quantity

_PACKAGE = "factcheck"
_DOCUMENT_FROM_FILE = ("id", "path", "source")
_DOCUMENT_FROM_FILE_SET = frozenset(_DOCUMENT_FROM_FILE)
_PLAIN = frozenset((bool, int, float, str))
_MISSING = dataclasses.MISSING


class CodecError(FactcheckError):
    """Stored data that does not decode to factcheck's records (damaged or foreign)."""


# A preset dictionary for zlib: the JSON fragments nearly every claim repeats, so that even one
# claim compresses well (about 700 bytes to 240 on generated releases). Changing it changes the
# index's extraction version (this file is part of it), so old rows are never misread.
ZDICT = (
    b'"attrs":{"A":[["qualifier","exact"],["unit",null],["cumulative",false],["step",1],["number_text","'
    b'"person","title","title_text","org","unique",true],["honorific","'
    b'"kind":"cardinal","qualifier":"about","over","at_least","nearly","under","unit":"'
    b'"number":{"Q":{"text":"","start":,"end":,"value":,"low":,"high":,"low_open":true,"high_open":true,'
    b'"step":10,"number_start":,"number_end":,"scale":10000'
    b'"lang":"zh-Hant","lang":"zh-Hans","lang":"en","date":"20'
    b'"sentence":[,"section":"caption","section":"boilerplate","section":"headline",'
    b'"scope":"asof:20","scope":"edition:20","metric":"companies","metric_label":"'
    b'"subject":"org:","subject":"series:","subject":"title:","subject_label":"",'
    b'"subject_how":"clause: organisation named","the issuer","clause: series named","release event (headline'
    b'"value":{"I":[.0,.0,false,false]},"value":"zh:","value":"en:'
    b'{"C":{"kind":"quantity","kind":"role","kind":"alias","kind":"award","kind":"edition",'
    b'"kind":"composition","kind":"enumeration","doc":0,"start":'
)


def pack(data: bytes) -> bytes:
    """Compress one stored record with the preset dictionary.

    >>> record = b'{"C":{"kind":"quantity","doc":0,"start":12,"end":18,"lang":"en","scope":"edition:2023"}}'
    >>> len(pack(record)) < len(record) // 2, unpack(pack(record)) == record
    (True, True)
    """
    packer = zlib.compressobj(6, zdict=ZDICT)
    return packer.compress(data) + packer.flush()


def unpack(blob: bytes) -> bytes:
    try:
        unpacker = zlib.decompressobj(zdict=ZDICT)
        data = unpacker.decompress(blob) + unpacker.flush()
    except zlib.error as exc:
        raise CodecError(f"stored record is damaged: {exc}") from None
    if not unpacker.eof:
        raise CodecError("stored record is cut short")
    return data


# --------------------------------------------------------------------------------------------
# JSON text


# One encoder for every record: ``json.dumps`` with options builds a new one on each call.
_COMPACT = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def dumps(data: Any) -> str:
    """Compact JSON (no spaces, non-ASCII kept)."""
    return _COMPACT.encode(data)


def loads(text: str | bytes, ids: Sequence[str] | None = None) -> Any:
    """Parse JSON written by ``dumps(encode_value(...))`` and rebuild the values in one pass
    (``ids`` maps article numbers back to document ids for claims)."""
    try:
        return json.JSONDecoder(object_hook=_Rebuild(ids)).decode(text if isinstance(text, str) else text.decode())
    except CodecError:
        raise
    except (ValueError, RecursionError) as exc:
        raise CodecError(f"stored data is not JSON: {exc}") from None


# --------------------------------------------------------------------------------------------
# Values


def encode_value(value: Any, docs: Mapping[str, int] | None = None) -> Any:
    """Plain JSON data for ``value``. ``docs`` maps document ids to article numbers for the
    ``doc`` field of claims (required when ``value`` holds a claim)."""
    kind = type(value)
    if value is None or kind in _PLAIN:  # exact types: Section is a str, Severity an int
        return value
    encoder = _ENCODERS.get(kind)
    if encoder is not None:
        return encoder(value, docs)
    if isinstance(value, datetime.datetime):
        raise TypeError("datetime values are not stored (claims hold dates)")
    if isinstance(value, enum.Enum) and _ours(kind):
        return {"e": _name_of(kind), "v": encode_value(value.value, docs)}
    if dataclasses.is_dataclass(value) and not isinstance(value, type) and _ours(kind):
        return {"o": _name_of(kind), "f": [[k, v] for k, v in _fields(value, docs).items()]}
    raise TypeError(f"cannot store a {kind.__module__}.{kind.__qualname__}")


def decode_value(data: Any, ids: Sequence[str] | None = None) -> Any:
    """The value ``encode_value`` was given (``ids``: article numbers to document ids)."""
    return loads(dumps(data), ids)


def _encode_dict(value: dict[Any, Any], docs: Mapping[str, int] | None) -> Any:
    if not all(type(k) is str for k in value):
        raise TypeError("only dicts with string keys can be stored")
    # pairs, not an object: an inner one-key object must never read as a tagged value
    return {"d": [[k, encode_value(v, docs)] for k, v in value.items()]}


_ENCODERS: dict[type, Any] = {
    list: lambda v, docs: [encode_value(x, docs) for x in v],
    tuple: lambda v, docs: {"t": [encode_value(x, docs) for x in v]},
    dict: _encode_dict,
    datetime.date: lambda v, docs: {"date": v.isoformat()},
    Interval: lambda v, docs: {"I": [v.lo, v.hi, v.lo_open, v.hi_open]},
    Section: lambda v, docs: {"S": v.value},
    Quantity: lambda v, docs: {"Q": _fields(v, docs)},
    SectionSpan: lambda v, docs: {"X": [v.kind.value, v.start, v.end]},
}


def _interval(value: Any) -> Interval:
    lo, hi, lo_open, hi_open = value
    if type(lo) not in _NUMBERS or type(hi) not in _NUMBERS or type(lo_open) is not bool or type(hi_open) is not bool:
        raise CodecError(f"not an interval: {_short(value)}")
    return Interval(lo, hi, lo_open, hi_open)


def _pairs(value: Any) -> tuple[tuple[str, Any], ...]:
    return tuple((k, v) for k, v in value)


_TAGS: dict[str, Any] = {
    "t": tuple,
    "I": _interval,
    "A": _pairs,
    "S": Section,
    "date": datetime.date.fromisoformat,
    "Q": lambda v: Quantity(**v),
    "d": lambda v: {k: x for k, x in v},
    "X": lambda v: SectionSpan(Section(v[0]), v[1], v[2]),
}
_NUMBERS = frozenset((int, float))


class _Rebuild:
    """``json`` object hook: every tagged object becomes its value, innermost first."""

    __slots__ = ("ids",)

    def __init__(self, ids: Sequence[str] | None) -> None:
        self.ids = ids

    def __call__(self, data: dict[str, Any]) -> Any:
        if len(data) > 2:
            return data  # the fields of a claim or quantity: rebuilt by the tag around them
        tag = next(iter(data), None)
        try:
            build = _TAGS.get(tag)  # type: ignore[arg-type]
            if build is not None:
                return build(data[tag])
            if tag == "C":
                return _claim(_mapping(data["C"]), self.ids)
            if tag == "e":
                return _class(data["e"], enum.Enum)(data["v"])
            if tag == "o":
                return _class(data["o"], None)(**{k: v for k, v in data["f"]})
        except CodecError:
            raise
        except (TypeError, ValueError, KeyError, AttributeError) as exc:
            raise CodecError(f"cannot rebuild stored value {_short(data)}: {exc}") from None
        return data


@cache
def _defaults(cls: type) -> tuple[tuple[str, Any], ...]:
    """(field name, default or MISSING) of a dataclass's init fields."""
    return tuple((f.name, f.default) for f in dataclasses.fields(cls) if f.init)


@cache
def _rest_fields(cls: type) -> tuple[tuple[str, Any], ...]:
    """The init fields of a claim class that a row has no column for."""
    return tuple((name, default) for name, default in _defaults(cls) if name not in _ROW_FIELDS)


def _fields(obj: Any, docs: Mapping[str, int] | None,
            fields: tuple[tuple[str, Any], ...] | None = None) -> dict[str, Any]:
    """The init fields of a dataclass instance (or those of ``fields``) that differ from their
    defaults."""
    out: dict[str, Any] = {}
    for name, default in _defaults(type(obj)) if fields is None else fields:
        value = getattr(obj, name)
        if default is not _MISSING and _same(value, default):
            continue
        out[name] = encode_value(value, docs)
    return out


def _same(value: Any, default: Any) -> bool:
    """Equal and of the same type, so that a default of ``1`` does not swallow ``1.0``
    (and ``0.0`` does not swallow ``-0.0``).

    >>> _same(1, 1), _same(1.0, 1), _same(-0.0, 0.0), _same(None, None), _same((), ())
    (True, False, False, True, True)
    """
    if value is default:
        return True
    if type(value) is not type(default):
        return False
    if type(value) is float:
        return repr(value) == repr(default)
    try:
        return bool(value == default)
    except Exception:
        return False


def _ours(cls: type) -> bool:
    return cls.__module__ == _PACKAGE or cls.__module__.startswith(_PACKAGE + ".")


def _name_of(cls: type) -> str:
    return f"{cls.__module__}:{cls.__qualname__}"


@cache
def _class(name: str, base: type | None) -> type:
    """A dataclass or enum of the factcheck package, by ``module:Name``; anything else is refused.

    >>> _class("factcheck.model:Interval", None).__name__
    'Interval'
    >>> _class("os:system", None)
    Traceback (most recent call last):
    ...
    factcheck.codec.CodecError: refusing to build 'os:system': not a factcheck type
    """
    module, _, qualname = str(name).partition(":")
    if not (module == _PACKAGE or module.startswith(_PACKAGE + ".")) or not qualname:
        raise CodecError(f"refusing to build {name!r}: not a factcheck type")
    try:
        obj: Any = importlib.import_module(module)
        for part in qualname.split("."):
            obj = getattr(obj, part)
    except (ImportError, AttributeError):
        raise CodecError(f"unknown stored type {name!r}") from None
    if not isinstance(obj, type):
        raise CodecError(f"refusing to build {name!r}: not a type")
    if base is not None and not issubclass(obj, base):
        raise CodecError(f"refusing to build {name!r}: not an enum")
    if base is None and not dataclasses.is_dataclass(obj):
        raise CodecError(f"refusing to build {name!r}: not a dataclass")
    return obj


def _mapping(data: Any) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise CodecError(f"expected an object, got {_short(data)}")
    return data


def _number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise CodecError(f"expected a number, got {_short(value)}")
    return value


def _flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise CodecError(f"expected true or false, got {_short(value)}")
    return value


def _short(data: Any) -> str:
    text = repr(data)
    return text if len(text) <= 60 else text[:57] + "..."


# --------------------------------------------------------------------------------------------
# Claims and documents


def encode_claim(claim: Claim, docs: Mapping[str, int] | None) -> dict[str, Any]:
    """A claim's fields that differ from their defaults; ``doc`` becomes the article number.

    >>> c = Claim("edition", "000_e130#2", 123, 126, Interval(4, 4), subject="series:michk")
    >>> encode_claim(c, {"000_e130": 0, "000_e130#2": 1})
    {'kind': 'edition', 'doc': 1, 'start': 123, 'end': 126, 'value': {'I': [4, 4, False, False]}, 'subject': 'series:michk'}
    >>> decode_claim(encode_claim(c, {"000_e130#2": 1}), ["x", "y"]).doc
    'y'
    """
    if docs is None or claim.doc not in docs:
        raise TypeError(f"claim of document {claim.doc!r} outside the documents being stored")
    data = _fields(claim, docs)
    data["doc"] = docs[claim.doc]
    # Fields of a known type are written untagged (fewer objects to rebuild); ``_claim`` knows them.
    if "attrs" in data and all(type(a) is tuple and len(a) == 2 and type(a[0]) is str for a in claim.attrs):
        data["attrs"] = {"A": [[k, encode_value(v, docs)] for k, v in claim.attrs]}
    if "section" in data and type(claim.section) is Section:
        data["section"] = claim.section.value
    if "sentence" in data and type(claim.sentence) is tuple and all(type(x) is int for x in claim.sentence):
        data["sentence"] = list(claim.sentence)
    if "date" in data and type(claim.date) is datetime.date:
        data["date"] = claim.date.isoformat()
    return data


_ENCODERS[Claim] = lambda v, docs: {"C": encode_claim(v, docs)}


def decode_claim(data: Any, ids: Sequence[str] | None) -> Claim:
    """The claim ``encode_claim`` gave ``data`` for (``ids``: article numbers to document ids)."""
    claim = loads(dumps({"C": data}), ids)
    assert isinstance(claim, Claim)
    return claim


def _claim(fields: dict[str, Any], ids: Sequence[str] | None) -> Claim:
    number = fields.pop("doc", None)
    if ids is None or type(number) is not int or not 0 <= number < len(ids):
        raise CodecError(f"stored claim names article {number!r} of {len(ids or ())}")
    try:
        section = fields.get("section")
        if type(section) is str:
            fields["section"] = Section(section)
        sentence = fields.get("sentence")
        if type(sentence) is list:
            fields["sentence"] = tuple(sentence)
        day = fields.get("date")
        if type(day) is str:
            fields["date"] = datetime.date.fromisoformat(day)
        return Claim(doc=ids[number], **fields)
    except (TypeError, ValueError) as exc:
        raise CodecError(f"cannot rebuild a stored claim: {exc}") from None


def encode_document(doc: Document) -> dict[str, Any]:
    """A document's fields except those the file gives (``id``, ``path``, ``source``).

    >>> import datetime
    >>> doc = Document("a", "a.txt", "數碼港 2023", 0, 9, "zh-Hant", datetime.date(2023, 9, 13))
    >>> encode_document(doc)
    {'start': 0, 'end': 9, 'lang': 'zh-Hant', 'date': '2023-09-13'}
    >>> decode_document(loads(dumps(encode_document(doc))), id="a", path="a.txt", source="數碼港 2023") == doc
    True
    """
    data: dict[str, Any] = {}
    for name, default in _defaults(Document):
        if name in _DOCUMENT_FROM_FILE:
            continue
        value = getattr(doc, name)
        if default is not _MISSING and _same(value, default):
            continue
        data[name] = encode_value(value)
    # Fields of a known type untagged (``check`` rebuilds every document of a corpus).
    if type(doc.date) is datetime.date:
        data["date"] = doc.date.isoformat()
    if "sections" in data and all(type(s) is SectionSpan and type(s.kind) is Section for s in doc.sections):
        data["sections"] = [[s.kind.value, s.start, s.end] for s in doc.sections]
    return data


def decode_document(data: Any, *, id: str, path: str, source: str) -> Document:
    """The document ``encode_document`` gave ``data`` for (already parsed by ``loads``), with
    the fields the file gives."""
    values = _mapping(data)
    if not _DOCUMENT_FROM_FILE_SET.isdisjoint(values):
        raise CodecError("stored document metadata holds file fields")
    try:
        if type(values.get("date")) is str:
            values["date"] = datetime.date.fromisoformat(values["date"])
        if type(values.get("sections")) is list:
            sections = _SECTIONS  # a dict lookup: calling the enum is slow for every section of a corpus
            values["sections"] = tuple(SectionSpan(sections.get(k) or Section(k), s, e) for k, s, e in values["sections"])
        return Document(id=id, path=path, source=source, **values)
    except (TypeError, ValueError) as exc:
        raise CodecError(f"cannot rebuild stored document metadata: {exc}") from None


# --------------------------------------------------------------------------------------------
# Rows: claims as flat JSON arrays, read without rebuilding tagged objects one by one.
#
# ``check`` reads every claim of the link layer of a corpus (tens of thousands); a row is
# ``[number, kind, doc, start, end, value, subject, subject_label, subject_how, metric,
# metric_label, scope, section, sentence_start, sentence_end, lang, date, attrs, number, parts, rest]``
# where
# ``value`` is ``["s", text]``, ``["i", lo, hi, lo_open, hi_open]``, ``["p", plain...]`` (a tuple
# of strings and numbers) or ``["g", tagged]``; ``attrs`` a list of ``[name, value]`` with plain
# values or tuples of them written as lists (else ``None`` and the attributes go to ``rest``);
# ``number`` ``null``, ``["q", field...]`` (a Quantity, its fields in order; ``terms`` as a list)
# or ``["g", tagged]``; ``parts`` ``null`` or a list of rows; ``rest`` the other fields that
# differ from their defaults, tagged (``null`` when none).

_SECTIONS = {s.value: s for s in Section}
_ROW_FIELDS = ("kind", "doc", "start", "end", "value", "subject", "subject_label", "subject_how", "metric",
               "metric_label", "scope", "section", "sentence", "lang", "date", "attrs", "number", "parts")
_QUANTITY_FIELDS = tuple(f.name for f in dataclasses.fields(Quantity))
_PLAIN_VALUES = (str, int, float, bool, type(None))


def encode_row(number: int, claim: Claim, docs: Mapping[str, int]) -> list[Any]:
    """A claim as a flat row (see above); ``decode_rows`` gives it back exactly.

    >>> c = Claim("award", "d#2", 5, 9, Interval(1, 1), subject="x", attrs=(("zh", "濃說科技"), ("en", None)))
    >>> row = encode_row(7, c, {"d": 0, "d#2": 1})
    >>> row[:8]
    [7, 'award', 1, 5, 9, ['i', 1, 1, False, False], 'x', '']
    >>> decode_rows(json.loads(dumps([row])), ["d", "d#2"]) == [(7, c)]
    True
    """
    value = claim.value
    if type(value) is str:
        value_row: list[Any] = ["s", value]
    elif type(value) is Interval and type(value.lo) in _NUMBERS and type(value.hi) in _NUMBERS:
        value_row = ["i", value.lo, value.hi, value.lo_open, value.hi_open]
    elif type(value) is tuple and all(type(v) in (str, int) for v in value):
        value_row = ["p", *value]
    else:
        value_row = ["g", encode_value(value, docs)]
    plain = all(type(a) is tuple and len(a) == 2 and type(a[0]) is str and _plain_attr(a[1]) for a in claim.attrs)
    # the fields a row has no column for (none, for Claim itself), and attrs a column cannot hold
    rest = _fields(claim, docs, _rest_fields(type(claim))) if type(claim) is not Claim else {}
    if not plain:
        rest["attrs"] = encode_value(claim.attrs, docs)
    sentence = claim.sentence if type(claim.sentence) is tuple and len(claim.sentence) == 2 else None
    if sentence is None:
        rest["sentence"] = encode_value(claim.sentence, docs)
    if not (type(claim.section) is Section):
        rest["section"] = encode_value(claim.section, docs)
    if claim.date is not None and type(claim.date) is not datetime.date:
        rest["date"] = encode_value(claim.date, docs)
    if claim.doc not in docs:
        raise TypeError(f"claim of document {claim.doc!r} outside the documents being stored")
    quantity = claim.number
    if quantity is None:
        number_row: list[Any] | None = None
    else:
        number_row = _quantity_row(quantity) if type(quantity) is Quantity else None
        if number_row is None:
            number_row = ["g", encode_value(quantity, docs)]
    if claim.parts and not all(type(part) is Claim for part in claim.parts):
        rest["parts"] = encode_value(claim.parts, docs)
    parts = [encode_row(k, part, docs) for k, part in enumerate(claim.parts)] if "parts" not in rest else None
    return [
        number, claim.kind, docs[claim.doc], claim.start, claim.end, value_row, claim.subject, claim.subject_label,
        claim.subject_how, claim.metric, claim.metric_label, claim.scope,
        claim.section.value if type(claim.section) is Section else None,
        sentence[0] if sentence else 0, sentence[1] if sentence else 0, claim.lang,
        claim.date.isoformat() if type(claim.date) is datetime.date else None,
        [[k, list(v) if type(v) is tuple else v] for k, v in claim.attrs] if plain else None,
        number_row,
        parts or None,
        {"d": [[k, v] for k, v in rest.items()]} if rest else None,
    ]


_QUANTITY_VALUES = operator.attrgetter(*_QUANTITY_FIELDS)


def _quantity_row(quantity: Quantity) -> list[Any] | None:
    """``["q", field...]`` for a Quantity whose fields are all plain (a tuple as a list), else
    ``None`` (it is written tagged). One pass: every fact claim has a quantity."""
    row: list[Any] = ["q"]
    plain = _PLAIN_VALUES
    for v in _QUANTITY_VALUES(quantity):
        if type(v) in plain:
            row.append(v)
        elif type(v) is tuple and all(type(x) in plain for x in v):
            row.append(list(v))
        else:
            return None
    return row


def _plain_attr(value: Any) -> bool:
    """A value a row holds untagged: plain JSON, or a tuple of plain values (written as a list:
    a plain attribute is never a list)."""
    if type(value) is tuple:
        return all(type(v) in _PLAIN_VALUES for v in value)
    return type(value) in _PLAIN_VALUES


def decode_rows(rows: Any, ids: Sequence[str]) -> list[tuple[int, Claim]]:
    """(number, claim) for rows written by ``encode_row`` and parsed by plain ``json.loads``
    (rows are untagged; the rare tagged parts are rebuilt here)."""
    out: list[tuple[int, Claim]] = []
    if type(rows) is not list:
        raise CodecError("stored rows are not a list")
    sections = _SECTIONS
    try:
        for (number, kind, doc, start, end, value_row, subject, subject_label, subject_how, metric, metric_label,
             scope, section, sentence_start, sentence_end, lang, date, attrs, quantity, parts, rest) in rows:
            tag = value_row[0]
            if tag == "s":
                value: Any = value_row[1]
            elif tag == "i":
                value = _interval(value_row[1:])
            elif tag == "p":
                value = tuple(value_row[1:])
            elif tag == "g":
                value = loads(dumps(value_row[1]), ids)
            else:
                raise CodecError(f"unknown stored value {tag!r}")
            fields: dict[str, Any] = loads(dumps(rest), ids) if rest else {}
            if section is not None:
                fields["section"] = sections[section]
            if sentence_start or sentence_end:
                fields.setdefault("sentence", (sentence_start, sentence_end))
            if date is not None:
                fields["date"] = datetime.date.fromisoformat(date)
            if attrs is not None:
                fields["attrs"] = tuple((k, tuple(v) if type(v) is list else v) for k, v in attrs)
            if quantity is not None:
                if quantity[0] == "q":
                    fields["number"] = Quantity(*(tuple(v) if type(v) is list else v for v in quantity[1:]))
                else:
                    fields["number"] = loads(dumps(quantity[1]), ids)
            if parts:
                fields["parts"] = tuple(claim for _k, claim in decode_rows(parts, ids))
            if type(doc) is not int or not 0 <= doc < len(ids) or type(number) is not int:
                raise CodecError(f"stored row names article {doc!r} of {len(ids)}")
            out.append((number, Claim(kind, ids[doc], start, end, value, subject, subject_label, subject_how, metric,
                                      metric_label, scope, lang=lang, **fields)))
    except CodecError:
        raise
    except (TypeError, ValueError, KeyError, IndexError) as exc:
        raise CodecError(f"cannot rebuild a stored row: {exc}") from None
    return out


__all__ = [
    "ZDICT",
    "CodecError",
    "decode_claim",
    "decode_document",
    "decode_rows",
    "decode_value",
    "dumps",
    "encode_claim",
    "encode_document",
    "encode_row",
    "encode_value",
    "loads",
    "pack",
    "unpack",
]
