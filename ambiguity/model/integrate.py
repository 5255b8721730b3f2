"""How the classifier joins the rules in :class:`~ambiguity.Analyzer`: per-unit label probabilities that
rescore or suppress rule findings of their group, and unit-level findings when no rule of the group fired.

The policy per label lives in the model's ``meta.json`` (``integration``): a rule finding whose unit probability
is below ``suppress_below`` is dropped; the others take the probability as their confidence (``confidence:
"replace"``) or keep the rule's confidence capped by it (``"cap"``); when ``add_unit_findings`` is true, a unit
with no finding of the group gets a ``<family>.unit-classifier`` finding when its probability reaches ``add_above``.

The values are not learned from ``corpus/``: :data:`INTEGRATION_POLICY` was chosen from a pre-declared grid on the
calibration half of ``benchmarks/labels/smart_labels.jsonl`` (``benchmarks/calibrate_integration.py``), and
``ambiguity train`` writes it into every model it trains, so a retrained model reproduces the shipped one.
"""
from __future__ import annotations

import bisect
import logging
import sys
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple, Union

from typing import TYPE_CHECKING

from ..findings import make_finding
from ..types import Finding, Unit
from .features import GROUPS
from .persist import MODEL_FILE, TrainedModel, load

if TYPE_CHECKING:
    from .build import Row

log = logging.getLogger("ambiguity")

#: Where ``classifier="default"`` looks: the model shipped in the repository's ``models/default``.
DEFAULT_MODEL_DIR = Path(__file__).resolve().parents[2] / "models" / "default"
#: Where a wheel install puts the same files (setup.cfg ``data_files``), for installs outside a checkout.
INSTALLED_MODEL_DIR = Path(sys.prefix) / "share" / "ambiguity" / "models" / "default"
#: The rule (declared in the family YAML files) that carries each label's unit-level findings.
UNIT_RULES: Dict[str, str] = {
    "vague_language": "vague.unit-classifier",
    "missing_metric": "missing-metric.unit-classifier",
    "undefined_deadline": "undefined-deadline.unit-classifier",
}
#: The integration policy per label (see the module docstring), with where it comes from.
INTEGRATION_POLICY: Dict[str, Dict[str, Any]] = {
    "vague_language": {"add_unit_findings": False, "add_above": 0.9, "suppress_below": 0.0, "confidence": "replace"},
    "missing_metric": {"add_unit_findings": True, "add_above": 0.9, "suppress_below": 0.0, "confidence": "cap"},
    "undefined_deadline": {"add_unit_findings": False, "add_above": 0.9, "suppress_below": 0.25, "confidence": "replace"},
}
INTEGRATION_PROVENANCE: Dict[str, Any] = {
    "source": "chosen on the calibration half of benchmarks/labels/smart_labels.jsonl "
              "(benchmarks/calibrate_integration.py); not learned from corpus/",
    "grid": {"add_unit_findings": [False, True], "add_above": [0.5, 0.6, 0.7, 0.8, 0.9],
             "suppress_below": [0.0, 0.1, 0.25], "confidence": ["replace", "cap"]},
    "criterion": "max F1 per label on the calibration half; ties to the least intervention (no unit findings, "
                 "lowest suppress_below, highest add_above); a suppress_below above the lowest probability of one of "
                 "the label's own rule flag examples is not eligible; confidence mode by the lower Brier score of the "
                 "kept findings' confidence against the row label",
    "held_out": "the other half of the labels is the headline figure (benchmarks/model_eval.py --split held-out)",
    "note": "Chosen for the logreg model trained on the corpus with the batch-4 real-requirement styles: on the "
            "calibration half unit-level findings still cost F1 for vague_language and undefined_deadline; there "
            "the model sets the confidence of rule findings and, for undefined_deadline, drops those it gives "
            "p < 0.25 (for vague_language that would drop rule examples); for missing_metric it adds unit "
            "findings at p >= 0.9, suppresses nothing and caps the confidence. "
            "See benchmarks/labels/README-smart.md.",
}
CATEGORY_LABEL: Dict[str, str] = {cat: label for label, cats in GROUPS.items() for cat in cats}
#: Rules in a label's categories that flag something the label does not cover, so the model has no say on them:
#: a relative date ("next week", "by tomorrow") is concrete for the corpus (GUIDELINES B2) but worth a note.
#: Passive open items ("the interface must be defined") are outside the corpus's deadline definition, so the model
#: reads them as 0 while the real-requirement labels (README-smart.md, rule 9) count them.
INDEPENDENT_RULES = frozenset({"undefined-deadline.relative-date", "undefined-deadline.unanchored-date",
                               "undefined-deadline.open-item"})


