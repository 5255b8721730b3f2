"""Requirement-level precision / recall / F1 of the rule categories against ARTA's labelled real requirements.

ARTA (Zakeri-Nasrabadi & Parsa 2024; ../shared/data/arta-smells/PROVENANCE.md) marks, per requirement, the words
that carry each ISO/IEC/IEEE 29148 smell. A requirement is positive for a smell when its cell is not '-'.

Usage::

    python benchmarks/dev_eval.py [--data ../shared/data] [--sets ds2,ds3,ds4] [--split tune|held-out|all]
                                  [--errors [CATEGORY]] [--limit N]

Split
-----
The rows of each file are split into a TUNE and a HELD-OUT half, deterministically: the distinct requirement
texts of a file are sorted by the SHA-1 of their text and alternate tune, held-out, tune, ... (identical texts,
of which ds4 has a few, therefore always land in the same half). Rules are tuned by looking at the errors of the
tune half only (``--errors`` refuses any other split); the held-out half is the figure to report. Without
``--split`` the tune, held-out and all tables are printed.

Two mappings
------------
**strict** maps each ARTA column to one of our categories, as the column's name says::

    subjective language, ambiguous adverbs/adjectives -> vague
    loopholes -> loophole             open-ended / non-verifiable -> open-ended
    superlatives -> superlative       comparatives -> comparative
    negative statements -> negative   vague pronouns -> pronoun

and a requirement is predicted positive for a column when the analyzer reports a finding of that category in it.

**taxonomy-aware** accepts, for each ARTA column, the findings of every category of ours that reports the same
words under our taxonomy (ISO/IEC/IEEE 29148 5.2.7, INCOSE GtWR v4). ARTA's columns follow its own lexicon
(smelly_words_dictionary.csv), which files the same word under different smells from one data set to the next:

    ARTA column                   counted findings of ours     why (ARTA's most frequent words in that column)
    subjective / ambiguous adj.   vague, loophole, optional    'possible', 'necessary', 'appropriate' are our
                                                               escape clauses ('if possible', 'as necessary',
                                                               'as appropriate'); ds4 files 'may' here (our optional)
    loopholes                     loophole, superlative        ds2 files 'minimum', 'maximum', 'minimize', 'best',
                                                               'most' here: superlatives for us ('as a minimum',
                                                               our open-ended, is left out: open-ended also holds
                                                               'etc.' and 'e.g.', which ARTA never files here)
    open-ended / non-verifiable   open-ended, vague, loophole, ds2: 'well', 'appropriate', 'suitable',
                                  superlative                  'adequate', 'proper' (our subjective vague words and
                                                               'as appropriate'); ds4: 'sufficient', 'minimize'
    vague pronouns (ds4 only)     pronoun, absolute            ds4's column holds 'all', 'any', 'each', 'every',
                                                               'everything' (our absolute.universal), not pronouns
    superlatives, comparatives,   the same category only
    negative statements, vague
    pronouns (ds2, ds3)

The union only widens which of our categories may answer for a column; it never changes the gold labels, so a
word we do not consider a smell ('at least', 'more than 5 s', 'maximum time-out of 2 s', 'Fast Ethernet', a 'not'
in a definition) still counts as a miss in both views. That gap is definitional and stays. "any smell" is the same
in both views except that, in the taxonomy-aware view, absolute and optional findings count as predictions.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Dict, FrozenSet, Iterator, List, Sequence, Set, Tuple

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
SPLITS = ("tune", "held-out", "all")
MAPPINGS = ("strict", "taxonomy-aware")

# taxonomy-aware: gold category (ARTA column, as mapped above) -> our categories that answer for it; per data set
# where the column's content differs (see the module docstring for the reasons).
AWARE: Dict[str, FrozenSet[str]] = {
    "vague": frozenset({"vague", "loophole", "optional"}),
    "loophole": frozenset({"loophole", "superlative"}),
    "open-ended": frozenset({"open-ended", "vague", "loophole", "superlative"}),
}
AWARE_BY_SET: Dict[Tuple[str, str], FrozenSet[str]] = {
    ("ds4", "pronoun"): frozenset({"pronoun", "absolute"}),
}


class Row:
    __slots__ = ("dataset", "text", "gold", "cells", "split", "predicted", "findings")

    def __init__(self, dataset: str, text: str, gold: Set[str], cells: Dict[str, str]) -> None:
        self.dataset, self.text, self.gold, self.cells = dataset, text, gold, cells
        self.split = ""
        self.predicted: Set[str] = set()
        self.findings: List[Tuple[str, str]] = []


def read_rows(path: Path, dataset: str) -> Iterator[Row]:
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            text = next((row[c] for c in TEXT_COLUMNS if c in row), "").strip()
            if not text:
                continue
            cells: Dict[str, str] = {}
            for col, cat in COLUMNS.items():
                value = (row.get(col) or "-").strip()
                if col in row and value not in {"-", ""}:
                    cells[cat] = f"{cells[cat]} | {value}" if cat in cells else value
            yield Row(dataset, text, set(cells), cells)


def assign_splits(rows: Sequence[Row]) -> None:
    """Per file: distinct texts by SHA-1 rank, alternating tune / held-out."""
    texts = sorted({r.text for r in rows}, key=lambda t: hashlib.sha1(t.encode("utf-8")).hexdigest())
    half = {t: ("tune" if i % 2 == 0 else "held-out") for i, t in enumerate(texts)}
    for r in rows:
        r.split = half[r.text]


def accepted(mapping: str, dataset: str, gold_cat: str) -> FrozenSet[str]:
    """Our categories whose findings count as a prediction for this gold category."""
    if mapping == "strict":
        return frozenset({gold_cat})
    return AWARE_BY_SET.get((dataset, gold_cat), AWARE.get(gold_cat, frozenset({gold_cat})))


def prf(tp: int, fp: int, fn: int) -> Tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def score(rows: Sequence[Row], mapping: str, cats: Sequence[str]) -> Dict[str, List[int]]:
    counts: Dict[str, List[int]] = defaultdict(lambda: [0, 0, 0])
    for r in rows:
        pred_cats: Set[str] = set()
        for cat in cats:
            g, p = cat in r.gold, bool(r.predicted & accepted(mapping, r.dataset, cat))
            if p:
                pred_cats.add(cat)
            slot = 0 if g and p else 1 if p else 2 if g else None
            if slot is not None:
                counts[cat][slot] += 1
        # "any smell": does the requirement have at least one of the mapped smells, and do we say so?
        gold_any, pred_any = bool(r.gold), bool(pred_cats)
        slot = 0 if gold_any and pred_any else 1 if pred_any else 2 if gold_any else None
        if slot is not None:
            counts[ANY][slot] += 1
    return counts


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--sets", default="ds2,ds3,ds4")
    ap.add_argument("--split", choices=SPLITS, default=None,
                    help="score only this half (default: print tune, held-out and all)")
    ap.add_argument("--mapping", choices=MAPPINGS, default=None, help="default: print both")
    ap.add_argument("--errors", nargs="?", const="*", default=None, metavar="CATEGORY",
                    help="list false negatives and false positives of the TUNE half (of one category, or all)")
    ap.add_argument("--per-set", action="store_true", help="also print a table per data set")
    ap.add_argument("--limit", type=int, default=0, help="at most this many rows per set (0: all)")
    args = ap.parse_args()
    if args.errors is not None and args.split not in (None, "tune"):
        ap.error("--errors works on the tune half only: tune the rules on it, report the held-out half")
    folder = args.data / "arta-smells"
    if not folder.is_dir():
        print(f"skipped: {folder} not present", file=sys.stderr)
        return 0

    from ambiguity import Analyzer

    analyzer = Analyzer()
    cats = sorted(set(COLUMNS.values()))
    rows: List[Row] = []
    for name in args.sets.split(","):
        part = list(read_rows(folder / f"{name}.csv", name))
        assign_splits(part)
        rows.extend(part[: args.limit] if args.limit else part)
    t0 = time.perf_counter()
    for row, report in zip(rows, analyzer.analyze_many((r.text for r in rows), batch_size=64)):
        row.predicted = {f.category for f in report.findings}
        row.findings = [(f.category, f.text) for f in report.findings]
    print(f"{len(rows)} requirements analysed in {time.perf_counter() - t0:.1f} s")

    if args.errors is not None:
        _errors([r for r in rows if r.split == "tune"], cats, args.errors, args.mapping or "strict")
        return 0
    splits = [args.split] if args.split else list(SPLITS)
    mappings = [args.mapping] if args.mapping else list(MAPPINGS)
    for split in splits:
        part = [r for r in rows if split == "all" or r.split == split]
        for mapping in mappings:
            if args.per_set:
                for name in args.sets.split(","):
                    sub = [r for r in part if r.dataset == name]
                    print(f"\n{name}, {split}, {mapping}: {len(sub)} requirements")
                    _table(score(sub, mapping, cats), cats)
            print(f"\n{split}, {mapping} mapping: {len(part)} requirements ({args.sets})")
            _table(score(part, mapping, cats), cats)
    return 0


def _errors(rows: Sequence[Row], cats: Sequence[str], which: str, mapping: str) -> None:
    for cat in cats:
        if which not in ("*", cat):
            continue
        fns = [r for r in rows if cat in r.gold and not (r.predicted & accepted(mapping, r.dataset, cat))]
        fps = [r for r in rows if cat not in r.gold and r.predicted & accepted(mapping, r.dataset, cat)]
        print(f"\n=== {cat} ({mapping}): {len(fns)} false negatives, {len(fps)} false positives (tune half)")
        for r in fns:
            print(f"  FN [{r.dataset}] gold={r.cells[cat]!r}: {_short(r.text)}")
        for r in fps:
            ours = sorted({f"{c}:{t}" for c, t in r.findings if c in accepted(mapping, r.dataset, cat)})
            print(f"  FP [{r.dataset}] ours={', '.join(ours)}: {_short(r.text)}")


def _short(text: str, width: int = 240) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 3] + "..."


def _table(counts: Dict[str, List[int]], cats: Sequence[str]) -> None:
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
