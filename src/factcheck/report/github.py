"""GitHub Actions workflow commands: one annotation per finding at its first evidence span.

``::error file=…,line=…,col=…,endLine=…,endColumn=…,title=NU01::message``. Following GitHub's
toolkit, the message escapes ``%``, CR and LF; property values also escape ``:`` and ``,``.
Other control characters are made visible so a release cannot issue commands of its own.
"""

from __future__ import annotations

from factcheck.model import Document, Evidence, Finding, Report, Severity
from factcheck.report._text import show_controls, where

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """Escape a workflow command's message.

    >>> escape_data("50% of\\r\\nprojects")
    '50%25 of%0D%0Aprojects'
    """
    return show_controls(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a workflow command's property value.

    >>> escape_property("releases/2023: a,b.txt")
    'releases/2023%3A a%2Cb.txt'
    """
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def span_properties(e: Evidence, doc: Document | None) -> list[tuple[str, str]]:
    props = [("file", e.path), ("line", str(e.line))]
    if doc is None:
        return props
    line_start = doc.source.rfind("\n", 0, e.start) + 1
    end_line = doc.line_of(e.end)
    if end_line == e.line:
        end_start = line_start
        props += [("col", str(e.start - line_start + 1)), ("endLine", str(end_line)),
                  ("endColumn", str(e.end - end_start + 1))]
    else:
        props.append(("endLine", str(end_line)))
    return props


def annotation(finding: Finding, docs: dict[str, Document]) -> str:
    message = finding.message
    others = [f"{where(e)} “{e.text}”" for e in finding.evidence]
    if others:
        message += "\n" + "\n".join(others)
    message += f"\n(finding {finding.id}{', preview rule' if finding.preview else ''})"
    props: list[tuple[str, str]] = []
    if finding.evidence:
        first = finding.evidence[0]
        props = span_properties(first, docs.get(first.doc))
    props.append(("title", finding.rule))
    head = ",".join(f"{k}={escape_property(v)}" for k, v in props)
    return f"::{LEVELS[finding.severity]} {head}::{escape_data(message)}"


def render(report: Report, *, color: bool = False) -> str:
    docs = {d.id: d for d in report.documents}
    lines = [annotation(f, docs) for f in report.findings]
    for problem in report.problems:
        level = "notice" if problem.skipped else "error"
        props = f"file={escape_property(problem.path)}" + (f",line={problem.line}" if problem.line else "")
        lines.append(f"::{level} {props},title=factcheck::{escape_data(problem.message)}")
    return "".join(line + "\n" for line in lines)
