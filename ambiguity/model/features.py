"""Features of one unit, as small pure functions of a parsed ``Doc`` (with the ruler's spans in ``doc.spans``).

Each function takes a ``Doc`` and returns a number or a small dict of numbers; :func:`doc_features` merges them
into the dict that ``DictVectorizer`` reads, and :func:`doc_text` gives the normalised text for the n-grams.
"""
from __future__ import annotations

import re
from typing import Callable, Dict, List, Tuple

from spacy.tokens import Doc, Token

from ..pipeline.conditions import BINDING_MODALS, is_number
from ..pipeline.detectors import has_date, names_calendar_date

#: The three headline labels, in the order the model predicts them.
LABELS: Tuple[str, ...] = ("vague_language", "missing_metric", "undefined_deadline")
#: Which rule categories each label speaks for.
GROUPS: Dict[str, Tuple[str, ...]] = {
    "vague_language": ("vague", "loophole", "open-ended", "comparative", "superlative"),
    "missing_metric": ("missing-metric",),
    "undefined_deadline": ("undefined-deadline",),
}
SPANS_KEY = "ambiguity"

_UNITS = frozenset(
    "ms s sec secs second seconds min mins minute minutes h hr hrs hour hours day days week weeks month months "
    "year years % percent kb mb gb tb kbps mbps gbps hz khz mhz ghz kg g mg km m cm mm v kv w kw mw kwh a ma db "
    "users user requests request transactions transaction tps rps qps messages message orders order records record "
    "pages page items item eur usd € $ £ °c °f k x times characters chars pixels px dpi fps nines".split()
)
_QUALITY = frozenset(
    "performance performant fast quick quickly speed responsive responsiveness latency throughput scalable "
    "scalability reliable reliability available availability uptime robust robustness efficient efficiency capacity "
    "load volume accurate accuracy precise precision usable usability intuitive maintainable maintainability portable "
    "portability secure security resilient resilience timely prompt promptly real-time delay response stable "
    "stability durable quality accessible accessibility user-friendly friendly easy easily simple".split()
)
_COMMIT_VERBS = frozenset(
    "deliver submit send complete finish fix implement hand ship release prepare draft share circulate investigate "
    "resolve confirm organise organize arrange produce write migrate install deploy train follow look ping schedule "
    "contact present publish finalise finalize sign approve decide clarify provide supply update review document "
    "report create define agree check test set".split()
)
_PARTIES = frozenset(
    "vendor supplier contractor provider consultant integrator team we i you client customer partner agency bidder "
    "developer developers manager lead owner department pm they he she seller buyer subcontractor company authority "
    "office us someone ops qa legal finance procurement board committee".split()
)
_SYSTEMS = frozenset("system application app software platform portal service module server api interface tool".split())
_TIME_WORDS = frozenset(
    "soon later asap eventually promptly shortly timely future upcoming next phase tomorrow week month quarter "
    "deadline date due".split()
)
_NUM_RE = re.compile(r"\d")
#: Clauses that hang off a noun or a preposition: their to-infinitive is not a "Name to do X" action item
#: ("Ability for the user to create ..."); "Legal needs to review ..." and "X is to confirm ..." (xcomp) still are.
_EMBEDDED = frozenset({"acl", "relcl", "pcomp", "amod"})
#: Backlog and spec tags that real documents put in front of or after a requirement: "#G05#", "[SSS442]", "(M)".
_TAG_RE = re.compile(r"#\w+#|\[[A-Za-z0-9 ._-]{1,24}\]|\((?:M|I|O|D|R)\)")
_STORY_RE = re.compile(r"\W*as an? [^,]{1,80},? i (?:want|need|would like|wish|can)\b")
#: Capability phrasing ("shall be able to", "shall be capable of", "the ability to"): a function, not a quality.
_CAPABILITY = frozenset({"able", "capable", "ability", "capability"})
_COPULAS = frozenset({"be", "remain", "stay", "become", "feel", "look", "seem"})


def _strip_tags(text: str) -> str:
    return _TAG_RE.sub(" ", text).strip()


