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


TYPOS = """# Spec

- REQ-1: The UI shall be user-friendly. <!-- ambiguity: disable-line=vauge -->
- REQ-2: The UI shall be fast. <!-- ambiguity: disable-line=vague,pasive,nope -->
<!-- ambiguity: disable=passive -->
<!-- ambiguity: disable-next-line=missing-metric.quality-claim,undefined-deadline. -->
- REQ-3: The UI shall be fast.
<!-- ambiguity: enable=all -->
# ambiguity: disable=*
// ambiguity: enable=vague.subjektive
"""


def _warnings(caplog) -> list:
    return [r.getMessage() for r in caplog.records if r.name == "ambiguity" and r.levelname == "WARNING"]


def test_parse_records_every_named_directive():
    assert parse(TYPOS).directives == [
        (3, ("vauge",)), (4, ("vague", "pasive", "nope")), (5, ("passive",)),
        (6, ("missing-metric.quality-claim", "undefined-deadline.")), (8, ("all",)), (9, ("*",)),
        (10, ("vague.subjektive",)),
    ]


def test_unknown_names_in_directives_are_warned_with_file_and_line(staged, caplog):
    with caplog.at_level("WARNING", logger="ambiguity"):
        report = staged().analyze(TYPOS, path="docs/spec.md", format="markdown")
    assert _warnings(caplog) == [
        "docs/spec.md:3: unknown rule or category 'vauge' in an ambiguity directive",
        "docs/spec.md:4: unknown rules or categories 'pasive', 'nope' in an ambiguity directive",
        "docs/spec.md:10: unknown rule or category 'vague.subjektive' in an ambiguity directive",
    ]
    # the typo suppresses nothing: REQ-1's finding is still there
    assert any(f.line == 3 and f.category == "vague" for f in report.findings)


def test_known_names_are_not_warned_even_when_only_keeps_others_out(analyzer, caplog):
    text = "- The UI shall be fast. <!-- ambiguity: disable-line=passive,vague.subjective,missing-metric. -->\n"
    ruler = analyzer.ruler
    saved = ruler.only
    try:
        ruler.only = ["vague"]  # --only vague: passive is still a rule a directive may name
        ruler.initialize()
        with caplog.at_level("WARNING", logger="ambiguity"):
            analyzer.analyze(text, path="a.md", format="markdown")
    finally:
        ruler.only = saved
        ruler.initialize()
    assert _warnings(caplog) == []


def test_scan_warns_about_a_typo_on_stderr_only(tmp_path, fast_cli):
    doc = tmp_path / "spec.md"
    doc.write_text("# Spec\n\n- REQ-1: The UI shall be user-friendly. <!-- ambiguity: disable-line=vauge -->\n",
                   encoding="utf-8")
    result = CliRunner().invoke(main, ["scan", str(doc), "--format", "json", "--fail-on", "none"])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        f"ambiguity: {doc}:3: unknown rule or category 'vauge' in an ambiguity directive"]
    assert json.loads(result.stdout)["summary"]["suppressed"] == 0
