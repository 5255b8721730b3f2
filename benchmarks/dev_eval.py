"""Requirement-level precision / recall / F1 of the rule categories against ARTA's labelled real requirements.

ARTA (Zakeri-Nasrabadi & Parsa 2024; ../shared/data/arta-smells/PROVENANCE.md) marks, per requirement, the words
that carry each ISO/IEC/IEEE 29148 smell. A requirement is positive for a smell when its cell is not '-'. We map
the smell columns to our categories:

    subjective language, ambiguous adverbs/adjectives -> vague
    loopholes -> loophole             open-ended / non-verifiable -> open-ended
    superlatives -> superlative       comparatives -> comparative
    negative statements -> negative   vague pronouns -> pronoun

and count a requirement as predicted positive when the analyzer reports at least one finding of that category
in it. Usage: ``python benchmarks/dev_eval.py [--data ../shared/data] [--sets ds2,ds3,ds4] [--limit N]``.
"""
from __future__ import annotations

import argparse
import csv
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Dict, Iterator, List, Set, Tuple

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data"

# ARTA column name (as spelled in each file) -> our category
COLUMNS = {
    "subjective_language": "vague", "ambiguous_adverbs_adjectives": "vague", "loopholes": "loophole",
    "open_ended": "open-ended", "superlatives": "superlative", "comparatives": "comparative",
    "negative_statements": "negative", "vague_pronouns": "pronoun",
    # ds4 spells its columns differently
    "Subjective Language": "vague", "Ambiguouse_adverb_and_adjective": "vague", "looples": "loophole",
    "Open ended NonVarifiable": "open-ended", "superlative": "superlative", "Compratives": "comparative",
    "negative_sentence": "negative", "vague_pronuns": "pronoun",
}
TEXT_COLUMNS = ("text", "Requirement")
ANY = "any smell"


def read_rows(path: Path) -> Iterator[Tuple[str, Set[str]]]:
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            text = next((row[c] for c in TEXT_COLUMNS if c in row), "").strip()
            if not text:
                continue
            gold = {cat for col, cat in COLUMNS.items() if col in row and (row[col] or "-").strip() not in {"-", ""}}
            yield text, gold


def prf(tp: int, fp: int, fn: int) -> Tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--sets", default="ds2,ds3,ds4")
    ap.add_argument("--limit", type=int, default=0, help="at most this many rows per set (0: all)")
    args = ap.parse_args()
    folder = args.data / "arta-smells"
    if not folder.is_dir():
        print(f"skipped: {folder} not present", file=sys.stderr)
        return 0

    from ambiguity import Analyzer

    analyzer = Analyzer()
    cats = sorted(set(COLUMNS.values()))
    overall: Dict[str, List[int]] = defaultdict(lambda: [0, 0, 0])
    t0 = time.perf_counter()
    n_total = 0
    for name in args.sets.split(","):
        rows = list(read_rows(folder / f"{name}.csv"))
        if args.limit:
            rows = rows[: args.limit]
        n_total += len(rows)
        counts: Dict[str, List[int]] = defaultdict(lambda: [0, 0, 0])
        for (text, gold), report in zip(rows, analyzer.analyze_many((t for t, _ in rows), batch_size=64)):
            predicted = {f.category for f in report.findings}
            # "any smell": does the requirement have at least one of the mapped smells, and do we say so?
            gold_any, pred_any = bool(gold), bool(predicted & set(cats))
            slot = 0 if gold_any and pred_any else 1 if pred_any else 2 if gold_any else None
            if slot is not None:
                counts[ANY][slot] += 1
                overall[ANY][slot] += 1
            for cat in cats:
                g, p = cat in gold, cat in predicted
                slot = 0 if g and p else 1 if p else 2 if g else None
                if slot is not None:
                    counts[cat][slot] += 1
                    overall[cat][slot] += 1
        print(f"\n{name}: {len(rows)} requirements")
        _table(counts, cats)
    print(f"\nall sets: {n_total} requirements in {time.perf_counter() - t0:.1f} s")
    _table(overall, cats)
    return 0


def _table(counts: Dict[str, List[int]], cats: List[str]) -> None:
    print(f"  {'category':<12} {'gold':>5} {'pred':>5} {'P':>6} {'R':>6} {'F1':>6}")
    macro = []
    for cat in cats:
        tp, fp, fn = counts[cat]
        p, r, f = prf(tp, fp, fn)
        if tp + fn:
            macro.append(f)
        print(f"  {cat:<12} {tp + fn:>5} {tp + fp:>5} {p:>6.3f} {r:>6.3f} {f:>6.3f}")
    tp, fp, fn = (sum(counts[c][i] for c in cats) for i in range(3))
    p, r, f = prf(tp, fp, fn)
    print(f"  {'micro':<12} {tp + fn:>5} {tp + fp:>5} {p:>6.3f} {r:>6.3f} {f:>6.3f}")
    if macro:
        print(f"  {'macro F1':<12} {'':>5} {'':>5} {'':>6} {'':>6} {sum(macro) / len(macro):>6.3f}")
    tp, fp, fn = counts[ANY]
    p, r, f = prf(tp, fp, fn)
    print(f"  {ANY:<12} {tp + fn:>5} {tp + fp:>5} {p:>6.3f} {r:>6.3f} {f:>6.3f}  (requirement has >= 1 smell)")


if __name__ == "__main__":
    sys.exit(main())
