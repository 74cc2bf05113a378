"""Rule files: loading, strict validation with file:line and did-you-mean, selection, overrides."""

from __future__ import annotations

from pathlib import Path

import pytest
from fakes import RULE_TOML, SameValueParams, write_rule

from factcheck.errors import ConfigError, FactcheckError, RuleFileError
from factcheck.model import Severity
from factcheck.rulebook import load_rule_file, load_rules

pytestmark = pytest.mark.usefixtures("fake_kind")


def rule_text(**changes: str) -> str:
    text = RULE_TOML.format(code="TS01", name="quantity-differs", severity="error", status="stable")
    for old, new in changes.items():
        text = text.replace(old.replace("__", " "), new)
    return text


def load_error(tmp_path: Path, text: str, code: str = "TS01") -> RuleFileError:
    path = write_rule(tmp_path / "r", code, text=text)
    with pytest.raises(RuleFileError) as caught:
        load_rules([tmp_path / "r"], builtin=False)
    assert caught.value.path == str(path)
    return caught.value


def test_a_valid_rule_file_loads_into_a_frozen_rule(tmp_path: Path) -> None:
    path = write_rule(tmp_path, "TS01")
    rule = load_rule_file(path)
    assert (rule.code, rule.name, rule.check, rule.severity, rule.status) == (
        "TS01", "quantity-differs", "same-value", Severity.ERROR, "stable")
    assert rule.params == SameValueParams(tolerance=0.0)
    assert isinstance(rule.params.tolerance, float)  # integer 0 widened to the declared float
    assert dict(rule.match) == {"claim": "quantity", "across": "documents", "markers": ()}
    assert rule.doc.bad == {"zh": "共有150個項目參賽。", "en": "148 projects took part."}
    assert rule.doc.what == "Flags quantities that differ."
    assert rule.path == str(path) and rule.family == "TS" and not rule.preview
    with pytest.raises(AttributeError):
        rule.code = "XX01"  # type: ignore[misc]
    with pytest.raises(TypeError):
        rule.match["claim"] = "edition"  # type: ignore[index]


def test_unknown_top_level_key_names_file_line_and_suggestion(tmp_path: Path) -> None:
    err = load_error(tmp_path, rule_text(status="severty"))
    assert str(err) == f"{err.path}:6: severty: unknown key; did you mean 'severity'?"


def test_unknown_param_is_reported_like_vale(tmp_path: Path) -> None:
    err = load_error(tmp_path, rule_text(tolerance__=  "tolerence "))
    assert str(err) == f"{err.path}:10: [params] tolerence: unknown key; did you mean 'tolerance'?"


def test_unknown_param_without_a_close_match_lists_the_known_keys(tmp_path: Path) -> None:
    err = load_error(tmp_path, rule_text(tolerance__= "colour "))
    assert err.line == 10
    assert err.hint == "known keys: enabled, labels, max_items, mode, skip_pattern, tolerance"


def test_unknown_match_key(tmp_path: Path) -> None:
    text = rule_text().replace("[params]", '[match]\nacross = "documents"\nsame_unti = true\n\n[params]')
    err = load_error(tmp_path, text)
    assert str(err) == f"{err.path}:11: [match] same_unti: unknown key; known keys: across, claim, markers"


def test_match_value_type_is_checked(tmp_path: Path) -> None:
    text = rule_text().replace("[params]", "[match]\nacross = 2\n\n[params]")
    err = load_error(tmp_path, text)
    assert str(err) == f"{err.path}:10: [match] across: expected a string, got integer 2"


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ('tolerance = "small"', "[params] tolerance: expected a number, got string 'small'"),
        ("max_items = 2.5", "[params] max_items: expected an integer, got float 2.5"),
        ('enabled = "yes"', "[params] enabled: expected true or false, got string 'yes'"),
        ("labels = [1, 2]", "[params] labels: expected a string, got integer 1"),
        ('labels = "a"', "[params] labels: expected an array, got string 'a'"),
        ('mode = "fuzzy"', "[params] mode: expected one of 'strict', 'loose', got 'fuzzy'"),
    ],
)
def test_param_types_are_checked(tmp_path: Path, params: str, message: str) -> None:
    err = load_error(tmp_path, rule_text(**{"tolerance = 0": params}))
    assert str(err) == f"{err.path}:10: {message}"


def test_params_decode_into_the_kind_dataclass(tmp_path: Path) -> None:
    text = rule_text(**{"tolerance = 0": 'tolerance = 2\nmode = "loose"\nlabels = ["項目", "projects"]\nmax_items = 3'})
    rule = load_rule_file(write_rule(tmp_path, text=text))
    assert rule.params == SameValueParams(tolerance=2.0, mode="loose", labels=("項目", "projects"), max_items=3)


