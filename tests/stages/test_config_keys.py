"""Configuration keys as ruff spells them: kebab-case and snake_case, select/ignore with enable/disable as old names,
conflicts and unknown keys, the same rules in [[overrides]]; `ambiguity config` prints TOML that reads back."""
from __future__ import annotations

import json
import logging
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from ambiguity import config as config_module
from ambiguity.cli import main
from ambiguity.config import ConfigError, canonical, explain, parse_config

CASES = {  # canonical key -> (TOML value, setup.cfg value, expected attribute value)
    "min-severity": ('"warning"', "warning", "warning"),
    "min-confidence": ("0.5", "0.5", 0.5),
    "fail-on": ('"info"', "info", "info"),
    "extend-exclude": ('["drafts"]', "drafts", ["drafts"]),
    "select": ('["vague"]', "vague", ["vague"]),
    "ignore": ('["passive"]', "passive", ["passive"]),
    "exclude": ('["old"]', "old", ["old"]),
}


@pytest.fixture(autouse=True)
def _fresh_warnings():
    """Each test sees its own alias warnings (the module warns once per file and line per process)."""
    config_module._WARNED.clear()
    yield
    config_module._WARNED.clear()


def _write(tmp_path: Path, name: str, body: str) -> Path:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


def _spellings(key: str):
    return sorted({key, key.replace("-", "_")})


@pytest.mark.parametrize("key", sorted(CASES))
@pytest.mark.parametrize("style", ["kebab", "snake"])
@pytest.mark.parametrize("fmt", ["ambiguity.toml", "pyproject.toml", "setup.cfg"])
def test_every_key_in_both_spellings(tmp_path, key, style, fmt):
    spelled = key if style == "kebab" else key.replace("-", "_")
    toml_value, cfg_value, expected = CASES[key]
    if fmt == "ambiguity.toml":
        body, line = f"# settings\n{spelled} = {toml_value}\n", 2
    elif fmt == "pyproject.toml":
        body, line = f'[project]\nname = "x"\n\n[tool.ambiguity]\n{spelled} = {toml_value}\n', 5
    else:
        body, line = f"[metadata]\nname = x\n\n[ambiguity]\n{spelled} = {cfg_value}\n", 5
    cfg = parse_config(_write(tmp_path, fmt, body))
    assert getattr(cfg, key.replace("-", "_")) == expected
    assert cfg.source(key) == f"{tmp_path / fmt}:{line}"
    assert cfg.source(spelled) == cfg.source(key)  # asked in either spelling


def test_canonical_spelling():
    assert canonical("fail_on") == "fail-on" and canonical("min-severity") == "min-severity"
    assert canonical("enable") == "select" and canonical("disable") == "ignore"
    assert canonical("extend_exclude") == "extend-exclude" and canonical("glossary") == "glossary"


@pytest.mark.parametrize("old,new,value", [("enable", "select", '["vague"]'), ("disable", "ignore", '["passive"]')])
def test_old_names_still_work_and_warn_once_with_file_and_line(tmp_path, caplog, old, new, value):
    path = _write(tmp_path, "ambiguity.toml", f'fail-on = "warning"\n{old} = {value}\n')
    with caplog.at_level(logging.WARNING, logger="ambiguity"):
        first = parse_config(path)
        second = parse_config(path)  # a command reads the run's configuration more than once
    assert getattr(first, new) == getattr(second, new) == json.loads(value)
    assert first.source(new) == f"{path}:2"
    messages = [r.getMessage() for r in caplog.records if r.name == "ambiguity"]
    assert messages == [f"{path}:2: {old} is now {new}"]


def test_old_names_in_setup_cfg_and_overrides_warn_with_their_lines(tmp_path, caplog):
    path = _write(tmp_path, "setup.cfg", "[ambiguity]\ndisable = passive\n\n[ambiguity.overrides.minutes]\n"
                                          "paths = minutes/*\nenable = vague\n")
    with caplog.at_level(logging.WARNING, logger="ambiguity"):
        cfg = parse_config(path)
    assert cfg.ignore == ["passive"] and cfg.overrides[0].select == ["vague"]
    assert sorted(r.getMessage() for r in caplog.records) == [f"{path}:2: disable is now ignore",
                                                              f"{path}:6: enable is now select"]


