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
    return {f.rule for f in analyzer.analyze(text).findings}


@pytest.mark.parametrize("rule_id,text", list(_cases("flag")))
def test_flag_examples_are_flagged(analyzer, rule_id, text):
    assert rule_id in _rules_hit(analyzer, text)


@pytest.mark.parametrize("rule_id,text", list(_cases("pass")))
def test_pass_examples_are_not_flagged(analyzer, rule_id, text):
    assert rule_id not in _rules_hit(analyzer, text)
