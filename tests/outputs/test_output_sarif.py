"""SARIF 2.1.0: valid against the official schema, rules described, fingerprints stable when lines move."""
from __future__ import annotations

import json

import pytest

from ambiguity.fingerprint import FINGERPRINT_KEY
from ambiguity.output import Summary
from ambiguity.output.sarif import sarif_log
from conftest import SHARED

SCHEMA = SHARED / "schemas" / "sarif-schema-2.1.0.json"
SPEC = """# Spec

- REQ-1: The UI shall be user-friendly.
- REQ-2: The report shall be signed if possible.
- REQ-3: The page shall load fast and the page shall load fast.
"""


def _log(analyzer, text: str, path: str = "docs/spec.md"):
    report = analyzer.analyze(text, path=path, format="markdown")
    summary = Summary()
    summary.add(report, report.findings)
    return sarif_log([(report, report.findings)], summary, analyzer.rules), report


@pytest.fixture(scope="module")
def validator():
    jsonschema = pytest.importorskip("jsonschema")
    if not SCHEMA.is_file():
        pytest.skip("../shared/schemas/sarif-schema-2.1.0.json is not present")
    return jsonschema.Draft4Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))


def test_valid_against_official_schema(analyzer, validator):
    log, report = _log(analyzer, SPEC)
    errors = sorted(validator.iter_errors(log), key=str)
    assert not errors, errors[0].message
    assert len(log["runs"][0]["results"]) == len(report.findings) > 0


def test_empty_run_is_valid(analyzer, validator):
    log = sarif_log([], Summary(), analyzer.rules)
    assert not list(validator.iter_errors(log))


def test_rules_carry_help_category_and_level(analyzer):
    log, _ = _log(analyzer, SPEC)
    rules = {r["id"]: r for r in log["runs"][0]["tool"]["driver"]["rules"]}
    assert set(rules) == set(analyzer.rules)
    vague = rules["vague.subjective"]
    assert "Suggestion:" in vague["help"]["text"]
    assert vague["properties"]["category"] == "vague"
    assert vague["defaultConfiguration"]["level"] in {"error", "warning", "note"}
    assert vague["name"] and vague["shortDescription"]["text"] and vague["fullDescription"]["text"]


def test_result_region_matches_finding(analyzer):
    log, report = _log(analyzer, SPEC)
    result = log["runs"][0]["results"][0]
    finding = report.findings[0]
    region = result["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == (finding.line, finding.column)
    assert (region["endLine"], region["endColumn"]) == (finding.end_line, finding.end_column)
    assert SPEC[region["charOffset"]: region["charOffset"] + region["charLength"]] == finding.text
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "docs/spec.md"
    assert log["runs"][0]["results"][0]["ruleId"] == log["runs"][0]["tool"]["driver"]["rules"][
        result["ruleIndex"]]["id"]


def test_fingerprints_survive_lines_moving_and_are_unique(analyzer):
    before, _ = _log(analyzer, SPEC)
    moved = SPEC.replace("# Spec\n", "# Spec\n\nAn introduction paragraph.\n\n\n")
    after, _ = _log(analyzer, moved)

    p_before = [r["partialFingerprints"][FINGERPRINT_KEY] for r in before["runs"][0]["results"]]
    p_after = {r["partialFingerprints"][FINGERPRINT_KEY] for r in after["runs"][0]["results"]}
    assert len(set(p_before)) == len(p_before), "two findings share a fingerprint"
    assert set(p_before) <= p_after
    lines_before = [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in before["runs"][0]["results"]]
    lines_after = [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in after["runs"][0]["results"]]
    assert lines_before != lines_after[: len(lines_before)]


def test_a_candidate_the_judge_dropped_still_counts_in_occurrence_indexes(analyzer):
    """The judge drops turned-down candidates early, keeping ``(start, end, rule, text)`` ghosts: the findings
    that remain get the fingerprints they had when nothing was dropped."""
    import dataclasses

    from ambiguity.fingerprint import compute_fingerprints

    report = analyzer.analyze("The UI shall be fast. The API shall be fast.\n\nThe UI shall be fast. The API shall be fast.")
    full = compute_fingerprints(report)
    assert len(full) >= 2
    first = min(report.findings, key=lambda f: f.start)
    ghost = (first.start, first.end, first.rule, first.text)
    dropped = dataclasses.replace(report, findings=[f for f in report.findings if f is not first], ghosts=[ghost])
    kept = compute_fingerprints(dropped)
    assert kept == {k: v for k, v in full.items() if k != (first.rule, first.start, first.end)}
    assert compute_fingerprints(dataclasses.replace(dropped, ghosts=[])) != kept  # without it the indexes shift
