"""Finding ids survive edits that do not touch the finding: text added elsewhere, paragraphs
moved, white space changed. They are what baselines and suppressions record."""

from __future__ import annotations

from pathlib import Path

from gatekit import invoke_json


def edit_seeds(releases: Path) -> None:
    """Move two paragraphs of the Chinese release below the quotes and add a sentence before
    another; add a paragraph to the English release; trailing blank lines."""
    chinese = releases / "000_e130ea72c9a05536.txt"
    paragraphs = chinese.read_text(encoding="utf-8").split("\n\n")
    start = next(i for i, p in enumerate(paragraphs) if p.startswith("十強隊伍具融資潛力"))
    moved = paragraphs[start:start + 2]
    rest = paragraphs[:start] + paragraphs[start + 2:]
    after = next(i for i, p in enumerate(rest) if p.startswith("數碼港行政總裁"))
    rest[after + 1:after + 1] = moved
    rest.insert(next(i for i, p in enumerate(rest) if p.startswith("參賽項目聚焦")), "本新聞稿另備英文版本，歡迎傳媒索取。")
    chinese.write_text("\n\n".join(rest) + "\n\n\n", encoding="utf-8")
    english = releases / "003_f21eea308015a647.txt"
    paragraphs = english.read_text(encoding="utf-8").split("\n\n")
    paragraphs.insert(3, "Photographs of the Final are available from the organiser on request.")
    english.write_text("\n\n".join(paragraphs), encoding="utf-8")


def places(report: dict) -> dict[str, list[tuple[str, int]]]:
    return {f["id"]: [(e["doc"], e["line"]) for e in f["evidence"]] for f in report["findings"]}


def test_ids_survive_moved_paragraphs_and_unrelated_text(repo: Path) -> None:
    releases = repo / "releases"
    _, before = invoke_json("run", releases)  # also fills the index
    edit_seeds(releases)
    _, after = invoke_json("run", releases)
    _, fresh = invoke_json("run", releases, "--no-index")
    assert after == fresh
    assert sorted(places(after)) == sorted(places(before))
    moved = {i for i in places(before) if places(before)[i] != places(after)[i]}
    assert len(moved) >= 3  # the findings did move: lines changed in both edited releases
    assert {doc for i in moved for doc, _line in places(after)[i]} >= {"000_e130ea72c9a05536",
                                                                        "003_f21eea308015a647"}


def test_changing_a_value_changes_the_id(repo: Path) -> None:
    releases = repo / "releases"
    _, before = invoke_json("run", releases)
    english = releases / "003_f21eea308015a647.txt"
    english.write_text(english.read_text(encoding="utf-8").replace("fifth time", "sixth time"), encoding="utf-8")
    _, after = invoke_json("run", releases)
    old = {f["id"] for f in before["findings"] if f["rule"] == "OR01"}
    new = {f["id"] for f in after["findings"] if f["rule"] == "OR01"}
    assert len(old) == len(new) == 1 and old != new
    assert {f["id"] for f in before["findings"]} - old == {f["id"] for f in after["findings"]} - new
