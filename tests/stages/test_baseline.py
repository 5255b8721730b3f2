"""Baselines: record today's findings, then report and fail only on new ones, even after lines move."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from ambiguity.baseline import BaselineError, load
from ambiguity.cli import main

SPEC = "# Spec\n\n- REQ-1: The UI shall be user-friendly.\n- REQ-2: The report shall be signed if possible.\n"


@pytest.fixture()
def project(tmp_path, monkeypatch, fast_cli):
    (tmp_path / ".git").mkdir()
    (tmp_path / "spec.md").write_text(SPEC)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["baseline", "create", "spec.md", "-o", ".ambiguity-baseline.json"])
    assert result.exit_code == 0, result.output
    return tmp_path


def _scan(*extra: str):
    result = CliRunner().invoke(main, ["scan", "spec.md", "--format", "json", "--fail-on", "info", *extra])
    return result.exit_code, json.loads(result.output)


def test_baseline_hides_known_findings_and_passes(project):
    recorded = json.loads((project / ".ambiguity-baseline.json").read_text())
    code, data = _scan()
    assert code == 1 and len(recorded["findings"]) == data["summary"]["findings"] > 0
    code, data = _scan("--baseline", ".ambiguity-baseline.json")
    assert code == 0
    assert data["summary"]["findings"] == 0 and data["summary"]["baselined"] == len(recorded["findings"])


def test_lines_moving_keep_findings_known_new_ones_fail(project):
    (project / "spec.md").write_text(SPEC.replace("# Spec\n", "# Spec\n\nIntro.\n\n\n") +
                                     "- REQ-3: Reports shall be produced in a timely manner.\n")
    code, data = _scan("--baseline", ".ambiguity-baseline.json")
    assert code == 1
    assert data["summary"]["findings"] > 0
    assert {f["unit"]["id"] for f in data["files"][0]["findings"]} == {"REQ-3"}


def test_bad_baseline_is_a_one_line_usage_error(project):
    (project / "bad.json").write_text("{not json")
    result = CliRunner().invoke(main, ["scan", "spec.md", "--baseline", "bad.json"])
    assert result.exit_code == 2 and "[A600] bad.json:1:" in result.output and "Traceback" not in result.output
    with pytest.raises(BaselineError):
        load(str(project / "missing.json"))
