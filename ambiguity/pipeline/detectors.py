"""Parse-based checks: defects that no single word shows (a passive with no agent, a claim with no number).

A detector is ``(doc, rule) -> iterable of (start, end, weight)`` over token indices; ``weight`` scales the rule's
confidence. Their messages, severities, sources, term lists (``options``) and examples live in the rule files
like every other rule; this module only holds the logic.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Callable, Dict, Iterable, Iterator, Optional, Tuple

from .conditions import (BINDING_MODALS, ID_NOUNS, is_identifier, is_number, pinned_by_number, proper_name, quoted,
                         rationale)

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token  # annotations only: the rule loader imports this without spaCy

    from ..rules.loader import Rule

Hit = Tuple[int, int, float]
Detector = Callable[["Doc", "Rule"], Iterable[Hit]]
DETECTORS: Dict[str, Detector] = {}

_MONTHS = (
    "january february march april june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
).split()
_WEEKDAYS = "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri".split()
_DATE_RE = re.compile(
    r"\b\d{4}-\d{1,2}-\d{1,2}\b|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b|\bQ[1-4]\b|\b(19|20)\d{2}\b|\bH[12]\b|\bCW ?\d{1,2}\b"
    r"|\bweek \d{1,2}\b|\bsprint \d+\b|\bday \d+\b|\bT\+\d+\b",
    re.I,
)
# Prepositions that introduce a time limit; the limit counts as a date when an anchor follows them.
_SHORT_UNITS = {"s", "ms", "h", "hr", "hrs", "min", "mins", "sec", "secs", "kb", "mb", "gb", "tb", "m", "km", "kg", "g",
                "px", "pt", "k", "x", "ns", "us", "µs", "d", "w", "rpm", "fps", "hz", "khz", "mhz", "ghz", "v", "a", "w"}
_ANCHOR_NOUNS = {
    "signature", "signing", "kickoff", "kick-off", "go-live", "golive", "launch", "acceptance", "award",
    "milestone", "release", "deadline", "cutover", "cut-over", "handover", "completion", "start", "receipt",
    "notification", "delivery", "approval", "closing", "close", "review", "audit", "freeze", "demo", "meeting",
}


def detector(name: str) -> Callable[[Detector], Detector]:
    def register(fn: Detector) -> Detector:
        DETECTORS[name] = fn
        return fn

    return register


_TERMS_CACHE: Dict[Tuple[str, str, int], frozenset] = {}
_FIRST_WORDS: Dict[frozenset, frozenset] = {}
_PHRASES_BY_FIRST: Dict[frozenset, Dict[str, list]] = {}


def _terms(rule: "Rule", key: str) -> frozenset:
    """A rule option as a lower-cased set, built once per rule (detectors run on every Doc)."""
    cache_key = (rule.id, key, id(rule.options))
    terms = _TERMS_CACHE.get(cache_key)
    if terms is None:
        terms = _TERMS_CACHE[cache_key] = frozenset(str(t).lower() for t in rule.options.get(key, ()))
    return terms


def _binding_modal(verb: Token) -> Optional[Token]:
    """The shall/must/will/should that governs this verb, if any."""
    for child in verb.children:
        if child.dep_ == "aux" and child.tag_ == "MD" and child.lower_ in BINDING_MODALS:
            return child
    if verb.dep_ in {"xcomp", "conj"} and verb.head is not verb:
        return _binding_modal(verb.head)
    return None


def _sentences(doc: Doc) -> Iterator[Span]:
    if doc.has_annotation("SENT_START"):
        yield from doc.sents
    else:
        yield doc[:]


def names_calendar_date(span: Span) -> bool:
    """A calendar date or part of one (2027-03-15, 15 March, Friday, Q3), not merely a time limit."""
    if _DATE_RE.search(span.text):
        return True
    return any(
        t.lower_ in _WEEKDAYS or (t.lower_ in _MONTHS and t.text[:1].isupper()) or (t.lower_ == "may" and t.tag_ == "NNP")
        for t in span
    )


def has_date(span: Span) -> bool:
    """Does the span name a concrete date or an anchored time (by 15 March, within 10 days of signature)?"""
    text = span.text
    if _DATE_RE.search(text):
        return True
    for i, tok in enumerate(span):
        low = tok.lower_
        if low in _WEEKDAYS or (low in _MONTHS and tok.text[:1].isupper()):
            return True
        if low == "may" and tok.tag_ == "NNP":
            return True
        if low in {"by", "before", "until", "within", "till", "than", "to", "during", "after"} or low == "prior":
            window = span[i + 1: i + 6]
            if any(is_number(t) for t in window) or any(t.lower_ in _ANCHOR_NOUNS for t in window):
                return True
        if low in {"today", "tonight", "tomorrow", "eod", "eow", "cob"}:
            return True
    return False


@detector("passive_no_agent")
def passive_no_agent(doc: Doc, rule: "Rule") -> Iterator[Hit]:
    """A binding statement in the passive that never says who acts: 'The data shall be archived.'"""
    for tok in doc:
        if tok.dep_ != "auxpass":
            continue
        verb = tok.head
        if any(c.dep_ == "agent" for c in verb.children):
            continue
        modal = _binding_modal(verb)
        if modal is None or rationale(doc, verb.i, verb.i + 1):
            continue
        start = min(modal.i, tok.i)
        yield start, verb.i + 1, 1.0


@detector("vague_owner")
def vague_owner(doc: Doc, rule: "Rule") -> Iterator[Hit]:
    """An obligation or action whose subject is no one in particular: we, someone, the team, TBD."""
    owners = _terms(rule, "owners")
    strong = _terms(rule, "strong_owners")
    for tok in doc:
        if tok.dep_ not in {"nsubj", "nsubjpass"}:
            continue
        verb = tok.head
        committed = (
            _binding_modal(verb) is not None
            or (verb.lemma_ in {"need", "have"} and any(c.dep_ == "xcomp" for c in verb.children))
            or any(c.lower_ == "to" and c.dep_ == "aux" for c in verb.children)
        )
        if not committed:
            continue
        words = [t for t in tok.subtree if t.i <= tok.i]
        phrase = " ".join(t.lower_ for t in words)
        if phrase in owners or tok.lower_ in owners:
            yield words[0].i, tok.i + 1, 1.0 if (phrase in strong or tok.lower_ in strong) else 0.75


@detector("quality_without_metric")
def quality_without_metric(doc: Doc, rule: "Rule") -> Iterator[Hit]:
    """A quality, performance or capacity claim in a binding sentence with no number or standard in it."""
    terms = _terms(rule, "terms")
    predicative = _terms(rule, "predicative_only")
    words = _FIRST_WORDS.get(terms)
    if words is None:
        words = _FIRST_WORDS[terms] = frozenset(t.split()[0] for t in terms)
    if not any(t.lower_ in words or t.lemma_.lower() in terms for t in doc):
        return  # cheap pre-check: most sentences mention no quality attribute at all
    by_first = _PHRASES_BY_FIRST.get(terms)
    if by_first is None:
        by_first = _PHRASES_BY_FIRST[terms] = {}
        for t in terms:
            if " " in t:
                by_first.setdefault(t.split()[0], []).append(tuple(t.split()))
    for sent in _sentences(doc):
        if not any(t.tag_ == "MD" and t.lower_ in BINDING_MODALS for t in sent) and "want" not in {
            t.lower_ for t in sent
        }:
            continue
        if any(is_number(t) for t in sent) or rationale(doc, sent.start, sent.start + 1):
            continue
        if pinned_by_number(doc, sent.start, sent.start + 1):
            continue  # a named standard is a criterion
        lows = [t.lower_ for t in sent]
        purpose = _purpose_start(lows)  # a quality in a "so that" clause is a stated benefit, not the ask
        taken = set(range(purpose, len(lows)))
        for i in range(purpose):
            for phrase in by_first.get(lows[i], ()):
                n = len(phrase)
                if tuple(lows[i: i + n]) == phrase and i + n <= purpose:
                    taken.update(range(i, i + n))
                    yield sent.start + i, sent.start + i + n, 1.0
        for i, tok in enumerate(sent):
            if i in taken:
                continue
            if tok.lower_ in terms or tok.lemma_.lower() in terms:
                if proper_name(doc, tok.i, tok.i + 1) or quoted(doc, tok.i, tok.i + 1):
                    continue
                if (tok.lower_ in predicative or tok.lemma_.lower() in predicative) and (
                    tok.dep_ == "amod" or (tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ in {"to", "for", "on", "in"})
                ):
                    continue  # "the available options", "authenticated users", "available to the user": no claim
                yield tok.i, tok.i + 1, 1.0


def _purpose_start(lows) -> int:
    """Index where a purpose clause ('so that', 'in order to', 'in order for') starts, or ``len(lows)``."""
    for i in range(len(lows) - 1):
        if (lows[i], lows[i + 1]) == ("so", "that") or (lows[i], lows[i + 1]) == ("in", "order"):
            return i
    return len(lows)


_CLAIM_DEPS = frozenset({"acomp", "dobj", "attr", "xcomp", "prep", "advmod", "oprd", "ccomp", "agent"})
_MAX_CLAIM = 12


@detector("binding_claim")
def binding_claim(doc: Doc, rule: "Rule") -> Iterator[Hit]:
    """Every binding statement's predicate ('shall be platform independent', 'will refund the fee'), an imperative
    item's ('Deliver the migration plan') and a story's want ('I want to upload files quickly'): candidates for the
    span judge, which decides whether they claim a quality with no criterion, or commit to something with no time
    (DEFINITIONS.md)."""
    for sent in _sentences(doc):
        for verb, begin in _predicates(sent):
            end = verb.i + 1
            for child in verb.children:
                if child.i > verb.i and child.dep_ in _CLAIM_DEPS:
                    end = max(end, child.right_edge.i + 1)
                    break  # the first complement carries the claim; what follows is usually its purpose
            end = min(end, sent.end, begin + _MAX_CLAIM)
            if end > begin:
                yield begin, end, 1.0


def _predicates(sent: Span) -> Iterator[Tuple[Token, int]]:
    """``(verb, first token)`` of each binding predicate in a sentence."""
    first = next((t for t in sent if not t.is_punct and not t.is_space), None)
    if first is not None and first.tag_ == "VB" and first.dep_ == "ROOT":
        yield first, first.i  # an imperative list item: "Document and provide support for the transition"
    for tok in sent:
        if tok.tag_ == "MD" and tok.lower_ in BINDING_MODALS:
            verb = tok.head
            if verb.i > tok.i and verb.pos_ in {"VERB", "AUX"}:
                yield verb, tok.i
        elif tok.lower_ in {"want", "need"} and tok.pos_ == "VERB":
            for child in tok.children:
                if child.dep_ == "xcomp" and child.i > tok.i:
                    yield child, child.i


_STANDARD_BODIES = frozenset({"ISO", "IEC", "IEEE", "EN", "RFC", "NIST", "FIPS", "ANSI", "ETSI", "ITU", "DO", "SP",
                              "PCI", "SOC", "WCAG", "MIL-STD", "ISO/IEC", "BS", "DIN", "EIA", "ECSS"})
_SCALE_NOUNS = frozenset({"scale", "rating", "score", "grade", "priority", "severity", "level", "tier", "rank"})


def _unit_after(doc: Doc, i: int) -> Optional[Token]:
    """The word after a number, past a numeral that repeats it: 'thirty (30) days', '30 (thirty) days'; for the
    numeral in brackets, the word after the closing bracket."""
    j = i + 1
    if j + 2 < len(doc) and doc[j].text == "(" and doc[j + 2].text == ")" and doc[j + 1].like_num:
        j += 3  # "thirty (30) days": the unit follows the bracketed repeat
    elif i > 0 and doc[i - 1].text == "(" and j < len(doc) and doc[j].text == ")" and i > 1 and doc[i - 2].like_num:
        j += 1  # the "30" of "thirty (30) days"
    return doc[j] if j < len(doc) else None


@detector("unitless_number")
def unitless_number(doc: Doc, rule: "Rule") -> Iterator[Hit]:
    """A limit with no unit: 'response time below 5', 'a timeout of 30'."""
    triggers = _terms(rule, "triggers")
    for tok in doc:
        if not is_number(tok) or not tok.like_num or tok.i == 0:
            continue
        prev = doc[max(0, tok.i - 3): tok.i]
        if not any(t.lower_ in triggers for t in prev):
            continue
        nxt = _unit_after(doc, tok.i)
        if tok.i > 0 and doc[tok.i - 1].text.upper() in _STANDARD_BODIES:
            continue  # "ISO 27001", "IEC 62304": a standard's number
        if any(t.lower_ in _SCALE_NOUNS for t in doc[max(0, tok.i - 5): tok.i]):
            continue  # "a scale of 1-10", "priority 2": the noun says what the number counts
        if nxt is not None and (
            (nxt.is_alpha and nxt.pos_ in {"NOUN", "PROPN", "ADJ", "SYM", "X", "NUM"})
            or nxt.lower_.rstrip(".") in _SHORT_UNITS
            or nxt.text in {"%", "$", "€", "£", "°"}
        ):
            continue
        if nxt is not None and nxt.lower_ in {"percent", "per", "x", "times", "of", "-"}:
            continue
        if tok.head.lower_ in ID_NOUNS or is_identifier(tok):
            continue  # "version 2", "Article 52": a name, not a quantity
        if re.fullmatch(r"(19|20)\d\d", tok.text) or names_calendar_date(doc[max(0, tok.i - 2): tok.i + 2]):
            continue  # a year or a date is not a quantity missing its unit
        yield tok.i, tok.i + 1, 1.0


@detector("commitment_without_date")
def commitment_without_date(doc: Doc, rule: "Rule") -> Iterator[Hit]:
    """A party commits to deliver or do something and no date or anchored time is given."""
    verbs = _terms(rule, "verbs")
    weak = _terms(rule, "weak_verbs")
    verbs = verbs | weak
    deliverables = _terms(rule, "deliverables")
    parties = _terms(rule, "parties")
    for sent in _sentences(doc):
        if has_date(sent):
            continue
        for tok in sent:
            lemma = tok.lemma_.lower()
            if tok.pos_ != "VERB" or lemma not in verbs or any(c.dep_ == "neg" for c in tok.children):
                continue
            if lemma in weak and not any(
                c.dep_ in {"dobj", "nsubjpass"} and c.lemma_.lower() in deliverables for c in tok.children
            ):
                continue  # "provide support" is a service, "provide the manual" a deliverable
            subj = next((c for c in tok.children if c.dep_ in {"nsubj"}), None)
            if subj is None and tok.dep_ == "conj":
                subj = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
            if subj is None:
                continue
            is_party = (
                subj.lower_ in parties
                or subj.lemma_.lower() in parties
                or (subj.pos_ == "PROPN" and subj.ent_type_ in {"", "PERSON", "ORG"} and not _system_name(subj))
                or subj.text.startswith("@")
            )
            if not is_party:
                continue
            committed = _binding_modal(tok) is not None or any(
                c.lower_ == "to" and c.dep_ == "aux" for c in tok.children
            ) or any(c.lower_ in {"going"} for c in tok.children)
            if committed:
                end = tok.i + 1
                while end < len(doc) and doc[end].dep_ == "prt":
                    end += 1
                yield tok.i, end, 1.0
                break


def _system_name(subj: Token) -> bool:
    """'The TCS', 'Management Processes': a proper name with an article or in the plural names a system or a
    process (what requirements are about), not a person or a company ('Maria', 'ACME', 'CU2')."""
    return subj.tag_ == "NNPS" or any(c.dep_ == "det" and c.lower_ == "the" for c in subj.children)


@detector("open_item_without_date")
def open_item_without_date(doc: Doc, rule: "Rule") -> Iterator[Hit]:
    """Project work left open with no date: 'The interface MUST be defined.', 'It shall be clarified whether ...',
    'CU2 will be responsible for the design of X.' (a binding passive of a deciding or defining verb, or a
    party made responsible for a deliverable), when the sentence gives no date or anchor."""
    verbs = _terms(rule, "verbs")
    work = _terms(rule, "work")
    for sent in _sentences(doc):
        if has_date(sent):
            continue
        for tok in sent:
            lemma = tok.lemma_.lower()
            if any(c.dep_ == "neg" for c in tok.children) or _binding_modal(tok) is None:
                continue
            if lemma in verbs and tok.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in tok.children):
                if any(c.dep_ == "agent" for c in tok.children) or rationale(doc, tok.i, tok.i + 1):
                    continue
                yield tok.i, tok.i + 1, 1.0
                break
            if lemma == "be" and any(c.lower_ == "responsible" and c.dep_ == "acomp" for c in tok.children):
                resp = next(c for c in tok.children if c.lower_ == "responsible")
                objs = [g for p in resp.children if p.lower_ == "for" for g in p.children if g.dep_ in {"pobj", "pcomp"}]
                if any(o.lemma_.lower() in work for o in objs):
                    yield resp.i, resp.i + 1, 1.0
                    break


@detector("unclear_pronoun")
def unclear_pronoun(doc: Doc, rule: "Rule") -> Iterator[Hit]:
    """A pronoun standing for a noun when the unit offers none, or more than one, that it could mean."""
    singular = _terms(rule, "singular")
    plural = _terms(rule, "plural")
    for tok in doc:
        low = tok.lower_
        if low not in singular and low not in plural:
            continue
        if tok.dep_ not in {"nsubj", "nsubjpass", "dobj", "pobj"}:
            continue
        if tok.tag_ in {"WDT", "IN"} or (tok.tag_ == "DT" and tok.dep_ == "det"):
            continue
        head = tok.head
        if low == "it" and any(c.dep_ in {"ccomp", "xcomp", "csubj"} and c.i > head.i for c in head.children):
            continue  # expletive: "it shall be possible to ..."
        if low == "it" and head.lemma_ == "be" and any(c.dep_ in {"acomp", "attr"} for c in head.children):
            if any(c.dep_ in {"ccomp", "xcomp"} for c in head.subtree if c is not tok):
                continue
        if low == "it" and _expletive_it(tok):
            continue  # "It shall (3.3.4.6) be possible for X to ...", "It is the responsibility of X to ..."
        if low in {"that", "those", "this", "these"} and any(
            c.dep_ in {"relcl", "acl"} or (c.dep_ == "prep" and c.lower_ == "of") for c in tok.children
        ):
            continue  # defined on the spot: "greater than that which is specified in ...", "those defined for ..."
        want_plural = low in plural
        if tok.dep_ in {"nsubj", "nsubjpass"} and head.dep_ in {"advcl", "relcl", "ccomp"}:
            main_subj = [c for c in head.head.children if c.dep_ in {"nsubj", "nsubjpass"} and c.pos_ in {"NOUN", "PROPN"}]
            if main_subj and (main_subj[0].tag_ in {"NNS", "NNPS"}) == (low in plural):
                continue  # subject continuity: "The sensor shall raise an alarm when it loses power."
        if tok.dep_ in {"nsubj", "nsubjpass"} and any(
            c.dep_ == "advcl" and c.i < tok.i and _sole_candidate(c, low in plural) for c in head.children
        ):
            continue  # the fronted clause names it and nothing else: "When the system is initialized, it shall ..."
        if tok.dep_ in {"nsubj", "nsubjpass"} and tok.sent.start > 0 and tok.i == _first_word(tok.sent):
            prev = doc[tok.sent.start - 1].sent
            subj = [t for t in prev if t.dep_ in {"nsubj", "nsubjpass"} and t.pos_ in {"NOUN", "PROPN"}]
            if subj and (subj[0].tag_ in {"NNS", "NNPS"}) == want_plural:
                continue  # the previous sentence's subject carries over: "The portal ... It replaces ..."
        candidates = 0
        for t in doc[: tok.i]:
            if t.pos_ not in {"NOUN", "PROPN"} or t.dep_ in {"compound"}:
                continue
            is_plural = t.tag_ in {"NNS", "NNPS"}
            if is_plural == want_plural:
                candidates += 1
        if candidates == 1:
            continue
        yield tok.i, tok.i + 1, 1.0 if candidates == 0 else 0.8


def _sole_candidate(clause: Token, want_plural: bool) -> bool:
    """The clause's subject is a noun of the wanted number and the clause names no other such noun."""
    nouns = [t for t in clause.subtree if t.pos_ in {"NOUN", "PROPN"} and t.dep_ != "compound"
             and (t.tag_ in {"NNS", "NNPS"}) == want_plural]
    return len(nouns) == 1 and nouns[0].dep_ in {"nsubj", "nsubjpass"} and nouns[0].head is clause


