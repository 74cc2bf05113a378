"""Number parsing round-trips: any count written the ways releases write it reads back as itself.

tests/numbers/ pins chosen phrases (forms, qualifiers, non-counts); here hypothesis writes any
integer below 10^12 as plain digits, with thousands separators, in full-width digits, in English
and in Chinese numerals (萬/億 grouping, 零 for skipped places), inside a sentence, and checks
that ``find_quantities`` reads exactly that value, quoting the text at its offsets. The same
budget switch as test_pipeline_properties.py applies (FACTCHECK_HYPOTHESIS_PROFILE=thorough).
"""

from __future__ import annotations

import os

from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.numbers import find_quantities, parse_quantity

THOROUGH = os.environ.get("FACTCHECK_HYPOTHESIS_PROFILE") == "thorough"
DIGITS = "零一二三四五六七八九"
FULL_WIDTH = str.maketrans("0123456789,", "０１２３４５６７８９，")


def zh_numeral(n: int) -> str:
    """An integer in Chinese numerals as a release writes it.

    >>> zh_numeral(0), zh_numeral(105), zh_numeral(1_900), zh_numeral(230_000_005)
    ('零', '一百零五', '一千九百', '二億三千萬零五')
    """
    if n == 0:
        return "零"
    groups = []
    while n:
        groups.append(n % 10_000)
        n //= 10_000
    out = ""
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if not group:
            continue
        if out and group < 1000:
            out += "零"
        out += _four(group) + ("", "萬", "億")[index]
    return out


def _four(n: int) -> str:
    out, gap = "", False
    for unit, place in (("千", 1000), ("百", 100), ("十", 10), ("", 1)):
        digit = n // place % 10
        if digit:
            out += ("零" if gap and out else "") + DIGITS[digit] + unit
            gap = False
        else:
            gap = True
    return out


FORMS = {
    "plain": lambda n: f"今年共有{n}個項目參賽。",
    "separators": lambda n: f"今年共有{n:,}個項目參賽。",
    "full-width": lambda n: f"今年共有{n:,}個項目參賽。".translate(FULL_WIDTH),
    "english": lambda n: f"This year {n:,} projects took part.",
    "chinese numerals": lambda n: f"今年共有{zh_numeral(n)}個項目參賽。",
}


@settings(max_examples=300 * (20 if THOROUGH else 1), deadline=None)
@given(st.integers(0, 10**12 - 1) | st.integers(0, 10_000), st.sampled_from(sorted(FORMS)))
def test_a_count_reads_back_as_itself(n: int, form: str) -> None:
    text = FORMS[form](n)
    counts = [q for q in find_quantities(text) if q.kind == "cardinal"]
    assert [q.value for q in counts] == [n], (text, [(q.text, q.kind, q.value) for q in find_quantities(text)])
    (q,) = counts
    assert text[q.start:q.end] == q.text and q.start <= q.number_start < q.number_end <= q.end
    again = parse_quantity(q.text)
    assert again is not None and again.value == n
