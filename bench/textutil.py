"""Small pure helpers for writing numbers, dates and names the way releases do.

Kept apart from the generator so that each can be read and doctested on its own.
"""

from __future__ import annotations

import datetime as dt
import math
import random

ZH_DIGITS = "零一二三四五六七八九"
EN_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
            "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
            "nineteen", "twenty"]
EN_ORDINALS = ["zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
               "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
               "seventeenth", "eighteenth", "nineteenth", "twentieth"]
WEEKDAYS_ZH = "一二三四五六日"

ZH_QUALIFIERS = {"about": ["約", "約", "大約", "約有"], "over": ["超過", "逾", "超過"], "nearly": ["接近", "近"]}
EN_QUALIFIERS = {"about": ["about", "around", "approximately", "some"], "over": ["more than", "over"],
                 "nearly": ["nearly", "almost"]}


def format_int(n: int) -> str:
    """Thousands separators, as both languages write them.

    >>> format_int(1900), format_int(148)
    ('1,900', '148')
    """
    return f"{n:,}"


def write_zh_numeral(n: int) -> str:
    """1..99 in Chinese numerals.

    >>> write_zh_numeral(4), write_zh_numeral(10), write_zh_numeral(12), write_zh_numeral(25)
    ('四', '十', '十二', '二十五')
    """
    if not 0 < n < 100:
        raise ValueError(f"no Chinese numeral for {n}")
    tens, units = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else ZH_DIGITS[tens] + "十")
    return head + (ZH_DIGITS[units] if units else "")


def write_en_ordinal(n: int) -> str:
    """An English ordinal: words up to twentieth, then digits.

    >>> write_en_ordinal(5), write_en_ordinal(22), write_en_ordinal(13)
    ('fifth', '22nd', 'thirteenth')
    """
    if n < len(EN_ORDINALS):
        return EN_ORDINALS[n]
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def rounding_step(value: int) -> int | None:
    """The step a release rounds a count to, or None when it is too small to round.

    >>> rounding_step(148), rounding_step(1950), rounding_step(45210), rounding_step(60)
    (10, 100, 1000, None)
    """
    if value < 100:
        return None
    return 10 ** (len(str(value)) - 2)


def approximations(value: int) -> dict[str, int]:
    """The round numbers a writer may put beside a qualifier, each containing `value`.

    "about X" is within 3% of X, "over X" means X < value <= 1.1 X, "nearly X" means
    0.95 X <= value < X. Only safe choices are returned, so every reading contains the truth.

    >>> approximations(148)
    {'about': 150, 'over': 140, 'nearly': 150}
    >>> approximations(1950)
    {'about': 2000, 'over': 1900, 'nearly': 2000}
    >>> approximations(1900)
    {'over': 1800, 'nearly': 2000}
    >>> approximations(60)
    {}
    """
    step = rounding_step(value)
    if step is None:
        return {}
    out: dict[str, int] = {}
    about = round(value / step) * step
    if about != value and abs(value - about) <= 0.03 * about:
        out["about"] = about
    over = ((value - 1) // step) * step
    if 0 < over < value <= over * 1.1:
        out["over"] = over
    nearly = (value // step + 1) * step
    if value >= 0.95 * nearly:
        out["nearly"] = nearly
    return out


def qualify(value: int, lang: str, rng: random.Random, approx_weight: float) -> tuple[str, str]:
    """A count as a release writes it: (phrase, the number's own text for the gold file).

    `approx_weight` is the chance of rounding with a qualifier when one is safe.

    >>> qualify(148, "zh", random.Random(1), 1.0)
    ('大約150', '150')
    >>> qualify(148, "en", random.Random(1), 0.0)
    ('148', '148')
    """
    options = approximations(value)
    if options and rng.random() < approx_weight:
        kind = rng.choice(sorted(options))
        number = options[kind]
        if lang == "zh":
            if number >= 10000 and number % 1000 == 0 and rng.random() < 0.5:
                text = f"{number / 10000:g}萬"
            else:
                text = format_int(number)
            return rng.choice(ZH_QUALIFIERS[kind]) + text, text
        text = format_int(number)
        return f"{rng.choice(EN_QUALIFIERS[kind])} {text}", text
    text = format_int(value)
    return text, text


def write_small(n: int, lang: str, rng: random.Random, words: float = 0.4) -> str:
    """A small count, sometimes in words ("三", "three"), as releases do.

    >>> write_small(3, "zh", random.Random(0), words=1.0), write_small(3, "en", random.Random(0), words=1.0)
    ('三', 'three')
    >>> write_small(12, "en", random.Random(0), words=1.0)
    '12'
    """
    if n <= 10 and rng.random() < words:
        return write_zh_numeral(n) if lang == "zh" else EN_WORDS[n]
    return str(n)


def write_date(day: dt.date, lang: str, rng: random.Random) -> str:
    """A release date.

    >>> write_date(dt.date(2023, 9, 13), "zh", random.Random(0))
    '2023年9月13日'
    >>> write_date(dt.date(2023, 9, 13), "en", random.Random(3))
    'September 13, 2023'
    """
    if lang == "zh":
        return f"{day.year}年{day.month}月{day.day}日"
    if rng.random() < 0.6:
        return f"{day:%B} {day.day}, {day.year}"
    return f"{day.day} {day:%B} {day.year}"


def write_weekday_date(day: dt.date, lang: str) -> str:
    """The date line that ends a government release.

    >>> write_weekday_date(dt.date(2023, 9, 13), "zh"), write_weekday_date(dt.date(2023, 9, 13), "en")
    ('2023年9月13日（星期三）', 'Wednesday, September 13, 2023')
    """
    if lang == "zh":
        return f"{day.year}年{day.month}月{day.day}日（星期{WEEKDAYS_ZH[day.weekday()]}）"
    return f"{day:%A}, {day:%B} {day.day}, {day.year}"


def join_items(items: list[str], lang: str, rng: random.Random) -> str:
    """A written list: 「a」、「b」及「c」 / a; b; and c.

    >>> join_items(["金融科技", "物聯網", "新材料"], "zh", random.Random(0))
    '金融科技、物聯網和新材料'
    >>> join_items(["fintech", "IoT", "new materials"], "en", random.Random(1))
    'fintech; IoT; and new materials'
    """
    if lang == "zh":
        quoted = rng.random() < 0.7 or any("、" in i for i in items)
        parts = [f"「{i}」" if quoted else i for i in items]
        return "、".join(parts[:-1]) + rng.choice(["及", "和", "以及"]) + parts[-1]
    if rng.random() < 0.6 or any("," in i for i in items):
        return "; ".join(items[:-1]) + "; and " + items[-1]
    return ", ".join(items[:-1]) + " and " + items[-1]


def ceil_div(a: int, b: int) -> int:
    """
    >>> ceil_div(7, 2)
    4
    """
    return -(-a // b)


def round_half_up(x: float, digits: int = 0) -> float:
    """Rounding as a person does it (2.25 -> 2.3), not banker's rounding.

    >>> round_half_up(2.25, 1), round_half_up(2.5)
    (2.3, 3.0)
    """
    factor = 10 ** digits
    return math.floor(x * factor + 0.5 + 1e-9) / factor
