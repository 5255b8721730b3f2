"""The real units behind the span labels (``benchmarks/labels/spans*.jsonl``): sampled, keyed, found again.

Labels never store text. Each unit is keyed by ``source`` (a folder of ``../shared/data``, or
``client-vendor-docs/<source>``), ``file`` (a path inside it), ``row`` (see :func:`iter_source`) and ``sha1`` of
the unit's text, so :func:`text_of` can find it again and notice when a source has changed.

Rows:
- JSON Lines requirement sets: the 0-based line of ``requirements.jsonl``; the text is the record's ``text``.
- ``sentences.txt`` (PURE), ``g*.txt`` (user stories): the 0-based physical line.
- ARTA CSVs: the 0-based ``csv.DictReader`` row; the text is ``text`` (ds2) or ``Requirement`` (ds4).
- Documents (client-vendor Markdown, StrictDoc, Doorstop): the unit's 1-based start line as the product's own
  reader and unit splitter find it (``ambiguity.units.make_units``); the text is the unit's text.

The sample is deterministic (``python tools/span_units.py sample``) and each unit's half, ``tune`` or
``held-out``, is fixed when sampled: within each source, units ranked by SHA-1 alternate tune, held-out.
"""
from __future__ import annotations

import csv
import hashlib
import json
import random
from pathlib import Path
from typing import Dict, Iterator, List, Optional, Tuple

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
LABELS = ROOT / "benchmarks" / "labels"

#: How many units each source gives the sample, and whether a shipped model may learn from it (licence per the
#: folder's PROVENANCE.md; GPL, LGPL and unstated licences are measured on, never trained on).
PLAN: Dict[str, Tuple[int, bool]] = {
    "rtems-central-reqs": (450, True),  # BSD-2-Clause OR CC-BY-SA-4.0 per record
    "eclipse-score-reqs": (380, True),  # Apache-2.0
    "zephyr-reqmgmt-reqs": (240, True),  # Apache-2.0
    "nasa-fprime-reqs": (150, True),  # Apache-2.0
    "ud-ctetex-pure-reqs": (220, True),  # CC-BY-SA-4.0
    "arta-smells": (260, True),  # MIT
    "strictdoc-sdoc": (170, True),  # Apache-2.0
    "doorstop-reqs": (40, False),  # LGPL-3.0
    "client-vendor-docs": (760, True),  # CC0 / CC-BY / CC-BY-SA / US government work
    "dalpiaz-user-stories-22": (220, False),  # no licence stated
    "promise-plus": (110, False),  # GPL-3.0
}
MIN_WORDS, MAX_WORDS = 4, 120


def sha1(text: str) -> str:
    return hashlib.sha1(text.strip().encode("utf-8")).hexdigest()


def _jsonl(source: str) -> Iterator[Tuple[str, int, str]]:
    path = DATA / source / "requirements.jsonl"
    with open(path, encoding="utf-8") as handle:
        for row, line in enumerate(handle):
            text = json.loads(line).get("text") or ""
            yield "requirements.jsonl", row, text


def _lines(source: str, pattern: str) -> Iterator[Tuple[str, int, str]]:
    for path in sorted((DATA / source).glob(pattern)):
        lines = open(path, encoding="utf-8", newline="").read().split("\n")
        for row, text in enumerate(lines):
            yield str(path.relative_to(DATA / source)), row, text


def _csv(source: str, name: str, column: str) -> Iterator[Tuple[str, int, str]]:
    with open(DATA / source / name, encoding="utf-8", newline="") as handle:
        for row, record in enumerate(csv.DictReader(handle)):
            yield name, row, record.get(column) or ""


def _documents(source: str, paths: List[Path]) -> Iterator[Tuple[str, int, str]]:
    from ambiguity.errors import InputError
    from ambiguity.readers.registry import read_path
    from ambiguity.units import make_units

    for path in paths:
        try:
            document = read_path(path)
        except InputError:
            continue
        for unit in make_units(document):
            if unit.scored:
                yield str(path.relative_to(DATA / source)), unit.line, unit.text


def _vendor_paths() -> List[Path]:
    top = DATA / "client-vendor-docs"
    return sorted(p for p in top.glob("*/files/**/*") if p.is_file() and p.suffix in {".md", ".mdx", ".txt"}
                  and p.stem.upper() not in {"LICENSE", "README"})


