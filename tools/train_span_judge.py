"""Train the span judge shipped in ``models/span_judge`` from the span labels of real units.

It learns only from the TUNE half of units whose source's licence allows it (``trainable`` in
``benchmarks/labels/spans.jsonl``; see README-spans.md), so the held-out half stays unseen. Each label's threshold
is the one of best F1 over leave-one-source-out predictions within that training set.

    python tools/train_span_judge.py [--out models/span_judge]
"""
from __future__ import annotations

import hashlib
import sys
from collections import Counter
from pathlib import Path

import click

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))


@click.command()
@click.option("--out", type=click.Path(file_okay=False), default=str(ROOT / "models" / "span_judge"),
              show_default=True, help="Folder to write model.skops and meta.json to.")
def main(out: str) -> None:
    """Train the span judge on the tune half of the licensed span labels and save it with skops."""
    import span_labels as sl
    from ambiguity.model import span_judge
    from ambiguity.model.persist import library_versions

    units = [u for u in sl.load_gold(split="tune") if u["trainable"]]
    analyzer = sl.study_analyzer()
    cands = sl.candidates(units, analyzer)
    rows, ys, groups = [], [], []
    for unit, found in zip(units, cands):
        for r in found:
            rows.append(r["x"])
            ys.append(r["y"])
            groups.append(sl.loso_source(unit))
    judge = span_judge.fit(rows, ys, groups)
    labels_sha = {name: hashlib.sha1((sl.LABELS / f"{name}.jsonl").read_bytes()).hexdigest()
                  for name in sl.BATCHES.values()}
    per_label = Counter((r["label"], r["y"]) for found in cands for r in found)
    meta = {
        "what": "span judge: one logistic regression per headline label over candidate-span features",
        "trained_on": {
            "labels": [f"benchmarks/labels/{name}.jsonl" for name in sl.BATCHES.values()],
            "labels_sha1": labels_sha, "split": "tune",
            "units": len(units), "sources": sorted({u["source"] for u in units}),
            "candidates": {f"{label}:{y}": n for (label, y), n in sorted(per_label.items())},
        },
        "licences": "see benchmarks/labels/README-spans.md (only sources whose licence allows training)",
        "C": span_judge.C,
        "versions": library_versions(analyzer.nlp),
    }
    span_judge.save(judge, Path(out), meta)
    click.echo(f"{len(rows)} candidates from {len(units)} units; thresholds "
               + ", ".join(f"{k} {v:.2f}" for k, v in sorted(judge["thresholds"].items())) + f"; saved to {out}",
               err=True)


if __name__ == "__main__":
    main()