@pytest.mark.parametrize("first,second", [
    ("fail-on", "fail_on"), ("min_severity", "min-severity"), ("min-confidence", "min_confidence"),
    ("extend-exclude", "extend_exclude"), ("select", "enable"), ("disable", "ignore"),
])
def test_one_setting_given_twice_is_an_error_naming_both(tmp_path, first, second):
    values = {"fail-on": '"info"', "min-severity": '"info"', "min-confidence": "0.1", "extend-exclude": '["a"]',
              "select": '["vague"]', "ignore": '["passive"]'}
    value = values[canonical(first)]
    path = _write(tmp_path, "ambiguity.toml", f"glossary = []\n{first} = {value}\n{second} = {value}\n")
    with pytest.raises(ConfigError) as err:
        parse_config(path)
    message = str(err.value)
    assert message.startswith(f"[A500] {path}:3: {second}: ")
    assert f"'{first}' and '{second}' are the same setting ('{canonical(first)}')" in message


def test_both_spellings_in_setup_cfg_is_an_error(tmp_path):
    path = _write(tmp_path, "setup.cfg", "[ambiguity]\nfail_on = info\nfail-on = error\n")
    with pytest.raises(ConfigError, match=r"setup.cfg:3: fail-on: 'fail_on' and 'fail-on' are the same setting"):
        parse_config(path)


@pytest.mark.parametrize("body,key,line,hint", [
    ('fail_onn = "info"\n', "fail_onn", 1, "did you mean 'fail-on'?"),
    ('glossary = []\nexcludes = ["x"]\n', "excludes", 2, "did you mean 'exclude'?"),
    ('colour = "red"\n', "colour", 1, ""),
])
def test_unknown_key_names_file_line_and_a_close_match(tmp_path, body, key, line, hint):
    path = _write(tmp_path, "ambiguity.toml", body)
    with pytest.raises(ConfigError) as err:
        parse_config(path)
    message = str(err.value)
    assert message.startswith(f"[A500] {path}:{line}: {key}: unknown key")
    assert hint in message and "known: model, min-severity" in message


@pytest.mark.parametrize("body,line,problem", [
    ('[[overrides]]\npaths = ["a/*"]\nselect = ["vague"]\nenable = ["passive"]\n', 4,
     "'select' and 'enable' are the same setting ('select')"),
    ('[[overrides]]\npaths = ["a/*"]\n\n[[overrides]]\npaths = ["b/*"]\nignore = ["vague"]\ndisable = ["passive"]\n', 7,
     "'ignore' and 'disable' are the same setting ('ignore')"),
    ('[[overrides]]\npaths = ["a/*"]\nfail-on = "info"\n', 3, "unknown key in an override"),
    ('[[overrides]]\npaths = ["a/*"]\nselct = ["vague"]\n', 3, "did you mean 'select'?"),
])
def test_override_keys_follow_the_same_rules(tmp_path, body, line, problem):
    path = _write(tmp_path, "ambiguity.toml", body)
    with pytest.raises(ConfigError) as err:
        parse_config(path)
    assert f"{path}:{line}: overrides." in str(err.value) and problem in str(err.value)


def test_override_old_names_apply_and_say_where_they_came_from(tmp_path, caplog):
    path = _write(tmp_path, "ambiguity.toml", 'ignore = ["passive"]\n\n[[overrides]]\npaths = ["a/*"]\n\n'
                                                '[[overrides]]\npaths = ["minutes/*"]\ndisable = ["vague"]\n')
    with caplog.at_level(logging.WARNING, logger="ambiguity"):
        cfg = parse_config(path)
    assert [r.getMessage() for r in caplog.records] == [f"{path}:8: disable is now ignore"]
    assert [ov.source for ov in cfg.overrides] == [f"{path}:3", f"{path}:6"]
    doc = cfg.for_path(str(tmp_path / "minutes" / "m.md"))
    assert doc.ignore == ["passive", "vague"]
    assert doc.source("ignore") == f"{path}:1, {path}:6"
    assert cfg.for_path(str(tmp_path / "spec.md")).ignore == ["passive"]


# -- ambiguity config: valid TOML ----------------------------------------------------------------------------
FULL = '''model = "en_core_web_sm"
select = ["vague", "loophole.escape-clause"]
disable = ["passive"]
glossary = ["Fast Path", "the \\"Hub\\"", "C:\\\\data", "Zürich\\ttab"]
min_severity = "warning"
min-confidence = 0.25
fail_on = "none"
extend-exclude = ["drafts", "docs/old/*.md"]

[severity]
"vague.subjective" = "error"
passive = "info"

[terms.vague]
add = ["snappy"]
remove = ["fast"]

[terms."missing-metric.quality-claim"]
add = ["zippy"]

[[overrides]]
paths = ["minutes/**"]
ignore = ["missing-owner"]
severity = { "vague" = "info" }
glossary = ["Ops"]
'''


