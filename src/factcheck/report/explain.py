"""``factcheck explain``: one finding with the sentences it rests on, each claim marked »…«."""

from __future__ import annotations

from collections.abc import Sequence

from factcheck.model import Document, Evidence, Finding, Report
from factcheck.report._text import format_value, one_line, where
from factcheck.rulebook import CODE_CUTOFF, did_you_mean

OPEN, CLOSE = "»", "«"
MAX_SIDE = 160  # characters of context shown on each side of a claim when no sentence is known


def context_span(source: str, evidence: Evidence) -> tuple[int, int]:
    """The span of ``source`` to show around a claim: the evidence's context sentence when it
    can be found around the claim, else the claim's line(s), clipped to ``MAX_SIDE``.

    >>> text = "第一句。今年共有約150個項目參賽。第三句。"
    >>> e = Evidence("d", "d.txt", 1, 8, 15, "約150個項目", context="今年共有約150個項目參賽。")
    >>> a, b = context_span(text, e); text[a:b]
    '今年共有約150個項目參賽。'
    """
    context = evidence.context
    if context:
        lo = max(0, evidence.end - len(context))
        position = source.find(context, lo, evidence.start + len(context))
        if 0 <= position <= evidence.start and position + len(context) >= evidence.end:
            return position, position + len(context)
    start = source.rfind("\n", 0, evidence.start) + 1
    end = source.find("\n", evidence.end)
    end = len(source) if end < 0 else end
    return max(start, evidence.start - MAX_SIDE), min(end, evidence.end + MAX_SIDE)


def mark(source: str, evidence: Evidence) -> str:
    """The context sentence with the claim bracketed.

    >>> mark("Revenue was about RMB 100 million.\\n", Evidence("en", "en.txt", 1, 12, 33, "about RMB 100 million"))
    'Revenue was »about RMB 100 million«.'
    """
    start, end = context_span(source, evidence)
    before = source[start:evidence.start]
    claim = source[evidence.start:evidence.end]
    after = source[evidence.end:end]
    return one_line(before) + OPEN + one_line(claim) + CLOSE + one_line(after)


def explain(finding: Finding, documents: Sequence[Document]) -> str:
    docs = {d.id: d for d in documents}
    flags = ", preview rule" if finding.preview else ""
    lines = [
        f"{finding.id}  {finding.severity.label}{flags}  {finding.rule} {finding.name}",
        one_line(finding.message),
        f"About: {one_line(finding.subject)} — {one_line(finding.metric)}",
    ]
    for e in finding.evidence:
        doc = docs.get(e.doc)
        details = [x for x in (e.role, e.date, f"value {format_value(e.value)}" if e.value is not None else "") if x]
        lines += ["", one_line(f"{where(e)} ({e.path})" + (f"  [{'; '.join(details)}]" if details else ""))]
        lines.append("  " + (mark(doc.source, e) if doc else OPEN + one_line(e.text) + CLOSE))
    lines += ["", f"Rule documentation: factcheck rules {finding.rule}",
              f"To accept this finding, add to factcheck.toml:  [[suppress]] id = \"{finding.id}\" reason = \"…\""]
    return "\n".join(lines) + "\n"


def find_finding(report: Report, finding_id: str) -> Finding | str:
    """The finding with this id (or a unique prefix of it); otherwise the error message."""
    wanted = finding_id.strip()
    for finding in report.findings:
        if finding.id == wanted:
            return finding
    matches = [f for f in report.findings if wanted and f.id.startswith(wanted)]
    if len(matches) == 1:
        return matches[0]
    if matches:
        return f"{wanted!r} matches {len(matches)} findings: {', '.join(f.id for f in matches[:5])}"
    hint = did_you_mean(wanted, [f.id for f in report.findings], cutoff=CODE_CUTOFF)
    message = f"no finding {wanted!r} in these documents"
    if hint:
        return f"{message}; {hint}"
    if not report.findings:
        return message + " (they have no findings)"
    return f"{message}; `factcheck run` lists the ids"
