"""Pathological releases finish in bounded time and memory through the whole pipeline.

Each case runs ``factcheck.check_texts`` (ingest, normalise, numbers, extraction, alignment and
every built-in rule) in a forked child that must finish within ``bounded.SECONDS`` (60 s) and a
3 GiB memory budget. A hang or a super-linear blow-up is what is tested, not speed: on a linear
pipeline each case takes a few seconds, while the quadratic scans these inputs were built against
took minutes to hours (the cases name the scan each one targets).

Sizes follow issue 5: a line of 5 million characters, 100,000 numbers in one document, 10,000
"包括" markers, a 1 MB run of 「」, a million commas, deeply nested brackets, a document of only
digits and 、. The 50 MB release through the command line is ``test_a_50_mb_release_end_to_end``
(about two minutes; it runs when FACTCHECK_SLOW=1).
"""

from __future__ import annotations

from collections.abc import Callable

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from bounded import run_bounded

from factcheck import check_texts


def _summary(docs: dict[str, str]) -> tuple[int, list[str]]:
    findings = check_texts(docs)
    return len(findings), sorted({f.rule for f in findings})


PARAGRAPH = (
    "數碼港為一個創新數碼社群，匯聚超過 1,900 間社群企業，包括超過 800 間駐園區及接近 1,100 間非駐園區的"
    "初創企業和科技公司。Cyberport is an innovative digital community.\n\n"
)
HEAD = "數碼港公布年報\n\n香港，2023年9月13日 – 數碼港今天公布年報。\n\n"

# name -> the documents to check
CASES: dict[str, Callable[[], dict[str, str]]] = {
    # sizes named in issue 5
    "a line of 5 million ASCII characters": lambda: {"a": "a" * 5_000_000},
    "a line of a million CJK characters": lambda: {"a": "數碼港科技園" * 170_000},
    "100,000 numbers joined by 、": lambda: {"a": "、".join(str(i) for i in range(100_000))},
    "100,000 numbers separated by spaces": lambda: {"a": " 0" * 100_000},
    "30,000 counted numbers in one sentence": lambda: {"a": " ".join(f"{i} projects," for i in range(30_000))},
    "10,000 包括 markers in one sentence": lambda: {"a": "共100個項目，包括" * 10_000},
    "a 1 MB run of 「」": lambda: {"a": "「」" * 500_000},
    "a million commas": lambda: {"a": "," * 1_000_000},
    "a million full-width commas": lambda: {"a": "，" * 1_000_000},
    "100,000 nested brackets": lambda: {"a": "(" * 100_000 + "1" + ")" * 100_000},
    "100,000 nested CJK brackets": lambda: {"a": "（「" * 100_000 + "1" + "」）" * 100_000},
    "only digits and 、": lambda: {"a": "1、" * 100_000},
    "a million digits": lambda: {"a": "1" * 1_000_000},
    # runs of capitalised words, digits and dots: English legal-name and title-before-name scans
    "Mr Mr Mr …": lambda: {"a": "Mr " * 100_000},
    "one 300,000-letter capitalised word": lambda: {"a": "IM" * 150_000},
    "dotted capitals A.A.A.…": lambda: {"a": "A." * 150_000},
    "1-2-1-2-…": lambda: {"a": "1-2-" * 50_000},
    "form feeds between digits": lambda: {"a": "\f1" * 100_000},
    "one capital letter a line": lambda: {"a": "L\n" * 100_000},
    "one digit a line in a Chinese release": lambda: {"a": HEAD + "1\n" * 100_000},
    # markup and other archive debris
    "200,000 unclosed HTML comments": lambda: {"a.html": "<!--" * 200_000},
    # one sentence that never ends: every claim looked back over it
    "a tab-separated table of 12,000 rows": lambda: {"a": "Cyberport\t150\tprojects\n" * 12_000},
    # a line number for each of 50,000 findings, counted from the start of the file each time
    "50,000 totals with parts": lambda: {"a": "共有3個項目，包括1個及2個。" * 50_000},
    "a 2 MB release of one paragraph repeated": lambda: {"a": HEAD + PARAGRAPH * 7_000},
    "100,000 unclosed attributes": lambda: {"a.html": "<a href='" * 100_000},
    # every name read so far was rescanned for each new one
    "50,000 bracketed English names": lambda: {"a": "數碼港科技(Cyberport Limited)、" * 50_000},
    "20,000 datelines": lambda: {"a": "香港，2023年9月13日 – 數碼港今天公布150個項目。\n" * 20_000},
    "50,000 ### markers": lambda: {"a": "共有150個項目。\n###\n" * 50_000},
}


@pytest.mark.parametrize("name", list(CASES))
def test_pathological_input_finishes(name: str) -> None:
    count, rules = run_bounded(name, lambda: _summary(CASES[name]()))
    assert count >= 0 and all(rules)


def test_the_bounded_runner_catches_a_hang() -> None:
    def forever() -> None:
        while True:
            pass

    with pytest.raises(pytest.fail.Exception, match="forever: still running after 1 s"):
        run_bounded("forever", forever, seconds=1)


@pytest.mark.skipif(not os.environ.get("FACTCHECK_SLOW"), reason="about two minutes; set FACTCHECK_SLOW=1")
def test_a_50_mb_release_end_to_end(tmp_path: Path) -> None:
    body = PARAGRAPH * (50_000_000 // len(PARAGRAPH.encode()) + 1)
    path = tmp_path / "big.txt"
    path.write_text(HEAD + body, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "factcheck", "run", str(path), "--format", "json", "--isolated"],
                            capture_output=True, text=True, timeout=900, check=False)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["summary"]["documents"] == 1 and data["summary"]["claims"] > 800_000
