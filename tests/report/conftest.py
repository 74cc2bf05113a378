"""Fixtures for the renderer tests (the sample report lives in report_sample.py)."""

from __future__ import annotations

import pytest
from report_sample import make_report

from factcheck.model import Report


@pytest.fixture
def report() -> Report:
    return make_report()
