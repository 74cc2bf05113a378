"""Small pure text functions used to build comparison keys."""

from __future__ import annotations

import functools
import re
import unicodedata

import opencc


@functools.lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional (and variant) characters to Simplified, via OpenCC.

    >>> to_simplified("濃說科技 濃説科技")
    '浓说科技 浓说科技'
    >>> to_simplified("Cyberport")
    'Cyberport'
    """
    if text.isascii():
        return text
    return _t2s().convert(text)


def text_key(text: str) -> str:
    """A comparison key: NFKC, Simplified, casefolded, spaces collapsed.

    >>> text_key("Ｐｒｏｊｅｃｔｓ  說")
    'projects 说'
    """
    text = unicodedata.normalize("NFKC", text)
    text = to_simplified(text).casefold()
    return re.sub(r"\s+", " ", text).strip()
