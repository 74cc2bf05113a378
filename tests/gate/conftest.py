"""Fixtures of the CI-gate tests (helpers in gatekit.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from gatekit import make_repo

from factcheck import engine


@pytest.fixture(autouse=True)
def _isolated(isolated_cwd: Path) -> Path:
    """Every gate test runs in an empty folder (tests/conftest.py)."""
    return isolated_cwd


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return make_repo(tmp_path)


@pytest.fixture
def extractions(monkeypatch: pytest.MonkeyPatch) -> Callable[[], list[str]]:
    """Count the documents the extractor is called on (in this process)."""
    seen: list[str] = []
    real = engine.extract

    def counting(norm, lexicon):
        seen.append(norm.doc.id)
        return real(norm, lexicon)

    monkeypatch.setattr(engine, "extract", counting)

    def calls() -> list[str]:
        out = list(seen)
        seen.clear()
        return out

    return calls
