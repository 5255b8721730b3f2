"""The cold commands start without the heavy libraries: ``ambiguity rules``, ``config`` and ``--help`` must not import
spaCy, thinc or scikit-learn (a behaviour test, not a timing one: a fresh interpreter says what got imported)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("spacy", "sklearn", "thinc")

SCRIPT = r"""
import json, sys
import ambiguity.cli
from click.testing import CliRunner

results = {}
for args in ARGS:
    result = CliRunner().invoke(ambiguity.cli.main, args)
    results[" ".join(args)] = [result.exit_code, result.output[:200]]
heavy = sorted({m.split(".")[0] for m in sys.modules} & set(HEAVY))
print(json.dumps({"results": results, "heavy": heavy}))
"""


def _run(args_list) -> dict:
    code = f"ARGS = {args_list!r}\nHEAVY = {HEAVY!r}\n" + SCRIPT
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_importing_the_cli_imports_no_heavy_library():
    data = _run([])
    assert data["heavy"] == []


@pytest.mark.parametrize("args", [
    ["rules"],
    ["rules", "--format", "json"],
    ["config"],
    ["config", "--format", "json"],
    ["--help"],
    ["scan", "--help"],
])
def test_cold_commands_import_no_heavy_library(args):
    data = _run([args])
    exit_code, output = data["results"][" ".join(args)]
    assert exit_code == 0, output
    assert output.strip()  # the command did its work
    assert data["heavy"] == [], f"{' '.join(args)} imported {data['heavy']}"


def test_the_probe_sees_a_heavy_import():
    """The check above can fail: running the analyzer does import spaCy."""
    code = ("import sys, ambiguity\nambiguity.Analyzer\n"
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'spacy', 'thinc'}))")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "['spacy', 'thinc']"
