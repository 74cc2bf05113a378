"""Claims read from short releases: tests/extract/cases/*.toml.

Each case gives a release text and the claims that must be read from it, by kind, quoted text
(the original text of the claim's span), metric and value; `absent` lists quotes that must not be
read as claims of that kind. Known misses carry `xfail = "why"`.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from factcheck.extract import LINK_KINDS, extract
from factcheck.ingest import read_text
from factcheck.lexicon import builtin_lexicon
from factcheck.model import Interval
from factcheck.normalize import normalize

CASES = Path(__file__).parent / "cases"


def _cases():
    for path in sorted(CASES.glob("*.toml")):
        for case in tomllib.loads(path.read_text(encoding="utf-8"))["case"]:
            marks = [pytest.mark.xfail(reason=case["xfail"], strict=True)] if "xfail" in case else []
            yield pytest.param(case, id=f"{path.stem}_{case['id']}", marks=marks)


def _claims(text: str):
    lexicon = builtin_lexicon()
    out = []
    for doc in read_text(text, name="doc"):
        for claim in extract(normalize(doc), lexicon):
            if claim.kind not in LINK_KINDS:
                out.append((claim, doc.source[claim.start : claim.end]))
    return out


def _value(claim) -> object:
    if isinstance(claim.value, Interval):
        return str(claim.value)
    return claim.value


@pytest.mark.parametrize("case", list(_cases()))
def test_extract_case(case: dict) -> None:
    claims = _claims(case["text"])
    for want in case.get("claims", []):
        found = [c for c, quote in claims if c.kind == want["kind"] and quote == want["quote"]]
        assert found, f"no {want['kind']} claim quoting {want['quote']!r}; read: " + repr(
            [(c.kind, q) for c, q in claims])
        claim = found[0]
        for field in ("metric", "subject", "scope"):
            if field in want:
                assert getattr(claim, field) == want[field], (field, getattr(claim, field))
        if "value" in want:
            assert _value(claim) == want["value"]
        for key, value in want.get("attrs", {}).items():
            assert claim.attr(key) == value, (key, claim.attr(key))
    for absent in case.get("absent", []):
        assert not [c for c, quote in claims if c.kind == absent["kind"] and quote == absent["quote"]], absent
