"""What was read, for a person reviewing extraction and alignment: ``factcheck claims`` (every
claim) and ``factcheck facts`` (claims grouped into facts, consistent ones too). Table or JSON,
with the same hygiene as the finding reports."""

from __future__ import annotations

from factcheck.extract import LINK_KINDS

from typing import Any

from tabulate import tabulate

from factcheck.engine import Analysis, agreement
from factcheck.model import Claim, Document
from factcheck.report._text import format_value, jsonable, one_line, plural, table_rows
from factcheck.report.json_format import document_data, dumps, problem_data

LISTING_VERSION = 1


def claim_data(claim: Claim, docs: dict[str, Document]) -> dict[str, Any]:
    doc = docs.get(claim.doc)
    data: dict[str, Any] = {
        "doc": claim.doc,
        "path": doc.path if doc else "",
        "line": doc.line_of(claim.start) if doc else None,
        "start": claim.start,
        "end": claim.end,
        "quote": doc.source[claim.start:claim.end] if doc else "",
        "section": getattr(claim.section, "value", str(claim.section)),
        "kind": claim.kind,
        "subject": claim.subject,
        "subject_label": claim.subject_label,
        "subject_how": claim.subject_how,
        "metric": claim.metric,
        "metric_label": claim.metric_label,
        "scope": claim.scope,
        "value": jsonable(claim.value),
        "lang": claim.lang,
        "date": claim.date.isoformat() if claim.date else None,
    }
    if claim.parts:
        data["parts"] = [claim_data(part, docs) for part in claim.parts]
    if claim.attrs:
        data["attrs"] = jsonable(dict(claim.attrs))
    return data


def _readable(analysis: Analysis) -> list[Claim]:
    """The claims a person reviews (not the name and document links the aligner uses)."""
    return [c for c in analysis.claims if c.kind not in LINK_KINDS]


def _sorted_claims(analysis: Analysis) -> list[Claim]:
    paths = {d.id: d.path for d in analysis.documents}
    return sorted(_readable(analysis), key=lambda c: (paths.get(c.doc, ""), c.doc, c.start, c.end, c.kind))


def claims_json(analysis: Analysis) -> str:
    docs = {d.id: d for d in analysis.documents}
    return dumps({
        "version": LISTING_VERSION,
        "documents": [document_data(d) for d in analysis.documents],
        "claims": [claim_data(c, docs) for c in _sorted_claims(analysis)],
        "problems": [problem_data(p) for p in analysis.problems],
        "summary": {"documents": len(analysis.documents), "claims": len(_readable(analysis))},
    })


def _where(claim: Claim, docs: dict[str, Document]) -> str:
    doc = docs.get(claim.doc)
    return one_line(f"{claim.doc}:{doc.line_of(claim.start)}" if doc else claim.doc)  # the id is a file name


def _quote(claim: Claim, docs: dict[str, Document]) -> str:
    doc = docs.get(claim.doc)
    return one_line(doc.source[claim.start:claim.end]) if doc else ""


def _label(key: str, label: str) -> str:
    return one_line(f"{label} ({key})" if label and label != key else key)


def claims_table(analysis: Analysis) -> str:
    docs = {d.id: d for d in analysis.documents}
    rows = [
        [_where(c, docs), getattr(c.section, "value", str(c.section)), c.kind, _label(c.subject, c.subject_label),
         _label(c.metric, c.metric_label), one_line(c.scope), one_line(format_value(c.value)), _quote(c, docs)]
        for c in _sorted_claims(analysis)
    ]
    widths = [None, None, None, 28, 24, 18, 16, 40]
    body = tabulate(table_rows(rows, widths), headers=("Where", "Section", "Kind", "Subject", "Metric", "Scope", "Value", "Quote"),
                    tablefmt="simple", maxcolwidths=widths, disable_numparse=True) if rows else "No claims."
    footer = f"{plural(len(_readable(analysis)), 'claim')} in {plural(len(analysis.documents), 'document')}."
    return "\n\n".join([body, footer, *_problems(analysis)]) + "\n"


def _problems(analysis: Analysis) -> list[str]:
    if not analysis.problems:
        return []
    return ["Problems:\n" + "\n".join(f"  {one_line(str(p))}" for p in analysis.problems)]


def _facts(analysis: Analysis, include_single: bool) -> list[tuple[tuple[str, ...], tuple[Claim, ...], str]]:
    out = []
    for key, claims in sorted(analysis.alignment.facts.items()):
        if key[0] in LINK_KINDS:
            continue
        status = agreement(claims)
        if status == "single" and not include_single:
            continue
        out.append((key, claims, status))
    return out


def facts_json(analysis: Analysis, *, include_single: bool = False) -> str:
    docs = {d.id: d for d in analysis.documents}
    facts = [
        {
            "kind": key[0],
            "subject": key[1],
            "metric": key[2],
            "scope": key[3],
            "status": status,
            "claims": [claim_data(c, docs) for c in sorted(claims, key=lambda c: (c.doc, c.start))],
        }
        for key, claims, status in _facts(analysis, include_single)
    ]
    return dumps({"version": LISTING_VERSION, "facts": facts,
                  "problems": [problem_data(p) for p in analysis.problems],
                  "summary": {"documents": len(analysis.documents), "claims": len(_readable(analysis)),
                              "facts": len(facts)}})


def facts_table(analysis: Analysis, *, include_single: bool = False) -> str:
    docs = {d.id: d for d in analysis.documents}
    rows = []
    for (kind, subject, metric, scope), claims, status in _facts(analysis, include_single):
        first = claims[0]
        lines = [f"{_where(c, docs)} “{_quote(c, docs)}” = {one_line(format_value(c.value))}"
                 for c in sorted(claims, key=lambda c: (c.doc, c.start))]
        rows.append([kind, _label(subject, first.subject_label), _label(metric, first.metric_label), one_line(scope),
                     status, "\n".join(lines)])
    widths = [None, 24, 20, 16, None, 60]
    body = tabulate(table_rows(rows, widths), headers=("Kind", "Subject", "Metric", "Scope", "Status", "Claims"),
                    tablefmt="simple_grid", maxcolwidths=widths, disable_numparse=True) if rows else "No aligned facts."
    shown = "every fact" if include_single else "facts stated more than once (--all shows every fact)"
    footer = f"{plural(len(rows), 'fact')} shown: {shown}; {plural(len(_readable(analysis)), 'claim')} read."
    return "\n\n".join([body, footer, *_problems(analysis)]) + "\n"
