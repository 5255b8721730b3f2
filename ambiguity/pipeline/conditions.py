"""Named conditions that rules use in ``unless:`` and ``when:``: the parse-aware part of word rules.

Each condition is a pure function ``(doc, start, end) -> bool`` over a token span, so that a rule file can say
"flag 'fast' unless a number pins it down in the same clause" without any code.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Callable, Dict

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token  # annotations only: the rule loader imports this without spaCy

Condition = Callable[["Doc", int, int], bool]
CONDITIONS: Dict[str, Condition] = {}

BINDING_MODALS = frozenset({"shall", "must", "will", "should"})
_BINDING_PHRASES = re.compile(
    r"\b(is|are|be) required to\b|\b(has|have) to\b|\bneeds? to\b|\bi want\b|\bis to\b|\bare to\b"
    # a prohibition is an obligation ("the user is not allowed to log in"); a permission ("is allowed to") is not
    r"|\b(is|are) not (allowed|permitted) to\b|\b(is|are) (prohibited|forbidden) (from|to)\b",
    re.I,
)
_RATIONALE = re.compile(
    r"^\W*(rationale|note|notes|comment|comments|example|examples|e\.g\.|background|informative|hint|"
    r"justification|explanation|discussion|guidance)\b",
    re.I,
)
_STANDARD = re.compile(r"\b(ISO|IEC|IEEE|EN|WCAG|RFC|NIST|ASIL|SIL|DO|ETSI|ITU|PCI|OWASP|FIPS|HIPAA|GDPR|ANSI)\b")
# "200ms", "5s", "99.9%", "2,000", "10-15", "24/7" -- but not identifiers such as "REQ-1" or "H2".
_QUANTITY = re.compile(r"^[<>~\u2264\u2265]?\d[\d.,:/%-]*[a-zA-Z\u00b5\u00b0%]{0,5}$")
# Section and clause numbers ("3.3.5.10", "11.3.2.2i"): identifiers, not quantities, so they pin nothing.
_SECTION_NUMBER = re.compile(r"^\d+(\.\d+){2,}[a-z]?$")
_CLAUSE_BREAK = frozenset({";", "\u2022"})
# Nouns that make the bare number after them an identifier ("user 3", "phase 2", "Table 4"), not a quantity.
ID_NOUNS = frozenset({
    "user", "version", "v", "step", "phase", "release", "section", "chapter", "req", "requirement", "item", "figure",
    "fig", "table", "page", "level", "tier", "number", "id", "case", "scenario", "sprint", "iteration",
    "milestone", "stage", "option", "rule", "line", "row", "column", "appendix", "annex", "clause", "issue", "ticket",
    "build", "room", "floor", "building", "port", "slot", "team", "group", "site", "zone", "article",
    "paragraph", "para", "part", "exhibit", "#",
})
# The window, in tokens, within which a number pins down a vague word ("fast: under 200 ms").
_PIN_WINDOW = 8


def condition(name: str) -> Callable[[Condition], Condition]:
    def register(fn: Condition) -> Condition:
        CONDITIONS[name] = fn
        return fn

    return register


def is_number(tok: Token) -> bool:
    """A quantity: digits anywhere in the token, or a number word ("three")."""
    text = tok.text
    if not text or not (text[0].isdigit() or text[0] in "<>~\u2264\u2265"):
        return tok.like_num  # the regex below needs a leading digit: skip it for ordinary words
    return tok.like_num or bool(_QUANTITY.match(text))


def sentence(doc: Doc, start: int) -> Span:
    tok = doc[start]
    return tok.sent if doc.has_annotation("SENT_START") else doc[:]


def clause_window(doc: Doc, start: int, end: int, width: int = _PIN_WINDOW) -> Span:
    """The tokens around a span within its sentence, cut at clause breaks such as ';'."""
    sent = sentence(doc, start)
    lo, hi = start, end
    while lo > max(sent.start, start - width) and doc[lo - 1].text not in _CLAUSE_BREAK:
        lo -= 1
    while hi < min(sent.end, end + width) and doc[hi].text not in _CLAUSE_BREAK:
        hi += 1
    return doc[lo:hi]


@condition("pinned_by_number")
def pinned_by_number(doc: Doc, start: int, end: int) -> bool:
    """A number or a named standard near the word in the same clause gives it a measurable meaning."""
    window = clause_window(doc, start, end)
    if any(is_number(t) and not _SECTION_NUMBER.match(t.text) and not is_identifier(t)
           for t in window if not (start <= t.i < end)):
        return True
    return bool(_STANDARD.search(window.text))


def is_identifier(tok: Token) -> bool:
    """A bare number that names something ("user 3", "phase 2", "Article 52", "#12") rather than measuring it."""
    return tok.i > 0 and tok.text.isdigit() and tok.doc[tok.i - 1].lower_ in ID_NOUNS


@condition("proper_name")
def proper_name(doc: Doc, start: int, end: int) -> bool:
    """Part of a name or title: 'Fast Ethernet', 'Best Western', 'Quick Start Guide'."""
    first = doc[start]
    sent_start = first.is_sent_start or start == 0 or doc[start - 1].text in {"-", "*", "\u2022", ":", "|"}
    if any(t.pos_ == "PROPN" and t.text[:1].isupper() and not (t.i == start and sent_start) for t in doc[start:end]):
        return True
    if first.text[:1].isupper() and end < len(doc):
        nxt = doc[end]
        if nxt.text[:1].isupper() and nxt.pos_ in {"PROPN", "NOUN"} and (nxt.pos_ == "PROPN" or not sent_start):
            return True
    if not sent_start and first.text[:1].isupper():
        return True  # Title Case inside a sentence is a name or a title
    return False


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once per Doc: the property joins every token on each call, which made ``quoted``
    quadratic in a long unit with many hits (a 60,000-character line took 84 s)."""
    global _LAST_TEXT
    if _LAST_TEXT[0] is not doc:
        text = doc.text
        _LAST_TEXT = (doc, text, not any(q in text for q in _OPENING_QUOTES))
    return _LAST_TEXT[1]


