"""Agreement of the two span annotators on real units (benchmarks/labels/spans_first.jsonl, spans_second.jsonl).

Per label: Cohen's kappa on the unit label ("any span"), and span F1 between the annotators (a span of one matches a
same-label span of the other that overlaps it). Also the units that went to adjudication.

    python benchmarks/span_agreement.py
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

from sklearn.metrics import cohen_kappa_score  # noqa: E402

import span_labels as sl  # noqa: E402


def main() -> int:
    status = 1
    for batch, prefix in sl.BATCHES.items():
        status = min(status, report(batch, prefix))
    return status


def report(batch: int, prefix: str) -> int:
    first = sl.by_unit(sl.read(sl.LABELS / f"{prefix}_first.jsonl"))
    second = sl.by_unit(sl.read(sl.LABELS / f"{prefix}_second.jsonl"))
    keys = sorted(set(first) & set(second))
    if not keys:
        print(f"batch {batch}: no doubly labelled units", file=sys.stderr)
        return 1
    print(f"\nbatch {batch}: {len(keys)} units labelled by both annotators")
    print(f"{'label':<20} {'A':>5} {'B':>5} {'kappa':>6} {'span F1':>8}")
    for label in sl.LABEL_NAMES:
        ua, ub, matched_a, matched_b, na, nb = [], [], 0, 0, 0, 0
        for k in keys:
            a = [s for s in sl.spans_of(first[k]) if s[2] == label]
            b = [s for s in sl.spans_of(second[k]) if s[2] == label]
            ua.append(int(bool(a)))
            ub.append(int(bool(b)))
            na, nb = na + len(a), nb + len(b)
            matched_a += sum(any(sl.overlaps(x, y) for y in b) for x in a)
            matched_b += sum(any(sl.overlaps(y, x) for x in a) for y in b)
        p = matched_a / na if na else 0.0
        r = matched_b / nb if nb else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        kappa = cohen_kappa_score(ua, ub)
        print(f"{label:<20} {sum(ua):>5} {sum(ub):>5} {kappa:>6.3f} {f1:>8.3f}")
    differing = sum(sl.differs(sl.spans_of(first[k]), sl.spans_of(second[k])) for k in keys)
    print(f"units where the readings differ (adjudicated): {differing} ({differing / len(keys):.1%})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
