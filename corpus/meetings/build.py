"""Build the meeting-notes training corpus from its annotated sources (byte-identical on every run).

    python corpus/meetings/build.py

Each ``src/<name>.ann`` is a minutes file written for this project whose action-item lines end in a label mark
``  @@<owner><due>``: owner ``n`` (named) or ``x`` (none), due ``c`` (concrete), ``v`` (vague) or ``-`` (none).
Lines without a mark are negatives. The build writes ``<name>.md`` (the marks stripped) and ``labels.jsonl`` with one
record for EVERY line: ``{"file", "line", "action", "owner", "due"}`` (owner/due ``none`` on negatives).
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
MARK = re.compile(r"\s+@@([nx])([cv-])\s*$")
OWNER = {"n": "named", "x": "none"}
DUE = {"c": "concrete", "v": "vague", "-": "none"}


def build(here: Path = HERE) -> int:
    records = []
    for old in here.glob("*.md"):
        old.unlink()
    for src in sorted((here / "src").glob("*.ann")):
        out_lines = []
        for number, raw in enumerate(src.read_text(encoding="utf-8").splitlines(), start=1):
            if "@@" in raw and not MARK.search(raw):
                raise SystemExit(f"{src.name}:{number}: malformed label mark")
            m = MARK.search(raw)
            text = raw[: m.start()] if m else raw
            out_lines.append(text)
            records.append({"file": src.stem + ".md", "line": number, "action": int(bool(m)),
                            "owner": OWNER[m.group(1)] if m else "none", "due": DUE[m.group(2)] if m else "none"})
        (here / (src.stem + ".md")).write_text("\n".join(out_lines) + "\n", encoding="utf-8")
    with (here / "labels.jsonl").open("w", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps(r, sort_keys=False) + "\n")
    return len(records)


if __name__ == "__main__":
    n = build()
    print(f"{n} labelled lines", file=sys.stderr)
