"""What a scan shows: profiles, the span judge's decision, one finding per span, the document's own definitions,
genres. Written cases only; the judge here is a small one trained in the test, so that these tests do not move
when the shipped judge is retrained (the shipped one is measured by benchmarks/real_eval.py)."""
from __future__ import annotations

import copy
import json

import pytest
from click.testing import CliRunner

from ambiguity import stages
from ambiguity.cli import main
from ambiguity.definitions import defined_terms
from ambiguity.genre import genre_of
from ambiguity.model import span_judge
from ambiguity.project import Settings
from ambiguity.stages.merge import merge


@pytest.fixture()
def shown(analyzer):
    """``shown(text, profile=..., judge=...)``: the findings a scan shows, with the session pipeline."""
    def run(text: str, profile: str = "default", judge=None, path: str = "<text>", fmt: str = "text"):
        other = copy.copy(analyzer)
        other.settings = Settings(profile=profile)
        other.span_judge = judge
        other.stages = stages.build(stages.DEFAULT_STAGES, other)
        return other.analyze(text, path=path, format=fmt).findings

    return run


def _rules(findings) -> set:
    return {rule for f in findings for rule in [f.rule] + [a["rule"] for a in f.also]}


# -- profiles -----------------------------------------------------------------------------------------------
def test_default_profile_hides_the_families_that_do_not_hold_up_on_real_documents(shown):
    text = "All invoices shall be archived by the system and it may be exported."
    assert not {str(f.category) for f in shown(text)} & {"absolute", "passive", "pronoun", "optional"}
    strict = {str(f.category) for f in shown(text, profile="strict")}
    assert {"absolute", "optional"} <= strict


def test_missing_owner_stays_on_by_default_in_meeting_notes_only(shown):
    notes = "# Weekly sync 2027-03-04\n\n## Action items\n\n- Someone to follow up with the SMS vendor.\n"
    assert "missing-owner.action-item" in _rules(shown(notes, path="sync.md", fmt="markdown"))
    assert "missing-owner.vague-subject" not in _rules(shown("Someone must restart the server."))


def test_candidates_for_the_judge_alone_show_only_with_all(shown):
    text = "The build system shall be platform independent."
    assert "missing-metric.claim" not in _rules(shown(text, profile="strict"))  # no judge: never a finding
    assert "missing-metric.claim" in _rules(shown(text, profile="all"))


def test_cli_all_is_profile_all(fast_cli, tmp_path):
    doc = tmp_path / "spec.md"
    doc.write_text("The build system shall be platform independent. All data may be stored.\n")

    def rules(*args):
        out = CliRunner().invoke(main, ["scan", str(doc), "--format", "jsonl", "--fail-on", "none", *args]).stdout
        return {r["rule"] for r in map(json.loads, out.splitlines()) if r["type"] == "finding"}

    assert rules("--all") == rules("--profile", "all")
    assert rules("--all") > rules()


# -- the span judge -----------------------------------------------------------------------------------------
def _tiny_judge():
    """A judge that has learned one thing: a vague word in a sentence with 'shall' is a finding, elsewhere not."""
    rows, ys = [], []
    for binding in (0.0, 1.0):
        for _ in range(20):
            rows.append({"cat=vague": 1.0, "binding": binding})
            ys.append(int(binding))
    return span_judge.fit(rows, ys)


def test_the_judge_sets_confidence_and_hides_what_it_does_not_accept(shown):
    judge = _tiny_judge()
    kept = [f for f in shown("The portal shall be user-friendly.", judge=judge) if f.category == "vague"]
    assert kept and all(f.confidence > 0.5 for f in kept)
    assert not [f for f in shown("Portals are often user-friendly.", judge=judge) if f.category == "vague"]
    every = [f for f in shown("Portals are often user-friendly.", judge=judge, profile="all")
             if f.category == "vague"]
    assert every and all(f.confidence < 0.5 for f in every)


def test_judging_unit_by_unit_decides_as_the_stage_does(analyzer, monkeypatch):
    """The judge decides each unit's candidates during the per-unit pass (a long document keeps no evidence):
    every candidate gets the confidence, acceptance and unit probabilities the stage gives when it judges the whole
    document at its end (as it still does for ``Analyzer.evidence``)."""
    from ambiguity import api

    monkeypatch.setattr(api, "JUDGE_UNITS", 2)  # judged in several rounds within the document
    text = "\n\n".join(["The portal shall be user-friendly.", "Portals are often user-friendly.",
                         "The vendor shall respond quickly, as appropriate.", "Reports may be sent soon, etc.",
                         "The system shall export invoices within 2 seconds."])

    def run(evidence: bool):
        other = copy.copy(analyzer)
        other.settings, other.span_judge, other.evidence = Settings(profile="all"), _tiny_judge(), evidence
        other.stages = stages.build(stages.DEFAULT_STAGES, other)
        report = other.analyze(text)
        return ([(f.rule, f.start, f.end, round(f.confidence, 9), f.accepted) for f in report.findings],
                [u.labels for u in report.units], [f.evidence for f in report.findings])

    early, late = run(False), run(True)
    assert early[:2] == late[:2] and len(early[0]) >= 5
    assert {a for *_, a in early[0]} == {True, False}  # the judge accepted some and not others
    assert all(u for u in early[1]) and not any(early[2])  # every unit has its probabilities; no evidence kept