def iter_source(source: str) -> Iterator[Tuple[str, int, str]]:
    """Every candidate ``(file, row, text)`` of one source, in a fixed order."""
    if source in {"rtems-central-reqs", "eclipse-score-reqs", "zephyr-reqmgmt-reqs", "nasa-fprime-reqs"}:
        yield from _jsonl(source)
    elif source == "ud-ctetex-pure-reqs":
        yield from _lines(source, "sentences.txt")
    elif source == "dalpiaz-user-stories-22":
        yield from _lines(source, "g*.txt")
    elif source == "arta-smells":
        yield from _csv(source, "ds2.csv", "text")
        yield from _csv(source, "ds4.csv", "Requirement")
    elif source == "promise-plus":
        yield from _csv(source, "promise_plus_dedup.csv", "Requirement")
    elif source == "strictdoc-sdoc":
        yield from _documents(source, sorted((DATA / source / "docs").glob("*.sdoc")))
    elif source == "doorstop-reqs":
        yield from _documents(source, sorted((DATA / source / "reqs").rglob("*.yml")))
    elif source == "client-vendor-docs":
        yield from _documents(source, _vendor_paths())
    else:
        raise KeyError(source)


def _eligible(text: str) -> bool:
    return MIN_WORDS <= len(text.split()) <= MAX_WORDS


def _already_labelled() -> set:
    path = LABELS / "smart_labels.jsonl"
    if not path.exists():
        return set()
    return {json.loads(line)["sha1"] for line in open(path, encoding="utf-8")}


def sample() -> List[dict]:
    """The deterministic sample: per source, ``random.Random(13)`` draws from the eligible, not yet labelled,
    distinct units; then each source's units ranked by SHA-1 alternate tune, held-out."""
    seen = _already_labelled()
    out: List[dict] = []
    for source, (count, trainable) in PLAN.items():
        pool, hashes = [], set()
        for file, row, text in iter_source(source):
            key = sha1(text)
            if _eligible(text) and key not in seen and key not in hashes:
                hashes.add(key)
                pool.append({"source": source, "file": file, "row": row, "sha1": key})
        picked = random.Random(13).sample(pool, min(count, len(pool)))
        for rank, item in enumerate(sorted(picked, key=lambda r: r["sha1"])):
            item["split"] = "tune" if rank % 2 == 0 else "held-out"
            item["trainable"] = trainable
        out.extend(sorted(picked, key=lambda r: (r["file"], r["row"])))
    return out


_CACHE: Dict[str, Dict[Tuple[str, int], str]] = {}


def text_of(source: str, file: str, row: int, digest: Optional[str] = None) -> str:
    """The unit's text, checked against ``digest`` when given."""
    if source not in _CACHE:
        _CACHE[source] = {(f, r): t for f, r, t in iter_source(source)}
    text = _CACHE[source].get((file, row))
    if text is None:
        raise KeyError(f"{source}/{file}:{row}: no such unit")
    if digest is not None and sha1(text) != digest:
        raise ValueError(f"{source}/{file}:{row}: text changed (SHA-1 differs)")
    return text.strip()


def unit_id(item: dict) -> str:
    return f"{item['source']}|{item['file']}|{item['row']}"


#: The second batch: units on which the analyzer proposes something, so that the judge sees more candidates.
ENRICHED_PLAN: Dict[str, int] = {
    "rtems-central-reqs": 250, "eclipse-score-reqs": 250, "zephyr-reqmgmt-reqs": 150, "nasa-fprime-reqs": 60,
    "ud-ctetex-pure-reqs": 200, "arta-smells": 300, "strictdoc-sdoc": 180, "client-vendor-docs": 660,
    "dalpiaz-user-stories-22": 100, "promise-plus": 100,
}


