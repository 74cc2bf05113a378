"""The generic rule runners work once rules and cases exist: run them in a separate pytest on a
temporary rules/ folder with one rule of the test-only kind, and check what passes and fails."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from fakes import write_rule

HERE = Path(__file__).parent
TESTS = HERE.parent

CONFTEST = f"""
import sys
from pathlib import Path
sys.path.insert(0, {str(TESTS)!r})
from fakes import SAME_VALUE, fake_extract
import factcheck.engine, factcheck.resources, factcheck.rulebook
from factcheck.checks import CHECKS

RULES = Path(__file__).parent / "rules"
CHECKS[SAME_VALUE.name] = SAME_VALUE
factcheck.engine.extract = fake_extract
factcheck.resources.builtin_rules_dir = lambda: RULES
factcheck.rulebook.builtin_rules_dir = lambda: RULES
"""

CASES = """\
rule = "TS01"

[[case]]
id = "pass_same_value"
docs.zh = "共有150個項目參賽。"
docs.en = "150 projects took part."
expect = []

[[case]]
id = "fail_zh_en_differ"
docs.zh = "共有150個項目參賽。"
docs.en = "148 projects took part."
expect = [{ code = "TS01", doc = "en", quote = "148 projects" }]

[[case]]
id = "pass_within_tolerance"
params = { tolerance = 2 }
docs.zh = "共有150個項目參賽。"
docs.en = "148 projects took part."
expect = []

[[case]]
id = "fail_colloquial"
xfail = "written-out numbers are not read by the test extractor"
docs.zh = "共有一百五十個項目參賽。"
docs.en = "148 projects took part."
expect = [{ code = "TS01", doc = "en", quote = "148 projects" }]
"""


def run_suite(folder: Path) -> tuple[int, str]:
    for name in ("test_rule_files.py", "test_rule_cases.py"):
        shutil.copy(HERE / name, folder / name)
    (folder / "conftest.py").write_text(CONFTEST, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-rA", "-p", "no:cacheprovider", "--rootdir", str(folder), str(folder)],
        capture_output=True, text=True, cwd=folder, check=False,
    )
    return result.returncode, result.stdout + result.stderr


@pytest.fixture
def suite(tmp_path: Path) -> Path:
    write_rule(tmp_path / "rules", "TS01")
    (tmp_path / "cases").mkdir()
    (tmp_path / "cases" / "TS01.toml").write_text(CASES, encoding="utf-8")
    return tmp_path


def test_runners_pass_on_a_complete_rule(suite: Path) -> None:
    code, output = run_suite(suite)
    assert code == 0, output
    for test_id in ("test_rule_case[TS01_pass_same_value]", "test_rule_case[TS01_fail_zh_en_differ]",
                    "test_rule_case[TS01_pass_within_tolerance]", "test_doc_bad_triggers_the_rule[TS01]",
                    "test_doc_good_does_not_trigger_the_rule[TS01]", "test_rule_has_pass_and_fail_cases[TS01]"):
        assert f"PASSED test_rule_cases.py::{test_id}" in output or f"PASSED test_rule_files.py::{test_id}" in output
    assert "XFAIL test_rule_cases.py::test_rule_case[TS01_fail_colloquial]" in output


def test_runners_fail_on_wrong_expectations_fixed_misses_and_bad_docs(suite: Path) -> None:
    cases = suite / "cases" / "TS01.toml"
    text = CASES.replace('quote = "148 projects" }]\n\n[[case]]\nid = "pass_within',
                         'quote = "148 projects took" }]\n\n[[case]]\nid = "pass_within')
    text = text.replace("共有一百五十個項目參賽。", "共有150個項目參賽。")  # the known miss now passes
    text += '\n[[case]]\nid = "differ"\ndocs.en = "x"\nexpect = []\n'
    cases.write_text(text, encoding="utf-8")
    rule = suite / "rules" / "test" / "TS01.toml"
    rule.write_text(rule.read_text(encoding="utf-8").replace('en = "150 projects took part."',
                                                             'en = "151 projects took part."'), encoding="utf-8")
    code, output = run_suite(suite)
    assert code == 1
    assert "FAILED test_rule_cases.py::test_rule_case[TS01_fail_zh_en_differ]" in output
    assert "[XPASS(strict)]" in output and "TS01_fail_colloquial" in output
    assert "FAILED test_rule_cases.py::test_rule_case[TS01_invalid_5]" in output
    assert "case id 'differ' must start with pass_ or fail_" in output
    assert "FAILED test_rule_files.py::test_doc_good_does_not_trigger_the_rule[TS01]" in output


def test_runners_skip_cleanly_without_rules(tmp_path: Path) -> None:
    (tmp_path / "rules").mkdir()
    code, output = run_suite(tmp_path)
    assert code == 0, output
    assert "no rule files under rules/ yet" in output and "no rule cases under tests/rules/cases/ yet" in output
    assert "3 passed, 5 skipped" in output
