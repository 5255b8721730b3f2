"""SMART clarity scores per unit and per document (documented in docs/scoring.md).

Each finding lowers the dimension its category belongs to by ``weight(severity) * confidence``, multiplicatively,
so that two findings hurt more than one but a score never goes below zero. A unit's clarity is the product over
all its findings; a document's scores are the means over its scored units.
"""
from __future__ import annotations

import bisect

from typing import Dict, Iterable, List, Optional

from .types import SMART_DIMENSIONS, Finding, Severity, Unit

DIMENSION_OF: Dict[str, str] = {
    "vague": "specific", "loophole": "specific", "open-ended": "specific", "optional": "specific",
    "pronoun": "specific", "compound": "specific", "passive": "specific",
    "missing-metric": "measurable", "comparative": "measurable", "superlative": "measurable", "negative": "measurable",
    "absolute": "achievable",
    "incomplete": "relevant", "missing-owner": "relevant",
    "undefined-deadline": "time_bound",
}
SEVERITY_WEIGHT = {Severity.ERROR: 1.0, Severity.WARNING: 0.6, Severity.INFO: 0.25}


def unit_scores(findings: Iterable[Finding]) -> Dict[str, float]:
    dims = {d: 1.0 for d in SMART_DIMENSIONS}
    clarity = 1.0
    for f in findings:
        factor = 1.0 - SEVERITY_WEIGHT[f.severity] * max(0.0, min(1.0, f.confidence))
        dims[DIMENSION_OF.get(f.category, "specific")] *= factor
        clarity *= factor
    out = {d: round(100 * v, 1) for d, v in dims.items()}
    out["clarity"] = round(100 * clarity, 1)
    return out


def document_scores(units: List[Unit]) -> Dict[str, float]:
    scored = [u for u in units if u.scored and u.scores]
    keys = ("clarity",) + SMART_DIMENSIONS
    if not scored:
        return {**{k: 100.0 for k in keys}, "scored_units": 0, "flagged_units": 0}
    out: Dict[str, float] = {k: round(sum(u.scores[k] for u in scored) / len(scored), 1) for k in keys}
    out["scored_units"] = len(scored)
    out["flagged_units"] = sum(1 for u in scored if u.scores["clarity"] < 100.0)
    return out


def unit_index(units: List[Unit], offset: int, starts: Optional[List[int]] = None) -> int:
    """The ``index`` of the unit holding ``offset`` (the last one starting at or before it); ``starts``, the units'
    start offsets, may be passed in when many offsets are looked up."""
    starts = starts if starts is not None else [u.start for u in units]
    return units[max(bisect.bisect_right(starts, offset) - 1, 0)].index


def rescore(units: List[Unit], findings: Iterable[Finding]) -> Dict[str, float]:
    """Score every scored unit on the findings that fall in it (by offset) and return the document's scores.

    Used when a report is made, and again when a project configuration or inline suppressions remove findings:
    what a team has switched off or accepted does not lower its scores.
    """
    starts = [u.start for u in units]
    by_unit: Dict[int, List[Finding]] = {}
    for f in findings:
        if units:
            by_unit.setdefault(unit_index(units, f.start, starts), []).append(f)
    for u in units:
        if u.scored:
            u.scores = unit_scores(by_unit.get(u.index, []))
    return document_scores(units)
