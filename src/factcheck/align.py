"""Alignment: claims from many documents become facts keyed by (kind, subject, metric, scope).

Work grows with the corpus, not with its square: claims go into dictionaries by key, names are
joined in a union-find graph whose edges come from the claims themselves (a Chinese name written
with its English name, the same English name written with and without a legal suffix), and the
only pairwise comparisons run inside small blocks (the English names that share a first word;
the people who hold one title on one day).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from factcheck.lexicon import Lexicon
from factcheck.model import Claim, Document
from factcheck.normalize.steps import name_key

FactKey = tuple[str, str, str, str]  # (kind, subject, metric, scope)


class UnionFind:
    """Joins keys into groups; ``find`` gives a group's representative (the smallest key, so the
    result does not depend on the order documents were read in)."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def add(self, key: str) -> None:
        self.parent.setdefault(key, key)

    def find(self, key: str) -> str:
        parent = self.parent
        root = parent.get(key)
        if root is None:  # a new key is its own group
            parent[key] = key
            return key
        if root == key or parent[root] == root:  # most keys: a root, or one step from it
            return root
        while parent[root] != root:
            root = parent[root]
        while parent[key] != root:
            parent[key], key = root, parent[key]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            if rb < ra:
                ra, rb = rb, ra
            self.parent[rb] = ra

    def groups(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = defaultdict(list)
        for key in self.parent:
            out[self.find(key)].append(key)
        return out


# ------------------------------------------------------------------------------ name keys

# name -> org_key(name): filled on first use, or ahead of time from a corpus snapshot, which keeps
# the key of every name of its link layer (``remember_org_keys``): a check meets some 14,000
# names in a corpus of 10,000 releases
_ORG_KEYS: dict[str, str] = {}
_ORG_KEYS_MAX = 1 << 18


def org_key(name: str) -> str:
    """A key for an organisation name that ignores legal suffixes, "&"/"and" and script variants
    (``factcheck.normalize.steps.name_key``).

    >>> org_key("Calandex Innovation and Technology (HK) Company Limited") == org_key("Calandex Innovation & Technology")
    True
    >>> org_key("高瞻創新科技有限公司") == org_key("高瞻创新科技")
    True
    """
    key = _ORG_KEYS.get(name)
    if key is None:
        if len(_ORG_KEYS) >= _ORG_KEYS_MAX:
            _ORG_KEYS.clear()
        key = _ORG_KEYS[name] = name_key(name)
    return key


def remember_org_keys(known: Iterable[tuple[str, str]]) -> None:
    """Take (name, ``org_key(name)``) pairs computed earlier by this code (a corpus snapshot is
    kept per extraction version, which covers the code and the libraries ``name_key`` uses)."""
    _ORG_KEYS.update(known)


_COMMON_EN = frozenset("""the hong kong china chinese international global asia asian group limited company technology
technologies tech innovation innovations and of for in digital smart new data lab labs health""".split())


@dataclass
class Entities:
    """Every organisation name seen, joined into entities."""

    uf: UnionFind = field(default_factory=UnionFind)
    labels: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    def node(self, name: str) -> str:
        key = org_key(name)
        self.uf.add(key)
        self.labels[key].add(name)
        return key

    def entity(self, name: str) -> str:
        return self.uf.find(org_key(name))

    def members(self) -> dict[str, list[str]]:
        return self.uf.groups()


def build_entities(claims: Iterable[Claim], lexicon: Lexicon) -> Entities:
    ent = Entities()
    for org in lexicon.orgs.values():
        nodes = [ent.node(n) for n in org.names]
        for other in nodes[1:]:
            ent.uf.union(nodes[0], other)
    for c in claims:
        if c.kind == "alias":
            ent.uf.union(ent.node(c.value), ent.node(c.attr("en")))
        elif c.kind == "name_link" and c.attr("issuer"):
            continue  # joined below, once series are joined
        elif c.kind == "name_link" and c.attr("series"):
            ent.uf.union(f"series:{c.value}", f"series:{c.attr('full')}")
        elif c.kind == "name_link":
            ent.uf.union(ent.node(c.value), ent.node(c.attr("full")))
        elif c.kind == "award":
            zh, en = c.attr("zh"), c.attr("en")
            nodes = [ent.node(n) for n in (zh, en) if n]
            for other in nodes[1:]:
                ent.uf.union(nodes[0], other)
    _join_english_prefixes(ent)
    profiles = [c for c in claims if c.kind == "doc_profile"]
    distinctive = _distinctive_numbers(profiles)  # counted once for both joins
    _join_versions(ent, profiles, distinctive=distinctive)
    _join_issuers(ent, [c for c in claims if c.kind == "name_link" and c.attr("issuer")])
    _join_events_of_one_day(ent, profiles, distinctive=distinctive)
    return ent


def _join_events_of_one_day(ent: Entities, profiles: list[Claim], min_shared: int = 2, *,
                            distinctive: Callable[[Claim], set[str]] | None = None) -> None:
    """An organisation's Chinese and English releases of one day about one event each, sharing
    some of their less common numbers, are about the same event: "金融科技促進會綠色科技大獎" and
    "FTPA Green Tech Awards" (a looser test than versions, which share most of their numbers).
    Only where the issuer (joined across the corpus) has exactly one event per language that day.
    ``distinctive``: ``_distinctive_numbers(profiles)``, when the caller has it."""
    distinctive = distinctive or _distinctive_numbers(profiles)
    by_day: dict[tuple[str, str], dict[str, list[Claim]]] = defaultdict(lambda: defaultdict(list))
    for c in profiles:
        issuer, day = c.attr("issuer"), c.attr("date")
        if issuer and day and c.subject:
            by_day[(ent.entity(issuer), day)]["en" if c.lang == "en" else "zh"].append(c)
    for langs in by_day.values():
        if len(langs) != 2:
            continue
        zh, en = langs["zh"], langs["en"]
        events = [{ent.uf.find(c.subject) if c.subject in ent.uf.parent else c.subject for c in side} for side in (zh, en)]
        if any(len(e) != 1 for e in events):
            continue
        shared = max(len(distinctive(a) & distinctive(b)) for a in zh for b in en)
        if shared >= min_shared:
            ent.uf.union(next(iter(events[0])), next(iter(events[1])))


def _distinctive_numbers(profiles: list[Claim]):
    """Numbers few releases carry (city statistics and round amounts say nothing about versions)."""
    frequency: dict[str, int] = defaultdict(int)
    for c in profiles:
        for n in c.value:
            frequency[n] += 1
    common = max(4, len(profiles) // 100)

    def numbers(c: Claim) -> set[str]:
        return {n for n in c.value if frequency[n] <= common}

    return numbers


def _join_versions(ent: Entities, profiles: list[Claim], min_shared: int = 3, min_share: float = 0.5, *,
                   distinctive: Callable[[Claim], set[str]] | None = None) -> None:
    """Versions of one release (a Chinese and an English one, Traditional and Simplified) share
    their date and most of their numbers: join their events and their issuers.

    Releases are compared only within one date, and a release is joined only to its best match in
    each other language when that match is mutual and clear: numbers many releases share (city
    statistics, round amounts) must not chain unrelated events together.
    """
    distinctive = distinctive or _distinctive_numbers(profiles)
    by_date: dict[str, list[Claim]] = defaultdict(list)
    for c in profiles:
        if c.attr("date") and len(c.value) >= min_shared:
            by_date[c.attr("date")].append(c)
    for day in by_date.values():
        numbers = [distinctive(c) for c in day]
        best: dict[tuple[int, str], tuple[int, int | None]] = {}  # (doc index, other language) -> (shared, partner)
        for i, a in enumerate(day):
            for j, b in enumerate(day):
                if i == j or a.lang == b.lang:
                    continue
                shared = len(numbers[i] & numbers[j])
                if shared < min_shared or shared < min_share * min(len(numbers[i]), len(numbers[j])):
                    continue
                key = (i, b.lang)
                current = best.get(key)
                if current is None or shared > current[0]:
                    best[key] = (shared, j)
                elif shared == current[0]:
                    best[key] = (shared, None)  # a tie: no clear version
        for (i, lang), (_shared, j) in best.items():
            if j is None or best.get((j, day[i].lang), (0, None))[1] != i or i > j:
                continue
            a, b = day[i], day[j]
            if a.subject and b.subject:
                ent.uf.union(a.subject, b.subject)
            # what either says of "the release itself" (no event, no organisation named) is said by both
            ent.uf.union(f"doc:{a.doc}", f"doc:{b.doc}")
            issuers = (a.attr("issuer"), b.attr("issuer"))
            # a Chinese and an English name of one issuer; two names in one language are two issuers
            if all(issuers) and issuers[0].isascii() != issuers[1].isascii():
                ent.uf.union(ent.node(issuers[0]), ent.node(issuers[1]))


def _join_issuers(ent: Entities, issuers: list[Claim]) -> None:
    """The Chinese and English versions of one release (same event, same day) come from one
    issuer: "香港創新科技協會" and "Hong Kong Innovation and Technology Association" are one
    organisation. Only where each language has a single issuer for that event and day."""
    by_release: dict[tuple[str, str], dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for c in issuers:
        series = ent.uf.find(c.subject) if c.subject in ent.uf.parent else c.subject
        lang = "en" if c.lang == "en" else "zh"
        by_release[(series, c.attr("date"))][lang].add(c.value)
    for langs in by_release.values():
        if len(langs) < 2 or any(len(names) != 1 for names in langs.values()):
            continue
        nodes = [ent.node(next(iter(names))) for names in langs.values()]
        for other in nodes[1:]:
            ent.uf.union(nodes[0], other)


def _join_english_prefixes(ent: Entities) -> None:
    """"Dai3mimi" and "Dai3mimi Health-Tech" are one company: join English names where one is the
    other's leading words, inside blocks of names that share a distinctive first word."""
    blocks: dict[str, list[list[str]]] = defaultdict(list)
    for key in list(ent.uf.parent):
        if not key.isascii():
            continue
        words = key.split()
        if words and words[0] not in _COMMON_EN:
            blocks[words[0]].append(words)
    for members in blocks.values():
        if len(members) < 2:
            continue
        members.sort(key=len)
        for i, short in enumerate(members):
            for long in members[i + 1 :]:
                if long[: len(short)] == short:
                    ent.uf.union(" ".join(short), " ".join(long))


# ------------------------------------------------------------------------------ people

# name -> its pinyin tokens: filled on first use, or ahead of time from a claim index, which keeps
# the pinyin of every person its claims name (``remember_pinyin``), so that a check need not load
# pypinyin at all
_PINYIN: dict[str, tuple[str, ...]] = {}


def pinyin_tokens(name: str) -> tuple[str, ...]:
    """The pinyin of a Chinese name, one casefolded syllable per character, without tones.

    >>> pinyin_tokens("宋来")
    ('song', 'lai')
    """
    tokens = _PINYIN.get(name)
    if tokens is None:
        from pypinyin import Style, lazy_pinyin  # imported on first use: it takes a third of a second to load

        tokens = _PINYIN[name] = tuple(p.casefold() for p in lazy_pinyin(name, style=Style.NORMAL))
    return tokens


def remember_pinyin(known: Iterable[tuple[str, tuple[str, ...]]]) -> None:
    """Take (name, ``pinyin_tokens(name)``) pairs computed earlier (by this pypinyin: a claim index
    keeps them per extraction version, which includes pypinyin's version)."""
    _PINYIN.update(known)


def romanisations(name: str, lexicon: Lexicon) -> tuple[set[str], set[str]]:
    """(surname spellings, full-name spellings) of a Chinese name: pinyin plus the Hong Kong
    spellings of the surname from ``surnames.toml``.

    >>> from factcheck.lexicon import builtin_lexicon
    >>> sur, full = romanisations("宋来", builtin_lexicon())
    >>> "song" in sur and "song lai" in full
    True
    >>> "wong" in romanisations("黄志光", builtin_lexicon())[0]
    True
    """
    tokens = pinyin_tokens(name)
    double = len(name) >= 3 and name[:2] in lexicon.surnames
    cut = 2 if double else 1
    surname_pinyin = "".join(tokens[:cut])
    given = "".join(tokens[cut:])
    surnames = {surname_pinyin, *lexicon.surnames.get(name[:cut], ())}
    surnames = {s.replace("-", "").replace(" ", "") for s in surnames}
    full = {f"{s} {given}" for s in surnames} | {f"{given} {s}" for s in surnames}
    return surnames, full


def _en_name_tokens(name: str) -> list[str]:
    return [t for t in re.split(r"[\s\-]+", name.casefold()) if t]


def same_person(zh: str, en: str, lexicon: Lexicon, *, same_role: bool) -> bool:
    """Whether the Chinese name ``zh`` and the English name ``en`` can be one person: the full
    romanisation matches (宋來 = Song Lai), or the surname matches and they hold the same title on
    the same day (黃志光 = Tony Wong as Government Chief Information Officer)."""
    surnames, full = romanisations(zh, lexicon)
    tokens = _en_name_tokens(en)
    if not tokens:
        return False
    joined = {" ".join([tokens[0], "".join(tokens[1:])]), " ".join(["".join(tokens[:-1]), tokens[-1]])}
    if joined & full:
        return True
    # the surname may be first (Song Lai) or last (Tony Wong), one or two words (Au-Yeung, Szeto)
    candidates = {tokens[0], tokens[-1], "".join(tokens[:2]), "".join(tokens[-2:])}
    return same_role and bool(candidates & surnames)


def link_people(roles: Sequence[Claim], lexicon: Lexicon, entities: Entities | None = None) -> UnionFind:
    """Person keys ("zh:黄志光", "en:tony wong") joined when they are one person: by the full
    romanisation, by surname with the same title on the same day, or as the only holder of a
    title in a release and the only one in its version in the other language (``entities``
    knows the versions: a Hong Kong spelling no table has, such as Sunny Chai for 查毅超)."""
    uf = UnionFind()
    for c in roles:
        uf.add(c.value)
    zh_people = {c.value for c in roles if c.value.startswith("zh:")}
    en_people = {c.value for c in roles if c.value.startswith("en:")}
    # full romanisation: a dictionary from spelling to people, so no pairwise loop over the corpus
    spelled: dict[str, list[str]] = defaultdict(list)
    for person in zh_people:
        for spelling in romanisations(person[3:], lexicon)[1]:
            spelled[spelling].append(person)
    for person in en_people:
        tokens = _en_name_tokens(person[3:])
        if len(tokens) >= 2:
            for spelling in (" ".join([tokens[0], "".join(tokens[1:])]), " ".join(["".join(tokens[:-1]), tokens[-1]])):
                for zh in spelled.get(spelling, ()):
                    uf.union(zh, person)
    # same title on the same day, surname compatible: block by (title, date)
    blocks: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    for c in roles:
        blocks[(c.subject, c.scope)].append(c)
    for members in blocks.values():
        zh = {c.value for c in members if c.value.startswith("zh:")}
        en = {c.value for c in members if c.value.startswith("en:")}
        for a in zh:
            for b in en:
                if same_person(a[3:], b[3:], lexicon, same_role=True):
                    uf.union(a, b)
        if entities is not None and zh and en:
            _link_versions(uf, members, entities, lexicon)
    return uf


@lru_cache(maxsize=8)
def _spellings(lexicon: Lexicon) -> dict[str, frozenset[str]]:
    """Hong Kong spelling (casefolded, no hyphen) -> the surnames spelt so."""
    out: dict[str, set[str]] = defaultdict(set)
    for surname, spellings in lexicon.surnames.items():
        for spelling in spellings:
            out[spelling.replace("-", "").replace(" ", "")].add(surname)
    return {k: frozenset(v) for k, v in out.items()}


def _other_surname(zh: str, en: str, lexicon: Lexicon) -> bool:
    """Whether the English name's surname is a known spelling of surnames other than the Chinese
    name's (Kelvin Cheung is a 張, not 劉靜儀): then two versions name two people."""
    surnames, _full = romanisations(zh, lexicon)
    tokens = _en_name_tokens(en)
    if not tokens:
        return False
    known = _spellings(lexicon)
    for candidate in {tokens[0], tokens[-1], "".join(tokens[:2]), "".join(tokens[-2:])}:
        if candidate in surnames:
            return False
    return any(candidate in known for candidate in (tokens[0], tokens[-1]))


def _link_versions(uf: UnionFind, members: list[Claim], entities: Entities, lexicon: Lexicon) -> None:
    """One title on one day: the only person a Chinese release names for it and the only person
    its English version names are one person, unless the English surname is a known spelling of
    another surname."""
    by_doc: dict[str, set[str]] = defaultdict(set)
    for c in members:
        by_doc[c.doc].add(uf.find(c.value))
    versions = entities.uf.parent
    for c in members:
        if not c.value.startswith("zh:") or len(by_doc[c.doc]) != 1 or f"doc:{c.doc}" not in versions:
            continue
        release = entities.uf.find(f"doc:{c.doc}")
        for other in members:
            if (other.value.startswith("en:") and len(by_doc[other.doc]) == 1 and f"doc:{other.doc}" in versions
                    and entities.uf.find(f"doc:{other.doc}") == release
                    and not _other_surname(c.value[3:], other.value[3:], lexicon)):
                uf.union(c.value, other.value)


# ------------------------------------------------------------------------------ alignment

@dataclass
class Alignment:
    documents: Mapping[str, Document]
    claims: tuple[Claim, ...]
    facts: Mapping[FactKey, tuple[Claim, ...]] = field(default_factory=dict)
    lexicon: Lexicon = field(default_factory=Lexicon)
    entities: Entities = field(default_factory=Entities)
    people: UnionFind = field(default_factory=UnionFind)
    _kinds: dict[tuple[str, ...], list[tuple[int, FactKey, tuple[Claim, ...]]]] = field(
        default_factory=dict, init=False, repr=False, compare=False)

    def of_kind(self, *kinds: str) -> Iterable[tuple[FactKey, tuple[Claim, ...]]]:
        """The facts of these kinds, in the order of ``facts`` (every check asks: the facts
        are grouped by kind once, not scanned once per rule)."""
        if kinds not in self._kinds:
            if not self._kinds:
                for n, (key, claims) in enumerate(self.facts.items()):
                    self._kinds.setdefault((key[0],), []).append((n, key, claims))
            picked = sorted(item for kind in set(kinds) for item in self._kinds.get((kind,), ()))
            self._kinds[kinds] = picked
        return [(key, claims) for _n, key, claims in self._kinds[kinds]]

    def entity_label(self, entity: str) -> str:
        names = sorted({n for k in self.entities.members().get(entity, [entity]) for n in self.entities.labels.get(k, ())})
        return " / ".join(names[:3]) if names else entity.split(":", 1)[-1]


def _resolve_key(key: str, entities: Entities) -> str:
    """"name:<key>" (alone or after "@", as in "title:ceo@name:kbic") -> the entity it belongs to;
    "series:<key>" -> the series it was linked to (a Chinese name and its English name)."""
    if key.startswith("series:"):
        return entities.uf.find(key) if key in entities.uf.parent else key
    if key.startswith("doc:"):  # a release and its versions ("doc:<id>", "doc:<id>:cited")
        base, cited = (key[: -len(":cited")], ":cited") if key.endswith(":cited") else (key, "")
        return entities.uf.find(base) + cited if base in entities.uf.parent else key
    if "name:" not in key:
        return key
    head, _sep, name = key.rpartition("name:")
    entities.uf.add(name)
    return f"{head}entity:{entities.uf.find(name)}"


def align(documents: Sequence[Document], claims: Sequence[Claim], lexicon: Lexicon, *,
          entities: Entities | None = None) -> Alignment:
    """``entities``: the graph ``build_entities`` gives for the link claims among ``claims`` and
    any others (``check`` builds it over a whole corpus and aligns only part of it)."""
    if entities is None:
        entities = build_entities(claims, lexicon)
    resolved: list[Claim] = []
    for c in claims:
        if c.kind == "award":
            names = [n for n in (c.attr("zh"), c.attr("en")) if n]
            entity = entities.entity(names[0]) if names else c.subject
            event = _resolve_key(c.attr("event") or "", entities)
            c = c.with_(subject=f"entity:{entity}", scope=f"{event}@{c.scope}")
        elif c.kind == "alias":
            c = c.with_(subject=f"entity:{entities.entity(c.attr('en'))}")
        elif c.kind in ("name_link", "doc_profile"):
            continue
        elif "name:" in c.subject or c.subject.startswith(("series:", "doc:")):
            subject = _resolve_key(c.subject, entities)
            if subject != c.subject:
                c = c.with_(subject=subject)
        resolved.append(c)
    people = link_people([c for c in resolved if c.kind == "role"], lexicon, entities)
    facts: dict[FactKey, list[Claim]] = defaultdict(list)
    for claim in resolved:
        facts[(claim.kind, claim.subject, claim.metric, claim.scope)].append(claim)
    order = {d.id: i for i, d in enumerate(sorted(documents, key=lambda d: (d.path, d.start, d.id)))}
    return Alignment(
        documents={d.id: d for d in documents},
        claims=tuple(resolved),
        facts={k: tuple(sorted(v, key=lambda c: (order.get(c.doc, 0), c.start))) for k, v in sorted(facts.items())},
        lexicon=lexicon,
        entities=entities,
        people=people,
    )
