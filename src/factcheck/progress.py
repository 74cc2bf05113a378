"""A progress bar for long runs, drawn on stderr only when stderr is a terminal.

In CI logs, in pipes and in files nothing is drawn at all (not even a label), so logs stay
clean. The library never draws: it calls ``progress(done, total)`` callbacks, and the CLI passes
a ``ProgressBar``. A bar appears only when the work lasts longer than ``delay`` seconds, so
short runs do not flicker, and it is erased when the work is done.

>>> import io
>>> bar = ProgressBar(io.StringIO(), label="extracting")   # not a terminal: draws nothing
>>> bar(5, 10); bar.close(); bar.stream.getvalue()
''
"""

from __future__ import annotations

import os
import shutil
import time
from typing import TextIO

DELAY = 0.5  # seconds before a bar appears
INTERVAL = 0.1  # seconds between redraws

_active: list[ProgressBar] = []


def is_terminal(stream: TextIO) -> bool:
    """Whether ``stream`` is an interactive terminal that can redraw a line."""
    try:
        return bool(stream.isatty()) and os.environ.get("TERM") != "dumb"
    except (AttributeError, ValueError):
        return False


def render_bar(label: str, done: int, total: int, width: int, elapsed: float) -> str:
    """One line: label, bar, counts, percentage and the time left.

    >>> render_bar("extracting", 250, 1000, 60, 10.0)
    'extracting [#####...............]   250/1000  25% 0:30 left'
    >>> render_bar("提取", 3, 12, 20, 1.0)
    '提取 [#...]   3/12  25% 0:03 left'
    """
    counts = f"{done:>{len(str(total))}}/{total}"
    tail = ""
    if total:
        tail = f" {100 * done // total:3d}%"
        if done and done < total:
            left = int(elapsed * (total - done) / done)
            tail += f" {left // 60}:{left % 60:02d} left"
    room = max(4, width - len(label) - len(counts) - len(tail) - 6)
    filled = room * done // total if total else 0
    return f"{label} [{'#' * filled}{'.' * (room - filled)}]  {counts}{tail}"


class ProgressBar:
    """``bar(done, total)`` redraws the line (at most every ``INTERVAL`` seconds, after
    ``delay``); ``bar.close()`` erases it. Inactive unless ``stream`` is a terminal."""

    def __init__(self, stream: TextIO, *, label: str = "extracting", delay: float | None = None) -> None:
        self.stream = stream
        self.label = label
        self.enabled = is_terminal(stream)
        self.delay = DELAY if delay is None else delay
        self.started = time.monotonic()
        self.last = 0.0
        self.drawn = False

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self.started < self.delay or (now - self.last < INTERVAL and done < total):
            return
        self.last = now
        width = shutil.get_terminal_size((80, 24)).columns - 1
        line = render_bar(self.label, done, total, width, now - self.started)
        self.stream.write("\r" + line[:width] + "\x1b[K")
        self.stream.flush()
        if not self.drawn:
            self.drawn = True
            _active.append(self)

    def clear(self) -> None:
        """Erase the line (before a message is printed, or when done)."""
        if self.drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.last = 0.0

    def close(self) -> None:
        self.clear()
        self.enabled = False
        if self in _active:
            _active.remove(self)

    def __enter__(self) -> ProgressBar:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def clear_active() -> None:
    """Erase any bar being drawn, so a log line does not run into it."""
    for bar in _active:
        bar.clear()


__all__ = ["ProgressBar", "clear_active", "is_terminal", "render_bar"]
