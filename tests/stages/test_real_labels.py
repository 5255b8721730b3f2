"""The real-minutes hand labels: well-formed, split stored per file, and (with ../shared) matching the texts."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from ambiguity.errors import InputError
import real_labels

FILES = json.loads((real_labels.LABELS / "minutes_files.json").read_text(encoding="utf-8"))["files"]
ACTIONS = [json.loads(x) for x in (real_labels.LABELS / "minutes_actions.jsonl").read_text(encoding="utf-8").splitlines()
           if x.strip()]


def test_every_label_row_names_a_listed_file_with_valid_values():
    listed = {(f["dataset"], f["path"]) for f in FILES}
    assert len(listed) == len(FILES), "a file is listed twice"
    for r in ACTIONS:
        assert (r["dataset"], r["path"]) in listed
        assert r["owner"] in {"named", "none"} and r["due"] in {"concrete", "vague", "none"}
        assert 1 <= r["line"] and len(r["sha1"]) == 40
    keys = [(r["dataset"], r["path"], r["line"]) for r in ACTIONS]
    assert keys == sorted(keys) and len(set(keys)) == len(keys)


def test_stored_split_follows_the_rule_within_each_batch():
    for batch in {f["batch"] for f in FILES}:
        files = [f for f in FILES if f["batch"] == batch]
        expected = real_labels.assign_splits(files)
        assert {(f["dataset"], f["path"]): f["split"] for f in files} == expected


def test_read_checks_the_texts_and_filters_by_split(shared_data: Path):
    tune = list(real_labels.read(shared_data, split="tune"))
    held = list(real_labels.read(shared_data, split="held-out"))
    assert len(tune) + len(held) == len(FILES)
    assert {f.split for f in tune} == {"tune"} and not {f.key for f in tune} & {f.key for f in held}
    assert sum(len(f.actions) for f in tune + held) == len(ACTIONS)


def test_a_changed_line_is_refused(tmp_path: Path, shared_data: Path):
    f = FILES[1]
    target = tmp_path / "labels"
    target.mkdir()
    one = [r for r in ACTIONS if (r["dataset"], r["path"]) == (f["dataset"], f["path"])][:1]
    assert one, "the second listed file has an action line"
    bad = dict(one[0], sha1="0" * 40)
    (target / "minutes_files.json").write_text(json.dumps({"files": [f]}), encoding="utf-8")
    (target / "minutes_actions.jsonl").write_text(json.dumps(bad) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=r":\d+: labelled line does not match"):
        list(real_labels.read(shared_data, target))
