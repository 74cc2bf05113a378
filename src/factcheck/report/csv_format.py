"""CSV: one row per piece of evidence, with its finding's id, for spreadsheets and pandas.

Cells that a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``, tab or
carriage return) are prefixed with ``'``, the OWASP advice against CSV injection; control
characters are made visible.
"""

from __future__ import annotations

import csv
import io

from factcheck.model import Report
from factcheck.report._text import format_value, show_controls

COLUMNS = ("finding", "rule", "name", "severity", "subject", "metric", "message", "evidence", "role", "doc",
           "path", "line", "start", "end", "text", "value", "date", "context")


def safe_cell(text: str) -> str:
    """One cell: controls made visible, a leading formula character defused.

    >>> safe_cell("=HYPERLINK(\\"http://x\\")"), safe_cell("-5%"), safe_cell("約150個")
    ('\\'=HYPERLINK("http://x")', "'-5%", '約150個')
    """
    text = show_controls(text)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def render(report: Report, *, color: bool = False) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for finding in report.findings:
        for index, e in enumerate(finding.evidence, 1):
            writer.writerow([
                finding.id, finding.rule, finding.name, finding.severity.label,
                safe_cell(finding.subject), safe_cell(finding.metric), safe_cell(finding.message),
                index, e.role, safe_cell(e.doc), safe_cell(e.path), e.line, e.start, e.end, safe_cell(e.text),
                safe_cell(format_value(e.value)), e.date or "", safe_cell(e.context),
            ])
    return out.getvalue()
