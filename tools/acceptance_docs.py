"""The real documents behind the acceptance labels (``benchmarks/labels/acceptance*.jsonl``).

Sixty documents, drawn with ``random.Random(17)`` from the sources of the span labels. Markdown, StrictDoc and
user-story files are scanned as they are. The JSON Lines requirement sets (RTEMS, Eclipse S-CORE, Zephyr, F Prime)
keep no original document here, so one of their source files is rebuilt as a Markdown list of its requirements,
in record order (``materialise``), and scanned as that.

Each finding is keyed by document, start and end offsets in the scanned text, rule and SHA-1 of the span text, so
the labels survive re-runs and later versions are matched by span (``benchmarks/real_eval.py``).
"""
from __future__ import annotations

import json
import random
from collections import defaultdict
from pathlib import Path
from typing import Dict, List

from span_units import DATA, _vendor_paths

#: (source, how many documents)
PLAN = [("client-vendor-docs", 30), ("strictdoc-sdoc", 4), ("dalpiaz-user-stories-22", 6),
        ("eclipse-score-reqs", 6), ("zephyr-reqmgmt-reqs", 5), ("nasa-fprime-reqs", 4), ("rtems-central-reqs", 5)]
JSONL = {"eclipse-score-reqs", "zephyr-reqmgmt-reqs", "nasa-fprime-reqs", "rtems-central-reqs"}
MAX_BYTES = 14_000  # long policies would swamp the sample: one document, hundreds of findings


def _group(source: str) -> Dict[str, List[dict]]:
    groups: Dict[str, List[dict]] = defaultdict(list)
    for line in open(DATA / source / "requirements.jsonl", encoding="utf-8"):
        record = json.loads(line)
        key = record["file"].rsplit("/", 1)[0] if source == "rtems-central-reqs" else record["file"]
        groups[key].append(record)
    return groups


def choose() -> List[dict]:
    rng = random.Random(17)
    docs: List[dict] = []
    for source, count in PLAN:
        if source == "client-vendor-docs":
            pool = [str(p.relative_to(DATA / source)) for p in _vendor_paths() if p.stat().st_size <= MAX_BYTES]
        elif source == "strictdoc-sdoc":
            pool = [f"docs/{p.name}" for p in sorted((DATA / source / "docs").glob("*.sdoc")) if p.stat().st_size <= 20_000]
        elif source == "dalpiaz-user-stories-22":
            pool = [p.name for p in sorted((DATA / source).glob("g*.txt")) if p.stat().st_size <= MAX_BYTES]
        else:
            groups = _group(source)
            pool = sorted(k for k, v in groups.items() if 5 <= len(v) <= 40)
        for file in sorted(rng.sample(pool, count)):
            docs.append({"source": source, "file": file})
    return docs


def materialise(doc: dict, folder: Path) -> Path:
    """The path to scan: the file itself, or a Markdown rebuild of a JSON Lines group under ``folder``."""
    if doc["source"] not in JSONL:
        return DATA / doc["source"] / doc["file"]
    records = _group(doc["source"])[doc["file"]]
    name = doc["source"] + "__" + doc["file"].replace("/", "__") + ".md"
    out = folder / name
    lines = [f"# {doc['file']}", ""]
    for r in records:
        lines += [f"- {r['id']}: {' '.join(r['text'].split())}", ""]
    out.write_text("\n".join(lines), encoding="utf-8")
    return out


if __name__ == "__main__":
    import sys

    folder = Path(sys.argv[1])
    folder.mkdir(parents=True, exist_ok=True)
    for doc in choose():
        print(json.dumps({**doc, "path": str(materialise(doc, folder))}))
