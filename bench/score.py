#!/usr/bin/env python3
"""Score a factcheck JSON report against a gold file of expected and forbidden findings.

    python bench/score.py --gold DIR/gold.toml --corpus DIR --findings report.json

The matching is the one of the seeds' gold scorer (gold_check.py beside seeds-gold.toml), so both
give the same counts; this one indexes the findings by document, so it stays fast on 10,000 releases.

A gold item {doc, text[, line]} matches an evidence entry when the entry is in that document
("doc", or the stem of "path"; "stem#2" for a later article of one file) and its span
[start, end) overlaps an occurrence of `text` (on `line`, if given); an entry without offsets
matches by line. {any = [...]} matches when one alternative does.
  [[expect]]  found when some finding at an allowed severity matches every item;
  [[forbid]]  a false alarm when some finding at a listed severity matches every item.
  recall      = expected found / expected
  precision   = warnings and errors explained by some expectation / warnings and errors reported
"""

from __future__ import annotations

import argparse
import json
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path


class GoldError(Exception):
    """The gold file names a document or a text the corpus does not have."""


@dataclass(frozen=True, slots=True)
class Score:
    expected: int
    found: int
    forbidden: int
    false_alarms: int
    flagged: int            # warnings + errors reported
    explained: int          # of those, the ones some expectation explains
    findings: int
    by_rule: dict[str, tuple[int, int]] = field(default_factory=dict)   # rule -> (found, expected)
    missing: tuple[str, ...] = ()
    false: tuple[str, ...] = ()

    @property
    def recall(self) -> float | None:
        return self.found / self.expected if self.expected else None

    @property
    def precision(self) -> float | None:
        return self.explained / self.flagged if self.flagged else None

    def summary(self) -> str:
        """The closing line, worded as the seeds' scorer words it."""
        return (f"gold: {self.found}/{self.expected} expected found, {self.false_alarms}/{self.forbidden} false alarms, "
                f"{self.explained}/{self.flagged} warnings+errors explained by the gold, {self.findings} findings in all")

    def as_dict(self) -> dict:
        return {"expected": self.expected, "found": self.found, "forbidden": self.forbidden,
                "false_alarms": self.false_alarms, "flagged": self.flagged, "explained": self.explained,
                "findings": self.findings, "recall": self.recall, "precision": self.precision,
                "by_rule": {k: {"found": v[0], "expected": v[1]} for k, v in sorted(self.by_rule.items())},
                "missing": list(self.missing), "false": list(self.false)}


def load_docs(corpus: Path) -> dict[str, str]:
    """Every decodable file under `corpus`, by file stem (as the seeds' scorer reads them)."""
    docs = {}
    for path in sorted(corpus.rglob("*")):
        if path.is_file():
            try:
                docs[path.stem] = path.read_text(encoding="utf-8-sig")
            except UnicodeDecodeError:
                continue
    return docs


def doc_of(entry: dict) -> str:
    """
    >>> doc_of({"doc": "001_x"}), doc_of({"path": "corpus/002_y.txt"})
    ('001_x', '002_y')
    """
    doc = str(entry.get("doc") or "")
    if not doc and entry.get("path"):
        doc = Path(str(entry["path"])).stem
    return doc


def base_doc(doc: str) -> str:
    """The file a document id belongs to: "004_x#2" -> "004_x".

    >>> base_doc("004_x#2"), base_doc("004_x")
    ('004_x', '004_x')
    """
    return doc.split("#", 1)[0]


class Matcher:
    """Gold items against evidence entries, with the occurrences of each gold text cached."""

    def __init__(self, docs: dict[str, str]) -> None:
        self.docs = docs
        self.cache: dict[tuple[str, str, int | None], tuple[list[tuple[int, int]], list[tuple[int, int]]]] = {}

    def occurrences(self, doc: str, text: str, line: int | None) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
        """Spans of `text` in `doc` (on `line` if given), and the line range of each."""
        key = (doc, text, line)
        if key not in self.cache:
            body = self.docs.get(doc)
            if body is None:
                raise GoldError(f"gold names document {doc!r}, which is not in the corpus")
            spans, lines = [], []
            i = body.find(text)
            while i >= 0:
                first = body.count("\n", 0, i) + 1
                if line is None or first == line:
                    spans.append((i, i + len(text)))
                    lines.append((first, first + text.count("\n")))
                i = body.find(text, i + 1)
            if not spans:
                raise GoldError(f"gold text {text!r} not found in {doc} (line {line})")
            self.cache[key] = (spans, lines)
        return self.cache[key]

    def item_matches(self, item: dict, entries: dict[str, list[dict]]) -> bool:
        """Does some evidence entry (grouped by base document) match the gold item?"""
        if "any" in item:
            return any(self.item_matches(alt, entries) for alt in item["any"])
        candidates = entries.get(item["doc"])
        if not candidates:
            return False
        spans, lines = self.occurrences(item["doc"], item["text"], item.get("line"))
        for entry in candidates:
            start, end = entry.get("start"), entry.get("end")
            if isinstance(start, int) and isinstance(end, int):
                end = max(end, start + 1)
                if any(start < o_end and o_start < end for o_start, o_end in spans):
                    return True
                continue
            at = entry.get("line")
            if isinstance(at, int) and any(a <= at <= b for a, b in lines):
                return True
        return False


