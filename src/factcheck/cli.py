"""Command line: parse arguments, call the library, render, set the exit code. Nothing else.

Exit codes: 0 no finding at or above ``--fail-on``; 1 such findings exist;
2 usage error, unreadable input, or an invalid rule/config file. ``--exit-zero`` turns 1 into 0
and never hides 2. Every error reaches the user as one line on stderr, never as a traceback
(set FACTCHECK_DEBUG=1 to see the traceback of an internal error).
"""

from __future__ import annotations

import dataclasses
import logging
import os
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

import click

from factcheck import __version__
from factcheck.config import Config, load_config, parse_fail_on
from factcheck.baseline import DEFAULT_NAME as BASELINE_NAME
from factcheck.baseline import Baseline, BaselineResult, load_baseline, render_baseline
from factcheck.engine import RunOptions, analyse_paths, check_paths, few_collections, index_paths, load_ruleset
from factcheck.errors import FactcheckError
from factcheck.gather import default_jobs
from factcheck.index import default_index_path
from factcheck.model import Problem, Report, Severity
from factcheck.progress import ProgressBar, clear_active
from factcheck.report import OutputFormat, render
from factcheck.report._text import one_line, plural
from factcheck.rulebook import CODE_CUTOFF, RuleSet, did_you_mean, parse_selectors

logger = logging.getLogger("factcheck")

DEBUG_ENV = "FACTCHECK_DEBUG"
LEVELS = ("error", "warning", "info")


# --------------------------------------------------------------------------------------------
# The one place that turns errors into messages and exit codes


def fail(message: str) -> NoReturn:
    """Print ``factcheck: error: …`` on stderr and exit 2."""
    click.echo(f"factcheck: error: {one_line(message)}", err=True)
    raise click.exceptions.Exit(2)


class FactcheckGroup(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except FactcheckError as exc:
            fail(str(exc))
        except KeyboardInterrupt:
            click.echo("factcheck: interrupted", err=True)
            raise click.exceptions.Exit(130) from None
        except BrokenPipeError:
            _silence_stdout()
            raise click.exceptions.Exit(2) from None
        except Exception as exc:
            if os.environ.get(DEBUG_ENV):
                raise
            click.echo(f"factcheck: internal error: {type(exc).__name__}: {one_line(str(exc))}", err=True)
            click.echo(f"factcheck: please report this, with the command line; {DEBUG_ENV}=1 shows the traceback",
                       err=True)
            raise click.exceptions.Exit(2) from None


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


# --------------------------------------------------------------------------------------------
# Shared options


def _options(*decorators: Callable[[Any], Any]) -> Callable[[Any], Any]:
    def apply(function: Any) -> Any:
        for decorator in reversed(decorators):
            function = decorator(function)
        return function

    return apply


rule_options = _options(
    click.option("--rules", "rule_dirs", multiple=True, metavar="DIR",
                 type=click.Path(exists=True, file_okay=False, path_type=Path),
                 help="Add a folder of rule files (and lexicon/); repeatable."),
    click.option("--config", "config_file", metavar="FILE",
                 type=click.Path(exists=True, dir_okay=False, path_type=Path),
                 help="Read settings from FILE instead of the nearest factcheck.toml / pyproject.toml."),
    click.option("--isolated", is_flag=True, help="Ignore configuration files."),
)

selection_options = _options(
    click.option("--select", multiple=True, metavar="RULES",
                 help="Run only these rules: codes, prefixes (NU) or names, comma-separated; repeatable."),
    click.option("--ignore", multiple=True, metavar="RULES", help="Do not run these rules (same forms as --select)."),
)

run_options = _options(
    click.option("--index", "index_file", metavar="PATH", type=click.Path(dir_okay=False, path_type=Path),
                 help="The claim index file [default: DIR/.factcheck/index.sqlite of the corpus folder]."),
    click.option("--no-index", is_flag=True, help="Do not read or write a claim index."),
    click.option("-j", "--jobs", type=click.IntRange(min=1), metavar="N",
                 help="Extract documents in N processes [default: the number of cores]."),
)

report_options = _options(
    click.option("--format", "fmt", type=click.Choice([f.value for f in OutputFormat]), default="table",
                 show_default=True, help="Output format."),
    click.option("--min-severity", type=click.Choice(LEVELS), help="Drop findings below this level."),
    click.option("--fail-on", type=click.Choice((*LEVELS, "never")),
                 help="Exit 1 when a stable finding is at or above this level [default: error]."),
    click.option("--exit-zero", is_flag=True, help="Exit 0 even with findings (input and usage errors still exit 2)."),
    click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
                 help="Write the report to FILE (atomically) instead of stdout."),
    click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True,
                 help="Colour the table (auto: only on a terminal, and not when NO_COLOR is set)."),
    click.option("--baseline", "baseline_file", metavar="FILE", type=click.Path(dir_okay=False, path_type=Path),
                 help="Hide the findings recorded in FILE (see `factcheck baseline`); stale entries are listed."),
    run_options,
    rule_options,
    selection_options,
)


