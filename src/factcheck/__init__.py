"""factcheck: keep a body of press releases consistent with itself.

The pipeline is ingest -> normalize -> extract -> align -> checks (driven by the rules) -> report.

>>> import factcheck
>>> report = factcheck.check([])          # no documents: nothing to report
>>> report.findings, report.exit_code()
((), 0)
"""

from __future__ import annotations

__version__ = "0.1.0"

from factcheck.config import Config, load_config  # noqa: E402
from factcheck.engine import check, check_paths, check_texts  # noqa: E402
from factcheck.errors import ConfigError, FactcheckError, InputError, RuleFileError  # noqa: E402
from factcheck.model import Evidence, Finding, Problem, Report, Severity  # noqa: E402
from factcheck.rulebook import Rule, RuleSet, load_rules  # noqa: E402

__all__ = [
    "Config",
    "ConfigError",
    "Evidence",
    "FactcheckError",
    "Finding",
    "InputError",
    "Problem",
    "Report",
    "Rule",
    "RuleFileError",
    "RuleSet",
    "Severity",
    "__version__",
    "check",
    "check_paths",
    "check_texts",
    "load_config",
    "load_rules",
]
