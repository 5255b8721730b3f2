"""The stages where the project has its say: configuration, inline suppressions, display thresholds, baseline.

Configuration and suppressions remove what the project switched off or accepted (the scores, computed after them,
leave those out); thresholds and the baseline only hide findings (they still count in the scores, see
docs/scoring.md). ``fingerprints`` runs before any of them, so that a finding's fingerprint (SARIF, baseline) does
not depend on what the project hides.
"""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Dict, List, Optional, Tuple

from ..fingerprint import compute_fingerprints, key
from ..project import enabled, glossary_spans, overridden_severity, removed
from ..suppress import parse as parse_suppressions
from ..rules.loader import CATEGORIES
from ..suppress import split, unknown_names
from ..types import Finding, Report
from . import registry

if TYPE_CHECKING:
    from ..api import Analyzer

log = logging.getLogger("ambiguity")


@registry.register("fingerprints")
def make_fingerprints(analyzer: "Analyzer"):
    def fingerprints(report: Report) -> Report:
        report.fingerprints = compute_fingerprints(report)
        return report

    return fingerprints


@registry.register("configuration")
def make_configuration(analyzer: "Analyzer"):
    settings = analyzer.settings

    def configuration(report: Report) -> Report:
        if settings.configs is None:
            return report
        cfg = settings.configs.for_document(report.path)
        defined = glossary_spans(report.document.text, cfg.glossary) if cfg.glossary else []
        kept: List[Finding] = []
        for f in report.findings:
            if not enabled(cfg, f) or removed(cfg, f):
                continue
            if any(f.start < span.stop and span.start < f.end for span in defined):
                continue  # a term the project defines
            if cfg.severity:
                f.severity = overridden_severity(cfg, f)
            kept.append(f)
        report.findings = kept
        return report

    return configuration


@registry.register("suppressions")
def make_suppressions(analyzer: "Analyzer"):
    known: Dict[Optional[str], list] = {}

    def rules() -> list:
        """Every rule a directive may name: all of the run's rule files, not only those --only kept."""
        from ..rules import load_rules

        ruler = getattr(analyzer, "ruler", None)
        path = getattr(ruler, "rules_path", None)
        if path not in known:
            known[path] = load_rules([path] if path else None)
        return known[path]

    def suppressions(report: Report) -> Report:
        found = parse_suppressions(report.document.text)
        if found.directives:
            _warn_unknown(report.path, unknown_names(found, rules(), CATEGORIES))
        report.findings, dropped = split(report.findings, found)
        from .merge import merge, nested

        if dropped:  # the findings the merge stage would fold into a silenced one go with it
            same = [f for f in report.findings if any(nested(d, f) for d in dropped)]
            gone = {id(f) for f in same}
            report.findings = [f for f in report.findings if id(f) not in gone]
            dropped += same
        report.suppressed += len(merge(dropped))  # counted as the reader would have seen them: merged
        return report

    return suppressions


def _warn_unknown(path: str, bad: List[Tuple[int, List[str]]]) -> None:
    """One warning per directive that names no rule: a typo would otherwise silently suppress nothing."""
    for line, names in bad:
        if len(names) == 1:
            what = f"unknown rule or category {names[0]!r}"
        else:
            what = "unknown rules or categories " + ", ".join(repr(n) for n in names)
        log.warning("%s:%d: %s in an ambiguity directive", path, line, what)


@registry.register("thresholds")
def make_thresholds(analyzer: "Analyzer"):
    settings = analyzer.settings

    def shown(f, genre: str) -> bool:
        if settings.profile == "all":
            return True
        rule = analyzer.rules.get(f.rule)
        return f.accepted and (rule is None or rule.shown_in(settings.profile, genre))

    def thresholds(report: Report) -> Report:
        report.findings = [f for f in report.findings
                           if f.severity >= settings.min_severity and f.confidence >= settings.min_confidence
                           and shown(f, report.genre)]
        return report

    return thresholds


@registry.register("baseline")
def make_baseline(analyzer: "Analyzer"):
    settings = analyzer.settings

    def baseline(report: Report) -> Report:
        if settings.baseline is None:
            return report
        from ..baseline import normalise_path

        path = normalise_path(report.path)
        prints = report.fingerprints or compute_fingerprints(report)
        new = [f for f in report.findings if f"{path}::{prints[key(f)]}" not in settings.baseline]
        report.baselined += len(report.findings) - len(new)
        report.findings = new
        return report

    return baseline
