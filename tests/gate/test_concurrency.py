"""Several factcheck processes on one index at once: none fails, all agree, the index stays sound."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from gatekit import PLANTED, PLANTED_NAME, ROOT, child_env, run_process

sys.path.insert(0, str(ROOT))
from bench import generate  # noqa: E402


@pytest.fixture(scope="module")
def releases(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """120 generated releases (enough work for the processes to overlap)."""
    out = tmp_path_factory.mktemp("concurrent") / "releases"
    generate.write_corpus(120, 5, out)
    return out


def start(*args: str | Path, cwd: Path) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "factcheck", *map(str, args)], cwd=cwd, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=child_env())


def finish(process: subprocess.Popen[str]) -> tuple[int, str, str]:
    out, err = process.communicate(timeout=900)
    return process.returncode, out, err


def verify(releases: Path) -> None:
    result = run_process("index", releases, "--verify", cwd=releases.parent)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[1] == "  0 extracted, 120 unchanged (from the index)"
    assert result.stdout.splitlines()[-1] == "  verified: no damage found"


def test_runs_checks_and_an_index_at_once_on_a_cold_index(releases: Path, tmp_path: Path) -> None:
    expected = run_process("run", releases, "--no-index", "--format", "json", cwd=tmp_path)
    assert expected.returncode == 1
    new = tmp_path / PLANTED_NAME
    new.write_text(PLANTED, encoding="utf-8")
    expected_check = run_process("check", new, "--corpus", releases, "--no-index", "--format", "json", cwd=tmp_path)
    processes = [start("run", releases, "--jobs", "1", "--format", "json", cwd=tmp_path) for _ in range(3)]
    processes.append(start("check", new, "--corpus", releases, "--jobs", "1", "--format", "json", cwd=tmp_path))
    processes.append(start("index", releases, "--jobs", "2", cwd=tmp_path))
    results = [finish(p) for p in processes]
    for code, out, err in results[:3]:
        assert (code, err) == (1, "") and out == expected.stdout
    code, out, err = results[3]
    assert (code, err, out) == (expected_check.returncode, "", expected_check.stdout)
    assert results[4][0] == 0 and results[4][2] == ""
    verify(releases)


def test_processes_that_find_the_index_damaged_rebuild_it_once_and_agree(releases: Path, tmp_path: Path) -> None:
    assert run_process("index", releases, cwd=tmp_path).returncode == 0
    expected = run_process("run", releases, "--no-index", "--format", "json", cwd=tmp_path).stdout
    path = releases / ".factcheck" / "index.sqlite"
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    path.write_bytes(b"\x00garbage" * 1000)
    results = [finish(p) for p in [start("run", releases, "--jobs", "1", "--format", "json", cwd=tmp_path)
                                   for _ in range(3)]]
    for code, out, err in results:
        assert code == 1 and out == expected
        assert err in ("", f"factcheck: the claim index {path} is not a factcheck index; "
                           "moved aside to index.sqlite.corrupt and rebuilt\n")
    verify(releases)
