"""factcheck: keep a body of press releases consistent with itself.

The pipeline is ingest -> normalize -> extract -> align -> checks (driven by the rules) -> report.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
