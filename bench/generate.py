#!/usr/bin/env python3
"""Write a benchmark corpus of realistic press releases with planted discrepancies and a gold file.

    python bench/generate.py --docs 1000 --seed 1 --out /tmp/corpus

The corpus imitates an information office's archive: yearly event series (contests, award
ceremonies, expos, forums) run by a dozen organisations, each edition released in Traditional
Chinese, Simplified Chinese and/or English; "About X" boilerplates whose figures drift as the years
pass; officials and executives whose posts change hands; captions after "###"; media contacts;
filler paragraphs full of unrelated numbers (dates, phone numbers, money, percentages, years).

About one release in twenty carries a planted discrepancy of one rule kind (NU01 SU01 LS01 RA01
OR01 EN01 AW01 TI02, and DR02 from a stale boilerplate); the natural drift (DR01) and changes of
office holders (TI01) are recorded too. Consistent near misses (約150 vs 148, parts that add up,
說/説, names with and without 有限公司) are recorded as [[forbid]] items. DIR/gold.toml has the
format of seeds-gold.toml (see bench/score.py for how it is scored).

Everything is drawn from one random.Random(seed): the same arguments give byte-identical files.
Vocabularies and phrasings are data: bench/data/*.toml.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import json
import random
import string
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.textutil import (  # noqa: E402
    format_int,
    join_items,
    qualify,
    round_half_up,
    write_date,
    write_en_ordinal,
    write_small,
    write_weekday_date,
    write_zh_numeral,
)

DATA = Path(__file__).resolve().parent / "data"
FIRST_YEAR, LAST_YEAR = 2016, 2025
PLANTED = ("NU01", "SU01", "LS01", "RA01", "OR01", "EN01", "AW01", "TI02", "DR02")
SEVERITIES = {
    "NU01": ["error", "warning"], "SU01": ["warning", "error"], "LS01": ["warning", "error"],
    "RA01": ["warning", "error"], "OR01": ["warning", "error"], "EN01": ["warning", "error"],
    "AW01": ["warning", "error"], "TI02": ["error", "warning"], "DR01": ["info"], "DR02": ["warning"],
    "TI01": ["info"],
}
FORBID = ["warning", "error"]
# the count that a kind of event is about, and the one quoted alone (where NU01 is planted)
MAIN = {"contest": "projects", "awards": "entries", "expo": "exhibitors", "forum": "participants"}
SOLO = {"contest": "meetings", "awards": "judges", "expo": "countries", "forum": "countries"}
LANGS = ("zh-Hant", "zh-Hans", "en")


@functools.cache
def _standalone(body: str, start: int, end: int) -> bool:
    """``body[start:end]`` is not the middle of a longer number or word.

    >>> _standalone("2018年來自20個國家", 7, 9), _standalone("2018年來自20個國家", 0, 2)
    (True, False)
    """
    before = body[start - 1] if start > 0 else " "
    after = body[end] if end < len(body) else " "
    return not (before.isascii() and before.isalnum()) and not (after.isascii() and after.isalnum())


def load_data() -> dict:
    """Every vocabulary and template file under bench/data, by file stem."""
    data = {p.stem: tomllib.loads(p.read_text(encoding="utf-8")) for p in sorted(DATA.glob("*.toml"))}
    data["tpl"] = {p.stem: tomllib.loads(p.read_text(encoding="utf-8"))
                   for p in sorted((DATA / "templates").glob("*.toml"))}
    return data


@functools.cache
def fields_of(template: str) -> tuple[str, ...]:
    """The placeholders a template uses.

    >>> fields_of("{w1}及{w2}分別奪得冠亞軍")
    ('w1', 'w2')
    """
    return tuple(name for _, name, _, _ in string.Formatter().parse(template) if name)


# ---------------------------------------------------------------------------------------- the world


@dataclass(frozen=True, slots=True)
class Person:
    zh: str
    en: str          # as written in English releases: "Tony Wong", "Jia Hongwei"
    hon_zh: str      # written after the Chinese name: 教授, 博士, or ""
    hon_en: str      # Mr, Ms, Professor, Dr
    surname_en: str


@dataclass(frozen=True, slots=True)
class Company:
    zh: str          # 複耳科技
    en: str          # Dai3mimi Health-Tech
    legal: str       # Dai3mimi Health-Tech Limited
    product: tuple[str, str]


@dataclass(slots=True)
class Title:
    key: str
    zh: str
    en: str
    unique: bool
    group: str                   # government, mainland, org
    zh_prefix: list[str]
    org: dict | None = None
    holders: list[tuple[dt.date, Person]] = field(default_factory=list)

    def holder(self, day: dt.date, back: int = 0) -> Person | None:
        """Who held the title on `day` (back=1: the one before)."""
        index = max(i for i, (start, _) in enumerate(self.holders) if start <= day) - back
        return self.holders[index][1] if index >= 0 else None


@dataclass(slots=True)
class Org:
    spec: dict
    revisions: list[tuple[dt.date, dict]]     # boilerplate figures in force from each date
    contacts: list[tuple[Person, str, str]]   # person, phone, email
    hotline: str

    def figures(self, day: dt.date, back: int = 0) -> tuple[int, dict]:
        index = max(i for i, (start, _) in enumerate(self.revisions) if start <= day) - back
        return index, self.revisions[max(index, 0)][1]


@dataclass(slots=True)
class Series:
    key: str
    org: Org
    kind: str
    typ: dict
    zh: str
    en: str
    venue: list[str]
    first_year: int
    month: int
    day: int
    en_in_zh: bool          # the Chinese release gives the English name too
    gov_share: float        # chance that a language version is a government-style release


@dataclass(slots=True)
class Doc:
    id: str
    lang: str
    date: dt.date
    event: "Event"
    style: str                                  # org or gov
    paras: list[str] = field(default_factory=list)
    marks: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    text: str = ""
    para_line: list[int] = field(default_factory=list)

    @property
    def zh(self) -> bool:
        return self.lang != "en"

    def line_of(self, para: int, needle: str) -> int:
        """The 1-based line on which `needle` stands in paragraph `para` of the final text."""
        body = self.paras[para]
        pos = body.find(needle)
        if pos < 0:
            raise AssertionError(f"{self.id}: {needle!r} not in paragraph {para}: {body[:80]!r}")
        # a number stands on its own, not inside a longer one ("20" countries, not the 20 of "2018"):
        # in a wrapped paragraph the two may be on different lines
        at = pos
        while at >= 0 and not _standalone(body, at, at + len(needle)):
            at = body.find(needle, at + 1)
        if at >= 0:
            pos = at
        return self.para_line[para] + body.count("\n", 0, pos)


@dataclass(slots=True)
class Event:
    key: str
    kind: str                  # contest awards expo forum announcement
    org: Org
    date: dt.date
    series: Series | None = None
    year: int = 0
    ordinal: int = 0
    langs: tuple[str, ...] = ()
    facts: dict = field(default_factory=dict)
    winners: list[Company] = field(default_factory=list)
    speakers: list[Title] = field(default_factory=list)
    items: list[list[str]] = field(default_factory=list)
    optional: dict[str, bool] = field(default_factory=dict)
    plant: str | None = None
    plant_info: dict = field(default_factory=dict)
    docs: list[Doc] = field(default_factory=list)
    next_edition: "Event | None" = None
    series_events: list["Event"] = field(default_factory=list)


class World:
    """Organisations, people, titles, companies and series, drawn from the vocabularies."""

    def __init__(self, rng: random.Random, n_docs: int) -> None:
        self.rng = rng
        self.data = load_data()
        self.used_zh: set[str] = set()
        self.used_en: set[str] = set()
        self.used_company: set[str] = set()
        self.used_series: set[tuple[str, str, int]] = set()
        n_orgs = max(4, min(len(self.data["orgs"]["org"]), n_docs // 200 + 4))
        self.orgs = [self.make_org(spec) for spec in self.data["orgs"]["org"][:n_orgs]]
        self.titles: list[Title] = []
        for group in ("government", "mainland"):
            for spec in self.data["titles"][group]:
                self.titles.append(self.make_title(spec, group, None))
        for org in self.orgs:
            for spec in self.data["titles"]["org"]:
                self.titles.append(self.make_title(spec, "org", org))
        self.gov_titles = [t for t in self.titles if t.group == "government"]
        self.mainland_titles = [t for t in self.titles if t.group == "mainland"]
        # global facts quoted in filler paragraphs: the same in every release
        self.startups = {y: 1000 + 380 * (y - 2014) + rng.randrange(0, 90) for y in range(2013, LAST_YEAR + 1)}
        self.rnd = {y: 180 + 12 * (y - 2014) + rng.randrange(0, 9) for y in range(2013, LAST_YEAR + 1)}
        self.fund = {y: 10 * rng.randrange(5, 20) for y in range(2013, LAST_YEAR + 1)}
        self.busy: dict[str, dict[dt.date, int]] = {}

    # -- people
    def make_person(self, hk: bool, avoid_surname: str = "") -> Person:
        people = self.data["people"]
        rng = self.rng
        while True:
            surname = rng.choice(people["surnames"])
            g1, g2 = rng.sample(people["given"], 2)
            zh = surname[0] + g1[0] + g2[0]
            female = g2[0] in people["female_given"] or g1[0] in people["female_given"]
            if hk:
                first = rng.choice(people["english_female" if female else "english_male"])
                en = f"{first} {surname[1]}"
            else:
                en = f"{surname[2]} {g1[2].capitalize()}{g2[2]}"
            if zh in self.used_zh or en in self.used_en or surname[1] == avoid_surname:
                continue
            self.used_zh.add(zh)
            self.used_en.add(en)
            hon_zh = rng.choice(people["zh_honorifics"])
            if female and hon_zh == "先生":
                hon_zh = "女士"
            if not female and hon_zh == "女士":
                hon_zh = "先生"
            hon_en = people["en_honorifics"][hon_zh]
            if hon_en == "Mr" and female:
                hon_en = "Ms"
            return Person(zh, en, hon_zh, hon_en, surname[1] if hk else surname[2])

    def make_title(self, spec: dict, group: str, org: Org | None) -> Title:
        title = Title(spec["key"] if org is None else f"{org.spec['key']}-{spec['key']}", spec["zh"], spec["en"],
                      spec["unique"], group, spec.get("zh_prefix", [""]), org)
        hk = spec.get("hk", True)
        start = dt.date(2005, 1, 1)
        person = self.make_person(hk)
        while start.year <= LAST_YEAR + 1:
            title.holders.append((start, person))
            start = start + dt.timedelta(days=self.rng.randrange(700, 1900))
            person = self.make_person(hk, avoid_surname=person.surname_en)
        return title

    # -- organisations and their boilerplate figures
    def make_org(self, spec: dict) -> Org:
        rng = self.rng
        revisions = []
        day = dt.date(2014, 1, 1) + dt.timedelta(days=rng.randrange(0, 120))
        total, cum = spec["total0"], spec["cum0"]
        while day.year <= LAST_YEAR + 1:
            part1 = round(total * (spec["share"] + rng.uniform(-0.03, 0.03)))
            revisions.append((day, {"total": total, "part1": part1, "part2": total - part1, "cum": cum,
                                    "q2": rng.choice(["nearly", "over", "exact"])}))
            months = spec["revise_months"] + rng.randrange(-1, 2)
            total += max(1, round(spec["growth"] * months / 12 * rng.uniform(0.6, 1.4)))
            cum += max(1, round(spec["cum_growth"] * months / 12 * rng.uniform(0.6, 1.4)))
            day = day + dt.timedelta(days=30 * months + rng.randrange(-10, 10))
        contacts = []
        for _ in range(3):
            person = self.make_person(True)
            phone = f"(852) {rng.randrange(2000, 3999)} {rng.randrange(1000, 9999)}"
            local = person.en.lower().replace(" ", ".")
            contacts.append((person, phone, f"{local}@{spec['domain']}"))
        hotline = f"{rng.randrange(2100, 3999)} {rng.randrange(1000, 9999)}"
        return Org(spec, revisions, contacts, hotline)

    # -- companies
    def make_company(self) -> Company:
        comp = self.data["companies"]
        rng = self.rng
        while True:
            brand = "".join(rng.sample(comp["brand_chars"], 2 if rng.random() < 0.7 else 3))
            en_brand = rng.choice(comp["en_prefixes"]) + rng.choice(comp["en_middles"]) + rng.choice(comp["en_suffixes"])
            if rng.random() < 0.1:
                en_brand += str(rng.randrange(2, 10))
            if brand in self.used_company or en_brand in self.used_company:
                continue
            self.used_company.update((brand, en_brand))
            head_short, legal = rng.choice(comp["en_heads"])
            en = f"{en_brand} {head_short}".strip()
            legal_name = f"{en_brand} {head_short.replace('&', 'and')} {legal}".replace("  ", " ")
            return Company(brand + rng.choice(comp["zh_heads"]), en, legal_name, tuple(rng.choice(comp["products"])))

    # -- series
    def make_series(self, index: int) -> Series:
        rng = self.rng
        series_data = self.data["series"]
        while True:
            org = rng.choice(self.orgs)
            typ = rng.choice(series_data["type"])
            theme = rng.randrange(len(series_data["themes"]))
            variant = rng.randrange(len(typ["zh"]))
            if (org.spec["key"], typ["kind"] + str(variant), theme) not in self.used_series:
                self.used_series.add((org.spec["key"], typ["kind"] + str(variant), theme))
                break
        zh_theme, en_theme = series_data["themes"][theme]
        zh = f"{org.spec['zh_short']}{zh_theme}{typ['zh'][variant]}"
        en = f"{org.spec['en_short']} {en_theme} {typ['en'][variant]}"
        return Series(f"s{index:04d}", org, typ["kind"], typ, zh, en, rng.choice(series_data["venues"]),
                      rng.randrange(2006, 2023), rng.randrange(1, 13), rng.randrange(1, 29),
                      rng.random() < 0.6, rng.choice([0.0, 0.0, 0.2, 0.5]))


# ---------------------------------------------------------------------------------------- planning


def plan_events(world: World, n_docs: int) -> list[Event]:
    """Series editions and announcements adding up to exactly `n_docs` language versions."""
    rng = world.rng
    events: list[Event] = []
    budget_events = round(n_docs * 0.85)
    count = 0
    index = 0
    while count < budget_events:
        series = world.make_series(index)
        index += 1
        for year in range(max(series.first_year, FIRST_YEAR), LAST_YEAR + 1):
            if rng.random() < 0.1:
                continue  # an edition the archive does not hold
            day = dt.date(year, series.month, series.day) + dt.timedelta(days=rng.randrange(-3, 4))
            event = Event(f"{series.key}-{year}", series.kind, series.org, day, series, year, year - series.first_year + 1)
            event.langs = pick_langs(rng)
            events.append(event)
            count += len(event.langs)
    while count > budget_events:  # trim the last event(s) down to the budget
        last = events[-1]
        if len(last.langs) > count - budget_events:
            keep = len(last.langs) - (count - budget_events)
            last.langs = last.langs[:keep]
            count = budget_events
        else:
            events.pop()
            count -= len(last.langs)
    n = 0
    announced: set[tuple[str, dt.date]] = set()
    while count < n_docs:
        org = rng.choice(world.orgs)
        day = dt.date(FIRST_YEAR, 1, 1) + dt.timedelta(days=rng.randrange(0, 365 * (LAST_YEAR - FIRST_YEAR + 1)))
        while (org.spec["key"], day) in announced:
            # one organisation does not announce two different sets of annual figures on one day
            day += dt.timedelta(days=1)
        announced.add((org.spec["key"], day))
        event = Event(f"a{n:05d}", "announcement", org, day)
        n += 1
        event.langs = pick_langs(rng)[: n_docs - count]
        events.append(event)
        count += len(event.langs)
    return events


def pick_langs(rng: random.Random) -> tuple[str, ...]:
    r = rng.random()
    if r < 0.40:
        return ("zh-Hant", "en", "zh-Hans")
    if r < 0.75:
        return ("zh-Hant", "en")
    if r < 0.85:
        return ("zh-Hant", "zh-Hans")
    if r < 0.95:
        return ("zh-Hant",)
    return ("en",)


def draw_facts(world: World, event: Event) -> None:
    """The true figures of an edition (every language version renders these)."""
    rng = world.rng
    f = event.facts
    kind = event.kind
    lists = world.data["series"]["lists"]
    if kind == "contest":
        f["projects"] = rng.randrange(60, 460)
        f["patents"] = round(f["projects"] * rng.uniform(1.2, 2.6))
        f["avg"] = round_half_up(f["patents"] / f["projects"], 1)
        f["meetings"] = rng.randrange(30, 200)
        f["judges"] = rng.randrange(8, 31)
        f["countries"] = rng.randrange(5, 31)
        f["prize"] = rng.randrange(10, 101)
        f["total"] = f["projects"]
    elif kind == "awards":
        f["entries"] = rng.randrange(120, 900)
        f["judges"] = rng.randrange(8, 40)
        f["prize"] = rng.randrange(10, 101)
        f["total"] = f["entries"]
    elif kind == "expo":
        f["exhibitors"] = rng.randrange(80, 700)
        f["visitors"] = rng.randrange(15000, 150000)
        f["days"] = rng.randrange(2, 6)
        f["avg"] = int(round_half_up(f["visitors"] / f["days"]))
        f["countries"] = rng.randrange(10, 41)
        f["seminars"] = rng.randrange(20, 120)
        f["fee"] = rng.choice([50, 80, 100, 120, 150, 200, 300])
        f["total"] = f["exhibitors"]
    elif kind == "forum":
        f["participants"] = rng.randrange(800, 6000)
        f["speakers"] = rng.randrange(20, 150)
        f["sessions"] = rng.randrange(6, 26)
        f["avg"] = round_half_up(f["speakers"] / f["sessions"], 1)
        f["countries"] = rng.randrange(5, 41)
        f["seminars"] = rng.randrange(3, 15)
        f["fee"] = rng.choice([500, 800, 1000, 1200, 1500])
        f["total"] = f["participants"]
    else:
        f["money"] = rng.randrange(50, 5000)
        f["years"] = rng.randrange(2, 6)
        f["supported"] = rng.randrange(20, 400)
        f["events"] = rng.randrange(20, 300)
        f["people"] = rng.randrange(2, 90) * 1000
        f["partners"] = rng.randrange(10, 200)
        f["variant"] = rng.randrange(3)
        f["partner"] = rng.randrange(len(world.data["tpl"]["zh"]["announcement"]["partners"]))
    if kind in lists:
        pool = lists[kind]["items"]
        k = rng.randrange(5, min(11, len(pool) + 1))
        event.items = rng.sample(pool, k)
        f["list_count"] = k
        f["list_noun"] = rng.randrange(3)
        if kind == "awards":
            f["avg"] = int(round_half_up(f["entries"] / k))
    if "total" in f:
        share = rng.uniform(0.45, 0.8)
        f["part1"] = round(f["total"] * share)
        f["part2"] = f["total"] - f["part1"]
    f["pct"] = rng.randrange(5, 45)
    if kind in ("contest", "awards"):
        event.winners = [world.make_company() for _ in range(3)]
    # who speaks: a government official, the organiser's head, sometimes a Mainland official
    gov = rng.choice(world.gov_titles)
    org_titles = [t for t in world.titles if t.org is event.org]
    event.speakers = [gov, rng.choice(org_titles)]
    if rng.random() < 0.35:
        event.speakers.append(rng.choice(world.mainland_titles))
    if rng.random() < 0.25:
        other = rng.choice(world.gov_titles)
        if other is not gov:
            event.speakers.insert(1, other)
    for name, chance in (("parts", 0.6), ("average", 0.5), ("list", 0.65), ("ordinal", 0.6), ("extra", 0.5),
                         ("growth", 0.3), ("count_quote", 0.5)):
        event.optional[name] = rng.random() < chance
    if kind == "awards" and event.optional["average"]:
        event.optional["list"] = True  # the average is per category: the categories must be given


# ---------------------------------------------------------------------------------------- planting


def org_dates(events: list[Event]) -> dict[str, dict[dt.date, int]]:
    """How many events each organisation has on each date (its boilerplate appears in each)."""
    out: dict[str, dict[dt.date, int]] = {}
    for e in events:
        days = out.setdefault(e.org.spec["key"], {})
        days[e.date] = days.get(e.date, 0) + 1
    return out


def eligible(kind: str, e: Event, busy: dict[str, dict[dt.date, int]]) -> bool:
    has_zh = "zh-Hant" in e.langs or "zh-Hans" in e.langs
    has_en = "en" in e.langs
    if e.plant is not None:
        return False
    if kind in ("NU01", "OR01"):
        return e.series is not None and has_zh and has_en
    if kind == "TI02":
        return has_zh and has_en and any(t.unique and t.holder(e.date, back=1) for t in e.speakers if t.group == "government")
    if kind == "SU01":
        return "total" in e.facts
    if kind == "RA01":
        return "avg" in e.facts
    if kind == "LS01":
        return bool(e.items) and "zh-Hant" in e.langs
    if kind in ("EN01", "AW01"):
        return bool(e.winners) and "zh-Hant" in e.langs
    if kind == "DR02":
        org = e.org
        index, _ = org.figures(e.date)
        days = busy[org.spec["key"]]
        earlier = sum(n for day, n in days.items() if day < e.date)
        return days[e.date] == 1 and index >= 4 and earlier >= 3
    raise ValueError(kind)


def plant(world: World, events: list[Event], n_docs: int) -> None:
    """Choose the releases that carry a discrepancy: about one in twenty, every kind at least once."""
    rng = world.rng
    n_plants = max(len(PLANTED), n_docs // 20)
    kinds = []
    while len(kinds) < n_plants:
        batch = list(PLANTED)
        rng.shuffle(batch)
        kinds.extend(batch)
    kinds = kinds[:n_plants]
    busy = org_dates(events)
    world.busy = busy
    dr02_orgs: set[str] = set()
    orders: dict[str, list[int]] = {}
    for kind in PLANTED:
        orders[kind] = list(range(len(events)))
        rng.shuffle(orders[kind])
    for kind in kinds:
        order = orders[kind]
        while order:
            e = events[order.pop()]
            if not eligible(kind, e, busy):
                continue
            if kind == "DR02" and e.org.spec["key"] in dr02_orgs:
                continue
            e.plant = kind
            configure_plant(world, e)
            if e.plant is None:
                continue
            if kind == "DR02":
                dr02_orgs.add(e.org.spec["key"])
            break


def configure_plant(world: World, e: Event) -> None:
    rng = world.rng
    info = e.plant_info
    kind = e.plant
    if kind == "NU01":
        metric = SOLO[e.kind]
        value = e.facts[metric]
        factor = rng.uniform(1.25, 1.45) if rng.random() < 0.6 else rng.uniform(0.6, 0.75)
        wrong = max(1, round(value * factor))
        if abs(wrong - value) < max(3, 0.2 * value):
            wrong = value + max(3, round(0.3 * value))
        info.update(metric=metric, wrong=wrong)
    elif kind == "OR01":
        e.optional["ordinal"] = True
        info["wrong"] = e.ordinal + 1 if e.ordinal == 1 or rng.random() < 0.6 else e.ordinal - 1
    elif kind == "TI02":
        titles = [t for t in e.speakers if t.group == "government" and t.unique and t.holder(e.date, back=1)]
        info["title"] = rng.choice(titles)
    elif kind == "SU01":
        e.optional["parts"] = True
        total = e.facts["total"]
        if rng.random() < 0.5:
            info["part2"] = max(1, e.facts["part2"] - max(3, round(0.3 * total)))
        else:
            info["part2"] = e.facts["part2"] + max(3, round(0.3 * total))
    elif kind == "RA01":
        e.optional["average"] = True
        if e.kind == "awards":
            e.optional["list"] = True
        avg = e.facts["avg"]
        # far enough off that the written counts cannot give it even when one is only "約400"
        # (300 to 500): a stated 1.6 against about 900 / about 400 is within what they allow
        wrong = avg * rng.choice([1.6, 1.8, 0.5])
        info["wrong"] = round(wrong) if isinstance(avg, int) else round(wrong, 1)
    elif kind == "LS01":
        e.optional["list"] = True
        info["drop"] = rng.randrange(len(e.items))
    elif kind == "EN01":
        comp = world.data["companies"]
        similar = dict(comp["similar"])
        winner = rng.randrange(3)
        name = e.winners[winner].zh
        positions = [i for i, ch in enumerate(name[:2]) if ch in similar]
        pos = rng.choice(positions)
        info.update(winner=winner, wrong=name[:pos] + similar[name[pos]] + name[pos + 1:])
    elif kind == "AW01":
        winner = rng.randrange(3)
        info.update(winner=winner, rank=rng.choice([r for r in range(3) if r != winner]))
    elif kind == "DR02":
        index, _ = e.org.figures(e.date)
        # lower than what the organisation's previous release (of any event) said
        previous = max(day for day in world.busy[e.org.spec["key"]] if day < e.date)
        _, before = e.org.figures(previous)
        for back in range(2, index + 1):
            _, old = e.org.figures(e.date, back=back)
            if display_over(old["cum"]) < display_over(before["cum"]):
                info["back"] = back
                break
        else:
            e.plant = None


def display_over(value: int) -> int:
    """The figure a boilerplate gives for "over N": the round number just below the value.

    >>> display_over(1950), display_over(1900), display_over(87)
    (1900, 1800, 87)
    """
    if value < 100:
        return value
    step = 10 ** (len(str(value)) - 2)
    return ((value - 1) // step) * step


# ---------------------------------------------------------------------------------------- writing


class Writer:
    """Renders one language version of an event, paragraph by paragraph, remembering where each
    tracked fact (a number, a name, an ordinal) was written."""

    def __init__(self, world: World, doc: Doc, rng: random.Random) -> None:
        self.world = world
        self.doc = doc
        self.rng = rng
        self.lang = "zh" if doc.zh else "en"
        self.tpl = world.data["tpl"][self.lang]
        self.ctx: dict[str, str] = {}
        self.ev: dict[str, str] = {}          # field -> the text to quote in the gold file
        self.mark_as: dict[str, str] = {}     # field -> the key under which it is remembered

    def pick(self, section: str, name: str):
        return self.rng.choice(self.tpl[section][name])

    def add(self, template: str, **extra: str) -> int:
        ctx = self.ctx | extra if extra else self.ctx
        text = template.format_map(ctx)
        if self.lang == "en" and text[:1].islower():
            text = text[0].upper() + text[1:]
        index = len(self.doc.paras)
        self.doc.paras.append(text)
        for name in fields_of(template):
            if name.endswith("_cap") and name not in self.ev:
                name = name[: -len("_cap")]  # "{speakers_cap} speakers from …" opens a sentence with the count
            if name in self.ev:
                self.doc.marks.setdefault(self.mark_as.get(name, name), []).append((index, self.ev[name]))
        return index

    def track(self, name: str, phrase: str, evidence: str, key: str | None = None) -> None:
        self.ctx[name] = phrase
        self.ev[name] = evidence
        if key:
            self.mark_as[name] = key

    def count(self, name: str, value: int, approx: float | None = None, key: str | None = None) -> None:
        if approx is None:
            approx = 0.75 if self.lang == "zh" else 0.3
        phrase, ev = qualify(value, self.lang, self.rng, approx)
        self.track(name, phrase, ev, key)
        if name + "_cap" not in self.ctx:
            self.ctx[name + "_cap"] = phrase[:1].upper() + phrase[1:]


def speaker_phrase(title: Title, person: Person, lang: str, rng: random.Random) -> str:
    if lang == "zh":
        if title.org is not None:
            return f"{title.org.spec['zh_short']}{title.zh}{person.zh}{person.hon_zh}"
        return f"{rng.choice(title.zh_prefix)}{title.zh}{person.zh}{person.hon_zh}"
    if title.org is not None:
        return f"the {title.en} of {title.org.spec['en_short']}, {person.hon_en} {person.en},"
    return f"the {title.en}, {person.hon_en} {person.en},"


def write_doc(world: World, doc: Doc, rng: random.Random) -> None:
    e = doc.event
    w = Writer(world, doc, rng)
    lang = w.lang
    tpl = w.tpl
    common = tpl["common"]
    org = e.org.spec
    f = e.facts
    kind = e.kind
    # ---- context shared by every paragraph
    w.ctx.update(date=write_date(e.date, lang, rng), year=str(e.date.year), domain=org["domain"],
                 org=org["zh_short" if lang == "zh" else "en_short"], org_full=org["zh" if lang == "zh" else "en"],
                 weekday_date=write_weekday_date(e.date, lang), hour=str(rng.randrange(11, 23)),
                 minute=f"{rng.randrange(0, 60):02d}", serial=f"{rng.randrange(1, 999):03d}",
                 hotline=e.org.hotline, supporter=rng.choice(common["supporters"]),
                 fy1="2014", fy2=str(e.date.year - 1))
    w.ctx["fv1"] = format_int(world.startups[2014])
    w.ctx["fv2"] = format_int(world.startups[e.date.year - 1])
    w.ctx["fp2"] = format_int(world.startups[e.date.year - 1] * 3 - 117)
    fund = world.fund[e.date.year - 1]
    w.ctx["fund"] = str(fund) if lang == "zh" else f"{fund / 10:g}"
    rnd = world.rnd[e.date.year - 1]
    w.ctx["rnd"] = str(rnd) if lang == "zh" else f"{rnd / 10:g}"
    w.ctx["rndpct"] = f"{0.7 + 0.03 * (e.date.year - 2015):.2f}"
    w.ctx["dateline"] = "" if doc.style == "gov" else rng.choice(common["dateline"]).format_map(w.ctx)
    if e.series is not None:
        s = e.series
        if lang == "zh":
            w.ctx.update(series=s.zh, series_q=f"「{s.zh}」", edition=f"{e.year}「{s.zh}」",
                         series_en=f"（{s.en}）" if s.en_in_zh else "", venue=s.venue[0],
                         final=rng.choice(s.typ["final_zh"]))
        else:
            final = rng.choice(s.typ["final_en"])
            w.ctx.update(series=s.en, series_q=s.en, edition=f"{s.en} {e.year}", series_en="", venue=s.venue[1],
                         final=final or "event", final_plain=final or "event")
        short = rng.choice(tpl[kind]["short"]).format_map(w.ctx)
        w.ctx["short"] = short
        w.ctx["short_plain"] = short
        ordinal = e.ordinal
        if e.plant == "OR01" and lang == "en":
            ordinal = e.plant_info["wrong"]
        if lang == "zh":
            counter = rng.choice(common["ordinal_counter"])
            numeral = write_zh_numeral(ordinal) if ordinal < 100 and rng.random() < 0.8 else str(ordinal)
            w.track("ord", f"{numeral}{counter}", f"第{numeral}{counter}")
        else:
            word = write_en_ordinal(ordinal)
            w.track("ord", word, word)
        write_event(w, e, doc)
    else:
        write_announcement(w, e, doc)
    finish(world, w, e, doc)


def winner_phrase(company: Company, lang: str, style: str, rng: random.Random, with_en: bool = False) -> tuple[str, str]:
    """How a winner is named: (phrase, the name to quote)."""
    if lang == "zh":
        name = company.zh
        r = rng.random() * (0.85 if with_en else 1.0)
        if r < 0.65:
            return f"{name}（{company.en}）", name
        if r < 0.85:
            return f"{name}{company.en}", name
        return f"{name}有限公司", name
    if style == "gov":
        return company.legal, company.legal
    return company.en, company.en


def write_event(w: Writer, e: Event, doc: Doc) -> None:
    rng = w.rng
    lang = w.lang
    tpl = w.tpl
    common = tpl["common"]
    kind = e.kind
    sec = tpl[kind]
    f = e.facts
    info = e.plant_info
    # ---- figures
    for name in (MAIN[kind], "patents", "visitors", "participants", "exhibitors", "entries", "total", "part1"):
        if name in f and name not in w.ctx:
            w.count(name, f[name])
    if "part2" in f:
        part2 = info["part2"] if e.plant == "SU01" else f["part2"]
        w.count("part2", part2, approx=0.0 if e.plant == "SU01" else None)
    for name in ("meetings", "judges", "countries", "speakers", "sessions", "seminars"):
        if name in f:
            value = f[name]
            if e.plant == "NU01" and info["metric"] == name and lang == "en":
                value = info["wrong"]
            w.count(name, value, approx=0.5 if lang == "zh" else 0.0)
    if "days" in f:
        text = write_small(f["days"], lang, rng)
        w.track("days", text, text)
    if "avg" in f:
        avg = info["wrong"] if e.plant == "RA01" else f["avg"]
        if isinstance(avg, int):
            w.count("avg", avg, approx=0.6 if lang == "zh" else 0.4)
        else:
            w.track("avg", f"{avg:.1f}", f"{avg:.1f}")
    if "prize" in f:
        w.ctx["prize"] = f"港幣{f['prize']}萬元" if lang == "zh" else f"HK${f['prize'] * 10000:,}"
    if "fee" in f:
        w.ctx["fee"] = str(f["fee"])
    w.ctx["pct"] = str(f["pct"])
    if e.items:
        items = list(e.items)
        if e.plant == "LS01" and doc.lang == "zh-Hant":
            items.pop(info["drop"])
        k = f["list_count"]
        count_text = write_small(k, lang, rng, words=0.6 if lang == "zh" else 0.3)
        w.track("list_count", count_text, count_text)
        lists = w.world.data["series"]["lists"][kind]
        w.ctx["list_noun"] = lists["noun_zh" if lang == "zh" else "noun_en"][f["list_noun"]]
        w.ctx["list_items"] = join_items([i[0 if lang == "zh" else 1] for i in items], lang, rng)
    # ---- winners
    names = []
    for i, company in enumerate(e.winners):
        phrase, name = winner_phrase(company, lang, doc.style, rng, with_en=e.plant == "EN01")
        w.track(f"w{i + 1}", phrase, name, key=f"winner{i}")
        w.ctx[f"p{i + 1}"] = company.product[0 if lang == "zh" else 1]
        names.append(name)
    if e.winners:
        w.ctx["w1short"] = e.winners[0].zh if lang == "zh" else e.winners[0].en
    # ---- header and lead
    headline = rng.choice(sec["headline"]).format_map(w.ctx)
    if doc.style == "gov":
        w.add(rng.choice(common["gov_header"]), headline=headline)
    else:
        for line in rng.choice(common["header"]):
            w.add(line)
        w.add(headline.replace("{", "{{").replace("}", "}}"))
    w.add(rng.choice(sec["lead"]))
    if e.winners:
        w.add(rng.choice(sec["winners"]))
    if e.optional["ordinal"]:
        choices = common["ordinal"][:2] if w.ctx["ord"].endswith("度") else common["ordinal"]
        w.add(rng.choice(choices))
    drop = 0.0 if doc.lang == "zh-Hant" else 0.1
    for name in ("parts", "average", "list", "extra"):
        if name not in sec or not e.optional[name]:
            continue
        if name == "average" and "avg" not in f:
            continue
        if e.plant is None and rng.random() < drop:
            continue
        w.add(rng.choice(sec[name]))
    if e.optional["growth"]:
        w.add(rng.choice(common["growth"]))
    write_quotes(w, e, doc)
    for filler in rng.sample(common["filler"], rng.randrange(2, 5)):
        w.add(filler)
    w.add(rng.choice(common["organisers"]))
    if doc.style == "org":
        write_captions(w, e, doc)


def write_quotes(w: Writer, e: Event, doc: Doc) -> None:
    rng = w.rng
    common = w.tpl["common"]
    for i, title in enumerate(e.speakers):
        person = title.holder(e.date)
        if e.plant == "TI02" and title is e.plant_info["title"] and doc.lang == "en":
            person = title.holder(e.date, back=1)
        name = person.zh if w.lang == "zh" else person.en
        w.track("speaker", speaker_phrase(title, person, w.lang, rng), name, key=f"holder:{title.key}")
        if i == 1 and e.optional.get("count_quote") and e.series is not None:
            main = MAIN[e.kind]
            w.track("count", w.ctx[main], w.ev[main], key=main)
            w.ctx["noun"] = rng.choice(w.tpl[e.kind]["caption_noun"])
            body = rng.choice(common["quote_bodies_count"]).format_map(w.ctx)
            body = body.replace("{", "{{").replace("}", "}}")
            # the count inside the quote is a tracked figure: write it through a template field
            count_phrase = w.ctx["count"]
            body = body.replace(count_phrase, "{count}", 1)
        else:
            parts = rng.sample(common["quote_bodies"], rng.randrange(1, 3))
            joiner = "" if w.lang == "zh" else " "
            body = joiner.join(parts).format_map(w.ctx).replace("{", "{{").replace("}", "}}")
        intro = common["quote_intro" if i == 0 else "quote_intro_next"]
        w.add(rng.choice(intro).replace("{body}", body))


def write_captions(w: Writer, e: Event, doc: Doc) -> None:
    rng = w.rng
    lang = w.lang
    common = w.tpl["common"]
    info = e.plant_info
    w.add("###")
    w.add(rng.choice(common["photos"]))
    intros = list(common["captions_intro"])
    n = 0

    def caption(template: str, **extra: str) -> int:
        nonlocal n
        prefix = intros[n] if n < len(intros) and rng.random() < 0.5 else ""
        n += 1
        return w.add(prefix.replace("{", "{{") + template, **extra)

    if e.series is not None:
        main = MAIN[e.kind]
        w.track("count", w.ctx[main], w.ev[main], key=main)
        w.ctx["noun"] = rng.choice(w.tpl[e.kind]["caption_noun"])
        caption(rng.choice(common["caption_count"]))
    ranks = w.tpl[e.kind].get("rank", [])
    variants = dict(w.world.data["companies"]["variants"])
    for i, company in enumerate(e.winners):
        rank = i
        zh_name = None
        if e.plant == "AW01" and doc.lang == "zh-Hant" and info["winner"] == i:
            rank = info["rank"]
        if e.plant == "EN01" and doc.lang == "zh-Hant" and info["winner"] == i:
            zh_name = info["wrong"]
        elif lang == "zh" and doc.lang == "zh-Hant" and any(ch in variants for ch in company.zh) and rng.random() < 0.5:
            zh_name = "".join(variants.get(ch, ch) for ch in company.zh)
            e.plant_info.setdefault("variant_docs", []).append((doc, i, zh_name))
        if lang == "zh":
            name = zh_name or company.zh
            phrase = f"{name}（{company.en}）" if e.plant == "EN01" or rng.random() < 0.7 else name
        else:
            name = company.en
            phrase = name
        w.track("w", phrase, name, key=f"caption_winner{i}")
        w.track("rank", ranks[rank], ranks[rank], key=f"caption_rank{i}")
        caption(rng.choice(common["caption_winner"]))
    for title in e.speakers[:2]:
        person = title.holder(e.date)
        if e.plant == "TI02" and title is info["title"] and doc.lang == "en":
            person = title.holder(e.date, back=1)
        name = person.zh if lang == "zh" else person.en
        phrase = speaker_phrase(title, person, lang, rng).rstrip(",")
        if lang == "en":
            phrase = phrase[0].upper() + phrase[1:]
        w.track("speaker", phrase, name, key=f"holder:{title.key}")
        caption(rng.choice(common["caption_guests"]), pos=str(rng.randrange(2, 7)))


def write_announcement(w: Writer, e: Event, doc: Doc) -> None:
    rng = w.rng
    lang = w.lang
    sec = w.tpl["announcement"]
    common = w.tpl["common"]
    f = e.facts
    w.ctx["partner"] = sec["partners"][f["partner"]]
    for name in ("money", "years", "supported", "events", "people", "partners"):
        w.ctx[name] = format_int(f[name])
    w.ctx["money_en"] = f"{f['money'] * 10000:,}"
    headline = sec["headline"][f["variant"]].format_map(w.ctx)
    if doc.style == "gov":
        w.add(rng.choice(common["gov_header"]), headline=headline)
    else:
        for line in rng.choice(common["header"]):
            w.add(line)
        w.add(headline)
    w.add(sec["body"][f["variant"]])
    w.ctx["short"] = w.ctx["org"]
    w.ctx["short_plain"] = w.ctx["org"]
    w.ctx["final"] = w.ctx["final_plain"] = "儀式" if lang == "zh" else "ceremony"
    write_quotes(w, e, doc)
    for _ in range(rng.randrange(1, 3)):
        w.add(rng.choice(common["filler"]))


def write_boilerplate(w: Writer, e: Event, doc: Doc) -> None:
    rng = w.rng
    lang = w.lang
    org = e.org
    back = e.plant_info["back"] if e.plant == "DR02" else 0
    _, figures = org.figures(e.date, back=back)
    q = {"zh": {"over": "超過", "nearly": "接近"}, "en": {"over": "over", "nearly": "nearly"}}[lang]

    def over(name: str, value: int) -> None:
        shown = display_over(value)
        phrase = format_int(shown) if shown == value else f"{q['over']}{'' if lang == 'zh' else ' '}{format_int(shown)}"
        if lang == "zh" and rng.random() < 0.3:
            phrase = phrase.replace(format_int(shown), f" {format_int(shown)} ")
        w.track(name, phrase, format_int(shown), key=f"bp:{name}")

    over("total", figures["total"])
    over("part1", figures["part1"])
    over("cum", figures["cum"])
    part2 = figures["part2"]
    step = 10 ** max(0, len(str(part2)) - 2) if part2 >= 100 else 1
    nearly = (part2 // step + 1) * step
    if figures["q2"] == "nearly" and step > 1 and part2 >= 0.95 * nearly:
        word = "接近" if lang == "zh" else "nearly "
        w.track("part2", f"{word}{format_int(nearly)}", format_int(nearly), key="bp:part2")
    elif figures["q2"] == "over" and step > 1:
        over("part2", part2)
    else:
        w.track("part2", format_int(part2), format_int(part2), key="bp:part2")
    name = org.spec["zh" if lang == "zh" else "en"]
    short = org.spec["zh_short" if lang == "zh" else "en_short"]
    w.add(rng.choice(w.tpl["common"]["about"]))
    about = org.spec["about_zh" if lang == "zh" else "about_en"]
    w.add(about.replace("{name}", name).replace("{short}", short))


def finish(world: World, w: Writer, e: Event, doc: Doc) -> None:
    """Contacts, the boilerplate, the end lines."""
    rng = w.rng
    lang = w.lang
    common = w.tpl["common"]
    if doc.style == "gov":
        w.add(rng.choice(common["gov_end"]))
        if lang == "zh":
            w.add(common["gov_issued"][0])
            w.add(common["gov_issued"][1])
        else:
            w.add(rng.choice(common["gov_issued"]))
        return
    w.add(rng.choice(common["contacts_intro"]))
    for person, phone, email in rng.sample(e.org.contacts, rng.randrange(1, 3)):
        w.add(w.ctx["org"])
        w.add(person.zh if lang == "zh" else (f"{person.hon_en} {person.en}" if person.hon_en in ("Mr", "Ms") else person.en))
        w.add(rng.choice(common["phone"]), phone=phone)
        w.add(rng.choice(common["email"]), email=email)
    write_boilerplate(w, e, doc)
    w.add(rng.choice(common["more"]))


# ---------------------------------------------------------------------------------------- assembling


_T2S = None


def to_simplified(text: str) -> str:
    global _T2S
    if _T2S is None:
        import opencc

        _T2S = opencc.OpenCC("t2s")
    return _T2S.convert(text)


def wrap_paragraph(text: str, width: int, keep: list[str]) -> str:
    r"""Break a Chinese paragraph into lines of about `width` characters, as text extracted from a
    PDF is, never inside a `keep` text or a run of Latin letters and digits.

    >>> wrap_paragraph("數碼港為一個創新數碼社群，匯聚超過1,900間社群企業。", 12, ["1,900"])
    '數碼港為一個創新數碼社群\n，匯聚超過1,900間社\n群企業。'
    """
    blocked = bytearray(len(text) + 1)
    for needle in keep:
        i = text.find(needle)
        while i >= 0:
            blocked[i + 1:i + len(needle)] = b"\x01" * (len(needle) - 1)
            i = text.find(needle, i + 1)
    for i in range(1, len(text)):
        if text[i - 1].isascii() and text[i - 1].isalnum() and text[i].isascii() and (text[i].isalnum() or text[i] in ",."):
            blocked[i] = 1
    lines, start = [], 0
    while len(text) - start > width:
        cut = start + width
        while cut < len(text) and blocked[cut]:
            cut += 1
        lines.append(text[start:cut])
        start = cut
    lines.append(text[start:])
    return "\n".join(line for line in lines if line)


def assemble(doc: Doc, rng: random.Random) -> None:
    """Join the paragraphs (Simplified: convert them), and work out where each one starts."""
    if doc.lang == "zh-Hans":
        converted = to_simplified("\n".join(doc.paras)).split("\n")
        assert len(converted) == len(doc.paras), doc.id
        doc.paras = converted
        doc.marks = {k: [(p, to_simplified(t)) for p, t in v] for k, v in doc.marks.items()}
    if doc.lang == "zh-Hant" and doc.style == "org" and rng.random() < 0.1:
        # extracted from a PDF: hard line breaks inside paragraphs
        keep: dict[int, list[str]] = {}
        for marks in doc.marks.values():
            for para, text in marks:
                keep.setdefault(para, []).append(text)
        width = rng.randrange(38, 46)
        doc.paras = [wrap_paragraph(p, width, keep.get(i, [])) for i, p in enumerate(doc.paras)]
    gap = "\n\n" if rng.random() < 0.85 else "\n\n\n"
    if doc.lang != "en" and rng.random() < 0.2:
        gap = " \n\n"
    line = 1
    doc.para_line = []
    for para in doc.paras:
        doc.para_line.append(line)
        line += para.count("\n") + gap.count("\n")
    doc.text = "\n" + gap.join(doc.paras) + "\n" if rng.random() < 0.3 else gap.join(doc.paras) + "\n"
    if doc.text.startswith("\n"):
        doc.para_line = [n + 1 for n in doc.para_line]


# ---------------------------------------------------------------------------------------- gold


def ev(doc: Doc, text: str, para: int) -> dict:
    return {"doc": doc.id, "text": text, "line": doc.line_of(para, text)}


def evs(doc: Doc, key: str) -> list[dict]:
    """Every place the fact `key` was written in `doc`, one gold item each."""
    seen = []
    for para, text in doc.marks.get(key, []):
        item = ev(doc, text, para)
        if item not in seen:
            seen.append(item)
    return seen


def one_of(items: list[dict]) -> dict:
    if not items:
        raise AssertionError("a gold item with no alternative")
    return items[0] if len(items) == 1 else {"any": items}


def gold_for_plant(e: Event, docs_by_date: dict) -> dict | None:
    kind = e.plant
    info = e.plant_info
    zh = [d for d in e.docs if d.zh]
    en = [d for d in e.docs if not d.zh]
    hant = [d for d in e.docs if d.lang == "zh-Hant"]
    label = f"{e.series.en} {e.year}" if e.series else e.org.spec["en_short"]
    if kind == "NU01":
        m = info["metric"]
        a = [i for d in zh for i in evs(d, m)]
        b = [i for d in en for i in evs(d, m)]
        if not a or not b:
            return None
        what = f"{label}: {m} is {e.facts[m]} in Chinese but {info['wrong']} in English"
        return expect(e, what, [one_of(a), one_of(b)])
    if kind == "OR01":
        a = [i for d in zh for i in evs(d, "ord")]
        # other editions of the series may be cited instead of this one's Chinese release
        for other in e.series_events:
            if other is not e:
                a.extend(i for d in other.docs for i in evs(d, "ord"))
        b = [i for d in en for i in evs(d, "ord")]
        if not a or not b:
            return None
        what = f"{label} is the {write_en_ordinal(e.ordinal)} edition in Chinese but the {write_en_ordinal(info['wrong'])} in English"
        return expect(e, what, [one_of(a), one_of(b)])
    if kind == "TI02":
        title = info["title"]
        key = f"holder:{title.key}"
        b = [i for d in en for i in evs(d, key)]
        a = []
        for d in docs_by_date.get(e.date, []):
            if d not in en:
                a.extend(evs(d, key))
        if not a or not b:
            return None
        what = f"{title.en} on {e.date}: {title.holder(e.date).zh} in Chinese, {title.holder(e.date, back=1).en} (the previous holder) in English"
        return expect(e, what, [one_of(a), one_of(b)])
    if kind == "SU01":
        a = [i for d in e.docs for i in evs(d, "total")]
        b = [i for d in e.docs for i in evs(d, "part2")]
        a = [i for i in a if any(j["doc"] == i["doc"] for j in b)]
        if not a or not b:
            return None
        what = f"{label}: parts {e.facts['part1']} + {info['part2']} do not make the total {e.facts['total']}"
        return expect(e, what, [one_of(a), one_of(b)])
    if kind == "RA01":
        num = {"contest": "patents", "awards": "entries", "expo": "visitors", "forum": "speakers"}[e.kind]
        docs = [d for d in e.docs if d.marks.get("avg") and d.marks.get(num)]
        a = [i for d in docs for i in evs(d, "avg")]
        b = [i for d in docs for i in evs(d, num)]
        if e.kind == "awards":  # the entries are also the total their parts are given of
            b += [i for d in docs for i in evs(d, "total") if i not in b]
        if not a:
            return None
        what = f"{label}: stated average {info['wrong']} but {num} / base gives {e.facts['avg']}"
        return expect(e, what, [one_of(a), one_of(b)])
    if kind == "LS01":
        a = [i for d in hant for i in evs(d, "list_count")]
        if not a:
            return None
        what = f"{label}: {e.facts['list_count']} declared, {e.facts['list_count'] - 1} listed (one item dropped)"
        return expect(e, what, [one_of(a)])
    if kind == "EN01":
        i = info["winner"]
        a = [x for d in e.docs if d.zh for x in evs(d, f"winner{i}")]
        b = [x for d in hant for x in evs(d, f"caption_winner{i}") if x["text"] == info["wrong"]]
        if not a or not b:
            return None
        what = f"{e.winners[i].en} is {e.winners[i].zh} in the body but {info['wrong']} in a caption"
        return expect(e, what, [one_of(a), one_of(b)])
    if kind == "AW01":
        i = info["winner"]
        a = [x for d in hant for x in evs(d, f"caption_rank{i}") + evs(d, f"caption_winner{i}")]
        b = [x for d in e.docs for x in evs(d, f"winner{i}")]
        if not a or not b:
            return None
        what = f"{e.winners[i].en} wins place {i + 1} in the body but place {info['rank'] + 1} in a caption"
        return expect(e, what, [one_of(a), one_of(b)])
    if kind == "DR02":
        return None  # written with the drift expectations, which know the history
    raise ValueError(kind)


def expect(e: Event, what: str, evidence: list[dict]) -> dict:
    return {"id": f"{e.plant.lower()}-{e.key}", "rule": e.plant, "what": what,
            "severity": SEVERITIES[e.plant], "evidence": evidence}


def history(docs: list[Doc], key: str) -> list[tuple[dt.date, str, list[dict]]]:
    """(date, value, gold items) for each date on which `key` was written, in date order."""
    by_date: dict[dt.date, tuple[str, list[dict]]] = {}
    conflicts: set[dt.date] = set()
    for d in docs:
        items = evs(d, key)
        if not items:
            continue
        value = items[0]["text"] if d.zh else items[0]["text"]
        value = value.replace(",", "") if d.lang != "en" or key.startswith("bp:") else value
        if d.date in by_date and by_date[d.date][0] != value:
            conflicts.add(d.date)
        by_date.setdefault(d.date, (value, []))[1].extend(items[:1])
    return [(day, *by_date[day]) for day in sorted(by_date) if day not in conflicts]


def drift_expectations(events: list[Event]) -> list[dict]:
    """DR01 for the first change of each boilerplate figure, DR02 for each stale boilerplate."""
    out = []
    by_org: dict[str, list[Doc]] = {}
    for e in events:
        for d in e.docs:
            if d.style == "org":
                by_org.setdefault(e.org.spec["key"], []).append(d)
    for org_key, docs in by_org.items():
        stale = [d for d in docs if d.event.plant == "DR02"]
        clean = [d for d in docs if d.event.plant != "DR02"]
        # a stale boilerplate muddles the history after it: take the first change before it
        first_stale = min((d.date for d in stale), default=dt.date.max)
        for key, label in (("bp:total", "total"), ("bp:cum", "cumulative count")):
            hist = [h for h in history(clean, key) if h[0] < first_stale]
            for (d1, v1, items1), (d2, v2, items2) in zip(hist, hist[1:]):
                if v1 != v2:
                    first1 = next(h for h in hist if h[1] == v1)
                    last2 = [h for h in hist if h[1] == v2][-1]
                    out.append({"id": f"dr01-{org_key}-{label.split()[0]}", "rule": "DR01",
                                "what": f"{org_key} boilerplate {label}: {v1} ({d1}) then {v2} ({d2})",
                                "severity": SEVERITIES["DR01"],
                                "evidence": [one_of(dedupe(first1[2] + items1)), one_of(dedupe(items2 + last2[2]))]})
                    break
        for d in stale:
            if d is not d.event.docs[0]:
                continue  # one expectation per stale event
            hist = history(clean, "bp:cum")
            before = [h for h in hist if h[0] < d.date]
            low = evs(d, "bp:cum")
            if not before or not low:
                continue
            value = int(low[0]["text"].replace(",", ""))
            higher = [h for h in before if int(h[1].replace(",", "")) > value]
            if not higher:
                continue
            prev = higher[-1]
            first = next(h for h in hist if h[1] == prev[1])
            stale_items = [i for x in d.event.docs if x.style == "org" for i in evs(x, "bp:cum")]
            out.append({"id": f"dr02-{d.event.key}", "rule": "DR02",
                        "what": f"{org_key}: cumulative count {prev[1]} on {prev[0]} but {value} on {d.date} (a stale boilerplate)",
                        "severity": SEVERITIES["DR02"],
                        "evidence": [one_of(dedupe(prev[2] + first[2])), one_of(stale_items)]})
    return out


def dedupe(items: list[dict]) -> list[dict]:
    out = []
    for i in items:
        if i not in out:
            out.append(i)
    return out


def holder_expectations(world: World, events: list[Event]) -> list[dict]:
    """TI01 for the first change of holder of each one-person title."""
    out = []
    by_title: dict[str, list[Doc]] = {}
    ti02 = {e.plant_info["title"].key for e in events if e.plant == "TI02"}
    for e in events:
        for d in e.docs:
            for key in d.marks:
                if key.startswith("holder:"):
                    by_title.setdefault(key, []).append(d)
    for title in world.titles:
        key = f"holder:{title.key}"
        if not title.unique or title.key in ti02 or key not in by_title:
            continue
        runs: list[tuple[Person, list[Doc]]] = []
        for d in sorted(by_title[key], key=lambda d: (d.date, d.id)):
            person = title.holder(d.date)
            if runs and runs[-1][0] == person:
                runs[-1][1].append(d)
            else:
                runs.append((person, [d]))
        if len(runs) < 2:
            continue
        (p1, docs1), (p2, docs2) = runs[0], runs[1]

        def ends(docs: list[Doc]) -> list[dict]:
            first, last = docs[0].date, docs[-1].date
            return dedupe([i for d in docs if d.date in (first, last) for i in evs(d, key)])

        out.append({"id": f"ti01-{title.key}", "rule": "TI01",
                    "what": f"{title.en}: {p1.zh} ({p1.en}) then {p2.zh} ({p2.en}) from {docs2[0].date}",
                    "severity": SEVERITIES["TI01"], "evidence": [one_of(ends(docs1)), one_of(ends(docs2))]})
    return out


def forbid_items(world: World, events: list[Event], rng: random.Random) -> list[dict]:
    """Consistent statements that look like discrepancies: no warning or error may cite them."""
    out = []
    seen_kinds: set[str] = set()

    def want(kind: str) -> bool:
        if kind not in seen_kinds:
            seen_kinds.add(kind)
            return True
        return rng.random() < 0.12

    for e in events:
        if e.series is None or e.plant is not None:
            continue
        zh = [d for d in e.docs if d.zh]
        en = [d for d in e.docs if not d.zh]
        main = MAIN[e.kind]
        if zh and en:
            a, b = evs(zh[0], main), evs(en[0], main)
            if a and b and a[0]["text"] != b[0]["text"] and want("approx"):
                out.append({"id": f"approx-{e.key}", "what": f"{a[0]['text']} (qualified) and {b[0]['text']} agree ({e.facts[main]})",
                            "severity": FORBID, "evidence": [a[0], b[0]]})
        for d in e.docs:
            t, p = evs(d, "total"), evs(d, "part2")
            if t and p and want("parts"):
                out.append({"id": f"parts-{d.id}", "what": "the parts add up to the total",
                            "severity": FORBID, "evidence": [t[0], p[0]]})
                break
        for d in e.docs:
            a = evs(d, "avg")
            num = {"contest": "patents", "awards": "entries", "expo": "visitors", "forum": "speakers"}[e.kind]
            b = evs(d, num)
            if a and b and want("average"):
                out.append({"id": f"average-{d.id}", "what": "the stated average is what the counts give",
                            "severity": FORBID, "evidence": [a[0], b[0]]})
                break
        for d in e.docs:
            a = evs(d, "list_count")
            if a and want("list"):
                out.append({"id": f"list-{d.id}", "what": "the declared count matches the list",
                            "severity": FORBID, "evidence": [a[0]]})
                break
        for doc, i, variant in e.plant_info.get("variant_docs", []):
            body = evs(doc, f"winner{i}")
            cap = [x for x in evs(doc, f"caption_winner{i}") if x["text"] == variant]
            if body and cap and want("variant"):
                out.append({"id": f"variant-{doc.id}-{i}", "what": f"{body[0]['text']} and {variant} are one name in variant characters",
                            "severity": FORBID, "evidence": [body[0], cap[0]]})
        gov_en = [d for d in en if d.style == "gov"]
        if e.winners and zh and gov_en:
            a, b = evs(zh[0], "winner0"), evs(gov_en[0], "winner0")
            en_short = e.winners[0].en
            if a and b and want("legal"):
                z = zh[0]
                para = next(p for p, t in z.marks["winner0"])
                if en_short in z.paras[para]:
                    out.append({"id": f"legal-{e.key}", "what": f"{en_short} and {e.winners[0].legal} are one company",
                                "severity": FORBID, "evidence": [ev(z, en_short, para), b[0]]})
    # consecutive editions with consecutive ordinals
    for e in events:
        nxt = e.next_edition
        if e.plant is None and nxt is not None and nxt.plant is None:
            a = [i for d in e.docs if d.zh for i in evs(d, "ord")]
            b = [i for d in nxt.docs if d.zh for i in evs(d, "ord")]
            if a and b and want("ordinals"):
                out.append({"id": f"ordinals-{e.key}", "what": f"editions {e.ordinal} and {nxt.ordinal} in consecutive years",
                            "severity": FORBID, "evidence": [a[0], b[0]]})
    return out


# ---------------------------------------------------------------------------------------- main


def generate(n_docs: int, seed: int) -> tuple[list[Doc], dict]:
    """The corpus (documents with their text) and the gold data, in memory."""
    rng = random.Random(seed)
    world = World(rng, n_docs)
    events = plan_events(world, n_docs)
    by_series: dict[str, list[Event]] = {}
    for e in events:
        draw_facts(world, e)
        if e.series is not None:
            by_series.setdefault(e.series.key, []).append(e)
    for group in by_series.values():
        for a, b in zip(group, group[1:]):
            if b.year == a.year + 1:
                a.next_edition = b
        for e in group:
            e.series_events = group
    plant(world, events, n_docs)
    # documents, in date order, named like the seeds: NNNNN_<16 hex digits>
    docs: list[Doc] = []
    for e in sorted(events, key=lambda e: (e.date, e.key)):
        for lang in e.langs:
            gov = e.series.gov_share if e.series else 0.1
            style = "gov" if lang != "zh-Hans" and rng.random() < gov else "org"
            if e.plant in ("EN01", "AW01", "DR02", "SU01") and lang != "en":
                style = "org"
            if e.plant == "DR02":
                style = "org"
            doc = Doc("", lang, e.date, e, style)
            e.docs.append(doc)
            docs.append(doc)
    for i, doc in enumerate(docs):
        doc.id = f"{i:05d}_{rng.getrandbits(64):016x}"
        write_doc(world, doc, rng)
        assemble(doc, rng)
    docs_by_date: dict[dt.date, list[Doc]] = {}
    for d in docs:
        docs_by_date.setdefault(d.date, []).append(d)
    expects = []
    for e in events:
        if e.plant:
            item = gold_for_plant(e, docs_by_date)
            if item:
                expects.append(item)
    expects.extend(drift_expectations(events))
    expects.extend(holder_expectations(world, events))
    forbids = forbid_items(world, events, rng)
    return docs, {"expect": expects, "forbid": forbids, "seed": seed, "docs": n_docs}


def toml_value(value) -> str:
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {toml_value(v)}" for k, v in value.items()) + " }"
    raise TypeError(type(value))


def render_gold(gold: dict) -> str:
    counts: dict[str, int] = {}
    for item in gold["expect"]:
        counts[item["rule"]] = counts.get(item["rule"], 0) + 1
    lines = [
        f"# Gold for a generated benchmark corpus: bench/generate.py --docs {gold['docs']} --seed {gold['seed']}",
        "# [[expect]]: some finding at an allowed severity must cite every evidence item;",
        "# [[forbid]]: no warning or error may cite all the items of one (consistent statements).",
        "# Scored by bench/score.py (the same matching as seeds-gold.toml's scorer).",
        "# expected by rule: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())),
        "",
    ]
    for section in ("expect", "forbid"):
        for item in gold[section]:
            lines.append(f"[[{section}]]")
            for key in ("id", "rule", "what", "severity"):
                if key in item:
                    lines.append(f"{key} = {toml_value(item[key])}")
            lines.append("evidence = [")
            for e in item["evidence"]:
                lines.append(f"  {toml_value(e)},")
            lines.append("]")
            lines.append("")
    return "\n".join(lines)


def write_corpus(n_docs: int, seed: int, out: Path) -> dict:
    """Write the corpus and DIR/gold.toml; return the gold data."""
    docs, gold = generate(n_docs, seed)
    out.mkdir(parents=True, exist_ok=True)
    for doc in docs:
        (out / f"{doc.id}.txt").write_bytes(doc.text.encode("utf-8"))
    (out / "gold.toml").write_bytes(render_gold(gold).encode("utf-8"))
    return gold


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, required=True, help="number of releases to write")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True, help="directory to write (created if missing)")
    args = parser.parse_args(argv)
    if args.docs < 1:
        parser.error("--docs must be at least 1")
    if args.out.exists() and any(args.out.glob("*.txt")):
        parser.error(f"{args.out} already holds .txt files; give an empty or new directory")
    gold = write_corpus(args.docs, args.seed, args.out)
    print(f"wrote {args.docs} releases and gold.toml ({len(gold['expect'])} expected, {len(gold['forbid'])} forbidden) to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
