"""The table for people (the default format): one row per finding with its severity, id and
rule, what it is about, each side's ``doc:line`` and quoted text, and the message; then the
counts and any problems. Colour only when the caller says the output is a terminal.

Quoted text is folded to one line and every control, escape or bidi-override character is shown
as ``\\x1b``/``\\u202e``, so a release cannot repaint or reorder the reviewer's terminal.
"""

from __future__ import annotations

import click
from tabulate import tabulate

from factcheck.model import Finding, Report, Severity
from factcheck.report._text import format_value, one_line, plural, severity_counts, show_controls, table_rows, where

HEADERS = ("Severity", "Finding", "About", "Evidence", "Message")
WIDTHS = (9, 24, 24, 44, 48)
COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}


def paint(text: str, severity: Severity, color: bool) -> str:
    return click.style(text, fg=COLOURS[severity], bold=severity is Severity.ERROR) if color else text


def evidence_cell(finding: Finding) -> str:
    lines = []
    for e in finding.evidence:
        value = format_value(e.value)
        role = f" ({one_line(e.role)})" if e.role else ""
        shown = f" = {one_line(value)}" if value and value != e.text else ""
        lines.append(f"{one_line(where(e))}{role} “{one_line(e.text)}”{shown}")
    return "\n".join(lines)


def finding_row(finding: Finding, color: bool) -> list[str]:
    severity = paint(finding.severity.label, finding.severity, color)
    if finding.preview:
        severity += "\n(preview)"
    about = " — ".join(one_line(x) for x in (finding.subject, finding.metric) if x)
    return [severity, f"{finding.id}\n{finding.name}", about, evidence_cell(finding), one_line(finding.message)]


def summary_line(report: Report) -> str:
    text = (f"{plural(len(report.findings), 'finding')} ({severity_counts(report.counts())}) in "
            f"{plural(len(report.documents), 'document')}, {plural(report.claims, 'claim')} read")
    suppressed = report.extra.get("suppressed", 0)
    if suppressed:
        text += f"; {suppressed} suppressed"
    baseline = report.extra.get("baseline")
    if baseline is not None and baseline.hidden:
        text += f"; {baseline.hidden} in the baseline"
    return text + "."


def render(report: Report, *, color: bool = False) -> str:
    parts = []
    if report.findings:
        rows = [finding_row(f, color) for f in report.findings]
        parts.append(tabulate(table_rows(rows, list(WIDTHS)), headers=HEADERS, tablefmt="simple_grid",
                              maxcolwidths=list(WIDTHS), disable_numparse=True))
    else:
        parts.append("No discrepancies found.")
    parts.append(summary_line(report))
    if report.problems:
        lines = ["Problems:"]
        for problem in report.problems:
            tag = " (skipped)" if problem.skipped else ""
            lines.append(f"  {show_controls(one_line(str(problem)))}{tag}")
        parts.append("\n".join(lines))
    return "\n\n".join(parts) + "\n"
