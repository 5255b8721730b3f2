"""Tampered or foreign model files are refused with a one-line ModelError before anything in them runs (issue #8).

Types outside the allowlist (``os.system`` in a FunctionTransformer) are covered in test_model.py; here: a pickle
renamed to ``model.skops`` whose unpickling would run a command, a skops archive with a tampered schema, and a
``meta.json`` whose labels or thresholds do not match the model or this tool.
"""
from __future__ import annotations

import json
import pickle
import shutil
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT

from ambiguity.errors import ModelError
from ambiguity.model.persist import load

SHIPPED = ROOT / "models" / "default"


class _Payload:
    """Unpickling this would create ``marker``: proof that the file ran."""

    def __init__(self, marker: str) -> None:
        self.marker = marker

    def __reduce__(self):
        return (Path.touch, (Path(self.marker),))


@pytest.fixture()
def shipped_copy(tmp_path):
    if not (SHIPPED / "model.skops").is_file():
        pytest.skip("models/default is not present")
    return Path(shutil.copytree(SHIPPED, tmp_path / "model"))


def _one_line(err) -> str:
    text = str(err.value)
    assert "\n" not in text and text.startswith("[A400]")
    return text


def test_pickle_renamed_to_skops_never_runs(tmp_path):
    folder, marker = tmp_path / "evil", tmp_path / "pwned"
    folder.mkdir()
    (folder / "model.skops").write_bytes(pickle.dumps(_Payload(str(marker))))
    (folder / "meta.json").write_text(json.dumps({"labels": [], "thresholds": {}}))
    with pytest.raises(ModelError, match="cannot load model") as err:
        load(folder)
    _one_line(err)
    assert not marker.exists()


def test_pickle_inside_a_skops_archive_never_runs(shipped_copy, tmp_path):
    """A skops file whose schema was edited to point at a pickled object: refused, nothing unpickled."""
    marker = tmp_path / "pwned"
    src = shipped_copy / "model.skops"
    with zipfile.ZipFile(src) as z:
        members = {n: z.read(n) for n in z.namelist()}
    schema = json.loads(members["schema.json"])
    schema.update({"__class__": "_Payload", "__module__": __name__, "__loader__": "ObjectNode",
                   "content": {"__class__": "bytes", "__module__": "builtins", "__loader__": "BytesNode",
                               "file": "evil.bin"}})
    members["schema.json"] = json.dumps(schema).encode()
    members["evil.bin"] = pickle.dumps(_Payload(str(marker)))
    with zipfile.ZipFile(src, "w") as z:
        for name, data in members.items():
            z.writestr(name, data)
    with pytest.raises(ModelError) as err:
        load(shipped_copy)
    assert "refusing" in _one_line(err) or "cannot load" in str(err.value)
    assert not marker.exists()


@pytest.mark.parametrize("meta_edit,problem", [
    ({"labels": ["spam", "ham", "eggs"]}, "not this tool's label set"),
    ({"labels": ["vague_language", "missing_metric"]}, "not this tool's label set"),
    ({"labels": ["vague_language", "vague_language", "missing_metric"]}, "not this tool's label set"),
    ({"thresholds": {"vague_language": 0.5}}, "'thresholds' must give each label"),
    ({"thresholds": {"vague_language": 7, "missing_metric": 0.5, "undefined_deadline": 0.5}}, "in \\[0, 1\\]"),
])
def test_wrong_label_set_or_thresholds_refused(shipped_copy, meta_edit, problem):
    meta = json.loads((shipped_copy / "meta.json").read_text())
    meta.update(meta_edit)
    (shipped_copy / "meta.json").write_text(json.dumps(meta))
    with pytest.raises(ModelError, match=problem) as err:
        load(shipped_copy)
    _one_line(err)


