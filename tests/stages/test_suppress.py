"""Inline suppression: ranges, next line, this line; in paragraphs, lists, tables and plain text."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from ambiguity.cli import main
from ambiguity.suppress import parse, split

DOC = """# Spec

<!-- ambiguity: disable=vague -->
The UI shall be user-friendly.
<!-- ambiguity: enable=vague -->
The UI shall be user-friendly.

- REQ-1: The form shall be easy to use.
<!-- ambiguity: disable-next-line -->
- REQ-2: The form shall be easy to use.
- REQ-3: The form shall be easy to use. <!-- ambiguity: disable-line=vague,missing-metric -->

| ID | Text |
|----|------|
| R1 | The page shall be user-friendly. <!-- ambiguity: disable-line=vague.subjective --> |
| R2 | The page shall be user-friendly. |
"""
WORD_RULES = {"vague.subjective", "missing-metric.quality-claim"}


def test_parse_lines():
    sup = parse(DOC)
    assert sup.by_line[4] == frozenset({"vague"})
    assert 6 not in sup.by_line
    assert sup.by_line[10] == frozenset({"*"})
    assert 11 in sup.by_line and 16 not in sup.by_line
    assert sup.by_line[15] == frozenset({"vague.subjective"})


@pytest.mark.parametrize("fmt", ["markdown", "text"])
def test_suppressed_findings_hidden_in_paragraphs_lists_tables(staged, fmt):
    report = staged(without=("suppressions",)).analyze(DOC, path="doc", format=fmt)
    kept, dropped = split(report.findings, parse(DOC))
    words = {(f.line, f.rule) for f in kept if f.rule in WORD_RULES}
    assert {(6, "vague.subjective"), (8, "vague.subjective"), (16, "vague.subjective")} <= words
    assert not {ln for ln, _ in words} & {4, 10, 11, 15}
    assert {(f.line, f.rule) for f in dropped} >= {(4, "vague.subjective"), (10, "vague.subjective"),
                                                   (11, "vague.subjective"), (15, "vague.subjective")}
    assert len(kept) + len(dropped) == len(report.findings)
    final = staged().analyze(DOC, path="doc", format=fmt)  # the analyzer applies the directives itself
    assert [(f.line, f.rule) for f in final.findings] == [(f.line, f.rule) for f in kept]
    assert final.suppressed == len(dropped)


@pytest.mark.parametrize("marker", ["#", "//"])
def test_plain_text_comment_styles(staged, marker):
    text = f"{marker} ambiguity: disable-next-line=vague\nThe UI shall be user-friendly.\nThe UI shall be user-friendly.\n"
    kept, dropped = split(staged(without=("suppressions",)).analyze(text, path="a.txt").findings, parse(text))
    assert {(f.line, f.rule) for f in dropped if f.rule == "vague.subjective"} == {(2, "vague.subjective")}
    assert any(f.line == 3 and f.rule == "vague.subjective" for f in kept)


def test_disable_everything_then_enable():
    sup = parse("# ambiguity: disable\nA\nB\n# ambiguity: enable\nC\n")
    assert set(sup.by_line) == {1, 2, 3, 4}  # the enable line itself is still a comment


def test_summary_counts_suppressed(tmp_path, fast_cli):
    path = tmp_path / "doc.md"
    path.write_text(DOC)
    (tmp_path / ".git").mkdir()
    result = CliRunner().invoke(main, ["scan", str(path), "--format", "json", "--fail-on", "none"])
    data = json.loads(result.output)
    assert data["summary"]["suppressed"] >= 4
    text = CliRunner().invoke(main, ["scan", str(path), "--fail-on", "none"]).output
    assert f"{data['summary']['suppressed']} suppressed" in text
