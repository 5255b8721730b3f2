"""Words per second of ``Analyzer.analyze_many`` and of ``ambiguity scan`` next to raw ``nlp.pipe`` of the stock full
pipeline, all in one run.

Same real text for every side (requirement rows from ../shared/data when present, else the bundled samples
repeated), best of ``--repeat`` runs each:

- raw ``nlp.pipe`` of the stock full pipeline (NER included) in one process: the reference of the targets; and the
  same with ``n_process`` = the cores, for comparison;
- ``Analyzer.analyze_many`` as shipped (default detectors, the learned judge) with one process and with one per
  core (``n_process``), and the span judge's share of the time;
- ``ambiguity scan`` as a whole process (start-up, reading, output included) on ``--scan-words`` words written to
  text files, with ``--jobs`` at its default (the cores) and ``--jobs 1``; the stock side excludes its model load;
- the cold start of ``ambiguity scan`` on a one-paragraph file.

Usage: ``python benchmarks/throughput.py [--rows 3000] [--repeat 2] [--scan-words 60000]``.
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


def scan_files(folder: Path, texts: List[str], words: int, files: int = 30) -> int:
    """About ``words`` words of ``texts``, a paragraph each, in ``files`` text files; the words written."""
    chosen: List[str] = []
    total = 0
    for text in texts:
        if total >= words:
            break
        chosen.append(" ".join(text.split()))
        total += len(text.split())
    for i in range(files):
        (folder / f"reqs-{i:02d}.txt").write_text("\n\n".join(chosen[i::files]) + "\n", encoding="utf-8")
    return total


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=3000)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--batch-size", type=int, default=64)
    ap.add_argument("--scan-words", type=int, default=60000)
    args = ap.parse_args()

    import spacy

    from ambiguity import Analyzer
    from ambiguity.parallel import cores
    from ambiguity.pipeline.loading import default_pipeline_name

    texts = real_texts(args.rows)
    words = sum(len(t.split()) for t in texts)
    name = default_pipeline_name()
    stock = spacy.load(name)  # the full stock pipeline, NER included
    analyzer = Analyzer()
    n = cores()
    print(f"{len(texts)} texts, {words:,} words; {n} cores; pipeline {name}; stock components: "
          f"{', '.join(stock.pipe_names)}; analyzer components: {', '.join(analyzer.nlp.pipe_names)}")

    def rate(label: str, seconds: float) -> None:
        print(f"{label:<44}{words / seconds:>9,.0f} words/s  ({seconds:.2f} s)")

    # warm up both so that neither pays first-call costs in the timing
    list(stock.pipe(texts[:50]))
    list(analyzer.analyze_many(texts[:50]))
    raw = best_of(args.repeat, lambda: sum(1 for _ in stock.pipe(texts, batch_size=args.batch_size)))
    raw_n = best_of(args.repeat, lambda: sum(1 for _ in stock.pipe(texts, batch_size=args.batch_size, n_process=n)))
    ours = best_of(args.repeat, lambda: sum(1 for _ in analyzer.analyze_many(texts, batch_size=args.batch_size)))
    ours_n = best_of(args.repeat, lambda: sum(1 for _ in analyzer.analyze_many(texts, batch_size=args.batch_size,
                                                                                 n_process=n)))
    judge = analyzer.span_judge
    analyzer.span_judge = None  # the same analyzer without the span judge: what the judge costs
    bare = best_of(args.repeat, lambda: sum(1 for _ in analyzer.analyze_many(texts, batch_size=args.batch_size)))
    analyzer.span_judge = judge
    rate("raw nlp.pipe, stock full pipeline:", raw)
    rate(f"  the same with n_process={n}:", raw_n)
    rate("Analyzer.analyze_many, one process:", ours)
    rate(f"Analyzer.analyze_many, n_process={n}:", ours_n)
    rate("  one process without the span judge:", bare)
    print(f"ratio analyze_many / stock, one process:     {raw / ours:>8.2f}x")
    print(f"ratio analyze_many n_process={n} / stock:      {raw / ours_n:>8.2f}x  (target >= 2.0x)")
    print(f"  against stock with n_process={n} too:        {raw_n / ours_n:>8.2f}x")
    print(f"span judge's share of the time:              {(ours - bare) / bare:>8.1%}  (target <= 10%)")

    exe = Path(sys.executable).with_name("ambiguity")
    command = [str(exe) if exe.exists() else "ambiguity", "scan"]
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "reqs"
        folder.mkdir()
        scan_words = scan_files(folder, real_texts(args.rows * 3), args.scan_words)
        paragraphs = [p for f in sorted(folder.iterdir()) for p in f.read_text(encoding="utf-8").split("\n\n")]
        stock_scan = best_of(args.repeat, lambda: sum(1 for _ in stock.pipe(paragraphs, batch_size=args.batch_size)))
        out = Path(tmp) / "out.jsonl"
        scans = {}
        for jobs in ("default", "1"):
            cmd = command + [str(folder), "--format", "jsonl", "--fail-on", "none", "-o", str(out)]
            cmd += [] if jobs == "default" else ["--jobs", jobs]
            scans[jobs] = best_of(args.repeat, lambda: subprocess.run(cmd, capture_output=True, check=True, env=env))
        size = sum(f.stat().st_size for f in folder.iterdir())
        print(f"whole-process scan of {scan_words:,} words in 30 text files ({size / 1024:.0f} KB):")
        print(f"  stock nlp.pipe (model load excluded): {scan_words / stock_scan:>9,.0f} words/s ({stock_scan:.2f} s)")
        for jobs, seconds in scans.items():
            label = f"--jobs {n} (the default)" if jobs == "default" else "--jobs 1"
            print(f"  ambiguity scan {label + ':':<22}{scan_words / seconds:>9,.0f} words/s ({seconds:.2f} s), "
                  f"{stock_scan / seconds:.2f}x stock")
        print(f"  target: the default >= 1.5x stock; --jobs {n} / --jobs 1 = {scans['1'] / scans['default']:.2f}x")

        para = Path(tmp) / "one.md"
        para.write_text("REQ-1: The portal shall be user-friendly and respond quickly, etc.\n", encoding="utf-8")
        cmd = command + [str(para), "--fail-on", "none"]
        cold = best_of(args.repeat, lambda: subprocess.run(cmd, capture_output=True, check=True, env=env))
    print(f"cold start, `ambiguity scan` on one paragraph: {cold:.2f} s wall (best of {args.repeat}; target <= 1.5 s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
