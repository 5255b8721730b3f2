"""Text output (ambiguity/output/text.py): grouped by file, ``path:line:col``, the unit and where it sits."""
from __future__ import annotations

import click
import pytest

from ambiguity.output.text import location_label, text_lines
from ambiguity.types import Finding, Report, Severity, UnitRef


def _finding(path: str = "docs/spec.md", line: int = 3, column: int = 5, **kw) -> Finding:
    base = {"path": path, "line": line, "column": column, "end_line": line, "end_column": column + 4, "start": 20,
            "end": 24, "category": "vague", "rule": "vague.subjective", "severity": Severity.WARNING,
            "confidence": 0.8, "message": "'fast' is vague", "suggestion": "Say how fast.", "text": "fast",
            "unit": UnitRef("REQ-1", "requirement", line), "location": {}}
    base.update(kw)
    return Finding(**base)


def _report(path: str, clarity: float = 72.4, scored_units: int = 4) -> Report:
    return Report(path=path, units=[], findings=[], scores={"clarity": clarity, "scored_units": scored_units})


def _plain(items) -> list:
    return [click.unstyle(line) for line in text_lines(items)]


def test_a_file_is_a_header_then_each_finding_with_its_source_line_carets_and_suggestion():
    lines = _plain([(_report("docs/spec.md"), [_finding()])])
    assert lines[0].startswith("docs/spec.md  ") and "1 finding (1 warning)" in lines[0]
    assert lines[1:] == [
        "docs/spec.md:3:5  warning  vague.subjective  'fast' is vague",
        "  3 | fast",
        "    | ^^^^ REQ-1, confidence 0.80",
        "    = suggestion: Say how fast.",
        "",
    ]


def test_findings_are_grouped_under_their_own_file_in_order():
    a, b = _report("a.md"), _report("b.md", clarity=100.0, scored_units=1)
    lines = _plain([(a, [_finding("a.md", 1, 1), _finding("a.md", 9, 2)]), (b, [_finding("b.md", 4, 7)])])
    firsts = [line.split()[0] for line in lines if line and not line.startswith(" ")]
    assert firsts == ["a.md", "a.md:1:1", "a.md:9:2", "b.md", "b.md:4:7"]
    assert "clarity 100/100" in next(line for line in lines if line.startswith("b.md  "))


def test_a_file_without_findings_prints_nothing():
    assert _plain([(_report("clean.md"), []), (_report("b.md"), [_finding("b.md")])])[0].startswith("b.md  ")
    assert _plain([(_report("clean.md"), [])]) == []


def test_severity_and_confidence_are_shown():
    lines = _plain([(_report("s.md"), [_finding("s.md", severity=Severity.ERROR, confidence=0.456)])])
    assert lines[1].startswith("s.md:3:5  error    vague.subjective  ") and lines[3].endswith("confidence 0.46")


def test_a_unit_without_id_is_not_named():
    lines = _plain([(_report("s.md"), [_finding("s.md", unit=UnitRef(None, "paragraph", 3))])])
    assert lines[3] == "    | ^^^^ confidence 0.80"


def test_the_location_label_follows_the_unit():
    finding = _finding("spec.docx", 12, 1, location={"paragraph": 14, "heading": ["Scope"]})
    assert _plain([(_report("spec.docx"), [finding])])[3].endswith("^^^^ REQ-1, \u00b614, confidence 0.80")


def test_a_location_with_nothing_to_show_adds_no_label():
    finding = _finding("s.md", location={"heading": ["Scope"]})
    assert _plain([(_report("s.md"), [finding])])[3].endswith("^^^^ REQ-1, confidence 0.80")


@pytest.mark.parametrize("location, label", [
    ({"page": 3, "line": 12}, "p.3 l.12"),
    ({"page": 3}, "p.3"),
    ({"page": 3, "line": 12, "paragraph": 9}, "p.3 l.12"),
    ({"table": 2, "row": 3, "cell": 1, "heading": ["Reqs"]}, "table 2 row 3 cell 1"),
    ({"table": 2}, "table 2 row ? cell ?"),
    ({"paragraph": 14, "heading": ["Scope"]}, "\u00b614"),
    ({"sheet": "Reqs", "row": 12, "column": "Text"}, "Reqs!row 12 Text"),
    ({"row": 12}, "row 12"),
    ({"line": 7}, "line 7"),
    ({"heading": ["Scope"], "id": "REQ-1"}, ""),
    ({}, ""),
])
def test_location_label(location, label):
    assert location_label(location) == label


def test_styles_are_added_and_unstyle_gives_the_plain_text():
    styled = list(text_lines([(_report("s.md"), [_finding("s.md")])]))
    assert "\x1b[" in styled[1] and click.unstyle(styled[1]).startswith("s.md:3:5  warning")
