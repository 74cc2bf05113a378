"""Which claims of a corpus can take part in a finding about some other claims.

``factcheck check NEW --corpus DIR`` reports only findings that involve a NEW release. Running
every rule over the whole corpus to keep a handful of findings wastes most of the work, so
``check`` works on a part of the corpus, chosen so that the findings about NEW are exactly those
of a full run:

1. The *link layer*: every claim of the kinds ``factcheck.align`` builds its entity graph from
   (names and their short forms, Chinese and English names, award winners, the number profiles
   that pair the language versions of a release: ``LAYER_KINDS``) is always loaded, so names,
   series and issuers resolve exactly as in a full run, by align's own code.
2. The *facts*: the other claims are stored with link keys: ``s:<subject>`` as written, and for
   a role the person (``p:``) and how that person's name can be spelled in the other script
   (``r:``). ``check`` resolves the subject of each new claim through the entity graph and
   loads every claim whose written subject resolves to the same one; a role brings the other
   titles its person holds (people are linked across titles), and so on until nothing new
   turns up.
3. The checks then see only the facts whose resolved subject is one a new claim has
   (``keep_subjects``): every check kind relates claims of one subject at most (one fact, the
   history of a subject's metric, the holders of a title, the editions of a series).

A test compares ``check`` with and without the index on the seeds, tests/corpus and generated
corpora, and another verifies that every check kind's findings come from one subject. A new
kind of claim that align links names with belongs in ``LAYER_KINDS``.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from factcheck.align import Alignment, Entities, romanisations
from factcheck.extract import LINK_KINDS
from factcheck.lexicon import Lexicon
from factcheck.model import Claim, Interval

LAYER_KINDS = frozenset({"alias", "award"}) | LINK_KINDS
# The attributes of link claims that factcheck.align.build_entities and ``fact_subjects`` read: a
# corpus snapshot keeps only these (a test holds build_entities to them).
ENTITY_ATTRS = frozenset({"en", "zh", "full", "series", "issuer", "date"})

_EN_TOKEN = re.compile(r"[\s\-]+")


def in_layer(claim: Claim) -> bool:
    return claim.kind in LAYER_KINDS


class LayerClaim:
    """A claim of the link layer as ``factcheck.align.build_entities`` reads it: the fields it
    uses (``kind``, ``doc``, ``value``, ``subject``, ``lang``, ``attr``), kept as the stored row
    gives them, so that ``check`` can build the entity graph of a whole corpus without rebuilding
    every claim. ``file`` and ``idx`` say where the claim itself is stored.

    >>> c = LayerClaim("alias", "d", ["s", "數碼港"], "name:cyberport", "zh-Hant", [["en", "Cyberport"]], 0, 7)
    >>> c.value, c.attr("en"), c.attr("zh"), c.attrs
    ('數碼港', 'Cyberport', None, (('en', 'Cyberport'),))
    >>> LayerClaim("doc_profile", "d", ["p", "12", "150"], "", "en", [["date", "2023-09-13"]], 0, 0).value
    ('12', '150')
    """

    __slots__ = ("_attrs", "_named", "doc", "file", "idx", "kind", "lang", "subject", "value")

    def __init__(self, kind: str, doc: str, value: list[Any], subject: str, lang: str, attrs: list[Any] | None,
                 file: int, idx: int) -> None:
        # decoded once: build_entities reads the value and the attributes of every claim several times
        self._set(kind, doc, stored_value(value), subject, lang, attrs or (), named_attrs(attrs or ()), file, idx)

    @classmethod
    def decoded(cls, kind: str, doc: str, value: Any, subject: str, lang: str, attrs: Sequence[Any],
                named: dict[str, Any], file: int, idx: int) -> LayerClaim:
        """A claim whose value and attributes are decoded already (``stored_value``,
        ``named_attrs``): a corpus snapshot decodes each distinct one once, and the claims share
        them (nothing changes them).

        >>> c = LayerClaim.decoded("alias", "d", "數碼港", "name:cyberport", "zh-Hant", [["en", "Cyberport"]],
        ...                        {"en": "Cyberport"}, 0, 7)
        >>> c.value, c.attr("en"), c.attrs
        ('數碼港', 'Cyberport', (('en', 'Cyberport'),))
        """
        claim = cls.__new__(cls)
        claim._set(kind, doc, value, subject, lang, attrs, named, file, idx)
        return claim

    def _set(self, kind: str, doc: str, value: Any, subject: str, lang: str, attrs: Sequence[Any],
             named: dict[str, Any], file: int, idx: int) -> None:
        self.kind, self.doc, self.value, self.subject, self.lang = kind, doc, value, subject, lang
        self._attrs, self._named, self.file, self.idx = attrs, named, file, idx

    @property
    def attrs(self) -> tuple[tuple[str, Any], ...]:
        return tuple((k, tuple(v) if type(v) is list else v) for k, v in self._attrs)

    def attr(self, name: str, default: Any = None) -> Any:
        if name not in ENTITY_ATTRS:
            raise KeyError(f"a corpus snapshot does not keep the {name!r} of link claims (see ENTITY_ATTRS)")
        return self._named.get(name, default)


def stored_value(value: list[Any]) -> Any:
    """The value of a link claim from its stored form (``factcheck.codec`` rows).

    >>> stored_value(["s", "數碼港"]), stored_value(["p", "12", "150"]), stored_value(["i", 1, 2, False, True])
    ('數碼港', ('12', '150'), Interval('[1,2)'))
    """
    tag = value[0]
    if tag == "s":
        return value[1]
    if tag == "p":
        return tuple(value[1:])
    if tag == "i":
        lo, hi, lo_open, hi_open = value[1:]
        return Interval(lo, hi, lo_open, hi_open)
    raise ValueError(f"a link claim with a stored value of kind {tag!r}")


def named_attrs(attrs: Sequence[Any]) -> dict[str, Any]:
    """The first value of each attribute of a stored link claim, lists as tuples.

    >>> named_attrs([["en", "Cyberport"], ["date", "2023-09-13"], ["en", "CP"], ["span", [1, 2]]])
    {'en': 'Cyberport', 'date': '2023-09-13', 'span': (1, 2)}
    """
    named: dict[str, Any] = {}
    for key, item in attrs:
        if key not in named:
            named[key] = tuple(item) if type(item) is list else item
    return named


def fact_subjects(claim: Claim | LayerClaim, entities: Entities) -> set[str]:
    """The subjects ``factcheck.align`` can give the fact of a link claim it keeps as a fact (an
    alias or an award: not ``LINK_KINDS``): the entity of one of its names, or its own subject.
    ``check`` loads in full only the link claims of the corpus with a subject that a new release's
    facts have (a test holds align to this)."""
    return {f"entity:{entities.entity(n)}" for n in _names(claim)} | {f"entity:{claim.subject}"}


def has_fact_subject(claim: Claim | LayerClaim, entities: Entities, subjects: set[str], *,
                     memo: dict[str, bool] | None = None) -> bool:
    """Whether ``fact_subjects(claim, entities)`` meets ``subjects``, without building the set
    (``check`` asks this of every alias and award of a corpus). ``memo`` (name -> whether its
    entity is among ``subjects``, for one ``entities`` and ``subjects``) spares resolving a name
    again: a corpus names the same organisations thousands of times.

    >>> from factcheck.align import Entities
    >>> c = LayerClaim("alias", "d", ["s", "數碼港"], "name:cyberport", "zh-Hant", [["en", "Cyberport"]], 0, 7)
    >>> [has_fact_subject(c, Entities(), s) for s in ({"entity:name:cyberport"}, {"entity:cyberport"}, {"entity:x"})]
    [True, True, False]
    >>> memo = {}
    >>> has_fact_subject(c, Entities(), {"entity:cyberport"}, memo=memo), memo
    (True, {'數碼港': False, 'Cyberport': True})
    """
    if "entity:" + claim.subject in subjects:
        return True
    if memo is None:
        return any("entity:" + entities.entity(name) in subjects for name in _names(claim))
    for name in _names(claim):
        found = memo.get(name)
        if found is None:
            found = memo[name] = "entity:" + entities.entity(name) in subjects
        if found:
            return True
    return False


def _names(claim: Claim | LayerClaim) -> list[str]:
    """The names a kept link claim's fact can be about: its value and its English and Chinese names."""
    return [n for n in (claim.value, claim.attr("en"), claim.attr("zh")) if isinstance(n, str) and n]


