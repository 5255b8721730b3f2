"""Saving and loading models with skops: an explicit allowlist of types, never pickle, ``meta.json`` beside it.

A model folder holds ``model.skops`` (the fitted pipeline) and ``meta.json`` (labels, thresholds, library
versions, corpus hash, dev and test metrics, seed). Loading refuses any type that is not on :data:`ALLOWED_TYPES`
with a :class:`~ambiguity.errors.ModelError`, and warns when the libraries differ from those that trained it.
"""
from __future__ import annotations

import json
import re
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Sequence, Tuple, Union

import numpy as np

from typing import TYPE_CHECKING

from ..errors import ModelError, ModelVersionWarning

if TYPE_CHECKING:
    from .build import Row

MODEL_FILE = "model.skops"
META_FILE = "meta.json"
#: Every type a model of :func:`ambiguity.model.build.make_estimator` contains that skops does not trust by
#: default. Anything else in a file is refused: a changed estimator needs a reviewed change to this list.
ALLOWED_TYPES: Tuple[str, ...] = (
    "sklearn.calibration._CalibratedClassifier",
    "sklearn.calibration._SigmoidCalibration",
)
#: Libraries whose version change may change predictions: a mismatch warns.
CHECKED_VERSIONS = ("scikit-learn", "skops", "numpy", "scipy", "spacy", "spacy_pipeline")


@dataclass
class TrainedModel:
    """A fitted estimator and its ``meta.json``: labels, thresholds, versions, corpus hash, metrics."""

    estimator: Any
    meta: Dict[str, Any] = field(default_factory=dict)

    @property
    def labels(self) -> List[str]:
        return list(self.meta["labels"])

    @property
    def thresholds(self) -> Dict[str, float]:
        return dict(self.meta["thresholds"])

    def predict_proba(self, rows: Sequence[Row]) -> np.ndarray:
        """``(n, n_labels)`` calibrated probabilities for rows of (text, features)."""
        from .linear import UnitWeights

        if isinstance(self.estimator, UnitWeights):  # the exported weights: numpy only
            return self.estimator.predict_proba(rows)
        from .build import as_matrix, probabilities

        return probabilities(self.estimator, as_matrix(rows))

    def predict(self, rows: Sequence[Row]) -> List[Dict[str, int]]:
        th = self.thresholds
        return [{k: int(p[j] >= th[k]) for j, k in enumerate(self.labels)} for p in self.predict_proba(rows)]


def library_versions(nlp: Any = None) -> Dict[str, str]:
    """The versions that matter for reproducing predictions."""
    from importlib.metadata import version

    out = {name: version(name) for name in ("scikit-learn", "skops", "numpy", "scipy", "spacy")}
    from ..about import __version__

    out["ambiguity"] = __version__
    if nlp is not None:
        out["spacy_pipeline"] = f"{nlp.meta.get('lang')}_{nlp.meta.get('name')}-{nlp.meta.get('version')}"
    return out


