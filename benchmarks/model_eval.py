"""Rules only vs rules + classifier on real requirements: per-label P/R/F1 against benchmarks/labels/smart_labels.jsonl.

Each label row names a dataset, file and row of ../shared/data (PROMISE+, ARTA ds2/ds4, Dalpiaz user stories) and the
sha1 of the text; the text is read from there, checked against the hash, and analysed twice: with
``Analyzer(classifier=None)`` and with the shipped classifier. A label is predicted when any finding of its category
group is reported (vague_language: vague, loophole, open-ended, comparative, superlative; missing_metric;
undefined_deadline), unit-level classifier findings included.

The 450 rows are split deterministically in two halves (:func:`split_of`): within each dataset, rows are ranked by
the sha1 of their text and alternate calib / held-out. The integration policy in ``models/default/meta.json``
(benchmarks/calibrate_integration.py) and the rule changes made while looking at errors used the CALIBRATION half
only; the HELD-OUT half is the headline figure. ``--errors`` lists the wrong rows, and only for ``--split calib``.

Run: python benchmarks/model_eval.py [--split held-out|calib|all] [--model models/default] [--errors]
(skips cleanly without ../shared/data)
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sys
from pathlib import Path
from typing import Dict, List, Optional, Tuple

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
LABELS_FILE = ROOT / "benchmarks" / "labels" / "smart_labels.jsonl"
TEXT_COLUMN = {("promise-plus", "promise_plus_dedup.csv"): "Requirement", ("arta-smells", "ds4.csv"): "Requirement",
               ("arta-smells", "ds2.csv"): "text"}


def row_text(dataset: str, file: str, row: int, cache: Dict) -> Optional[str]:
    """The labelled text (README-smart.md: CSV data row via DictReader, or physical line of a .txt file)."""
    path = DATA / dataset / file
    if path not in cache:
        if file.endswith(".csv"):
            with open(path, encoding="utf-8", newline="") as fh:
                cache[path] = [r[TEXT_COLUMN[(dataset, file)]] for r in csv.DictReader(fh)]
        else:
            with open(path, encoding="utf-8", newline="") as fh:
                cache[path] = fh.read().split("\n")
    rows = cache[path]
    return rows[row] if 0 <= row < len(rows) else None


SPLITS = ("held-out", "calib", "all")


def split_of(records: List[Dict]) -> Dict[Tuple[str, str, int], str]:
    """``(dataset, file, row) -> "calib" | "held-out"``: within each dataset, rank by sha1, alternate (calib first)."""
    by_dataset: Dict[str, List[Dict]] = {}
    for rec in records:
        by_dataset.setdefault(rec["dataset"], []).append(rec)
    out = {}
    for recs in by_dataset.values():
        for i, rec in enumerate(sorted(recs, key=lambda r: (r["sha1"], r["file"], r["row"]))):
            out[(rec["dataset"], rec["file"], rec["row"])] = "calib" if i % 2 == 0 else "held-out"
    return out


def load_rows(split: str = "all") -> List[Dict]:
    """The labelled rows of one half (``calib``, ``held-out``) or ``all``, with their text from ../shared/data."""
    if split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}, not {split!r}")
    cache: Dict = {}
    out, bad = [], 0
    records = [json.loads(line) for line in LABELS_FILE.read_text(encoding="utf-8").splitlines() if line.strip()]
    halves = split_of(records)
    for rec in records:
        if split != "all" and halves[(rec["dataset"], rec["file"], rec["row"])] != split:
            continue
        text = row_text(rec["dataset"], rec["file"], rec["row"], cache)
        if text is None or hashlib.sha1(text.strip().encode("utf-8")).hexdigest() != rec["sha1"]:
            bad += 1
            continue
        out.append({"text": text.strip(), "labels": rec["labels"], "dataset": rec["dataset"], "file": rec["file"],
                    "row": rec["row"]})
    if bad:
        print(f"warning: {bad} rows skipped (source changed: sha1 mismatch)", file=sys.stderr)
    return out


def predicted(reports, groups) -> List[Dict[str, int]]:
    return [{k: int(any(f.category in cats for f in r.findings)) for k, cats in groups.items()} for r in reports]


def print_errors(rows: List[Dict], reports, groups) -> None:
    for row, report, pred in zip(rows, reports, predicted(reports, groups)):
        for k, cats in groups.items():
            if pred[k] != row["labels"][k]:
                hits = [f"{f.rule}:{f.text[:40]!r}" for f in report.findings if f.category in cats]
                kind = "FP" if pred[k] else "FN"
                print(f"{kind} {k} {row['dataset']}/{row['file']}:{row['row']} {row['text'][:300]!r} {hits}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="default", help="classifier model folder (default: models/default)")
    parser.add_argument("--split", choices=SPLITS, default="held-out",
                        help="which half of the labels to score (default: held-out, the headline)")
    parser.add_argument("--errors", action="store_true", help="list wrong rows with their findings (calib only)")
    args = parser.parse_args()
    if args.errors and args.split != "calib":
        parser.error("--errors is for the calibration half only: the held-out half is not looked at row by row")
    if not DATA.is_dir():
        print(f"skipped: {DATA} is not present")
        return 0
    from ambiguity import Analyzer
    from ambiguity.model.evaluate import metric_lines, metrics
    from ambiguity.model.features import GROUPS, LABELS

    rows = load_rows(args.split)
    texts = [r["text"] for r in rows]
    rules_only = Analyzer(classifier=None)
    combined = Analyzer(nlp=rules_only.nlp, classifier=args.model)
    results, reports = {}, {}
    for name, analyzer in (("rules only", rules_only), ("rules + classifier", combined)):
        reports[name] = list(analyzer.analyze_many(texts))
        results[name] = metrics(rows, predicted(reports[name], GROUPS))
        for line in metric_lines(results[name], f"\n{name} ({args.split}: {len(rows)} real rows)"):
            print(line)
    if args.errors:
        for name in reports:
            print(f"\nwrong rows, {name}:")
            print_errors(rows, reports[name], GROUPS)
    print(f"\n[{args.split}] {'label':<20} {'rules F1':>9} {'+classifier F1':>15} {'target':>7}")
    targets = {"vague_language": 0.80, "missing_metric": 0.85, "undefined_deadline": 0.80}
    for k in LABELS:
        a, b = results["rules only"][k]["f1"], results["rules + classifier"][k]["f1"]
        print(f"{'':<{len(args.split) + 3}}{k:<20} {a:>9.3f} {b:>15.3f} {targets[k]:>7.2f}{'' if b >= targets[k] else '  (below target)'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
