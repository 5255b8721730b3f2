"""The data a scan produces: findings, the units they belong to, and the report around them.

Plain dataclasses so that they serialise to the documented JSON contract (docs/output-schema.md) with
``to_dict()`` and nothing else.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Dict, List, Optional


class Severity(StrEnum):
    """How much a finding matters: a string (``str(sev) == "warning"``, ``sev == "warning"``) that is ordered by
    :attr:`rank`, so that thresholds compare with ``>=`` (``Severity.ERROR > Severity.WARNING > Severity.INFO``)."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @classmethod
    def parse(cls, value: "str | Severity") -> "Severity":
        if isinstance(value, Severity):
            return value
        try:
            return cls(str(value).strip().lower())
        except ValueError:
            raise ValueError(f"unknown severity {value!r} (expected error, warning or info)") from None

    @property
    def rank(self) -> int:
        """1 for info, 2 for warning, 3 for error."""
        return _RANK[self]

    def _other_rank(self, other: object) -> int:
        if isinstance(other, Severity):
            return _RANK[other]
        if isinstance(other, str):
            return _RANK[Severity.parse(other)]
        raise TypeError(f"cannot compare a severity with {type(other).__name__} {other!r}")

    # str would compare alphabetically ("error" < "info"); severities compare by rank, also with their names
    def __lt__(self, other: object) -> bool:
        return _RANK[self] < self._other_rank(other)

    def __le__(self, other: object) -> bool:
        return _RANK[self] <= self._other_rank(other)

    def __gt__(self, other: object) -> bool:
        return _RANK[self] > self._other_rank(other)

    def __ge__(self, other: object) -> bool:
        return _RANK[self] >= self._other_rank(other)


_RANK = {Severity.INFO: 1, Severity.WARNING: 2, Severity.ERROR: 3}


class Category(StrEnum):
    """The stable category ids (README, docs/output-schema.md): ``Category.VAGUE == "vague"``."""

    VAGUE = "vague"
    LOOPHOLE = "loophole"
    OPEN_ENDED = "open-ended"
    OPTIONAL = "optional"
    COMPARATIVE = "comparative"
    SUPERLATIVE = "superlative"
    ABSOLUTE = "absolute"
    MISSING_METRIC = "missing-metric"
    UNDEFINED_DEADLINE = "undefined-deadline"
    INCOMPLETE = "incomplete"
    PRONOUN = "pronoun"
    PASSIVE = "passive"
    NEGATIVE = "negative"
    COMPOUND = "compound"
    MISSING_OWNER = "missing-owner"


#: The SMART dimensions a unit is scored on (docs/scoring.md).
SMART_DIMENSIONS = ("specific", "measurable", "achievable", "relevant", "time_bound")


@dataclass(frozen=True)
class UnitRef:
    """Where a finding sits: the requirement or paragraph that contains it."""

    id: Optional[str]
    kind: str
    line: int

    def to_dict(self) -> Dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "line": self.line}


