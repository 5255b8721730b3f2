"""The ``judge`` stage: the learned models decide which candidate findings are findings.

1. The unit classifier (``models/default``) predicts, for a whole batch of reports in one call, each unit's
   probability per headline label (its features were taken during the per-unit pass, ``Report.unit_features``).
2. With a span judge (``models/span_judge``, :mod:`ambiguity.model.span_judge`), every candidate of the three
   headline groups gets the judge's probability as its confidence; those under the label's threshold, and the
   unit classifier's whole-unit findings, become candidates that only ``--profile all`` (``--all``) shows. The
   unit probability is one of the judge's features.
3. Without a span judge, the unit classifier's integration policy rescores and extends the rule findings
   (ambiguity/model/integrate.py), as before the judge existed.
"""
from __future__ import annotations

import bisect
from typing import TYPE_CHECKING, Any, Dict, List, Tuple

from ..types import Finding, Report
from . import registry

if TYPE_CHECKING:
    from ..api import Analyzer


class Judge:
    def __init__(self, analyzer: "Analyzer") -> None:
        self.analyzer = analyzer
        self._unjudged_words: Dict[str, frozenset] = {}  # rule id -> its options.unjudged, normalised once

    def __call__(self, report: Report) -> Report:
        return self.pipe([report])[0]

    def pipe(self, reports: List[Report]) -> List[Report]:
        analyzer = self.analyzer
        model = analyzer.classifier
        flat = [row for r in reports for _, row in r.unit_features]
        probs = list(model.predict_proba(flat)) if model is not None and flat else []
        i = 0
        for r in reports:
            rows, i = r.unit_features, i + len(r.unit_features)
            if rows and model is not None:
                mine = probs[i - len(rows): i]
                if analyzer.span_judge is None and not analyzer.evidence:
                    from ..model.integrate import apply_classifier

                    r.findings = apply_classifier(model, analyzer.rules, r.document, r.units, r.findings, rows,
                                                  probs=mine, genre=r.genre)
                else:
                    self._unit_probabilities(r, rows, mine, model.labels)
            r.unit_features = []  # features are only for the judge: not kept on the report
        if analyzer.span_judge is not None:
            self._judge_spans([f for r in reports for f in r.findings])
        else:  # the judge's own candidates are never findings without it
            for r in reports:
                for f in r.findings:
                    rule = analyzer.rules.get(f.rule)
                    if rule is not None and rule.options.get("needs_judge"):
                        f.accepted = False
        return reports

    def units(self, items: List[Tuple[Report, int, Any, List[Finding]]]) -> None:
        """Judge during the per-unit pass: ``(report, unit index, classifier row, the unit's findings)`` each; the
        findings are added to their report here.

        What :meth:`pipe` would do for these units, done while their evidence is fresh and then dropped, so that a
        long document holds no evidence and no classifier rows until its end (the analyzer calls this when the
        chain has this stage and a span judge, :meth:`Analyzer._analyze_here`). :meth:`pipe` then finds nothing
        left to predict for them."""
        model = self.analyzer.classifier
        if not items or model is None:
            return
        from ..model.integrate import unit_labels

        for (report, ui, _, found), p in zip(items, model.predict_proba([row for _, _, row, _ in items])):
            labels = report.units[ui].labels = unit_labels(p, model.labels)
            for f in found:
                _note_unit_p(f, labels)
        self._judge_spans([f for *_, found in items for f in found])
        # the findings join their reports now; a candidate turned down that this run's profile never shows (no
        # stage accepts a finding again) stays behind as a ghost: (start, end, rule, text) for the fingerprints
        drop = self.analyzer.settings.profile != "all"
        for report, _, _, found in items:
            for f in found:
                if drop and not f.accepted:
                    report.ghosts.append((f.start, f.end, f.rule, f.text))
                else:
                    report.findings.append(f)

    @staticmethod
    def _unit_probabilities(report: Report, rows, probs, labels) -> None:
        """Each unit's label probabilities, on the unit and on the evidence of its candidates (``unit_p``)."""
        from ..model.integrate import unit_labels

        by_unit: Dict[int, Dict[str, float]] = {}
        for (ui, _), p in zip(rows, probs):
            report.units[ui].labels = by_unit[ui] = unit_labels(p, labels)
        starts = [u.start for u in report.units]
        for f in report.findings:
            if f.evidence:
                ui = report.units[max(bisect.bisect_right(starts, f.start) - 1, 0)].index
                _note_unit_p(f, by_unit.get(ui, {}))

    def _judge_spans(self, findings: List[Finding]) -> None:
        from ..model.span_judge import label_of, predict, threshold_for

        judge = self.analyzer.span_judge
        # meeting notes are not what the judge learned from (specifications, contracts, stories): their findings
        # stay as the rules and the meetings stage made them
        judged = [f for f in findings if f.evidence and label_of(str(f.category)) and not f.evidence.get("genre=meeting")
                  and not self._unjudged(f)]
        for f, p in zip(judged, predict(judge, [f.evidence for f in judged])):
            f.confidence = p
            f.accepted = p >= threshold_for(judge, label_of(str(f.category)) or "", bool(f.evidence.get("proposal")))
        for f in findings:
            if f.rule.endswith(".unit-classifier"):
                f.accepted = False  # a whole unit is not a span: shown only with --all
            elif f.evidence.get("genre=meeting") and f.evidence.get("proposal"):
                f.accepted = False  # a candidate for the judge alone, where the judge does not judge
            if not self.analyzer.evidence:
                f.evidence = {}

    def _unjudged(self, f: Finding) -> bool:
        """Words a rule file says the judge does not overrule (``options.unjudged``)."""
        words = self._unjudged_words.get(f.rule)
        if words is None:
            rule = self.analyzer.rules.get(f.rule)
            listed = rule.options.get("unjudged", ()) if rule is not None else ()
            words = self._unjudged_words[f.rule] = frozenset(str(w).lower() for w in listed)
        return bool(words) and " ".join(f.text.lower().split()) in words


def _note_unit_p(f: Finding, labels: Dict[str, float]) -> None:
    """The probability of the finding's label for its unit, as one of the judge's features (``unit_p``)."""
    from ..model.span_judge import label_of

    label = label_of(str(f.category))
    if f.evidence and label is not None:
        f.evidence["unit_p"] = labels.get(label, 0.0)


@registry.register("judge")
def make_judge(analyzer: "Analyzer") -> Judge:
    return Judge(analyzer)