def test_truncated_model_file(shipped_copy):
    data = (shipped_copy / "model.skops").read_bytes()
    (shipped_copy / "model.skops").write_bytes(data[: len(data) // 2])
    with pytest.raises(ModelError, match="cannot load model") as err:
        load(shipped_copy)
    _one_line(err)


def test_cli_scan_with_a_tampered_model_exits_2_one_line(shipped_copy, tmp_path):
    from click.testing import CliRunner

    from ambiguity.cli import main

    (shipped_copy / "model.skops").write_bytes(pickle.dumps(_Payload(str(tmp_path / "pwned"))))
    spec = tmp_path / "spec.md"
    spec.write_text("The system shall be fast.\n")
    result = CliRunner().invoke(main, ["scan", str(spec), "--classifier", str(shipped_copy)])
    assert result.exit_code == 2, result.output
    assert "[A400]" in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "pwned").exists()


def test_a_model_predicting_fewer_labels_than_its_meta_names_is_refused(shipped_copy):
    import skops.io as sio

    from ambiguity.model.persist import load_estimator

    estimator = load_estimator(shipped_copy / "model.skops")
    estimator.named_steps["classify"].estimators_ = estimator.named_steps["classify"].estimators_[:2]
    sio.dump(estimator, shipped_copy / "model.skops")
    with pytest.raises(ModelError) as err:
        load(shipped_copy)
    assert "predicts 2 labels, meta.json names 3" in _one_line(err)


# -- issue 16: label order and the integration block ---------------------------------------------------------------
MEETINGS = SHIPPED.parent / "meetings"


def _edit_meta(folder: Path, **changes) -> None:
    meta = json.loads((folder / "meta.json").read_text())
    meta.update(changes)
    (folder / "meta.json").write_text(json.dumps(meta))


def test_permuted_labels_refused(shipped_copy):
    """The same three labels in another order would put each probability on the wrong label."""
    meta = json.loads((shipped_copy / "meta.json").read_text())
    permuted = [meta["labels"][1], meta["labels"][0], meta["labels"][2]]
    _edit_meta(shipped_copy, labels=permuted)
    with pytest.raises(ModelError, match="not in the order the model predicts them") as err:
        load(shipped_copy)
    assert str(permuted) in _one_line(err)


@pytest.mark.parametrize("integration,problem", [
    (["vague_language"], "'integration' must map labels"),
    ({"spam": {}}, r"integration\.spam: not one of the model's labels"),
    ({"vague_language": 0.5}, r"integration\.vague_language: must be a mapping"),
    ({"vague_language": {"suppress_below": "high"}}, r"integration\.vague_language\.suppress_below: 'high' is not"),
    ({"missing_metric": {"add_above": 1.5}}, r"integration\.missing_metric\.add_above: 1\.5 is not a number"),
    ({"missing_metric": {"add_above": True}}, r"add_above: True is not a number"),
    ({"undefined_deadline": {"confidence": "max"}}, r"confidence: 'max' is not one of replace, cap"),
    ({"undefined_deadline": {"add_unit_findings": "yes"}}, r"add_unit_findings: 'yes' is not true or false"),
    ({"undefined_deadline": {"suppress": 0.2}}, r"unknown key\(s\) \['suppress'\]"),
])
def test_bad_integration_block_refused_at_load(shipped_copy, integration, problem):
    _edit_meta(shipped_copy, integration=integration)
    with pytest.raises(ModelError, match=problem) as err:
        load(shipped_copy)
    _one_line(err)


def test_cli_scan_with_a_bad_integration_block_is_a400_not_a999(shipped_copy, tmp_path):
    from click.testing import CliRunner

    from ambiguity.cli import main

    meta = json.loads((shipped_copy / "meta.json").read_text())
    meta["integration"]["undefined_deadline"]["suppress_below"] = "0.25 or so"
    (shipped_copy / "meta.json").write_text(json.dumps(meta))
    spec = tmp_path / "spec.md"
    spec.write_text("The report shall be sent soon.\n")
    result = CliRunner().invoke(main, ["scan", str(spec), "--classifier", str(shipped_copy)])
    assert result.exit_code == 2, result.output
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]
    assert "[A400]" in result.stderr and "suppress_below" in result.stderr and "A999" not in result.stderr


def test_a_label_classifier_with_swapped_classes_is_refused(shipped_copy):
    """Column 1 of each label's probabilities must be the positive class."""
    import numpy as np
    import skops.io as sio

    from ambiguity.model.persist import load_estimator

    estimator = load_estimator(shipped_copy / "model.skops")
    estimator.named_steps["classify"].estimators_[1].classes_ = np.array([1, 0])
    sio.dump(estimator, shipped_copy / "model.skops")
    with pytest.raises(ModelError, match=r"does not predict the classes \[0, 1\]") as err:
        load(shipped_copy)
    _one_line(err)


@pytest.fixture()
def meetings_copy(tmp_path):
    if not (MEETINGS / "model.skops").is_file():
        pytest.skip("models/meetings is not present")
    return Path(shutil.copytree(MEETINGS, tmp_path / "meetings"))


@pytest.mark.parametrize("edit,problem", [
    ({"policy": ["cues"]}, "'policy' must be a mapping"),
    ({"policy": {"mode": "gate", "model_threshold": "0.85"}}, r"policy\.model_threshold '0\.85' is not a number"),
    ({"policy": {"mode": "vote"}}, r"policy\.mode 'vote' is not one of"),
    ({"thresholds": {"action": True}}, "'thresholds' must give 'action' a number"),
    ({"labels": ["action", "other"]}, "not a meetings line classifier"),
])
def test_meetings_classifier_meta_checked_at_load(meetings_copy, edit, problem):
    from ambiguity.meetings import learned

    _edit_meta(meetings_copy, **edit)
    with pytest.raises(ModelError, match=problem) as err:
        learned.load(meetings_copy, mode="model")
    _one_line(err)


def test_meetings_classifier_with_swapped_classes_is_refused(meetings_copy):
    import numpy as np
    import skops.io as sio

    from ambiguity.meetings import learned
    from ambiguity.model.persist import load_estimator

    estimator = load_estimator(meetings_copy / "model.skops")
    estimator.named_steps["classify"].classes_ = np.array([1, 0])
    sio.dump(estimator, meetings_copy / "model.skops")
    with pytest.raises(ModelError, match=r"does not predict the classes \[0, 1\]") as err:
        learned.load(meetings_copy)
    _one_line(err)
