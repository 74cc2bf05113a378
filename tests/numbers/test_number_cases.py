"""Run the table-driven number cases in tests/numbers/cases/*.toml.

Each ``[[case]]`` gives a text and the quantities ``find_quantities`` must return, in order; a
case lists every quantity found (a missing or extra one fails). Only the keys written in an
expected quantity are compared, so a case says exactly what it is about:

- ``text`` the quoted span; ``number`` the numeral alone (``text[number_start:number_end]``)
- ``value``, ``kind``, ``qualifier``, ``unit``, ``step``, ``scale``, ``terms``
- ``interval`` the interval as ``factcheck.model.Interval`` prints it: "[140,160]", "(1900,2000]"

``false`` stands for ``None`` (TOML has no null): ``unit = false`` means no unit was read.

Each ``[[parse]]`` is one phrase for ``parse_quantity`` (``none = true``: it is not one number).
``xfail = "why"`` marks a known miss; it fails the run once it passes (strict xfail).
"""

from __future__ import annotations

import math
import tomllib
from pathlib import Path
from typing import Any

import pytest

from factcheck.numbers import Quantity, find_quantities, parse_quantity

CASES = Path(__file__).parent / "cases"
KEYS = {"text", "number", "value", "kind", "qualifier", "unit", "step", "scale", "terms", "interval"}


def _load(table: str) -> list[Any]:
    params = []
    for path in sorted(CASES.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for case in data.get(table, []):
            marks = [pytest.mark.xfail(reason=case["xfail"], strict=True)] if "xfail" in case else []
            params.append(pytest.param(case, id=f"{path.stem}-{case['id']}", marks=marks))
    return params


def _actual(q: Quantity, text: str, key: str) -> Any:
    if key == "number":
        return text[q.number_start:q.number_end]
    if key == "interval":
        return str(q.interval)
    if key == "terms":
        return list(q.terms) if q.terms is not None else None
    return getattr(q, key)


def _same(got: Any, want: Any) -> bool:
    if want is False:
        return got is None
    if isinstance(want, float) or isinstance(got, float):
        return got is not None and math.isclose(got, want, rel_tol=1e-12, abs_tol=1e-12)
    if isinstance(want, int) and not isinstance(want, bool):
        return type(got) is int and got == want  # an integral value must come back as an int
    return got == want


def _check(q: Quantity, text: str, want: dict[str, Any]) -> list[str]:
    unknown = set(want) - KEYS
    assert not unknown, f"unknown keys in case: {sorted(unknown)}"
    return [f"{key}: got {_actual(q, text, key)!r}, want {value!r}"
            for key, value in want.items() if not _same(_actual(q, text, key), value)]


def _show(found: list[Quantity]) -> str:
    return "; ".join(f"{q.text!r}={q.value!r} {q.kind}/{q.qualifier}/{q.unit} {q.interval}" for q in found)


@pytest.mark.parametrize("case", _load("case"))
def test_find_quantities(case: dict[str, Any]) -> None:
    text = case["text"]
    found = find_quantities(text)
    want = case["expect"]
    assert len(found) == len(want), f"found {len(found)}: {_show(found)}"
    problems = []
    for i, (q, w) in enumerate(zip(found, want, strict=True)):
        assert text[q.start:q.end] == q.text
        problems += [f"#{i} {q.text!r} {p}" for p in _check(q, text, w)]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("case", _load("parse"))
def test_parse_quantity(case: dict[str, Any]) -> None:
    q = parse_quantity(case["text"])
    if case.get("none"):
        assert q is None, f"read {q!r}"
        return
    assert q is not None, f"not one number: {_show(find_quantities(case['text']))}"
    problems = _check(q, case["text"], case["expect"])
    assert not problems, "\n".join(problems)
