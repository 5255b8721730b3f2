"""The shipped linear models evaluated with numpy from exported weights, so that a scan imports neither
scikit-learn nor skops (about 0.65 s of a cold start).

Training stays scikit-learn and skops (``model.skops``); :func:`export_unit_classifier` and :func:`export_judge`
write the same models' weights beside it as ``linear.npz`` (numbers only, read with ``allow_pickle=False``) and
``linear.json`` (vocabularies, labels, and the SHA-256 of the ``model.skops`` they come from: a stale export is
not used). The predictions equal scikit-learn's (tests/pipeline/test_linear.py compares them).
"""
from __future__ import annotations

import hashlib
import json
import math
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple

import numpy as np

NPZ, SPEC = "linear.npz", "linear.json"
FORMAT = 1


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


# -- the unit classifier: TF-IDF word n-grams + feature dict -> calibrated logistic regression per label ---------
def export_unit_classifier(estimator: Any, folder: Path) -> None:
    """Write the weights of a fitted :func:`ambiguity.model.build.make_estimator` pipeline (logreg family)."""
    features = estimator.named_steps["features"]
    tfidf = features.named_transformers_["ngrams"]
    dicts = features.named_transformers_["features"]
    if not (tfidf.sublinear_tf and tfidf.norm == "l2" and tfidf.lowercase and tfidf.token_pattern == r"\S+"
            and tfidf.ngram_range == (1, 2) and tfidf.use_idf):
        raise ValueError("the unit classifier's TF-IDF settings are not the ones linear.py evaluates")
    arrays: Dict[str, np.ndarray] = {"idf": np.asarray(tfidf.idf_, dtype=np.float64)}
    for k, calibrated in enumerate(estimator.named_steps["classify"].estimators_):
        (member,) = calibrated.calibrated_classifiers_  # ensemble=False: one classifier, one calibrator
        model, (sigmoid,) = member.estimator, member.calibrators
        arrays[f"coef{k}"] = np.asarray(model.coef_[0], dtype=np.float64)
        arrays[f"calib{k}"] = np.array([float(model.intercept_[0]), float(sigmoid.a_), float(sigmoid.b_)])
    np.savez_compressed(folder / NPZ, **arrays)
    spec = {"format": FORMAT, "kind": "unit-classifier", "model_sha256": _sha256(folder / "model.skops"),
            "ngrams": {t: int(i) for t, i in tfidf.vocabulary_.items()},
            "features": {t: int(i) for t, i in dicts.vocabulary_.items()},
            "outputs": len(estimator.named_steps["classify"].estimators_)}
    (folder / SPEC).write_text(json.dumps(spec, sort_keys=True), encoding="utf-8")


class UnitWeights:
    """The unit classifier's ``predict_proba`` from exported weights: ``(n, n_labels)`` for rows of (text, dict)."""

    def __init__(self, spec: Dict[str, Any], arrays: Dict[str, np.ndarray]) -> None:
        self.ngrams: Dict[str, int] = spec["ngrams"]
        self.features: Dict[str, int] = spec["features"]
        self.idf = arrays["idf"]
        n = spec["outputs"]
        width = len(self.idf)
        self.ngram_coef = [arrays[f"coef{k}"][:width] for k in range(n)]
        self.feature_coef = [arrays[f"coef{k}"][width:] for k in range(n)]
        self.calib = [arrays[f"calib{k}"] for k in range(n)]

    def _ngram_vector(self, text: str) -> Tuple[List[int], np.ndarray]:
        tokens = text.lower().split()
        counts: Dict[int, int] = {}
        for gram in tokens + [f"{a} {b}" for a, b in zip(tokens, tokens[1:])]:
            j = self.ngrams.get(gram)
            if j is not None:
                counts[j] = counts.get(j, 0) + 1
        idx = list(counts)
        values = np.array([(1.0 + math.log(counts[j])) * self.idf[j] for j in idx], dtype=np.float64)
        norm = float(np.sqrt((values * values).sum())) if len(values) else 0.0
        return idx, (values / norm if norm > 0 else values)

    def predict_proba(self, rows: Sequence[Tuple[str, Dict[str, float]]]) -> np.ndarray:
        out = np.zeros((len(rows), len(self.calib)))
        for i, (text, feats) in enumerate(rows):
            idx, values = self._ngram_vector(text)
            fidx = [(self.features[k], float(v)) for k, v in feats.items() if k in self.features]
            for k, (intercept, a, b) in enumerate(self.calib):
                f = intercept + float(values @ self.ngram_coef[k][idx]) if idx else intercept
                f += sum(self.feature_coef[k][j] * v for j, v in fidx)
                out[i, k] = _sigmoid(-(a * f + b))
        return out


