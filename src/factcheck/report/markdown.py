"""Markdown (GitHub-flavoured): a heading with the counts, one table row per finding, then
problems. Everything quoted from a release is escaped for a table cell, so ``|``, backticks,
``*``/``_``, brackets, HTML and line breaks in a release cannot break the table or add markup.
"""

from __future__ import annotations

import re

from factcheck.model import Finding, Report
from factcheck.report._text import format_value, one_line, plural, severity_counts, where

_SPECIAL = re.compile(r"([\\`*_\[\]{}|~#!])")


def cell(text: str) -> str:
    """Escape text for one GitHub table cell.

    >>> cell("a | b `c` <script>x</script> **bold**\\n[link](http://x)")
    'a \\\\| b \\\\`c\\\\` &lt;script&gt;x&lt;/script&gt; \\\\*\\\\*bold\\\\*\\\\* \\\\[link\\\\](http://x)'
    >>> cell("約150個項目 & 148 projects")
    '約150個項目 &amp; 148 projects'
    """
    text = one_line(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _SPECIAL.sub(r"\\\1", text)


def evidence_cell(finding: Finding) -> str:
    lines = []
    for e in finding.evidence:
        value = format_value(e.value)
        extra = f" = {cell(value)}" if value and value != e.text else ""
        lines.append(f"{cell(where(e))} “{cell(e.text)}”{extra}")
    return "<br>".join(lines)


def finding_row(finding: Finding) -> str:
    severity = finding.severity.label + (" (preview)" if finding.preview else "")
    about = " — ".join(cell(x) for x in (finding.subject, finding.metric) if x)
    cells = [severity, f"`{finding.id}`<br>{cell(finding.name)}", about, evidence_cell(finding), cell(finding.message)]
    return "| " + " | ".join(cells) + " |"


def render(report: Report, *, color: bool = False) -> str:
    lines = [f"## factcheck: {plural(len(report.findings), 'finding')} ({severity_counts(report.counts())})", ""]
    if report.findings:
        lines += ["| Severity | Finding | About | Evidence | Message |", "|---|---|---|---|---|"]
        lines += [finding_row(f) for f in report.findings]
        lines.append("")
    summary = f"{plural(len(report.documents), 'document')}, {plural(report.claims, 'claim')} read"
    suppressed = report.extra.get("suppressed", 0)
    baseline = report.extra.get("baseline")
    if suppressed:
        summary += f"; {suppressed} suppressed"
    if baseline is not None and baseline.hidden:
        summary += f"; {baseline.hidden} in the baseline"
    lines.append(summary + ".")
    if report.problems:
        lines += ["", "### Problems", ""]
        lines += [f"- {cell(p.path)}{':' + str(p.line) if p.line else ''}: {cell(p.message)}"
                  + (" (skipped)" if p.skipped else "") for p in report.problems]
    return "\n".join(lines) + "\n"
