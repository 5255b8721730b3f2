"""Line-level evaluation of meeting-notes action items against the hand labels in benchmarks/labels.

    python benchmarks/meetings_eval.py [--data ../shared/data] [--split tune|held-out|all] [--errors]
                                       [--method cues|gate|model] [--model models/meetings]

Reads each labelled minutes file from the shared data folder (skips cleanly when it is absent), checks the SHA-1 of
the file and of every labelled line, runs ``ambiguity.meetings.read_notes`` and prints precision, recall and F1 for
action-item detection, missing-owner (owner == none among action items) and undefined-deadline (due in vague/none).

The labelled files are split into a TUNE half and a HELD-OUT half, stored with each file in
``benchmarks/labels/minutes_files.json`` (rule in ``tools/real_labels.py``). Without ``--split`` the three
tables (tune, held-out, all) are printed; ``--errors`` lists the errors of the chosen split only, and of the TUNE half
when no split is given: work on the tune half, report the held-out half.

Without ``--method`` the policy of the model folder is used (``policy.mode`` in its ``meta.json``: "cues" as shipped):
``--method cues`` the hand-written cues alone; ``--method gate`` a cue's line counts only if the learned line
classifier (:mod:`ambiguity.meetings.learned`, trained on ``corpus/meetings`` only) does not veto it; ``--method
model`` the classifier alone (cue verdicts among its features).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Dict, Set, Tuple

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))  # real_labels, train_meetings: checkout tools, not the package

from ambiguity.errors import InputError  # noqa: E402
import real_labels  # noqa: E402
from ambiguity.meetings import read_notes  # noqa: E402

Key = Tuple[str, str, int]
SPLITS = ("tune", "held-out", "all")


def prf(pred: Set[Key], gold: Set[Key]) -> Tuple[float, float, float]:
    tp = len(pred & gold)
    p = tp / len(pred) if pred else 0.0
    r = tp / len(gold) if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    ap.add_argument("--split", choices=SPLITS, default=None,
                    help="score only this half (default: print tune, held-out and all)")
    ap.add_argument("--errors", action="store_true",
                    help="print false positives and false negatives (of --split, default the tune half)")
    ap.add_argument("--method", choices=("cues", "gate", "model"), default=None,
                    help="who decides the action lines: the cues alone (cues), cues vetoed by the classifier (gate) or "
                         "the classifier alone (model); default: the model folder's policy (cues as shipped)")
    ap.add_argument("--model", default=None, help="classifier folder (default: models/meetings)")
    args = ap.parse_args()
    classifier = None
    if args.method is None:
        from ambiguity.meetings.learned import shipped_mode

        args.method = shipped_mode(Path(args.model) if args.model else None)
    if args.method in {"gate", "model"}:
        from ambiguity.meetings.learned import load

        classifier = load(Path(args.model) if args.model else None, mode=args.method)
    print(f"method: {args.method}" + (f" (threshold {classifier.threshold})" if classifier else ""))
    data = Path(args.data)
    if not real_labels.available(data):
        print(f"skipped: {data} is not present")
        return 0
    gold: Dict[str, Set[Key]] = {"action": set(), "missing-owner": set(), "undefined-deadline": set()}
    pred: Dict[str, Set[Key]] = {k: set() for k in gold}
    texts: Dict[Tuple[str, str], list] = {}
    halves: Dict[Tuple[str, str], str] = {}
    try:
        labelled = list(real_labels.read(data))
    except InputError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    for f in labelled:
        texts[(f.dataset, f.path)] = f.text.splitlines()
        halves[(f.dataset, f.path)] = f.split
        notes = read_notes(f.text, path=f.path, classifier=classifier)
        for a in notes.actions:
            key = (f.dataset, f.path, a.line)
            pred["action"].add(key)
            if not a.has_owner:
                pred["missing-owner"].add(key)
            if a.due.status in {"vague", "none"}:
                pred["undefined-deadline"].add(key)
        for n, lab in f.actions.items():
            key = (f.dataset, f.path, n)
            gold["action"].add(key)
            if lab.owner == "none":
                gold["missing-owner"].add(key)
            if lab.due in {"vague", "none"}:
                gold["undefined-deadline"].add(key)

    def keep(split: str, key) -> bool:
        return split == "all" or halves[key[:2]] == split

    for split in ([args.split] if args.split else list(SPLITS)):
        n_files = sum(1 for k in halves if keep(split, k))
        n_lines = sum(len(t) for k, t in texts.items() if keep(split, k))
        g = {t: {k for k in keys if keep(split, k)} for t, keys in gold.items()}
        pr = {t: {k for k in keys if keep(split, k)} for t, keys in pred.items()}
        print(f"[{split}] {n_files} files, {n_lines} lines, {len(g['action'])} gold action lines")
        print(f"{'task':<20} {'pred':>5} {'gold':>5} {'tp':>4} {'P':>6} {'R':>6} {'F1':>6}")
        for task in g:
            p, r, f1 = prf(pr[task], g[task])
            tp = len(pr[task] & g[task])
            print(f"{task:<20} {len(pr[task]):>5} {len(g[task]):>5} {tp:>4} {p:>6.3f} {r:>6.3f} {f1:>6.3f}")
        print()
    if args.errors:
        split = args.split or "tune"
        print(f"errors on the {split} split:")
        for task in gold:
            g = {k for k in gold[task] if keep(split, k)}
            pr = {k for k in pred[task] if keep(split, k)}
            for tag, keys in (("FP", pr - g), ("FN", g - pr)):
                for k in sorted(keys):
                    print(f"{task} {tag} {k[0][:6]} {k[1][-30:]}:{k[2]}: {texts[k[:2]][k[2] - 1].strip()[:110]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