def rule_hits(doc: Doc) -> Dict[str, float]:
    """Rule findings per category and per rule id, from ``doc.spans``."""
    out: Dict[str, float] = {}
    for span in doc.spans.get(SPANS_KEY, []):
        rid = span.label_
        cat = rid.split(".", 1)[0]
        out[f"cat={cat}"] = out.get(f"cat={cat}", 0.0) + 1.0
        out[f"rule={rid}"] = 1.0
    for label, cats in GROUPS.items():
        out[f"group={label}"] = float(sum(out.get(f"cat={c}", 0.0) for c in cats) > 0)
    return out


def modality(doc: Doc) -> Dict[str, float]:
    """Which modal verbs bind the unit (shall, must, will, should, may, can...)."""
    out: Dict[str, float] = {}
    for tok in doc:
        if tok.tag_ == "MD":
            out[f"modal={tok.lower_}"] = 1.0
    out["binding"] = float(any(f"modal={m}" in out for m in BINDING_MODALS))
    return out


def _is_unit(tok: Token) -> bool:
    return tok.lower_ in _UNITS or tok.lemma_.lower() in _UNITS


def quantities(doc: Doc) -> Dict[str, float]:
    """Numbers, numbers with a unit right after them, percentages and bare numbers."""
    numbers = [t for t in doc if is_number(t) and _NUM_RE.search(t.text)]
    with_unit = 0
    for t in numbers:
        nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
        if re.search(r"\d(%|ms|s|h|kb|mb|gb)$", t.lower_) or (nxt is not None and _is_unit(nxt)):
            with_unit += 1
    return {
        "num": float(len(numbers) > 0),
        "num_with_unit": float(with_unit > 0),
        "num_bare": float(len(numbers) - with_unit > 0),
        "num_words": float(any(t.like_num and not _NUM_RE.search(t.text) for t in doc)),
    }


def temporal(doc: Doc) -> Dict[str, float]:
    """Calendar dates, anchored time limits and vague time words."""
    span = doc[:]
    return {
        "date": float(names_calendar_date(span)) if len(doc) else 0.0,
        "anchored_time": float(has_date(span)) if len(doc) else 0.0,
        "time_word": float(any(t.lower_ in _TIME_WORDS for t in doc)),
    }


def quality_vocabulary(doc: Doc) -> Dict[str, float]:
    """Quality-attribute words (performance, reliable, usable...) by lemma."""
    out: Dict[str, float] = {}
    for tok in doc:
        lemma = tok.lemma_.lower()
        if tok.lower_ in _QUALITY or lemma in _QUALITY:
            out[f"quality={lemma}"] = 1.0
    out["quality"] = float(bool(out))
    return out


def degree_words(doc: Doc) -> Dict[str, float]:
    """Comparatives, superlatives, adverbs of degree and the count of adjectives."""
    tags = [t.tag_ for t in doc]
    return {
        "comparative": float(any(t in {"JJR", "RBR"} for t in tags)),
        "superlative": float(any(t in {"JJS", "RBS"} for t in tags)),
        "adjectives": min(3.0, float(sum(t == "JJ" for t in tags))),
        "adverbs": min(3.0, float(sum(t == "RB" for t in tags))),
    }


def dependency_patterns(doc: Doc) -> Dict[str, float]:
    """Passive voice with and without an agent, and whether the subject is a system or a party."""
    out = {"passive": 0.0, "passive_no_agent": 0.0, "subj_system": 0.0, "subj_party": 0.0, "subj_propn": 0.0}
    for tok in doc:
        if tok.dep_ == "auxpass":
            out["passive"] = 1.0
            if not any(c.dep_ == "agent" for c in tok.head.children):
                out["passive_no_agent"] = 1.0
        if tok.dep_ in {"nsubj", "nsubjpass"}:
            low = tok.lemma_.lower()
            if low in _SYSTEMS:
                out["subj_system"] = 1.0
            elif low in _PARTIES or tok.lower_ in _PARTIES:
                out["subj_party"] = 1.0
            elif tok.pos_ == "PROPN":
                out["subj_propn"] = 1.0
    return out


