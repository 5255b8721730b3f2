"""Every rule carries should-flag and should-pass examples, and every example holds on the real pipeline."""
from __future__ import annotations

import pytest

from ambiguity.rules import load_rules

RULES = load_rules()
MIN_EXAMPLES = 5


def _cases(kind: str):
    for rule in RULES:
        examples = rule.flag_examples if kind == "flag" else rule.pass_examples
        for text in examples:
            yield pytest.param(rule.id, text, id=f"{rule.id}:{text[:40]}")


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_every_rule_has_examples(rule):
    assert len(rule.flag_examples) >= MIN_EXAMPLES, f"{rule.id} needs {MIN_EXAMPLES} should-flag examples"
    assert len(rule.pass_examples) >= MIN_EXAMPLES, f"{rule.id} needs {MIN_EXAMPLES} should-pass examples"


def _rules_hit(analyzer, text: str) -> set:
    """Every rule that found something, also those merged into another finding on the same words."""
    return {rule for f in analyzer.analyze(text).findings for rule in [f.rule] + [a["rule"] for a in f.also]}


@pytest.fixture(scope="module")
def candidates(analyzer):
    """Every candidate the rules propose (``--profile all``, no span judge): what a rule's examples are about.
    Whether the judge shows a candidate is tested with the judge (tests/stages/test_span_judge.py)."""
    import copy

    from ambiguity import stages
    from ambiguity.project import Settings

    every = copy.copy(analyzer)
    every.settings = Settings(profile="all")
    every.span_judge = None
    every.stages = stages.build([s for s in stages.DEFAULT_STAGES if s != "merge"], every)
    return every


@pytest.fixture(scope="module")
def unit_analyzer(candidates):
    analyzer = candidates
    """The shipped policy (models/default/meta.json) switches most unit-level findings off on real text; the
    ``*.unit-classifier`` examples check what the classifier says when they are on, at its own threshold."""
    import copy

    if analyzer.classifier is None:
        return analyzer
    model = copy.deepcopy(analyzer.classifier)
    model.meta["integration"] = {k: {"add_unit_findings": True, "add_above": t, "suppress_below": 0.0}
                                 for k, t in model.thresholds.items()}
    # a copy sharing the pipeline and its ruler: Analyzer(nlp=analyzer.nlp) would replace the session analyzer's
    # ruler in that pipeline, and later tests that set its rules (fast_cli with --rules) would change an orphan
    from ambiguity import stages

    unit = copy.copy(analyzer)
    unit.classifier = model
    unit.stages = stages.build([s for s in stages.DEFAULT_STAGES if s != "merge"], unit)  # its own judge
    return unit


def _pick(analyzer, unit_analyzer, rule_id: str):
    return unit_analyzer if rule_id.endswith(".unit-classifier") else analyzer


@pytest.mark.parametrize("rule_id,text", list(_cases("flag")))
def test_flag_examples_are_flagged(candidates, unit_analyzer, rule_id, text):
    assert rule_id in _rules_hit(_pick(candidates, unit_analyzer, rule_id), text)


@pytest.mark.parametrize("rule_id,text", list(_cases("pass")))
def test_pass_examples_are_not_flagged(candidates, unit_analyzer, rule_id, text):
    assert rule_id not in _rules_hit(_pick(candidates, unit_analyzer, rule_id), text)
