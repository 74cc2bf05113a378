"""Run every case in tests/rules/cases/<CODE>.toml (one file per rule; schema in rules/README.md).

A case gives documents inline (``docs.<id> = "text"``), optional ``params`` overrides and the
expected findings as quotes of the original text: ``{ code = "NU01", doc = "en", quote = "…" }``.
A finding matches an expectation when it is of that rule and any of its evidence spans in that
document quotes exactly that text. Findings and expectations must pair one to one. Test ids are
``<CODE>_<case id>`` (``pytest -k NU01``); ``xfail = "reason"`` marks a known miss, strictly.
"""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

import factcheck
from factcheck.model import Evidence, Finding, Severity

CASES_DIR = Path(__file__).parent / "cases"
FILE_KEYS = {"rule", "case"}
CASE_KEYS = {"id", "docs", "expect", "params", "xfail", "note"}
EXPECT_KEYS = {"code", "rule", "doc", "quote"}


def case_problem(path: Path, case: Any, seen: set[str]) -> str | None:
    """What is wrong with one case entry, if anything (reported as a failing test)."""
    if not isinstance(case, dict):
        return f"{path}: every [[case]] must be a table"
    unknown = set(case) - CASE_KEYS
    if unknown:
        return f"{path}: case {case.get('id')!r}: unknown keys {sorted(unknown)}; use {sorted(CASE_KEYS)}"
    case_id = case.get("id")
    if not isinstance(case_id, str) or not case_id.startswith(("pass_", "fail_")):
        return f"{path}: case id {case_id!r} must start with pass_ or fail_"
    if case_id in seen:
        return f"{path}: case id {case_id!r} is used twice"
    docs = case.get("docs")
    if not isinstance(docs, dict) or not docs or not all(isinstance(v, str) for v in docs.values()):
        return f"{path}: case {case_id}: docs must be a table of document id -> text"
    expect = case.get("expect")
    if not isinstance(expect, list):
        return f"{path}: case {case_id}: expect = [...] is required (empty for pass_ cases)"
    if case_id.startswith("pass_") and expect:
        return f"{path}: case {case_id}: a pass_ case expects no findings"
    if case_id.startswith("fail_") and not expect:
        return f"{path}: case {case_id}: a fail_ case expects at least one finding"
    for item in expect:
        if not isinstance(item, dict) or set(item) - EXPECT_KEYS or not {"doc", "quote"} <= set(item) \
                or len({"code", "rule"} & set(item)) != 1:
            return f"{path}: case {case_id}: each expectation is {{ code = ..., doc = ..., quote = ... }}"
        if item["doc"] not in docs:
            return f"{path}: case {case_id}: no document {item['doc']!r} in docs"
        if item["quote"] not in docs[item["doc"]]:
            return f"{path}: case {case_id}: {item['quote']!r} does not occur in docs.{item['doc']}"
    return None


def load_cases() -> list:
    params = []
    for path in sorted(CASES_DIR.glob("*.toml")):
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            params.append(pytest.param(path.stem, {"problem": f"{path}: invalid TOML: {exc}"}, id=f"{path.stem}_file"))
            continue
        code = data.get("rule")
        problem = None
        if set(data) - FILE_KEYS:
            problem = f"{path}: unknown keys {sorted(set(data) - FILE_KEYS)}; use rule and [[case]]"
        elif code != path.stem:
            problem = f"{path}: rule = {code!r} must equal the file name"
        if problem:
            params.append(pytest.param(path.stem, {"problem": problem}, id=f"{path.stem}_file"))
            continue
        seen: set[str] = set()
        for number, case in enumerate(data.get("case", []), 1):
            problem = case_problem(path, case, seen)
            if problem:
                params.append(pytest.param(code, {"problem": problem}, id=f"{code}_invalid_{number}"))
                continue
            seen.add(case["id"])
            marks = [pytest.mark.xfail(reason=case["xfail"], strict=True)] if "xfail" in case else []
            params.append(pytest.param(code, case, id=f"{code}_{case['id']}", marks=marks))
    if not params:
        return [pytest.param(None, None, id="no-cases",
                             marks=pytest.mark.skip(reason="no rule cases under tests/rules/cases/ yet"))]
    return params


def matches(finding: Finding, want: dict[str, str]) -> bool:
    code = want.get("code", want.get("rule"))
    return finding.rule == code and any(e.doc == want["doc"] and e.text == want["quote"] for e in finding.evidence)


def pair(findings: Sequence[Finding], expected: Sequence[dict[str, str]]) -> bool:
    """Is there a one-to-one pairing of findings and expectations (bipartite matching)?"""
    if len(findings) != len(expected):
        return False
    owner: dict[int, int] = {}  # expectation index -> finding index

    def place(i: int, visited: set[int]) -> bool:
        for j, want in enumerate(expected):
            if j in visited or not matches(findings[i], want):
                continue
            visited.add(j)
            if j not in owner or place(owner[j], visited):
                owner[j] = i
                return True
        return False

    return all(place(i, set()) for i in range(len(findings)))


def describe(findings: Sequence[Finding]) -> list[str]:
    return [f"{f.rule} {[(e.doc, e.text) for e in f.evidence]}: {f.message}" for f in findings]


@pytest.mark.parametrize(("code", "case"), load_cases())
def test_rule_case(code: str, case: dict[str, Any]) -> None:
    if "problem" in case:
        pytest.fail(case["problem"], pytrace=False)
    findings = factcheck.check_texts(case["docs"], select=[code], params=case.get("params"))
    assert pair(findings, case["expect"]), (
        f"expected {case['expect']}\n got {describe(findings)}")


def test_pairing_is_one_to_one() -> None:
    def finding(*quotes: tuple[str, str]) -> Finding:
        evidence = tuple(Evidence(doc, doc, 1, 0, len(q), q) for doc, q in quotes)
        return Finding("NU01", "n", Severity.ERROR, "m", "s", "m", evidence)

    both = finding(("zh", "約150個"), ("en", "148 projects"))
    only_en = finding(("en", "148 projects"))
    want_en = {"code": "NU01", "doc": "en", "quote": "148 projects"}
    want_zh = {"code": "NU01", "doc": "zh", "quote": "約150個"}
    assert pair([both], [want_zh]) and pair([both], [want_en])  # any evidence span may match
    assert pair([only_en, both], [want_en, want_zh])  # needs the pairing, not greedy order
    assert not pair([both, only_en], [want_en])  # an unexpected finding fails
    assert not pair([only_en], [want_en, want_en])  # each expectation needs its own finding
    assert not pair([only_en], [{"rule": "NU02", "doc": "en", "quote": "148 projects"}])
    assert pair([], [])
