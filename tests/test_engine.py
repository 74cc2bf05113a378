"""The pipeline end to end, with the test-only extractor and check kind (see conftest.py)."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

import factcheck
from factcheck.config import Config, Suppression
from factcheck.engine import assign_ids, check_paths, check_texts, load_ruleset
from factcheck.model import Evidence, Finding, Severity

# The tests' own extractor and rules only: the built-in rules would add findings of their own.
pytestmark = pytest.mark.usefixtures("fake_pipeline", "only_test_rules")


def config_for(rule_dir: Path, **changes) -> Config:
    return dataclasses.replace(Config(rules=(rule_dir,)), **changes)


def test_a_disagreement_is_found_with_quotes_from_the_original_text(corpus: Path, rule_dir: Path) -> None:
    report = check_paths([corpus], config=config_for(rule_dir))
    assert [d.id for d in report.documents] == ["a_zh", "b_en", "c_en"]
    assert report.claims == 4  # 150 projects, 3 patents, 148 projects, 3 patents
    assert [(f.rule, f.severity, f.preview) for f in report.findings] == [
        ("TS01", Severity.ERROR, False),
        ("TS02", Severity.WARNING, True),
    ]
    finding = report.findings[0]
    assert finding.message == "projects: 148 vs 150"
    assert [(e.doc, e.line, e.text, e.value) for e in finding.evidence] == [
        ("a_zh", 2, "150個項目", 150),
        ("b_en", 2, "148 projects", 148),
    ]
    source = (corpus / "a_zh.txt").read_text(encoding="utf-8")
    first = finding.evidence[0]
    assert source[first.start:first.end] == first.text
    assert re.fullmatch(r"TS01-[0-9a-f]{12}", finding.id)
    assert report.exit_code() == 1
    assert report.extra["suppressed"] == 0


def test_finding_ids_survive_edits_elsewhere_in_a_release(corpus: Path, rule_dir: Path) -> None:
    before = check_paths([corpus], config=config_for(rule_dir)).findings
    path = corpus / "a_zh.txt"
    path.write_text("（新聞稿）\n\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    after = check_paths([corpus], config=config_for(rule_dir)).findings
    assert after[0].evidence[0].start != before[0].evidence[0].start
    assert [f.id for f in after] == [f.id for f in before]


def test_identical_input_gives_identical_reports(corpus: Path, rule_dir: Path) -> None:
    one = check_paths([corpus / "c_en.txt", corpus], config=config_for(rule_dir))
    two = check_paths([corpus], config=config_for(rule_dir))
    assert one.findings == two.findings and one.documents == two.documents


def test_min_severity_and_suppressions(corpus: Path, rule_dir: Path) -> None:
    report = check_paths([corpus], config=config_for(rule_dir, min_severity=Severity.ERROR))
    assert [f.rule for f in report.findings] == ["TS01"]
    first_id = report.findings[0].id
    config = config_for(rule_dir, suppress=(Suppression(first_id, "accepted"), Suppression("TS09-0", "stale")))
    report = check_paths([corpus], config=config)
    assert [f.rule for f in report.findings] == ["TS02"]
    assert report.extra["suppressed"] == 1
    assert report.exit_code() == 0  # the preview finding does not gate


def test_configured_severity_is_stamped_on_every_finding(corpus: Path, rule_dir: Path) -> None:
    report = check_paths([corpus], config=config_for(rule_dir, severity={"TS01": "info", "TS02": "off"}))
    assert [(f.rule, f.severity) for f in report.findings] == [("TS01", Severity.INFO)]
    assert report.exit_code(Severity.ERROR) == 0 and report.exit_code(Severity.INFO) == 1


def test_corpus_mode_keeps_findings_that_involve_a_new_document(corpus: Path, rule_dir: Path) -> None:
    config = config_for(rule_dir, select=("TS01",))
    report = check_paths([corpus / "b_en.txt"], config=config, corpus=[corpus])
    assert [d.id for d in report.documents] == ["a_zh", "b_en", "c_en"]  # the new file is read once
    assert [f.rule for f in report.findings] == ["TS01"]
    assert factcheck.check([corpus / "c_en.txt"], corpus=corpus, config=config).findings == ()


def test_unreadable_inputs_become_problems_and_exit_2(corpus: Path, rule_dir: Path, tmp_path: Path) -> None:
    report = check_paths([corpus, tmp_path / "missing.txt"], config=config_for(rule_dir))
    assert [(p.path, p.message) for p in report.problems] == [(str(tmp_path / "missing.txt"),
                                                               "no such file or directory")]
    assert len(report.findings) == 2 and report.exit_code() == 2


def test_two_files_with_one_document_id_are_a_problem(corpus: Path, rule_dir: Path, tmp_path: Path) -> None:
    other = tmp_path / "elsewhere" / "a_zh.txt"
    other.parent.mkdir()
    other.write_text("共有999個項目。\n", encoding="utf-8")
    report = check_paths([corpus, other], config=config_for(rule_dir))
    assert [p.message for p in report.problems] == [
        f"document id 'a_zh' is also used by {corpus / 'a_zh.txt'}; rename one of the files"]


def test_check_texts_runs_in_memory_documents_with_param_overrides(rule_dir: Path) -> None:
    docs = {"zh": "共有150個項目參賽。", "en": "148 projects took part."}
    findings = check_texts(docs, select=["TS01"], rules=[rule_dir])
    assert [(f.rule, [e.doc for e in f.evidence]) for f in findings] == [("TS01", ["en", "zh"])]
    assert check_texts(docs, select=["TS01"], params={"tolerance": 2}, rules=[rule_dir]) == []


def test_ruleset_comes_from_config_and_command_line(rule_dir: Path) -> None:
    config = config_for(rule_dir, select=("TS",), ignore=("TS02",))
    assert load_ruleset(config).codes == ("TS01",)
    assert load_ruleset(config, select=["TS02"], ignore=[]).codes == ("TS02",)


def test_findings_with_the_same_key_get_distinct_ids() -> None:
    evidence = (Evidence("d", "d.txt", 1, 0, 3, "150"),)
    base = Finding("NU01", "n", Severity.ERROR, "m", "s", "projects", evidence, key="k")
    later = dataclasses.replace(base, evidence=(dataclasses.replace(evidence[0], start=10, end=13),))
    ids = [f.id for f in assign_ids([later, base])]
    assert ids == ["NU01-" + ids[0][5:], ids[0] + ".2"]
    assert len(set(ids)) == 2
