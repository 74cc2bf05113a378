"""--jobs N: worker processes extract the documents; the report is the same as with one."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from gatekit import CORPUS, ROOT, SEEDS, invoke

from factcheck import gather

sys.path.insert(0, str(ROOT))
from bench import generate  # noqa: E402


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """60 generated releases: enough for worker processes to be used (MIN_PARALLEL)."""
    out = tmp_path_factory.mktemp("generated")
    generate.write_corpus(60, 11, out)
    return out


def test_jobs_give_byte_identical_json_on_a_generated_corpus(generated: Path) -> None:
    assert len(list(generated.glob("*.txt"))) >= gather.MIN_PARALLEL
    one = invoke("run", generated, "--jobs", "1", "--no-index", "--format", "json")
    two = invoke("run", generated, "--jobs", "2", "--no-index", "--format", "json")
    three = invoke("run", generated, "--jobs", "3", "--format", "json", "--index", generated.parent / "i.sqlite")
    assert one.exit_code == two.exit_code == three.exit_code == 1
    assert one.stdout == two.stdout == three.stdout
    assert '"findings": []' not in one.stdout


@pytest.mark.parametrize("paths", [[SEEDS], [CORPUS]], ids=["seeds", "corpus"])
def test_jobs_give_byte_identical_json_on_the_seeds(paths: list[Path], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(gather, "MIN_PARALLEL", 1)  # use the workers even for a handful of files
    monkeypatch.setattr(gather, "CHUNK_FILES", 2)
    one = invoke("run", *paths, "--jobs", "1", "--no-index", "--format", "json")
    two = invoke("run", *paths, "--jobs", "2", "--no-index", "--format", "json")
    assert one.stdout == two.stdout and one.exit_code == two.exit_code


def test_small_runs_stay_in_process(repo: Path, extractions) -> None:
    invoke("run", repo / "releases", "--jobs", "4", "--no-index")
    assert len(extractions()) == 7  # counted here: no worker process was started


def test_chunks_hold_about_a_megabyte_and_keep_the_order() -> None:
    items = [(i, b"x" * 400_000, f"{i}.txt") for i in range(7)]
    chunks = gather._chunks(items, 32)
    assert [[i for i, _, _ in chunk] for chunk in chunks] == [[0, 1, 2], [3, 4, 5], [6]]
    assert [[i for i, _, _ in c] for c in gather._chunks(items[:3], 2)] == [[0, 1], [2]]


def test_jobs_must_be_positive(repo: Path) -> None:
    result = invoke("run", repo / "releases", "--jobs", "0")
    assert result.exit_code == 2 and "Invalid value for '-j' / '--jobs'" in result.stderr
