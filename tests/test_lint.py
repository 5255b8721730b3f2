"""The committed linter configuration (ruff.toml) holds: pyflakes clean, and no function over complexity 20 outside
the learned meeting features (meetings/learned.py)."""
from __future__ import annotations

import subprocess
import sys

from conftest import ROOT


def test_ruff_finds_nothing():
    done = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "ambiguity", "tests", "benchmarks",
                           "tools"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
