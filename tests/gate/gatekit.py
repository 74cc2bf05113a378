"""Helpers of the CI-gate tests: a git-like repository of releases built from the seeds, the
planted release, and ways to run the command line."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result

from factcheck.cli import cli

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
CORPUS = ROOT / "tests" / "corpus"

# An English recap of MiCHK 2023 that calls it the sixth edition (the seeds say 4th and 5th).
PLANTED_NAME = "005_michk_2023_recap_en.txt"
PLANTED = """MiCHK 2023 recap: Hong Kong start-ups head to the Global Final

Hong Kong, September 20, 2023 – The Maker in China SME Innovation and Entrepreneurship Global Contest – Hong Kong Chapter (MiCHK) 2023 was held at Cyberport for the sixth time this year.

The winning teams will represent Hong Kong at the Global Final Contest of the Maker in China 2023 in Guangzhou in October.
"""


def make_repo(base: Path) -> Path:
    """``base/repo`` holding ``releases/`` (the seeds) and a ``.git`` folder, as a
    communications team's repository would."""
    repo = base / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    shutil.copytree(SEEDS, repo / "releases", ignore=shutil.ignore_patterns(".factcheck"))  # a local run's index
    return repo


def invoke(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args])


def invoke_json(*args: str | Path) -> tuple[Result, dict[str, Any]]:
    result = invoke(*args, "--format", "json")
    assert result.stdout, result.stderr
    return result, json.loads(result.stdout)


def run_process(*args: str | Path, cwd: Path, env: dict[str, str] | None = None,
                **kwargs: Any) -> subprocess.CompletedProcess[str]:
    """``python -m factcheck ARGS`` in a child process."""
    return subprocess.run([sys.executable, "-m", "factcheck", *map(str, args)], cwd=cwd, capture_output=True,
                          text=True, env=child_env(env), timeout=600, **kwargs)


def child_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("FACTCHECK_DEBUG", "NO_COLOR")}
    env.update(extra or {})
    return env
