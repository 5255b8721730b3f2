"""``ambiguity config`` and ``ambiguity baseline create`` (ambiguity/project_cli.py) through click's CliRunner."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from ambiguity.cli import main

SPEC = "- REQ-1: The UI shall be user-friendly.\n- REQ-2: The data shall be archived.\n"
CONFIG = """ignore = ["passive"]
min-confidence = 0.5
[[overrides]]
paths = ["docs/minutes/*"]
ignore = ["vague"]
"""


@pytest.fixture()
def project(tmp_path: Path, monkeypatch) -> Path:
    """A repository with an ambiguity.toml, docs/spec.md and docs/minutes/m.md (the same text); cwd is its root."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "ambiguity.toml").write_text(CONFIG, encoding="utf-8")
    (tmp_path / "docs" / "minutes").mkdir(parents=True)
    (tmp_path / "docs" / "spec.md").write_text(SPEC, encoding="utf-8")
    (tmp_path / "docs" / "minutes" / "m.md").write_text(SPEC, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _invoke(*args: str):
    return CliRunner().invoke(main, list(args))


def test_config_text_gives_each_value_with_the_file_and_line_it_came_from(project):
    result = _invoke("config")
    assert result.exit_code == 0, result.output
    toml = project / "ambiguity.toml"
    lines = result.stdout.splitlines()
    assert lines[0] == f"# configuration file: {toml}"
    assert f'ignore = ["passive"]  # {toml}:1' in lines
    assert f"min-confidence = 0.5  # {toml}:2" in lines
    assert 'min-severity = "info"  # default' in lines and not any(line.startswith("model =") for line in lines)
    assert f"[[overrides]]  # {toml}:3" in lines and 'paths = ["docs/minutes/*"]' in lines
    import tomllib

    assert tomllib.loads(result.stdout)["ignore"] == ["passive"]  # the output is valid TOML


def test_config_for_a_file_applies_the_overrides_that_match_it(project):
    minutes = _invoke("config", "docs/minutes/m.md").stdout.splitlines()
    spec = _invoke("config", "docs/spec.md").stdout.splitlines()
    assert any(line.startswith('ignore = ["passive", "vague"]  #') for line in minutes)
    assert any(line.startswith('ignore = ["passive"]  #') for line in spec)
    assert not any(line.startswith("[[overrides]]") for line in minutes)  # already applied


def test_config_json_gives_values_and_sources(project):
    result = _invoke("config", "docs", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["file"] == str(project / "ambiguity.toml")
    assert data["ignore"] == ["passive"] and data["min-confidence"] == 0.5 and data["min-severity"] == "info"
    assert data["overrides"][0]["paths"] == ["docs/minutes/*"] and data["overrides"][0]["ignore"] == ["vague"]
    sources = data["sources"]
    assert {"model", "min-severity", "min-confidence", "fail-on", "select", "ignore", "glossary"} <= set(sources)
    assert sources["ignore"].endswith("ambiguity.toml:1") and sources["min-confidence"].endswith("ambiguity.toml:2")
    assert sources["overrides"].endswith("ambiguity.toml:3") and sources["model"] == "default"


def test_config_without_a_configuration_file_shows_the_defaults(tmp_path, monkeypatch):
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    result = _invoke("config")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "# configuration file: none found (defaults)"
    assert all(line.endswith("# default") for line in lines[1:] if line and not line.startswith("#"))
    assert json.loads(_invoke("config", "--format", "json").stdout)["file"] is None


def test_config_option_shows_that_file_instead_of_the_discovered_one(project):
    (project / "other.toml").write_text('select = ["vague"]\n', encoding="utf-8")
    data = json.loads(_invoke("config", "--config", "other.toml", "--format", "json").stdout)
    assert data["file"].endswith("other.toml") and data["select"] == ["vague"] and data["ignore"] == []


def test_a_bad_configuration_file_is_a_one_line_usage_error_naming_file_and_line(project):
    (project / "ambiguity.toml").write_text('ignore = ["passive"]\ncolour = "red"\n', encoding="utf-8")
    result = _invoke("config")
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]
    assert "[A500]" in result.stderr and "ambiguity.toml:2" in result.stderr and "colour" in result.stderr


def test_a_missing_config_file_is_a_usage_error(project):
    result = _invoke("config", "--config", "nope.toml")
    assert result.exit_code == 2 and "[A500] nope.toml: no such configuration file" in result.stderr


def test_baseline_create_records_every_shown_finding_with_path_and_fingerprint(project, fast_cli):
    result = _invoke("baseline", "create", "docs", "-o", "b.json")
    assert result.exit_code == 0, result.output
    data = json.loads((project / "b.json").read_text(encoding="utf-8"))
    assert data["version"] == 1 and data["tool"]["name"] == "ambiguity"
    findings = data["findings"]
    assert result.stderr.strip() == f"ambiguity: {len(findings)} findings in 2 files recorded in b.json"
    assert {f["path"] for f in findings} <= {"docs/spec.md", "docs/minutes/m.md"}
    assert all(set(f) == {"path", "fingerprint", "rule", "line", "text"} and f["fingerprint"] for f in findings)
    assert findings == sorted(findings, key=lambda f: (f["path"], f["line"], f["rule"]))
    assert ("docs/spec.md", "vague.subjective", "user-friendly") in {(f["path"], f["rule"], f["text"])
                                                                     for f in findings}


def test_baseline_create_leaves_out_what_the_configuration_switches_off(project, fast_cli):
    assert _invoke("baseline", "create", "docs", "-o", "b.json").exit_code == 0
    findings = json.loads((project / "b.json").read_text(encoding="utf-8"))["findings"]
    assert not any(f["rule"].startswith("passive.") for f in findings)  # ignore = ["passive"]
    assert not any(f["rule"].startswith("vague.") for f in findings if f["path"] == "docs/minutes/m.md")  # override


def test_baseline_create_honours_rule_selection(project, fast_cli):
    assert _invoke("baseline", "create", "docs/spec.md", "--only", "vague", "-o", "b.json").exit_code == 0
    findings = json.loads((project / "b.json").read_text(encoding="utf-8"))["findings"]
    assert [(f["rule"], f["line"], f["text"]) for f in findings] == [("vague.subjective", 1, "user-friendly")]


def test_baseline_create_writes_the_default_file_with_paths_relative_to_the_working_folder(project, fast_cli):
    result = _invoke("baseline", "create", str(project / "docs" / "spec.md"), "--only", "vague")
    assert result.exit_code == 0, result.output
    assert result.stderr.strip().endswith("recorded in .ambiguity-baseline.json")
    findings = json.loads((project / ".ambiguity-baseline.json").read_text(encoding="utf-8"))["findings"]
    assert [f["path"] for f in findings] == ["docs/spec.md"]


def test_baseline_create_reports_an_unreadable_file_and_records_the_others(project, fast_cli):
    (project / "docs" / "binary.txt").write_bytes(b"\x00\x01" * 10)
    result = _invoke("baseline", "create", "docs", "--only", "vague", "-o", "b.json")
    assert result.exit_code == 0, result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("ambiguity: error: ")]
    assert len(errors) == 1 and "binary.txt" in errors[0]
    assert result.stderr.splitlines()[-1] == "ambiguity: 1 findings in 2 files recorded in b.json"


def test_baseline_create_into_a_missing_folder_is_a_usage_error(project, fast_cli):
    result = _invoke("baseline", "create", "docs/spec.md", "-o", "missing/b.json")
    assert result.exit_code == 2 and "missing/b.json: cannot write" in result.stderr
    assert not (project / "missing").exists()


def test_baseline_create_needs_a_path(project):
    result = _invoke("baseline", "create")
    assert result.exit_code == 2 and "Missing argument 'PATHS...'" in result.stderr
