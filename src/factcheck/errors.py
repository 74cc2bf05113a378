"""Errors the library raises. The CLI turns every ``FactcheckError`` into a one-line message on
stderr and exit status 2; nothing else reaches a user as a traceback."""

from __future__ import annotations


class FactcheckError(Exception):
    """Base class: a problem the user can fix (bad input, bad rule file, bad option)."""


class InputError(FactcheckError):
    """A path that does not exist or cannot be read at all."""


class RuleFileError(FactcheckError):
    """A rule, lexicon or config file that cannot be used.

    >>> str(RuleFileError("rules/numbers/NU01.toml", "unknown key", line=17, key="precison",
    ...                   hint="did you mean 'precision'?"))
    "rules/numbers/NU01.toml:17: precison: unknown key; did you mean 'precision'?"
    """

    def __init__(self, path: str, message: str, *, line: int | None = None, key: str | None = None,
                 hint: str | None = None) -> None:
        self.path = str(path)
        self.line = line
        self.key = key
        self.hint = hint
        self.detail = message
        where = f"{self.path}:{line}" if line else self.path
        text = f"{where}: {key + ': ' if key else ''}{message}"
        if hint:
            text += f"; {hint}"
        super().__init__(text)


class ConfigError(RuleFileError):
    """A malformed ``factcheck.toml`` or ``[tool.factcheck]`` table."""
