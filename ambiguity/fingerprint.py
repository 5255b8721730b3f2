"""Stable finding fingerprints: the same finding gets the same id after lines move up or down.

A fingerprint hashes the rule, the normalised text of the unit the finding sits in, the matched text and the
occurrence index of that triple within the document. Line numbers and offsets are deliberately left out, so
inserting or deleting other lines does not change it; editing the unit itself does (it is then a new finding).
SARIF's ``partialFingerprints`` and baselines both use it.
"""
from __future__ import annotations

import bisect
import hashlib
import re
from typing import Dict, List, Tuple

from .types import Finding, Report, Unit

#: The ``partialFingerprints`` key; bump the suffix if the recipe ever changes.
FINGERPRINT_KEY = "ambiguityFinding/v1"

_SPACE = re.compile(r"\s+")
_MARKUP = re.compile(r"^[\s>*+#|-]*(?:\d+[.)]\s+)?")

FindingKey = Tuple[str, int, int]


def normalise(text: str) -> str:
    """Lower-case, collapse white space and drop leading list/quote/table markup."""
    return _SPACE.sub(" ", _MARKUP.sub("", text)).strip().lower()


def key(finding: Finding) -> FindingKey:
    """Identifies a finding within one report (rule and character span)."""
    return (finding.rule, finding.start, finding.end)


def _unit_of(units: List[Unit], starts: List[int], offset: int) -> Unit | None:
    i = bisect.bisect_right(starts, offset) - 1
    return units[i] if i >= 0 else None


def fingerprints(report: Report) -> Dict[FindingKey, str]:
    """Fingerprint of every finding of a report, keyed by :func:`key`: those the ``fingerprints`` stage took
    before the project filtered anything, else computed now."""
    return report.fingerprints or compute_fingerprints(report)


def compute_fingerprints(report: Report) -> Dict[FindingKey, str]:
    """Fingerprint of every finding now on the report.

    The analyzer takes them over all of the report's findings (before any filtering, in the ``fingerprints``
    stage) so that options and configuration do not shift occurrence indexes.
    """
    units = sorted(report.units, key=lambda u: u.start)
    starts = [u.start for u in units]
    seen: Dict[Tuple[str, str, str], int] = {}
    out: Dict[FindingKey, str] = {}
    # the judge's dropped candidates (Report.ghosts) count in the occurrence indexes, as they did undropped
    entries = [(f.start, f.end, f.rule, f.text, True) for f in report.findings]
    entries += [(start, end, rule, text, False) for start, end, rule, text in report.ghosts]
    unit_texts: Dict[int, str] = {}  # each unit's normalised text once, shared by its findings' triples
    for start, end, rule, text, real in sorted(entries, key=lambda e: e[:3]):
        unit = _unit_of(units, starts, start)
        where = unit.index if unit else -1
        if where not in unit_texts:
            unit_texts[where] = normalise(unit.text if unit else "")
        triple = (rule, unit_texts[where], normalise(text))
        index = seen.get(triple, 0)
        seen[triple] = index + 1
        if real:
            digest = hashlib.sha256("\x1f".join((*triple, str(index))).encode("utf-8", "surrogatepass")).hexdigest()
            out[(rule, start, end)] = digest[:32]
    return out
