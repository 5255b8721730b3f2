"""The ``judge`` stage: the learned unit classifier rescores rule findings and adds unit-level ones.

Its features were taken during the per-unit pass (``Report.unit_features``); here the probabilities of a whole
batch of reports are predicted in one call, then applied per report (ambiguity/model/integrate.py).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, List

from ..types import Report
from . import registry

if TYPE_CHECKING:
    from ..api import Analyzer


class Judge:
    def __init__(self, analyzer: "Analyzer") -> None:
        self.analyzer = analyzer

    def __call__(self, report: Report) -> Report:
        return self.pipe([report])[0]

    def pipe(self, reports: List[Report]) -> List[Report]:
        model = self.analyzer.classifier
        if model is None:
            return reports
        from ..model.integrate import apply_classifier

        flat = [row for r in reports for _, row in r.unit_features]
        probs = list(model.predict_proba(flat)) if flat else []
        i = 0
        for r in reports:
            rows, i = r.unit_features, i + len(r.unit_features)
            if rows:
                r.findings = apply_classifier(model, self.analyzer.rules, r.document, r.units, r.findings, rows,
                                              probs=probs[i - len(rows): i], genre=r.genre)
            r.unit_features = []  # features are only for the judge: not kept on the report
        return reports


@registry.register("judge")
def make_judge(analyzer: "Analyzer") -> Judge:
    return Judge(analyzer)
