"""Claims and documents survive the trip through the index's JSON exactly, and stored data can
only ever rebuild factcheck's own records."""

from __future__ import annotations

import datetime
import json
import math

import pytest
from gatekit import CORPUS, SEEDS
from hypothesis import given
from hypothesis import strategies as st

from factcheck import codec
from factcheck.engine import analyse_paths
from factcheck.model import Claim, Interval, Section, SectionSpan
from factcheck.numbers import parse_quantity


@pytest.fixture(scope="module")
def analysis():
    return analyse_paths([SEEDS, CORPUS])


def test_every_claim_of_the_seeds_and_test_corpus_round_trips_exactly(analysis) -> None:
    ids = sorted({c.doc for c in analysis.claims})
    numbers = {d: i for i, d in enumerate(ids)}
    blobs = [codec.pack(codec.dumps(codec.encode_value(c, numbers)).encode()) for c in analysis.claims]
    back = codec.loads(b"[" + b",".join(map(codec.unpack, blobs)) + b"]", ids)
    assert back == list(analysis.claims)
    # equal is not enough: 4 and 4.0, a tuple and a list, print differently in a report
    assert [repr(c) for c in back] == [repr(c) for c in analysis.claims]
    kinds = {c.kind for c in back}
    assert {"quantity", "edition", "role", "award", "alias", "composition"} <= kinds
    with_parts = [c for c in back if c.parts]
    assert with_parts and all(isinstance(p, Claim) for c in with_parts for p in c.parts)
    assert any(c.number is not None and type(c.number).__name__ == "Quantity" for c in back)


def test_documents_round_trip_with_the_fields_the_file_gives(analysis) -> None:
    for doc in analysis.documents:
        data = codec.loads(codec.dumps(codec.encode_document(doc)))
        assert codec.decode_document(data, id=doc.id, path=doc.path, source=doc.source) == doc
    assert any(doc.sections for doc in analysis.documents)


def test_a_quantity_keeps_every_attribute() -> None:
    quantity = parse_quantity("超過 1,900 間")
    claim = Claim("quantity", "a", 0, 9, quantity.interval, number=quantity, attrs=(("step", 100),))
    back = codec.decode_claim(codec.encode_claim(claim, {"a": 0}), ["a"])
    assert back.number == quantity and repr(back.number) == repr(quantity)
    assert back.value == Interval(1900, 2000, lo_open=True) and back.attr("step") == 100


values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text()
    | st.dates()
    | st.builds(Interval, st.floats(allow_nan=False), st.floats(allow_nan=False), st.booleans(), st.booleans())
    | st.sampled_from(list(Section))
    | st.builds(SectionSpan, st.sampled_from(list(Section)), st.integers(0, 10**6), st.integers(0, 10**6)),
    lambda inner: st.lists(inner, max_size=4) | st.tuples(inner, inner)
    | st.dictionaries(st.text(max_size=3), inner, max_size=3),
    max_leaves=20,
)


@given(values)
def test_any_value_round_trips_with_its_types(value) -> None:
    back = codec.loads(codec.dumps(codec.encode_value(value)))
    assert _typed(back) == _typed(value)


def _typed(value):
    """The value with the type of every part spelled out (so 1 != 1.0, () != [])."""
    if isinstance(value, float):
        return ("float", "nan" if math.isnan(value) else repr(value))
    if isinstance(value, list | tuple):
        return (type(value).__name__, [_typed(v) for v in value])
    if isinstance(value, dict):
        return ("dict", [(k, _typed(v)) for k, v in value.items()])
    return (type(value).__name__, value)


@pytest.mark.parametrize("stored", [
    '{"o": "os:system", "f": [["command", "echo hi"]]}',
    '{"o": "builtins:eval", "f": []}',
    '{"o": "factcheck.engine:check", "f": []}',
    '{"e": "subprocess:Popen", "v": 1}',
    '{"o": "factcheck.nothing:Here", "f": []}',
])
def test_stored_data_can_only_build_factcheck_records(stored: str) -> None:
    with pytest.raises(codec.CodecError):
        codec.loads(stored)


@pytest.mark.parametrize("stored", [
    '{"I": [1, "two", false, false]}',
    '{"C": {"kind": "quantity", "doc": 3, "start": 0, "end": 1, "value": 1}}',
    '{"C": {"kind": "quantity", "doc": 0, "start": 0, "end": 1, "value": 1, "colour": "red"}}',
    '{"date": "2023-13-45"}',
    '[1, 2',
])
def test_damaged_records_are_refused(stored: str) -> None:
    with pytest.raises(codec.CodecError):
        codec.loads(stored, ["only"])


def test_damaged_compressed_records_are_refused() -> None:
    blob = codec.pack(b'{"C":{"kind":"quantity"}}')
    with pytest.raises(codec.CodecError):
        codec.unpack(blob[:-3])
    with pytest.raises(codec.CodecError):
        codec.unpack(b"\x00" + blob)


def test_dates_and_plain_dicts_cannot_pass_for_each_other() -> None:
    value = {"date": "2023-09-13", "t": [1]}
    assert codec.loads(codec.dumps(codec.encode_value(value))) == value
    assert codec.loads(codec.dumps(codec.encode_value(datetime.date(2023, 9, 13)))) == datetime.date(2023, 9, 13)


def test_every_claim_round_trips_as_a_row_too(analysis) -> None:
    ids = sorted({c.doc for c in analysis.claims})
    numbers = {d: i for i, d in enumerate(ids)}
    rows = [codec.encode_row(n, c, numbers) for n, c in enumerate(analysis.claims)]
    back = codec.decode_rows(json.loads(codec.dumps(rows)), ids)
    assert [n for n, _ in back] == list(range(len(rows)))
    assert [repr(c) for _, c in back] == [repr(c) for c in analysis.claims]
    assert {c.kind for c in analysis.claims} >= {"alias", "award", "name_link", "doc_profile"}
