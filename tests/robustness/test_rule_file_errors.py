"""Half-written rule folders, lexicons and config files through the command line: each is exit 2,
one line on stderr naming the file and the line, what is wrong and what to do, no report and no
traceback.

tests/test_rulebook.py and tests/test_config.py check the loaders' messages in detail; here
each kind of mistake goes through ``factcheck run --rules DIR`` / ``--config FILE`` as a user
makes it, with the built-in rules loaded alongside.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from fakes import RULE_TOML, write_rule

from factcheck.cli import cli
from factcheck.resources import builtin_rules_dir

NU01 = builtin_rules_dir() / "numbers" / "NU01.toml"


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    work = tmp_path / "cwd"
    work.mkdir()
    monkeypatch.chdir(work)
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text("香港，2023年9月13日 – 今年共有150個項目。\n", encoding="utf-8")
    return folder


def run_with(corpus: Path, *options: str | Path) -> Result:
    return CliRunner().invoke(cli, ["run", str(corpus), "--isolated", *map(str, options)])


def assert_one_error(result: Result, expected: str) -> None:
    assert result.exit_code == 2
    assert result.stderr == f"factcheck: error: {expected}\n"
    assert result.stdout == ""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def nu01_variant(code: str, name: str, old: str, new: str) -> str:
    text = NU01.read_text(encoding="utf-8")
    assert old in text
    return (text.replace(old, new, 1).replace('code = "NU01"', f'code = "{code}"', 1)
            .replace('name = "quantity-interval-contradiction"', f'name = "{name}"', 1))


# --- rule files --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ('check = "interval"', 'check = "intervall"', "4: check: unknown check kind 'intervall'; did you mean 'interval'?"),
        ('severity = "error"', 'severity = "fatal"', "5: severity: unknown severity 'fatal'; use one of error, warning, info"),
        ('status = "stable"', 'status = "beta"', "6: status: unknown status 'beta'; use one of stable, preview"),
        ("max_group = 400", "max_group = = 400", "15: invalid TOML: Invalid value (column 13)"),
        ("max_group = 400", "max_groups = 400", "15: [params] max_groups: unknown key; did you mean 'max_group'?"),
        ("max_group = 400", 'max_group = "many"', "15: [params] max_group: expected an integer, got string 'many'"),
    ],
)  # fmt: skip
def test_a_broken_rule_file_is_exit_2_with_file_line_and_fix(corpus: Path, tmp_path: Path, old: str, new: str,
                                                             expected: str) -> None:
    path = write(tmp_path / "house" / "numbers" / "HX01.toml", nu01_variant("HX01", "house-rule", old, new))
    result = run_with(corpus, "--rules", tmp_path / "house")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"factcheck: error: {path}:{expected}")
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.output


def test_a_rule_id_defined_twice_names_both_files(corpus: Path, tmp_path: Path) -> None:
    copy = write(tmp_path / "house" / "numbers" / "NU01.toml", NU01.read_text(encoding="utf-8"))
    result = run_with(corpus, "--rules", tmp_path / "house")
    assert_one_error(result, f"{copy}:1: code: rule NU01 is already defined in {NU01}")


def test_a_regex_param_that_does_not_compile(corpus: Path, tmp_path: Path, fake_kind) -> None:
    text = RULE_TOML.format(code="TS01", name="quantity-differs", severity="error", status="stable")
    path = write_rule(tmp_path / "house", text=text.replace("tolerance = 0", 'tolerance = 0\nskip_pattern = "[共"'))
    result = run_with(corpus, "--rules", tmp_path / "house")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"factcheck: error: {path}:11: [params] skip_pattern: invalid regular expression "
                                    "'[共': unterminated character set")


def test_rule_errors_stop_every_command(corpus: Path, tmp_path: Path) -> None:
    path = write(tmp_path / "house" / "numbers" / "HX01.toml",
                 nu01_variant("HX01", "house-rule", 'severity = "error"', 'severity = "fatal"'))
    for command in (["claims", corpus], ["facts", corpus], ["rules"], ["check", corpus, "--corpus", corpus]):
        result = CliRunner().invoke(cli, [*map(str, command), "--isolated", "--rules", str(tmp_path / "house")])
        assert result.exit_code == 2, command
        assert result.stderr.startswith(f"factcheck: error: {path}:5: severity: unknown severity 'fatal'")


# --- lexicons ------------------------------------------------------------------------------------------


def test_a_same_as_cycle_names_the_line_of_the_entry_not_a_comment(corpus: Path, tmp_path: Path) -> None:
    path = write(tmp_path / "house" / "lexicon" / "metrics.toml", (
        "# same_as merges one metric into another\n"
        '[alpha]\nlabel = "alpha"\nzh = ["甲"]\nsame_as = "beta"\n\n'
        '[beta]\nsame_as = "gamma"\n\n'
        '[gamma]\nsame_as = "alpha"\n'
    ))
    assert_one_error(run_with(corpus, "--rules", tmp_path / "house"),
                     f"{path}:5: same_as: metric 'alpha' is merged into itself (alpha -> beta -> gamma -> alpha); "
                     "remove one same_as of the cycle")


def test_a_same_as_to_an_unknown_metric(corpus: Path, tmp_path: Path) -> None:
    path = write(tmp_path / "house" / "lexicon" / "metrics.toml",
                 '[rockets]\nzh = ["火箭"]\n\n[boosters]\n# same_as joins ids\nsame_as = "rocket"\n')
    assert_one_error(run_with(corpus, "--rules", tmp_path / "house"),
                     f"{path}:6: same_as: metric 'boosters' is merged into unknown metric 'rocket'; "
                     "did you mean 'rockets'?")


def test_an_unknown_key_in_a_lexicon_entry_points_into_that_entry(corpus: Path, tmp_path: Path) -> None:
    path = write(tmp_path / "house" / "lexicon" / "metrics.toml",
                 '# zh and en hold the terms; cumulative = true for totals to date\n'
                 '[rockets]\nzh = ["火箭"]\n\n[boosters]\nzh = ["推進器"]\ncumulativ = true\n')
    assert_one_error(run_with(corpus, "--rules", tmp_path / "house"),
                     f"{path}:7: cumulativ: unknown key in [boosters]; did you mean 'cumulative'?")


def test_an_unknown_lexicon_file(corpus: Path, tmp_path: Path) -> None:
    path = write(tmp_path / "house" / "lexicon" / "metric.toml", '[rockets]\nzh = ["火箭"]\n')
    assert_one_error(run_with(corpus, "--rules", tmp_path / "house"),
                     f"{path}: unknown lexicon file; did you mean 'metrics'?")


def test_a_series_pattern_that_does_not_compile(corpus: Path, tmp_path: Path) -> None:
    path = write(tmp_path / "house" / "lexicon" / "series.toml", (
        "# patterns are regular expressions: \"创客(中国\" would not compile\n"
        '[good]\npatterns = ["abc"]\n\n'
        '[broken]\nlabel = "Broken"\npatterns = [\n  "fine",\n  "创客(中国",\n]\n'
    ))
    assert_one_error(run_with(corpus, "--rules", tmp_path / "house"),
                     f"{path}:9: patterns: regular expression '创客(中国' does not compile: missing ), "
                     "unterminated subpattern at position 2")


def test_a_lexicon_that_is_not_toml_or_not_utf8(corpus: Path, tmp_path: Path) -> None:
    path = write(tmp_path / "house" / "lexicon" / "orgs.toml", '[cyberport]\nnames = ["數碼港", \n')
    result = run_with(corpus, "--rules", tmp_path / "house")
    assert result.exit_code == 2 and result.stderr.startswith(f"factcheck: error: {path}:")
    assert "invalid TOML" in result.stderr and result.stderr.count("\n") == 1
    path.write_bytes("[cyberport]\nnames = [\"數碼港\"]\n".encode("big5"))
    result = run_with(corpus, "--rules", tmp_path / "house")
    assert result.exit_code == 2 and result.stderr.startswith(f"factcheck: error: {path}: cannot read:")


# --- config files -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('select = ["NU"\n', ":1: invalid TOML: Unclosed array"),
        ('fail-on = "sometimes"\n', ":1: fail-on:"),
        ('select = ["NX99"]\n', ""),
    ],
)
def test_a_broken_config_file_is_exit_2_naming_it(corpus: Path, tmp_path: Path, text: str, expected: str) -> None:
    config = write(tmp_path / "settings.toml", text)
    result = CliRunner().invoke(cli, ["run", str(corpus), "--config", str(config)])
    assert result.exit_code == 2
    assert result.stderr.startswith("factcheck: error: ") and result.stderr.count("\n") == 1
    assert str(config) in result.stderr or "NX99" in result.stderr
    if expected:
        assert f"{config}{expected}" in result.stderr
