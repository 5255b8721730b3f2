"""Read the real documents under ../shared/data with every reader and print, per format, documents read,
errors (with reasons), units found and seconds per document.

    python benchmarks/readers.py [DATA_DIR]

Exits 0 with a note when the data folder is absent. Nothing is copied into the repository.
"""
from __future__ import annotations

import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Dict, List

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
#: The collections that hold specifications in the formats the readers cover.
COLLECTIONS = ("18f-tdrs-rfq", "d3sreq-spec-db", "anwariqbal-trees4me-re", "doorstop-reqs", "strictdoc-sdoc",
               "strictdoc-reqif-samples")
SKIP_NAMES = {"PROVENANCE.md", "README.md", "LICENSE.md", "CONTRIBUTING.md"}


def main(argv: List[str]) -> int:
    sys.path.insert(0, str(ROOT))
    from ambiguity.errors import InputError
    from ambiguity.readers import format_for, read_path, supported_suffixes
    from ambiguity.units import make_units

    data = Path(argv[1]) if len(argv) > 1 else DATA
    if not data.is_dir():
        print(f"skipped: {data} is not present")
        return 0
    suffixes = set(supported_suffixes())
    stats: Dict[str, Dict] = defaultdict(lambda: {"docs": 0, "units": 0, "ids": 0, "seconds": 0.0, "errors": []})
    for name in COLLECTIONS:
        for path in sorted((data / name).rglob("*")):
            if not path.is_file() or path.suffix.lower() not in suffixes or path.name in SKIP_NAMES:
                continue
            if any(part.startswith(".") for part in path.relative_to(data).parts):
                continue
            fmt = format_for(str(path)) or "text"
            s = stats[fmt]
            began = time.perf_counter()
            try:
                units = make_units(read_path(path))
            except InputError as err:
                s["errors"].append(f"{path.relative_to(data)}: {err.problem}")
                continue
            finally:
                s["seconds"] += time.perf_counter() - began
            s["docs"] += 1
            s["units"] += len(units)
            s["ids"] += sum(1 for u in units if u.id)
    print(f"{'format':<10}{'docs':>6}{'errors':>8}{'units':>8}{'with id':>9}{'s/doc':>9}")
    for fmt, s in sorted(stats.items()):
        n = s["docs"] + len(s["errors"])
        print(f"{fmt:<10}{s['docs']:>6}{len(s['errors']):>8}{s['units']:>8}{s['ids']:>9}{s['seconds'] / max(n, 1):>9.3f}")
    for fmt, s in sorted(stats.items()):
        for e in s["errors"]:
            print(f"  {fmt} error: {e}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
