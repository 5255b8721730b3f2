"""The ``scores`` stage: clarity and SMART scores, computed once, on the findings the project keeps."""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..scoring import rescore
from ..types import Report
from . import registry

if TYPE_CHECKING:
    from ..api import Analyzer


@registry.register("scores")
def make_scores(analyzer: "Analyzer"):
    def scores(report: Report) -> Report:
        # what the judge did not accept is a candidate, not a finding: it lowers no score
        report.scores = rescore(report.units, [f for f in report.findings if f.accepted])
        return report

    return scores
