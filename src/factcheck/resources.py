"""Where the built-in rules and lexicons live.

An installed wheel carries them as package data (``factcheck/_rules``); an editable install or a
source checkout reads the repository's ``rules/`` folder.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def builtin_rules_dir() -> Path:
    packaged = Path(str(resources.files("factcheck") / "_rules"))
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / "rules"
    if checkout.is_dir():
        return checkout
    msg = f"factcheck's built-in rules are missing (looked in {packaged} and {checkout}); reinstall factcheck"
    raise FileNotFoundError(msg)
