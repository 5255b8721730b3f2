"""Agreement between the two annotators of the real-minutes labels, on the files both labelled.

    python benchmarks/minutes_agreement.py

``benchmarks/labels/minutes_actions_second.jsonl`` holds a second, blind labelling of twelve files (see
``labels/README-minutes.md``). Prints, per task, how many lines each annotator marked, how many both marked and the
F1 of one against the other (symmetric), then every line where they differ. Needs no shared data: it compares labels.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Dict, Set, Tuple

LABELS = Path(__file__).resolve().parent / "labels"
Key = Tuple[str, str, int]


def read(path: Path) -> Dict[Key, dict]:
    rows = (json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip())
    return {(r["dataset"], r["path"], r["line"]): r for r in rows}


def tasks(rows: Dict[Key, dict]) -> Dict[str, Set[Key]]:
    return {"action": set(rows), "missing-owner": {k for k, r in rows.items() if r["owner"] == "none"},
            "undefined-deadline": {k for k, r in rows.items() if r["due"] in {"vague", "none"}}}


def main() -> int:
    second = read(LABELS / "minutes_actions_second.jsonl")
    files = {k[:2] for k in second}
    first = {k: r for k, r in read(LABELS / "minutes_actions.jsonl").items() if k[:2] in files}
    print(f"{len(files)} files labelled by both annotators")
    print(f"{'task':<20} {'first':>6} {'second':>6} {'both':>5} {'F1':>6}")
    a, b = tasks(first), tasks(second)
    for t in a:
        both = len(a[t] & b[t])
        f1 = 2 * both / (len(a[t]) + len(b[t])) if a[t] or b[t] else 1.0
        print(f"{t:<20} {len(a[t]):>6} {len(b[t]):>6} {both:>5} {f1:>6.3f}")
    print("\ndifferences (first annotator -> second):")
    for k in sorted(set(first) | set(second)):
        x, y = first.get(k), second.get(k)
        show = (lambda r: f"{r['owner']}/{r['due']}" if r else "not an action")
        if show(x) != show(y):
            print(f"  {k[0]} {k[1]}:{k[2]}: {show(x)} -> {show(y)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
