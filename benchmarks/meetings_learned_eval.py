"""How far a line classifier trained on the REAL tune minutes gets, against the shipped cues (measured, not shipped).

    python benchmarks/meetings_learned_eval.py [--data ../shared/data] [--c 0.3]

The features are those of :mod:`ambiguity.meetings.learned` (line shape, context, spaCy parse, the cues' verdict);
the word n-grams are restricted to the vocabulary of the minutes written for this project (``corpus/meetings``), so
the fitted model holds no word that only the real minutes contain. Steps, all on the tune half until the last:

1. 8-fold cross-validation grouped by file over the tune files: out-of-fold scores, and the thresholds with the best
   F1 for the model alone and for "cues vetoed by the model" (gate);
2. one fit on every tune line, scored once on the held-out half at those thresholds.

Nothing here is shipped: two of the three minutes datasets state no licence, so their text is used only to measure
(see docs/meetings.md). Skips cleanly without the shared data.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Dict, List, Tuple

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))  # real_labels, train_meetings: checkout tools, not the package

import real_labels  # noqa: E402


def rows_of(split: str, data: Path, nlp) -> Tuple[List, List[int], List[int], List[str]]:
    """Candidate-line rows of one half: features, gold label, cue verdict, file key."""
    from ambiguity.meetings.learned import line_rows
    from ambiguity.meetings.notes import read_notes
    from ambiguity.meetings.segment import segment

    rows, gold, cue, groups = [], [], [], []
    for f in real_labels.read(data, split=split):
        lines = segment(f.text)
        cues = {a.line: a for a in read_notes(f.text, f.path).actions}
        idx, file_rows = line_rows(lines, cues, nlp)
        for i, row in zip(idx, file_rows):
            n = lines[i].number
            rows.append(row)
            gold.append(int(n in f.actions))
            cue.append(int(n in cues))
            groups.append(f.key)
    return rows, gold, cue, groups


def prf(pred, gold) -> Tuple[float, float, float]:
    tp = sum(1 for p, g in zip(pred, gold) if p and g)
    p = tp / max(1, sum(pred))
    r = tp / max(1, sum(gold))
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=real_labels.DATA)
    ap.add_argument("--c", type=float, default=0.3, help="inverse regularisation of the logistic regression")
    args = ap.parse_args()
    if not real_labels.available(args.data):
        print(f"skipped: {args.data} is not present")
        return 0
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.model_selection import GroupKFold

    from ambiguity.meetings.learned import as_matrix, make_estimator
    from train_meetings import CORPUS, corpus_rows
    from ambiguity.pipeline.loading import load_pipeline

    nlp = load_pipeline(exclude=("ner",))
    written, *_ = corpus_rows(CORPUS, nlp)
    vocabulary = sorted(TfidfVectorizer(ngram_range=(1, 2), min_df=2, token_pattern=r"[a-z0-9'@]+")
                        .fit([text for text, _ in written]).vocabulary_)

    def estimator():
        est = make_estimator(c=args.c)
        est.set_params(features__words__vocabulary=vocabulary, features__words__min_df=1)
        return est

    rows, gold, cue, groups = rows_of("tune", args.data, nlp)
    X, y, cue_a = as_matrix(rows), np.asarray(gold), np.asarray(cue)
    scores = np.zeros(len(y))
    for train, test in GroupKFold(n_splits=8).split(X, y, groups):
        scores[test] = estimator().fit(X[train], y[train]).predict_proba(X[test])[:, 1]
    grid = np.round(np.arange(0.05, 0.96, 0.05), 2)
    best: Dict[str, Tuple[float, Tuple[float, float, float]]] = {
        "model": max(((t, prf(scores >= t, y)) for t in grid), key=lambda x: x[1][2]),
        "gate": max(((t, prf((scores >= t) & (cue_a == 1), y)) for t in grid), key=lambda x: x[1][2]),
    }
    print(f"tune: {len(set(groups))} files, {len(y)} candidate lines, {int(y.sum())} actions; 8 folds by file")
    print(f"  cues            P/R/F1 {'/'.join(f'{v:.3f}' for v in prf(cue_a == 1, y))}")
    for name, (t, figs) in best.items():
        print(f"  {name:<6} t={t:.2f}   P/R/F1 {'/'.join(f'{v:.3f}' for v in figs)}")
    model = estimator().fit(X, y)
    h_rows, h_gold, h_cue, h_groups = rows_of("held-out", args.data, nlp)
    hs = model.predict_proba(as_matrix(h_rows))[:, 1]
    hy, hc = np.asarray(h_gold), np.asarray(h_cue)
    print(f"held-out: {len(set(h_groups))} files, {len(hy)} candidate lines, {int(hy.sum())} actions; scored once")
    print(f"  cues            P/R/F1 {'/'.join(f'{v:.3f}' for v in prf(hc == 1, hy))}")
    print(f"  model  t={best['model'][0]:.2f}   P/R/F1 {'/'.join(f'{v:.3f}' for v in prf(hs >= best['model'][0], hy))}")
    gate = prf((hs >= best["gate"][0]) & (hc == 1), hy)
    print(f"  gate   t={best['gate'][0]:.2f}   P/R/F1 {'/'.join(f'{v:.3f}' for v in gate)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
