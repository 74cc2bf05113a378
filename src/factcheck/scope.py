"""Which claims of a corpus can take part in a finding about some other claims.

``factcheck check NEW --corpus DIR`` reports only findings that involve a NEW release. Running
every rule over the whole corpus to keep a handful of findings wastes most of the work, so the
claim index stores, for every claim, its *link keys* and ``check`` loads only the corpus claims
that share a key with the new claims, repeating until no new key turns up (a closure). The rules
then run over the new releases plus that part of the corpus.

This gives the same findings as the whole corpus because of how ``factcheck.align`` and the check
kinds relate claims (a test compares the two on the seeds, tests/corpus and a generated corpus):

- every check compares claims of one fact or of one subject across facts (the history of a
  metric, the holders of a title, the editions of a series): key ``s:<subject>``;
- an award or alias claim's subject is the entity its names resolve to, joined across the whole
  corpus through shared names (``n:<name key>``) and English names that share their first
  distinctive word (``w:<word>``); names that one lexicon organisation lists are one key;
- a role claim's person is joined with other spellings of that person (``p:<person>``,
  ``r:<romanised name>``) whatever the title.

Keys are a superset: loading a claim that turns out unrelated costs time, never a wrong result.
A check kind that relates claims in another way must add its keys here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from factcheck.align import _COMMON_EN, build_entities, org_key, romanisations
from factcheck.lexicon import Lexicon
from factcheck.model import Claim

_EN_TOKEN = re.compile(r"[\s\-]+")


def link_keys(claim: Claim, lexicon: Lexicon) -> tuple[str, ...]:
    """The link keys of one claim, sorted.

    >>> from factcheck.lexicon import builtin_lexicon
    >>> from factcheck.model import Interval
    >>> link_keys(Claim("quantity", "d", 0, 3, Interval(150, 150), subject="series:michk"), builtin_lexicon())
    ('s:series:michk',)
    >>> role = Claim("role", "d", 0, 3, "zh:宋來", subject="title:gcio", attrs=(("person", "宋來"),))
    >>> link_keys(role, builtin_lexicon())
    ('p:zh:宋來', 'r:lai song', 'r:lai sung', 'r:song lai', 'r:sung lai', 's:title:gcio')
    >>> award = Claim("award", "d", 0, 3, Interval(1, 1), attrs=(("zh", "濃說科技"), ("en", "Wizpresso Limited")))
    >>> link_keys(award, builtin_lexicon())
    ('n:en:wizpresso', 'n:zh:浓说科技', 'w:wizpresso')
    """
    keys: set[str] = set()
    if claim.kind in ("award", "alias"):
        names = [claim.value] if claim.kind == "alias" else []
        names += [claim.attr("zh"), claim.attr("en")]
        names = [n for n in names if isinstance(n, str) and n]
        for name in names:
            keys.update(_name_keys(name, lexicon))
        if not names:
            keys.add("s:" + claim.subject)
    else:
        keys.add("s:" + claim.subject)
    if claim.kind == "role" and isinstance(claim.value, str):
        keys.add("p:" + claim.value)
        keys.update("r:" + spelling for spelling in _spellings(claim.value, lexicon))
    for part in claim.parts:
        keys.update(link_keys(part, lexicon))
    return tuple(sorted(keys))


def closure_keys(claims: Iterable[Claim], lexicon: Lexicon) -> set[str]:
    """The link keys of several claims."""
    return {key for claim in claims for key in link_keys(claim, lexicon)}


def _name_keys(name: str, lexicon: Lexicon) -> list[str]:
    key = org_key(name)
    keys = ["n:" + _lexicon_entities(lexicon).get(key, key)]
    if key.startswith("en:"):
        words = key[3:].split()
        if words and words[0] not in _COMMON_EN:  # align joins "X" and "X Health-Tech" by first word
            keys.append("w:" + words[0])
    return keys


@lru_cache(maxsize=8)
def _lexicon_entities(lexicon: Lexicon) -> dict[str, str]:
    """Name key -> one key for all names of the same lexicon organisation."""
    entities = build_entities((), lexicon)
    return {key: entities.uf.find(key) for key in list(entities.uf.parent)}


def _spellings(person: str, lexicon: Lexicon) -> list[str]:
    """How a person key can be written in the other script: the romanisations of a Chinese
    name; the two ways of joining the tokens of an English one."""
    if person.startswith("zh:"):
        return sorted(romanisations(person[3:], lexicon)[1])
    if person.startswith("en:"):
        tokens = [t for t in _EN_TOKEN.split(person[3:].casefold()) if t]
        if len(tokens) >= 2:
            return sorted({" ".join([tokens[0], "".join(tokens[1:])]), " ".join(["".join(tokens[:-1]), tokens[-1]])})
    return []


__all__ = ["closure_keys", "link_keys"]