def link_keys(claim: Claim, lexicon: Lexicon) -> tuple[str, ...]:
    """The keys a fact claim is stored with (none for a claim of the link layer), sorted.

    >>> from factcheck.lexicon import builtin_lexicon
    >>> from factcheck.model import Interval
    >>> link_keys(Claim("quantity", "d", 0, 3, Interval(150, 150), subject="series:michk"), builtin_lexicon())
    ('s:series:michk',)
    >>> role = Claim("role", "d", 0, 3, "zh:宋來", subject="title:gcio", attrs=(("person", "宋來"),))
    >>> link_keys(role, builtin_lexicon())
    ('p:zh:宋來', 'r:lai song', 'r:lai sung', 'r:song lai', 'r:sung lai', 's:title:gcio')
    >>> link_keys(Claim("award", "d", 0, 3, Interval(1, 1)), builtin_lexicon())
    ()
    """
    if in_layer(claim):
        return ()
    keys = {"s:" + claim.subject}
    keys.update(_person_keys(claim, lexicon))
    for part in claim.parts:
        keys.update(link_keys(part, lexicon))
    return tuple(sorted(keys))


class Resolver:
    """The written subjects that resolve to the same subject as a given one, under one entity
    graph (``factcheck.align.build_entities`` over the link layer and the new claims)."""

    def __init__(self, entities: Entities, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self._members_of: dict[str, list[str]] | None = None
        self._entities = entities
        self._subject_keys: dict[str, frozenset[str]] = {}  # subject -> its "s:" keys (the graph is fixed)
        self._person_keys: dict[str, frozenset[str]] = {}  # a role's person -> the keys of the name

    @classmethod
    def from_groups(cls, groups: Iterable[list[str]], lexicon: Lexicon) -> Resolver:
        """A resolver over a graph given as its components (singletons left out), as the index
        keeps the graph of a corpus."""
        resolver = cls(Entities(), lexicon)
        resolver._members_of = {node: group for group in groups for node in group}
        return resolver

    def _members(self, node: str) -> list[str]:
        if self._members_of is None:
            groups = _groups(self._entities.uf.parent, self._entities.uf.find)
            self._members_of = {m: group for group in groups.values() for m in group}
        return self._members_of.get(node, [node])

    def subjects(self, subject: str) -> set[str]:
        """As ``factcheck.align`` resolves a subject: ``series:<name>`` through the series it
        was linked to, ``…name:<name>`` through the entity of the name."""
        if subject.startswith("series:"):
            return {m for m in self._members(subject) if m.startswith("series:")} | {subject}
        if "name:" in subject:
            head, _sep, name = subject.rpartition("name:")
            return {f"{head}name:{m}" for m in self._members(name)} | {subject}
        return {subject}

    def wanted(self, claim: Claim) -> set[str]:
        """The keys of the corpus claims that can meet ``claim`` in a finding."""
        keys = self._subject_keys.get(claim.subject)
        if keys is None:
            keys = self._subject_keys[claim.subject] = frozenset("s:" + s for s in self.subjects(claim.subject))
        out = set(keys)
        if claim.kind == "role" and isinstance(claim.value, str):
            people = self._person_keys.get(claim.value)
            if people is None:
                people = self._person_keys[claim.value] = frozenset(_person_keys(claim, self.lexicon))
            out |= people
        for part in claim.parts:
            out.update(self.wanted(part))
        return out


def _groups(parent: Mapping[str, str], find) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for node in list(parent):
        out.setdefault(find(node), []).append(node)
    return out


def _person_keys(claim: Claim, lexicon: Lexicon) -> set[str]:
    if claim.kind != "role" or not isinstance(claim.value, str):
        return set()
    return {"p:" + claim.value} | {"r:" + s for s in _spellings(claim.value, lexicon)}


def _spellings(person: str, lexicon: Lexicon) -> list[str]:
    """How a person key can be written in the other script: the romanisations of a Chinese
    name; the two ways of joining the tokens of an English one (as factcheck.align compares
    them)."""
    if person.startswith("zh:"):
        return sorted(romanisations(person[3:], lexicon)[1])
    if person.startswith("en:"):
        tokens = [t for t in _EN_TOKEN.split(person[3:].casefold()) if t]
        if len(tokens) >= 2:
            return sorted({" ".join([tokens[0], "".join(tokens[1:])]), " ".join(["".join(tokens[:-1]), tokens[-1]])})
    return []


def keep_subjects(alignment: Alignment, docs: Iterable[str]) -> Alignment:
    """The alignment with only the facts whose (resolved) subject is the subject of a fact
    holding a claim of ``docs``: the rest cannot take part in a finding about them.

    >>> from factcheck.model import Interval
    >>> a = Alignment({}, (), {("quantity", "s1", "m", ""): (Claim("quantity", "new", 0, 1, Interval(1, 1)),),
    ...                        ("quantity", "s1", "n", ""): (Claim("quantity", "old", 0, 1, Interval(2, 2)),),
    ...                        ("quantity", "s2", "m", ""): (Claim("quantity", "old", 0, 1, Interval(3, 3)),)})
    >>> [k[1:3] for k in keep_subjects(a, ["new"]).facts]
    [('s1', 'm'), ('s1', 'n')]
    """
    wanted = set(docs)
    subjects = {key[1] for key, claims in alignment.facts.items() if any(c.doc in wanted for c in claims)}
    facts = {key: claims for key, claims in alignment.facts.items() if key[1] in subjects}
    return dataclasses.replace(alignment, facts=facts)


__all__ = ["ENTITY_ATTRS", "LAYER_KINDS", "LayerClaim", "Resolver", "fact_subjects", "has_fact_subject", "in_layer",
           "keep_subjects", "link_keys", "named_attrs", "stored_value"]
