"""End to end: the seed releases and the hand-written corpora against their gold files.

The gold files say what must be reported (with the allowed severities) and what must not. A
finding that no expectation explains is not a failure here (it may be a real problem the gold
does not know), but every expectation must be met and nothing forbidden reported. The scorer is
bench/score.py, which matches evidence exactly as the seeds' gold scorer does.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from bench.score import load_docs, score
from factcheck import check_paths
from factcheck.report import OutputFormat, REPORTERS

ROOT = Path(__file__).resolve().parents[2]
SETS = [
    pytest.param(ROOT / "seeds", Path(__file__).parent / "seeds-gold.toml", id="seeds"),
    *(pytest.param(folder, folder / "gold.toml", id=folder.name)
      for folder in sorted((ROOT / "tests" / "corpus").iterdir()) if (folder / "gold.toml").is_file()),
]


def _report(corpus: Path) -> dict:
    report = check_paths([corpus])
    return json.loads(REPORTERS[OutputFormat.JSON](report))


@pytest.mark.parametrize(("corpus", "gold_path"), SETS)
def test_gold(corpus: Path, gold_path: Path) -> None:
    gold = tomllib.loads(gold_path.read_text(encoding="utf-8"))
    result = score(gold, _report(corpus)["findings"], load_docs(corpus))
    assert result.missing == (), f"expected but not reported: {result.missing}"
    assert result.false == (), f"reported but forbidden: {result.false}"
    assert result.found == result.expected


def test_seed_findings_are_all_explained() -> None:
    """On the seeds every warning and error is one the gold expects (no noise for a reviewer)."""
    gold = tomllib.loads((Path(__file__).parent / "seeds-gold.toml").read_text(encoding="utf-8"))
    result = score(gold, _report(ROOT / "seeds")["findings"], load_docs(ROOT / "seeds"))
    assert result.explained == result.flagged
