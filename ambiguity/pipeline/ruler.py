"""The ``ambiguity_ruler`` component: word rules and parse-based detectors, findings in ``doc.spans``.

Matching (``match``) and annotating (``set_annotations``) are separate so that matching is testable on its own.
Rules are loaded in ``initialize()`` (or on first use), saved by ``to_disk`` as JSONL and rebuilt by ``from_disk``.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Dict, Iterable, List, Optional, Sequence

import srsly
from spacy.errors import MatchPatternError
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, SpanGroup

from ..errors import RuleFileError
from ..rules.loader import Rule, load_rules, select_rules
from .anchored import AnchoredMatcher
from .conditions import CONDITIONS, doc_text, sentence
from .detectors import DETECTORS
from .extensions import register_extensions

#: Where per-finding confidences live in ``doc.user_data`` (span extensions are keyed by offsets only).
CONFIDENCE_KEY = "ambiguity.confidence"


@dataclass(frozen=True)
class Hit:
    """A rule matched tokens ``start:end`` with this confidence."""

    rule: str
    start: int
    end: int
    confidence: float


class AmbiguityRuler:
    """Finds ambiguity in a ``Doc`` and stores each finding as a labelled span in ``doc.spans[spans_key]``."""

    def __init__(
        self,
        nlp: Language,
        name: str = "ambiguity_ruler",
        *,
        spans_key: str = "ambiguity",
        rules_path: Optional[str] = None,
        only: Sequence[str] = (),
        ignore: Sequence[str] = (),
        extension_prefix: str = "ambiguity",
    ) -> None:
        self.nlp = nlp
        self.name = name
        self.spans_key = spans_key
        self.rules_path = rules_path
        self.only = list(only)
        self.ignore = list(ignore)
        self.extension_prefix = extension_prefix
        self.rules: Dict[str, Rule] = {}
        self._matcher = AnchoredMatcher(nlp.vocab)
        self._phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._detectors: List[Rule] = []
        register_extensions(extension_prefix, spans_key, self._rule_of)

    # -- set-up -------------------------------------------------------------------------------------------
    def initialize(
        self,
        get_examples: Optional[Callable[[], Iterable[Any]]] = None,
        *,
        nlp: Optional[Language] = None,
        rules: Optional[Sequence[Rule]] = None,
    ) -> None:
        """Load the rules: the given ones, the files at ``rules_path``, or the bundled families."""
        if rules is None:
            rules = load_rules([self.rules_path] if self.rules_path else None)
        self.clear()
        self.add_rules(select_rules(rules, self.only, self.ignore))

    def clear(self) -> None:
        self.rules = {}
        self._matcher = AnchoredMatcher(self.nlp.vocab)
        self._phrases = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self._detectors = []

    def add_rules(self, rules: Iterable[Rule]) -> None:
        for rule in rules:
            self.rules[rule.id] = rule
            if rule.stage:  # made by a stage after the per-unit pass (ambiguity/stages)
                continue
            if rule.detector:
                self._detectors.append(rule)
                continue
            phrases = [p for p in rule.patterns if isinstance(p, str)]
            tokens = [p for p in rule.patterns if not isinstance(p, str)]
            if phrases:
                self._phrases.add(rule.id, [self.nlp.make_doc(p) for p in phrases])
            if tokens:
                try:
                    self._matcher.add(rule.id, tokens)
                except MatchPatternError as exc:  # a bad pattern is a rule-file error: say where
                    detail = " ".join(str(exc).split())[-200:]
                    raise RuleFileError(rule.file, rule.line, f"{rule.id}: invalid token pattern: {detail}") from None

    @property
    def is_initialized(self) -> bool:
        return bool(self.rules)

    def _rule_of(self, rule_id: str) -> Optional[Rule]:
        return self.rules.get(rule_id)

    # -- work ---------------------------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        if not self.is_initialized:
            self.initialize()
        error_handler = self.get_error_handler()
        try:
            self.set_annotations(doc, self.match(doc))
        except Exception as exc:  # spaCy's convention: the pipe's error handler decides
            error_handler(self.name, self, [doc], exc)
        return doc

    def pipe(self, stream: Iterable[Doc], batch_size: int = 128) -> Iterable[Doc]:
        for doc in stream:
            yield self(doc)

    def get_error_handler(self) -> Callable[..., Any]:
        return getattr(self, "_error_handler", _raise)

    def set_error_handler(self, handler: Callable[..., Any]) -> None:
        self._error_handler = handler

    def match(self, doc: Doc) -> List[Hit]:
        """All hits that survive their rule's exceptions and conditions, overlaps resolved per category."""
        raw: List[Hit] = []
        strings = self.nlp.vocab.strings
        matches = self._matcher(doc) if len(self._matcher) else []
        if len(self._phrases):
            matches += list(self._phrases(doc))
        for match_id, start, end in matches:
            rule = self.rules[strings[match_id]]
            if self._keep(doc, rule, start, end):
                raw.append(Hit(rule.id, start, end, rule.confidence))
        for rule in self._detectors:
            for start, end, weight in DETECTORS[rule.detector](doc, rule):  # type: ignore[index]
                if self._keep(doc, rule, start, end):
                    raw.append(Hit(rule.id, start, end, round(rule.confidence * weight, 3)))
        return self._resolve(doc, raw)

    def _keep(self, doc: Doc, rule: Rule, start: int, end: int) -> bool:
        if rule.exceptions and _inside_exception(doc, rule.exceptions, start, end):
            return False
        if any(CONDITIONS[c](doc, start, end) for c in rule.unless):
            return False
        return all(CONDITIONS[c](doc, start, end) for c in rule.when)

    def _resolve(self, doc: Doc, hits: List[Hit]) -> List[Hit]:
        # Within a category the longest match wins ("as soon as possible" over "soon"); categories stay apart.
        hits.sort(key=lambda h: (h.start, -(h.end - h.start), h.rule))
        kept: List[Hit] = []
        # candidates for the span judge only (options.needs_judge) stand apart: they never hide a rule's own hit
        proposals = [h for h in hits if self.rules[h.rule].options.get("needs_judge")]
        hits = [h for h in hits if not self.rules[h.rule].options.get("needs_judge")]
        for hit in hits:
            cat = self.rules[hit.rule].category
            if any(self.rules[k.rule].category == cat and k.start < hit.end and hit.start < k.end for k in kept):
                continue
            kept.append(hit)
        # A rule may step aside when a more specific category already speaks for the same sentence.
        out = []
        for hit in kept:
            others = self.rules[hit.rule].options.get("suppressed_by", ())
            if others:
                sent = sentence(doc, hit.start)
                if any(
                    self.rules[k.rule].category in others and sent.start <= k.start < sent.end and k is not hit
                    for k in kept
                ):
                    continue
            out.append(hit)
        return out + proposals

    @property
    def candidates_key(self) -> str:
        """The span group of the judge's candidates (``options.needs_judge``): apart from the findings, so that
        the unit classifier's features, which count rule hits, do not see them."""
        return self.spans_key + "_candidates"

    def set_annotations(self, doc: Doc, hits: Sequence[Hit]) -> None:
        groups: Dict[str, List[Span]] = {self.spans_key: [], self.candidates_key: []}
        for h in hits:  # one pass: a long unit holds tens of thousands of hits
            key = self.candidates_key if self.rules[h.rule].options.get("needs_judge") else self.spans_key
            groups[key].append(Span(doc, h.start, h.end, label=h.rule))
        for key, spans in groups.items():
            doc.spans[key] = SpanGroup(doc, name=key, spans=spans)
        confidences = doc.user_data.setdefault(CONFIDENCE_KEY, {})
        for h in hits:
            confidences[_confidence_key(h.rule, h.start, h.end)] = h.confidence

    # -- serialisation ------------------------------------------------------------------------------------
    def _cfg(self) -> Dict[str, Any]:
        return {"spans_key": self.spans_key, "only": self.only, "ignore": self.ignore}

    def to_disk(self, path: "str | Path", *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_jsonl(path / "rules.jsonl", [r.to_json() for r in self.rules.values()])
        srsly.write_json(path / "cfg", self._cfg())

    def from_disk(self, path: "str | Path", *, exclude: Iterable[str] = ()) -> "AmbiguityRuler":
        path = Path(path)
        cfg = srsly.read_json(path / "cfg")
        self.spans_key, self.only, self.ignore = cfg["spans_key"], cfg["only"], cfg["ignore"]
        rules = [Rule.from_json(r, str(path / "rules.jsonl")) for r in srsly.read_jsonl(path / "rules.jsonl")]
        self.clear()
        self.add_rules(rules)
        return self

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return json.dumps({"cfg": self._cfg(), "rules": [r.to_json() for r in self.rules.values()]}).encode()

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> "AmbiguityRuler":
        payload = json.loads(data)
        self.spans_key, self.only, self.ignore = (payload["cfg"][k] for k in ("spans_key", "only", "ignore"))
        self.clear()
        self.add_rules(Rule.from_json(r) for r in payload["rules"])
        return self


def _confidence_key(rule: str, start: int, end: int) -> str:
    # a string, not a tuple: Docs cross process boundaries as msgpack, which turns tuples into (unhashable) lists
    return f"{rule}|{start}|{end}"


def span_confidence(span: Span) -> Optional[float]:
    """The confidence the ruler gave this finding span, if it made it."""
    return span.doc.user_data.get(CONFIDENCE_KEY, {}).get(_confidence_key(span.label_, span.start, span.end))


def _raise(name: str, component: Any, docs: Any, exc: Exception) -> None:
    raise exc


def _inside_exception(doc: Doc, phrases: Sequence[str], start: int, end: int) -> bool:
    """Is the match part of an exempt phrase such as 'minimum wage' or 'Fast Ethernet'?"""
    sent = sentence(doc, start)
    # only the text a phrase holding the match can reach: ``sent.text`` per hit was quadratic in a long sentence
    first, last = doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)
    width = max(map(len, phrases), default=0)
    base = max(sent.start_char, first - width)
    low = doc_text(doc)[base: min(sent.end_char, last + width)].lower()
    lo, hi = first - base, last - base
    for phrase in phrases:
        p = phrase.lower()
        i = low.find(p)
        while i != -1:
            if i <= lo and hi <= i + len(p):
                return True
            i = low.find(p, i + 1)
    return False
