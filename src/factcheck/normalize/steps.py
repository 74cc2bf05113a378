"""Small pure text functions: width folding, Simplified Chinese, and comparison keys.

Each takes a string and returns a string; none keeps offsets (``factcheck.normalize`` does
that for whole documents). Use the keys to decide whether two spellings mean the same thing;
always show the original text to people.

Name keys: what counts as a legal suffix
----------------------------------------
``name_key`` drops what says *what legal form* an organisation has, and keeps what says *which*
organisation it is:

- dropped at the end of a name: Limited, Ltd, Company, Co, Inc, Incorporated, Corp,
  Corporation, LLC, LLP, PLC, GmbH, Pte, Pty, AG, SA, BV, NV; 有限公司, 股份有限公司,
  有限責任公司 (in any order and repetition, e.g. "Co., Ltd.");
- dropped anywhere when in brackets: a place tag (HK), (H.K.), (Hong Kong), (香港), (China),
  (中國), (Macau), (澳門), (International), (Asia);
- a leading "The" is dropped; "&", "and", "及", "與", "和", "暨" are one connective;
- kept, because they name a different legal entity: Holdings, Group, 集團, 控股 (a group and
  its operating company are not interchangeable when their figures are compared), and a bare
  公司 ("科技園公司" is how HKSTP names itself).
"""

from __future__ import annotations

import functools
import re
import unicodedata

import opencc

# Punctuation that NFKC would turn into something unhelpful, mapped first to the form NFKC
# folds well: U+FE30 (vertical two-dot leader, used as a colon in Big5-era text) would
# otherwise become "..".
_PUNCT_TABLE = str.maketrans({"\ufe30": "：", "\u2236": ":"})


@functools.lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


@functools.lru_cache(maxsize=1)
def _s2t() -> opencc.OpenCC:
    return opencc.OpenCC("s2t")


def fold_width(text: str) -> str:
    """NFKC: full-width digits, letters and punctuation become ASCII; compatibility forms fold.

    >>> fold_width("２０２３年９月１３日，約１５０個項目")
    '2023年9月13日,約150個項目'
    >>> fold_width("ＣＹＢＥＲＰＯＲＴ（ＨＫ）　Ｌｔｄ︰")
    'CYBERPORT(HK) Ltd:'
    """
    if text.isascii():
        return text
    return unicodedata.normalize("NFKC", text.translate(_PUNCT_TABLE))


_SURROGATE = re.compile("([\ud800-\udfff]+)")


def to_simplified(text: str) -> str:
    """Traditional (and variant) characters to Simplified, via OpenCC t2s.

    >>> to_simplified("濃說科技 濃説科技 產産 爲為 週周")
    '浓说科技 浓说科技 产产 为为 周周'
    >>> to_simplified("Cyberport"), to_simplified("數碼\\ud800港")
    ('Cyberport', '数码\\ud800港')
    """
    if text.isascii():
        return text
    try:
        return _t2s().convert(text)
    except UnicodeEncodeError:  # a lone surrogate (text from check_texts, not a file) cannot reach OpenCC
        return "".join(p if _SURROGATE.fullmatch(p) else _t2s().convert(p) for p in _SURROGATE.split(text) if p)


def to_traditional(text: str) -> str:
    """Simplified to Traditional, via OpenCC s2t (used to tell zh-Hans from zh-Hant).

    >>> to_traditional("数码港")
    '數碼港'
    >>> to_traditional("Cyberport")
    'Cyberport'
    """
    if text.isascii():
        return text
    try:
        return _s2t().convert(text)
    except UnicodeEncodeError:
        return "".join(p if _SURROGATE.fullmatch(p) else _s2t().convert(p) for p in _SURROGATE.split(text) if p)


_SPACES = re.compile(r"\s+")


def collapse_spaces(text: str) -> str:
    """Runs of white space (line breaks too) become one space; ends are trimmed.

    >>> collapse_spaces("  Hong Kong\\n\\n Cyberport ")
    'Hong Kong Cyberport'
    >>> collapse_spaces("數碼港\\u3000 社群")
    '數碼港 社群'
    """
    return _SPACES.sub(" ", text).strip()


