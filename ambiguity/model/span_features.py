"""Features of one candidate finding (a rule's span in a parsed unit), as pure functions of the ``Doc``.

The span judge (:mod:`ambiguity.model.span_judge`) reads the dict :func:`span_features` returns through a
``DictVectorizer``: the rule, the words around the span, its place in the parse, and what the unit says elsewhere
(a measure anywhere in it pins a vague word, ``DEFINITIONS.md``), with the document's genre.
"""
from __future__ import annotations

import re
from typing import Any, Dict, Optional

from spacy.tokens import Doc, Span

from ..pipeline.conditions import BINDING_MODALS, is_identifier, is_number, quoted
from .features import _QUALITY, _UNITS

_STANDARD = re.compile(r"\b(ISO|IEC|IEEE|WCAG|RFC|NIST|ASIL|SIL|DO-\d|ETSI|ITU|PCI|OWASP|FIPS|HIPAA|GDPR|ANSI|SOC ?2)\b")
_SECTION = re.compile(r"^\d+(\.\d+){2,}[a-z]?$")
_WINDOW = 2
#: Subjects that make a sentence a party's obligation rather than the system's.
_PARTIES = frozenset({"contractor", "vendor", "government", "offeror", "provider", "customer", "supplier", "party",
                      "you", "we", "company", "licensee", "licensor"})


def _measure_at(tok) -> bool:
    """A number with its unit, a percentage, or a number counting a noun: a measurable criterion."""
    if not is_number(tok) or _SECTION.match(tok.text) or is_identifier(tok):
        return False
    text = tok.text.lower()
    if text.endswith("%") or re.search(r"\d(ms|s|h|kb|mb|gb|tb|hz|mhz|ghz)$", text):
        return True
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    if nxt is None:
        return False
    return nxt.lower_ in _UNITS or nxt.text == "%" or (nxt.pos_ == "NOUN" and tok.i > 0 and tok.doc[tok.i - 1].lower_
                                                          in {"within", "than", "least", "most", "under", "every"})


def measures(span: Span) -> int:
    """How many measurable criteria a stretch of the unit states (numbers with units, percentages, standards)."""
    count = sum(1 for t in span if _measure_at(t))
    return count + len(_STANDARD.findall(span.text))


def unit_facts(doc: Doc) -> Dict[str, Any]:
    """What the whole unit says, computed once per unit and shared by its candidates."""
    from ..pipeline.detectors import has_date

    sents = list(doc.sents) if doc.has_annotation("SENT_START") else [doc[:]]
    facts: Dict[str, Any] = {"sents": sents, "measures": [], "dates": [], "binding": [], "party": [], "modal": [],
                             "digits": any(t.text[:1].isdigit() for t in doc), "tokens": len(doc)}
    for sent in sents:  # what each sentence says, for all the candidates in it
        facts["measures"].append(measures(sent))
        facts["dates"].append(has_date(sent))
        facts["binding"].append(any(t.lower_ in BINDING_MODALS for t in sent))
        facts["party"].append(any(t.dep_ in {"nsubj", "nsubjpass"} and t.lower_ in _PARTIES for t in sent))
        facts["modal"].append(next((t.lower_ for t in sent if t.tag_ == "MD"), "none"))
    return facts


def _word(doc: Doc, i: int) -> str:
    if i < 0:
        return "<s>"
    if i >= len(doc):
        return "</s>"
    tok = doc[i]
    return "<num>" if tok.like_num or tok.text[:1].isdigit() else tok.lower_


def _sentence_index(facts: Dict[str, Any], start: int) -> int:
    for i, s in enumerate(facts["sents"]):
        if s.start <= start < s.end:
            return i
    return 0


