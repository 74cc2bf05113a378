"""The benchmark corpus generator and its scorer: correctness only (no timing)."""

from __future__ import annotations

import doctest
import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import opencc
import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bench import generate, score, textutil  # noqa: E402

GOLD_CHECK = Path("/work/shared/tools/gold_check.py")
PLANTED = ("NU01", "SU01", "LS01", "RA01", "OR01", "EN01", "AW01", "TI02", "DR02", "DR01", "TI01")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("corpus")
    generate.write_corpus(100, 7, out)
    return out


@pytest.fixture(scope="module")
def gold(corpus: Path) -> dict:
    return tomllib.loads((corpus / "gold.toml").read_text(encoding="utf-8"))


def read_corpus(path: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(path.iterdir())}


def items(item: dict) -> list[dict]:
    return [a for alt in item["any"] for a in items(alt)] if "any" in item else [item]


def test_same_seed_gives_byte_identical_files(corpus: Path, tmp_path: Path) -> None:
    generate.write_corpus(100, 7, tmp_path)
    assert read_corpus(tmp_path) == read_corpus(corpus)


def test_command_line_output_does_not_depend_on_string_hashing(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "cli"
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    proc = subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), "--docs", "100", "--seed", "7",
                           "--out", str(out)], capture_output=True, text=True, env=env, check=False)
    assert proc.returncode == 0, proc.stderr
    assert "wrote 100 releases" in proc.stdout
    assert read_corpus(out) == read_corpus(corpus)


def test_refuses_to_write_over_a_corpus(corpus: Path) -> None:
    proc = subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), "--docs", "10", "--out", str(corpus)],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 2
    assert "already holds .txt files" in proc.stderr


def test_another_seed_gives_another_corpus(corpus: Path, tmp_path: Path) -> None:
    generate.write_corpus(100, 8, tmp_path)
    assert read_corpus(tmp_path) != read_corpus(corpus)


def test_writes_exactly_the_requested_number_of_utf8_releases(corpus: Path) -> None:
    texts = sorted(corpus.glob("*.txt"))
    assert len(texts) == 100
    for path in texts:
        path.read_bytes().decode("utf-8")


def test_every_gold_text_is_in_its_document_on_its_line(corpus: Path, gold: dict) -> None:
    docs = score.load_docs(corpus)
    checked = 0
    for section in ("expect", "forbid"):
        for rule in gold[section]:
            assert rule["severity"], rule["id"]
            for item in rule["evidence"]:
                for alt in items(item):
                    lines = docs[alt["doc"]].split("\n")
                    assert alt["text"] in lines[alt["line"] - 1], (rule["id"], alt)
                    checked += 1
    assert checked > 50


def test_all_three_languages_are_present(corpus: Path) -> None:
    t2s = opencc.OpenCC("t2s")
    langs = set()
    for path in corpus.glob("*.txt"):
        text = path.read_text(encoding="utf-8")
        han = sum("\u4e00" <= ch <= "\u9fff" for ch in text)
        if han < 100:
            langs.add("en")
        elif t2s.convert(text) == text:
            langs.add("zh-Hans")
        else:
            langs.add("zh-Hant")
    assert langs == {"en", "zh-Hans", "zh-Hant"}


def test_every_planted_kind_is_in_the_gold(gold: dict) -> None:
    kinds = {rule["rule"] for rule in gold["expect"]}
    assert set(PLANTED) <= kinds
    severities = {rule["rule"]: rule["severity"] for rule in gold["expect"]}
    assert severities["DR01"] == ["info"] and severities["TI01"] == ["info"] and severities["DR02"] == ["warning"]
    assert severities["NU01"] == ["error", "warning"]


def test_forbid_items_cover_the_near_misses(gold: dict) -> None:
    kinds = {rule["id"].split("-")[0] for rule in gold["forbid"]}
    assert {"approx", "parts", "average", "list"} <= kinds


def test_ids_are_unique(gold: dict) -> None:
    ids = [rule["id"] for section in ("expect", "forbid") for rule in gold[section]]
    assert len(ids) == len(set(ids))


def test_planted_name_slip_differs_by_one_character(corpus: Path, gold: dict) -> None:
    t2s = opencc.OpenCC("t2s")
    for rule in gold["expect"]:
        if rule["rule"] == "EN01":
            body = items(rule["evidence"][0])[0]["text"]
            caption = items(rule["evidence"][1])[0]["text"]
            assert len(body) == len(caption)
            assert sum(a != b for a, b in zip(t2s.convert(body), t2s.convert(caption))) == 1


def test_vocabulary_variants_fold_and_slips_do_not() -> None:
    t2s = opencc.OpenCC("t2s")
    data = generate.load_data()["companies"]
    for a, b in data["variants"]:
        assert t2s.convert(a) == t2s.convert(b), (a, b)
    for a, b in data["similar"]:
        assert t2s.convert(a) != t2s.convert(b), (a, b)


