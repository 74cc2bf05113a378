"""Every built-in rule file under rules/: it loads, its code is unique and equals the file stem,
its name is kebab-case, its [doc] has what/why/bad/good, doc.bad triggers the rule and doc.good
does not (through factcheck.check_texts), and it has a case file with pass_ and fail_ cases.

While rules/ holds no rule files yet, the per-rule tests are skipped with that reason.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

import factcheck
from factcheck.resources import builtin_rules_dir
from factcheck.rulebook import NAME_RE, load_rule_file, load_rules, rule_files

RULES_DIR = builtin_rules_dir()
CASES_DIR = Path(__file__).parent / "cases"
RULE_FILES = rule_files(RULES_DIR)


def per_rule() -> list:
    if not RULE_FILES:
        return [pytest.param(None, id="no-rules", marks=pytest.mark.skip(reason="no rule files under rules/ yet"))]
    return [pytest.param(path, id=path.stem) for path in RULE_FILES]


def test_the_builtin_rule_set_loads_with_unique_codes() -> None:
    ruleset = load_rules()
    assert list(ruleset.codes) == sorted(path.stem for path in RULE_FILES)
    assert len(set(ruleset.codes)) == len(ruleset.codes)
    assert len(ruleset.version) == 16


def test_case_files_belong_to_existing_rules() -> None:
    codes = {path.stem for path in RULE_FILES}
    for path in sorted(CASES_DIR.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        assert data.get("rule") == path.stem, f"{path}: rule = {data.get('rule')!r} must equal the file name"
        assert path.stem in codes, f"{path}: there is no rule {path.stem} under rules/"


@pytest.mark.parametrize("path", per_rule())
def test_rule_file_is_complete(path: Path) -> None:
    rule = load_rule_file(path)
    assert rule.code == path.stem
    assert NAME_RE.match(rule.name), f"{rule.code}: name {rule.name!r} is not kebab-case"
    assert rule.doc.what and rule.doc.why
    assert rule.doc.bad, f"{path}: [doc.bad] is missing (an example the rule must flag)"
    assert rule.doc.good, f"{path}: [doc.good] is missing (an example the rule must not flag)"
    assert path.parent != RULES_DIR / "lexicon"


@pytest.mark.parametrize("path", per_rule())
def test_doc_bad_triggers_the_rule(path: Path) -> None:
    rule = load_rule_file(path)
    findings = factcheck.check_texts(dict(rule.doc.bad), select=[rule.code])
    assert [f for f in findings if f.rule == rule.code], f"{rule.code}: [doc.bad] gives no finding"


@pytest.mark.parametrize("path", per_rule())
def test_doc_good_does_not_trigger_the_rule(path: Path) -> None:
    rule = load_rule_file(path)
    findings = factcheck.check_texts(dict(rule.doc.good), select=[rule.code])
    assert [f.message for f in findings if f.rule == rule.code] == []


@pytest.mark.parametrize("path", per_rule())
def test_rule_has_pass_and_fail_cases(path: Path) -> None:
    cases_path = CASES_DIR / f"{path.stem}.toml"
    assert cases_path.is_file(), f"{path.stem}: write tests/rules/cases/{path.stem}.toml"
    cases = tomllib.loads(cases_path.read_text(encoding="utf-8")).get("case", [])
    ids = [case.get("id", "") for case in cases]
    assert any(i.startswith("pass_") for i in ids), f"{cases_path}: needs at least one pass_ case"
    assert any(i.startswith("fail_") for i in ids), f"{cases_path}: needs at least one fail_ case"
