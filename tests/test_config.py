"""User configuration: discovery, validation with file:line, suppressions."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.config import Config, Suppression, find_config, load_config
from factcheck.errors import ConfigError
from factcheck.model import Severity

FULL = """\
rules = ["house-rules"]
select = ["NU", "SU01"]
ignore = "EN03"
fail-on = "warning"
min-severity = "warning"

[severity]
SU01 = "error"
TI02 = "off"

[params.NU01]
tolerance_rel = 0.02

[[suppress]]
id = "NU01-3f2a9c0d1b7e"
reason = "corrected in a later release"
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_every_key_is_read(tmp_path: Path) -> None:
    (tmp_path / "house-rules").mkdir()
    config = load_config(write(tmp_path / "factcheck.toml", FULL))
    assert config.path == tmp_path / "factcheck.toml"
    assert config.rules == (tmp_path / "house-rules",)  # relative to the config file
    assert config.select == ("NU", "SU01") and config.ignore == ("EN03",)
    assert config.fail_on is Severity.WARNING and config.min_severity is Severity.WARNING
    assert dict(config.severity) == {"SU01": "error", "TI02": "off"}
    assert dict(config.params["NU01"]) == {"tolerance_rel": 0.02}
    assert config.suppress == (Suppression("NU01-3f2a9c0d1b7e", "corrected in a later release", 14),)


def test_defaults_when_no_file_is_found(tmp_path: Path) -> None:
    assert load_config(None, tmp_path) == Config()
    assert Config().fail_on is Severity.ERROR and Config().select is None


def test_discovery_walks_up_and_prefers_factcheck_toml(tmp_path: Path) -> None:
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    write(tmp_path / "pyproject.toml", '[tool.factcheck]\nfail-on = "info"\n')
    assert find_config(deep) == tmp_path / "pyproject.toml"
    assert load_config(None, deep).fail_on is Severity.INFO
    write(tmp_path / "a" / "pyproject.toml", '[tool.black]\nline-length = 100\n')  # no [tool.factcheck]
    assert find_config(deep) == tmp_path / "pyproject.toml"
    write(tmp_path / "a" / "factcheck.toml", 'fail-on = "never"\n')
    assert find_config(deep) == tmp_path / "a" / "factcheck.toml"
    assert load_config(None, deep).fail_on is None


def test_explicit_pyproject_reads_the_tool_table(tmp_path: Path) -> None:
    path = write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n\n[tool.factcheck]\nignore = ["NU02"]\n')
    assert load_config(path).ignore == ("NU02",)


def test_unknown_key_names_file_line_and_suggestion(tmp_path: Path) -> None:
    path = write(tmp_path / "factcheck.toml", 'select = ["NU"]\nfail_on = "error"\n')
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert str(caught.value) == f"{path}:2: fail_on: unknown key; did you mean 'fail-on'?"


def test_unknown_key_inside_tool_table_of_pyproject(tmp_path: Path) -> None:
    text = '[tool.black]\nselect = 1\n\n[tool.factcheck]\nselect = ["NU"]\nignroe = []\n'
    path = write(tmp_path / "pyproject.toml", text)
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert str(caught.value) == f"{path}:6: ignroe: unknown key; did you mean 'ignore'?"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('fail-on = "errors"\n', "1: fail-on: expected one of error, warning, info, never, got 'errors'; "
                                 "did you mean 'error'?"),
        ("select = [1]\n", "1: select: expected an array of strings"),
        ('[severity]\nNU01 = "fatal"\n', "2: [severity] NU01: expected error, warning, info or off, got 'fatal'"),
        ("[params]\nNU01 = 3\n", "2: [params] NU01: expected a table [params.NU01], got integer"),
        ('rules = ["missing"]\n', "1: rules: rule folder '{dir}/missing' does not exist"),
        ('[[suppress]]\nid = "NU01-aa"\n', "1: suppress: [[suppress]] entry 1 (NU01-aa) needs a reason; "
                                         "say why the finding is accepted, for the next reviewer"),
        ('[[suppress]]\nid = "NU01-aa"\nreason = "ok"\n\n[[suppress]]\nid = "X"\nreasn = "x"\n',
         "7: reasn: unknown key in [[suppress]] entry 2; did you mean 'reason'?"),
        ('[[suppress]]\nid = "A"\nreason = "ok"\n[[suppress]]\nid = "A"\nreason = "again"\n',
         "4: suppress: A is suppressed twice (entries 1 and 2)"),
        ('fail-on = "error"\nfail-on = "info"\n', "2: invalid TOML: Cannot overwrite a value (column 17)"),
        ('fail-on = "error"\nselect = [\n', "2: invalid TOML: Invalid value (at the end of the file)"),
    ],
)
def test_invalid_values_name_the_line(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path / "factcheck.toml", text)
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert str(caught.value) == f"{path}:{message.format(dir=tmp_path)}"


def test_missing_config_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path / "nope.toml")
    assert str(caught.value) == f"{tmp_path / 'nope.toml'}: config file not found"
