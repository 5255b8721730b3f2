"""SMART scores (ambiguity/scoring.py, docs/scoring.md): per-unit factors, document means, the unit lookup."""
from __future__ import annotations

import pytest

from ambiguity.scoring import SEVERITY_WEIGHT, document_scores, rescore, unit_index, unit_scores
from ambiguity.types import SMART_DIMENSIONS, Finding, Severity, Unit, UnitRef

ALL_100 = {**{d: 100.0 for d in SMART_DIMENSIONS}, "clarity": 100.0}


def _finding(category: str = "vague", severity: Severity = Severity.WARNING, confidence: float = 1.0,
             start: int = 0) -> Finding:
    return Finding(path="spec.md", line=1, column=start + 1, end_line=1, end_column=start + 2, start=start,
                   end=start + 1, category=category, rule=f"{category}.x", severity=severity, confidence=confidence,
                   message="m", suggestion="s", text="x", unit=UnitRef(None, "paragraph", 1))


def _unit(index: int, start: int, end: int, scored: bool = True) -> Unit:
    return Unit(index=index, id=None, kind="paragraph", start=start, end=end, line=index + 1, scored=scored)


def test_a_unit_without_findings_scores_100_everywhere():
    assert unit_scores([]) == ALL_100


def test_weights_are_error_1_warning_06_info_025():
    assert SEVERITY_WEIGHT == {Severity.ERROR: 1.0, Severity.WARNING: 0.6, Severity.INFO: 0.25}


@pytest.mark.parametrize("category, dimension", [
    ("vague", "specific"), ("passive", "specific"), ("missing-metric", "measurable"), ("negative", "measurable"),
    ("absolute", "achievable"), ("missing-owner", "relevant"), ("undefined-deadline", "time_bound"),
])
def test_a_finding_lowers_only_its_own_dimension_by_weight_times_confidence(category, dimension):
    scores = unit_scores([_finding(category, Severity.WARNING, 0.5)])  # 1 - 0.6 * 0.5
    assert scores == {**ALL_100, dimension: 70.0, "clarity": 70.0}


def test_the_documented_example():
    one = unit_scores([_finding("vague", Severity.WARNING, 0.75)])
    assert one["specific"] == 55.0 and one["clarity"] == 55.0
    two = unit_scores([_finding("vague", Severity.WARNING, 0.75),
                       _finding("undefined-deadline", Severity.WARNING, 0.85)])
    assert two["specific"] == 55.0 and two["time_bound"] == 49.0 and two["clarity"] == 27.0


def test_findings_on_one_dimension_multiply_rather_than_add():
    scores = unit_scores([_finding("absolute", Severity.ERROR, 0.5)] * 3)
    assert scores["achievable"] == 12.5 and scores["clarity"] == 12.5  # 0.5 ** 3, not 1 - 3 * 0.5


def test_clarity_takes_every_finding_whatever_its_dimension():
    scores = unit_scores([_finding("vague", Severity.ERROR, 0.5), _finding("absolute", Severity.INFO, 0.8)])
    assert scores["specific"] == 50.0 and scores["achievable"] == 80.0 and scores["clarity"] == 40.0


def test_a_score_never_goes_below_zero_even_with_confidence_over_one():
    scores = unit_scores([_finding("vague", Severity.ERROR, 1.0), _finding("vague", Severity.ERROR, 1.7)])
    assert scores["specific"] == 0.0 and scores["clarity"] == 0.0


def test_a_negative_confidence_lowers_nothing():
    assert unit_scores([_finding("vague", Severity.ERROR, -0.4)]) == ALL_100


def test_an_unknown_category_is_refused_before_it_can_be_scored():
    with pytest.raises(ValueError, match="made-up"):
        _finding("made-up", Severity.ERROR, 0.25)


def test_document_scores_are_means_over_scored_units_only():
    units = [_unit(0, 0, 10), _unit(1, 10, 20), _unit(2, 20, 30, scored=False)]
    units[0].scores = {**ALL_100, "specific": 40.0, "clarity": 40.0}
    units[1].scores = dict(ALL_100)
    units[2].scores = {**ALL_100, "clarity": 0.0}  # a heading's scores, if it had any, are left out
    doc = document_scores(units)
    assert doc["clarity"] == 70.0 and doc["specific"] == 70.0 and doc["measurable"] == 100.0
    assert doc["scored_units"] == 2 and doc["flagged_units"] == 1


def test_a_document_without_scored_units_scores_100_with_zero_counts():
    doc = document_scores([_unit(0, 0, 10, scored=False)])
    assert doc == {**ALL_100, "scored_units": 0, "flagged_units": 0}


@pytest.mark.parametrize("offset, index", [(0, 0), (9, 0), (10, 1), (19, 1), (20, 2), (10_000, 2)])
def test_unit_index_is_the_last_unit_starting_at_or_before_the_offset(offset, index):
    units = [_unit(0, 0, 10), _unit(1, 10, 20), _unit(2, 20, 30)]
    assert unit_index(units, offset) == index
    assert unit_index(units, offset, starts=[0, 10, 20]) == index


def test_unit_index_before_the_first_unit_gives_the_first_unit():
    assert unit_index([_unit(0, 5, 10), _unit(1, 12, 20)], 2) == 0


def test_unit_index_returns_the_unit_s_own_index_not_its_list_position():
    assert unit_index([_unit(7, 0, 10), _unit(9, 10, 20)], 15) == 9


def test_unit_index_falls_in_a_gap_to_the_unit_before_it():
    assert unit_index([_unit(0, 0, 10), _unit(1, 20, 30)], 15) == 0  # the blank line after unit 0


def test_rescore_scores_each_unit_on_the_findings_inside_it():
    units = [_unit(0, 0, 10), _unit(1, 10, 20), _unit(2, 20, 30)]
    doc = rescore(units, [_finding("vague", Severity.ERROR, 0.5, start=12),
                          _finding("absolute", Severity.ERROR, 0.5, start=25)])
    assert units[0].scores == ALL_100
    assert units[1].scores == {**ALL_100, "specific": 50.0, "clarity": 50.0}
    assert units[2].scores == {**ALL_100, "achievable": 50.0, "clarity": 50.0}
    assert doc["clarity"] == 66.7 and doc["scored_units"] == 3 and doc["flagged_units"] == 2


def test_rescore_without_the_findings_gives_the_scores_back():
    units = [_unit(0, 0, 10)]
    rescore(units, [_finding("vague", Severity.ERROR, 1.0, start=3)])
    assert units[0].scores["clarity"] == 0.0
    assert rescore(units, [])["clarity"] == 100.0 and units[0].scores == ALL_100


def test_rescore_leaves_unscored_units_and_their_findings_out():
    units = [_unit(0, 0, 10, scored=False), _unit(1, 10, 20)]
    doc = rescore(units, [_finding("vague", Severity.ERROR, 1.0, start=4)])
    assert units[0].scores == {} and units[1].scores == ALL_100
    assert doc["clarity"] == 100.0 and doc["scored_units"] == 1


def test_rescore_of_a_document_without_units_is_all_100():
    assert rescore([], [_finding()]) == {**ALL_100, "scored_units": 0, "flagged_units": 0}
