"""Words per second of ``Analyzer.analyze_many`` next to raw ``nlp.pipe`` of the stock full pipeline.

Same real text for both (requirement rows from ../shared/data when present, else the bundled samples repeated),
measured in one run, best of ``--repeat`` runs each, plus the cold-start wall time of ``ambiguity scan`` on a
one-paragraph file. Usage: ``python benchmarks/throughput.py [--rows 3000] [--repeat 3]``.
"""
from __future__ import annotations

import argparse
import csv
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import List

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"


def real_texts(rows: int) -> List[str]:
    texts: List[str] = []
    promise = DATA / "promise-plus" / "promise_plus_dedup.csv"
    if promise.exists():
        with promise.open(encoding="utf-8", errors="replace", newline="") as fh:
            texts += [r["Requirement"] for r in csv.DictReader(fh) if r.get("Requirement")]
    for name in ("ds2.csv", "ds4.csv"):
        path = DATA / "arta-smells" / name
        if path.exists():
            with path.open(encoding="utf-8", newline="") as fh:
                texts += [r.get("text") or r.get("Requirement") or "" for r in csv.DictReader(fh)]
    texts = [t for t in texts if t.strip()]
    if not texts:  # no shared data: the bundled samples, paragraph by paragraph
        for p in sorted((ROOT / "corpus" / "samples").iterdir()):
            texts += [b for b in p.read_text(encoding="utf-8").split("\n\n") if b.strip()]
        print("note: ../shared/data absent; using the bundled samples", file=sys.stderr)
    while len(texts) < rows:
        texts = texts + texts
    return texts[:rows]


def best_of(repeat: int, fn) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=3000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--batch-size", type=int, default=64)
    args = ap.parse_args()

    import spacy

    from ambiguity import Analyzer
    from ambiguity.pipeline.loading import default_pipeline_name

    texts = real_texts(args.rows)
    words = sum(len(t.split()) for t in texts)
    name = default_pipeline_name()
    stock = spacy.load(name)  # the full stock pipeline, NER included
    analyzer = Analyzer()
    print(f"{len(texts)} texts, {words:,} words; pipeline {name}; stock components: {', '.join(stock.pipe_names)}; "
          f"analyzer components: {', '.join(analyzer.nlp.pipe_names)}")

    # warm up both so that neither pays first-call costs in the timing
    list(stock.pipe(texts[:50]))
    list(analyzer.analyze_many(texts[:50]))
    raw = best_of(args.repeat, lambda: sum(1 for _ in stock.pipe(texts, batch_size=args.batch_size)))
    ours = best_of(args.repeat, lambda: sum(1 for _ in analyzer.analyze_many(texts, batch_size=args.batch_size)))
    judge = analyzer.span_judge
    analyzer.span_judge = None  # the same analyzer without the span judge: what the judge costs
    bare = best_of(args.repeat, lambda: sum(1 for _ in analyzer.analyze_many(texts, batch_size=args.batch_size)))
    analyzer.span_judge = judge
    print(f"raw nlp.pipe (stock full pipeline): {words / raw:>10,.0f} words/s  ({raw:.2f} s)")
    print(f"Analyzer.analyze_many:              {words / ours:>10,.0f} words/s  ({ours:.2f} s)")
    print(f"  without the span judge:           {words / bare:>10,.0f} words/s  ({bare:.2f} s)")
    print(f"ratio analyzer / stock:             {raw / ours:>10.2f}x")
    print(f"span judge's share of the time:     {(ours - bare) / bare:>10.1%}")

    with tempfile.TemporaryDirectory() as tmp:
        para = Path(tmp) / "one.md"
        para.write_text("REQ-1: The portal shall be user-friendly and respond quickly, etc.\n", encoding="utf-8")
        exe = Path(sys.executable).with_name("ambiguity")
        cmd = [str(exe) if exe.exists() else "ambiguity", "scan", str(para), "--fail-on", "none"]
        cold = best_of(args.repeat, lambda: subprocess.run(cmd, capture_output=True, check=True,
                                                            env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}))
    print(f"cold start, `ambiguity scan` on one paragraph: {cold:.2f} s wall (best of {args.repeat})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
