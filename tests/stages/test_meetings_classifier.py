"""The learned line classifier for meeting notes: corpus, determinism, allowlisted loading, written lines."""
from __future__ import annotations

import json
import shutil

import pytest
from conftest import ROOT

from ambiguity.errors import ModelError
from ambiguity.meetings import read_notes
from ambiguity.meetings import learned
from ambiguity.meetings.segment import segment

CORPUS = ROOT / "corpus" / "meetings"


def test_corpus_is_built_from_its_sources_and_every_line_is_labelled(tmp_path):
    import importlib.util

    shutil.copytree(CORPUS / "src", tmp_path / "src")
    spec = importlib.util.spec_from_file_location("meetings_build", CORPUS / "build.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    n = build.build(tmp_path)
    assert (tmp_path / "labels.jsonl").read_bytes() == (CORPUS / "labels.jsonl").read_bytes()
    for md in CORPUS.glob("*.md"):
        assert (tmp_path / md.name).read_bytes() == md.read_bytes(), md.name
    records = [json.loads(x) for x in (CORPUS / "labels.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(records) == n >= 2500
    assert len({r["file"] for r in records}) >= 60
    for md in CORPUS.glob("*.md"):
        lines = {r["line"] for r in records if r["file"] == md.name}
        assert lines == set(range(1, len(md.read_text(encoding="utf-8").splitlines()) + 1)), md.name
    for r in records:
        assert r["action"] in (0, 1) and r["owner"] in {"named", "none"} and r["due"] in {"concrete", "vague", "none"}
        if not r["action"]:
            assert (r["owner"], r["due"]) == ("none", "none")


def test_wrapped_training_variant_keeps_labels_on_the_first_piece():
    from train_meetings import wrapped

    text = ("- Priya to migrate the staging database to the new cluster and check the backups afterwards\n"
            "Short line.\n")
    out, labels = wrapped(text, {1: 1, 2: 0}, width=40)
    pieces = out.splitlines()
    assert len(pieces) > 3 and pieces[0].startswith("- Priya") and pieces[1].startswith("  ")
    assert [labels[i] for i in range(1, len(pieces) + 1)] == [1] + [0] * (len(pieces) - 1)
    # an action line of two sentences may start its task mid-line: it is not wrapped
    two = "The pilot went well and everyone was happy with it. Sunita offered to build the prototype next.\n"
    assert wrapped(two, {1: 1}, width=40)[0] == two


def test_training_is_deterministic(tmp_path, nlp):
    from train_meetings import train

    small = tmp_path / "corpus"
    small.mkdir()
    names = sorted(p.name for p in CORPUS.glob("*.md"))[:12]
    keep = []
    for raw in (CORPUS / "labels.jsonl").read_text(encoding="utf-8").splitlines():
        if json.loads(raw)["file"] in names:
            keep.append(raw)
    for name in names:
        shutil.copy(CORPUS / name, small / name)
    (small / "labels.jsonl").write_text("\n".join(keep) + "\n", encoding="utf-8")
    m1 = train(small, tmp_path / "a", nlp=nlp)
    m2 = train(small, tmp_path / "b", nlp=nlp)
    assert m1 == m2
    a, b = learned.load(tmp_path / "a", nlp=nlp), learned.load(tmp_path / "b", nlp=nlp)
    lines = segment("# Sync\n- Dana to send the budget by Friday.\n- Budget was discussed.\n")
    _, rows = learned.line_rows(lines, {}, nlp)
    assert a.probabilities(rows) == b.probabilities(rows)


def test_shipped_model_loads_through_the_allowlist(nlp):
    clf = learned.load(nlp=nlp)
    assert clf.mode == learned.shipped_mode() == clf.meta["policy"]["mode"] == "cues"
    assert clf.meta["corpus"]["lines"] > 2500 and clf.meta["policy"]["chosen_on"].startswith("tune")
    assert learned.load(nlp=nlp, mode="gate").threshold == clf.meta["thresholds"]["action"]
    assert learned.load(nlp=nlp, mode="model").threshold == clf.meta["policy"]["model_threshold"]
    with pytest.raises(ModelError):
        learned.load(nlp=nlp, mode="nonsense")


def test_a_model_with_a_type_outside_the_allowlist_is_refused(tmp_path, nlp):
    import skops.io as sio
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import FunctionTransformer

    shutil.copytree(learned.DEFAULT_MODEL, tmp_path / "m")
    sio.dump(Pipeline([("f", FunctionTransformer(json.dumps))]), tmp_path / "m" / "model.skops")
    with pytest.raises(ModelError, match="allowlist"):
        learned.load(tmp_path / "m", nlp=nlp)


def test_other_model_folders_and_bad_meta_are_refused(tmp_path, nlp):
    with pytest.raises(ModelError, match="not a meetings line classifier"):
        learned.load(ROOT / "models" / "default", nlp=nlp)
    shutil.copytree(learned.DEFAULT_MODEL, tmp_path / "m")
    meta = json.loads((tmp_path / "m" / "meta.json").read_text(encoding="utf-8"))
    meta["thresholds"]["action"] = 7
    (tmp_path / "m" / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(ModelError, match="thresholds"):
        learned.load(tmp_path / "m", nlp=nlp)
    with pytest.raises(ModelError, match="not a model folder"):
        learned.load(tmp_path, nlp=nlp)


NOTES = """# Platform sync — 2027-03-04

## Attendees
- Maria Lopez, Sam Ito, Priya Nair

## Discussion
- Sam merged the caching PR last week.
- Priya thinks the search is too slow.
- Maria to send the revised quote by next Friday.
- Is the staging database big enough?
- @sam will update the runbook in two weeks.

## Action items
- [ ] Priya: migrate the staging database by end of month.
- [x] Sam: rotate the API keys.
"""


@pytest.mark.parametrize("line,positive", [
    ("- [ ] Priya: migrate the staging database by end of month.", True),
    ("- Maria to send the revised quote by next Friday.", True),
    ("- Sam merged the caching PR last week.", False),
    ("- Is the staging database big enough?", False),
    ("- Maria Lopez, Sam Ito, Priya Nair", False),
])
def test_written_lines(nlp, line, positive):
    clf = learned.load(nlp=nlp, mode="model")
    lines = segment(NOTES)
    i = next(k for k, ln in enumerate(lines) if ln.text == line)
    cues = {a.line: a for a in read_notes(NOTES, "notes.md").actions}
    idx, rows = learned.line_rows(lines, cues, nlp)
    p = clf.probabilities([rows[idx.index(i)]])[0]
    assert (p >= 0.5) is positive, p


def test_cues_policy_returns_the_cue_items_and_the_analyzer_skips_the_model(nlp, monkeypatch):
    clf = learned.load(nlp=nlp, mode="cues")
    notes = read_notes(NOTES, "notes.md")
    assert notes.actions and clf.actions(notes) == notes.actions
    from ambiguity import Analyzer

    analyzer = Analyzer(nlp=nlp)
    monkeypatch.setattr(learned, "load", lambda *a, **k: pytest.fail("the model was loaded under the cues policy"))
    assert analyzer.meeting_classifier() is None


def test_shipped_mode_falls_back_to_gate_on_an_unreadable_meta(tmp_path):
    (tmp_path / "meta.json").write_text("{not json", encoding="utf-8")
    assert learned.shipped_mode(tmp_path) == "gate"
    (tmp_path / "meta.json").write_text(json.dumps({"policy": {"mode": "cues"}}), encoding="utf-8")
    assert learned.shipped_mode(tmp_path) == "cues"


def test_read_notes_with_the_classifier_keeps_owners_and_due_dates(nlp):
    clf = learned.load(nlp=nlp, mode="gate")
    notes = read_notes(NOTES, "notes.md", classifier=clf)
    by_line = {a.line: a for a in notes.actions}
    assert set(by_line) == {9, 11, 14}
    assert by_line[9].owner == "Maria" and by_line[9].due.status == "concrete"
    assert by_line[11].owner == "@sam" and by_line[11].due.iso == "2027-03-18"
    assert read_notes("# Sync 2027-02-01\n\nMeeting cancelled.\n", "n.md", classifier=clf).actions == []
