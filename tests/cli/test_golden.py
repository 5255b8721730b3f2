"""Golden JSON Lines for the bundled samples: any change in what the tool reports shows up as a diff.

After an intended change (new rule, retrained model), re-bless with
``AMBIGUITY_BLESS=1 python -m pytest tests/cli/test_golden.py`` and review the diff of tests/cli/golden/ in the commit.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

from click.testing import CliRunner
from conftest import ROOT

from ambiguity.cli import main

GOLDEN = Path(__file__).resolve().parent / "golden" / "samples.jsonl"


def _scan() -> list:
    result = CliRunner().invoke(main, ["scan", "corpus/samples", "--format", "jsonl", "--fail-on", "none"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    for r in records:  # confidences are compared to 2 decimals: BLAS rounding differs between machines
        if "confidence" in r:
            r["confidence"] = round(r["confidence"], 2)
    return records


def test_samples_match_golden_jsonl(monkeypatch):
    monkeypatch.chdir(ROOT)  # paths in the output are relative to the project root
    records = _scan()
    if os.environ.get("AMBIGUITY_BLESS"):
        GOLDEN.write_text("".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in records),
                          encoding="utf-8")
    expected = [json.loads(line) for line in GOLDEN.read_text(encoding="utf-8").splitlines()]
    assert [(r.get("path"), r.get("line"), r.get("column"), r.get("rule")) for r in records] == \
        [(r.get("path"), r.get("line"), r.get("column"), r.get("rule")) for r in expected]
    assert records == expected