def _config_output(*args: str) -> str:
    result = CliRunner().invoke(main, ["config", *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_config_prints_toml_that_reads_back_the_same(tmp_path):
    (tmp_path / ".git").mkdir()
    original = parse_config(_write(tmp_path, "ambiguity.toml", FULL))
    out = _config_output("--config", str(tmp_path / "ambiguity.toml"))
    data = tomllib.loads(out)  # valid TOML
    assert data["ignore"] == ["passive"] and data["min-severity"] == "warning" and data["fail-on"] == "none"
    assert data["glossary"] == ["Fast Path", 'the "Hub"', "C:\\data", "Zürich\ttab"]
    assert data["terms"]["missing-metric.quality-claim"] == {"add": ["zippy"]}
    assert data["overrides"][0]["severity"] == {"vague": "info"}
    copy = tmp_path / "copy"
    copy.mkdir()
    again = parse_config(_write(copy, "ambiguity.toml", out))  # what it printed is a configuration file
    for key in ("model", "select", "ignore", "glossary", "severity", "terms", "min_severity", "min_confidence",
                "fail_on", "exclude", "extend_exclude"):
        assert getattr(again, key) == getattr(original, key), key
    assert [ov.to_dict() for ov in again.overrides] == [ov.to_dict() for ov in original.overrides]


def test_config_comments_say_where_each_value_came_from(tmp_path):
    path = _write(tmp_path, "ambiguity.toml", FULL)
    lines = _config_output("--config", str(path)).splitlines()

    def comment(start: str) -> str:
        return next(line for line in lines if line.startswith(start)).split("  # ", 1)[1]

    assert comment("model =") == f"{path}:1"
    assert comment("ignore =") == f"{path}:3"  # given as disable
    assert comment("min-severity =") == f"{path}:5"  # given as min_severity
    assert comment("fail-on =") == f"{path}:7"
    assert comment("exclude =") == "default"
    assert comment('"vague.subjective" =') == f"{path}:11"
    assert comment("[terms.vague]") == f"{path}:14"
    assert comment("[[overrides]]") == f"{path}:21"


def test_config_without_a_file_omits_unset_model(tmp_path, monkeypatch):
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    out = _config_output()
    assert "None" not in out and "model =" not in out
    assert "# model: not set" in out
    data = tomllib.loads(out)
    assert data["fail-on"] == "error" and "LICENSE*" in data["exclude"] and data["extend-exclude"] == []
    assert all(line.endswith("# default") for line in out.splitlines() if " = " in line)


def test_config_json_uses_the_same_keys(tmp_path):
    path = _write(tmp_path, "ambiguity.toml", FULL)
    data = json.loads(CliRunner().invoke(main, ["config", "--config", str(path), "--format", "json"]).stdout)
    assert data["ignore"] == ["passive"] and data["fail-on"] == "none" and data["min-confidence"] == 0.25
    assert data["sources"]["ignore"] == f"{path}:3" and data["sources"]["exclude"] == "default"
    assert data["overrides"][0]["ignore"] == ["missing-owner"]


def test_explain_quotes_keys_that_are_not_bare(tmp_path):
    cfg = parse_config(_write(tmp_path, "ambiguity.toml", '[severity]\n"vague.subjective" = "error"\n'))
    assert '"vague.subjective" = "error"  # ' in "\n".join(explain(cfg))


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from ambiguity.config import Config, Override  # noqa: E402

_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1).filter(str.strip)


@settings(max_examples=60, deadline=None)
@given(glossary=st.lists(_TEXT.map(str.strip), max_size=4), paths=st.lists(_TEXT, min_size=1, max_size=3),
       where=st.text(st.characters(blacklist_categories=("Cs",)), max_size=30), model=st.one_of(st.none(), _TEXT))
def test_explain_is_toml_for_any_strings(glossary, paths, where, model):
    """Whatever the strings (quotes, backslashes, control characters, new lines in a file name), the output parses
    and gives back the same values."""
    cfg = Config(glossary=glossary, model=model, file=Path(f"/x/{where}/ambiguity.toml"),
                 overrides=[Override(paths=paths, glossary=glossary, source=f"/x/{where}:3")],
                 sources={"glossary": f"/x/{where}:1"})
    data = tomllib.loads("\n".join(explain(cfg)))
    assert data["glossary"] == glossary and data.get("model") == model
    assert data["overrides"][0]["paths"] == paths