def group_evidence(finding: dict) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for entry in finding.get("evidence") or []:
        doc = doc_of(entry)
        out.setdefault(base_doc(doc), []).append(entry)
        stem = Path(doc).stem
        if stem != doc and stem != base_doc(doc):
            out.setdefault(stem, []).append(entry)
    return out


def item_docs(item: dict) -> set[str]:
    if "any" in item:
        return set().union(*(item_docs(a) for a in item["any"]))
    return {item["doc"]}


def score(gold: dict, findings: list[dict], docs: dict[str, str]) -> Score:
    """Score findings (the report's "findings" list) against parsed gold TOML."""
    matcher = Matcher(docs)
    grouped = [group_evidence(f) for f in findings]
    by_doc: dict[str, list[int]] = {}
    for index, groups in enumerate(grouped):
        for doc in groups:
            by_doc.setdefault(doc, []).append(index)

    def hits(rule: dict) -> list[int]:
        # only findings citing a document of the first item can match every item
        first = rule["evidence"][0] if rule["evidence"] else None
        pool = sorted({i for d in item_docs(first) for i in by_doc.get(d, [])}) if first else range(len(findings))
        out = []
        for i in pool:
            if findings[i].get("severity") not in rule["severity"]:
                continue
            if all(matcher.item_matches(item, grouped[i]) for item in rule["evidence"]):
                out.append(i)
        return out

    expect, forbid = gold.get("expect", []), gold.get("forbid", [])
    explained: set[int] = set()
    found = 0
    missing = []
    by_rule: dict[str, list[int]] = {}
    for rule in expect:
        matched = hits(rule)
        explained.update(matched)
        tally = by_rule.setdefault(str(rule.get("rule", "?")), [0, 0])
        tally[1] += 1
        if matched:
            found += 1
            tally[0] += 1
        else:
            missing.append(rule["id"])
    false = [rule["id"] for rule in forbid if hits(rule)]
    flagged = [i for i, f in enumerate(findings) if f.get("severity") in ("warning", "error")]
    return Score(len(expect), found, len(forbid), len(false), len(flagged),
                 sum(1 for i in flagged if i in explained), len(findings),
                 {k: (v[0], v[1]) for k, v in by_rule.items()}, tuple(missing), tuple(false))


def score_files(gold_path: Path, corpus: Path, report_path: Path) -> Score:
    gold = tomllib.loads(gold_path.read_text(encoding="utf-8"))
    report = json.loads(report_path.read_text(encoding="utf-8"))
    return score(gold, report["findings"], load_docs(corpus))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", required=True, type=Path)
    parser.add_argument("--corpus", required=True, type=Path)
    parser.add_argument("--findings", required=True, type=Path, help="a saved JSON report")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--show", action="store_true", help="list the missing expectations and false alarms")
    args = parser.parse_args(argv)
    try:
        result = score_files(args.gold, args.corpus, args.findings)
    except (OSError, ValueError, KeyError, TypeError, GoldError) as exc:
        print(f"score: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(result.as_dict(), indent=2, ensure_ascii=False))
        return 0
    if args.show:
        for rule_id in result.missing:
            print(f"MISSING  {rule_id}")
        for rule_id in result.false:
            print(f"FALSE    {rule_id}")
    for rule, (hit, total) in sorted(result.by_rule.items()):
        print(f"{rule}: {hit}/{total}")
    print(result.summary())
    return 0 if result.found == result.expected and not result.false_alarms else 1


if __name__ == "__main__":
    sys.exit(main())
