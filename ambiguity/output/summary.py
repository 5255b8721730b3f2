"""Counts over a whole run, shared by every output format."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Dict, List, Mapping, Optional

from ..errors import InputError
from ..types import Finding, Report, Severity


@dataclass
class Summary:
    files: int = 0
    units: int = 0
    scored_units: int = 0  # the units clarity is the mean over (not headings, table headers, rationale, notes)
    findings: int = 0
    by_severity: Dict[str, int] = field(default_factory=lambda: {"error": 0, "warning": 0, "info": 0})
    by_category: Dict[str, int] = field(default_factory=dict)
    errors: List[InputError] = field(default_factory=list)
    clarity_sum: float = 0.0
    scored_files: int = 0
    suppressed: int = 0  # hidden by inline ``ambiguity: disable`` directives
    baselined: int = 0  # hidden because the baseline already accepts them

    def add(self, report: Report, findings: List[Finding]) -> None:
        self.files += 1
        self.units += len(report.units)
        self.scored_units += int(report.scores.get("scored_units", 0))
        self.findings += len(findings)
        for f in findings:
            self.by_severity[str(f.severity)] += 1
            self.by_category[f.category] = self.by_category.get(f.category, 0) + 1
        if report.scores.get("scored_units"):
            self.clarity_sum += report.scores["clarity"]
            self.scored_files += 1

    @property
    def clarity(self) -> float:
        return round(self.clarity_sum / self.scored_files, 1) if self.scored_files else 100.0

    def worst(self) -> Severity | None:
        for sev in (Severity.ERROR, Severity.WARNING, Severity.INFO):
            if self.by_severity[str(sev)]:
                return sev
        return None

    def to_dict(self) -> Dict[str, Any]:
        return {
            "files": self.files, "units": self.units, "findings": self.findings,
            "by_severity": self.by_severity, "by_category": dict(sorted(self.by_category.items())),
            "errors": len(self.errors), "clarity": self.clarity,
            "suppressed": self.suppressed, "baselined": self.baselined,
        }

    def line(self) -> str:
        """The run in one line, with the same words as each file's header in the text output (:func:`counts`)."""
        if self.files == 0:
            parts = ["no file was analysed"]
        else:
            parts = [plural(self.files, "file"),
                     counts(self.units, self.scored_units, self.findings, self.by_severity,
                            self.clarity if self.scored_files else None)]
        if self.suppressed:
            parts.append(f"{self.suppressed} suppressed")
        if self.baselined:
            parts.append(f"{self.baselined} in baseline")
        if self.errors:
            parts.append(f"{len(self.errors)} unreadable")
        return ", ".join(parts)


def plural(n: int, word: str, many: Optional[str] = None) -> str:
    """``1 file``, ``2 files``, ``0 errors``; ``many`` for an irregular plural (``plural(3, "info", "info")``)."""
    return f"{n} {word if n == 1 else (many or word + 's')}"


def counts(units: int, scored: int, findings: int, by_severity: Mapping[str, int], clarity: Optional[float]) -> str:
    """``22 units (15 scored), 18 findings (1 error, 12 warnings, 5 info), clarity 60/100``: one wording for a file
    and for a run. Units are all of a document's units; clarity is the mean over the scored ones (headings, table
    headers, rationale and notes are not scored), so both numbers are given when they differ."""
    if scored == units:
        unit_part = plural(units, "unit")
    else:
        unit_part = f"{plural(units, 'unit')} ({'none' if scored == 0 else scored} scored)"
    severities = [plural(by_severity.get(sev, 0), sev, many) for sev, many in
                  (("error", None), ("warning", None), ("info", "info")) if by_severity.get(sev, 0)]
    finding_part = f"{plural(findings, 'finding')} ({', '.join(severities)})" if findings else "no findings"
    parts = [unit_part, finding_part]
    if clarity is not None:
        parts.append(f"clarity {clarity:.0f}/100")
    return ", ".join(parts)