def resolve_classifier(classifier: Union[None, str, Path, TrainedModel], nlp: Any = None) -> Optional[TrainedModel]:
    """``None`` -> no classifier; ``"default"`` -> the shipped model if present; a path -> that model folder."""
    if classifier is None or isinstance(classifier, TrainedModel):
        return classifier
    if str(classifier) == "default":
        folder = next((d for d in (DEFAULT_MODEL_DIR, INSTALLED_MODEL_DIR) if (d / MODEL_FILE).is_file()), None)
        if folder is None:
            log.warning("no default classifier in %s or %s: rules only", DEFAULT_MODEL_DIR, INSTALLED_MODEL_DIR)
            return None
        return load(folder, nlp=nlp)
    return load(classifier, nlp=nlp)


def cutoffs(model: TrainedModel, label: str) -> Tuple[float, float]:
    """(suppress_below, add_above) for a label; without stored values: never suppress, add at the threshold."""
    stored = model.meta.get("integration", {}).get(label, {})
    return float(stored.get("suppress_below", 0.0)), float(stored.get("add_above", model.thresholds[label]))


def adds_unit_findings(model: TrainedModel, label: str) -> bool:
    """``add_unit_findings`` for a label (true when a model's meta.json predates the switch)."""
    return bool(model.meta.get("integration", {}).get(label, {}).get("add_unit_findings", True))


def rescored(model: TrainedModel, label: str, rule_confidence: float, p: float) -> float:
    """A kept rule finding's confidence: the probability (``replace``, the default) or the rule's capped by it."""
    mode = model.meta.get("integration", {}).get(label, {}).get("confidence", "replace")
    return min(rule_confidence, p) if mode == "cap" else p


def unit_labels(probabilities: Sequence[float], labels: Sequence[str]) -> Dict[str, float]:
    """A unit's classifier probabilities by label, as reports carry them (``Unit.labels``)."""
    return {k: round(float(probabilities[j]), 4) for j, k in enumerate(labels)}


def apply_classifier(
    model: TrainedModel,
    rules: Dict[str, Any],
    document: Any,
    units: List[Unit],
    findings: List[Finding],
    rows: Sequence[Tuple[int, Row]],
    probs: Optional[Sequence[Sequence[float]]] = None,
    genre: str = "spec",
) -> List[Finding]:
    """Store label probabilities on the units and return the findings, rescored, filtered and extended.

    ``probs`` (one row per entry of ``rows``) lets a caller predict for many documents in one call; ``genre`` (the
    report's) words the unit-level findings' messages for the document.
    """
    if not rows:
        return findings
    if probs is None:
        probs = model.predict_proba([row for _, row in rows])
    by_unit: Dict[int, Dict[str, float]] = {}
    for (ui, _), p in zip(rows, probs):
        units[ui].labels = by_unit[ui] = unit_labels(p, model.labels)
    starts = [u.start for u in units]
    kept: List[Finding] = []
    fired: Dict[int, set] = {}
    for f in findings:
        label = None if f.rule in INDEPENDENT_RULES else CATEGORY_LABEL.get(f.category)
        ui = units[max(bisect.bisect_right(starts, f.start) - 1, 0)].index
        p = by_unit.get(ui, {}).get(label) if label else None
        proposal = getattr(rules.get(f.rule), "options", {}).get("needs_judge")
        if p is not None:
            if p < cutoffs(model, label)[0] and not proposal:
                continue
            f.confidence = rescored(model, label, f.confidence, p)
            if not proposal:
                fired.setdefault(ui, set()).add(label)
        kept.append(f)
    features = {ui: row[1] for ui, row in rows}
    for ui, labels in by_unit.items():
        unit = units[ui]
        if not unit.scored or not statement(features[ui]):
            continue
        for label, p in labels.items():
            rule = rules.get(UNIT_RULES.get(label, ""))
            if rule is None or label in fired.get(ui, ()) or not adds_unit_findings(model, label):
                continue
            if p < cutoffs(model, label)[1]:
                continue
            kept.append(make_finding(rule, document, unit.start, unit.end, unit.ref, location=unit.location,
                                     confidence=p, trim=True, genre=genre))
    return kept


def statement(features: Dict[str, float]) -> bool:
    """Is the unit a requirement, story, commitment or action (what the corpus is made of), not free prose?

    Unit-level findings are only added to these: on a caption or a stray sentence the model has nothing to judge.
    """
    keys = ("binding", "user_story", "to_infinitive_action", "party_commitment", "modal=can", "modal=may",
            "modal=could", "modal=would", "want")
    return any(features.get(k) for k in keys)
