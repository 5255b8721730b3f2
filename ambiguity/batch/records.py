"""What ``ambiguity batch`` writes: one record per document, or an error record naming the file and the problem.

A document record::

    {"path", "sha256", "size", "format", "units", "words", "n_findings", "counts": {category: n},
     "scores": {"clarity", "specific", ..., "scored_units", "flagged_units"}, "labels": null | [...],
     "elapsed": seconds, "findings": [...] (only with findings=True)}

An error record: ``{"path", "sha256" (when known), "error": {"code", "message"}}``.
"""
from __future__ import annotations

from typing import Any, Dict, List, NamedTuple, Optional

from ..errors import ANALYSIS_FAILED, CRASHED, TIMEOUT, UNREADABLE, BatchError  # noqa: F401  (re-exported)
from ..types import Report


class Task(NamedTuple):
    """One document to score. ``data`` carries the bytes when workers cannot read the path (Dask)."""

    path: str
    size: int
    sha256: str
    data: Optional[bytes] = None


def unit_labels(report: Report) -> Optional[List[Dict[str, Any]]]:
    """Per-unit label probabilities from the classifier (issue #3), or ``None`` when no classifier ran.

    The one place that knows where labels live: a ``labels`` attribute on each unit (``{label: probability}``).
    """
    out = []
    found = False
    for u in report.units:
        labels = getattr(u, "labels", None)
        if labels:
            found = True
            out.append({"unit": u.index, "id": u.id, "labels": {k: round(float(v), 4) for k, v in labels.items()}})
    return out if found else None


def words_of(report: Report) -> int:
    """Whitespace-separated words in the analysed units (the throughput denominator)."""
    return sum(len(u.text.split()) for u in report.units)


def document_record(report: Report, *, sha256: str, size: int, elapsed: float,
                    findings: bool = False) -> Dict[str, Any]:
    """The JSON Lines record of one scored document."""
    record: Dict[str, Any] = {
        "path": report.path,
        "sha256": sha256,
        "size": size,
        "format": report.format,
        "units": len(report.units),
        "words": words_of(report),
        "n_findings": len(report.findings),
        "counts": report.counts(),
        "scores": report.scores,
        "labels": unit_labels(report),
        "suppressed": report.suppressed,
        "elapsed": round(elapsed, 4),
    }
    if findings:
        record["findings"] = [f.to_dict() for f in report.findings]
    return record


def error_record(path: str, code: str, message: str, sha256: Optional[str] = None) -> Dict[str, Any]:
    """The record of a document that could not be scored."""
    record: Dict[str, Any] = {"path": path}
    if sha256:
        record["sha256"] = sha256
    record["error"] = {"code": code, "message": message}
    return record


def is_error(record: Dict[str, Any]) -> bool:
    return "error" in record
