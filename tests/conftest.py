"""Shared fixtures: the test-only check kind and extractor from fakes.py, rule folders and a
small corpus."""

from __future__ import annotations

from pathlib import Path

import pytest
from fakes import SAME_VALUE, fake_extract, write_rule

from factcheck import engine, rulebook
from factcheck.resources import builtin_rules_dir
from factcheck.checks import CHECKS, CheckKind


@pytest.fixture
def isolated_cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run in an empty folder, so no config file of the checkout is found, and without the
    debugging switch (a test of an error message must see the message, not a traceback)."""
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.delenv("FACTCHECK_DEBUG", raising=False)
    return work


@pytest.fixture
def fake_kind(monkeypatch: pytest.MonkeyPatch) -> CheckKind:
    """Register the test-only ``same-value`` check kind."""
    monkeypatch.setitem(CHECKS, SAME_VALUE.name, SAME_VALUE)
    return SAME_VALUE


@pytest.fixture
def fake_pipeline(monkeypatch: pytest.MonkeyPatch, fake_kind: CheckKind) -> None:
    """The test kind plus the tiny extractor in place of the real one."""
    monkeypatch.setattr(engine, "extract", fake_extract)


@pytest.fixture
def only_test_rules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Built-in rules out of the way (the built-in lexicon stays): tests of the engine and the CLI
    count exactly the findings of their own test rules."""
    builtin = tmp_path / "builtin"
    builtin.mkdir()
    (builtin / "lexicon").symlink_to(builtin_rules_dir() / "lexicon")
    monkeypatch.setattr(rulebook, "builtin_rules_dir", lambda: builtin)


@pytest.fixture
def rule_dir(tmp_path: Path, fake_kind: CheckKind) -> Path:
    """A rule folder holding TS01 (error, stable) and TS02 (warning, preview)."""
    folder = tmp_path / "house-rules"
    write_rule(folder, "TS01")
    write_rule(folder, "TS02", name="quantity-differs-preview", severity="warning", status="preview")
    return folder


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """Three small releases: zh and en disagree on the number of projects; the third agrees."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a_zh.txt").write_text("香港（2023年9月13日）\n今年共有150個項目參賽，涉及3項專利。\n", encoding="utf-8")
    (folder / "b_en.txt").write_text("Hong Kong, 13 September 2023\nThis year 148 projects took part.\n",
                                     encoding="utf-8")
    (folder / "c_en.txt").write_text("Hong Kong\nAgain, 3 patents were filed.\n", encoding="utf-8")
    return folder