def read_config(config_file: Path | None, isolated: bool, **cli: Any) -> Config:
    """The settings: the config file, then the command line on top."""
    config = Config() if isolated else load_config(config_file, Path.cwd())
    changes: dict[str, Any] = {}
    if cli.get("min_severity"):
        changes["min_severity"] = Severity.parse(cli["min_severity"])
    if cli.get("fail_on"):
        changes["fail_on"] = parse_fail_on(cli["fail_on"])
    return dataclasses.replace(config, **changes)


def read_rules(config: Config, rule_dirs: Sequence[Path], select: Sequence[str] = (),
               ignore: Sequence[str] = (), *, warn_empty: bool = False) -> RuleSet:
    ruleset = load_ruleset(config, dirs=rule_dirs, select=parse_selectors(select) or None,
                           ignore=parse_selectors(ignore) or None)
    if warn_empty and not ruleset.rules:
        logger.warning("no rules to run (see `factcheck rules`, --select/--ignore and the config)")
    return ruleset


def write_output(text: str, output: Path | None, *, color: bool = False) -> None:
    if output is None:
        click.echo(text, nl=False, color=color)
        return
    write_atomically(output, text)


def write_atomically(path: Path, text: str) -> None:
    """Write via a temporary file in the same folder and ``os.replace``, so a reader never sees
    half a report."""
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise FactcheckError(f"cannot write {path}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, path)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise FactcheckError(f"cannot write {path}: {exc.strerror or exc}") from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def report_problems(problems: Sequence[Problem]) -> None:
    """Unreadable inputs go to stderr as well as into the report."""
    for problem in problems:
        if problem.skipped:
            logger.info("skipped %s", problem)
        else:
            click.echo(f"factcheck: {one_line(str(problem))}", err=True)


def use_color(choice: str, fmt: str, output: Path | None) -> bool:
    if fmt != OutputFormat.TABLE.value or choice == "never" or (output is not None and choice != "always"):
        return False
    if choice == "always":
        return True
    return "NO_COLOR" not in os.environ and sys.stdout.isatty()


def finish(report: Report, config: Config, *, fmt: str, output: Path | None, exit_zero: bool, color: str) -> NoReturn:
    report_problems(report.problems)
    report_baseline(report)
    painted = use_color(color, fmt, output)
    with few_collections():
        text = render(report, fmt, color=painted)
    write_output(text, output, color=painted)
    code = report.exit_code(config.fail_on)
    code = 0 if exit_zero and code == 1 else code
    if _CONSOLE["script"]:
        leave(code)
    raise click.exceptions.Exit(code)


# Set by ``main`` (the console script) only: a caller of ``cli`` in its own process keeps it.
_CONSOLE = {"script": False}


def leave(code: int) -> NoReturn:
    """End the process with ``code`` once the report is written, without freeing what it holds
    one object at a time: a check against 10,000 releases holds millions of objects, and tearing
    them down took a tenth of the whole run. Buffered output is flushed first (a closed pipe
    raises here, as any write does, and exits 2)."""
    sys.stdout.flush()
    sys.stderr.flush()
    logging.shutdown()
    os._exit(code)


def run_settings(paths: Sequence[Path], index_file: Path | None, no_index: bool, jobs: int | None,
                 *, label: str = "extracting") -> RunOptions:
    """The claim index (``--index``, else beside the first folder read; none with
    ``--no-index``), worker processes, and a progress bar when stderr is a terminal."""
    if no_index and index_file is not None:
        raise click.UsageError("--index and --no-index contradict each other")
    index = None
    if not no_index:
        index = index_file or next((default_index_path(p) for p in paths if p.is_dir()), None)
    bar = ProgressBar(sys.stderr, label=label)
    return RunOptions(index=index, jobs=jobs or default_jobs(), progress=bar if bar.enabled else None)


def read_baseline(path: Path | None) -> Baseline | None:
    return load_baseline(path) if path is not None else None


def report_baseline(report: Report) -> None:
    """Stale baseline entries go to stderr (and into the JSON report)."""
    result = report.extra.get("baseline")
    if not isinstance(result, BaselineResult) or not result.stale:
        return
    shown = ", ".join(e.id for e in result.stale[:10]) + (", …" if len(result.stale) > 10 else "")
    click.echo(f"factcheck: {result.path}: {len(result.stale)} baseline "
               f"{'entry is' if len(result.stale) == 1 else 'entries are'} no longer found "
               f"(fixed, or changed): {shown}; remove them or run `factcheck baseline` again", err=True)


def close_progress(options: RunOptions) -> None:
    if isinstance(options.progress, ProgressBar):
        options.progress.close()


# --------------------------------------------------------------------------------------------
# Commands


@click.group(cls=FactcheckGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="factcheck")
@click.option("-v", "--verbose", count=True, help="Log more (-vv for debug).")
def cli(verbose: int) -> None:
    """Compare press releases (zh-Hant, zh-Hans, English) and report contradictions and drift."""
    configure_logging(verbose)


class StderrHandler(logging.Handler):
    """Log records as ``factcheck: message`` lines on the current stderr."""

    def emit(self, record: logging.LogRecord) -> None:
        clear_active()
        click.echo(f"factcheck: {one_line(record.getMessage())}", err=True)


def configure_logging(verbose: int) -> None:
    """Only the CLI configures logging; the library just logs to ``logging.getLogger("factcheck")``."""
    logger.setLevel(logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG)
    if not any(isinstance(h, StderrHandler) for h in logger.handlers):
        logger.addHandler(StderrHandler())
        logger.propagate = False


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@report_options
def run(paths: tuple[Path, ...], fmt: str, min_severity: str | None, fail_on: str | None, exit_zero: bool,
        output: Path | None, color: str, baseline_file: Path | None, index_file: Path | None, no_index: bool,
        jobs: int | None, rule_dirs: tuple[Path, ...], config_file: Path | None, isolated: bool,
        select: tuple[str, ...], ignore: tuple[str, ...]) -> None:
    """Check the releases in PATHS (files or folders) against each other."""
    config = read_config(config_file, isolated, min_severity=min_severity, fail_on=fail_on)
    rules = read_rules(config, rule_dirs, select, ignore, warn_empty=True)
    baseline = read_baseline(baseline_file)
    options = run_settings(paths, index_file, no_index, jobs)
    try:
        report = check_paths(paths, config=config, rules=rules, options=options, baseline=baseline)
    finally:
        close_progress(options)
    finish(report, config, fmt=fmt, output=output, exit_zero=exit_zero, color=color)


@cli.command("check")
@click.argument("new", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--corpus", multiple=True, required=True, type=click.Path(path_type=Path), metavar="DIR",
              help="Older releases to compare against (repeatable).")
@report_options
def check_command(new: tuple[Path, ...], corpus: tuple[Path, ...], fmt: str, min_severity: str | None,
                  fail_on: str | None, exit_zero: bool, output: Path | None, color: str, baseline_file: Path | None,
                  index_file: Path | None, no_index: bool, jobs: int | None, rule_dirs: tuple[Path, ...],
                  config_file: Path | None, isolated: bool, select: tuple[str, ...], ignore: tuple[str, ...]) -> None:
    """Check NEW releases against a corpus: report only findings that involve a NEW release."""
    config = read_config(config_file, isolated, min_severity=min_severity, fail_on=fail_on)
    rules = read_rules(config, rule_dirs, select, ignore, warn_empty=True)
    baseline = read_baseline(baseline_file)
    options = run_settings(corpus, index_file, no_index, jobs)
    try:
        report = check_paths(new, config=config, rules=rules, corpus=corpus, options=options, baseline=baseline)
    finally:
        close_progress(options)
    finish(report, config, fmt=fmt, output=output, exit_zero=exit_zero, color=color)


@cli.command("index")
@click.argument("dirs", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--index", "index_file", metavar="PATH", type=click.Path(dir_okay=False, path_type=Path),
              help="The claim index file [default: DIR/.factcheck/index.sqlite of the first folder].")
@click.option("-j", "--jobs", type=click.IntRange(min=1), metavar="N",
              help="Extract documents in N processes [default: the number of cores].")
@click.option("--no-prune", is_flag=True, help="Keep entries of files that are gone.")
@click.option("--verify", is_flag=True, help="Afterwards, check every row of the index (slow); exit 1 if damaged.")
@rule_options
def index_command(dirs: tuple[Path, ...], index_file: Path | None, jobs: int | None, no_prune: bool, verify: bool,
                  rule_dirs: tuple[Path, ...], config_file: Path | None, isolated: bool) -> None:
    """Build or refresh the claim index of DIRS, so `run` and `check` need not read unchanged releases."""
    config = read_config(config_file, isolated)
    rules = read_rules(config, rule_dirs)
    location = index_file or next((default_index_path(d) for d in dirs if d.is_dir()), None)
    if location is None:
        raise click.UsageError("give a folder, or the index file with --index PATH")
    options = run_settings(dirs, location, False, jobs)
    start = time.monotonic()
    try:
        done = index_paths(dirs, index=location, rules=rules, jobs=options.jobs, progress=options.progress,
                           prune=not no_prune, verify=verify)
    finally:
        close_progress(options)
    report_problems(done.refreshed.problems)
    r = done.refreshed
    lines = [
        f"{done.path}: {plural(r.files, 'file')}, {plural(r.documents, 'release')}, {plural(r.claims, 'claim')}",
        f"  {r.extracted} extracted, {r.reused} unchanged (from the index)"
        + (f", {len([p for p in r.problems if not p.skipped])} unreadable" if any(not p.skipped for p in r.problems) else ""),
    ]
    if not no_prune:
        lines.append(f"  pruned: {plural(done.forgotten, 'file')} gone, {plural(done.removed, 'old entry', 'old entries')}")
    lines.append(f"  index holds {plural(done.stats.get('entries', 0), 'entry', 'entries')} "
                 f"({done.stats.get('bytes', 0) / 1e6:.1f} MB); {time.monotonic() - start:.1f} s")
    if verify:
        lines.append("  verified: " + ("no damage found" if not done.wrong else "; ".join(done.wrong)))
    click.echo("\n".join(lines))
    if verify and done.wrong:
        raise click.exceptions.Exit(1)
    raise click.exceptions.Exit(2 if any(not p.skipped for p in r.problems) else 0)


@cli.command("baseline")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=Path(BASELINE_NAME),
              show_default=True, help="The baseline file to write.")
