"""The ``actions`` stage: action items of meeting notes, and their missing-owner / undefined-deadline findings.

These rules need the whole document (its sections and meeting date), so they cannot run on one unit in the ruler.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from ..scoring import unit_index
from ..types import Report, UnitRef
from . import registry

if TYPE_CHECKING:
    from ..api import Analyzer


@registry.register("actions")
def make_actions(analyzer: "Analyzer"):
    from ..meetings.report import meeting_actions

    def actions(report: Report) -> Report:
        units = report.units

        def unit_of(offset: int) -> Optional[UnitRef]:
            return units[unit_index(units, offset)].ref if units else None

        report.actions = meeting_actions(report.document, report.findings, analyzer.rules, unit_of, analyzer.kind,
                                         analyzer.reference_date, analyzer.meeting_classifier, genre=report.genre)
        return report

    return actions
