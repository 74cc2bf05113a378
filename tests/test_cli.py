"""The command line: exit codes 0/1/2, formats, options, error messages, every command."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from factcheck import cli as cli_module
from factcheck.cli import cli
from factcheck.report import OutputFormat

# The tests' own extractor and rules only: the built-in rules would add findings of their own.
pytestmark = pytest.mark.usefixtures("fake_pipeline", "only_test_rules")


@pytest.fixture(autouse=True)
def _isolated(isolated_cwd: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every CLI test runs in an empty folder (tests/conftest.py), colour rules unset."""
    monkeypatch.delenv("NO_COLOR", raising=False)
    return isolated_cwd


def invoke(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args])


def run_json(*args: str | Path) -> tuple[Result, dict]:
    result = invoke("run", *args, "--format", "json")
    return result, json.loads(result.stdout)


# --- run: exit codes ---------------------------------------------------------------------------


def test_findings_exit_1_and_the_table_shows_them(corpus: Path, rule_dir: Path) -> None:
    result = invoke("run", corpus, "--rules", rule_dir)
    assert result.exit_code == 1, result.output
    assert "a_zh:2 “150個項目”" in result.stdout and "b_en:2 “148 projects”" in result.stdout
    assert "projects: 148 vs 150" in result.stdout
    assert "2 findings (1 error, 1 warning, 0 info) in 3 documents, 4 claims read." in result.stdout
    assert result.stderr == ""


@pytest.mark.parametrize(
    ("options", "code"),
    [
        ([], 1),
        (["--exit-zero"], 0),
        (["--fail-on", "never"], 0),
        (["--select", "TS02"], 0),  # a preview rule's warnings never fail the gate
        (["--select", "TS02", "--fail-on", "info"], 0),
        (["--ignore", "TS01"], 0),
        (["--fail-on", "warning", "--select", "TS01"], 1),
    ],
)
def test_exit_codes(corpus: Path, rule_dir: Path, options: list[str], code: int) -> None:
    assert invoke("run", corpus, "--rules", rule_dir, *options).exit_code == code


def test_no_findings_exit_0(corpus: Path, rule_dir: Path) -> None:
    result = invoke("run", corpus / "c_en.txt", "--rules", rule_dir)
    assert result.exit_code == 0 and "No discrepancies found." in result.stdout


def test_unreadable_input_exits_2_even_with_exit_zero_and_keeps_the_report(corpus: Path, rule_dir: Path) -> None:
    result = invoke("run", corpus, "missing.txt", "--rules", rule_dir, "--exit-zero", "--format", "json")
    assert result.exit_code == 2
    assert result.stderr == "factcheck: missing.txt: no such file or directory\n"
    data = json.loads(result.stdout)
    assert data["problems"] == [{"path": "missing.txt", "message": "no such file or directory"}]
    assert len(data["findings"]) == 2


def test_format_accepts_exactly_the_output_formats(corpus: Path, rule_dir: Path) -> None:
    for fmt in OutputFormat:
        assert invoke("run", corpus, "--rules", rule_dir, "--format", fmt.value).exit_code == 1
    result = invoke("run", corpus, "--format", "xml")
    assert result.exit_code == 2 and "Invalid value for '--format'" in result.stderr


def test_running_no_rules_is_said_on_stderr(corpus: Path, rule_dir: Path) -> None:
    result = invoke("run", corpus, "--rules", rule_dir, "--ignore", "TS")
    assert result.exit_code == 0
    assert result.stderr == "factcheck: no rules to run (see `factcheck rules`, --select/--ignore and the config)\n"


def test_usage_errors_exit_2() -> None:
    assert invoke("run").exit_code == 2
    assert invoke("check", "a.txt").exit_code == 2  # --corpus is required
    assert invoke("nonsense").exit_code == 2


# --- run: options --------------------------------------------------------------------------------


def test_json_is_the_contract_and_identical_across_runs(corpus: Path, rule_dir: Path) -> None:
    first, data = run_json(corpus, "--rules", rule_dir)
    second = invoke("run", corpus, "--rules", rule_dir, "--format", "json")
    assert first.stdout == second.stdout
    assert data["summary"] == {"documents": 3, "claims": 4, "findings": {"error": 1, "warning": 1, "info": 0}}
    assert [f["rule"] for f in data["findings"]] == ["TS01", "TS02"]


def test_min_severity(corpus: Path, rule_dir: Path) -> None:
    _, data = run_json(corpus, "--rules", rule_dir, "--min-severity", "error")
    assert [f["rule"] for f in data["findings"]] == ["TS01"]


def test_select_and_ignore_accept_commas_prefixes_and_names(corpus: Path, rule_dir: Path) -> None:
    _, data = run_json(corpus, "--rules", rule_dir, "--select", "TS01,quantity-differs-preview", "--ignore", "TS02")
    assert [f["rule"] for f in data["findings"]] == ["TS01"]