def span_features(doc: Doc, start: int, end: int, rule: str, category: str, genre: str, kind: str,
                  facts: Optional[Dict[str, Any]] = None, proposal: bool = False) -> Dict[str, Any]:
    """The candidate ``doc[start:end]`` found by ``rule``, described for the judge. ``proposal``: the rule only
    proposes candidates to the judge (``options.needs_judge``); the judge has a model of its own for those."""
    facts = facts if facts is not None else unit_facts(doc)
    span = doc[start:end]
    root = span.root
    si = _sentence_index(facts, start)
    sent = facts["sents"][si]
    here = facts["measures"][si]
    elsewhere = sum(facts["measures"]) - here
    first = doc[start]
    sentence_start = first.i == sent.start or (first.i > 0 and doc[first.i - 1].text in {"-", "*", ":", "|", "("})
    binding = facts["binding"][si]
    out: Dict[str, Any] = {
        "proposal": float(proposal),
        "rule=" + rule: 1.0,
        "cat=" + category: 1.0,
        "genre=" + genre: 1.0,
        "kind=" + kind: 1.0,
        "dep=" + root.dep_: 1.0,
        "pos=" + root.pos_: 1.0,
        "head=" + root.head.lemma_.lower(): 1.0,
        "headdep=" + root.head.dep_: 1.0,
        "lemma=" + root.lemma_.lower(): 1.0,
        "rule_lemma=" + rule + "|" + root.lemma_.lower(): 1.0,
        "measure_here": float(here > 0),
        "date_here": float(facts["dates"][si]),
        "date_elsewhere": float(any(d for i, d in enumerate(facts["dates"]) if i != si)),
        "measure_elsewhere": float(elsewhere > 0),
        "measure_none": float(here + elsewhere == 0),
        "digits": float(facts["digits"]),
        "binding": float(binding),
        "capitalised": float(first.text[:1].isupper() and not sentence_start),
        "all_caps": float(span.text.isupper() and len(span.text) > 1),
        "quoted": float(quoted(doc, start, end)),
        "long_span": float(end - start > 4),
        "whole_unit": float(end - start >= max(1, len(doc) - 2)),
        "many_sents": float(len(facts["sents"]) > 1),
        "long_unit": float(facts["tokens"] > 60),
        "in_parens": float(start > 0 and doc[start - 1].text == "(" and end < len(doc) and doc[end].text == ")"),
        "subject_is_party": float(facts["party"][si]),
    }
    # what a word means depends on where it stands: the rule and the lemma, crossed with the obligation and genre
    lemma, bound = root.lemma_.lower(), "binding" if binding else "free"
    out[f"rule|{bound}={rule}"] = 1.0
    out[f"rule|genre={rule}|{genre}"] = 1.0
    out[f"lemma|{bound}={lemma}"] = 1.0
    out[f"lemma|kind={lemma}|{kind}"] = 1.0
    out[f"lemma|genre={lemma}|{genre}"] = 1.0
    out["modal=" + facts["modal"][si]] = 1.0
    out["first=" + first.lemma_.lower()] = 1.0
    if end - start > 1:  # a phrase (a claim, a commitment): what it is made of
        out["quality_term"] = float(any(t.lower_ in _QUALITY or t.lemma_.lower() in _QUALITY for t in span))
        out["has_adj"] = float(any(t.pos_ == "ADJ" for t in span))
        out["has_adv"] = float(any(t.pos_ == "ADV" for t in span))
        out["negated"] = float(any(t.dep_ == "neg" for t in span))
        for t in span:
            if t.dep_ in {"acomp", "dobj", "attr", "oprd"}:
                out["comp=" + t.lemma_.lower()] = 1.0
            if t.pos_ in {"VERB", "AUX"} and t.dep_ in {"ROOT", "xcomp", "ccomp", "conj", "relcl", "advcl"}:
                out["verb=" + t.lemma_.lower()] = 1.0
    for k in range(1, _WINDOW + 1):
        out[f"l{k}={_word(doc, start - k)}"] = 1.0
        out[f"r{k}={_word(doc, end - 1 + k)}"] = 1.0
    out[f"bigram={_word(doc, start - 1)}_{_word(doc, start)}"] = 1.0
    return out
