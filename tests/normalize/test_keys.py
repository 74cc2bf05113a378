"""Comparison keys (cases in cases/keys.toml) and the small text functions."""

import tomllib
from pathlib import Path

import pytest

from factcheck.normalize.steps import fold_width, name_key, person_key, text_key, to_simplified

CASES = tomllib.loads((Path(__file__).parent / "cases" / "keys.toml").read_text(encoding="utf-8"))


def _ids(kind: str) -> list:
    return [pytest.param(c, id=c["id"]) for c in CASES[kind]]


@pytest.mark.parametrize("case", _ids("name_same"))
def test_name_key_joins_spellings_of_one_organisation(case) -> None:
    keys = {name: name_key(name) for name in case["names"]}
    assert len(set(keys.values())) == 1, keys


@pytest.mark.parametrize("case", _ids("name_different"))
def test_name_key_keeps_different_organisations_apart(case) -> None:
    assert name_key(case["a"]) != name_key(case["b"])


@pytest.mark.parametrize("case", _ids("person_same"))
def test_person_key_joins_forms_of_one_name(case) -> None:
    keys = {name: person_key(name) for name in case["names"]}
    assert len(set(keys.values())) == 1, keys


@pytest.mark.parametrize("case", _ids("person_different"))
def test_person_key_keeps_people_apart(case) -> None:
    assert person_key(case["a"]) != person_key(case["b"])


@pytest.mark.parametrize(
    ("a", "b"),
    [("說", "説"), ("產", "産"), ("爲", "為"), ("週", "周"), ("香港特別行政區", "香港特别行政区"), ("裏", "裡")],
)
def test_variant_characters_share_a_text_key(a, b) -> None:
    assert text_key(a) == text_key(b)


def test_name_key_never_empties_a_name() -> None:
    assert name_key("Company Limited") == "company limited"
    assert name_key("有限公司") == "有限公司"


def test_small_functions_keep_ascii_untouched() -> None:
    assert fold_width("Cyberport 2023") == to_simplified("Cyberport 2023") == "Cyberport 2023"
