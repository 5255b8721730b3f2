"""Library types that say what they mean: severities and categories are string enums, ordered where it matters."""
from __future__ import annotations

import json
import pickle

import pytest

from ambiguity import Category, Severity
from ambiguity.rules import CATEGORIES, load_rules
from ambiguity.types import Finding, UnitRef


def _finding(**kw) -> Finding:
    base = dict(path="a.md", line=1, column=5, end_line=1, end_column=9, start=4, end=8, category="vague",
                rule="vague.subjective", severity="warning", confidence=0.8, message="m", suggestion="s",
                text="fast", unit=UnitRef(None, "paragraph", 1))
    base.update(kw)
    return Finding(**base)


def test_severity_reads_as_its_name():
    sev = Severity.WARNING
    assert str(sev) == "warning" and f"{sev}" == "warning" and sev == "warning"
    assert isinstance(sev, str) and sev.upper() == "WARNING"
    assert json.dumps({"severity": sev}) == '{"severity": "warning"}'
    assert {"warning": 1}[sev] == 1


def test_severity_orders_by_rank_not_alphabet():
    # alphabetically "error" < "info" < "warning": the ranks must win
    assert Severity.ERROR > Severity.WARNING > Severity.INFO
    assert Severity.INFO < Severity.ERROR and Severity.WARNING >= Severity.WARNING
    assert sorted([Severity.ERROR, Severity.INFO, Severity.WARNING]) == [Severity.INFO, Severity.WARNING,
                                                                         Severity.ERROR]
    assert max([Severity.INFO, Severity.ERROR, Severity.WARNING]) is Severity.ERROR
    assert [s.rank for s in (Severity.INFO, Severity.WARNING, Severity.ERROR)] == [1, 2, 3]
    assert Severity.ERROR >= "warning" and not Severity.INFO >= "warning"  # names compare by rank too
    with pytest.raises(ValueError):
        Severity.INFO < "vague"  # noqa: B015


@pytest.mark.parametrize("value,expected", [("warning", Severity.WARNING), (" Error ", Severity.ERROR),
                                            ("INFO", Severity.INFO), (Severity.ERROR, Severity.ERROR)])
def test_severity_parse(value, expected):
    assert Severity.parse(value) is expected


@pytest.mark.parametrize("bad", ["critical", "", 2])
def test_severity_parse_refuses_other_values(bad):
    with pytest.raises(ValueError, match="expected error, warning or info"):
        Severity.parse(bad)


def test_category_enum_is_the_category_list():
    assert [c.value for c in Category] == list(CATEGORIES) and len(Category) == 15
    assert Category.MISSING_METRIC == "missing-metric" and str(Category.OPEN_ENDED) == "open-ended"
    assert Category("undefined-deadline") is Category.UNDEFINED_DEADLINE


def test_rules_and_findings_carry_the_enums():
    rules = load_rules()
    assert all(type(r.category) is Category and type(r.severity) is Severity for r in rules)
    f = _finding()
    assert f.category is Category.VAGUE and f.severity is Severity.WARNING  # coerced from their names
    assert f.to_dict()["category"] == "vague" and f.to_dict()["severity"] == "warning"
    assert json.loads(json.dumps(f.to_dict()))["severity"] == "warning"
    assert pickle.loads(pickle.dumps(f)) == f  # batch workers send findings between processes
    with pytest.raises(ValueError):
        _finding(category="vauge")


def test_an_analyzed_finding_reads_as_warning(analyzer):
    report = analyzer.analyze("The UI shall be user-friendly.")
    f = next(f for f in report.findings if f.rule == "vague.subjective")
    assert f.severity == "warning" and str(f.severity) == "warning" and f.severity is Severity.WARNING
    assert f.category == "vague" and f.category is Category.VAGUE
    assert repr(f.severity) == "<Severity.WARNING: 'warning'>"
