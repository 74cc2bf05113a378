"""factcheck: keep a body of press releases consistent with itself.

The pipeline is ingest -> normalize -> extract -> align -> checks (driven by the rules) -> report.

>>> import factcheck
>>> report = factcheck.check([])          # no documents: nothing to report
>>> report.findings, report.exit_code()
((), 0)

The public names are imported on first use, so ``import factcheck.numbers`` (the number parser)
needs nothing beyond the standard library.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_PUBLIC = {
    "Config": "factcheck.config",
    "load_config": "factcheck.config",
    "check": "factcheck.engine",
    "check_paths": "factcheck.engine",
    "check_texts": "factcheck.engine",
    "ConfigError": "factcheck.errors",
    "FactcheckError": "factcheck.errors",
    "InputError": "factcheck.errors",
    "RuleFileError": "factcheck.errors",
    "Evidence": "factcheck.model",
    "Finding": "factcheck.model",
    "Problem": "factcheck.model",
    "Report": "factcheck.model",
    "Severity": "factcheck.model",
    "Rule": "factcheck.rulebook",
    "RuleSet": "factcheck.rulebook",
    "load_rules": "factcheck.rulebook",
}

__all__ = [*sorted(_PUBLIC), "__version__"]

if TYPE_CHECKING:  # pragma: no cover
    from factcheck.config import Config, load_config
    from factcheck.engine import check, check_paths, check_texts
    from factcheck.errors import ConfigError, FactcheckError, InputError, RuleFileError
    from factcheck.model import Evidence, Finding, Problem, Report, Severity
    from factcheck.rulebook import Rule, RuleSet, load_rules


def __getattr__(name: str) -> Any:
    module = _PUBLIC.get(name)
    if module is None:
        msg = f"module 'factcheck' has no attribute {name!r}"
        raise AttributeError(msg)
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_PUBLIC))