_EXPLETIVE_SKIP = frozenset({"shall", "must", "will", "should", "may", "might", "can", "could", "would", "ought", "to",
                             "not", "also", "therefore", "thus", "then", "always", "still", "only", "n't"})


def _expletive_it(tok: Token) -> bool:
    """'it' as a placeholder subject for a clause that follows: 'It shall (3.3.4.6) be possible to ...', 'It is
    the responsibility of each operator to ...', 'It ought to be noted that ...', '... make it difficult to ...'."""
    sent = tok.sent
    i, depth = tok.i + 1, 0
    while i < sent.end:  # skip modals, adverbs and bracketed identifiers between 'it' and its verb
        t = tok.doc[i]
        if t.text in {"(", "["}:
            depth += 1
        elif t.text in {")", "]"}:
            depth = max(0, depth - 1)
        elif not depth and t.lower_ not in _EXPLETIVE_SKIP:
            break
        i += 1
    if i >= sent.end:
        return False
    verb = tok.doc[i]
    small_clause = tok.head.pos_ == "ADJ" and tok.i < tok.head.i  # "make it difficult to ..."
    if not small_clause and verb.lemma_ not in {"be", "seem", "appear", "become"}:
        return False
    rest = tok.doc[(tok.head.i if small_clause else verb.i) + 1: sent.end]
    for j, t in enumerate(rest):
        nxt = rest[j + 1] if j + 1 < len(rest) else None
        if t.lower_ == "to" and nxt is not None and nxt.tag_ == "VB":
            return True
        if t.lower_ in {"that", "whether", "if"} and t.dep_ == "mark":
            return True
    return False


