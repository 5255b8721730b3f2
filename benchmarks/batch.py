"""Throughput of ``ambiguity batch``: jobs=1, jobs=2 and the Dask engine against raw ``nlp.pipe`` of the same pipeline.

Builds a corpus of documents at run time in a temporary folder (requirement rows of PROMISE+ and the user stories of
Dalpiaz et al. from ../shared/data, grouped into text and Markdown documents; nothing is copied into the repo) and
prints documents/s, words/s, the ratios and the peak RSS per worker. Skips cleanly without ../shared/data.

    python benchmarks/batch.py [--docs 1000] [--no-dask]

Targets (issue #4): jobs=2 >= 1.7x jobs=1 on 2 cores; batch overhead <= 15% over raw nlp.pipe; peak RSS/worker
< 600 MB. On a shared, busy machine the figures are noisy: compare runs made under the same load.
"""
from __future__ import annotations

import argparse
import csv
import random
import re
import sys
import tempfile
import time
from pathlib import Path
from typing import Dict, List, Tuple

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"


def sentences() -> List[str]:
    """Requirement rows and user stories: the material documents are made of."""
    out: List[str] = []
    with open(DATA / "promise-plus" / "promise_plus_dedup.csv", encoding="utf-8", errors="replace") as fp:
        out.extend(row["Requirement"].strip() for row in csv.DictReader(fp) if row.get("Requirement"))
    for path in sorted((DATA / "dalpiaz-user-stories-22").glob("*.txt")):
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            line = re.sub(r"^#\w+#\s*", "", line).strip()
            if line:
                out.append(line)
    return out


def build_corpus(folder: Path, n_docs: int, seed: int = 4) -> None:
    """``n_docs`` documents of 3-15 sentences each; every third one a Markdown spec with a heading and a list."""
    rng = random.Random(seed)
    pool = sentences()
    for i in range(n_docs):
        picked = rng.sample(pool, rng.randint(3, 15))
        if i % 3 == 0:
            body = f"# Specification {i}\n\n" + "".join(f"- REQ-{j + 1} {s}\n" for j, s in enumerate(picked))
            (folder / f"spec-{i:05d}.md").write_text(body, encoding="utf-8")
        else:
            paragraphs = ["\n".join(picked[k:k + 3]) for k in range(0, len(picked), 3)]
            (folder / f"doc-{i:05d}.txt").write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")


def references(files: List[str]) -> Tuple[float, float, int]:
    """Seconds for raw ``nlp.pipe`` over the same units, and for ``Analyzer.analyze_documents`` in-process over the
    same (already read) documents; and the words. The second separates the analyzer's own work after the pipe
    (findings, scores, classifier) from what the batch layer adds."""
    from ambiguity.api import SKIPPED_KINDS, Analyzer
    from ambiguity.readers import read_path
    from ambiguity.units import make_units

    analyzer = Analyzer()
    documents = [read_path(path) for path in files]
    texts = [d.analysis_text[u.start:u.end] for d in documents for u in make_units(d) if u.kind not in SKIPPED_KINDS]
    words = sum(len(t.split()) for t in texts)
    start = time.perf_counter()
    for _ in analyzer.nlp.pipe(texts, batch_size=64):
        pass
    raw = time.perf_counter() - start
    start = time.perf_counter()
    for _ in analyzer.analyze_documents(documents, batch_size=64):
        pass
    return raw, time.perf_counter() - start, words


def load_seconds() -> float:
    from ambiguity.api import Analyzer

    start = time.perf_counter()
    Analyzer()
    return time.perf_counter() - start


def batch_run(files: List[str], out: Path, **options) -> Dict[str, float]:
    """One ``score_paths`` run written by the resumable writer, as ``ambiguity batch`` does."""
    from ambiguity.batch import ResultWriter, score_paths
    from ambiguity.batch.local import EngineStats

    stats = EngineStats()
    docs = words = errors = 0
    start = time.perf_counter()
    first = None
    with ResultWriter(out, force=True) as writer:
        for record in score_paths(files, timeout=None, stats=stats, **options):
            first = first or time.perf_counter()
            writer.write(record)
            if "error" in record:
                errors += 1
            else:
                docs += 1
                words += record["words"]
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "docs": docs, "words": words, "errors": errors,
            "first": (first or start) - start, "rss": max(stats.peak_rss_mb.values(), default=0.0),
            "workers": len(stats.peak_rss_mb)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000, help="documents in the corpus (default 1000)")
    parser.add_argument("--no-dask", action="store_true", help="leave out the Dask engine")
    args = parser.parse_args()
    if not (DATA / "promise-plus").is_dir():
        print(f"skipped: {DATA} is not present")
        return 0
    with tempfile.TemporaryDirectory(prefix="ambiguity-batch-bench-") as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        build_corpus(corpus, args.docs)
        from ambiguity.batch import list_files

        files = list_files(corpus)
        print(f"corpus: {len(files):,} documents, {sum(Path(f).stat().st_size for f in files) / 1e6:.1f} MB")
        load = load_seconds()
        raw_s, api_s, raw_words = references(files)
        print(f"pipeline load: {load:.1f} s (once per worker)")
        print(f"raw nlp.pipe:  {raw_words / raw_s:8,.0f} words/s ({raw_words:,} words in {raw_s:.1f} s)")
        print(f"Analyzer.analyze_documents in-process: {raw_words / api_s:8,.0f} words/s ({api_s:.1f} s, "
              f"{api_s / raw_s - 1:+.0%} over raw nlp.pipe)")
        runs = {}
        for name, options in [("jobs=1", {"jobs": 1}), ("jobs=2", {"jobs": 2})] + \
                ([] if args.no_dask else [("dask x2", {"jobs": 2, "engine": "dask"})]):
            r = batch_run(files, Path(tmp) / f"{name}.jsonl", **options)
            runs[name] = r
            print(f"{name:8s} {r['docs'] / r['seconds']:8,.1f} docs/s {r['words'] / r['seconds']:8,.0f} words/s "
                  f"({r['seconds']:.1f} s, first record after {r['first']:.1f} s, {r['errors']} errors, "
                  f"peak RSS/worker {r['rss']:.0f} MB over {r['workers']} workers)")
        one, two = runs["jobs=1"], runs["jobs=2"]
        speedup = one["seconds"] / two["seconds"]
        overhead = one["seconds"] / raw_s - 1
        steady = (one["seconds"] - load) / raw_s - 1
        print(f"jobs=2 / jobs=1:           {speedup:.2f}x (target >= 1.7x on 2 free cores)")
        print(f"batch overhead (jobs=1):   {overhead:+.0%} over raw nlp.pipe, {steady:+.0%} without the one "
              "pipeline load (target <= 15%)")
        print(f"  of which the batch layer: {(one['seconds'] - load) / api_s - 1:+.0%} over Analyzer.analyze_documents"
              " in-process")
        if "dask x2" in runs:
            print(f"dask x2 / jobs=2:          {two['seconds'] / runs['dask x2']['seconds']:.2f}x")
        worst = max(r["rss"] for r in runs.values())
        print(f"peak RSS per worker:       {worst:.0f} MB (target < 600 MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