@click.option("--corpus", multiple=True, type=click.Path(path_type=Path), metavar="DIR",
              help="Record only findings that involve PATHS, compared with these older releases (as `check`).")
@run_options
@rule_options
@selection_options
def baseline_command(paths: tuple[Path, ...], output: Path, corpus: tuple[Path, ...], index_file: Path | None,
                     no_index: bool, jobs: int | None, rule_dirs: tuple[Path, ...], config_file: Path | None,
                     isolated: bool, select: tuple[str, ...], ignore: tuple[str, ...]) -> None:
    """Record today's findings in PATHS so that `run`/`check --baseline FILE` report only new ones."""
    config = read_config(config_file, isolated)
    rules = read_rules(config, rule_dirs, select, ignore, warn_empty=True)
    options = run_settings(corpus or paths, index_file, no_index, jobs)
    try:
        report = check_paths(paths, config=config, rules=rules, corpus=corpus or None, options=options)
    finally:
        close_progress(options)
    report_problems(report.problems)
    write_atomically(output, render_baseline(report.findings))
    click.echo(f"factcheck: wrote {plural(len(report.findings), 'finding')} to {output}", err=True)
    raise click.exceptions.Exit(2 if any(not p.skipped for p in report.problems) else 0)


def _listing_exit(problems: Sequence[Problem]) -> NoReturn:
    report_problems(problems)
    raise click.exceptions.Exit(2 if any(not p.skipped for p in problems) else 0)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@rule_options
