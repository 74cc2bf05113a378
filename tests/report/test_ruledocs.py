"""Rule documentation: the listing formats, one rule's doc, and the README's generated table."""

from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path

import pytest
from report_sample import RULES

from factcheck.report.ruledocs import (
    README_END,
    README_START,
    replace_readme_table,
    rule_doc_markdown,
    rule_doc_text,
    rules_json,
    rules_markdown,
)
from factcheck.rulebook import load_rules

README = Path(__file__).resolve().parents[2] / "README.md"


def test_markdown_table_has_one_escaped_row_per_rule() -> None:
    rules = [RULES[0], dataclasses.replace(RULES[1], summary="Editions | ordinals <differ>.")]
    assert rules_markdown(rules).splitlines() == [
        "| Code | Name | Severity | Status | Summary |",
        "|---|---|---|---|---|",
        "| EN01 | entity-alias-conflict | error | stable | Summary of entity-alias-conflict. |",
        "| OR01 | edition-ordinal-conflict | error | stable | Editions \\| ordinals &lt;differ&gt;. |",
    ]


def test_rule_doc_sections() -> None:
    text = rule_doc_text(RULES[1])
    assert text.startswith("OR01 edition-ordinal-conflict\nSummary of edition-ordinal-conflict.\n\n"
                           "severity: error    status: stable    check: test\naliases: ED01, edition-conflict\n")
    assert "What it does\n  Flags edition-ordinal-conflict.\n\nWhy it matters\n  Readers get different facts.\n" in text
    assert "Flagged:\n  zh: 第四度\n  en: the fifth time\n\nNot flagged:\n  en: the fourth time\n" in text
    assert text.endswith("file: rules/x/OR01.toml\n")
    markdown = rule_doc_markdown(RULES[1])
    assert markdown.startswith("## OR01 edition-ordinal-conflict\n")
    assert "### Flagged\n\n`zh`:\n\n```text\n第四度\n```\n\n`en`:" in markdown


def test_rules_json_lists_every_field() -> None:
    data = json.loads(rules_json(RULES[:1]))
    assert data["version"] == 1
    assert list(data["rules"][0]) == ["code", "name", "severity", "status", "check", "summary", "message",
                                      "aliases", "match", "params", "doc", "path"]


def test_readme_table_is_replaced_between_the_markers() -> None:
    readme = f"# x\n\n{README_START}\nstale\n{README_END}\n\nmore\n"
    updated = replace_readme_table(readme, RULES[:1])
    assert updated == f"# x\n\n{README_START}\n{rules_markdown(RULES[:1])}{README_END}\n\nmore\n"
    assert replace_readme_table("# no markers\n", RULES) is None


def test_readme_rule_table_is_current() -> None:
    """README.md embeds `factcheck rules --format markdown` between the markers;
    FACTCHECK_UPDATE_GOLDEN=1 rewrites it."""
    readme = README.read_text(encoding="utf-8")
    updated = replace_readme_table(readme, load_rules().rules)
    if updated is None:
        pytest.skip(f"README.md has no generated rule table yet: add the lines {README_START!r} and {README_END!r}")
    if os.environ.get("FACTCHECK_UPDATE_GOLDEN") == "1" and updated != readme:
        README.write_text(updated, encoding="utf-8")
        readme = updated
    assert readme == updated, "README.md's rule table is stale: run FACTCHECK_UPDATE_GOLDEN=1 pytest"