def test_a_regex_param_that_does_not_compile_is_an_error_with_its_line(tmp_path: Path) -> None:
    err = load_error(tmp_path, rule_text(**{"tolerance = 0": 'tolerance = 0\nskip_pattern = "共(計"'}))
    assert err.line == 11
    assert "[params] skip_pattern: invalid regular expression '共(計': missing ), unterminated subpattern" in str(err)


def test_unknown_check_kind_suggests_the_closest(tmp_path: Path) -> None:
    err = load_error(tmp_path, rule_text(**{'"same-value"': '"same-valeu"'}))
    assert str(err) == f"{err.path}:4: check: unknown check kind 'same-valeu'; did you mean 'same-value'?"


@pytest.mark.parametrize(
    ("old", "new", "line", "message"),
    [
        ('severity = "error"', 'severity = "eror"', 5, "severity: unknown severity 'eror'; did you mean 'error'?"),
        ('status = "stable"', 'status = "beta"', 6, "status: unknown status 'beta'; use one of stable, preview"),
        ('name = "quantity-differs"', 'name = "Quantity_Differs"', 2,
         "name: 'Quantity_Differs' is not kebab-case (lower-case words joined by '-')"),
        ('code = "TS01"', 'code = "TS02"', 1,
         "code: 'TS02' does not match the file name 'TS01.toml'; rename the file to TS02.toml or set code = 'TS01'"),
        ('message = "{metric}: {values}"', 'message = "{metric}: {valeus}"', 7,
         "message: unknown slot {valeus}; did you mean 'values'?"),
        ('message = "{metric}: {values}"', 'message = "{rule.code}"', 7,
         "message: slot {rule.code}: only plain names, no attribute access or indexing"),
        ('what = "Flags quantities that differ."', 'wat = "x"', 13, "[doc] wat: unknown key; did you mean 'what'?"),
        ('zh = "共有150個項目參賽。"\nen = "148', 'zh = 5\nen = "148', 17,
         "[doc.bad] zh: expected the non-empty text of an example release"),
    ],
)
def test_schema_errors_point_at_the_key(tmp_path: Path, old: str, new: str, line: int, message: str) -> None:
    text = rule_text()
    assert old in text
    err = load_error(tmp_path, text.replace(old, new, 1))
    assert str(err) == f"{err.path}:{line}: {message}"


def test_missing_required_keys(tmp_path: Path) -> None:
    err = load_error(tmp_path, rule_text(**{'summary = "Aligned quantities differ."\n': ""}))
    assert str(err) == f"{err.path}: missing required key 'summary'"
    err = load_error(tmp_path, rule_text(**{'why = "Readers get different facts."\n': ""}))
    assert str(err) == f"{err.path}: [doc] is missing 'why'"


def test_toml_syntax_error_reports_tomllib_line(tmp_path: Path) -> None:
    err = load_error(tmp_path, rule_text(**{"tolerance = 0": "tolerance = = 0"}))
    assert err.line == 10
    assert str(err).startswith(f"{err.path}:10: invalid TOML: Invalid value (column 13)")


def test_a_code_defined_twice_names_both_files(tmp_path: Path) -> None:
    first = write_rule(tmp_path / "a", "TS01")
    second = write_rule(tmp_path / "b", "TS01", name="other-name", family="dup")
    with pytest.raises(RuleFileError) as caught:
        load_rules([tmp_path / "a", tmp_path / "b"], builtin=False)
    assert str(caught.value) == f"{second}:1: code: rule TS01 is already defined in {first}"


def test_the_same_folder_given_twice_is_read_once(tmp_path: Path) -> None:
    write_rule(tmp_path / "a", "TS01")
    ruleset = load_rules([tmp_path / "a", tmp_path / "a" / ".." / "a"], builtin=False)
    assert ruleset.codes == ("TS01",)


def test_a_name_used_twice_is_an_error(tmp_path: Path) -> None:
    write_rule(tmp_path / "a", "TS01")
    second = write_rule(tmp_path / "a", "TS02")
    with pytest.raises(RuleFileError) as caught:
        load_rules([tmp_path / "a"], builtin=False)
    assert str(caught.value).startswith(f"{second}:2: name: 'quantity-differs' is already used by TS01")


def test_missing_rule_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FactcheckError, match="rule folder '.*nowhere' does not exist"):
        load_rules([tmp_path / "nowhere"], builtin=False)