def save(model: TrainedModel, folder: Union[str, Path]) -> Path:
    """Write ``model.skops`` and ``meta.json`` into ``folder`` (created if needed), and for the logistic-regression
    family the weights a scan reads with numpy alone (:mod:`ambiguity.model.linear`); an old export is removed."""
    import skops.io as sio

    from .linear import NPZ, SPEC, export_unit_classifier

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    sio.dump(model.estimator, folder / MODEL_FILE, compression=zipfile.ZIP_DEFLATED, compresslevel=9)
    (folder / META_FILE).write_text(json.dumps(model.meta, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    for name in (NPZ, SPEC):
        (folder / name).unlink(missing_ok=True)
    try:
        export_unit_classifier(model.estimator, folder)
    except (AttributeError, KeyError, ValueError):
        pass  # another family (svm): the scan loads model.skops
    return folder


def load_estimator(path: Path, allowed: Sequence[str] = ALLOWED_TYPES) -> Any:
    """Read a skops file, refusing any type outside ``allowed`` (default :data:`ALLOWED_TYPES`) before anything in
    it is built.

    skops audits every type in the file against ``trusted`` before it constructs anything, so one load both
    checks the allowlist and reads the model (asking get_untrusted_types first would parse it twice).
    """
    import skops.io as sio
    from skops.io.exceptions import UntrustedTypesFoundException

    try:
        return sio.load(path, trusted=list(allowed))
    except UntrustedTypesFoundException as exc:
        found = re.findall(r"'([^']+)'", str(exc))
        refused = sorted(set(found) - set(allowed)) or found
        raise ModelError(f"{path}: refusing to load types outside the allowlist: {', '.join(refused)}") from None
    except Exception as exc:  # skops raises many types for a damaged file
        raise ModelError(f"{path}: cannot load model: {type(exc).__name__}: {exc}") from None


def read_folder(folder: Union[str, Path]) -> Tuple[Any, Any, Path]:
    """A model folder's estimator (allowlisted types only, see :func:`load_estimator`), its parsed ``meta.json``
    and that file's path, for the caller's own checks of the metadata."""
    folder = Path(folder)
    path, meta_path = folder / MODEL_FILE, folder / META_FILE
    if not path.is_file() or not meta_path.is_file():
        raise ModelError(f"{folder}: not a model folder (needs {MODEL_FILE} and {META_FILE})")
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelError(f"{folder}: cannot read model: {exc}") from None
    return load_estimator(path), meta, meta_path


def load(folder: Union[str, Path], *, nlp: Any = None) -> TrainedModel:
    """Load a model folder, refusing types outside :data:`ALLOWED_TYPES`; warn on library version changes.

    When the folder holds weights exported from its ``model.skops`` (:mod:`ambiguity.model.linear`), those are
    used: the same predictions with numpy alone, neither scikit-learn nor skops imported."""
    folder = Path(folder)
    from .linear import UnitWeights, read

    exported = read(folder)
    if exported is not None and (folder / META_FILE).is_file():
        meta_path = folder / META_FILE
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ModelError(f"{folder}: cannot read model: {exc}") from None
        _check_meta(meta, meta_path)
        spec, arrays = exported
        if spec.get("kind") == "unit-classifier" and spec.get("outputs") == len(meta["labels"]):
            _check_versions(meta.get("versions", {}), library_versions(nlp), str(folder))
            return TrainedModel(estimator=UnitWeights(spec, arrays), meta=meta)
    estimator, meta, meta_path = read_folder(folder)
    _check_meta(meta, meta_path)  # skops built only allowlisted types; nothing of the model has run yet
    per_label = getattr(getattr(estimator, "named_steps", {}).get("classify"), "estimators_", None) or ()
    outputs = len(per_label)
    if outputs != len(meta["labels"]):
        raise ModelError(f"{folder / MODEL_FILE}: the model predicts {outputs} labels, meta.json names "
                         f"{len(meta['labels'])}: refused")
    if not all(binary_classes(e) for e in per_label):  # column 1 of predict_proba must be "the label applies"
        raise ModelError(f"{folder / MODEL_FILE}: a label's classifier does not predict the classes [0, 1]: refused")
    _check_versions(meta.get("versions", {}), library_versions(nlp), str(folder))
    return TrainedModel(estimator=estimator, meta=meta)


#: What ``meta.json``'s ``integration`` block may say per label (see :mod:`ambiguity.model.integrate`).
INTEGRATION_KEYS = ("add_unit_findings", "add_above", "suppress_below", "confidence")
CONFIDENCE_MODES = ("replace", "cap")


def _check_meta(meta: Any, meta_path: Path) -> None:
    """``meta.json`` must name exactly the labels the Analyzer knows, in the order the model predicts them (column
    ``j`` of the probabilities is ``labels[j]``: a permuted list would put each probability on another label), each
    with a threshold in [0, 1], and an ``integration`` block, when present, that the integration can use."""
    from .features import LABELS

    if not isinstance(meta, dict) or not {"labels", "thresholds"} <= set(meta):
        raise ModelError(f"{meta_path}: needs 'labels' and 'thresholds'")
    labels, thresholds = meta["labels"], meta["thresholds"]
    if not isinstance(labels, list) or sorted(map(str, labels)) != sorted(LABELS) or len(set(labels)) != len(labels):
        raise ModelError(f"{meta_path}: labels {labels!r} are not this tool's label set {list(LABELS)!r}: refused")
    if labels != list(LABELS):
        raise ModelError(f"{meta_path}: labels {labels!r} are not in the order the model predicts them "
                         f"{list(LABELS)!r}: refused")
    if not isinstance(thresholds, dict) or set(thresholds) != set(labels) or not all(
            is_probability(v) for v in thresholds.values()):
        raise ModelError(f"{meta_path}: 'thresholds' must give each label a number in [0, 1]")
    if "integration" in meta:
        _check_integration(meta["integration"], labels, meta_path)


def is_probability(value: Any) -> bool:
    """A number (not a bool) in [0, 1]."""
    return isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value <= 1


def _check_integration(block: Any, labels: List[str], meta_path: Path) -> None:
    """Checked at load time: a bad value would otherwise fail in the middle of a scan, document after document."""
    if not isinstance(block, dict):
        raise ModelError(f"{meta_path}: 'integration' must map labels to their policy: refused")
    for label, policy in block.items():
        where = f"{meta_path}: integration.{label}"
        if label not in labels:
            raise ModelError(f"{where}: not one of the model's labels {labels!r}: refused")
        if not isinstance(policy, dict):
            raise ModelError(f"{where}: must be a mapping of {', '.join(INTEGRATION_KEYS)}: refused")
        unknown = sorted(set(policy) - set(INTEGRATION_KEYS))
        if unknown:
            raise ModelError(f"{where}: unknown key(s) {unknown}; known: {', '.join(INTEGRATION_KEYS)}: refused")
        for key in ("add_above", "suppress_below"):
            if key in policy and not is_probability(policy[key]):
                raise ModelError(f"{where}.{key}: {policy[key]!r} is not a number in [0, 1]: refused")
        if "add_unit_findings" in policy and not isinstance(policy["add_unit_findings"], bool):
            raise ModelError(f"{where}.add_unit_findings: {policy['add_unit_findings']!r} is not true or false: "
                             "refused")
        if "confidence" in policy and policy["confidence"] not in CONFIDENCE_MODES:
            raise ModelError(f"{where}.confidence: {policy['confidence']!r} is not one of "
                             f"{', '.join(CONFIDENCE_MODES)}: refused")


def binary_classes(estimator: Any) -> bool:
    """Whether a fitted classifier's classes are ``[0, 1]`` in that order (its column 1 is the positive class)."""
    classes = getattr(estimator, "classes_", None)
    try:
        return classes is not None and [int(c) for c in classes] == [0, 1] and all(
            isinstance(c, (int, np.integer)) and not isinstance(c, bool) for c in classes)
    except (TypeError, ValueError):
        return False


def _check_versions(saved: Dict[str, str], current: Dict[str, str], where: str) -> None:
    changed = [f"{k} {saved[k]} -> {current[k]}" for k in CHECKED_VERSIONS
               if k in saved and k in current and saved[k] != current[k]]
    if changed:
        warnings.warn(ModelVersionWarning(f"{where}: trained with other library versions ({'; '.join(changed)}); "
                                          "predictions may differ: retrain with 'make model'"), stacklevel=3)