_OPENING_QUOTES = ('"', "\u201c", "\u00ab")
_LAST_TEXT: tuple = (None, "", True)  # (the last Doc asked about, its text, whether it has no quotation mark)


@condition("quoted")
def quoted(doc: Doc, start: int, end: int) -> bool:
    """Inside a quotation: a title or a cited phrase, not the author's own words."""
    text = doc_text(doc)
    if _LAST_TEXT[2]:
        return False  # no quotation mark anywhere in the Doc: the common case, decided once per Doc
    sent = sentence(doc, start)
    lo, hi = sent.start_char, doc[start].idx
    after = doc[end - 1].idx + len(doc[end - 1].text)
    # a quotation also closes after the span: an opening mark that is never closed ('including \u201c50 best jobs,
    # etc.') is a stray mark or a cut-off extract, and the words after it are still the author's own
    straight = text.count('"', lo, hi) % 2 == 1 and text.find('"', after) != -1
    curly = text.count("\u201c", lo, hi) > text.count("\u201d", lo, hi) and text.find("\u201d", after) != -1
    guil = text.count("\u00ab", lo, hi) > text.count("\u00bb", lo, hi) and text.find("\u00bb", after) != -1
    return straight or curly or guil


@condition("binding")
def binding(doc: Doc, start: int, end: int) -> bool:
    """The sentence states an obligation: shall, must, will, should, is required to, I want..."""
    sent = sentence(doc, start)
    if any(t.lower_ in BINDING_MODALS and t.tag_ == "MD" for t in sent):
        return True
    return bool(_BINDING_PHRASES.search(sent.text))


_CONDITION_MARKERS = frozenset({"if", "when", "whenever", "unless", "once", "until", "while", "case"})


