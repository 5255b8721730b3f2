"""The library: offsets, units, scores, streams."""
from __future__ import annotations

from ambiguity import Analyzer, Report, Severity
from ambiguity.types import SMART_DIMENSIONS

MARKDOWN = """# Spec

Intro with `fast code` and a link to https://fast.example.com/etc and <!-- soon, etc. -->.

- REQ-1: The UI **shall** be user-friendly.
- [ ] Someone will follow up with the bank ASAP.

| ID | Text |
|----|------|
| NFR-2 | The API shall respond quickly. |

```
The system shall be fast, etc.
```
"""


def test_markdown_offsets_are_exact_and_code_is_skipped(analyzer):
    report = analyzer.analyze(MARKDOWN, path="spec.md", format="markdown")
    lines = MARKDOWN.splitlines()
    assert report.findings, "expected findings"
    for f in report.findings:
        assert MARKDOWN[f.start:f.end] == f.text
        assert lines[f.line - 1][f.column - 1: f.column - 1 + len(f.text)] == f.text
    flagged = {f.text for f in report.findings}
    assert "user-friendly" in flagged and "ASAP" in flagged and "quickly" in flagged
    # code block, code span, URL and HTML comment are not analysed
    assert not any(f.line in (3, 13) for f in report.findings)


def test_units_carry_ids_and_kinds(analyzer):
    report = analyzer.analyze(MARKDOWN, path="spec.md", format="markdown")
    by_text = {f.text: f for f in report.findings}
    assert by_text["user-friendly"].unit.id == "REQ-1"
    assert by_text["user-friendly"].unit.kind == "requirement"
    assert by_text["quickly"].unit.id == "NFR-2"
    assert by_text["quickly"].unit.kind == "requirement"
    kinds = [u.kind for u in report.units]
    assert kinds[0] == "heading" and not report.units[0].scored


def test_plain_text_ids_and_lines(analyzer):
    text = "3.2.1 The system shall handle the expected load.\n\nREQ-7: Reports shall be sent regularly.\n"
    report = analyzer.analyze(text)
    ids = {f.unit.id for f in report.findings}
    assert ids == {"3.2.1", "REQ-7"}
    assert {f.line for f in report.findings} == {1, 3}


def test_scores_are_documented_dimensions_and_drop_with_findings(analyzer):
    clean = analyzer.analyze("The system shall export invoices as PDF.")
    vague = analyzer.analyze("The system shall export invoices quickly, etc.")
    for report in (clean, vague):
        assert set(SMART_DIMENSIONS) | {"clarity"} <= set(report.scores)
    assert clean.scores["clarity"] == 100.0
    assert vague.scores["clarity"] < clean.scores["clarity"]
    assert vague.scores["specific"] < 100.0 and vague.scores["measurable"] < 100.0
    assert vague.scores["time_bound"] == 100.0


def test_pinned_and_named_words_are_not_findings(analyzer):
    for text in (
        "The search shall be fast: under 200 ms at the 95th percentile.",
        "The depot network uses Fast Ethernet switches.",
        "Payroll shall apply the national minimum wage.",
        "The contract shall be signed in May 2027 by both parties.",
        'Staff shall read the guide "Tips, tricks, etc." before the audit.',
        "Rationale: the operator should not retype the route.",
    ):
        report = analyzer.analyze(text)
        cats = {f.category for f in report.findings} - {"passive", "absolute", "negative"}
        assert not cats & {"vague", "superlative", "optional", "open-ended"}, (text, cats)


def test_analyze_many_streams_in_order(analyzer):
    texts = ["The UI shall be user-friendly.", "", "The vendor will deliver the module ASAP.", "Fine text."]
    reports = list(analyzer.analyze_many(texts, batch_size=2))
    assert [r.path for r in reports] == [f"<text {i}>" for i in range(4)]
    assert [bool(r.findings) for r in reports] == [True, False, True, False]
    assert all(isinstance(r, Report) for r in reports)


def test_only_and_ignore():
    only = Analyzer(only=["undefined-deadline"], judge=None)
    cats = {f.category for f in only.analyze("The UI shall be user-friendly and ready ASAP.").findings}
    assert cats == {"undefined-deadline"}
    ignore = Analyzer(nlp=only.nlp, ignore=["undefined-deadline"], judge=None)
    cats = {f.category for f in ignore.analyze("The UI shall be user-friendly and ready ASAP.").findings}
    assert "undefined-deadline" not in cats and "vague" in cats


def test_finding_to_dict_contract(analyzer):
    (f,) = [f for f in analyzer.analyze("REQ-9: Logs shall be kept etc.").findings if f.category == "open-ended"]
    d = f.to_dict()
    for key in ("path", "line", "column", "end_line", "end_column", "start", "end", "category", "rule",
                "severity", "confidence", "message", "suggestion", "text", "unit"):
        assert key in d
    assert d["severity"] in {"error", "warning", "info"} and 0 < d["confidence"] <= 1
    assert d["unit"] == {"id": "REQ-9", "kind": "requirement", "line": 1}
    assert Severity.parse(d["severity"]) is f.severity


def test_long_unit_is_chunked_and_offsets_hold(analyzer):
    from ambiguity.units import MAX_UNIT_CHARS

    sentence = "The system shall respond quickly. "
    n = MAX_UNIT_CHARS // len(sentence) + 100  # just over one unit's limit: two pieces
    text = (sentence * n).strip()
    report = analyzer.analyze(text)
    assert len(report.units) > 1
    quick = [f for f in report.findings if f.rule == "vague.subjective"]
    assert len(quick) == n
    assert all(text[f.start:f.end] == "quickly" for f in quick)


def test_two_analyzers_on_one_pipeline_keep_their_own_rules(nlp):
    """An Analyzer never removes or reuses the ruler another Analyzer put on a shared pipeline."""
    from ambiguity import Analyzer

    shared = nlp.__class__.from_config(nlp.config)  # a pipeline of its own, so the session fixtures stay clean
    shared.from_bytes(nlp.to_bytes())
    from ambiguity.project import Settings

    vague_only = Analyzer(nlp=shared, only=["vague"], classifier=None)
    passive_only = Analyzer(nlp=shared, only=["passive"], classifier=None, config=Settings(profile="strict"))
    text = "The data shall be archived in a user-friendly format."
    assert {f.category for f in vague_only.analyze(text).findings} == {"vague"}
    assert {f.category for f in passive_only.analyze(text).findings} == {"passive"}
    assert {f.category for f in vague_only.analyze(text).findings} == {"vague"}  # still its own rules
