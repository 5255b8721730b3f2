"""Token patterns run only on the units that hold a word they need.

spaCy's ``Matcher`` tries every pattern at every token, and a ``{"IN": [...]}`` test is a Python call each time: on
real requirements it was half of the ruler's time. Most of our patterns cannot match unless one particular word
(any of a few) is in the unit: the first token that must be there and is given by ``LOWER``/``ORTH``/``TEXT``. Each
such anchor set gets its own ``Matcher``, run only when the unit's lower-cased words meet the set; the few patterns
without an anchor run always. Same matches as one ``Matcher`` holding every pattern (``tests/pipeline``).
"""
from __future__ import annotations

from typing import Any, Dict, FrozenSet, List, Optional, Sequence, Tuple

from spacy.attrs import LOWER
from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

Pattern = List[Dict[str, Any]]
_TEXT_KEYS = ("LOWER", "ORTH", "TEXT")
#: Operators under which a token must still occur at least once.
_REQUIRED_OPS = (None, "+", "1")


def anchor(pattern: Pattern) -> Optional[FrozenSet[str]]:
    """Lower-cased words one of which every match holds, or ``None`` when the pattern names no such word."""
    for token in pattern:
        if token.get("OP") not in _REQUIRED_OPS:
            continue
        for key in _TEXT_KEYS:
            value = token.get(key)
            if isinstance(value, str):
                return frozenset({value.lower()})
            if isinstance(value, dict) and set(value) == {"IN"} and all(isinstance(v, str) for v in value["IN"]):
                return frozenset(v.lower() for v in value["IN"])
    return None


class AnchoredMatcher:
    """A ``Matcher`` split by anchor words: ``add`` and ``__call__`` as spaCy's (matches as ``(key, start, end)``)."""

    def __init__(self, vocab: Vocab, validate: bool = True) -> None:
        self.vocab = vocab
        self.validate = validate
        self._groups: Dict[Optional[FrozenSet[int]], Matcher] = {}
        self._count = 0

    def __len__(self) -> int:
        return self._count

    def add(self, key: str, patterns: Sequence[Pattern]) -> None:
        """Add patterns under ``key``; raises spaCy's ``MatchPatternError`` for an invalid one, as ``Matcher`` does."""
        Matcher(self.vocab, validate=self.validate).add(key, list(patterns))  # all or nothing, as Matcher.add
        for pattern in patterns:
            words = anchor(pattern)
            group = None if words is None else frozenset(self.vocab.strings.add(w) for w in words)
            if group not in self._groups:
                self._groups[group] = Matcher(self.vocab, validate=self.validate)
            self._groups[group].add(key, [pattern])
        self._count += 1

    def __call__(self, doc: Doc) -> List[Tuple[int, int, int]]:
        words = set(doc.to_array(LOWER).tolist()) if len(doc) else set()
        out: List[Tuple[int, int, int]] = []
        for group, matcher in self._groups.items():
            if group is None or not group.isdisjoint(words):
                out.extend(matcher(doc))
        return list(dict.fromkeys(out))  # a key's patterns may sit in two groups and find the same span