@dataclass
class Finding:
    """One thing a reader is likely to misread, with where it is and what to do about it."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    start: int
    end: int
    category: Category
    rule: str
    severity: Severity
    confidence: float
    message: str
    suggestion: str
    text: str
    unit: UnitRef
    location: Dict[str, Any] = field(default_factory=dict)
    #: What the span judge reads (``ambiguity.model.span_features``); never printed, dropped once judged.
    evidence: Dict[str, Any] = field(default_factory=dict, repr=False, compare=False)
    #: False for a candidate the span judge did not accept: shown only with ``--profile all`` (``--all``).
    accepted: bool = field(default=True, compare=False)
    #: The other categories found on the same words, merged into this finding (``ambiguity.stages.merge``):
    #: ``{"category", "rule", "message"}`` each.
    also: List[Dict[str, str]] = field(default_factory=list, compare=False)

    def __post_init__(self) -> None:
        # the names outputs print, as the types that say what they are: "vague" -> Category.VAGUE
        if type(self.category) is not Category:
            self.category = Category(self.category)
        if type(self.severity) is not Severity:
            self.severity = Severity.parse(self.severity)

    def to_dict(self) -> Dict[str, Any]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "start": self.start,
            "end": self.end,
            "category": self.category,
            "rule": self.rule,
            "severity": str(self.severity),
            "confidence": round(self.confidence, 3),
            "message": self.message,
            "suggestion": self.suggestion,
            "text": self.text,
            "unit": self.unit.to_dict(),
            "location": self.location,
            "also": [dict(a) for a in self.also],
        }


@dataclass
class Unit:
    """A requirement, list item, table row or paragraph: the thing a reader agrees to or not."""

    index: int
    id: Optional[str]
    kind: str
    start: int
    end: int
    line: int
    scored: bool
    text: str = ""
    scores: Dict[str, float] = field(default_factory=dict)
    location: Dict[str, Any] = field(default_factory=dict)
    #: Classifier probabilities per headline label (vague_language, missing_metric, undefined_deadline), if any.
    labels: Dict[str, float] = field(default_factory=dict)

    @property
    def ref(self) -> UnitRef:
        return UnitRef(self.id, self.kind, self.line)

    def to_dict(self) -> Dict[str, Any]:
        return {
            "index": self.index,
            "id": self.id,
            "kind": self.kind,
            "line": self.line,
            "start": self.start,
            "end": self.end,
            "scored": self.scored,
            "scores": self.scores,
            "labels": self.labels,
            "location": self.location,
        }


@dataclass
class Report:
    """Everything found in one document."""

    path: str
    units: List[Unit]
    findings: List[Finding]
    scores: Dict[str, float]
    format: str = "text"
    #: Action items, when the document is meeting notes (``ambiguity.meetings.ActionItem``); empty otherwise.
    actions: List[Any] = field(default_factory=list)
    #: The document the report is about (its ``text`` is what every output quotes and highlights).
    document: Any = field(default=None, repr=False, compare=False)
    #: Findings the document's own ``ambiguity: disable`` directives removed, and those the baseline hides.
    suppressed: int = 0
    baselined: int = 0
    #: Fingerprint of every finding, taken before the project filtered any (``fingerprints`` stage).
    fingerprints: Dict[Any, str] = field(default_factory=dict, repr=False, compare=False)
    #: Classifier features per unit, ``[(unit index, row)]``, from the per-unit pass to the ``judge`` stage.
    unit_features: List[Any] = field(default_factory=list, repr=False, compare=False)
    #: Candidates the judge turned down in the per-unit pass when the run's profile never shows them, as
    #: ``(start, end, rule, text)``: dropped there to keep a long document's memory low, and kept this small only
    #: so that fingerprints count occurrences over the same findings as when nothing is dropped.
    ghosts: List[Any] = field(default_factory=list, repr=False, compare=False)
    #: "meeting" for meeting notes, else "spec": decided once, before any finding is made, so that every finding's
    #: message is worded for the document (``messages:`` in the rule files); the ``actions`` stage reads it too.
    genre: str = "spec"

    def counts(self) -> Dict[str, int]:
        """Findings per category, for summaries."""
        out: Dict[str, int] = {}
        for f in self.findings:
            out[f.category] = out.get(f.category, 0) + 1
        return dict(sorted(out.items()))

    def to_dict(self) -> Dict[str, Any]:
        out = self._to_dict()
        if self.actions:  # additive: present only for meeting notes
            out["actions"] = [a.to_dict() for a in self.actions]
        return out

    def _to_dict(self) -> Dict[str, Any]:
        return {
            "path": self.path,
            "format": self.format,
            "scores": self.scores,
            "counts": self.counts(),
            "units": [u.to_dict() for u in self.units],
            "findings": [f.to_dict() for f in self.findings],
        }
