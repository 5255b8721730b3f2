"""Leave-one-group-out evaluation of the learned action-item detector on the hand-labelled real minutes.

    python benchmarks/meetings_logo.py [--split all|tune|held-out] [--c 1.0] [--threshold 0.5] [--cues]

Groups are the SPDX working groups, the Rust teams (the compiler team's minutes included) and the two unlicensed
datasets (nodejs, sklearn), see ``tools/real_labels.py``. For each group, a line classifier is trained on the labelled
files of every OTHER group whose licence allows training (SPDX, Rust) and decides the action lines of that group's
files exactly as the product does (``read_notes`` with a ``LineClassifier`` in ``model`` mode: owner and due date
from the cues' item on that line, else read from the line's sentence). A second pass leaves all Rust teams out
together (trained on SPDX alone), the way a new project meets the tool. Pooled figures count each line once, from
the fold that left its group out. Owner and due accuracy are over the correctly found action lines.

``--split`` scores only one half of the files (the models still train on both halves of the other groups): design
choices are made on ``tune``; ``held-out`` and ``all`` are the reported figures. ``--cues`` scores the hand-written
cues alone the same way, for comparison. Skips cleanly without the shared data.
"""
from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Dict, List, Set, Tuple

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

import real_labels  # noqa: E402

Key = Tuple[str, str, int]
TASKS = ("action", "missing-owner", "undefined-deadline")


def gold_of(f) -> Dict[str, Set[Key]]:
    out: Dict[str, Set[Key]] = {t: set() for t in TASKS}
    for n, lab in f.actions.items():
        k = (f.dataset, f.path, n)
        out["action"].add(k)
        if lab.owner == "none":
            out["missing-owner"].add(k)
        if lab.due in {"vague", "none"}:
            out["undefined-deadline"].add(k)
    return out


def predicted(f, classifier) -> Tuple[Dict[str, Set[Key]], Dict[Key, Tuple[str, str]]]:
    from ambiguity.meetings import read_notes

    out: Dict[str, Set[Key]] = {t: set() for t in TASKS}
    labels: Dict[Key, Tuple[str, str]] = {}
    for a in read_notes(f.text, path=f.path, classifier=classifier).actions:
        k = (f.dataset, f.path, a.line)
        out["action"].add(k)
        owner = "named" if a.has_owner else "none"
        if owner == "none":
            out["missing-owner"].add(k)
        if a.due.status in {"vague", "none"}:
            out["undefined-deadline"].add(k)
        labels[k] = (owner, a.due.status)
    return out, labels


def prf(pred: Set[Key], gold: Set[Key]) -> Tuple[float, float, float]:
    tp = len(pred & gold)
    p = tp / len(pred) if pred else 0.0
    r = tp / len(gold) if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def line_rows_of(files, nlp):
    """Candidate-line rows, gold labels and line numbers per file (computed once)."""
    from ambiguity.meetings import read_notes
    from ambiguity.meetings.learned import line_rows
    from ambiguity.meetings.segment import segment

    out = {}
    for f in files:
        lines = segment(f.text)
        cues = {a.line: a for a in read_notes(f.text, f.path).actions}
        idx, rows = line_rows(lines, cues, nlp)
        numbers = [lines[i].number for i in idx]
        out[f.key] = (rows, [int(n in f.actions) for n in numbers], numbers)
    return out


def fit(files, rows_by_file, c: float, balanced: bool):
    from ambiguity.meetings.learned import as_matrix, make_estimator

    rows, gold = [], []
    for f in files:
        r, g, _ = rows_by_file[f.key]
        rows += r
        gold += g
    est = make_estimator(c=c)
    if not balanced:
        est.set_params(classify__class_weight=None)
    est.fit(as_matrix(rows), gold)
    return est


def best_threshold(scored: List[Tuple[float, int]]) -> float:
    """The threshold with the best line-level action F1 on the given (probability, gold) pairs."""
    best, best_f1 = 0.5, -1.0
    total = sum(g for _, g in scored)
    for k in range(10, 96):
        th = k / 100
        pred = [(p >= th, g) for p, g in scored]
        tp = sum(1 for y, g in pred if y and g)
        n = sum(1 for y, _ in pred if y)
        f1 = 2 * tp / (n + total) if n + total else 0.0
        if f1 > best_f1:
            best, best_f1 = th, f1
    return best


