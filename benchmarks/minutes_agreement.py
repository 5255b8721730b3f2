"""Agreement between the two annotators of the real-minutes labels, on the files both labelled.

    python benchmarks/minutes_agreement.py [--differences]

``labels/minutes_actions_second.jsonl`` holds the second, blind labelling: 12 files of batches 1-2 and the files of
batch 4 marked ``"second": true`` in ``minutes_files.json`` (see ``labels/README-minutes.md``). The first annotator's
labels are ``minutes_actions_first.jsonl`` where a file's disagreements were adjudicated (batch 4; the adjudicated
result is in ``minutes_actions.jsonl``, the decisions in ``minutes_adjudication.jsonl``), else ``minutes_actions.jsonl``.
Prints, per batch group and per task, how many lines each annotator marked, how many both marked, the F1 of one
against the other (symmetric) and Cohen's kappa over every line of those files (a line is labelled or not); owner
and due agreement on the lines both marked. ``--differences`` lists every line where they differ. Needs no shared
data: it compares labels.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Dict, List, Set, Tuple

LABELS = Path(__file__).resolve().parent / "labels"
Key = Tuple[str, str, int]
TASKS = ("action", "missing-owner", "undefined-deadline")


def read(path: Path) -> Dict[Key, dict]:
    rows = (json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip())
    return {(r["dataset"], r["path"], r["line"]): r for r in rows}


def tasks(rows: Dict[Key, dict]) -> Dict[str, Set[Key]]:
    return {"action": set(rows), "missing-owner": {k for k, r in rows.items() if r["owner"] == "none"},
            "undefined-deadline": {k for k, r in rows.items() if r["due"] in {"vague", "none"}}}


def kappa(a: Set[Key], b: Set[Key], lines: int) -> float:
    """Cohen's kappa of two yes/no labellings of ``lines`` lines."""
    both, only_a, only_b = len(a & b), len(a - b), len(b - a)
    neither = lines - both - only_a - only_b
    observed = (both + neither) / lines
    expected = (len(a) * len(b) + (lines - len(a)) * (lines - len(b))) / (lines * lines)
    return (observed - expected) / (1 - expected) if expected < 1 else 1.0


def agreement(name: str, files: List[dict], first: Dict[Key, dict], second: Dict[Key, dict]) -> None:
    keys = {(f["dataset"], f["path"]) for f in files}
    lines = sum(f["lines"] for f in files)
    a = tasks({k: r for k, r in first.items() if k[:2] in keys})
    b = tasks({k: r for k, r in second.items() if k[:2] in keys})
    print(f"{name}: {len(files)} files, {lines} lines labelled by both annotators")
    print(f"  {'task':<20} {'first':>6} {'second':>6} {'both':>5} {'F1':>6} {'kappa':>6}")
    for t in TASKS:
        both = len(a[t] & b[t])
        f1 = 2 * both / (len(a[t]) + len(b[t])) if a[t] or b[t] else 1.0
        print(f"  {t:<20} {len(a[t]):>6} {len(b[t]):>6} {both:>5} {f1:>6.3f} {kappa(a[t], b[t], lines):>6.3f}")
    common = a["action"] & b["action"]
    if common:
        owner = sum(first[k]["owner"] == second[k]["owner"] for k in common) / len(common)
        due = sum(first[k]["due"] == second[k]["due"] for k in common) / len(common)
        print(f"  on the {len(common)} lines both marked: owner agrees {owner:.3f}, due agrees {due:.3f}")


def main() -> int:
    files = json.loads((LABELS / "minutes_files.json").read_text(encoding="utf-8"))["files"]
    gold = read(LABELS / "minutes_actions.jsonl")
    first = {**gold, **read(LABELS / "minutes_actions_first.jsonl")}
    raw_first = read(LABELS / "minutes_actions_first.jsonl")
    second = read(LABELS / "minutes_actions_second.jsonl")
    twice = {k[:2] for k in second} | {(f["dataset"], f["path"]) for f in files if f.get("second")}
    doubly = [f for f in files if (f["dataset"], f["path"]) in twice]
    adjudicated = {k[:2] for k in raw_first}
    for f in doubly:  # files of the adjudicated batch: the first annotator's own labels, not the adjudicated ones
        if (f["dataset"], f["path"]) in adjudicated or f.get("second"):
            for k in [k for k in first if k[:2] == (f["dataset"], f["path"]) and k not in raw_first]:
                del first[k]
    early = [f for f in doubly if f.get("batch", 1) < 4]
    late = [f for f in doubly if f.get("batch", 1) >= 4]
    for name, group in (("batches 1-2", early), ("batch 4 (SPDX, Rust teams)", late), ("all", doubly)):
        if group:
            agreement(name, group, first, second)
    total = sum(f["lines"] for f in files)
    print(f"second annotator: {len(doubly)} of {len(files)} files ({len(doubly) / len(files):.0%}), "
          f"{sum(f['lines'] for f in doubly)} of {total} lines")
    decisions = read(LABELS / "minutes_adjudication.jsonl")
    if decisions:
        pick = {"first": 0, "second": 0, "other": 0}
        for r in decisions.values():
            pick["first" if r["final"] == r["first"] else "second" if r["final"] == r["second"] else "other"] += 1
        print(f"adjudicated disagreements (batch 4): {len(decisions)}; final = first {pick['first']}, second "
              f"{pick['second']}, a third label {pick['other']}")
    if "--differences" in sys.argv[1:]:
        print("\ndifferences (first annotator -> second):")
        keys = {(f["dataset"], f["path"]) for f in doubly}
        for k in sorted((set(first) | set(second))):
            if k[:2] not in keys:
                continue
            x, y = first.get(k), second.get(k)
            show = (lambda r: f"{r['owner']}/{r['due']}" if r else "not an action")
            if show(x) != show(y):
                print(f"  {k[0]} {k[1]}:{k[2]}: {show(x)} -> {show(y)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
