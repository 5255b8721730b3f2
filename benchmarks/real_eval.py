"""Real text, spans, leave-one-source-out: how well the findings match what two annotators marked.

The gold set is ``benchmarks/labels/spans.jsonl`` (3,000 real units, two annotators, adjudicated; see
README-spans.md). Each unit's text is read from ``../shared/data``, checked against its SHA-1, and analysed on its
own. Every candidate finding of the three headline groups (vague_language: vague, loophole, open-ended,
comparative, superlative; missing_metric; undefined_deadline) is matched to the gold spans of its label: a
candidate is right when it overlaps one.

Modes, printed side by side:
- ``candidates``: every candidate the rules propose (``--all``);
- ``before``: what the analyzer showed before the span judge (rules + unit classifier, its integration policy);
- ``judge-loso``: the span judge trained leave-one-source-out: for each source, a judge trained on the tune half of
  the *other* licensed sources decides the candidates of that source; pooled over sources;
- ``shipped``: the shipped span judge as ``scan`` runs it (trained on the tune halves of all licensed sources, so
  only its held-out figures are fair).

Unit level: a unit is flagged for a label when any shown finding of its group is in it. Span level: precision over
shown findings, recall over gold spans. The headline is the HELD-OUT half (``--split held-out``, the default),
which no rule or model was tuned on. ``--errors`` lists wrong candidates, and only for ``--split tune``.

    python benchmarks/real_eval.py [--split held-out|tune|all] [--errors LABEL]
"""
from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path
from typing import Dict, List, Tuple

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT))

from ambiguity.model.span_judge import label_of  # noqa: E402  (the judge's own category -> label map)

LABELS = ("vague_language", "missing_metric", "undefined_deadline")


def scores(units: List[dict], shown: List[List[dict]]) -> Dict[str, Dict[str, Tuple[float, float, float]]]:
    """Unit- and span-level precision, recall and F1 per label, for the candidates ``shown`` in each unit. At span
    level precision counts shown spans that overlap a gold span, recall counts gold spans that a shown one overlaps."""
    out: Dict[str, Dict[str, Tuple[float, float, float]]] = {}
    for label in LABELS:
        tp = fp = fn = 0
        stp = sfp = found = total = 0
        for unit, rows in zip(units, shown):
            gold = [s for s in unit["spans"] if s["label"] == label]
            mine = {(r["start"], r["end"]) for r in rows if r["label"] == label}
            tp += bool(mine) and bool(gold)
            fp += bool(mine) and not gold
            fn += not mine and bool(gold)
            hits = sum(1 for s, e in mine if any(s < g["end"] and g["start"] < e for g in gold))
            stp, sfp = stp + hits, sfp + len(mine) - hits
            found += sum(1 for g in gold if any(s < g["end"] and g["start"] < e for s, e in mine))
            total += len(gold)
        out[label] = {"unit": _prf(tp, fp, fn), "span": _f1(_ratio(stp, stp + sfp), _ratio(found, total))}
    return out


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def _f1(p: float, r: float) -> Tuple[float, float, float]:
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _prf(tp: int, fp: int, fn: int) -> Tuple[float, float, float]:
    return _f1(_ratio(tp, tp + fp), _ratio(tp, tp + fn))


def ece(probs: List[float], ys: List[int], bins: int = 10) -> Tuple[float, List[Tuple[str, int, float, float]]]:
    """Expected calibration error over equal-width bins, and the reliability table."""
    table, total, err = [], len(probs), 0.0
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        idx = [i for i, p in enumerate(probs) if lo <= p < hi or (b == bins - 1 and p == 1.0)]
        if not idx:
            continue
        conf = sum(probs[i] for i in idx) / len(idx)
        acc = sum(ys[i] for i in idx) / len(idx)
        err += len(idx) / total * abs(conf - acc)
        table.append((f"{lo:.1f}-{hi:.1f}", len(idx), conf, acc))
    return err, table


def loso(units: List[dict], cands: List[List[dict]], split: str) -> Tuple[List[List[dict]], List[float], List[int]]:
    """Each source's candidates judged by a judge trained on the tune half of the other licensed sources."""
    import span_labels as sl
    from ambiguity.model.span_judge import fit, predict, threshold_for

    from ambiguity.rules import load_rules

    unjudged = {r.id: {str(w).lower() for w in r.options.get("unjudged", ())} for r in load_rules()}
    shown: List[List[dict]] = [[] for _ in units]
    probs, ys = [], []
    sources = [sl.loso_source(u) for u in units]
    for source in sorted(set(sources)):
        train = [(r, sources[i]) for i, (u, rows) in enumerate(zip(units, cands))
                 if sources[i] != source and u["trainable"] and u["split"] == "tune" for r in rows]
        model = fit([r["x"] for r, _ in train], [r["y"] for r, _ in train], [g for _, g in train])
        for i, (u, rows) in enumerate(zip(units, cands)):
            if sources[i] != source or not _in_split(u, split) or not rows:
                continue
            for r, pr in zip(rows, predict(model, [r["x"] for r in rows])):
                if " ".join(r["text"].lower().split()) in unjudged.get(r["rule"], ()):
                    shown[i].append(r)  # words the judge does not overrule (the rule's options.unjudged)
                    continue
                probs.append(float(pr))
                ys.append(r["y"])
                if pr >= threshold_for(model, r["label"], bool(r["x"].get("proposal"))):
                    shown[i].append(r)
    return shown, probs, ys