def sample_enriched(taken: set) -> List[dict]:
    """Batch 2: per source, ``random.Random(29)`` draws from the eligible units not yet labelled on which a rule of
    the three headline groups fires, or the unit classifier gives missing_metric or undefined_deadline p >= 0.3
    (the analyzer as of this batch). The detector chooses which units are read, never what is marked in them.
    Within each source, units ranked by SHA-1 alternate tune, held-out."""
    from ambiguity import Analyzer
    from ambiguity.model.span_judge import label_of

    return _sample_on_cues(ENRICHED_PLAN, 29, 2, taken, Analyzer(judge=None),
                           lambda f: label_of(str(f.category)) is not None)


#: The third batch: units where a missing-metric or undefined-deadline rule fires, or the unit classifier gives
#: either label p >= 0.3: the judge's two rarest labels.
BATCH3_PLAN: Dict[str, int] = {
    "rtems-central-reqs": 400, "client-vendor-docs": 900, "arta-smells": 400, "strictdoc-sdoc": 100,
    "promise-plus": 100,
}


def sample_batch3(taken: set) -> List[dict]:
    """Batch 3, drawn as batch 2 is (``random.Random(31)``), on missing-metric and undefined-deadline cues only."""
    from ambiguity import Analyzer
    from ambiguity.project import Settings

    return _sample_on_cues(BATCH3_PLAN, 31, 3, taken, Analyzer(judge=None, config=Settings(profile="strict")),
                           lambda f: str(f.category) in {"missing-metric", "undefined-deadline"})


def _sample_on_cues(plan: Dict[str, int], seed: int, batch: int, taken: set, analyzer, fires) -> List[dict]:
    """Per source of ``plan``, ``random.Random(seed)`` shuffles the eligible units not in ``taken``; the first
    ``count`` on which a finding ``fires`` or the unit classifier gives missing_metric or undefined_deadline
    p >= 0.3 are kept; within each source, ranked by SHA-1, they alternate tune, held-out."""
    out: List[dict] = []
    for source, count in plan.items():
        pool, hashes = [], set()
        for file, row, text in iter_source(source):
            key = sha1(text)
            if _eligible(text) and key not in taken and key not in hashes:
                hashes.add(key)
                pool.append({"source": source, "file": file, "row": row, "sha1": key, "text": text.strip()})
        random.Random(seed).shuffle(pool)
        picked: List[dict] = []
        for start in range(0, len(pool), 200):
            if len(picked) >= count:
                break
            chunk = pool[start:start + 200]
            for item, report in zip(chunk, analyzer.analyze_many(i["text"] for i in chunk)):
                unit = report.units[0] if report.units else None
                likely = unit is not None and max(unit.labels.get("missing_metric", 0.0),
                                                  unit.labels.get("undefined_deadline", 0.0)) >= 0.3
                if likely or any(fires(f) for f in report.findings):
                    picked.append({k: v for k, v in item.items() if k != "text"})
        picked = picked[:count]
        for rank, item in enumerate(sorted(picked, key=lambda r: r["sha1"])):
            item["split"] = "tune" if rank % 2 == 0 else "held-out"
            item["trainable"] = PLAN[source][1]
            item["batch"] = batch
        out.extend(sorted(picked, key=lambda r: (r["file"], r["row"])))
    return out


def _taken(*names: str) -> set:
    """The SHA-1s already sampled (in these span_units files) or labelled before (smart_labels.jsonl)."""
    import json

    return _already_labelled() | {json.loads(line)["sha1"] for name in names
                                  for line in open(LABELS / name, encoding="utf-8")}


if __name__ == "__main__":
    import json
    import sys

    # batch 1 is reproducible as it is; batches 2 and 3 depend on the analyzer as it was when they were drawn
    commands = {
        "sample": (sample, "span_units.jsonl"),
        "sample2": (lambda: sample_enriched(_taken("span_units.jsonl")), "span_units_2.jsonl"),
        "sample3": (lambda: sample_batch3(_taken("span_units.jsonl", "span_units_2.jsonl")), "span_units_3.jsonl"),
    }
    if len(sys.argv) != 2 or sys.argv[1] not in commands:
        sys.exit(f"usage: python tools/span_units.py {'|'.join(commands)}")
    draw, name = commands[sys.argv[1]]
    units = draw()
    with open(LABELS / name, "w", encoding="utf-8") as out:
        for item in units:
            out.write(json.dumps(item, sort_keys=True) + "\n")
    print(f"{len(units)} units -> {name}", file=sys.stderr)