def claims(paths: tuple[Path, ...], fmt: str, rule_dirs: tuple[Path, ...], config_file: Path | None,
           isolated: bool) -> None:
    """List every claim read from PATHS, for reviewing extraction."""
    from factcheck.report.listings import claims_json, claims_table  # tabulate: only for listings

    config = read_config(config_file, isolated)
    analysis = analyse_paths(paths, config=config, rules=read_rules(config, rule_dirs))
    click.echo(claims_json(analysis) if fmt == "json" else claims_table(analysis), nl=False)
    _listing_exit(analysis.problems)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--all", "include_single", is_flag=True, help="Also show facts stated only once.")
@rule_options
def facts(paths: tuple[Path, ...], fmt: str, include_single: bool, rule_dirs: tuple[Path, ...],
          config_file: Path | None, isolated: bool) -> None:
    """Show the facts aligned across PATHS, consistent ones too, with their claims."""
    from factcheck.report.listings import facts_json, facts_table

    config = read_config(config_file, isolated)
    analysis = analyse_paths(paths, config=config, rules=read_rules(config, rule_dirs))
    render_facts = facts_json if fmt == "json" else facts_table
    click.echo(render_facts(analysis, include_single=include_single), nl=False)
    _listing_exit(analysis.problems)


@cli.command("rules")
@click.argument("code", required=False)
@click.option("--format", "fmt", type=click.Choice(["table", "json", "markdown"]), default="table",
              show_default=True)
