"""Every output format renders the same report; golden files pin the exact output, and the
tests below pin what each consumer relies on (contract keys, schema validity, escaping)."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
import xmlschema
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck import __version__
from factcheck.model import Evidence, Finding, Report, Severity
from factcheck.report import REPORTERS, OutputFormat, render
from factcheck.report.markdown import cell

HERE = Path(__file__).parent
GOLDEN = HERE / "golden"
SUFFIX = {OutputFormat.TABLE: "txt", OutputFormat.JSON: "json", OutputFormat.CSV: "csv",
          OutputFormat.MARKDOWN: "md", OutputFormat.SARIF: "sarif", OutputFormat.GITHUB: "github.txt",
          OutputFormat.JUNIT: "junit.xml"}


def test_every_format_has_a_reporter() -> None:
    assert set(REPORTERS) == set(OutputFormat)
    assert [f.value for f in OutputFormat] == ["table", "json", "csv", "markdown", "sarif", "github", "junit"]


@pytest.mark.parametrize("fmt", list(OutputFormat), ids=lambda f: f.value)
def test_golden_output(report: Report, fmt: OutputFormat) -> None:
    path = GOLDEN / f"report.{SUFFIX[fmt]}"
    text = render(report, fmt)
    if os.environ.get("FACTCHECK_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="")
    assert text == path.read_bytes().decode("utf-8")


@pytest.mark.parametrize("fmt", list(OutputFormat), ids=lambda f: f.value)
def test_no_raw_escape_or_bidi_override_reaches_the_output(report: Report, fmt: OutputFormat) -> None:
    text = render(report, fmt)
    assert "\x1b" not in text and "\u202e" not in text
    if fmt in (OutputFormat.JSON, OutputFormat.SARIF):  # escaped in the JSON text, data unchanged
        assert "\\u001b[31m" in text and "\\u202e" in text
    else:  # shown, not executed
        assert "\\x1" in text and "\\u202e" in text


# --- JSON: the contract ----------------------------------------------------------------------


def test_json_has_exactly_the_contract_keys(report: Report) -> None:
    data = json.loads(render(report, "json"))
    assert list(data) == ["version", "tool", "documents", "findings", "problems", "summary"]
    assert data["version"] == 1 and data["tool"] == {"name": "factcheck", "version": __version__}
    assert data["documents"][0] == {"id": "000_zh", "path": "releases/000_zh.txt", "lang": "zh-Hant",
                                    "date": "2023-09-13", "title": "2023「創客中國」香港站決賽第四度於數碼港順利舉行"}
    finding = data["findings"][0]
    assert list(finding) == ["id", "rule", "name", "severity", "message", "subject", "metric", "evidence"]
    assert finding["evidence"][0] == {
        "doc": "000_zh", "path": "releases/000_zh.txt", "line": 1, "start": 15, "end": 18, "text": "第四度",
        "value": 4, "context": "2023「創客中國」香港站決賽第四度於數碼港順利舉行", "date": "2023-09-13"}
    assert data["findings"][1]["evidence"][0]["role"] == "total"
    assert data["problems"] == [
        {"path": "releases/broken.bin", "message": "not text: binary content (NUL bytes)"},
        {"path": "releases/photo.jpg", "message": "unsupported file type", "skipped": True},
    ]
    assert data["summary"] == {"documents": 3, "claims": 42, "findings": {"error": 1, "warning": 1, "info": 1},
                               "suppressed": 1}


def test_json_evidence_quotes_the_original_text(report: Report) -> None:
    sources = {d.id: d.source for d in report.documents}
    for finding in json.loads(render(report, "json"))["findings"]:
        for e in finding["evidence"]:
            assert sources[e["doc"]][e["start"]:e["end"]] == e["text"]


def test_json_is_byte_identical_unicode_with_a_trailing_newline(report: Report) -> None:
    text = render(report, "json")
    assert text == render(report, "json")
    assert "創客中國" in text and text.endswith("}\n")
    data = json.loads(text)
    assert data["findings"][2]["evidence"][1]["value"] == "inf"  # never a bare Infinity
    assert data["findings"][1]["evidence"][1]["value"] == {"hi": 160, "lo": 140}  # sorted keys


# --- SARIF -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sarif_validator() -> jsonschema.Draft4Validator:
    schema = json.loads((HERE / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    return jsonschema.Draft4Validator(schema)


def test_sarif_is_valid_against_the_2_1_0_schema(report: Report, sarif_validator) -> None:
    data = json.loads(render(report, "sarif"))
    errors = sorted(sarif_validator.iter_errors(data), key=str)
    assert errors == []
    empty = Report(documents=(), findings=())
    assert sorted(sarif_validator.iter_errors(json.loads(render(empty, "sarif"))), key=str) == []


def test_sarif_schema_rejects_what_it_should(sarif_validator) -> None:
    bad = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}},
                                          "results": [{"message": {"text": "m"}, "level": "info"}]}]}
    assert [e.message for e in sarif_validator.iter_errors(bad)] == [
        "'info' is not one of ['none', 'note', 'warning', 'error']"]


def test_sarif_rules_levels_locations_and_fingerprints(report: Report) -> None:
    run = json.loads(render(report, "sarif"))["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["DR01", "EN01", "OR01", "SU01"]  # each rule once, even unused ones
    or01 = rules[2]
    assert or01["shortDescription"] == {"text": "Summary of edition-ordinal-conflict."}
    assert or01["fullDescription"] == {"text": "Flags edition-ordinal-conflict."}
    assert or01["defaultConfiguration"] == {"level": "error"}
    assert or01["deprecatedIds"] == ["ED01"] and or01["deprecatedNames"] == ["edition-conflict"]
    assert "### Why it matters" in or01["help"]["markdown"]
    assert [(r["ruleId"], r["ruleIndex"], r["level"]) for r in run["results"]] == [
        ("OR01", 2, "error"), ("SU01", 3, "warning"), ("DR01", 0, "note")]
    first = run["results"][0]
    assert first["partialFingerprints"] == {"factcheck/findingId/v1": "OR01-0123456789ab"}
    assert first["locations"][0]["physicalLocation"]["artifactLocation"] == {"uri": "releases/000_zh.txt"}
    related = first["relatedLocations"][0]["physicalLocation"]
    assert related["artifactLocation"] == {"uri": "releases/003%20en%2C%20final.txt"}
    column = report.documents[2].source.splitlines()[1].index("the fifth time") + 1
    assert related["region"] == {"startLine": 2, "startColumn": column, "endLine": 2, "endColumn": column + 14,
                                 "snippet": {"text": "the fifth time"}}


def test_sarif_columns_count_code_points_outside_the_bmp(report: Report) -> None:
    run = json.loads(render(report, "sarif"))["runs"][0]
    region = run["results"][1]["locations"][0]["physicalLocation"]["region"]
    line = report.documents[0].source.splitlines()[2]
    assert region["startLine"] == 3 and region["startColumn"] == line.index("專利") + 1
    # the span wraps onto line 4 and ends after "項目" (2 code points; 𝟙 counted as one before it)
    assert (region["endLine"], region["endColumn"]) == (4, 3)


def test_sarif_problems_are_tool_notifications(report: Report) -> None:
    invocation = json.loads(render(report, "sarif"))["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert [(n["level"], n["message"]["text"]) for n in invocation["toolExecutionNotifications"]] == [
        ("error", "not text: binary content (NUL bytes)"), ("note", "unsupported file type")]


# --- GitHub, JUnit, CSV, Markdown, table -------------------------------------------------------


def test_github_annotations_are_one_command_per_line_and_escaped(report: Report) -> None:
    lines = render(report, "github").splitlines()
    assert all(line.startswith("::") for line in lines) and len(lines) == 5
    assert lines[0] == ("::error file=releases/000_zh.txt,line=1,col=16,endLine=1,endColumn=19,title=OR01::"
                        "MiCHK 2023 is called the 4th edition in 000_zh but the 5th in 003_en%0A000_zh:1 “第四度”"
                        "%0A003_en:2 “the fifth time”%0A(finding OR01-0123456789ab)")
    assert lines[1].startswith("::warning file=releases/000_zh.txt,line=3,endLine=4,title=SU01::")
    assert "共12個%0A項目" in lines[1]
    assert lines[2].startswith("::notice file=releases/001_en.txt,")


def test_github_escapes_commas_and_colons_in_properties() -> None:
    evidence = Evidence("d", "a:b,c.txt", 1, 0, 3, "50%")
    finding = Finding("NU01", "n", Severity.WARNING, "100% sure", "s", "m", (evidence,), id="NU01-1")
    text = render(Report(documents=(), findings=(finding,)), "github")
    assert text.startswith("::warning file=a%3Ab%2Cc.txt,line=1,title=NU01::100%25 sure%0Ad:1 “50%25”")


@pytest.fixture(scope="module")
def junit_schema() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(HERE / "junit.xsd")


def test_junit_is_valid_with_one_testcase_per_rule(report: Report, junit_schema) -> None:
    text = render(report, "junit")
    junit_schema.validate(text)
    suite = ET.fromstring(text).find("testsuite")
    cases = {c.get("name"): c for c in suite.findall("testcase")}
    assert list(cases) == ["DR01 cumulative-metric-drift", "EN01 entity-alias-conflict",
                           "OR01 edition-ordinal-conflict", "SU01 parts-do-not-sum-to-total", "releases/broken.bin"]
    assert list(cases["EN01 entity-alias-conflict"]) == []  # a rule that found nothing passes
    failure = cases["SU01 parts-do-not-sum-to-total"].find("failure")
    assert failure.get("message") == "parts add up to 1, but the stated total is 12 | <b>check</b>"
    assert failure.get("type") == "warning"
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("5", "3", "1")


def test_csv_has_one_row_per_evidence_and_defuses_formulas(report: Report) -> None:
    rows = list(csv.DictReader(io.StringIO(render(report, "csv"))))
    assert len(rows) == sum(len(f.evidence) for f in report.findings)
    assert [(r["finding"], r["doc"], r["start"], r["end"]) for r in rows[:2]] == [
        ("OR01-0123456789ab", "000_zh", "15", "18"), ("OR01-0123456789ab", "003_en", "108", "122")]
    evidence = Evidence("d", "d.txt", 1, 0, 8, "=1+2")
    finding = Finding("NU01", "n", Severity.ERROR, "@SUM(A1)", "s", "m", (evidence,), id="NU01-1")
    (row,) = csv.DictReader(io.StringIO(render(Report(documents=(), findings=(finding,)), "csv")))
    assert (row["text"], row["message"]) == ("'=1+2", "'@SUM(A1)")


def _unescaped_pipes(line: str) -> int:
    return len(re.findall(r"(?<!\\)\|", line.replace("\\\\", "")))


def test_markdown_rows_cannot_be_broken_by_release_text(report: Report) -> None:
    text = render(report, "markdown")
    rows = [line for line in text.splitlines() if line.startswith("|")]
    assert len(rows) == 2 + len(report.findings)
    assert {_unescaped_pipes(r) for r in rows} == {6}
    assert "<b>" not in text and "&lt;b&gt;粗體&lt;/b&gt;" in text


def test_table_colours_only_the_severity_when_asked(report: Report) -> None:
    plain = render(report, "table")
    coloured = render(report, "table", color=True)
    assert "\x1b[" not in plain
    assert coloured.count("\x1b[31m") == 1 and coloured.count("\x1b[33m") == 1 and coloured.count("\x1b[34m") == 1
    assert "3 findings (1 error, 1 warning, 1 info) in 3 documents, 42 claims read; 1 suppressed." in plain
    assert "  releases/broken.bin: not text: binary content (NUL bytes)" in plain


def test_table_without_findings() -> None:
    assert render(Report(documents=(), findings=()), "table") == (
        "No discrepancies found.\n\n0 findings (0 errors, 0 warnings, 0 info) in 0 documents, 0 claims read.\n")


# --- any text at all ---------------------------------------------------------------------------

hostile = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=40)


@settings(max_examples=60, deadline=None)
@given(text=hostile, message=hostile, subject=hostile)
def test_any_release_text_renders_safely(text: str, message: str, subject: str) -> None:
    source = "x\n" + text + "\n"
    from factcheck.model import Document

    doc = Document(id="d", path="r/d.txt", source=source, start=0, end=len(source), lang="en")
    evidence = Evidence("d", "r/d.txt", 2, 2, 2 + len(text), text, value=text)
    finding = Finding("NU01", "n", Severity.ERROR, message, subject, "m", (evidence,), id="NU01-1")
    report = Report(documents=(doc,), findings=(finding,))
    rows = [line for line in render(report, "markdown").splitlines() if line.startswith("| error")]
    assert len(rows) == 1 and _unescaped_pipes(rows[0]) == 6
    assert all(line.startswith("::") for line in render(report, "github").splitlines())
    ET.fromstring(render(report, "junit").encode("utf-8"))
    table = render(report, "table")
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", table)
    assert json.loads(render(report, "json"))["findings"][0]["evidence"][0]["text"] == text


def test_markdown_cell_escapes_every_active_character() -> None:
    assert cell("| ` * _ [ ] < > & \\ ~ # !\n") == "\\| \\` \\* \\_ \\[ \\] &lt; &gt; &amp; \\\\ \\~ \\# \\! "