@condition("in_condition")
def in_condition(doc: Doc, start: int, end: int) -> bool:
    """Inside the condition of a conditional sentence ('If no response arrives within 5 days, ...'): the words
    describe the trigger, which a test sets up; the obligation is in the main clause."""
    sent = sentence(doc, start)
    for tok in reversed(doc[sent.start:start]):
        if tok.lower_ in BINDING_MODALS and tok.tag_ == "MD":
            return False  # the obligation comes first: '... shall not ... if ...' is the main clause
        if tok.lower_ in _CONDITION_MARKERS and (tok.lower_ != "case" or tok.nbor(-1).lower_ == "in"):
            # the marker's clause is its head's subtree: 'If no reply arrives, ...' holds the word, while in
            # 'If the password is invalid, the user is not allowed ...' the negation is in the main clause
            clause = tok.head if tok.lower_ != "case" else next((t for t in tok.rights if t.pos_ in {"VERB", "AUX"}),
                                                                 tok.head)
            return any(start <= t.i < end for t in clause.subtree) and clause.dep_ != "ROOT"
    return False


@condition("rationale")
def rationale(doc: Doc, start: int, end: int) -> bool:
    """Rationale, notes and examples are informative text, not obligations."""
    sent = sentence(doc, start)
    return bool(_RATIONALE.match(sent.text)) or bool(_RATIONALE.match(doc_text(doc)))


@condition("explicit_reference")
def explicit_reference(doc: Doc, start: int, end: int) -> bool:
    """A comparison that names what it compares with: 'faster than release 2.3', 'compared to X'."""
    after = doc[end: min(len(doc), end + 6)]
    words = [t.lower_ for t in after]
    if "than" in words or "as" in words[:3]:
        return True
    text = " ".join(words)
    return any(p in text for p in ("compared to", "compared with", "relative to", "versus", "vs"))


@condition("reference_given")
def reference_given(doc: Doc, start: int, end: int) -> bool:
    """'as specified in section 4.2' names its target; 'as specified' alone does not."""
    after = doc[end: min(len(doc), end + 6)]
    if not len(after):
        return False
    if after[0].lower_ in {"in", "by", "under", "at", "on"} and any(
        is_number(t) or t.pos_ == "PROPN" or t.text[:1].isupper() for t in after[1:]
    ):
        return True
    return any(is_number(t) for t in after[:2])


@condition("code_like")
def code_like(doc: Doc, start: int, end: int) -> bool:
    """Identifiers and code: snake_case, camelCase, dotted names."""
    return any(re.search(r"[_/\\]|[a-z][A-Z]|\w\.\w", t.text) for t in doc[start:end])



_ENUM_CUES = frozenset({"(", ":", "namely", "i.e.", "ie", "viz", "viz."})


@condition("enumerated")
def enumerated(doc: Doc, start: int, end: int) -> bool:
    """The items are spelled out right after the word: 'several formats (CSV, XML)', 'certain fields: name, date',
    or the sentence (or a short next one, 'These are:') ends in a colon that opens the list."""
    sent = sentence(doc, start)
    if any(t.lower_ in _ENUM_CUES for t in doc[end: min(sent.end, end + _PIN_WINDOW)]):
        return True
    last = doc[sent.end - 1] if sent.end > sent.start else None
    if last is not None and last.text == ":":
        return True
    if sent.end < len(doc):
        nxt = doc[sent.end].sent if doc.has_annotation("SENT_START") else None
        if nxt is not None and len(nxt) <= 5 and nxt[-1].text == ":":
            return True
    return False


@condition("ends_list")
def ends_list(doc: Doc, start: int, end: int) -> bool:
    """The match closes a list of at least three items: a comma (or ';') in the same clause before it, within a
    few tokens ('A, B and other C'), not a pair ('the TCS and other systems')."""
    sent = sentence(doc, start)
    lo = max(sent.start, start - _PIN_WINDOW)
    return any(t.text in {",", ";"} for t in doc[lo:start])


@condition("measured_in_unit")
def measured_in_unit(doc: Doc, start: int, end: int) -> bool:
    """The unit gives a measurable criterion somewhere, also in another sentence: a number with its unit, a
    percentage, or a named standard (DEFINITIONS.md: missing_metric is a claim with no criterion anywhere in the
    unit)."""
    from ..model.span_features import measures  # the judge's own notion of a measure

    cached = doc.user_data.get("ambiguity_measured")  # once per unit: every candidate in it asks the same
    if cached is None:
        cached = doc.user_data["ambiguity_measured"] = measures(doc[:]) > 0
    return cached
