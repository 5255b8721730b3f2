"""The shipped models evaluated with numpy from exported weights give scikit-learn's predictions, and a stale
export (from another model.skops) is never used."""
from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from ambiguity.model import linear, span_judge
from ambiguity.model.persist import ALLOWED_TYPES, load_estimator

ROOT = Path(__file__).resolve().parents[2]
TEXTS = [
    "The portal shall be user-friendly and respond quickly, etc.",
    "The vendor will deliver the migration plan.",
    "Invoices are exported as PDF.",
    "Maria to check with the insurer about the claim by Friday.",
    "The API shall be available 99.9% of each month.",
]


def test_unit_classifier_weights_predict_as_scikit_learn(analyzer):
    from ambiguity.model.build import as_matrix, probabilities
    from ambiguity.model.features import doc_row

    folder = ROOT / "models" / "default"
    exported = linear.read(folder)
    assert exported is not None, "models/default has no export made from its model.skops"
    rows = [doc_row(doc) for doc in analyzer.nlp.pipe(TEXTS)]
    estimator = load_estimator(folder / "model.skops")
    assert ALLOWED_TYPES  # loaded against the allowlist
    np.testing.assert_allclose(linear.UnitWeights(*exported).predict_proba(rows),
                               probabilities(estimator, as_matrix(rows)), atol=1e-9)


def test_span_judge_weights_predict_as_scikit_learn(tmp_path):
    rows, ys = [], []
    for i in range(40):
        rows.append({"cat=vague": 1.0, "binding": float(i % 2), "lemma=fast": float(i % 3 == 0), "unit_p": i / 40})
        ys.append(int(i % 2 == 0 or i % 3 == 0))
    judge = span_judge.fit(rows, ys)
    span_judge.save(judge, tmp_path, {"what": "test"})
    loaded = span_judge.load(tmp_path)
    assert isinstance(loaded["models"]["vague_language"], linear.JudgeWeights)
    unseen = [{"cat=vague": 1.0, "binding": 1.0, "lemma=quick": 1.0, "unit_p": 0.3}, {"cat=vague": 1.0}]
    assert span_judge.predict(loaded, rows + unseen) == pytest.approx(span_judge.predict(judge, rows + unseen))


def test_a_stale_export_is_not_used(tmp_path):
    folder = tmp_path / "default"
    shutil.copytree(ROOT / "models" / "default", folder)
    assert linear.read(folder) is not None
    with open(folder / "model.skops", "ab") as fh:
        fh.write(b"\0")  # another model.skops than the one exported
    assert linear.read(folder) is None