def test_unknown_selector_is_a_usage_error_with_a_suggestion(corpus: Path, rule_dir: Path) -> None:
    result = invoke("run", corpus, "--rules", rule_dir, "--select", "TS1")
    assert result.exit_code == 2
    assert result.stderr == "factcheck: error: --select TS1: unknown rule selector; did you mean 'TS01'?\n"


def test_output_file_is_written_atomically(corpus: Path, rule_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "out" / "report.sarif"
    target.parent.mkdir()
    target.write_text("old", encoding="utf-8")
    result = invoke("run", corpus, "--rules", rule_dir, "--format", "sarif", "-o", target)
    assert result.exit_code == 1 and result.stdout == ""
    assert json.loads(target.read_text(encoding="utf-8"))["version"] == "2.1.0"
    assert sorted(p.name for p in target.parent.iterdir()) == ["report.sarif"]  # no temporary file left
    assert oct(target.stat().st_mode & 0o777) != oct(0o600)


def test_output_to_a_missing_folder_is_an_error(corpus: Path, rule_dir: Path, tmp_path: Path) -> None:
    result = invoke("run", corpus, "--rules", rule_dir, "-o", tmp_path / "nowhere" / "r.json")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"factcheck: error: cannot write {tmp_path / 'nowhere' / 'r.json'}: ")


def test_colour_only_when_asked_or_on_a_terminal(corpus: Path, rule_dir: Path, monkeypatch) -> None:
    assert "\x1b[" not in invoke("run", corpus, "--rules", rule_dir).stdout
    assert "\x1b[31m" in invoke("run", corpus, "--rules", rule_dir, "--color", "always").stdout
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in invoke("run", corpus, "--rules", rule_dir, "--color", "auto").stdout


# --- configuration and rule files ------------------------------------------------------------------


def test_config_is_discovered_from_the_working_folder(corpus: Path, rule_dir: Path, isolated_cwd: Path) -> None:
    (isolated_cwd / "factcheck.toml").write_text(
        f'rules = ["{rule_dir.as_posix()}"]\nfail-on = "never"\n\n[severity]\nTS02 = "off"\n', encoding="utf-8")
    result = invoke("run", corpus, "--format", "json")
    assert result.exit_code == 0
    assert [f["rule"] for f in json.loads(result.stdout)["findings"]] == ["TS01"]
    assert invoke("run", corpus, "--isolated", "--rules", rule_dir).exit_code == 1
    assert invoke("run", corpus, "--fail-on", "error").exit_code == 1  # the command line wins


def test_suppressed_findings_are_counted(corpus: Path, rule_dir: Path, isolated_cwd: Path) -> None:
    _, data = run_json(corpus, "--rules", rule_dir)
    first = data["findings"][0]["id"]
    (isolated_cwd / "factcheck.toml").write_text(
        f'[[suppress]]\nid = "{first}"\nreason = "accepted by the editor"\n', encoding="utf-8")
    result, data = run_json(corpus, "--rules", rule_dir)
    assert result.exit_code == 0
    assert [f["rule"] for f in data["findings"]] == ["TS02"] and data["summary"]["suppressed"] == 1


def test_invalid_config_exits_2_with_file_and_line(corpus: Path, tmp_path: Path) -> None:
    config = tmp_path / "settings.toml"
    config.write_text('select = ["NU"]\nfailon = "error"\n', encoding="utf-8")
    result = invoke("run", corpus, "--config", config)
    assert result.exit_code == 2
    assert result.stderr == f"factcheck: error: {config}:2: failon: unknown key; did you mean 'fail-on'?\n"


def test_invalid_rule_file_exits_2_without_a_traceback(corpus: Path, rule_dir: Path) -> None:
    path = rule_dir / "test" / "TS01.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("tolerance", "tolerence"), encoding="utf-8")
    result = invoke("run", corpus, "--rules", rule_dir)
    assert result.exit_code == 2
    assert result.stderr == (f"factcheck: error: {path}:10: [params] tolerence: unknown key; "
                             "did you mean 'tolerance'?\n")
    assert result.stdout == ""


def test_internal_errors_are_one_line_unless_debugging(corpus: Path, rule_dir: Path, monkeypatch) -> None:
    def explode(*args, **kwargs):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(cli_module, "check_paths", explode)
    result = invoke("run", corpus, "--rules", rule_dir)
    assert result.exit_code == 2
    assert result.stderr == ("factcheck: internal error: ZeroDivisionError: division by zero\n"
                             "factcheck: please report this, with the command line; FACTCHECK_DEBUG=1 shows the "
                             "traceback\n")
    monkeypatch.setenv("FACTCHECK_DEBUG", "1")
    result = invoke("run", corpus, "--rules", rule_dir)
    assert isinstance(result.exception, ZeroDivisionError)


# --- check --------------------------------------------------------------------------------------------