# Names, metrics and series labels recur in release after release: remember their keys.
@functools.lru_cache(maxsize=1 << 16)
def text_key(text: str) -> str:
    """A comparison key: NFKC, Simplified, casefolded, spaces collapsed.

    >>> text_key("Ｐｒｏｊｅｃｔｓ  說")
    'projects 说'
    >>> text_key("香港特別行政區 政府") == text_key("香港特别行政区  政府")
    True
    """
    return collapse_spaces(to_simplified(fold_width(text)).casefold())


_HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_PLACE_TAG = re.compile(
    r"\(\s*(?:hk|h\.k\.?|hong\s*kong|香港|china|中国|prc|macau|macao|澳门|international|asia)\s*\)"
)
_CONNECTIVE = re.compile(rf"\s*(?:&|\band\b|及|与|和|暨)\s*")
_LEGAL_ZH = re.compile(r"(?:股份有限公司|有限责任公司|有限公司)$")
_LEGAL_EN = frozenset(
    "limited ltd company co inc incorporated corp corporation llc llp plc gmbh pte pty ag sa bv nv".split()
)
_NAME_PUNCT = re.compile(r"[.,'’\"“”]")
_HYPHENS = re.compile(r"[-‐‑–—]")
_CJK_SPACE = re.compile(rf"(?<=[{_HAN}&])\s+|\s+(?=[{_HAN}&])")


def name_key(name: str) -> str:
    """A key for an organisation's name that ignores legal suffixes and connectives.

    >>> name_key("Calandex Innovation and Technology (HK) Company Limited")
    'calandex innovation&technology'
    >>> name_key("Calandex Innovation & Technology") == name_key("Calandex Innovation and Technology (HK) Company Limited")
    True
    >>> name_key("高瞻創新科技有限公司") == name_key("高瞻创新科技")
    True
    >>> name_key("Hong Kong Cyberport Management Co., Ltd.")
    'hong kong cyberport management'
    >>> name_key("長江和記實業控股有限公司")
    '长江&记实业控股'
    >>> name_key("CK Hutchison Holdings Limited")
    'ck hutchison holdings'
    """
    key = text_key(name)
    key = _PLACE_TAG.sub(" ", key)
    key = _NAME_PUNCT.sub(" ", key)
    key = _HYPHENS.sub(" ", key)
    key = _CONNECTIVE.sub("&", key)
    key = collapse_spaces(key)
    if key.startswith("the "):
        key = key[4:]
    whole = key
    while True:
        stripped = _LEGAL_ZH.sub("", key).rstrip()
        words = stripped.split(" ")
        while words and words[-1] in _LEGAL_EN:
            words.pop()
        stripped = " ".join(words)
        if stripped == key or not stripped:
            break
        key = stripped
    if not stripped:
        key = whole  # a name made only of legal words ("Company Limited") stays as it is
    return _CJK_SPACE.sub("", key)


_HONORIFIC_EN = frozenset(
    "mr mrs ms miss dr prof professor sir dame ir hon the sbs jp bbs mh gbs gbm obe mbe cbe".split()
)
_HONORIFIC_ZH = re.compile(r"(?:太平绅士|先生|女士|小姐|博士|教授|议员|医生|工程师)$")
_PERSON_PUNCT = re.compile(r"[.,()（）'’]")


def person_key(name: str) -> str:
    """A key for a person's name: no honorifics, Simplified, casefolded, word order ignored.

    >>> person_key("Mr Tony WONG") == person_key("Wong, Tony")
    True
    >>> person_key("宋來教授") == person_key("宋来")
    True
    >>> person_key("Professor Song Lai")
    'lai song'
    >>> person_key("Chi-kwong Wong") == person_key("WONG Chikwong")
    True
    """
    key = text_key(name)
    key = _PERSON_PUNCT.sub(" ", key)
    key = re.sub(r"(?<=\w)[-‐‑](?=\w)", "", key)
    key = collapse_spaces(key)
    while True:
        stripped = _HONORIFIC_ZH.sub("", key)
        if stripped == key or not stripped:
            break
        key = stripped
    words = [w for w in key.split(" ") if w not in _HONORIFIC_EN] or key.split(" ")
    if any(re.search(f"[{_HAN}]", w) for w in words):
        return "".join(words)
    return " ".join(sorted(words))
