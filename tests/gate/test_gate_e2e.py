"""The CI gate end to end, as a communications team uses it: a repository of releases is indexed,
a new release with a planted contradiction fails the gate with exactly that finding, and passes
once the finding is accepted in a baseline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from gatekit import PLANTED, PLANTED_NAME, ROOT, invoke, invoke_json

from factcheck.ingest import read_paths


def test_new_release_fails_the_gate_with_exactly_its_finding_until_baselined(repo: Path, extractions) -> None:
    releases = repo / "releases"
    _, before = invoke_json("run", releases, "--no-index")
    extractions()
    indexed = invoke("index", releases)
    assert indexed.exit_code == 0, indexed.output
    assert indexed.stdout.splitlines()[:2] == [
        f"{releases / '.factcheck' / 'index.sqlite'}: 5 files, 7 releases, {before['summary']['claims']} claims",
        "  5 extracted, 0 unchanged (from the index)",
    ]
    assert sorted(extractions()) == sorted(d.id for d in read_paths([releases]).documents)

    new = releases / "2023" / PLANTED_NAME  # committed into the corpus folder, as a new release would be
    new.parent.mkdir()
    new.write_text(PLANTED, encoding="utf-8")
    result, report = invoke_json("check", new, "--corpus", releases)
    assert result.exit_code == 1, result.stderr
    assert extractions() == ["005_michk_2023_recap_en"]  # the corpus came from the index
    assert [(f["rule"], f["severity"]) for f in report["findings"]] == [("OR01", "error")]
    finding = report["findings"][0]
    planted = [e for e in finding["evidence"] if e["doc"] == "005_michk_2023_recap_en"]
    assert [(e["path"], e["line"], e["text"], e["value"]) for e in planted] == [(str(new), 3, "sixth time", 6)]
    assert PLANTED[planted[0]["start"]:planted[0]["end"]] == "sixth time"
    assert {e["doc"] for e in finding["evidence"]} - {"005_michk_2023_recap_en"} <= {
        d["id"] for d in before["documents"]}
    # the new file is inside the corpus folder too: it is read once, its id is not repeated
    ids = [d["id"] for d in report["documents"]]
    assert len(ids) == 8 and len(set(ids)) == 8
    assert report["summary"]["documents"] == 8 and report["summary"]["claims"] > before["summary"]["claims"]
    assert report["summary"]["findings"] == {"error": 1, "warning": 0, "info": 0}
    assert report["problems"] == []

    # the team accepts the finding: a baseline of the new release's findings
    baseline = repo / "factcheck-baseline.json"
    written = invoke("baseline", new, "--corpus", releases, "-o", baseline)
    assert written.exit_code == 0, written.output
    assert written.stderr == f"factcheck: wrote 1 finding to {baseline}\n"
    entries = json.loads(baseline.read_text(encoding="utf-8"))["findings"]
    assert [(e["id"], e["rule"], e["docs"][-1]) for e in entries] == [
        (finding["id"], "OR01", "005_michk_2023_recap_en")]

    result, report = invoke_json("check", new, "--corpus", releases, "--baseline", baseline)
    assert result.exit_code == 0, result.output
    assert report["findings"] == [] and report["summary"]["baselined"] == 1
    assert report["baseline"] == {"file": str(baseline), "hidden": 1, "stale": []}
    assert result.stderr == ""


def test_check_against_the_index_gives_the_report_of_a_full_check(repo: Path) -> None:
    releases = repo / "releases"
    new = repo / "incoming" / PLANTED_NAME  # a new release outside the corpus folder
    new.parent.mkdir()
    new.write_text(PLANTED, encoding="utf-8")
    for fmt in ("json", "sarif", "github", "junit", "table", "markdown", "csv"):
        full = invoke("check", new, "--corpus", releases, "--no-index", "--format", fmt)
        cold = invoke("check", new, "--corpus", releases, "--format", fmt)
        warm = invoke("check", new, "--corpus", releases, "--format", fmt)
        assert full.exit_code == cold.exit_code == warm.exit_code == 1
        assert full.stdout == cold.stdout == warm.stdout, fmt


def test_github_annotation_points_at_the_new_release(repo: Path) -> None:
    releases = repo / "releases"
    new = releases / PLANTED_NAME
    new.write_text(PLANTED, encoding="utf-8")
    result = invoke("check", new, "--corpus", releases, "--format", "github")
    assert result.exit_code == 1
    (line,) = result.stdout.splitlines()
    # the first piece of evidence is where the annotation goes; the planted one is listed in it
    first = invoke_json("check", new, "--corpus", releases)[1]["findings"][0]["evidence"][0]
    assert line.startswith(f"::error file={first['path']},line={first['line']},")
    assert ",title=OR01::" in line and "005_michk_2023_recap_en:3 “sixth time”" in line


def test_stale_baseline_entries_are_listed_on_stderr_and_in_json(repo: Path) -> None:
    releases = repo / "releases"
    baseline = repo / "factcheck-baseline.json"
    assert invoke("baseline", releases, "-o", baseline).exit_code == 0
    recorded = json.loads(baseline.read_text(encoding="utf-8"))["findings"]
    assert [e["id"] for e in recorded] == sorted(f["id"] for f in invoke_json("run", releases)[1]["findings"])
    result, report = invoke_json("run", releases, "--baseline", baseline)
    assert result.exit_code == 0 and report["findings"] == [] and report["baseline"]["stale"] == []

    # the English release is corrected: "the fifth time" becomes "the fourth time"
    english = releases / "003_f21eea308015a647.txt"
    english.write_text(english.read_text(encoding="utf-8").replace("fifth time", "fourth time"), encoding="utf-8")
    result, report = invoke_json("run", releases, "--baseline", baseline)
    assert result.exit_code == 0
    or01 = next(e for e in recorded if e["rule"] == "OR01")
    stale = report["baseline"]["stale"]
    assert [s["id"] for s in stale] == [or01["id"]]
    assert result.stderr.startswith(f"factcheck: {baseline}: 1 baseline entry is no longer found (fixed, or changed): "
                                    f"{or01['id']};")
    # the corrected series still disagrees (三屆 in 2022 vs 第四度 in 2023 is fine; no new finding)
    assert [f["rule"] for f in report["findings"]] == []


def test_check_lists_as_stale_only_entries_about_the_new_release(repo: Path) -> None:
    releases = repo / "releases"
    new = releases / PLANTED_NAME
    new.write_text(PLANTED, encoding="utf-8")
    baseline = repo / "b.json"
    assert invoke("baseline", releases, "-o", baseline).exit_code == 0  # the whole corpus, with the new one
    new.write_text(PLANTED.replace(" for the sixth time", ""), encoding="utf-8")  # fixed before merging
    result, report = invoke_json("check", new, "--corpus", releases, "--baseline", baseline)
    assert result.exit_code == 0
    or01 = [e["id"] for e in json.loads(baseline.read_text(encoding="utf-8"))["findings"] if e["rule"] == "OR01"]
    assert [s["id"] for s in report["baseline"]["stale"]] == or01  # not the 9 findings among old releases


def test_a_suppression_in_the_config_needs_a_reason_and_hides_the_finding(repo: Path) -> None:
    releases = repo / "releases"
    new = releases / PLANTED_NAME
    new.write_text(PLANTED, encoding="utf-8")
    _, report = invoke_json("check", new, "--corpus", releases)
    finding_id = report["findings"][0]["id"]
    config = repo / "factcheck.toml"
    config.write_text(f'[[suppress]]\nid = "{finding_id}"\n', encoding="utf-8")
    result = invoke("check", new, "--corpus", releases, "--config", config)
    assert result.exit_code == 2
    assert result.stderr == (f"factcheck: error: {config}:1: suppress: [[suppress]] entry 1 ({finding_id}) needs a "
                             "reason; say why the finding is accepted, for the next reviewer\n")
    config.write_text(f'[[suppress]]\nid = "{finding_id}"\nreason = "the recap counts the 2018 pilot"\n',
                      encoding="utf-8")
    result, report = invoke_json("check", new, "--corpus", releases, "--config", config)
    assert result.exit_code == 0 and report["findings"] == [] and report["summary"]["suppressed"] == 1


def test_bad_baseline_files_are_usage_errors_naming_the_file(repo: Path, tmp_path: Path) -> None:
    releases = repo / "releases"
    cases = {
        "broken.json": ('{"version": 1,\n "findings": [\n', "not valid JSON: Expecting value", ":3:"),
        "old.json": ('{"version": 0, "findings": []}', "baseline version 0 is not supported", ": "),
        "noid.json": ('{"version": 1, "findings": [\n {"rule": "OR01"}\n]}', "entry 1 has no \"id\"", ": "),
        "report.json": ('{"version": 1, "documents": []}', "not a factcheck baseline", ": "),
    }
    for name, (text, message, where) in cases.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        result = invoke("run", releases, "--baseline", path)
        assert result.exit_code == 2, name
        assert result.stderr.startswith(f"factcheck: error: {path}"), result.stderr
        assert message in result.stderr and where in result.stderr, result.stderr
    missing = invoke("run", releases, "--baseline", tmp_path / "none.json")
    assert missing.exit_code == 2 and "baseline file not found" in missing.stderr


def test_a_release_agreeing_with_the_corpus_keeps_the_id_of_an_old_conflict(repo: Path) -> None:
    releases = repo / "releases"
    baseline = repo / "b.json"
    assert invoke("baseline", releases, "-o", baseline).exit_code == 0
    new = releases / PLANTED_NAME
    new.write_text(PLANTED.replace("sixth", "fourth"), encoding="utf-8")  # agrees with 第四度
    result = invoke("check", new, "--corpus", releases, "--baseline", baseline)
    assert result.exit_code == 0, result.stdout


def test_sarif_and_junit_of_a_check_are_valid_against_their_schemas(repo: Path) -> None:
    import jsonschema
    import xmlschema

    schemas = ROOT / "tests" / "report"
    releases = repo / "releases"
    new = releases / PLANTED_NAME
    new.write_text(PLANTED, encoding="utf-8")
    sarif = invoke("check", new, "--corpus", releases, "--format", "sarif")
    assert sarif.exit_code == 1
    data = json.loads(sarif.stdout)
    validator = jsonschema.Draft4Validator(json.loads((schemas / "sarif-schema-2.1.0.json").read_text(encoding="utf-8")))
    assert sorted(validator.iter_errors(data), key=str) == []
    (result,) = data["runs"][0]["results"]
    assert result["ruleId"] == "OR01" and result["level"] == "error"
    places = [result["locations"][0], *result.get("relatedLocations", [])]
    planted = [p for p in places if p["physicalLocation"]["artifactLocation"]["uri"].endswith(PLANTED_NAME)]
    assert [p["physicalLocation"]["region"]["snippet"]["text"] for p in planted] == ["sixth time"]
    junit = invoke("check", new, "--corpus", releases, "--format", "junit")
    xmlschema.XMLSchema(schemas / "junit.xsd").validate(junit.stdout)
    assert junit.stdout.count("<failure ") == 1 and 'type="error"' in junit.stdout