def commitments(doc: Doc) -> Dict[str, float]:
    """A commitment verb (deliver, send, fix...) whose subject is a party rather than the system."""
    out = {"commit_verb": 0.0, "party_commitment": 0.0, "to_infinitive_action": 0.0}
    for tok in doc:
        if tok.pos_ != "VERB" or tok.lemma_.lower() not in _COMMIT_VERBS:
            continue
        out["commit_verb"] = 1.0
        subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        if subj is not None and (subj.lower_ in _PARTIES or subj.lemma_.lower() in _PARTIES or subj.pos_ == "PROPN"):
            out["party_commitment"] = 1.0
        if (any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children) and tok.i <= 4
                and tok.dep_ not in _EMBEDDED):
            out["to_infinitive_action"] = 1.0  # "Maria to send the figures", not "Ability for the user to create"
    return out


def shape(doc: Doc) -> Dict[str, float]:
    """Length band, user-story form and list or question form."""
    text = _strip_tags(doc.text).lower()
    n = len(doc)
    return {
        f"len={'short' if n < 8 else 'medium' if n < 25 else 'long'}": 1.0,
        "user_story": float(bool(_STORY_RE.match(text))),
        "so_that": float("so that" in text),
        "question": float(text.endswith("?")),
        "want": float(any(t.lemma_.lower() in {"want", "need", "require"} for t in doc)),
    }


def claim_shape(doc: Doc) -> Dict[str, float]:
    """Quality claim or function? A copula with a predicate adjective ("shall be secure", "shall remain usable")
    against an action verb with an object ("shall export the invoices"), capability phrasing ("shall be able to
    print"), verbless fragments ("Reasonable refresh rates.") and how many sentences the unit has."""
    out = {"pred_adj": 0.0, "pred_adj_quality": 0.0, "action_object": 0.0, "capability": 0.0, "no_verb": 0.0}
    verbs = 0
    for tok in doc:
        if tok.pos_ in {"VERB", "AUX"}:
            verbs += 1
        if tok.dep_ in {"acomp", "attr"} and tok.pos_ == "ADJ" and tok.head.lemma_.lower() in _COPULAS:
            if tok.lemma_.lower() in _CAPABILITY:
                out["capability"] = 1.0
            else:
                out["pred_adj"] = 1.0
                if tok.lower_ in _QUALITY or tok.lemma_.lower() in _QUALITY:
                    out["pred_adj_quality"] = 1.0
        elif tok.lemma_.lower() in _CAPABILITY and tok.pos_ == "NOUN":
            out["capability"] = 1.0
        if tok.pos_ == "VERB" and tok.lemma_.lower() not in _COPULAS and any(c.dep_ == "dobj" for c in tok.children):
            out["action_object"] = 1.0
    out["no_verb"] = float(verbs == 0)
    sentences = sum(1 for _ in doc.sents) if doc.has_annotation("SENT_START") else 1
    out[f"sentences={'1' if sentences <= 1 else '2' if sentences == 2 else '3+'}"] = 1.0
    return out


FEATURES: List[Callable[[Doc], Dict[str, float]]] = [
    rule_hits, modality, quantities, temporal, quality_vocabulary, degree_words, dependency_patterns, commitments,
    shape, claim_shape,
]


def doc_features(doc: Doc) -> Dict[str, float]:
    """All hand-made features of one unit, merged into one flat dict."""
    out: Dict[str, float] = {}
    for fn in FEATURES:
        out.update(fn(doc))
    return out


def doc_text(doc: Doc) -> str:
    """Lower-cased lemmas with numbers folded to ``<num>``: the input of the n-gram vectoriser."""
    words = []
    for tok in doc:
        if tok.is_space or (tok.is_punct and tok.text not in {"%", "?", "etc."}):
            continue
        words.append("<num>" if _NUM_RE.search(tok.text) else tok.lemma_.lower())
    return " ".join(words)


def doc_row(doc: Doc) -> Tuple[str, Dict[str, float]]:
    """The model's input for one unit: (normalised text, feature dict)."""
    return doc_text(doc), doc_features(doc)
