"""The unit classifier: features, training determinism, skops persistence with an allowlist, CLI, integration."""
from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from conftest import ROOT

from ambiguity.cli import main
from ambiguity.errors import InputError, ModelError, ModelVersionWarning
from ambiguity.model.build import best_threshold, choose_cutoffs, combine
from ambiguity.model.evaluate import label_metrics, metrics, read_labelled
from ambiguity.model.features import LABELS, doc_features, doc_text
from ambiguity.model.integrate import DEFAULT_MODEL_DIR
from ambiguity.model.persist import ALLOWED_TYPES, load, save
from ambiguity.model.train import train

SLICE = {"train": 150, "dev": 60, "test": 40}


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory) -> Path:
    """A frozen slice of corpus/ (the corpus is still being written; the slice keeps the test stable)."""
    folder = tmp_path_factory.mktemp("corpus")
    for split, n in SLICE.items():
        source = ROOT / "corpus" / f"{split}.jsonl"
        if not source.is_file():
            pytest.skip("corpus splits absent: run corpus/tools/split.py")
        lines = source.read_text(encoding="utf-8").splitlines()[:n]
        (folder / f"{split}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def small_model(small_corpus, analyzer):
    return train(small_corpus, nlp=analyzer.nlp)


@pytest.mark.parametrize(
    "text,key,value",
    [
        ("The system shall respond within 200 ms.", "num_with_unit", 1.0),
        ("The system shall respond within 200.", "num_bare", 1.0),
        ("The UI shall be user-friendly.", "group=vague_language", 1.0),
        ("The vendor will deliver the module by 15 March 2027.", "date", 1.0),
        ("The vendor will deliver the module.", "party_commitment", 1.0),
        ("The logs shall be archived.", "passive_no_agent", 1.0),
        ("The system shall be fast.", "quality", 1.0),
        ("As a clerk, I want to print labels so that parcels ship.", "user_story", 1.0),
        ("#G04# As a clerk, I want to print labels.", "user_story", 1.0),
        ("The system shall be secure.", "pred_adj_quality", 1.0),
        ("The system shall be able to print labels.", "capability", 1.0),
        ("The system shall export invoices as PDF.", "action_object", 1.0),
        ("Ability for the user to create reminders.", "to_infinitive_action", 0.0),
        ("Maria to send the figures.", "to_infinitive_action", 1.0),
        ("Reasonable refresh rates.", "no_verb", 1.0),
    ],
)
def test_features(analyzer, text, key, value):
    assert doc_features(analyzer.nlp(text)).get(key) == value


def test_doc_text_folds_numbers(analyzer):
    assert doc_text(analyzer.nlp("Pages load in 3 seconds.")) == "page load in <num> second"


@pytest.mark.parametrize(
    "y,p,expected",
    [([0, 0, 1, 1], [0.1, 0.2, 0.7, 0.8], 0.7), ([0, 0], [0.1, 0.2], 0.5), ([1, 0, 1], [0.9, 0.4, 0.3], 0.3)],
)
def test_best_threshold(y, p, expected):
    assert best_threshold(y, p) == pytest.approx(expected)


def test_cutoffs_and_combine():
    y = np.array([1, 1, 0, 0, 1])
    p = np.array([0.9, 0.6, 0.1, 0.2, 0.8])
    fired = np.array([1, 0, 1, 0, 0])
    cut = choose_cutoffs(y, p, fired, 0.5)
    assert [combine(f, q, cut) for f, q in zip(fired, p)] == list(y)


def test_label_metrics():
    m = label_metrics([1, 1, 0, 0], [1, 0, 1, 0])
    assert (m["tp"], m["fp"], m["fn"], m["tn"], m["f1"]) == (1, 1, 1, 1, 0.5)


@pytest.mark.slow
def test_training_is_deterministic(small_corpus, small_model, analyzer):
    again = train(small_corpus, nlp=analyzer.nlp)
    texts = [json.loads(line)["text"] for line in (small_corpus / "test.jsonl").read_text().splitlines()]
    from ambiguity.model.train import rows_of

    rows = rows_of(texts, analyzer.nlp)
    assert np.array_equal(small_model.predict_proba(rows), again.predict_proba(rows))
    assert small_model.meta["thresholds"] == again.meta["thresholds"]
    assert small_model.meta["corpus"]["sha256"] == again.meta["corpus"]["sha256"]


def test_save_load_roundtrip(tmp_path, small_model, analyzer):
    save(small_model, tmp_path / "m")
    # the skops model, its metadata, and the weights a scan evaluates with numpy (ambiguity/model/linear.py)
    assert sorted(os.listdir(tmp_path / "m")) == ["linear.json", "linear.npz", "meta.json", "model.skops"]
    loaded = load(tmp_path / "m", nlp=analyzer.nlp)
    rows = [(doc_text(d), doc_features(d)) for d in analyzer.nlp.pipe(["The system shall be fast.", "Ship it."])]
    np.testing.assert_allclose(loaded.predict_proba(rows), small_model.predict_proba(rows), atol=1e-9)
    meta = json.loads((tmp_path / "m" / "meta.json").read_text())
    assert set(meta) >= {"labels", "thresholds", "versions", "corpus", "metrics", "seed", "integration"}
    assert meta["labels"] == list(LABELS)


def test_load_refuses_types_outside_the_allowlist(tmp_path):
    import skops.io as sio
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import FunctionTransformer

    (tmp_path / "evil").mkdir()
    sio.dump(Pipeline([("f", FunctionTransformer(func=os.system))]), tmp_path / "evil" / "model.skops")
    (tmp_path / "evil" / "meta.json").write_text(json.dumps({"labels": list(LABELS), "thresholds": {}}))
    with pytest.raises(ModelError, match=r"\[A400\].*refusing.*system"):
        load(tmp_path / "evil")
    assert not any("system" in t for t in ALLOWED_TYPES)


def test_load_missing_folder(tmp_path):
    with pytest.raises(ModelError, match="not a model folder"):
        load(tmp_path)


def test_version_mismatch_warns(tmp_path, small_model, analyzer):
    save(small_model, tmp_path / "m")
    meta_path = tmp_path / "m" / "meta.json"
    meta = json.loads(meta_path.read_text())
    meta["versions"]["scikit-learn"] = "0.0.1"
    meta_path.write_text(json.dumps(meta))
    with pytest.warns(ModelVersionWarning, match="scikit-learn 0.0.1"):
        load(tmp_path / "m", nlp=analyzer.nlp)


def test_read_labelled_plain_and_corpus(tmp_path):
    path = tmp_path / "plain.jsonl"
    path.write_text('{"text": "a", "missing_metric": 1}\n{"text": "b", "labels": {"vague_language": 0}}\n')
    records = read_labelled(path)
    assert [r["labels"] for r in records] == [{"missing_metric": 1}, {"vague_language": 0}]
    result = metrics(records, [{k: 1 for k in LABELS}] * 2)
    assert set(result) == {"missing_metric", "vague_language"}
    path.write_text('{"text": "a"}\n')
    with pytest.raises(InputError, match="no label field"):
        read_labelled(path)


def test_cli_train_and_evaluate(tmp_path, small_corpus):
    runner = CliRunner()
    out = tmp_path / "m"
    result = runner.invoke(main, ["train", str(small_corpus), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "vague_language" in result.output and (out / "model.skops").is_file()
    result = runner.invoke(main, ["evaluate", str(small_corpus / "test.jsonl"), "--model", str(out),
                                  "--format", "json"])
    assert result.exit_code == 0, result.output
    assert set(json.loads(result.output)) == set(LABELS)


@pytest.mark.parametrize("command", ["train", "evaluate"])
def test_cli_help(command):
    result = CliRunner().invoke(main, [command, "--help"])
    assert result.exit_code == 0 and "Example" in result.output


def test_cli_evaluate_bad_model(tmp_path, small_corpus):
    result = CliRunner().invoke(main, ["evaluate", str(small_corpus / "test.jsonl"), "--model", str(tmp_path)])
    assert result.exit_code == 2 and "ambiguity: error: [A400] " in result.output


needs_default = pytest.mark.skipif(not (DEFAULT_MODEL_DIR / "model.skops").is_file(), reason="no shipped model")


@needs_default
def test_shipped_model_meta():
    meta = json.loads((DEFAULT_MODEL_DIR / "meta.json").read_text())
    assert meta["labels"] == list(LABELS) and set(meta["thresholds"]) == set(LABELS)
    assert (DEFAULT_MODEL_DIR / "model.skops").stat().st_size < 5_000_000


@needs_default
def test_analyzer_labels_and_confidence(analyzer):
    report = analyzer.analyze("The UI shall be user-friendly.")
    unit = report.units[0]
    assert set(unit.labels) == set(LABELS) and set(unit.to_dict()["labels"]) == set(LABELS)
    vague = [f for f in report.findings if f.category == "vague"]
    rule_confidence = analyzer.rules[vague[0].rule].confidence
    mode = analyzer.classifier.meta["integration"]["vague_language"].get("confidence", "replace")
    p = unit.labels["vague_language"]
    assert vague and vague[0].confidence == pytest.approx(min(rule_confidence, p) if mode == "cap" else p)


def test_integration_policy_switches():
    from ambiguity.model.integrate import INTEGRATION_POLICY, adds_unit_findings, rescored
    from ambiguity.model.persist import TrainedModel

    model = TrainedModel(estimator=None, meta={"labels": list(LABELS), "thresholds": {},
                                               "integration": {"vague_language": {"add_unit_findings": False,
                                                                                  "confidence": "cap"}}})
    assert not adds_unit_findings(model, "vague_language") and adds_unit_findings(model, "missing_metric")
    assert rescored(model, "vague_language", 0.8, 0.3) == 0.3 and rescored(model, "vague_language", 0.6, 0.9) == 0.6
    assert rescored(model, "missing_metric", 0.6, 0.9) == 0.9
    assert combine(0, 0.99, {"add_unit_findings": False, "add_above": 0.5, "suppress_below": 0}) == 0
    assert set(INTEGRATION_POLICY) == set(LABELS)


@needs_default
def test_shipped_integration_is_the_documented_policy():
    from ambiguity.model.integrate import INTEGRATION_POLICY

    meta = json.loads((DEFAULT_MODEL_DIR / "meta.json").read_text())
    assert meta["integration"] == INTEGRATION_POLICY
    assert "calibration half" in meta["integration_policy"]["source"]


def test_training_writes_the_policy(small_model):
    from ambiguity.model.integrate import INTEGRATION_POLICY

    assert small_model.meta["integration"] == INTEGRATION_POLICY


def test_analyzer_without_classifier():
    from ambiguity import Analyzer

    report = Analyzer(classifier=None).analyze("The UI shall be user-friendly.")
    assert report.units[0].labels == {} and not any(f.rule.endswith(".unit-classifier") for f in report.findings)


def test_analyzer_bad_classifier_path(tmp_path):
    from ambiguity import Analyzer

    with pytest.raises(ModelError):
        Analyzer(classifier=str(tmp_path))


@pytest.mark.slow
def test_evaluation_notebook_runs(tmp_path):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    path = ROOT / "notebooks" / "evaluation.ipynb"
    nb = nbformat.read(path, as_version=4)
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code"), "keep the notebook's outputs stripped"
    client = nbclient.NotebookClient(nb, timeout=600, kernel_name="python3",
                                     resources={"metadata": {"path": str(tmp_path)}})
    client.execute()
