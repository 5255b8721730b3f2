"""GitHub workflow commands: one annotation per finding, escaped as the runner expects."""
from __future__ import annotations

from ambiguity.output import Summary
from ambiguity.output.github import annotation, escape_data, escape_property, github_lines
from ambiguity.types import Finding, Severity, UnitRef


def _finding(**kw) -> Finding:
    base = dict(path="docs/a,b:c.md", line=3, column=5, end_line=3, end_column=9, start=20, end=24,
                category="vague", rule="vague.subjective", severity=Severity.WARNING, confidence=0.8,
                message="'fast' is 100% vague:\nreally", suggestion="Say how fast.", text="fast",
                unit=UnitRef("REQ-1", "requirement", 3))
    base.update(kw)
    return Finding(**base)


def test_escaping():
    assert escape_data("50%\r\nnext") == "50%25%0D%0Anext"
    assert escape_property("a,b:c%") == "a%2Cb%3Ac%25"


def test_annotation_shape():
    line = annotation(_finding())
    assert line.startswith("::warning file=docs/a%2Cb%3Ac.md,line=3,col=5,endLine=3,endColumn=9,title=")
    head, _, body = line.partition("::")[2].partition("::")
    assert "\n" not in line
    assert body == "'fast' is 100%25 vague:%0Areally%0ASuggestion: Say how fast."


def test_levels_and_multiline_span():
    assert annotation(_finding(severity=Severity.ERROR)).startswith("::error ")
    assert annotation(_finding(severity=Severity.INFO)).startswith("::notice ")
    assert "endColumn" not in annotation(_finding(end_line=4))


def test_stream_ends_with_summary_notice(analyzer):
    report = analyzer.analyze("The UI shall be user-friendly.", path="spec.txt")
    summary = Summary()
    summary.add(report, report.findings)
    lines = list(github_lines([(report, report.findings)], summary))
    assert len(lines) == len(report.findings) + 1
    assert lines[-1].startswith("::notice title=ambiguity::1 file")
