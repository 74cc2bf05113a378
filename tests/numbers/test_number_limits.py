"""Hostile input: the work stays bounded (no catastrophic backtracking, no runaway numbers).

These tests assert results, not timings; a regression to super-linear work shows up as a test
run that never ends.
"""

from __future__ import annotations

import random

import pytest

from factcheck.numbers import find_quantities, parse_quantity

MB = 1_000_000


def _offsets_hold(text: str) -> list:
    found = find_quantities(text)
    end = 0
    for q in found:
        assert text[q.start:q.end] == q.text
        assert q.start >= end
        end = q.end
    return found


def test_ten_thousand_digit_number_is_one_identifier() -> None:
    text = "7" * 10_000
    found = find_quantities(text)
    assert [(q.start, q.end, q.kind, q.value) for q in found] == [(0, 10_000, "identifier", None)]


def test_ten_thousand_digit_number_with_separators() -> None:
    text = "1" + ",000" * 3_000 + " 間"
    found = find_quantities(text)
    assert len(found) == 1
    assert found[0].kind == "identifier" and found[0].value is None


def test_megabyte_of_digits_and_commas() -> None:
    rng = random.Random(2)
    text = "".join(rng.choice("0123456789,") for _ in range(MB))
    found = _offsets_hold(text)
    assert found, "a megabyte of digits holds numbers"
    assert all(q.kind in ("cardinal", "year", "identifier") for q in found)


def test_megabyte_of_repeated_chinese_digits() -> None:
    text = "一二三" * (MB // 3)
    found = find_quantities(text)
    assert [(q.start, q.end, q.kind) for q in found] == [(0, len(text), "identifier")]


def test_long_runs_of_scales_and_words() -> None:
    for text in ("萬" * 20_000, "億萬" * 10_000, "十" * 20_000, "百分之" * 10_000, "第" * 50_000 + "一",
                 "one hundred and " * 2_000, "1e999 " * 1_000, "9^999^9 " * 1_000, "-" * 50_000 + "5",
                 "1" + ".2" * 20_000, "一 " * 20_000, "2345 6789 " * 5_000, "約150個，" * 5_000):
        found = _offsets_hold(text)
        assert all(q.value is None or abs(q.value) < 1e101 for q in found)


def test_huge_values_are_not_amounts() -> None:
    q = parse_quantity("1e999")
    assert q is None or q.value is None or q.value < 1e101
    assert find_quantities("萬" * 40) and all(q.value is None or q.value < 1e101 for q in find_quantities("萬" * 40))


def test_bytes_are_refused_with_a_clear_message() -> None:
    with pytest.raises(TypeError, match="reads a str, not bytes; decode bytes first"):
        find_quantities("約150個".encode())
    with pytest.raises(TypeError, match="parse_quantity"):
        parse_quantity(None)  # type: ignore[arg-type]


def test_empty_and_blank_text() -> None:
    assert find_quantities("") == []
    assert find_quantities(" \n\t") == []
    assert parse_quantity("") is None
