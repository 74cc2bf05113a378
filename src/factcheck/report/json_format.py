"""The JSON report: exactly the shape documented in docs/json-report.md, versioned and byte-for-byte deterministic.

Key order is fixed by the contract; mappings a check puts into an evidence ``value`` are sorted.
Non-ASCII text is written as is (``ensure_ascii=False``) and the output ends with a newline.
"""

from __future__ import annotations

import json
from typing import Any

from factcheck import __version__
from factcheck.model import Document, Evidence, Finding, Problem, Report
from factcheck.report._text import json_escape_controls, jsonable

REPORT_VERSION = 1


def document_data(doc: Document) -> dict[str, Any]:
    return {
        "id": doc.id,
        "path": doc.path,
        "lang": doc.lang,
        "date": doc.date.isoformat() if doc.date else None,
        "title": doc.title,
    }


def evidence_data(evidence: Evidence) -> dict[str, Any]:
    data = evidence.to_json()
    data["value"] = jsonable(data["value"])
    return data


def finding_data(finding: Finding) -> dict[str, Any]:
    return {
        "id": finding.id,
        "rule": finding.rule,
        "name": finding.name,
        "severity": finding.severity.label,
        "message": finding.message,
        "subject": finding.subject,
        "metric": finding.metric,
        "evidence": [evidence_data(e) for e in finding.evidence],
    }


def problem_data(problem: Problem) -> dict[str, Any]:
    data: dict[str, Any] = {"path": problem.path, "message": problem.message}
    if problem.line:
        data["line"] = problem.line
    if problem.skipped:
        data["skipped"] = True
    return data


def report_data(report: Report) -> dict[str, Any]:
    """The report as plain data, in the contract's shape."""
    summary: dict[str, Any] = {
        "documents": len(report.documents),
        "claims": report.claims,
        "findings": report.counts(),
    }
    suppressed = report.extra.get("suppressed", 0)
    if suppressed:
        summary["suppressed"] = suppressed
    data: dict[str, Any] = {
        "version": REPORT_VERSION,
        "tool": {"name": "factcheck", "version": __version__},
        "documents": [document_data(d) for d in report.documents],
        "findings": [finding_data(f) for f in report.findings],
        "problems": [problem_data(p) for p in report.problems],
        "summary": summary,
    }
    baseline = report.extra.get("baseline")
    if baseline is not None:
        summary["baselined"] = baseline.hidden
        data["baseline"] = {
            "file": baseline.path,
            "hidden": baseline.hidden,
            "stale": [{"id": e.id, "rule": e.code, "subject": e.subject, "message": e.message}
                      for e in baseline.stale],
        }
    return data


def dumps(data: Any) -> str:
    r"""Deterministic JSON text with a trailing newline: what ``json.dumps(data,
    ensure_ascii=False, indent=2, allow_nan=False)`` writes, but without its pure-Python
    encoder (``indent`` disables the C one), which took seconds on large reports.

    >>> data = {"a": [1, 2.5, None, True, {}], "b": {"c": "x'y", "d": []}, "e": "香港"}
    >>> dumps(data) == json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    True
    """
    out: list[str] = []
    _write(data, out, "\n")
    return json_escape_controls("".join(out)) + "\n"


_STRING = json.encoder.encode_basestring  # type: ignore[attr-defined]  # the C one when built
_SCALARS = {True: "true", False: "false"}


def _write(value: Any, out: list[str], newline: str) -> None:
    """Append ``value`` as indented JSON; ``newline`` is a line break and the current indent."""
    kind = type(value)
    if kind is str:
        out.append(_STRING(value))
    elif kind is dict:
        if not value:
            out.append("{}")
            return
        inner = newline + "  "
        sep = "{" + inner
        for key, item in value.items():
            if type(key) is not str:
                raise TypeError(f"report keys must be strings, not {key!r}")
            of = type(item)
            if of is str:  # most values: no call for them
                out.append(f"{sep}{_STRING(key)}: {_STRING(item)}")
            elif of is int:
                out.append(f"{sep}{_STRING(key)}: {int.__repr__(item)}")
            else:
                out.append(f"{sep}{_STRING(key)}: ")
                _write(item, out, inner)
            sep = "," + inner
        out.append(newline + "}")
    elif kind is list or kind is tuple:
        if not value:
            out.append("[]")
            return
        inner = newline + "  "
        sep = "[" + inner
        for item in value:
            out.append(sep)
            _write(item, out, inner)
            sep = "," + inner
        out.append(newline + "]")
    elif value is None:
        out.append("null")
    elif kind is bool:
        out.append(_SCALARS[value])
    elif kind is int:
        out.append(int.__repr__(value))
    else:  # floats and anything else: as the json module writes them, NaN refused
        out.append(json.dumps(value, allow_nan=False))


def render(report: Report, *, color: bool = False) -> str:
    return dumps(report_data(report))