def test_check_reports_only_findings_about_new_releases(corpus: Path, rule_dir: Path) -> None:
    result = invoke("check", corpus / "b_en.txt", "--corpus", corpus, "--rules", rule_dir, "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert [d["id"] for d in data["documents"]] == ["a_zh", "b_en", "c_en"]
    assert {e["doc"] for e in data["findings"][0]["evidence"]} == {"a_zh", "b_en"}
    assert invoke("check", corpus / "c_en.txt", "--corpus", corpus, "--rules", rule_dir).exit_code == 0


# --- claims, facts, rules, explain ----------------------------------------------------------------------


def test_claims_lists_every_claim(corpus: Path, rule_dir: Path) -> None:
    result = invoke("claims", corpus, "--rules", rule_dir)
    assert result.exit_code == 0
    assert "a_zh:2" in result.stdout and "150個項目" in result.stdout and "edition:2023" in result.stdout
    assert "4 claims in 3 documents." in result.stdout
    data = json.loads(invoke("claims", corpus, "--format", "json").stdout)
    assert [(c["doc"], c["line"], c["quote"], c["metric"], c["value"]) for c in data["claims"]] == [
        ("a_zh", 2, "150個項目", "projects", "[150,150]"),
        ("a_zh", 2, "3項專利", "patents", "[3,3]"),
        ("b_en", 2, "148 projects", "projects", "[148,148]"),
        ("c_en", 2, "3 patents", "patents", "[3,3]"),
    ]


def test_facts_shows_consistent_and_conflicting_facts(corpus: Path) -> None:
    data = json.loads(invoke("facts", corpus, "--format", "json").stdout)
    assert [(f["metric"], f["status"], [c["quote"] for c in f["claims"]]) for f in data["facts"]] == [
        ("patents", "agree", ["3項專利", "3 patents"]),
        ("projects", "disagree", ["150個項目", "148 projects"]),
    ]
    table = invoke("facts", corpus).stdout
    assert "disagree" in table and "a_zh:2 “150個項目” = [150,150]" in table
    assert invoke("facts", corpus / "a_zh.txt", "--all", "--format", "json").stdout.count('"single"') == 2


def test_listings_exit_2_on_unreadable_input(corpus: Path) -> None:
    result = invoke("claims", corpus, "gone.txt")
    assert result.exit_code == 2 and result.stderr == "factcheck: gone.txt: no such file or directory\n"


def test_rules_lists_and_documents_rules(rule_dir: Path) -> None:
    result = invoke("rules", "--rules", rule_dir)
    assert result.exit_code == 0
    assert "TS01    quantity-differs" in result.stdout and "preview" in result.stdout
    data = json.loads(invoke("rules", "--rules", rule_dir, "--format", "json").stdout)
    assert [(r["code"], r["severity"], r["status"]) for r in data["rules"]][-2:] == [
        ("TS01", "error", "stable"), ("TS02", "warning", "preview")]
    markdown = invoke("rules", "--rules", rule_dir, "--format", "markdown", "--select", "TS").stdout
    assert markdown.splitlines()[2] == "| TS01 | quantity-differs | error | stable | Aligned quantities differ. |"
    doc = invoke("rules", "quantity-differs", "--rules", rule_dir)
    assert doc.exit_code == 0 and doc.stdout.startswith("TS01 quantity-differs\nAligned quantities differ.\n")
    assert "Flagged:\n  zh: 共有150個項目參賽。" in doc.stdout and "  tolerance = 0.0" in doc.stdout
    missing = invoke("rules", "TS03", "--rules", rule_dir)
    assert missing.exit_code == 2 and missing.stderr == "factcheck: error: no rule 'TS03'; did you mean 'TS01'?\n"


def test_explain_marks_the_claims_in_their_sentences(corpus: Path, rule_dir: Path) -> None:
    _, data = run_json(corpus, "--rules", rule_dir)
    finding_id = data["findings"][0]["id"]
    result = invoke("explain", finding_id, corpus, "--rules", rule_dir)
    assert result.exit_code == 0
    assert f"{finding_id}  error  TS01 quantity-differs" in result.stdout
    assert "  今年共有»150個項目«參賽，涉及3項專利。" in result.stdout
    assert "  This year »148 projects« took part." in result.stdout
    assert invoke("explain", finding_id[:8], corpus, "--rules", rule_dir).exit_code == 0
    wrong = finding_id[:-1] + ("0" if finding_id[-1] != "0" else "1")
    result = invoke("explain", wrong, corpus, "--rules", rule_dir)
    assert result.exit_code == 2
    assert result.stderr == f"factcheck: error: no finding {wrong!r} in these documents; did you mean {finding_id!r}?\n"


def test_python_dash_m_works(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")}
    result = subprocess.run([sys.executable, "-m", "factcheck", "--version"], capture_output=True, text=True,
                            env=env, cwd=tmp_path, check=False)
    assert result.returncode == 0 and result.stdout.strip() == "factcheck, version 0.1.0"
    result = subprocess.run([sys.executable, "-m", "factcheck", "run", "nope.txt"], capture_output=True,
                            text=True, env=env, cwd=tmp_path, check=False)
    assert result.returncode == 2 and "factcheck: nope.txt: no such file or directory" in result.stderr
