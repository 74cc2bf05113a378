"""Renderers: one module per output format, each ``render(report, *, color=False) -> str``.

The CLI picks one with ``REPORTERS[OutputFormat(name)]``; no format logic lives anywhere else.
Only the table uses ``color``.
"""

from __future__ import annotations

import enum
from collections.abc import Callable

from factcheck.model import Report
from factcheck.report import csv_format, github, json_format, junit, markdown, sarif, table


class OutputFormat(str, enum.Enum):
    TABLE = "table"
    JSON = "json"
    CSV = "csv"
    MARKDOWN = "markdown"
    SARIF = "sarif"
    GITHUB = "github"
    JUNIT = "junit"


Reporter = Callable[..., str]

REPORTERS: dict[OutputFormat, Reporter] = {
    OutputFormat.TABLE: table.render,
    OutputFormat.JSON: json_format.render,
    OutputFormat.CSV: csv_format.render,
    OutputFormat.MARKDOWN: markdown.render,
    OutputFormat.SARIF: sarif.render,
    OutputFormat.GITHUB: github.render,
    OutputFormat.JUNIT: junit.render,
}


def render(report: Report, fmt: OutputFormat | str = OutputFormat.TABLE, *, color: bool = False) -> str:
    """Render ``report`` in one of the output formats."""
    return REPORTERS[OutputFormat(fmt)](report, color=color)


__all__ = ["OutputFormat", "REPORTERS", "Reporter", "render"]
