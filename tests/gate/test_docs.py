"""The CI-gate documents a new user copies from: every factcheck command they show exists with
the options they give it, and the example workflow and pre-commit hooks are well formed."""

from __future__ import annotations

import re
import shlex

import pytest
from gatekit import ROOT

from factcheck.cli import cli

DOCS = [ROOT / "docs" / "ci-gate.md", ROOT / "docs" / "examples" / "factcheck.yml", ROOT / ".pre-commit-hooks.yaml",
        ROOT / "docs" / "cli.md"]
COMMAND = re.compile(r"\bfactcheck ((?:run|check|index|baseline|claims|facts|rules|explain)\b[^\n`|#]*)")


def options_of(name: str) -> set[str]:
    command = cli.commands[name]
    return {opt for param in command.params for opt in (*param.opts, *param.secondary_opts)} | {"--help", "-h"}


def command_lines() -> list[tuple[str, str, list[str]]]:
    out = []
    for path in DOCS:
        for match in COMMAND.finditer(path.read_text(encoding="utf-8")):
            text = match.group(1).replace("\\", " ")
            try:
                words = shlex.split(text)
            except ValueError:
                words = text.split()
            out.append((path.name, words[0], [w for w in words[1:] if w.startswith("-")]))
    return out


@pytest.mark.parametrize(("doc", "name", "options"), command_lines(), ids=lambda v: str(v)[:40])
def test_documented_commands_use_real_options(doc: str, name: str, options: list[str]) -> None:
    known = options_of(name)
    unknown = [o for o in options if o.split("=")[0] not in known]
    assert unknown == [], f"{doc}: factcheck {name} has no option {unknown}"


def test_the_documents_show_the_gate_commands() -> None:
    found = {(doc, name) for doc, name, _ in command_lines()}
    assert {("ci-gate.md", n) for n in ("index", "check", "baseline")} <= found
    assert ("factcheck.yml", "check") in found


def test_pre_commit_hooks_name_real_commands() -> None:
    text = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    hooks = re.findall(r"^- id: (\S+)$", text, re.M)
    entries = re.findall(r"^  entry: (.+)$", text, re.M)
    assert hooks == ["factcheck-check", "factcheck-run"]
    assert entries == ["factcheck check", "factcheck run"]
    assert re.findall(r"^  require_serial: (\S+)", text, re.M) == ["true", "true"]
    assert "\t" not in text


def test_the_example_workflow_is_not_a_workflow_of_this_repository() -> None:
    assert not (ROOT / ".github" / "workflows" / "factcheck.yml").exists()
    text = (ROOT / "docs" / "examples" / "factcheck.yml").read_text(encoding="utf-8")
    assert "\t" not in text and text.startswith("# An example GitHub Actions workflow")
    assert "github/codeql-action/upload-sarif@" in text and "--format github" in text