def _first_word(sent: Span) -> int:
    for t in sent:
        if not t.is_punct and not t.is_space:
            return t.i
    return sent.start


@detector("coordinated_actions")
def coordinated_actions(doc: Doc, rule: "Rule") -> Iterator[Hit]:
    """Two or more obligations in one statement: 'shall validate the form and send a receipt'."""
    for sent in _sentences(doc):
        modals = [t for t in sent if t.tag_ == "MD" and t.lower_ in {"shall", "must"}]
        if len(modals) >= 2:
            yield modals[1].i, modals[1].i + 1, 1.0
            continue
        for tok in sent:
            if tok.pos_ != "VERB" or _binding_modal(tok) is None or tok.dep_ == "conj":
                continue
            own_complement = any(c.dep_ in {"dobj", "prep", "ccomp", "xcomp", "attr", "acomp"} for c in tok.children)
            for conj in tok.children:
                if conj.dep_ != "conj" or not (conj.pos_ == "VERB" or conj.tag_.startswith("VB")):
                    continue
                # "install and calibrate the sensors" shares one object: one action pair, not two requirements
                has_obj = own_complement and any(
                    c.dep_ in {"dobj", "prep", "ccomp", "xcomp", "attr", "acomp"} for c in conj.children
                )
                cc = next((c for c in tok.children if c.dep_ == "cc" and c.i < conj.i), None)
                if has_obj and cc is not None and cc.lower_ in {"and", "or"}:
                    # "and/or" belongs to the optional family
                    if cc.i + 1 < len(doc) and doc[cc.i + 1].text == "/":
                        continue
                    yield cc.i, cc.i + 1, 1.0
                    break