# ------------------------------------------------------------------------------------------- scoring


def perfect_report(gold: dict, docs: dict[str, str]) -> dict:
    """A report with one finding per expectation, citing the first alternative of every item."""
    findings = []
    for rule in gold["expect"]:
        evidence = []
        for item in rule["evidence"]:
            alt = items(item)[0]
            text = docs[alt["doc"]]
            offset = sum(len(line) + 1 for line in text.split("\n")[: alt["line"] - 1])
            start = text.index(alt["text"], offset)
            evidence.append({"doc": alt["doc"], "line": alt["line"], "start": start, "end": start + len(alt["text"]),
                             "text": alt["text"]})
        findings.append({"rule": rule["rule"], "severity": rule["severity"][0], "evidence": evidence,
                         "message": rule["what"]})
    return {"version": 1, "findings": findings}


def test_perfect_report_scores_full_marks(corpus: Path, gold: dict) -> None:
    docs = score.load_docs(corpus)
    result = score.score(gold, perfect_report(gold, docs)["findings"], docs)
    assert result.recall == 1.0 and result.precision == 1.0
    assert result.false_alarms == 0 and result.found == len(gold["expect"])


def test_missing_finding_lowers_recall(corpus: Path, gold: dict) -> None:
    docs = score.load_docs(corpus)
    findings = perfect_report(gold, docs)["findings"]
    result = score.score(gold, findings[1:], docs)
    assert result.found == len(gold["expect"]) - 1
    assert result.recall == pytest.approx((len(gold["expect"]) - 1) / len(gold["expect"]))
    assert result.missing == (gold["expect"][0]["id"],)


def test_extra_warning_lowers_precision(corpus: Path, gold: dict) -> None:
    docs = score.load_docs(corpus)
    findings = perfect_report(gold, docs)["findings"]
    flagged = sum(f["severity"] in ("warning", "error") for f in findings)
    some_doc = next(iter(sorted(p.stem for p in corpus.glob("*.txt"))))
    extra = {"rule": "NU01", "severity": "warning", "evidence": [{"doc": some_doc, "line": 1, "start": 0, "end": 1}]}
    result = score.score(gold, [*findings, extra], docs)
    assert result.recall == 1.0
    assert result.precision == pytest.approx(flagged / (flagged + 1))


def test_finding_on_a_forbidden_pair_is_a_false_alarm(corpus: Path, gold: dict) -> None:
    docs = score.load_docs(corpus)
    forbid = gold["forbid"][0]
    evidence = []
    for item in forbid["evidence"]:
        text = docs[item["doc"]]
        offset = sum(len(line) + 1 for line in text.split("\n")[: item["line"] - 1])
        start = text.index(item["text"], offset)
        evidence.append({"doc": item["doc"], "start": start, "end": start + len(item["text"])})
    result = score.score(gold, [{"severity": "error", "evidence": evidence}], docs)
    assert result.false == (forbid["id"],)


def test_info_finding_does_not_explain_a_warning_expectation(corpus: Path, gold: dict) -> None:
    docs = score.load_docs(corpus)
    findings = perfect_report(gold, docs)["findings"]
    target = next(i for i, r in enumerate(gold["expect"]) if r["rule"] == "SU01")
    findings[target] = {**findings[target], "severity": "info"}
    result = score.score(gold, findings, docs)
    assert gold["expect"][target]["id"] in result.missing


@pytest.mark.skipif(not GOLD_CHECK.exists(), reason="the shared gold scorer is not on this machine")
def test_scorer_agrees_with_the_shared_gold_check(corpus: Path, gold: dict, tmp_path: Path) -> None:
    docs = score.load_docs(corpus)
    findings = perfect_report(gold, docs)["findings"]
    # drop one, add a stray warning and a false alarm on a forbidden pair
    forbid = gold["forbid"][0]
    stray = []
    for item in forbid["evidence"]:
        stray.append({"doc": item["doc"], "line": item["line"]})
    findings = findings[1:] + [{"severity": "warning", "evidence": stray}]
    report = tmp_path / "report.json"
    report.write_text(json.dumps({"findings": findings}), encoding="utf-8")
    proc = subprocess.run([sys.executable, str(GOLD_CHECK), "--gold", str(corpus / "gold.toml"), "--corpus", str(corpus),
                           "--findings", str(report), "--quiet"], capture_output=True, text=True, check=False)
    ours = score.score(gold, findings, docs)
    assert proc.stdout.strip().splitlines()[-1] == ours.summary()


def test_doctests_of_the_bench_modules() -> None:
    for module in (generate, score, textutil):
        failures, _ = doctest.testmod(module)
        assert failures == 0, module.__name__
