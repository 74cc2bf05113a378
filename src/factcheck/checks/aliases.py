"""Check kind ``alias``: one entity, two different Chinese names.

"破境創新科技（Calandex Innovation & Technology）" in the body and "碳境創新科技（Calandex Innovation &
Technology）" in a caption: the English name (with legal suffixes, "&"/"and" and script variants
ignored) joins them, so they should be one name. Variant characters (說/説) and a name with and
without its legal suffix (高瞻創新科技 / 高瞻創新科技有限公司) are the same name; a short form
contained in the full one (科技園公司 / 香港科技園公司) is not a conflict.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from rapidfuzz import fuzz

from factcheck.align import org_key
from factcheck.checks import CheckKind, register
from factcheck.checks.base import evidence, graded, key_of, quote, where
from factcheck.model import Finding, Severity


@dataclass(frozen=True)
class Params:
    similar: float = 50.0  # names at least this similar (rapidfuzz ratio) are spelling variants: warning
    max_evidence_per_name: int = 3


def run(rule, alignment) -> Iterator[Finding]:
    p: Params = rule.params
    for (_kind, entity, _metric, _scope), claims in alignment.of_kind("alias"):
        names: dict[str, list] = defaultdict(list)
        for c in claims:
            names[org_key(c.value)].append(c)
        if len(names) < 2:
            continue
        keys = sorted(names)
        distinct = [k for k in keys if not any(k != o and k in o for o in keys)]
        if len(distinct) < 2:
            continue
        a, b = names[distinct[0]][0], names[distinct[1]][0]
        score = fuzz.ratio(distinct[0], distinct[1])
        severity = Severity.WARNING if score >= p.similar else Severity.INFO
        shown = [c for k in distinct for c in names[k][: p.max_evidence_per_name]]
        english = a.attr("en")
        yield rule.make_finding(
            slots={"entity": english, "a_name": quote(a, alignment), "a_where": where(a, alignment),
                   "b_name": quote(b, alignment), "b_where": where(b, alignment),
                   "names": " / ".join(quote(names[k][0], alignment) for k in distinct),
                   "similarity": f"{score:.0f}"},
            subject=english,
            metric="Chinese name",
            evidence=[evidence(c, alignment, role="name") for c in sorted(shown, key=lambda c: (c.doc, c.start))],
            key=key_of(rule.code, entity, distinct),
            severity=graded(rule, severity),
        )


KIND = register(CheckKind(
    name="alias",
    summary="One entity (joined by its English name) written with different Chinese names.",
    params=Params,
    run=run,
    slots=("entity", "a_name", "a_where", "b_name", "b_where", "names", "similarity"),
))
