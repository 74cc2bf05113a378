"""The word tables of :mod:`factcheck.numbers`, loaded once from ``data/numbers.toml``.

This module turns the data file into lookup dictionaries and regular-expression fragments; it
holds no grammar. Keeping the vocabulary in one data file (like ftfy's ``chardata``) means a new
qualifier, counter word or currency is a one-line change that needs no code.
"""

from __future__ import annotations

import re
import tomllib
from fractions import Fraction
from importlib import resources
from typing import Any


def _load() -> dict[str, Any]:
    text = resources.files("factcheck").joinpath("data/numbers.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


DATA = _load()


def alternation(words: list[str] | set[str] | dict[str, Any], *, spaced: bool = False) -> str:
    """A regex alternation of ``words``, longest first so that a word beats its prefixes.

    ``spaced`` lets blanks stand between the characters of a CJK word (``个 百 分 点``).

    >>> alternation(["約", "大約"])
    '大約|約'
    >>> alternation(["per cent"])
    'per[ \\\\t]*cent'
    """
    out = []
    for word in sorted(set(words), key=lambda w: (-len(w), w)):
        if spaced:
            out.append("[ \\t]*".join(re.escape(ch) for ch in word))
        else:
            out.append(re.escape(word).replace("\\ ", "[ \\t]*"))
    return "|".join(out)


# ----------------------------------------------------------------------------- numerals
_num = DATA["numerals"]
ZH_DIGITS: dict[str, int] = dict(_num["digits"])
ZH_FORMAL: frozenset[str] = frozenset(_num["formal"])
ZH_NOT_POSITIONAL: frozenset[str] = frozenset(_num["not_positional"])
ZH_SMALL: dict[str, int] = dict(_num["small_scales"])
ZH_BIG: dict[str, int] = dict(_num["big_scales"])
ZH_POINTS: str = _num["points"]
ZH_MINUS: str = _num["minus"]
ZH_APPROX_INFIX: str = _num["approx_infix"]
ZH_PLUS_SUFFIX: list[str] = list(_num["plus_suffix"])
ZH_HALF: str = _num["half"]
VULGAR: dict[str, Fraction] = {ch: Fraction(a, b) for ch, (a, b) in _num["vulgar"].items()}

# ----------------------------------------------------------------------------- English
_en = DATA["english"]
EN_WORDS: dict[str, tuple[str, int]] = {}
for _w, _v in _en["units"].items():
    EN_WORDS[_w] = ("unit", _v)
for _w, _v in _en["teens"].items():
    EN_WORDS[_w] = ("teen", _v)
for _w, _v in _en["tens"].items():
    EN_WORDS[_w] = ("tens", _v)
for _w in _en["hundred"]:
    EN_WORDS[_w] = ("hundred", 100)
    EN_WORDS[_w + "s"] = ("hundreds", 100)
for _w, _v in _en["scales"].items():
    EN_WORDS[_w] = ("scale", _v)
for _w in _en["dozen"]:
    EN_WORDS[_w] = ("dozen", 12)
for _w, _v in _en["ordinals"].items():
    EN_WORDS[_w] = ("ord", _v)
    EN_WORDS[_w + "s"] = ("ords", _v)
for _w, _v in _en["fractions"].items():
    EN_WORDS[_w] = ("ords" if _w.endswith("s") else "frac", _v)
EN_WORDS["a"] = ("a", 1)
EN_WORDS["an"] = ("a", 1)
EN_WORDS["and"] = ("and", 0)
EN_WORDS["point"] = ("point", 0)
EN_ORDINAL_SUFFIXES: list[str] = list(_en["ordinal_suffixes"])
EN_MINUS: list[str] = list(_en["minus"])
EN_ORDINAL_NOUNS: frozenset[str] = frozenset(_en["ordinal_nouns"])
EN_ORDINAL_UNITS: list[str] = list(_en["ordinal_units"])
EN_PRONOUN_ONE_BEFORE: frozenset[str] = frozenset(_en["pronoun_one_before"])

# ----------------------------------------------------------------------------- scales after digits
LETTER_SCALES: dict[str, int] = dict(DATA["scales"]["letters"])
MONEY_LETTER_SCALES: dict[str, int] = dict(DATA["scales"]["money_only"])

# ----------------------------------------------------------------------------- qualifiers
_q = DATA["qualifiers"]
QUAL_PREFIX: dict[str, str] = {k.lower() if k.isascii() else k: v for k, v in _q["prefix"].items()}
QUAL_SUFFIX: dict[str, str] = {k.lower() if k.isascii() else k: v for k, v in _q["suffix"].items()}
QUAL_VETO_BEFORE: dict[str, str] = dict(_q["veto_before"])
QUAL_ROUND_ONLY: frozenset[str] = frozenset(_q["round_only"]["words"])
QUAL_BARE_ONLY: frozenset[str] = frozenset(_q["bare_only"]["words"])
QUAL_VETO_UNITS: dict[str, frozenset[str]] = {k: frozenset(v) for k, v in _q["veto_units"].items()}

# ----------------------------------------------------------------------------- units
UNITS: dict[str, tuple[str, str]] = {}  # form as written -> (canonical, family)
for _family in ("classifiers", "time", "measure"):
    for _canon, _forms in DATA["units"][_family].items():
        for _form in _forms:
            UNITS.setdefault(_form if not _form.isascii() else _form, (_canon, _family))
CURRENCY_PREFIX: dict[str, str] = {}
CURRENCY_SUFFIX: dict[str, str] = {}
for _code, _forms in DATA["currencies"].items():
    for _form in _forms.get("prefix", []):
        CURRENCY_PREFIX[_form] = _code
    for _form in _forms.get("suffix", []):
        CURRENCY_SUFFIX[_form] = _code

# ----------------------------------------------------------------------------- percent
PERCENT_SUFFIX: list[str] = list(DATA["percent"]["suffix"])
PERCENT_POINTS: frozenset[str] = frozenset(DATA["percent"]["points"])
PERCENT_PREFIX: dict[str, Fraction] = {k: Fraction(str(v)) for k, v in DATA["percent"]["prefix"].items()}

# ----------------------------------------------------------------------------- non-numbers
NONNUMERIC_ZH: list[str] = list(DATA["nonnumeric"]["zh"])
NONNUMERIC_EN: list[str] = list(DATA["nonnumeric"]["en"])
NOT_DOZEN: list[str] = list(DATA["nonnumeric"]["not_dozen"])
UNIT_VETO: list[str] = list(DATA["unit_veto"]["words"])
CHENG_VETO_AFTER: frozenset[str] = frozenset(DATA["cheng"]["veto_after"])
FIRST_COUNTERS: str = DATA["first"]["counters"]
VAGUE_BEFORE: str = DATA["vague"]["before"]