# -- the span judge: feature dict -> logistic regression per model key ---------------------------------------------
def export_judge(models: Dict[str, Any], folder: Path) -> None:
    """Write the weights of the span judge's pipelines (``DictVectorizer`` + ``LogisticRegression``)."""
    arrays: Dict[str, np.ndarray] = {}
    vocab: Dict[str, Dict[str, int]] = {}
    for n, (key, pipe) in enumerate(sorted(models.items())):
        vec, lr = pipe.named_steps["features"], pipe.named_steps["lr"]
        vocab[key] = {t: int(i) for t, i in vec.vocabulary_.items()}
        arrays[f"coef{n}"] = np.asarray(lr.coef_[0], dtype=np.float64)
        arrays[f"intercept{n}"] = np.asarray(lr.intercept_, dtype=np.float64)
    np.savez_compressed(folder / NPZ, **arrays)
    spec = {"format": FORMAT, "kind": "span-judge", "model_sha256": _sha256(folder / "model.skops"),
            "keys": sorted(models), "vocabulary": vocab}
    (folder / SPEC).write_text(json.dumps(spec, sort_keys=True), encoding="utf-8")


class JudgeWeights:
    """One span-judge model's ``predict_proba`` from exported weights (as a scikit-learn pipeline answers)."""

    def __init__(self, vocabulary: Dict[str, int], coef: np.ndarray, intercept: float) -> None:
        self.vocabulary, self.coef, self.intercept = vocabulary, coef, intercept

    def predict_proba(self, rows: Sequence[Dict[str, Any]]) -> np.ndarray:
        out = np.zeros((len(rows), 2))
        for i, row in enumerate(rows):
            z = self.intercept
            for k, v in row.items():
                j = self.vocabulary.get(k)
                if j is None and isinstance(v, str):
                    j = self.vocabulary.get(f"{k}={v}")
                    v = 1.0
                if j is not None:
                    z += self.coef[j] * float(v)
            p = _sigmoid(z)
            out[i] = (1.0 - p, p)
        return out


def read(folder: Path) -> Optional[Tuple[Dict[str, Any], Dict[str, np.ndarray]]]:
    """The export in ``folder`` when there is one made from its current ``model.skops``; else None."""
    spec_path, npz_path, model = folder / SPEC, folder / NPZ, folder / "model.skops"
    if not (spec_path.is_file() and npz_path.is_file()):
        return None
    try:
        spec = json.loads(spec_path.read_text(encoding="utf-8"))
        if spec.get("format") != FORMAT or (model.is_file() and spec.get("model_sha256") != _sha256(model)):
            return None  # from another model.skops: stale
        with np.load(npz_path, allow_pickle=False) as data:
            arrays = {k: data[k] for k in data.files}
    except (OSError, ValueError, KeyError):
        return None
    return spec, arrays


def judge_models(spec: Dict[str, Any], arrays: Dict[str, np.ndarray]) -> Dict[str, JudgeWeights]:
    return {key: JudgeWeights(spec["vocabulary"][key], arrays[f"coef{n}"], float(arrays[f"intercept{n}"][0]))
            for n, key in enumerate(spec["keys"])}
