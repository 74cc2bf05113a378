"""The progress bar: drawn on stderr when it is a terminal, never in a pipe or a CI log."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from gatekit import child_env, run_process

from factcheck import progress
from factcheck.progress import ProgressBar, render_bar

# Run the CLI with the bar's delay set to 0, so even the seeds draw one.
SCRIPT = "import sys; from factcheck import progress; progress.DELAY = 0; from factcheck.cli import main; main(sys.argv[1:])"


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_a_bar_is_drawn_on_a_terminal_and_erased_afterwards(repo: Path) -> None:
    import pty

    controller, terminal = pty.openpty()
    process = subprocess.Popen([sys.executable, "-c", SCRIPT, "run", str(repo / "releases"), "--no-index",
                                "--format", "json"], stdout=subprocess.PIPE, stderr=terminal,
                               env=child_env({"TERM": "xterm"}))
    os.close(terminal)
    chunks: list[bytes] = []

    def drain() -> None:
        while True:
            try:
                chunk = os.read(controller, 65536)
            except OSError:  # the other end is closed
                return
            if not chunk:
                return
            chunks.append(chunk)

    reader = threading.Thread(target=drain)
    reader.start()
    out, _ = process.communicate(timeout=300)
    reader.join(timeout=60)
    os.close(controller)
    drawn = b"".join(chunks)
    assert process.returncode == 1 and out.startswith(b"{")  # the report is untouched on stdout
    text = drawn.decode("utf-8")
    assert "\rextracting [" in text and "5/5 100%" in text  # files read
    assert text.endswith("\r\x1b[K")  # erased when done


def test_nothing_is_drawn_when_stderr_is_a_pipe(repo: Path) -> None:
    result = subprocess.run([sys.executable, "-c", SCRIPT, "run", str(repo / "releases"), "--no-index"],
                            capture_output=True, text=True, env=child_env({"TERM": "xterm"}), timeout=300)
    assert result.returncode == 1 and result.stderr == ""
    assert run_process("index", repo / "releases", cwd=repo).stderr == ""


def test_the_bar_waits_then_redraws_at_most_ten_times_a_second(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = [100.0]
    monkeypatch.setattr(progress.time, "monotonic", lambda: clock[0])
    stream = FakeTerminal()
    monkeypatch.setenv("TERM", "xterm")
    bar = ProgressBar(stream, label="extracting", delay=0.5)
    bar(1, 10)
    assert stream.getvalue() == ""  # nothing for short work
    clock[0] += 0.6
    bar(2, 10)
    clock[0] += 0.05
    bar(3, 10)  # too soon: skipped
    clock[0] += 0.06
    bar(4, 10)
    lines = stream.getvalue().split("\r")[1:]
    assert [line.split("]")[1].split()[0] for line in lines] == ["2/10", "4/10"]
    bar.close()
    assert stream.getvalue().endswith("\r\x1b[K")


def test_a_dumb_terminal_gets_no_bar(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERM", "dumb")
    stream = FakeTerminal()
    bar = ProgressBar(stream, delay=0)
    bar(1, 2)
    assert stream.getvalue() == "" and not bar.enabled


def test_the_line_shows_counts_share_and_time_left() -> None:
    assert render_bar("extracting", 5000, 10000, 70, 30.0) == (
        "extracting [##############..............]   5000/10000  50% 0:30 left")
    assert render_bar("extracting", 10, 10, 40, 3.0).endswith("10/10 100%")
