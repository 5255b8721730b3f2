"""One error prefix everywhere (`ambiguity: error: [CODE] ...`), and an empty path is a usage error, not the
current folder."""
from __future__ import annotations

import pickle
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from ambiguity.cli import main
from ambiguity.cli_common import error_line
from ambiguity import errors
from ambiguity.errors import CODES, InputError
from ambiguity.inputs import expand

ROOT = Path(__file__).resolve().parents[2]
LINE = re.compile(r"^ambiguity: error: \[(?P<code>[AW]\d{3})\] \S")


def _error_lines(result) -> list:
    """The error lines of a run; fails on click's own 'Error:' prefix or a traceback."""
    lines = result.output.splitlines()
    assert not any(line.startswith("Error") for line in lines), result.output
    assert "Traceback" not in result.output
    return [line for line in lines if "error" in line.lower() and not line.startswith(("Usage:", "Try "))]


def _one_error(result, code: str) -> str:
    assert result.exit_code == 2, result.output
    (line,) = _error_lines(result)
    m = LINE.match(line)
    assert m and m.group("code") == code, line
    assert code in CODES
    return line


def test_error_line_keeps_a_code_or_adds_the_usage_one():
    assert error_line("[A500] x.toml:1: bad") == "ambiguity: error: [A500] x.toml:1: bad"
    assert error_line("--scheduler needs --engine dask") == "ambiguity: error: [A001] --scheduler needs --engine dask"


def test_configuration_error(tmp_path):
    (tmp_path / "ambiguity.toml").write_text('fail_on = "sometimes"\n')
    (tmp_path / "a.md").write_text("- The UI shall be fast.\n")
    line = _one_error(CliRunner().invoke(main, ["config", str(tmp_path / "a.md")]), "A500")
    assert line.startswith(f"ambiguity: error: [A500] {tmp_path / 'ambiguity.toml'}:1: fail_on: ")


def test_usage_errors_of_click_keep_usage_and_take_the_prefix():
    result = CliRunner().invoke(main, ["scan", "x.md", "--only", "vauge"])
    line = _one_error(result, "A001")
    assert "'vauge' is neither a category" in line
    assert result.output.startswith("Usage: ") and "Try 'main scan " in result.output
    _one_error(CliRunner().invoke(main, ["scan", "--bogus"]), "A001")
    _one_error(CliRunner().invoke(main, ["nosuch"]), "A001")
    _one_error(CliRunner().invoke(main, ["--bogus"]), "A001")
    _one_error(CliRunner().invoke(main, ["baseline", "create"]), "A001")  # a nested group
    _one_error(CliRunner().invoke(main, ["scan", "x.md", "--reference-date", "tomorrow"]), "A001")


def test_failures_without_a_code_get_the_usage_code(tmp_path):
    line = _one_error(CliRunner().invoke(main, ["batch", str(tmp_path), "-o", str(tmp_path / "r.jsonl"),
                                                "--scheduler", "tcp://localhost:1"]), "A001")
    assert line == "ambiguity: error: [A001] --scheduler needs --engine dask"


def test_baseline_that_cannot_be_written(tmp_path, fast_cli):
    doc = tmp_path / "a.md"
    doc.write_text("- The UI shall be fast.\n")
    out = tmp_path / "missing" / "baseline.json"
    result = CliRunner().invoke(main, ["baseline", "create", str(doc), "-o", str(out)])
    assert _one_error(result, "A600").startswith(f"ambiguity: error: [A600] {out}: cannot write")


def test_model_commands(tmp_path):
    data = tmp_path / "d.jsonl"
    data.write_text('{"text": "The UI shall be fast.", "vague_language": 1}\n')
    _one_error(CliRunner().invoke(main, ["evaluate", str(data), "--model", str(tmp_path)]), "A400")


def test_help_without_arguments_is_not_an_error():
    result = CliRunner().invoke(main, [])
    assert "Usage:" in result.output and "scan" in result.output and "error" not in result.output.lower()


def test_every_code_is_in_the_documented_table():
    table = (ROOT / "docs" / "output-schema.md").read_text(encoding="utf-8")
    documented = dict(re.findall(r"^\| ([AW]\d{3}) \| (.+?) \|$", table, re.M))
    assert set(documented) == set(CODES)


# -- an empty path ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("command", [["scan"], ["actions"], ["baseline", "create"], ["batch"]])
@pytest.mark.parametrize("empty", ["", "   "])
def test_an_empty_path_is_a_one_line_usage_error(tmp_path, monkeypatch, command, empty):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text("- The UI shall be fast.\n")
    extra = ["-o", str(tmp_path / "r.jsonl")] if command == ["batch"] else []
    result = CliRunner().invoke(main, [*command, empty, *extra])
    assert result.exit_code == 2
    assert result.output.splitlines() == [result.output.strip()]  # one line, no usage block
    line = _one_error(result, "A001")
    assert f"{empty!r} is an empty path" in line
    assert not (tmp_path / "r.jsonl").exists() and not (tmp_path / ".ambiguity-baseline.json").exists()


def test_an_empty_path_among_others_is_refused_too(tmp_path):
    (tmp_path / "a.md").write_text("- The UI shall be fast.\n")
    result = CliRunner().invoke(main, ["scan", str(tmp_path / "a.md"), ""])
    _one_error(result, "A001")


def test_library_never_reads_the_current_folder_for_an_empty_path(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text("- The UI shall be fast.\n")
    (item,) = list(expand([""]))
    assert isinstance(item, InputError) and "empty path" in str(item)
    from ambiguity.batch import BatchError, list_files

    with pytest.raises(BatchError, match="empty path"):
        list_files("  ")


@pytest.mark.parametrize("error", [
    InputError("specs/a.md", "binary file (contains NUL bytes), not text"),
    errors.AnalysisTimeout("b.md", "analysis took longer than the 5-second limit (--timeout)"),
    errors.RuleFileError("rules/x.yml", 7, "vague.x: invalid token pattern"),
    errors.BatchError("cannot reach the Dask scheduler"),
])
def test_errors_cross_process_boundaries_unchanged(error):
    """Worker processes send errors back pickled (scan --jobs): the copy has the same type, line and fields."""
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is type(error) and str(copy) == str(error)
    assert {k: v for k, v in vars(copy).items()} == vars(error)
