"""Golden text and concise output: the bundled samples and small hand-written documents (tests/cli/golden/docs/),
compared character for character with tests/cli/golden/*.text and *.concise.

The hand-written documents cover what the layout has to get right: a line far wider than the window (cut around
the flagged words, with an ellipsis), several findings on one line, a tab and CRLF line breaks with a non-ASCII
character before the flagged word, meeting notes (action items, a paragraph flagged as a whole over two lines) and
a document with no findings (counted in the summary, no group of its own).

After an intended change of the layout or of what the tool reports, re-bless and review the diff:

    AMBIGUITY_BLESS=1 python -m pytest tests/cli/test_golden_text.py
    git diff tests/cli/golden/
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from ambiguity.cli import main

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).resolve().parent / "golden"

CASES = {
    "samples.text": ["corpus/samples", "--format", "text"],
    "samples.concise": ["corpus/samples", "--format", "concise"],
    "docs.text": ["tests/cli/golden/docs", "--format", "text"],
    "docs.concise": ["tests/cli/golden/docs", "--format", "concise"],
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_matches_golden(name, fast_cli, monkeypatch):
    monkeypatch.chdir(ROOT)  # paths in the output are relative to the project root
    result = CliRunner().invoke(main, ["scan", *CASES[name], "--fail-on", "none"], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    golden = GOLDEN / name
    if os.environ.get("AMBIGUITY_BLESS"):
        golden.write_text(result.stdout, encoding="utf-8")
    expected = golden.read_text(encoding="utf-8")
    # the first differing line, before the whole text, so that a failure is readable
    for got, want in zip(result.stdout.splitlines(), expected.splitlines()):
        assert got == want
    assert result.stdout == expected
