"""Check kind ``holder``: who holds a title, over time and on one day.

A title held by one person at a time (Government Chief Information Officer; a company's CEO)
names one person per day: two people on the same day cannot both be right ("same_day"). Across
dates a change of holder is a fact worth seeing, reported as a history ("over_time"). Chinese and
English forms of a person are one person when factcheck.align links them (宋來 = Song Lai by
pinyin; 黃志光 = Tony Wong by surname, title and date).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from factcheck.align import same_person
from factcheck.checks import CheckKind, register
from factcheck.checks.base import evidence, graded, key_of
from factcheck.model import Finding, Severity


@dataclass(frozen=True)
class Params:
    mode: str = "over_time"  # "over_time": changes of holder across dates; "same_day": two holders on one day


def run(rule, alignment) -> Iterator[Finding]:
    p: Params = rule.params
    by_title: dict[str, list] = defaultdict(list)
    for (_kind, title, _metric, _scope), claims in alignment.of_kind("role"):
        if not all(c.attr("unique", True) for c in claims):
            continue
        by_title[title].extend(claims)
    for title, claims in sorted(by_title.items()):
        days: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
        for c in claims:
            if c.scope == "asof:undated":
                continue
            days[c.scope[5:]][alignment.people.find(c.value)].append(c)
        label = claims[0].subject_label
        if p.mode == "same_day":
            for day, people in sorted(days.items()):
                if len(people) < 2:
                    continue
                names = " / ".join(_names(items, alignment) for items in people.values())
                shown = [c for items in people.values() for c in items[:3]]
                yield rule.make_finding(
                    slots={"title": label, "day": day, "holders": names},
                    subject=label, metric="holder",
                    evidence=[evidence(c, alignment, role=day) for c in shown],
                    key=key_of(rule.code, title, day, sorted(people)),
                    severity=graded(rule, Severity.ERROR),
                )
            continue
        history: list[tuple[str, frozenset, list]] = []
        for day, people in sorted(days.items()):
            persons = frozenset(people)
            items = [c for person in sorted(people) for c in people[person]]
            if history and (history[-1][1] == persons or _probably_same(history[-1][2], items, alignment)):
                history[-1][2].extend(items)
                continue
            history.append((day, persons, items))
        if len(history) < 2:
            continue  # one day only: two holders on one day is the same_day rule's business
        text = " → ".join(f"{_names(items, alignment)} ({day})" for day, _p, items in history)
        yield rule.make_finding(
            slots={"title": label, "history": text, "first": _names(history[0][2], alignment),
                   "last": _names(history[-1][2], alignment)},
            subject=label, metric="holder",
            evidence=[evidence(c, alignment, role=day) for day, _p, items in history for c in _one_per_doc(items)],
            key=key_of(rule.code, title, {person for _day, persons, _ in history for person in persons}),
            severity=graded(rule, Severity.INFO),
        )


def _probably_same(before, after, alignment) -> bool:
    """A Chinese name on one date and an English one on another (黃志光, then Tony Wong) are taken
    as one person when the surname fits: a release in one language cannot tell us more."""
    people_before = {alignment.people.find(c.value) for c in before}
    people_after = {alignment.people.find(c.value) for c in after}
    if len(people_before) != 1 or len(people_after) != 1:
        return False
    zh = {c.value[3:] for c in before + after if c.value.startswith("zh:")}
    en = {c.value[3:] for c in before + after if c.value.startswith("en:")}
    if len(zh) != 1 or len(en) != 1:
        return False
    return same_person(next(iter(zh)), next(iter(en)), alignment.lexicon, same_role=True)


def _names(claims, alignment=None) -> str:
    """The people of some claims, one name each (the first form read), in reading order."""
    forms: dict[str, dict[str, str]] = {}
    for c in claims:
        key = alignment.people.find(c.value) if alignment is not None else c.value
        shown = c.attr("display") or c.attr("person")
        # one form per script/language: 黃志光 and 黄志光 are one form, Tony Wong another
        forms.setdefault(key, {}).setdefault(c.value, shown)
    out = []
    for by_value in forms.values():
        first, *others = list(by_value.values())
        out.append(f"{first} ({', '.join(others)})" if others else first)
    return " / ".join(out)


def _one_per_doc(claims):
    seen, out = set(), []
    for c in claims:
        if c.doc not in seen:
            seen.add(c.doc)
            out.append(c)
    return out


KIND = register(CheckKind(
    name="holder",
    summary="Holders of a title: changes over time, or two holders on one day.",
    params=Params,
    run=run,
    slots=("title", "day", "holders", "history", "first", "last"),
))