def test_a_saved_judge_loads_back_and_refuses_unknown_types(tmp_path):
    judge = _tiny_judge()
    span_judge.save(judge, tmp_path / "judge", {"what": "test"})
    loaded = span_judge.load(tmp_path / "judge")
    rows = [{"cat=vague": 1.0, "binding": 1.0}, {"cat=vague": 1.0, "binding": 0.0}]
    assert span_judge.predict(loaded, rows) == pytest.approx(span_judge.predict(judge, rows))
    import skops.io as sio

    from ambiguity.errors import ModelError

    bad = tmp_path / "bad"
    bad.mkdir()
    from sklearn.preprocessing import FunctionTransformer

    sio.dump({"vague_language": FunctionTransformer(func=len)}, bad / span_judge.MODEL_FILE)  # a builtin: untrusted
    (bad / span_judge.META_FILE).write_text("{}")
    with pytest.raises(ModelError, match="allowlist"):
        span_judge.load(bad)


# -- one finding per span -----------------------------------------------------------------------------------
def test_a_vague_word_missing_a_metric_is_reported_once_with_both_categories(shown):
    findings = [f for f in shown("The API shall be fast.", profile="strict") if "fast" in f.text]
    assert len(findings) == 1
    (f,) = findings
    assert {str(f.category)} | {a["category"] for a in f.also} >= {"vague", "missing-metric"}
    assert "also" in f.to_dict() and f.to_dict()["also"]


def test_a_suppression_naming_either_category_silences_the_merged_finding(shown):
    for name in ("vague", "missing-metric"):
        text = f"The API shall be fast. <!-- ambiguity: disable-line={name} -->"
        assert not [f for f in shown(text, profile="strict", fmt="markdown") if "fast" in f.text], name


def test_merge_keeps_separate_words_apart(shown):
    findings = merge(shown("The API shall be fast and the UI shall be intuitive.", profile="strict"))
    texts = {f.text for f in findings}
    assert any("fast" in t for t in texts) and any("intuitive" in t for t in texts)


# -- measures anywhere in the unit; numbers with their unit in words ----------------------------------------
@pytest.mark.parametrize("text", [
    "The search shall be fast. 95% of queries return within 2 s.",
    "The service shall be secure. It is certified to ISO 27001.",
])
def test_a_measure_in_another_sentence_pins_the_claim(shown, text):
    assert not [f for f in shown(text, profile="all") if f.category == "missing-metric"]


@pytest.mark.parametrize("text", [
    "The vendor shall respond within thirty (30) days.",
    "The system shall support 10 000 users.",
    "Rate each answer on a scale of 1-10.",
    "Support starts at 0900 each day.",
])
def test_numbers_whose_unit_is_in_words_are_not_missing_one(shown, text):
    assert "missing-metric.unitless-number" not in _rules(shown(text, profile="all"))


def test_a_bare_number_is_still_missing_its_unit(shown):
    assert "missing-metric.unitless-number" in _rules(shown("The vendor shall respond within 2.", profile="all"))


# -- contract deferral -------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "Defects shall be corrected to the satisfaction of the Contracting Officer.",
    "The Provider will use commercially reasonable efforts to restore the service.",
    "Credits are granted at the Provider's sole discretion.",
])
def test_deferral_to_one_partys_judgement_is_a_finding(shown, text):
    assert "loophole.deferral" in _rules(shown(text))


# -- the document's own definitions ------------------------------------------------------------------------
CONTRACT = """# Service agreement

## 1. Definitions

- Commercially Reasonable Efforts: the efforts set out in Schedule 2, with the staffing levels listed there.

## 2. Support

The Provider will use Commercially Reasonable Efforts to restore the Service.
"""


def test_a_term_the_document_defines_is_not_vague_where_it_is_used(shown):
    assert "Commercially Reasonable Efforts" in defined_terms(CONTRACT)
    used = [f for f in shown(CONTRACT, path="sla.md", fmt="markdown") if f.line == 9]
    assert not [f for f in used if f.category in ("loophole", "vague")]
    undefined = CONTRACT.replace("- Commercially Reasonable Efforts: the efforts", "- Effort: the efforts")
    assert "loophole.deferral" in _rules(shown(undefined, path="sla.md", fmt="markdown"))


@pytest.mark.parametrize("text,terms", [
    ('"Business Day" means a day other than a weekend.', {"Business Day"}),
    ("The hosting services (the \u201cServices\u201d) run in the EU.", {"Services"}),
    ("**Uptime**: the share of minutes the API answers.", {"Uptime"}),
])
def test_definition_styles(text, terms):
    assert terms <= defined_terms(text)


# -- genres ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text,genre", [
    ("The Contractor shall deliver the plan. The Government will review it. The parties agree to the fees in "
     "the Task Order. The Contractor warrants the work.", "contract"),
    ("As a clerk, I want to print receipts.\nAs a manager, I want to see sales.\nAs a clerk, I want to refund.",
     "story"),
    ("The pump shall stop within 2 s of an occlusion alarm. The display shall show the flow rate.", "spec"),
])
def test_genre_of_a_document(text, genre):
    assert genre_of(text, "doc.md") == genre


def test_kind_forces_the_genre():
    assert genre_of("The pump shall stop.", "doc.md", kind="contract") == "contract"
    assert genre_of("The pump shall stop.", "doc.md", kind="spec") == "spec"
