"""Claim extraction: one normalised document in, its claims out (no cross-document work here)."""

from __future__ import annotations

from factcheck.lexicon import Lexicon
from factcheck.model import Claim
from factcheck.normalize import Normalized

EXTRACTOR_VERSION = "0"


def extract(norm: Normalized, lexicon: Lexicon) -> tuple[Claim, ...]:
    """Every claim read from one document (placeholder until the extractors land)."""
    return ()
