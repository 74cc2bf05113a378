"""Check kinds: the code a rule file names in ``check = "..."``.

Rules are data (``rules/**/*.toml``); a check kind is code. Each kind is a ``CheckKind``:

- ``params``: a frozen dataclass whose fields (with defaults) are the keys a rule may set in its
  ``[params]`` table; ``factcheck.rulebook`` rejects any other key at load time;
- ``match``: the keys a rule may set in its ``[match]`` table, with their defaults;
- ``slots``: the names a rule's ``message`` template may use (``str.format_map`` over a flat dict
  of strings);
- ``run(rule, alignment)``: yields ``Finding``s. ``rule.params`` is an instance of ``params``.

Adding a rule means adding a TOML file; adding a kind means adding a module and one entry here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from factcheck.align import Alignment
    from factcheck.model import Finding
    from factcheck.rulebook import Rule


@dataclass(frozen=True)
class CheckKind:
    name: str
    summary: str
    params: type
    run: Callable[[Rule, Alignment], Iterable[Finding]]
    slots: tuple[str, ...] = ()
    match: Mapping[str, Any] = field(default_factory=dict)


CHECKS: dict[str, CheckKind] = {}


def register(kind: CheckKind) -> CheckKind:
    CHECKS[kind.name] = kind
    return kind


# The kinds register themselves on import (kept at the bottom: they import CheckKind from here).
from factcheck.checks import (  # noqa: E402
    aliases,
    drift,
    enumerations,
    holders,
    intervals,
    ranks,
    ratios,
    sequence,
    sums,
)

__all__ = ["CHECKS", "CheckKind", "register", "aliases", "drift", "enumerations", "holders", "intervals",
           "ranks", "ratios", "sequence", "sums"]