@rule_options
@selection_options
def rules_command(code: str | None, fmt: str, rule_dirs: tuple[Path, ...], config_file: Path | None,
                  isolated: bool, select: tuple[str, ...], ignore: tuple[str, ...]) -> None:
    """List the rules, or show the full documentation of rule CODE (a code or a name)."""
    from factcheck.report.ruledocs import (rule_data, rule_doc_markdown, rule_doc_text, rules_json, rules_markdown,
                                           rules_table)

    config = read_config(config_file, isolated)
    ruleset = read_rules(config, rule_dirs, select, ignore)
    if code is None:
        render_rules = {"json": rules_json, "markdown": rules_markdown, "table": rules_table}[fmt]
        click.echo(render_rules(ruleset.rules), nl=False)
        return
    rule = ruleset.get(code)
    if rule is None:
        pool = [r.code for r in ruleset] + [r.name for r in ruleset]
        fail(f"no rule {code!r}; " + (did_you_mean(code, pool, cutoff=CODE_CUTOFF) or "`factcheck rules` lists them"))
    if fmt == "json":
        import json

        click.echo(json.dumps(rule_data(rule), ensure_ascii=False, indent=2))
    else:
        click.echo(rule_doc_markdown(rule) if fmt == "markdown" else rule_doc_text(rule), nl=False)


@cli.command()
@click.argument("finding_id")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@rule_options
def explain(finding_id: str, paths: tuple[Path, ...], rule_dirs: tuple[Path, ...], config_file: Path | None,
            isolated: bool) -> None:
    """Show finding FINDING_ID (from a report on PATHS) with its sentences, claims marked »…«."""
    from factcheck.report.explain import explain as explain_finding
    from factcheck.report.explain import find_finding

    config = read_config(config_file, isolated)
    # Every rule that could have produced the id, whatever the selection, suppressions or level.
    config = dataclasses.replace(
        config, select=None, ignore=(), suppress=(), min_severity=Severity.INFO,
        severity={k: v for k, v in config.severity.items() if v != "off"},
    )
    report = check_paths(paths, config=config, rules=read_rules(config, rule_dirs))
    report_problems(report.problems)
    found = find_finding(report, finding_id)
    if isinstance(found, str):
        fail(found)
    click.echo(explain_finding(found, report.documents), nl=False)


def main(argv: Sequence[str] | None = None) -> None:
    """The ``factcheck`` console script."""
    _CONSOLE["script"] = True
    cli.main(args=list(argv) if argv is not None else None, prog_name="factcheck")
