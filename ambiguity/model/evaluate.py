"""Per-label precision, recall, F1 and confusion counts, for our corpus format or a plain labelled JSONL."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Dict, Iterator, List, Optional, Sequence, Union

from ..errors import InputError
from .features import LABELS

Metrics = Dict[str, Dict[str, float]]


def read_labelled(path: Union[str, Path], labels: Sequence[str] = LABELS) -> List[Dict]:
    """Records with ``text`` and ``labels``: our corpus format, or JSONL with ``text`` and top-level label fields.

    A label a record does not give is left out of its ``labels`` (and out of that label's metrics).
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror or exc}") from None
    return parse_labelled(text, path.name, labels)


def parse_labelled(text: str, name: str, labels: Sequence[str] = LABELS) -> List[Dict]:
    """:func:`read_labelled` on text already read; ``name`` is used in errors and default ids."""
    path = Path(name)
    out: List[Dict] = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}:{n}", f"not JSON: {exc.msg}") from None
        if not isinstance(rec, dict) or not isinstance(rec.get("text"), str):
            raise InputError(f"{path}:{n}", "each line needs a 'text' string")
        given = rec.get("labels") if isinstance(rec.get("labels"), dict) else rec
        found = {k: int(bool(given[k])) for k in labels if k in given and given[k] is not None}
        if not found:
            raise InputError(f"{path}:{n}", f"no label field; expected some of {', '.join(labels)}")
        out.append({"id": rec.get("id", f"{path.name}:{n}"), "text": rec["text"], "labels": found})
    return out


def label_metrics(y_true: Sequence[int], y_pred: Sequence[int]) -> Dict[str, float]:
    """Precision, recall, F1 and the confusion counts of one binary label."""
    tp = sum(1 for t, p in zip(y_true, y_pred) if t and p)
    fp = sum(1 for t, p in zip(y_true, y_pred) if not t and p)
    fn = sum(1 for t, p in zip(y_true, y_pred) if t and not p)
    tn = len(y_true) - tp - fp - fn
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
            "tp": tp, "fp": fp, "fn": fn, "tn": tn, "support": tp + fn}


def metrics(records: Sequence[Dict], predicted: Sequence[Dict[str, int]],
            labels: Sequence[str] = LABELS) -> Metrics:
    """Metrics per label over the records that give that label."""
    out: Metrics = {}
    for k in labels:
        pairs = [(r["labels"][k], p[k]) for r, p in zip(records, predicted) if k in r["labels"]]
        if pairs:
            out[k] = label_metrics([t for t, _ in pairs], [p for _, p in pairs])
    return out


def metric_lines(result: Metrics, title: Optional[str] = None) -> Iterator[str]:
    """A small fixed-width table: label, P, R, F1, support and the confusion counts."""
    if title:
        yield title
    yield f"{'label':<20} {'P':>6} {'R':>6} {'F1':>6} {'support':>8}   {'tp':>4} {'fp':>4} {'fn':>4} {'tn':>5}"
    for k, m in result.items():
        yield (f"{k:<20} {m['precision']:>6.3f} {m['recall']:>6.3f} {m['f1']:>6.3f} {m['support']:>8}   "
               f"{m['tp']:>4} {m['fp']:>4} {m['fn']:>4} {m['tn']:>5}")
