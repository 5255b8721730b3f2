"""Parse-based detectors (ambiguity/pipeline/detectors.py) called directly: a should-flag and a should-pass text each.

Each detector gets a Doc parsed by the default pipeline (no ruler) and the bundled rule that names it, and returns
``(start, end, weight)`` over token indices; the tests compare the flagged words and the weight.
"""
from __future__ import annotations

import pytest
from spacy.tokens import Doc

from ambiguity.pipeline.detectors import DETECTORS
from ambiguity.rules import load_rules

RULES = {r.detector: r for r in load_rules() if r.detector}

# (detector, text, [(flagged words, weight)])
FLAG = [
    ("passive_no_agent", "The audit log shall be encrypted.", [("shall be encrypted", 1.0)]),
    ("vague_owner", "Someone must restart the server.", [("Someone", 1.0)]),
    ("vague_owner", "We will look into the timeout issue.", [("We", 0.75)]),
    ("quality_without_metric", "The portal shall have good performance.", [("performance", 1.0)]),
    ("quality_without_metric", "The portal shall have low latency.", [("low latency", 1.0)]),
    ("unitless_number", "The upload shall finish within 10.", [("10", 1.0)]),
    ("commitment_without_date", "The contractor will deliver the user manual.", [("deliver", 1.0)]),
    ("open_item_without_date", "The data retention period must be decided.", [("decided", 1.0)]),
    ("unclear_pronoun", "This shall be logged.", [("This", 1.0)]),
    ("unclear_pronoun", "When the client calls the server, it shall log the request.", [("it", 0.8)]),
    ("coordinated_actions", "The system shall encrypt the file and send an email to the admin.", [("and", 1.0)]),
    ("coordinated_actions", "The system shall encrypt the file and the system shall sign it.", [("shall", 1.0)]),
    ("binding_claim", "The build system shall be platform independent.", [("shall be platform independent", 1.0)]),
    ("binding_claim", "The form must prevent invalid data. It is checked.", [("must prevent invalid data", 1.0)]),
]

PASS = [
    ("passive_no_agent", "The audit log shall be encrypted by the storage service."),
    ("passive_no_agent", "The service shall encrypt the audit log."),
    ("vague_owner", "The operator must restart the server."),
    ("quality_without_metric", "The portal shall answer within 200 ms."),
    ("quality_without_metric", "The cache shall be rebuilt every night so that performance stays stable."),
    ("unitless_number", "The upload shall finish within 10 seconds."),
    ("unitless_number", "The release shall ship before 2027."),
    ("commitment_without_date", "The contractor will deliver the user manual by 1 May 2027."),
    ("commitment_without_date", "The contractor will deliver the user manual within 30 days of acceptance."),
    ("open_item_without_date", "The data retention period must be decided by 30 June 2027."),
    ("open_item_without_date", "The data retention period must be decided by the customer."),
    ("unclear_pronoun", "The server shall log the request when it starts."),
    ("unclear_pronoun", "It shall be possible to export a report."),
    ("coordinated_actions", "The system shall encrypt and sign the file."),
    ("binding_claim", "The operator starts the pump when the tank is full."),
]


def _hits(nlp, name: str, text: str):
    doc = nlp(text)
    return [(doc[start:end].text, weight) for start, end, weight in DETECTORS[name](doc, RULES[name])]


def test_every_detector_has_a_bundled_rule_and_both_kinds_of_case_here():
    assert set(RULES) == set(DETECTORS)
    assert {name for name, *_ in FLAG} == set(DETECTORS) == {name for name, _ in PASS}


@pytest.mark.parametrize("name, text, expected", FLAG, ids=[f"{n}:{t[:30]}" for n, t, _ in FLAG])
def test_detector_flags(nlp, name, text, expected):
    assert _hits(nlp, name, text) == expected


@pytest.mark.parametrize("name, text", PASS, ids=[f"{n}:{t[:30]}" for n, t in PASS])
def test_detector_passes(nlp, name, text):
    assert _hits(nlp, name, text) == []


def _hand_parsed(nlp, words, tags, heads, deps) -> Doc:
    return Doc(nlp.vocab, words=words, tags=tags, heads=heads, deps=deps)


def test_passive_no_agent_reads_only_the_parse_of_a_hand_built_doc(nlp):
    """No model involved: the modal, the auxpass and the missing agent decide."""
    words = ["The", "data", "shall", "be", "archived", "."]
    tags = ["DT", "NNS", "MD", "VB", "VBN", "."]
    deps = ["det", "nsubjpass", "aux", "auxpass", "ROOT", "punct"]
    doc = _hand_parsed(nlp, words, tags, [1, 4, 4, 4, 4, 4], deps)
    assert list(DETECTORS["passive_no_agent"](doc, RULES["passive_no_agent"])) == [(2, 5, 1.0)]

    with_agent = _hand_parsed(nlp, words[:5] + ["by", "staff", "."], tags[:5] + ["IN", "NN", "."],
                              [1, 4, 4, 4, 4, 4, 5, 4], deps[:5] + ["agent", "pobj", "punct"])
    assert list(DETECTORS["passive_no_agent"](with_agent, RULES["passive_no_agent"])) == []

    could = _hand_parsed(nlp, ["The", "data", "could", "be", "archived", "."], tags, [1, 4, 4, 4, 4, 4], deps)
    assert list(DETECTORS["passive_no_agent"](could, RULES["passive_no_agent"])) == []  # not a binding modal
