#!/usr/bin/env python3
"""Deterministic file selection for batch 4 of the minutes labels (SPDX working groups and Rust teams).

For each group (an SPDX working group or a Rust team), list its Markdown minutes sorted by path (Python string
order), keep files of 5 to 350 lines, and take ``quota`` files evenly spread over the list
(``files[round(i * n / quota)]``). Writes one JSON object per file: dataset, path (relative to the dataset folder),
group, lines, sha1 of the file bytes. Nothing is read but file names and line counts: no keyword picks a file.

    python3 tools/select_minutes_batch4.py ../shared/data > selection.jsonl
"""
from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

QUOTAS = {  # group -> files; the Rust teams write longer minutes with more action items per file
    ("spdx-minutes", "tech"): 50, ("spdx-minutes", "legal"): 35, ("spdx-minutes", "general"): 35,
    ("spdx-minutes", "outreach"): 20, ("spdx-minutes", "ai"): 20, ("spdx-minutes", "security"): 15,
    ("spdx-minutes", "safety"): 10, ("spdx-minutes", "hardware"): 10,
    ("rust-lang-team-minutes", "lang-team"): 40, ("rust-lang-team-minutes", "leadership-council"): 30,
    ("rust-lang-team-minutes", "libs-team"): 30, ("rust-lang-team-minutes", "infra-team"): 15,
    ("rust-lang-team-minutes", "types-team"): 10,
}


def group_files(data: Path, dataset: str, group: str) -> list:
    root = data / dataset / ("files" if dataset == "spdx-minutes" else "") / group
    return sorted(p for p in root.rglob("*.md") if p.is_file())


def main(data: Path) -> None:
    for (dataset, group), quota in QUOTAS.items():
        files = []
        for p in group_files(data, dataset, group):
            raw = p.read_bytes()
            n = len(raw.decode("utf-8", "replace").splitlines())
            if 5 <= n <= 350:
                files.append((p, raw, n))
        picked = [files[round(i * len(files) / quota)] for i in range(min(quota, len(files)))]
        for p, raw, n in picked:
            print(json.dumps({"dataset": dataset, "path": p.relative_to(data / dataset).as_posix(),
                              "group": f"{dataset.split('-')[0]}/{group}", "lines": n,
                              "sha1": hashlib.sha1(raw).hexdigest()}))


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data"))
