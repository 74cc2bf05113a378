"""Alignment: claims from many documents become facts keyed by (kind, subject, metric, scope).

Work grows with the corpus, not with its square: claims are grouped in a dictionary by key, and
checks run inside each group.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from factcheck.lexicon import Lexicon
from factcheck.model import Claim, Document

FactKey = tuple[str, str, str, str]  # (kind, subject, metric, scope)


@dataclass
class Alignment:
    documents: Mapping[str, Document]
    claims: tuple[Claim, ...]
    facts: Mapping[FactKey, tuple[Claim, ...]] = field(default_factory=dict)
    lexicon: Lexicon = field(default_factory=Lexicon)


def align(documents: Sequence[Document], claims: Sequence[Claim], lexicon: Lexicon) -> Alignment:
    facts: dict[FactKey, list[Claim]] = {}
    for claim in claims:
        facts.setdefault((claim.kind, claim.subject, claim.metric, claim.scope), []).append(claim)
    return Alignment(
        documents={d.id: d for d in documents},
        claims=tuple(claims),
        facts={k: tuple(v) for k, v in facts.items()},
        lexicon=lexicon,
    )
