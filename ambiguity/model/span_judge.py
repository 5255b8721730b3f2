"""The span judge: which candidate findings of the rules are findings a reader accepts.

One logistic regression per headline label (vague_language, missing_metric, undefined_deadline) over the features
of :mod:`ambiguity.model.span_features`, trained on real units span-labelled by two annotators
(``benchmarks/labels/spans.jsonl``, ``python tools/train_span_judge.py``). Its probability is the finding's
confidence; findings under the label's threshold are candidates, shown only with ``--all``.

Saved with skops (``models/span_judge/model.skops`` and ``meta.json``) and loaded against an explicit allowlist.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence

from .features import GROUPS

LABELS = tuple(GROUPS)
DEFAULT_DIR = Path(__file__).resolve().parents[2] / "models" / "span_judge"
INSTALLED_DIR = Path(sys.prefix) / "share" / "ambiguity" / "models" / "span_judge"
MODEL_FILE, META_FILE = "model.skops", "meta.json"
#: The types a saved judge may contain beyond those skops trusts by default.
ALLOWED_TYPES = ("sklearn.feature_extraction._dict_vectorizer.DictVectorizer",
                 "sklearn.linear_model._logistic.LogisticRegression", "sklearn.pipeline.Pipeline")
#: Regularisation of the logistic regressions (chosen on the tune half, leave-one-source-out).
C = 1.0
DEFAULT_THRESHOLD = 0.5
#: Each threshold maximises F1 among those whose out-of-group precision is at least this (a finding a reader
#: rejects costs more trust than a missed one earns: most of what is shown must be worth fixing); where none
#: reaches it, the most precise threshold.
MIN_PRECISION = 0.6


def label_of(category: str) -> Optional[str]:
    for label, cats in GROUPS.items():
        if category in cats:
            return label
    return None


def _estimator():
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline

    return Pipeline([("features", DictVectorizer()), ("lr", LogisticRegression(C=C, max_iter=2000))])


def fit(rows: Sequence[Dict[str, Any]], ys: Sequence[int], groups: Sequence[str] = ()) -> Dict[str, Any]:
    """Judges per label from candidate features ``rows`` (each with its ``cat=`` feature) and 0/1 ``ys``.

    With ``groups`` (each row's source), each label's threshold is chosen (:data:`MIN_PRECISION`) over predictions
    made leave-one-group-out within these rows; without, :data:`DEFAULT_THRESHOLD`.
    """
    by: Dict[str, List[int]] = {}
    for i, row in enumerate(rows):
        label = _label_from(row)
        if label:
            by.setdefault(label, []).append(i)
    models, thresholds = {}, {}
    for label, idx in by.items():
        y = [ys[i] for i in idx]
        if len(set(y)) < 2:
            continue
        models[label] = _estimator().fit([rows[i] for i in idx], y)
        if groups:
            thresholds[label] = _best_threshold([rows[i] for i in idx], y, [groups[i] for i in idx])
    return {"models": models, "thresholds": thresholds, "threshold": DEFAULT_THRESHOLD}


def _best_threshold(rows: List[Dict[str, Any]], y: List[int], groups: List[str]) -> float:
    """The threshold of best F1 at a precision of at least :data:`MIN_PRECISION`, over out-of-group predictions
    (each group predicted by a model of the others)."""
    probs = [0.0] * len(rows)
    for g in set(groups):
        train = [i for i, h in enumerate(groups) if h != g]
        test = [i for i, h in enumerate(groups) if h == g]
        if len({y[i] for i in train}) < 2:
            continue
        model = _estimator().fit([rows[i] for i in train], [y[i] for i in train])
        for i, p in zip(test, model.predict_proba([rows[i] for i in test])[:, 1]):
            probs[i] = float(p)
    positives = sum(y)
    scored = []
    for step in range(5, 96, 5):
        t = step / 100
        tp = sum(1 for p, v in zip(probs, y) if p >= t and v)
        fp = sum(1 for p, v in zip(probs, y) if p >= t and not v)
        precision = tp / (tp + fp) if tp + fp else 0.0
        f1 = 2 * tp / (2 * tp + fp + positives - tp) if tp else 0.0
        scored.append((precision >= MIN_PRECISION, f1 if precision >= MIN_PRECISION else precision, t))
    best = max(scored)[2] if scored else DEFAULT_THRESHOLD
    return best


def _label_from(row: Dict[str, Any]) -> Optional[str]:
    """The model a candidate goes to: its label, and apart from the rules' own findings, the candidates that rules
    only propose to the judge (``proposal``: predicates, time words), which are mostly not findings."""
    for key in row:
        if key.startswith("cat="):
            label = label_of(key[4:])
            return label and (label + ":proposal" if row.get("proposal") else label)
    return None


def predict(judge: Dict[str, Any], rows: Sequence[Dict[str, Any]]) -> List[float]:
    """The probability that each candidate is a finding; candidates of a label with no judge keep 1.0."""
    out = [1.0] * len(rows)
    by: Dict[str, List[int]] = {}
    for i, row in enumerate(rows):
        label = _label_from(row)
        if label in judge["models"]:
            by.setdefault(label, []).append(i)
    for label, idx in by.items():
        probs = judge["models"][label].predict_proba([rows[i] for i in idx])[:, 1]
        for i, p in zip(idx, probs):
            out[i] = float(p)
    return out


def threshold_for(judge: Dict[str, Any], label: str, proposal: bool = False) -> float:
    key = label + ":proposal" if proposal else label
    return judge.get("thresholds", {}).get(key, judge.get("threshold", DEFAULT_THRESHOLD))


def save(judge: Dict[str, Any], folder: Path, meta: Dict[str, Any]) -> None:
    import zipfile

    import skops.io as sio

    folder.mkdir(parents=True, exist_ok=True)
    sio.dump(judge["models"], folder / MODEL_FILE, compression=zipfile.ZIP_DEFLATED, compresslevel=9)
    meta = {**meta, "thresholds": judge.get("thresholds", {}), "threshold": judge.get("threshold")}
    (folder / META_FILE).write_text(json.dumps(meta, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    from .linear import export_judge

    export_judge(judge["models"], folder)  # what a scan reads: the same weights, numpy only


def resolve(judge: Any) -> Optional[Dict[str, Any]]:
    """``None`` -> no judge; ``"default"`` -> the shipped judge if present; a path -> that folder."""
    if judge is None or isinstance(judge, dict):
        return judge
    if str(judge) == "default":
        return load()
    return load(Path(judge))


def load(folder: Optional[Path] = None) -> Optional[Dict[str, Any]]:
    """The judge in ``folder`` (default: the shipped one), or None when there is none: its exported weights when
    they come from its ``model.skops`` (numpy only), else the skops file, read against :data:`ALLOWED_TYPES`."""
    from .linear import judge_models, read

    folder = folder or (DEFAULT_DIR if (DEFAULT_DIR / MODEL_FILE).is_file() else INSTALLED_DIR)
    if not (folder / MODEL_FILE).is_file():
        return None
    exported = read(folder)
    if exported is not None and exported[0].get("kind") == "span-judge":
        models = judge_models(*exported)
    else:
        from .persist import load_estimator

        models = load_estimator(folder / MODEL_FILE, ALLOWED_TYPES)
    meta = json.loads((folder / META_FILE).read_text(encoding="utf-8"))
    return {"models": models, "thresholds": meta.get("thresholds", {}),
            "threshold": meta.get("threshold") or DEFAULT_THRESHOLD, "meta": meta}
