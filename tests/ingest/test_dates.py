"""Release dates in all their real forms (cases in cases/dates.toml)."""

import tomllib
from pathlib import Path

import pytest

from factcheck.ingest import read_text

CASES = tomllib.loads((Path(__file__).parent / "cases" / "dates.toml").read_text(encoding="utf-8"))["case"]


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_release_date(case: dict) -> None:
    (doc,) = read_text(case["text"], name=case["id"])
    assert (str(doc.date) if doc.date else "", doc.date_how) == (case["date"], case["how"])