def acceptance(split: str) -> None:
    """Per-rule precision of the findings as they were (acceptance labels) and the default output's precision now.

    The 60 documents are scanned again with the analyzer as it is; each shown finding is matched to a labelled one
    in the same document (same category group, overlapping span). Precision is over the matched shown findings;
    coverage is the share of the findings accepted then that are still shown.
    """
    import tempfile

    import span_labels as sl
    from acceptance_docs import choose, materialise
    from ambiguity import Analyzer
    from ambiguity.project import Settings

    labels = [r for r in sl.read_acceptance() if split == "all" or r["split"] == split]
    if not labels:
        return
    per_rule: Dict[str, List[int]] = defaultdict(list)
    for r in labels:
        per_rule[r["rule"]].append(int(r["accept"]))
    print(f"\nacceptance labels ({split}): {len(labels)} findings of the analyzer before the judge, "
          f"{sum(r['accept'] for r in labels)} accepted")
    print("  per rule, precision then (n):")
    for rule, ys in sorted(per_rule.items(), key=lambda kv: -len(kv[1])):
        print(f"    {rule:<40} {sum(ys) / len(ys):.2f} ({len(ys)})")
    docs = [d for d in choose() if any(r["source"] == d["source"] and r["file"] == d["file"] for r in labels)]
    with tempfile.TemporaryDirectory() as tmp:
        paths = {str(materialise(d, Path(tmp))): d for d in docs}
        for profile in ("default", "strict"):
            analyzer = Analyzer(config=Settings(profile=profile))
            shown_ok = shown_bad = unmatched = 0
            still = set()
            for report in analyzer.analyze_paths(list(paths)):
                if not hasattr(report, "findings"):
                    continue
                doc = paths[report.path]
                mine = [r for r in labels if r["source"] == doc["source"] and r["file"] == doc["file"]]
                for f in report.findings:
                    group = _group(str(f.category))
                    match = [r for r in mine if _group(r["category"]) == group and r["start"] < f.end
                             and f.start < r["end"]]
                    if not match:
                        unmatched += 1
                        continue
                    ok = any(r["accept"] for r in match)
                    shown_ok += ok
                    shown_bad += not ok
                    still.update(id(r) for r in match if r["accept"])
            accepted = sum(1 for r in labels if r["accept"])
            n = shown_ok + shown_bad
            print(f"  now, --profile {profile}: precision {shown_ok / n if n else 0:.2f} over {n} labelled shown "
                  f"findings ({unmatched} shown findings have no label); coverage of the accepted "
                  f"{len(still) / accepted if accepted else 0:.2f} ({len(still)} of {accepted})")


def _group(category: str) -> str:
    return label_of(category) or category


def _in_split(unit: dict, split: str) -> bool:
    return split == "all" or unit["split"] == split


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=("held-out", "tune", "all"), default="held-out")
    parser.add_argument("--errors", choices=LABELS, help="list wrong candidates of this label (tune half only)")
    args = parser.parse_args()
    if args.errors and args.split != "tune":
        parser.error("--errors reads rows one by one: only on --split tune")
    import span_labels as sl

    from span_units import DATA

    if not (sl.LABELS / "spans.jsonl").exists() or not DATA.exists():
        print("no gold spans or no ../shared/data: skipped", file=sys.stderr)
        return 0
    from ambiguity import Analyzer

    units = sl.load_gold()
    print(f"{len(units)} gold units; split {args.split}: {sum(_in_split(u, args.split) for u in units)}")
    cands = sl.candidates(units, sl.study_analyzer())
    before = Analyzer(judge=None)
    kept = []
    for unit, report in zip(units, before.analyze_many(u["text"] for u in units)):
        kept.append([{"start": f.start, "end": f.end, "label": label_of(str(f.category))} for f in report.findings
                     if label_of(str(f.category))])
    pick = [i for i, u in enumerate(units) if _in_split(u, args.split)]
    sub = [units[i] for i in pick]
    modes = {"candidates": [cands[i] for i in pick], "before": [kept[i] for i in pick]}
    shown, probs, ys = loso(units, cands, args.split)
    modes["judge-loso"] = [shown[i] for i in pick]
    results = {name: scores(sub, rows) for name, rows in modes.items()}
    for level in ("unit", "span"):
        print(f"\n{level} level ({args.split})")
        print(f"{'label':<20}" + "".join(f"{name:>24}" for name in results))
        for label in LABELS:
            cells = "".join("{:>24}".format("%.2f/%.2f/%.3f" % results[n][label][level]) for n in results)
            print(f"{label:<20}{cells}")
    err, table = ece(probs, ys)
    print(f"\njudge-loso calibration: ECE {err:.3f} over {len(probs)} candidates")
    for row in table:
        print("  %s  n=%4d  mean p %.2f  right %.2f" % row)
    by_source: Dict[str, List[int]] = defaultdict(list)
    for i in pick:
        by_source[sl.loso_source(units[i])].append(i)
    print("\nper source, judge-loso unit F1 (vague / metric / deadline)")
    for source, idx in sorted(by_source.items()):
        res = scores([units[i] for i in idx], [shown[i] for i in idx])
        print(f"  {source[:44]:<44} n={len(idx):>4}  " + "  ".join("%.2f" % res[lab]["unit"][2] for lab in LABELS))
    acceptance(args.split)
    if args.errors:
        for u, rows in zip(units, cands):
            if u["split"] != "tune":
                continue
            gold = [s for s in u["spans"] if s["label"] == args.errors]
            mine = [r for r in rows if r["label"] == args.errors]
            if any(r["y"] == 0 for r in mine) or (gold and not any(r["y"] for r in mine)):
                print(f"\n[{u['source']}] {u['text'][:300]}")
                print("   gold:", [u["text"][g["start"]:g["end"]] for g in gold])
                print("   rules:", [(r["text"], r["rule"], r["y"]) for r in mine])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
