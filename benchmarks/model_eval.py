"""Rules only vs rules + classifier on real requirements: per-label P/R/F1 against benchmarks/labels/smart_labels.jsonl.

Each label row names a dataset, file and row of ../shared/data (PROMISE+, ARTA ds2/ds4, Dalpiaz user stories) and the
sha1 of the text; the text is read from there, checked against the hash, and analysed twice: with
``Analyzer(classifier=None)`` and with the shipped classifier. A label is predicted when any finding of its category
group is reported (vague_language: vague, loophole, open-ended, comparative, superlative; missing_metric;
undefined_deadline), unit-level classifier findings included. Nothing here was tuned on these labels; only the model
family (svm vs logreg) was compared, on the corpus dev split.

Run: python benchmarks/model_eval.py [--model models/default]   (skips cleanly without ../shared/data)
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sys
from pathlib import Path
from typing import Dict, List, Optional

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


def load_rows() -> List[Dict]:
    cache: Dict = {}
    out, bad = [], 0
    for line in LABELS_FILE.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        text = row_text(rec["dataset"], rec["file"], rec["row"], cache)
        if text is None or hashlib.sha1(text.strip().encode("utf-8")).hexdigest() != rec["sha1"]:
            bad += 1
            continue
        out.append({"text": text.strip(), "labels": rec["labels"], "dataset": rec["dataset"]})
    if bad:
        print(f"warning: {bad} rows skipped (source changed: sha1 mismatch)", file=sys.stderr)
    return out


def predicted(reports, groups) -> List[Dict[str, int]]:
    return [{k: int(any(f.category in cats for f in r.findings)) for k, cats in groups.items()} for r in reports]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="default", help="classifier model folder (default: models/default)")
    args = parser.parse_args()
    if not DATA.is_dir():
        print(f"skipped: {DATA} is not present")
        return 0
    from ambiguity import Analyzer
    from ambiguity.model.evaluate import metric_lines, metrics
    from ambiguity.model.features import GROUPS, LABELS

    rows = load_rows()
    texts = [r["text"] for r in rows]
    rules_only = Analyzer(classifier=None)
    combined = Analyzer(nlp=rules_only.nlp, classifier=args.model)
    results = {}
    for name, analyzer in (("rules only", rules_only), ("rules + classifier", combined)):
        results[name] = metrics(rows, predicted(analyzer.analyze_many(texts), GROUPS))
        for line in metric_lines(results[name], f"\n{name} ({len(rows)} real rows)"):
            print(line)
    print(f"\n{'label':<20} {'rules F1':>9} {'+classifier F1':>15} {'target':>7}")
    targets = {"vague_language": 0.80, "missing_metric": 0.85, "undefined_deadline": 0.80}
    for k in LABELS:
        a, b = results["rules only"][k]["f1"], results["rules + classifier"][k]["f1"]
        print(f"{k:<20} {a:>9.3f} {b:>15.3f} {targets[k]:>7.2f}{'' if b >= targets[k] else '  (below target)'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
