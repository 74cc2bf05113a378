#!/usr/bin/env python3
"""Benchmark factcheck on generated corpora: speed, memory, and recall/precision of planted errors.

    python bench/run.py --docs 1000,10000 [--seed 1] [--jobs 2] [--keep DIR] [--json FILE]

For each size: generate the corpus (bench/generate.py; into a temporary directory unless --keep),
then measure, each in its own process:
  floor   reading and decoding every release plus OpenCC t2s (bench/floor.py): the unavoidable work
  run     `factcheck run DIR --format json -o report.json`: wall time, docs/s, MB/s, peak memory
          (resident set of the process tree, sampled, and the children's max RSS), ratio to the floor
  score   recall and precision of the planted discrepancies (bench/score.py, the same matching as
          the seeds' gold_check.py, which is also run as a cross-check when --scorer exists)
  peer    Microsoft Recognizers-Text merely finding the numbers (bench/peer.py, `bench` extra)
  check   `factcheck index DIR` then `factcheck check NEW --corpus DIR` for one new release,
          when the CLI has these commands
A step that fails is reported in the table with its error text; the benchmark goes on.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
if __package__ in (None, ""):
    sys.path.insert(0, str(HERE.parent))

from bench import score as scoring  # noqa: E402

DEFAULT_SCORER = Path("/work/shared/tools/gold_check.py")


@dataclass(slots=True)
class Measured:
    seconds: float
    returncode: int
    stdout: str
    stderr: str
    peak_rss: int = 0            # bytes, whole process tree (sampled) or the largest process
    error: str | None = None


@dataclass(slots=True)
class SizeResult:
    docs: int
    figures: dict = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


# ------------------------------------------------------------------------------------- measuring


def tree_rss(pid: int) -> int:
    """Resident memory of a process and all its descendants, in bytes (Linux /proc; 0 elsewhere)."""
    total = 0
    stack = [pid]
    seen = set()
    while stack:
        p = stack.pop()
        if p in seen:
            continue
        seen.add(p)
        try:
            with open(f"/proc/{p}/statm", encoding="ascii") as fh:
                total += int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children", encoding="ascii") as fh:
                    stack.extend(int(c) for c in fh.read().split())
        except (OSError, ValueError):
            continue
    return total


def measure(cmd: list[str], *, timeout: float | None = None, cwd: Path | None = None) -> Measured:
    """Run a command, timing it and sampling the memory of its process tree."""
    start = time.perf_counter()
    try:
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=cwd)
    except OSError as exc:
        return Measured(0.0, -1, "", "", error=f"cannot start {cmd[0]}: {exc}")
    peak = 0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, tree_rss(proc.pid))
            stop.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        stop.set()
        return Measured(time.perf_counter() - start, -9, out.decode("utf-8", "replace"),
                        err.decode("utf-8", "replace"), peak, error=f"timed out after {timeout:.0f} s")
    seconds = time.perf_counter() - start
    stop.set()
    sampler.join()
    return Measured(seconds, proc.returncode, out.decode("utf-8", "replace"), err.decode("utf-8", "replace"), peak)


def children_maxrss() -> int:
    """The largest resident set of any waited-for child so far, in bytes (Linux reports KiB)."""
    try:
        import resource
    except ImportError:  # not on this platform
        return 0
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024


def last_line(text: str, limit: int = 160) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return (lines[-1] if lines else "no output")[:limit]


# ------------------------------------------------------------------------------------- the CLI under test


def find_factcheck(given: str | None) -> list[str]:
    if given:
        return given.split()
    beside = Path(sys.executable).with_name("factcheck")
    if beside.exists():
        return [str(beside)]
    found = shutil.which("factcheck")
    return [found] if found else [sys.executable, "-m", "factcheck"]


def cli_help(factcheck: list[str], *args: str) -> str:
    try:
        proc = subprocess.run([*factcheck, *args, "--help"], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return proc.stdout + proc.stderr


def has_command(help_text: str, name: str) -> bool:
    """Does the click group's help list the command?

    >>> has_command("Commands:\\n  check  Check new releases.\\n  run    Run.", "check")
    True
    >>> has_command("Commands:\\n  run    Run.", "index")
    False
    """
    in_commands = False
    for line in help_text.splitlines():
        if line.strip().lower().startswith("commands"):
            in_commands = True
            continue
        if in_commands and line.split()[:1] == [name]:
            return True
    return False


# ------------------------------------------------------------------------------------- one size


def make_new_release(corpus: Path, out_dir: Path) -> Path:
    """A new release to check: the latest Chinese release of the corpus, one count changed."""
    import re

    latest = sorted(corpus.glob("*.txt"))[-10:]
    source = next((p for p in reversed(latest) if re.search(r"[\u4e00-\u9fff]{20}", p.read_text(encoding="utf-8"))),
                  latest[-1])
    text = source.read_text(encoding="utf-8")
    match = re.search(r"\d{3}", text.split("\n", 8)[-1])
    if match:
        head = len(text) - len(text.split("\n", 8)[-1])
        start = head + match.start()
        text = text[:start] + str(int(match.group()) * 2) + text[start + 3:]
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / "new_release.txt"
    target.write_text(text, encoding="utf-8")
    return target


def run_size(n: int, args: argparse.Namespace, factcheck: list[str], workdir: Path) -> SizeResult:
    result = SizeResult(n)
    fig = result.figures
    corpus = (args.keep / f"docs{n}") if args.keep else workdir / f"docs{n}"
    if corpus.exists():
        shutil.rmtree(corpus)
    gen = measure([sys.executable, str(HERE / "generate.py"), "--docs", str(n), "--seed", str(args.seed),
                   "--out", str(corpus)])
    if gen.returncode != 0:
        fig["error"] = f"generate failed: {last_line(gen.stderr)}"
        return result
    fig["generate_s"] = gen.seconds
    texts = sorted(corpus.glob("*.txt"))
    size = sum(p.stat().st_size for p in texts)
    fig["mb"] = size / 1e6
    log(f"[{n}] corpus: {n} releases, {fig['mb']:.1f} MB in {corpus} ({gen.seconds:.1f} s)")

    # ---- floor
    floor = measure([sys.executable, str(HERE / "floor.py"), str(corpus)])
    if floor.returncode == 0:
        fig["floor_s"] = floor.seconds
        log(f"[{n}] floor: {floor.seconds:.2f} s")
    else:
        fig["floor_error"] = last_line(floor.stderr)

    # ---- factcheck run
    report = workdir / f"report{n}.json"
    cmd = [*factcheck, "run", str(corpus), "--format", "json", "-o", str(report)]
    if args.jobs and "--jobs" in cli_help(factcheck, "run"):
        cmd += ["--jobs", str(args.jobs)]
    before = children_maxrss()
    run = measure(cmd, timeout=args.timeout)
    largest = children_maxrss()
    if run.error or run.returncode not in (0, 1) or not report.exists():
        fig["run_error"] = run.error or f"exit {run.returncode}: {last_line(run.stderr or run.stdout)}"
        log(f"[{n}] factcheck run failed: {fig['run_error']}")
    else:
        fig["run_s"] = run.seconds
        fig["docs_per_s"] = n / run.seconds
        fig["mb_per_s"] = fig["mb"] / run.seconds
        fig["peak_rss_mb"] = max(run.peak_rss, largest if largest > before else 0) / 1e6
        if "floor_s" in fig:
            fig["run_over_floor"] = run.seconds / fig["floor_s"]
        log(f"[{n}] factcheck run: {run.seconds:.1f} s, peak {fig['peak_rss_mb']:.0f} MB")
        score_report(report, corpus, args, fig, result.notes)

    # ---- peer
    if not args.no_peer:
        peer = measure([sys.executable, str(HERE / "peer.py"), str(corpus), "--jobs", str(args.jobs or 1)],
                       timeout=args.timeout)
        if peer.returncode == 0:
            fig["peer_s"] = peer.seconds
            if "run_s" in fig:
                fig["peer_over_run"] = peer.seconds / fig["run_s"]
            log(f"[{n}] peer (Recognizers-Text): {peer.seconds:.1f} s")
        else:
            fig["peer_error"] = peer.error or last_line(peer.stderr)
            if "No module named" in peer.stderr:
                fig["peer_error"] = "Recognizers-Text not installed: pip install -e '.[bench]'"

    # ---- check one new release against the indexed corpus
    top = cli_help(factcheck)
    if not has_command(top, "check"):
        result.notes.append("check: skipped, this factcheck has no `check` command")
    else:
        if has_command(top, "index"):
            index = measure([*factcheck, "index", str(corpus)], timeout=args.timeout)
            if index.returncode == 0:
                fig["index_s"] = index.seconds
            else:
                fig["index_error"] = index.error or last_line(index.stderr or index.stdout)
        else:
            result.notes.append("check: no `index` command; check timed without a prebuilt index")
        new = make_new_release(corpus, workdir / f"new{n}")
        check = measure([*factcheck, "check", str(new), "--corpus", str(corpus), "--format", "json"],
                        timeout=args.timeout)
        if check.returncode in (0, 1) and not check.error:
            fig["check_s"] = check.seconds
            log(f"[{n}] factcheck check (one new release): {check.seconds:.2f} s")
        else:
            fig["check_error"] = check.error or f"exit {check.returncode}: {last_line(check.stderr or check.stdout)}"
    return result


def score_report(report: Path, corpus: Path, args: argparse.Namespace, fig: dict, notes: list[str]) -> None:
    try:
        result = scoring.score_files(corpus / "gold.toml", corpus, report)
    except (OSError, ValueError, KeyError, TypeError, scoring.GoldError) as exc:
        fig["score_error"] = str(exc)[:160]
        return
    fig["recall"] = result.recall
    fig["precision"] = result.precision
    fig["false_alarms"] = result.false_alarms
    fig["forbidden"] = result.forbidden
    fig["expected"] = result.expected
    fig["found"] = result.found
    fig["flagged"] = result.flagged
    fig["by_rule"] = {k: list(v) for k, v in sorted(result.by_rule.items())}
    fig["missing"] = list(result.missing)
    fig["false"] = list(result.false)
    if args.scorer and args.scorer.exists() and not args.no_crosscheck:
        proc = measure([sys.executable, str(args.scorer), "--gold", str(corpus / "gold.toml"), "--corpus", str(corpus),
                        "--findings", str(report), "--quiet"], timeout=args.timeout)
        theirs = last_line(proc.stdout, 400)
        fig["gold_check_agrees"] = theirs == result.summary()
        if not fig["gold_check_agrees"]:
            notes.append(f"gold_check.py says: {theirs}")


# ------------------------------------------------------------------------------------- the table


ROWS = [
    ("releases", "docs", "{:,}"),
    ("corpus size (MB)", "mb", "{:.1f}"),
    ("generate (s)", "generate_s", "{:.1f}"),
    ("floor: read + decode + OpenCC (s)", "floor_s", "{:.2f}"),
    ("factcheck run (s)", "run_s", "{:.1f}"),
    ("– releases / s", "docs_per_s", "{:,.0f}"),
    ("– MB / s", "mb_per_s", "{:.2f}"),
    ("– peak memory (MB)", "peak_rss_mb", "{:,.0f}"),
    ("– run / floor", "run_over_floor", "{:.1f}×"),
    ("– run time / previous size's", "scaling", "{}"),
    ("peer: Recognizers-Text numbers only (s)", "peer_s", "{:.1f}"),
    ("– peer time / factcheck run time", "peer_over_run", "{:.2f}×"),
    ("recall (expected found / expected)", "recall", "{:.3f}"),
    ("precision (explained / warnings+errors)", "precision", "{:.3f}"),
    ("– expected found", "found_of", "{}"),
    ("– forbidden pairs flagged", "false_of", "{}"),
    ("– gold_check.py agrees", "gold_check_agrees", "{}"),
    ("index (s)", "index_s", "{:.1f}"),
    ("check one new release (s)", "check_s", "{:.2f}"),
]
ERRORS = ["error", "floor_error", "run_error", "score_error", "peer_error", "index_error", "check_error"]


def add_derived(results: list[SizeResult]) -> None:
    previous = None
    for r in results:
        fig = r.figures
        fig["docs"] = r.docs
        if "found" in fig:
            fig["found_of"] = f"{fig['found']}/{fig['expected']}"
            fig["false_of"] = f"{fig['false_alarms']}/{fig['forbidden']}"
        if previous and "run_s" in fig and "run_s" in previous.figures:
            fig["scaling"] = (f"{fig['run_s'] / previous.figures['run_s']:.2f} "
                              f"(for {r.docs / previous.docs:g}× releases)")
        previous = r


def render_table(results: list[SizeResult]) -> str:
    from tabulate import tabulate

    rows = []
    for label, key, fmt in ROWS:
        cells = []
        for r in results:
            value = r.figures.get(key)
            if value is None and key == "precision" and "found" in r.figures:
                value = "n/a (no warning or error reported)"
            if isinstance(value, str):
                cells.append(value)
                continue
            cells.append("" if value is None else (fmt.format(value) if not isinstance(value, bool) else
                                                   ("yes" if value else "NO")))
        if any(cells):
            rows.append([label, *cells])
    for key in ERRORS:
        cells = [r.figures.get(key, "") for r in results]
        if any(cells):
            rows.append([key.replace("_", " "), *cells])
    table = tabulate(rows, headers=["", *[f"{r.docs:,} releases" for r in results]], disable_numparse=True,
                     colalign=("left", *["right"] * len(results)))
    lines = [table]
    for r in results:
        if r.figures.get("by_rule"):
            per_rule = ", ".join(f"{k} {v[0]}/{v[1]}" for k, v in r.figures["by_rule"].items())
            lines.append(f"{r.docs:,}: found by rule: {per_rule}")
        for note in r.notes:
            lines.append(f"{r.docs:,}: {note}")
    return "\n".join(lines)


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def parse_sizes(text: str) -> list[int]:
    """
    >>> parse_sizes("1000,10000"), parse_sizes("10_000")
    ([1000, 10000], [10000])
    """
    sizes = [int(part.replace("_", "")) for part in text.split(",") if part.strip()]
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError(f"expected sizes like 1000,10000, got {text!r}")
    return sizes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__.split("\n", 2)[2])
    parser.add_argument("--docs", type=parse_sizes, default=[1000, 10000], help="corpus sizes, e.g. 1000,10000")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                        help="passed to `factcheck run --jobs` when it has that option, and used by the peer")
    parser.add_argument("--keep", type=Path, help="write the corpora and reports here and keep them")
    parser.add_argument("--json", type=Path, help="also write all figures as JSON to this file")
    parser.add_argument("--factcheck", help="the command to benchmark (default: factcheck beside this Python)")
    parser.add_argument("--scorer", type=Path, default=DEFAULT_SCORER,
                        help="the seeds' gold_check.py, run as a cross-check when it exists")
    parser.add_argument("--no-crosscheck", action="store_true", help="do not run --scorer")
    parser.add_argument("--no-peer", action="store_true", help="skip Recognizers-Text")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds allowed for each measured step")
    args = parser.parse_args(argv)
    factcheck = find_factcheck(args.factcheck)
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
    results = []
    with tempfile.TemporaryDirectory(prefix="factcheck-bench-") as tmp:
        workdir = args.keep or Path(tmp)
        for n in args.docs:
            results.append(run_size(n, args, factcheck, workdir))
    add_derived(results)
    print(render_table(results))
    if args.json:
        payload = {"machine": {"python": platform.python_version(), "platform": platform.platform(),
                               "cpus": os.cpu_count()},
                   "seed": args.seed, "jobs": args.jobs, "factcheck": " ".join(factcheck),
                   "sizes": [{"docs": r.docs, **r.figures, "notes": r.notes} for r in results]}
        args.json.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
