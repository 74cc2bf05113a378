"""Text from a release cannot break a report or act on the reader's terminal, browser, CI or
spreadsheet. A payload is planted where real findings quote it: in a release's title (the
subject of a finding), in the sentence around a composition that does not add up (the
evidence context) and in a file name (document id, path, message); then every format is
rendered through the command line, as a user gets it.

tests/report/ checks the renderers on a hand-built report; this is the same promise end to end.
"""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from factcheck.cli import cli
from factcheck.report import OutputFormat

PAYLOAD = (
    "\x1b[2J\x1b[31m \x1b]8;;http://evil.example/\x07click\x1b]8;;\x07 \u202egnp.exe\u202c \u2066x\u2069 "
    "\x08\x08\x7f\x9b <script>alert(1)</script> <b>b</b> ]]> %0A::error::pwned \r::warning::cr |a|b| `rm -rf` "
    "**bold** [link](http://evil.example) =HYPERLINK(\"http://evil.example\")"
)
SHORT = "\x1b]8;;http://e\x07\u202e<script>x</script>|`]]>\x08"  # right before the claim: inside its context
RELEASE = (
    "=cmd|' /C calc'!A0 數碼港公布年報" + PAYLOAD + "\n\n香港，2023年9月13日 – 數碼港今天公布年報。"
    + PAYLOAD + SHORT + "今年共有12個項目，其中製造業5個、服務業4個。\n\n"
    + "數碼港為一個創新數碼社群，匯聚超過一千九百間社群企業，包括駐園區及非駐園區的初創企業和科技公司。" * 4 + "\n"
)
# Characters no text report may carry raw: C0 controls but tab and newline, DEL, C1, bidi controls.
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
FILE_NAME = "=1+2 \x1b[31m|`x`|<b> [l](http:x) %0A::.txt"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("planted")
    (folder / "release.txt").write_text(RELEASE, encoding="utf-8", newline="")
    (folder / FILE_NAME).write_text("新聞稿\n\n今年共有12個項目，其中製造業5個、服務業4個。\n", encoding="utf-8")
    return folder


def run(corpus: Path, fmt: str) -> Result:
    result = CliRunner().invoke(cli, ["run", str(corpus), "--isolated", "--format", fmt, "--select", "SU01"],
                                color=True)
    assert result.exit_code == 0, result.output
    return result


def test_the_payload_is_quoted_by_real_findings(corpus: Path) -> None:
    report = json.loads(run(corpus, "json").stdout)
    by_doc = {f["evidence"][0]["doc"]: f for f in report["findings"]}
    assert sorted(by_doc) == ["=1+2 \x1b[31m|`x`|<b> [l](http:x) %0A::", "release"]
    release = by_doc["release"]["evidence"][0]
    assert SHORT + "今年共有12個項目，其中製造業5個、服務業4個。" in release["context"]
    named = by_doc["=1+2 \x1b[31m|`x`|<b> [l](http:x) %0A::"]
    assert named["subject"] == "=1+2 \x1b[31m|`x`|<b> [l](http:x) %0A::" and "\x1b[31m" in named["message"]
    text = (corpus / "release.txt").read_text(encoding="utf-8")
    assert text[release["start"]:release["end"]] == release["text"] == "12個項目"


@pytest.mark.parametrize("fmt", [f.value for f in OutputFormat if f is not OutputFormat.JSON])
def test_no_control_or_bidi_character_reaches_a_text_report(corpus: Path, fmt: str) -> None:
    out = run(corpus, fmt).stdout
    assert not UNSAFE.findall(out)
    assert "\\x1b" in out or "\\u001b" in out  # shown, not dropped


def test_json_and_sarif_escape_what_a_viewer_would_act_on(corpus: Path) -> None:
    for fmt in ("json", "sarif"):
        out = run(corpus, fmt).stdout
        assert not UNSAFE.findall(out.replace("\n", ""))
        json.loads(out)
        assert "\\u001b" in out and ("\\u202e" in out or fmt == "sarif")


def test_markdown_rows_hold_and_markup_is_text(corpus: Path) -> None:
    out = run(corpus, "markdown").stdout
    rows = [line for line in out.splitlines() if line.startswith("| warning")]
    assert len(rows) == 2
    assert all(len(re.findall(r"(?<!\\)\|", row.replace("\\\\", ""))) == 6 for row in rows)
    assert "<script>" not in out and "<b>" not in out and "&lt;b&gt;" in out
    assert "[l](http:x)" not in out and "\\[l\\](http:x)" in out


def test_github_commands_cannot_be_forged(corpus: Path) -> None:
    out = run(corpus, "github").stdout
    lines = out.split("\n")[:-1]
    assert len(lines) == 2 and all(line.startswith("::warning file=") for line in lines)
    assert "\r" not in out
    # "%0A::" in a file name stays text: '%' -> %25 everywhere, ':' and ',' also escaped in properties
    assert "%250A%3A%3A.txt,line=3," in lines[0]
    assert "%250A:::3 “12個項目”" in lines[0]


def test_junit_is_well_formed_and_carries_the_text(corpus: Path) -> None:
    out = run(corpus, "junit").stdout
    root = ET.fromstring(out.encode("utf-8"))
    assert root.find(".//script") is None and root.find(".//b") is None
    messages = [f.get("message") for f in root.iter("failure")]
    assert any("|`x`|<b>" in m for m in messages)


def test_csv_cells_cannot_start_a_formula(corpus: Path) -> None:
    rows = list(csv.reader(io.StringIO(run(corpus, "csv").stdout)))
    header, body = rows[0], rows[1:]
    assert len(body) == 6
    for row in body:
        for column, cell in zip(header, row, strict=True):
            assert cell[:1] not in ("=", "+", "-", "@", "\t", "\r"), (column, cell)
    assert any(row[header.index("doc")].startswith("'=1+2") for row in body)


def test_table_claims_and_explain_show_controls_even_on_a_terminal(corpus: Path) -> None:
    runner = CliRunner()
    claims = runner.invoke(cli, ["claims", str(corpus), "--isolated"], color=True)
    assert claims.exit_code == 0 and not UNSAFE.findall(claims.stdout)
    facts = runner.invoke(cli, ["facts", str(corpus), "--isolated", "--all"], color=True)
    assert facts.exit_code == 0 and not UNSAFE.findall(facts.stdout)
    report = json.loads(run(corpus, "json").stdout)
    for finding in report["findings"]:
        shown = runner.invoke(cli, ["explain", finding["id"], str(corpus), "--isolated"], color=True)
        assert shown.exit_code == 0, shown.output
        assert not UNSAFE.findall(shown.stdout) and "»12個項目«" in shown.stdout
