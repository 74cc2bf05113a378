"""Run a piece of the pipeline in a forked child with a time and memory bound.

A hang or super-linear blow-up is what the resource tests look for, not speed: the bound is
generous (``SECONDS``), and the test fails with the case's name when the child is still running
then, runs out of its memory budget, or raises. The child is forked, so it starts with factcheck
already imported and nothing has to be pickled but the small summary it sends back.
"""

from __future__ import annotations

import multiprocessing
import resource
import sys
import traceback
from collections.abc import Callable
from typing import Any

import pytest

SECONDS = 60
MEMORY_BUDGET = 3 * 1024**3  # address space the child may add to what it inherits


def _vm_size() -> int | None:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        return None
    return None


def _child(send: Any, work: Callable[[], Any]) -> None:
    vm = _vm_size()
    if vm is not None:
        resource.setrlimit(resource.RLIMIT_AS, (vm + MEMORY_BUDGET, resource.RLIM_INFINITY))
    try:
        result = work()
    except MemoryError:
        send.send(("memory", f"ran out of its {MEMORY_BUDGET >> 20} MiB memory budget"))
    except BaseException:
        send.send(("raised", traceback.format_exc()))
    else:
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss >> 10
        send.send(("ok", (result, peak)))
    finally:
        send.close()


def run_bounded(name: str, work: Callable[[], Any], seconds: float = SECONDS) -> Any:
    """``work()`` in a child process; its (picklable) result, or a test failure naming ``name``."""
    if sys.platform != "linux":
        pytest.skip("the bounded runner forks and reads /proc (Linux)")
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(send, work), daemon=True)
    child.start()
    send.close()
    try:
        if not receive.poll(seconds):
            pytest.fail(f"{name}: still running after {seconds:g} s (a hang or super-linear time)")
        status, payload = receive.recv()
    except EOFError:
        child.join(5)
        pytest.fail(f"{name}: the child died (exit status {child.exitcode}), probably out of memory")
    finally:
        if child.is_alive():
            child.kill()
        child.join(5)
        receive.close()
    if status != "ok":
        pytest.fail(f"{name}: {payload}")
    result, _peak_mib = payload
    return result


__all__ = ["SECONDS", "run_bounded"]
