"""Every input fuzz/fuzz_ingest_numbers.py found failing, kept as a regression test: it goes
through the fuzzer's own checks (ingest, numbers, normalisation) and the whole pipeline."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from factcheck import check_texts

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "fuzz"))
from fuzz_ingest_numbers import check_decode, check_text  # noqa: E402

# (what the fuzzer found, the input)
FOUND = {
    # a ratio whose first term has hundreds of digits: float() overflowed in numbers._to_number
    "ratio of a 400-digit number": "1" * 400 + ":9",
    # a ratio term past Python's 4,300-digit limit for int(str): ValueError in numbers._h_ratio
    "ratio of a 10,001-digit number": "9" * 10_001 + ":1",
    "ratio of two long numbers": "1" * 400 + ":" + "9" * 5_000,
    # a fraction whose denominator is past the int(str) limit: ValueError in _read_fraction_tail
    "fraction over a 10,001-digit number": "1/2" + "9" * 10_000,
    "mixed fraction over a long number": "3 1/" + "7" * 5_000,
}


@pytest.mark.parametrize("text", list(FOUND.values()), ids=list(FOUND))
def test_fuzz_finding_stays_fixed(text: str) -> None:
    check_text(text)
    check_decode(text.encode("utf-8", "surrogatepass"))
    assert isinstance(check_texts({"a": text}), list)
