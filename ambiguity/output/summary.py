"""Counts over a whole run, shared by every output format."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Dict, List

from ..errors import InputError
from ..types import Finding, Report, Severity


@dataclass
class Summary:
    files: int = 0
    units: int = 0
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
        sev = self.by_severity
        parts = [f"{self.files} file{'s' if self.files != 1 else ''}", f"{self.units} units",
                 f"{self.findings} finding{'s' if self.findings != 1 else ''} "
                 f"({sev['error']} errors, {sev['warning']} warnings, {sev['info']} info)",
                 f"clarity {self.clarity:.0f}/100"]
        if self.suppressed:
            parts.append(f"{self.suppressed} suppressed")
        if self.baselined:
            parts.append(f"{self.baselined} in baseline")
        if self.errors:
            parts.append(f"{len(self.errors)} unreadable")
        return ", ".join(parts)