def test_lexicon_files_are_not_rules_and_feed_the_version(tmp_path: Path, rule_dir: Path) -> None:
    (rule_dir / "lexicon").mkdir()
    lexicon = rule_dir / "lexicon" / "ranks.toml"
    first = '[ranks]\n"1" = { zh = ["冠軍"], en = ["Champion"] }\n'
    lexicon.write_text(first, encoding="utf-8")
    ruleset = load_rules([rule_dir], builtin=False)
    assert ruleset.codes == ("TS01", "TS02")
    assert ruleset.lexicon.files == (str(lexicon),)
    before = ruleset.version
    lexicon.write_text(first.replace('"冠軍"', '"冠軍", "金獎"'), encoding="utf-8")
    assert load_rules([rule_dir], builtin=False).version != before
    lexicon.write_text(first, encoding="utf-8")
    assert load_rules([rule_dir], builtin=False).version == before


def test_builtin_rules_come_first_and_always_load(rule_dir: Path) -> None:
    from factcheck.resources import builtin_rules_dir

    ruleset = load_rules([rule_dir])
    assert ruleset.dirs[0] == builtin_rules_dir()
    assert {"TS01", "TS02"} <= set(ruleset.codes)
    assert list(ruleset.codes) == sorted(ruleset.codes)


@pytest.mark.parametrize(
    ("select", "ignore", "expected"),
    [
        (None, None, ("TS01", "TS02")),
        (["TS"], None, ("TS01", "TS02")),
        (["ts01"], None, ("TS01",)),
        (["quantity-differs-preview"], None, ("TS02",)),
        (["TS01,TS02"], ["TS02"], ("TS01",)),
        (None, ["TS"], ()),
        (["ALL"], ["quantity-differs"], ("TS02",)),
    ],
)
def test_select_and_ignore_take_codes_prefixes_and_names(rule_dir: Path, select, ignore, expected) -> None:
    assert load_rules([rule_dir], builtin=False, select=select, ignore=ignore).codes == expected


def test_an_unknown_selector_is_an_error_with_a_suggestion(rule_dir: Path) -> None:
    with pytest.raises(FactcheckError) as caught:
        load_rules([rule_dir], builtin=False, select=["TS03"])
    assert str(caught.value) == "--select TS03: unknown rule selector; did you mean 'TS01'?"
    with pytest.raises(FactcheckError) as caught:
        load_rules([rule_dir], builtin=False, ignore=["quantity-diffrs"])
    assert str(caught.value) == "--ignore quantity-diffrs: unknown rule selector; did you mean 'quantity-differs'?"


def test_severity_overrides_and_off(rule_dir: Path) -> None:
    ruleset = load_rules([rule_dir], builtin=False, severity={"TS01": "info", "quantity-differs-preview": "off"})
    assert ruleset.codes == ("TS01",)
    (rule,) = ruleset.rules
    assert rule.severity is Severity.INFO and rule.severity_forced


def test_param_overrides_are_validated_against_the_kind(rule_dir: Path) -> None:
    ruleset = load_rules([rule_dir], builtin=False, params={"TS01": {"tolerance": 5}})
    assert ruleset.get("TS01").params.tolerance == 5.0
    assert ruleset.get("TS02").params.tolerance == 0.0
    with pytest.raises(FactcheckError) as caught:
        load_rules([rule_dir], builtin=False, params={"TS01": {"tolerence": 5}})
    assert str(caught.value) == "params.TS01 tolerence: unknown key; did you mean 'tolerance'?"


def test_override_errors_point_into_the_config_file(tmp_path: Path, rule_dir: Path) -> None:
    config = tmp_path / "factcheck.toml"
    config.write_text('[severity]\nTS01 = "warning"\nTS09 = "off"\n\n[params.TS01]\ntolerance = "x"\n',
                      encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_rules([rule_dir], builtin=False, params={"TS01": {"tolerance": "x"}}, config_path=config)
    assert str(caught.value) == f"{config}:6: [params.TS01] tolerance: expected a number, got string 'x'"
    with pytest.raises(ConfigError) as caught:
        load_rules([rule_dir], builtin=False, severity={"TS01": "warning", "TS09": "off"}, config_path=config)
    assert str(caught.value) == f"{config}:3: [severity] TS09: no rule 'TS09'; did you mean 'TS01'?"


def test_rule_helpers_build_findings(rule_dir: Path) -> None:
    rule = load_rules([rule_dir], builtin=False).get("TS02")
    finding = rule.make_finding(slots={"metric": "projects", "values": "148 vs 150"}, subject="event",
                                metric="projects", evidence=(), key="k")
    assert (finding.rule, finding.name, finding.severity, finding.preview) == (
        "TS02", "quantity-differs-preview", Severity.WARNING, True)
    assert finding.message == "projects: 148 vs 150"
