"""Compute corpus counts and write them into corpus/README.md between the
<!-- STATS:BEGIN --> and <!-- STATS:END --> markers (or print them with --print).

Run after build.py and split.py: /work/venv/bin/python corpus/tools/stats.py
"""
import collections
import glob
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.dirname(HERE)
LABELS = ("vague_language", "missing_metric", "undefined_deadline")


def load_split(name):
    with open(os.path.join(CORPUS, name + ".jsonl"), encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def is_hand(rec):
    return int(rec["id"].rsplit("-", 1)[1]) < 5000


def table(header, rows):
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    out += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(out)


def pct(a, b):
    return f"{100.0 * a / b:.1f}%" if b else "-"


def build():
    splits = {s: load_split(s) for s in ("train", "dev", "test")}
    recs = [r for s in splits.values() for r in s]
    n = len(recs)
    lines = []
    hand = sum(1 for r in recs if is_hand(r))
    lines.append(f"Total units: **{n}** — hand-written: **{hand}** ({pct(hand, n)}), "
                 f"templated: **{n - hand}** ({pct(n - hand, n)}).\n")

    lines.append("### Units per split and label\n")
    rows = []
    for s, rs in list(splits.items()) + [("all", recs)]:
        m = len(rs)
        rows.append([s, m] + [f"{sum(r['labels'][k] for r in rs)} ({pct(sum(r['labels'][k] for r in rs), m)})" for k in LABELS])
    lines.append(table(["split", "units"] + [f"{k} = 1" for k in LABELS], rows) + "\n")

    lines.append("### Label combinations (V M D)\n")
    combo = collections.Counter("".join(str(r["labels"][k]) for k in LABELS) for r in recs)
    rows = []
    for c in sorted(combo):
        per = [sum(1 for r in splits[s] if "".join(str(r["labels"][k]) for k in LABELS) == c) for s in splits]
        rows.append([c, combo[c], *per])
    lines.append(table(["V M D", "all", "train", "dev", "test"], rows) + "\n")

    lines.append("### Domains\n")
    dom = collections.defaultdict(list)
    for r in recs:
        dom[r["domain"]].append(r)
    rows = []
    for d in sorted(dom):
        rs = dom[d]
        h = sum(1 for r in rs if is_hand(r))
        rows.append([d, len(rs), h, len(rs) - h] + [sum(r["labels"][k] for r in rs) for k in LABELS])
    lines.append(table(["domain", "units", "hand", "templated", "V=1", "M=1", "D=1"], rows) + "\n")

    lines.append("### Styles\n")
    sty = collections.defaultdict(list)
    for r in recs:
        sty[r["style"]].append(r)
    rows = []
    for st in sorted(sty):
        rs = sty[st]
        h = sum(1 for r in rs if is_hand(r))
        rows.append([st, len(rs), h, len(rs) - h] + [sum(r["labels"][k] for r in rs) for k in LABELS])
    lines.append(table(["style", "units", "hand", "templated", "V=1", "M=1", "D=1"], rows) + "\n")

    lines.append("### Length (words per unit)\n")
    lens = sorted(len(r["text"].split()) for r in recs)
    buckets = collections.Counter(("1-5" if L <= 5 else "6-10" if L <= 10 else "11-20" if L <= 20 else
                                   "21-30" if L <= 30 else "31-45" if L <= 45 else "46+") for L in lens)
    rows = [[b, buckets.get(b, 0)] for b in ("1-5", "6-10", "11-20", "21-30", "31-45", "46+")]
    lines.append(f"min {lens[0]}, median {lens[len(lens) // 2]}, max {lens[-1]}\n")
    lines.append(table(["words", "units"], rows) + "\n")
    return "\n".join(lines)


def main():
    text = build()
    if "--print" in sys.argv:
        print(text)
        return
    path = os.path.join(CORPUS, "README.md")
    with open(path, encoding="utf-8") as fh:
        readme = fh.read()
    new, n = re.subn(r"(<!-- STATS:BEGIN -->\n).*?(<!-- STATS:END -->)", lambda m: m.group(1) + text + "\n" + m.group(2),
                     readme, flags=re.S)
    if n != 1:
        sys.exit("README.md has no STATS markers")
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(new)
    print("README.md statistics updated")


if __name__ == "__main__":
    main()