def report(title: str, preds, golds, labels, gold_labels) -> None:
    print(title)
    print(f"  {'task':<20} {'pred':>5} {'gold':>5} {'tp':>5} {'P':>6} {'R':>6} {'F1':>6}")
    for t in TASKS:
        p, r, f1 = prf(preds[t], golds[t])
        print(f"  {t:<20} {len(preds[t]):>5} {len(golds[t]):>5} {len(preds[t] & golds[t]):>5} {p:>6.3f} {r:>6.3f} "
              f"{f1:>6.3f}")
    found = [k for k in preds["action"] & golds["action"]]
    if found:
        owner = sum(labels[k][0] == gold_labels[k][0] for k in found) / len(found)
        due = sum(labels[k][1] == gold_labels[k][1] for k in found) / len(found)
        print(f"  owner accuracy {owner:.3f}, due accuracy {due:.3f} (on {len(found)} correctly found action lines)")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=real_labels.DATA)
    ap.add_argument("--split", choices=("all", "tune", "held-out"), default="all")
    ap.add_argument("--c", type=float, default=1.0)
    ap.add_argument("--balanced", action="store_true", help="class_weight='balanced' in the logistic regression")
    ap.add_argument("--threshold", type=float, default=None,
                    help="decision threshold (default: the best pooled F1 on the TUNE half's out-of-group scores)")
    ap.add_argument("--cues", action="store_true", help="score the hand-written cues alone, per group")
    args = ap.parse_args()
    if not real_labels.available(args.data):
        print(f"skipped: {args.data} is not present")
        return 0
    from ambiguity.meetings.learned import LineClassifier, as_matrix
    from ambiguity.pipeline.loading import load_pipeline

    started = time.perf_counter()
    files = list(real_labels.read(args.data))
    groups = sorted({f.group for f in files})
    nlp = load_pipeline(exclude=("ner",))
    folds = [(g, lambda f, g=g: f.group == g) for g in groups]
    folds.append(("rust (all teams)", lambda f: real_labels.project_of(f.group) == "rust"))
    estimators = {}
    threshold = args.threshold
    if not args.cues:
        rows = line_rows_of(files, nlp)
        scored: Dict[str, List[Tuple[float, int]]] = defaultdict(list)  # split -> (p, gold), from group folds only
        for name, held in folds:
            train = [f for f in files if f.trainable and not held(f)]
            estimators[name] = est = fit(train, rows, args.c, args.balanced)
            if name in groups:
                for f in (f for f in files if held(f)):
                    r, g, _ = rows[f.key]
                    if r:
                        probs = est.predict_proba(as_matrix(r))[:, 1]
                        scored[f.split] += list(zip(probs.tolist(), g))
        if threshold is None:
            threshold = best_threshold(scored["tune"])
        print(f"threshold {threshold:.2f} ({'given' if args.threshold is not None else 'best pooled F1, tune half'}); "
              f"models trained in {time.perf_counter() - started:.0f} s")
    scored_files = [f for f in files if args.split == "all" or f.split == args.split]
    results = {}
    for name, held in folds:
        test = [f for f in scored_files if held(f)]
        if not test:
            continue
        clf = None if args.cues else LineClassifier(estimators[name], threshold, {}, nlp, "model")
        preds: Dict[str, Set[Key]] = defaultdict(set)
        golds: Dict[str, Set[Key]] = defaultdict(set)
        labels: Dict[Key, Tuple[str, str]] = {}
        gold_labels: Dict[Key, Tuple[str, str]] = {}
        for f in test:
            p, lab = predicted(f, clf)
            g = gold_of(f)
            for t in TASKS:
                preds[t] |= p[t]
                golds[t] |= g[t]
            labels.update(lab)
            gold_labels.update({(f.dataset, f.path, n): (x.owner, x.due) for n, x in f.actions.items()})
        results[name] = (preds, golds, labels, gold_labels)
        report(f"[{name}] {len(test)} files", preds, golds, labels, gold_labels)
    pooled = [results[g] for g in groups if g in results]
    merged = [defaultdict(set), defaultdict(set), {}, {}]
    for preds, golds, labels, gold_labels in pooled:
        for t in TASKS:
            merged[0][t] |= preds[t]
            merged[1][t] |= golds[t]
        merged[2].update(labels)
        merged[3].update(gold_labels)
    method = "cues" if args.cues else f"learned line model (C={args.c}, threshold {threshold:.2f})"
    report(f"\n[pooled over {len(pooled)} groups, split {args.split}] {method}", *merged)
    print(f"({time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
