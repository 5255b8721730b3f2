"""The hand labels of real minutes (``benchmarks/labels``): read, hash-checked, split into tune and held-out.

The labels keep only file paths, line numbers and SHA-1s; the texts stay in the shared data folder. Both the
benchmark (``benchmarks/meetings_eval.py``) and training (``python tools/train_meetings.py``) read them
through :func:`read`, so both see the same files, the same checks and the same split.

Each file's half is stored in ``minutes_files.json`` (``split``), decided when the file was labelled: within each
dataset and labelling batch, the files ranked by the SHA-1 of ``"<dataset>/<path>"`` alternate tune, held-out, tune...
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, Iterator, List, Optional

from ambiguity.errors import InputError

ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "benchmarks" / "labels"
DATA = ROOT.parent / "shared" / "data"
SPLITS = ("tune", "held-out")
#: Datasets whose licence allows a shipped model to learn from them (each folder's PROVENANCE.md): SPDX minutes
#: CC-BY-3.0 (attribution), Rust minutes MIT OR Apache-2.0. The others state no licence: measured on, never trained on.
TRAINABLE = frozenset({"spdx-minutes", "rust-lang-team-minutes", "rust-compiler-team-minutes"})


def group_of(dataset: str, path: str) -> str:
    """The group a file belongs to for leave-one-group-out: an SPDX working group, a Rust team, or the dataset."""
    parts = path.split("/")
    if dataset == "spdx-minutes":
        return f"spdx/{parts[1]}"  # files/<group>/...
    if dataset == "rust-lang-team-minutes":
        return f"rust/{parts[0]}"
    if dataset == "rust-compiler-team-minutes":
        return "rust/compiler-team"
    return dataset.split("-")[0]  # nodejs, sklearn


def project_of(group: str) -> str:
    """The project of a group: every Rust team is one project (left out together as well)."""
    return group.split("/")[0]


@dataclass
class LineLabel:
    """One labelled action line: who owns it (``named`` | ``none``) and how due it is (``concrete`` | ``vague`` |
    ``none``)."""

    line: int
    owner: str
    due: str


@dataclass
class LabelledFile:
    dataset: str
    path: str
    split: str
    batch: int
    text: str
    actions: Dict[int, LineLabel] = field(default_factory=dict)

    @property
    def key(self) -> str:
        return f"{self.dataset}/{self.path}"

    @property
    def group(self) -> str:
        return group_of(self.dataset, self.path)

    @property
    def trainable(self) -> bool:
        return self.dataset in TRAINABLE


def assign_splits(files: List[dict]) -> Dict[tuple, str]:
    """``(dataset, path) -> split`` by the rule above, for files of one labelling batch."""
    out: Dict[tuple, str] = {}
    for dataset in sorted({f["dataset"] for f in files}):
        ranked = sorted((f for f in files if f["dataset"] == dataset),
                        key=lambda f: hashlib.sha1(f"{f['dataset']}/{f['path']}".encode("utf-8")).hexdigest())
        for i, f in enumerate(ranked):
            out[(f["dataset"], f["path"])] = SPLITS[i % 2]
    return out


def available(data: Path = DATA) -> bool:
    """Whether the shared data folder with the labelled minutes is present."""
    return data.is_dir()


def read(data: Path = DATA, labels: Path = LABELS, split: Optional[str] = None) -> Iterator[LabelledFile]:
    """Every labelled file (of ``split`` when given) with its text and action labels, in the listed order.

    Raises :class:`~ambiguity.errors.InputError` when a file is missing or differs from the labelled version (its
    SHA-1 or a labelled line's SHA-1), since the line numbers would no longer be trustworthy.
    """
    files = json.loads((labels / "minutes_files.json").read_text(encoding="utf-8"))["files"]
    by_file: Dict[tuple, Dict[int, dict]] = {}
    for raw in (labels / "minutes_actions.jsonl").read_text(encoding="utf-8").splitlines():
        if raw.strip():
            r = json.loads(raw)
            by_file.setdefault((r["dataset"], r["path"]), {})[r["line"]] = r
    for f in files:
        if split is not None and f["split"] != split:
            continue
        p = data / f["dataset"] / f["path"]
        if not p.is_file():
            raise InputError(str(p), "labelled minutes file is missing")
        raw = p.read_bytes()
        if hashlib.sha1(raw).hexdigest() != f["sha1"]:
            raise InputError(str(p), "does not match the labelled version (sha1)")
        text = raw.decode("utf-8")
        lines = text.splitlines()
        out = LabelledFile(f["dataset"], f["path"], f["split"], f.get("batch", 1), text)
        for n, r in sorted(by_file.get((f["dataset"], f["path"]), {}).items()):
            if not 1 <= n <= len(lines) or hashlib.sha1(lines[n - 1].strip().encode("utf-8")).hexdigest() != r["sha1"]:
                raise InputError(f"{p}:{n}", "labelled line does not match (sha1)")
            out.actions[n] = LineLabel(n, r["owner"], r["due"])
        yield out
