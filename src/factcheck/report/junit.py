"""JUnit XML for CI dashboards: one test case per rule that ran (passing when it found
nothing), one ``<failure>`` per finding, and one ``<error>`` test case per unreadable input.

Text goes through ElementTree (which escapes ``<&>"``) after characters XML 1.0 cannot hold are
made visible, so any release text gives well-formed XML.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from factcheck.model import Finding, Report
from factcheck.report._text import format_value, where, xml_text


def failure_text(finding: Finding) -> str:
    lines = [f"{finding.id} ({finding.severity.label}{', preview' if finding.preview else ''})",
             f"about: {finding.subject} — {finding.metric}"]
    for e in finding.evidence:
        value = format_value(e.value)
        lines.append(f"{where(e)} ({e.path}) “{e.text}”" + (f" = {value}" if value and value != e.text else ""))
    return xml_text("\n".join(lines))


def render(report: Report, *, color: bool = False) -> str:
    by_rule: dict[str, list[Finding]] = {}
    names = {r.code: r.name for r in report.rules}
    for finding in report.findings:
        by_rule.setdefault(finding.rule, []).append(finding)
        names.setdefault(finding.rule, finding.name)
    problems = [p for p in report.problems if not p.skipped]
    failures = len(report.findings)
    tests = len(names) + len(problems)

    root = ET.Element("testsuites", name="factcheck", tests=str(tests), failures=str(failures),
                      errors=str(len(problems)))
    suite = ET.SubElement(root, "testsuite", name="factcheck", tests=str(tests), failures=str(failures),
                          errors=str(len(problems)), skipped="0")
    for code in sorted(names):
        case = ET.SubElement(suite, "testcase", classname="factcheck.rules", name=xml_text(f"{code} {names[code]}"))
        for finding in by_rule.get(code, []):
            node = ET.SubElement(case, "failure", type=finding.severity.label, message=xml_text(finding.message))
            node.text = failure_text(finding)
    for problem in problems:
        case = ET.SubElement(suite, "testcase", classname="factcheck.input", name=xml_text(problem.path))
        node = ET.SubElement(case, "error", type="input", message=xml_text(problem.message))
        node.text = xml_text(str(problem))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
