"""Renderers: one module per output format, each ``render(report, *, color=False) -> str``.

The CLI picks one with ``REPORTERS[OutputFormat(name)]``; no format logic lives anywhere else.
Only the table uses ``color``.
"""

from __future__ import annotations

import enum
import importlib
from collections.abc import Callable

from factcheck.model import Report


class OutputFormat(str, enum.Enum):
    TABLE = "table"
    JSON = "json"
    CSV = "csv"
    MARKDOWN = "markdown"
    SARIF = "sarif"
    GITHUB = "github"
    JUNIT = "junit"


Reporter = Callable[..., str]

def _lazy(module: str) -> Reporter:
    """The ``render`` of ``factcheck.report.<module>``, imported when first called: a run
    needs one format, and the table's and SARIF's imports (tabulate, the rule docs) take time."""

    def render(report: Report, **options: object) -> str:
        return importlib.import_module(f"factcheck.report.{module}").render(report, **options)

    render.__qualname__ = render.__name__ = f"{module}.render"
    return render


REPORTERS: dict[OutputFormat, Reporter] = {
    OutputFormat.TABLE: _lazy("table"),
    OutputFormat.JSON: _lazy("json_format"),
    OutputFormat.CSV: _lazy("csv_format"),
    OutputFormat.MARKDOWN: _lazy("markdown"),
    OutputFormat.SARIF: _lazy("sarif"),
    OutputFormat.GITHUB: _lazy("github"),
    OutputFormat.JUNIT: _lazy("junit"),
}


def render(report: Report, fmt: OutputFormat | str = OutputFormat.TABLE, *, color: bool = False) -> str:
    """Render ``report`` in one of the output formats."""
    return REPORTERS[OutputFormat(fmt)](report, color=color)


__all__ = ["OutputFormat", "REPORTERS", "Reporter", "render"]
