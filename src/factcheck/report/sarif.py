"""SARIF 2.1.0 for code-scanning tools (GitHub code scanning, VS Code SARIF viewer).

Columns are Unicode code points (``columnKind = "unicodeCodePoints"``): the default, UTF-16 code
units, is wrong for every character outside the BMP. Each rule appears once in
``tool.driver.rules``; a result's first evidence span is its location and the other spans are
``relatedLocations``; the finding id is the partial fingerprint, so viewers track a finding
across runs as the CI gate does.
"""

from __future__ import annotations

from pathlib import PurePath, PurePosixPath, PureWindowsPath
from typing import Any
from urllib.parse import quote

from factcheck import __version__
from factcheck.model import Document, Evidence, Finding, Report, Severity
from factcheck.report._text import jsonable
from factcheck.report.json_format import dumps
from factcheck.report.ruledocs import rule_doc_markdown, rule_doc_text
from factcheck.rulebook import CODE_RE, Rule

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
FINGERPRINT = "factcheck/findingId/v1"


def artifact_uri(path: str) -> str:
    """A URI reference for a file path: relative paths stay relative (percent-encoded).

    >>> artifact_uri("seeds/000 新聞稿.txt")
    'seeds/000%20%E6%96%B0%E8%81%9E%E7%A8%BF.txt'
    >>> artifact_uri("/srv/releases/a.txt")
    'file:///srv/releases/a.txt'
    """
    pure: PurePath = PureWindowsPath(path) if PureWindowsPath(path).drive else PurePosixPath(path)
    if pure.is_absolute():
        return "file://" + ("/" if pure.drive else "") + quote(_file_name_bytes(pure.as_posix()), safe="/:")
    return quote(_file_name_bytes(pure.as_posix()), safe="/")


def _file_name_bytes(name: str) -> bytes:
    """The bytes of a file name: a name that is not UTF-8 (decoded with surrogateescape) gets its
    original bytes back, so ``b"bad\\xff.txt"`` becomes ``bad%FF.txt``.

    >>> _file_name_bytes("bad\\udcff.txt"), _file_name_bytes("新聞稿.txt")[:3]
    (b'bad\\xff.txt', b'\\xe6\\x96\\xb0')
    """
    try:
        return name.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return name.encode("utf-8", "surrogatepass")


def region(e: Evidence, doc: Document | None) -> dict[str, int]:
    """Start/end line and column (1-based code points) of an evidence span."""
    if doc is None:
        return {"startLine": e.line}
    line_start = doc.source.rfind("\n", 0, e.start) + 1
    end_line = doc.line_of(e.end)
    end_line_start = doc.source.rfind("\n", 0, e.end) + 1
    return {
        "startLine": doc.line_of(e.start),
        "startColumn": e.start - line_start + 1,
        "endLine": end_line,
        "endColumn": e.end - end_line_start + 1,
    }


def location(e: Evidence, doc: Document | None, *, index: int | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {}
    if index is not None:
        data["id"] = index
    data["physicalLocation"] = {
        "artifactLocation": {"uri": artifact_uri(e.path)},
        "region": {**region(e, doc), "snippet": {"text": e.text}},
    }
    data["message"] = {"text": message_text(f"{e.doc}:{e.line} “{e.text}”" + (f" ({e.role})" if e.role else ""))}
    return data


def message_text(text: str) -> str:
    r"""A plain-text SARIF message: literal square brackets escaped, so that quoted release text
    such as "[more](https://…)" is never shown as an embedded link (SARIF 2.1.0, 3.11.6).

    >>> print(message_text(r"[140,160] vs [see](1), a\b"))
    \[140,160\] vs \[see\](1), a\\b
    """
    return text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")


def rule_descriptor(rule: Rule) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.doc.what},
        "help": {"text": rule_doc_text(rule, show_path=False), "markdown": rule_doc_markdown(rule)},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"tags": [rule.family, rule.status], "check": rule.check},
    }
    old_codes = [a for a in rule.aliases if CODE_RE.match(a)]
    old_names = [a for a in rule.aliases if not CODE_RE.match(a)]
    if old_codes:
        data["deprecatedIds"] = old_codes
    if old_names:
        data["deprecatedNames"] = old_names
    return data


def _finding_descriptor(finding: Finding) -> dict[str, Any]:
    return {"id": finding.rule, "name": finding.name, "shortDescription": {"text": finding.name},
            "defaultConfiguration": {"level": LEVELS[finding.severity]}}


def result(finding: Finding, rule_index: int, docs: dict[str, Document]) -> dict[str, Any]:
    data: dict[str, Any] = {
        "ruleId": finding.rule,
        "ruleIndex": rule_index,
        "level": LEVELS[finding.severity],
        "message": {"text": message_text(finding.message)},
    }
    if finding.evidence:
        first, *others = finding.evidence
        data["locations"] = [location(first, docs.get(first.doc))]
        if others:
            data["relatedLocations"] = [location(e, docs.get(e.doc), index=i) for i, e in enumerate(others, 1)]
    data["partialFingerprints"] = {FINGERPRINT: finding.id}
    data["properties"] = {
        "id": finding.id,
        "subject": finding.subject,
        "metric": finding.metric,
        "preview": finding.preview,
        "values": [jsonable(e.value) for e in finding.evidence],
    }
    return data


def sarif_data(report: Report) -> dict[str, Any]:
    descriptors: dict[str, dict[str, Any]] = {r.code: rule_descriptor(r) for r in report.rules}
    for finding in report.findings:
        descriptors.setdefault(finding.rule, _finding_descriptor(finding))
    codes = sorted(descriptors)
    index = {code: i for i, code in enumerate(codes)}
    docs = {d.id: d for d in report.documents}
    run: dict[str, Any] = {
        "tool": {"driver": {
            "name": "factcheck",
            "version": __version__,
            "semanticVersion": __version__,
            "rules": [descriptors[c] for c in codes],
        }},
        "columnKind": "unicodeCodePoints",
        "results": [result(f, index[f.rule], docs) for f in report.findings],
    }
    if report.problems:
        run["invocations"] = [{
            "executionSuccessful": not any(not p.skipped for p in report.problems),
            "toolExecutionNotifications": [
                {
                    "level": "note" if p.skipped else "error",
                    "message": {"text": message_text(p.message)},
                    "locations": [{"physicalLocation": {
                        "artifactLocation": {"uri": artifact_uri(p.path)},
                        **({"region": {"startLine": p.line}} if p.line else {}),
                    }}],
                }
                for p in report.problems
            ],
        }]
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def render(report: Report, *, color: bool = False) -> str:
    return dumps(sarif_data(report))
