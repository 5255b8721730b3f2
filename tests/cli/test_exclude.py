"""exclude / extend-exclude: what folder scans leave out (scan, actions, baseline create and batch), as ruff does."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from ambiguity.batch import list_files
from ambiguity.cli import main
from ambiguity.errors import InputError
from ambiguity.exclude import DEFAULT_EXCLUDE, Exclude
from ambiguity.inputs import expand
from ambiguity.project import Settings

SPEC = "- REQ-1: The UI shall be user-friendly.\n"
KEPT = ["docs/drafts/d.md", "docs/spec.md", "notes.txt"]
LEFT_OUT = ["LICENSE.md", "License.txt", "CHANGELOG.md", "node_modules/pkg/README.md", "venv/lib/a.md",
            "env/e.md", "myenv/notes.md", "build/out.md", "dist/d.md", "__pycache__/c.md", "docs/build/b.md"]


@pytest.fixture()
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    for rel in KEPT + LEFT_OUT + [".venv/x.md"]:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(SPEC, encoding="utf-8")
    (root / "myenv" / "pyvenv.cfg").write_text("home = /usr/bin\n")  # a virtualenv under any name
    return root


def _rel(paths, root: Path):
    return sorted(Path(p).resolve().relative_to(root.resolve()).as_posix() for p in paths if isinstance(p, str))


def _expand(root: Path, *paths: str):
    settings = Settings.resolve(None, None, [str(root / p) for p in paths] or [str(root)])
    return list(expand([str(root / p) for p in paths] or [str(root)], settings.exclude_for))


def test_defaults_leave_out_licences_changelogs_dependencies_and_virtualenvs(tree):
    assert set(DEFAULT_EXCLUDE) >= {"LICENSE*", "CHANGELOG*", ".git", "node_modules", ".venv", "venv", "env",
                                    "__pycache__", "build", "dist"}
    assert _rel(expand([str(tree)]), tree) == KEPT  # no configuration: the defaults
    assert _rel(_expand(tree), tree) == KEPT
    assert _rel(list_files(tree), tree) == KEPT


def test_a_path_named_on_the_command_line_is_always_read(tree):
    named = ["LICENSE.md", "venv", "myenv/notes.md"]
    assert _rel(expand([str(tree / p) for p in named]), tree) == ["LICENSE.md", "myenv/notes.md", "venv/lib/a.md"]


def test_exclude_replaces_the_defaults(tree):
    (tree / "ambiguity.toml").write_text('exclude = ["docs"]\n')
    found = _rel(_expand(tree), tree)
    assert "LICENSE.md" in found and "node_modules/pkg/README.md" in found and "build/out.md" in found
    assert not any(p.startswith("docs/") for p in found)
    assert "myenv/notes.md" not in found and ".venv/x.md" not in found  # virtualenvs and hidden folders: never


@pytest.mark.parametrize("spelling", ["extend-exclude", "extend_exclude"])
def test_extend_exclude_adds_to_the_defaults(tree, spelling):
    (tree / "ambiguity.toml").write_text(f'{spelling} = ["drafts", "notes.*"]\n')
    assert _rel(_expand(tree), tree) == ["docs/spec.md"]


def test_patterns_with_a_slash_are_relative_to_the_configuration(tree):
    (tree / "ambiguity.toml").write_text('extend-exclude = ["docs/drafts/*.md", "./notes.txt"]\n')
    assert _rel(_expand(tree), tree) == ["docs/spec.md"]
    # scanning a sub-folder: the pattern still counts from the configuration file's folder
    assert _rel(_expand(tree, "docs"), tree) == ["docs/spec.md"]


def test_setup_cfg_exclude_lists(tree):
    (tree / "setup.cfg").write_text("[ambiguity]\nextend-exclude =\n    drafts\n    notes.txt\n")
    assert _rel(_expand(tree), tree) == ["docs/spec.md"]


def test_exclude_matches_names_whatever_their_case():
    rules = Exclude.of(["license*", "Build"], None)
    assert rules.excludes(Path("x/LICENSE.md"), Path("x"), is_dir=False)
    assert rules.excludes(Path("x/BUILD"), Path("x"), is_dir=True)
    assert not rules.excludes(Path("x/spec.md"), Path("x"), is_dir=False)


def test_a_folder_with_everything_excluded_says_so(tmp_path):
    (tmp_path / "LICENSE.md").write_text(SPEC)
    (tmp_path / "CHANGELOG.md").write_text(SPEC)
    (error,) = list(expand([str(tmp_path)]))
    assert isinstance(error, InputError) and "2 left out by exclude" in str(error)


def test_batch_lists_with_the_configuration_exclusions(tree):
    (tree / "ambiguity.toml").write_text('extend-exclude = ["drafts"]\n')
    settings = Settings.resolve(None, None, [str(tree)])
    assert _rel(list_files(tree, exclude=settings.exclude_for(tree)), tree) == ["docs/spec.md", "notes.txt"]
    assert _rel(list_files(tree, "**/*.md", settings.exclude_for(tree)), tree) == ["docs/spec.md"]


def test_batch_command_skips_excluded_files(tree, tmp_path, monkeypatch):
    import ambiguity.batch

    (tree / "ambiguity.toml").write_text('extend-exclude = ["drafts"]\n')
    seen = []

    def fake_score_paths(paths, **options):
        seen.extend(paths)
        return iter(())

    monkeypatch.setattr(ambiguity.batch, "score_paths", fake_score_paths)
    result = CliRunner().invoke(main, ["batch", str(tree), "-o", str(tmp_path / "out.jsonl"), "--quiet"])
    assert result.exit_code == 0, result.output
    assert _rel(seen, tree) == ["docs/spec.md", "notes.txt"]


def test_score_folder_discovers_the_exclusions(tree, monkeypatch):
    from ambiguity.batch import folder

    (tree / "ambiguity.toml").write_text('extend-exclude = ["notes.txt"]\n')
    seen = []
    monkeypatch.setattr(folder, "score_paths", lambda paths, **options: iter(seen.extend(paths) or ()))
    list(folder.score_folder(tree, discover_from=str(tree)))
    assert _rel(seen, tree) == ["docs/drafts/d.md", "docs/spec.md"]
    seen.clear()
    list(folder.score_folder(tree))  # no project configuration: the defaults
    assert _rel(seen, tree) == KEPT


def test_scan_leaves_out_what_the_configuration_excludes(tree, fast_cli):
    (tree / "ambiguity.toml").write_text('extend-exclude = ["drafts"]\n')
    result = CliRunner().invoke(main, ["scan", str(tree), "--format", "json", "--fail-on", "none"])
    assert result.exit_code == 0, result.output
    assert _rel([f["path"] for f in json.loads(result.stdout)["files"]], tree) == ["docs/spec.md", "notes.txt"]
    named = CliRunner().invoke(main, ["scan", str(tree / "LICENSE.md"), "--format", "json", "--fail-on", "none"])
    assert _rel([f["path"] for f in json.loads(named.stdout)["files"]], tree) == ["LICENSE.md"]
