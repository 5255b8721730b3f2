"""Big inputs: each is processed in bounded memory or refused naming the limit (issue #8). Prints peak RSS.

    python benchmarks/limits.py                 # every case, each in its own process
    python benchmarks/limits.py --case pdf1000  # one case

Cases (built in a temporary folder, nothing kept): ``text100mb`` a 100 MB text file (refused by --max-bytes,
default 20 MB, before it is read), ``reqs200k`` a Markdown file of 200,000 requirements, ``sheet10k`` a
10,000-row .xlsx, ``pdf1000`` a 1,000-page PDF. A case runs ``ambiguity scan --format jsonl`` (the CLI a user
runs, output to /dev/null) in a child process; its peak RSS is that child's ``ru_maxrss``.
"""
from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CASES = ("text100mb", "reqs200k", "sheet10k", "pdf1000")


def build(case: str, folder: Path) -> Path:
    if case == "text100mb":
        path = folder / "big.txt"
        line = b"REQ-1: The system shall respond fast and be user-friendly, etc.\n"
        with open(path, "wb") as fh:
            for _ in range(100 * 1024 * 1024 // len(line) + 1):
                fh.write(line)
        return path
    if case == "reqs200k":
        path = folder / "reqs.md"
        with open(path, "w") as fh:
            for i in range(200_000):
                fh.write(f"- REQ-{i}: The system shall respond within {i % 97} ms, etc.\n")
        return path
    if case == "sheet10k":
        import openpyxl

        path = folder / "reqs.xlsx"
        wb = openpyxl.Workbook(write_only=True)
        ws = wb.create_sheet()
        ws.append(["id", "text"])
        for i in range(10_000):
            ws.append([f"REQ-{i}", f"The system shall be fast and user-friendly for user {i}."])
        wb.save(path)
        return path
    if case == "pdf1000":
        from reportlab.pdfgen import canvas

        path = folder / "spec.pdf"
        c = canvas.Canvas(str(path))
        for page in range(1000):
            for line in range(20):
                c.drawString(72, 760 - 18 * line, f"REQ-{page}.{line} The system shall be fast, etc.")
            c.showPage()
        c.save()
        return path
    raise ValueError(case)


def run(case: str) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        path = build(case, Path(tmp))
        size = path.stat().st_size
        cmd = [sys.executable, "-m", "ambiguity.cli", "scan", str(path), "--format", "jsonl", "--fail-on", "none",
               "-o", os.devnull]
        started = time.time()
        proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
        seconds = time.time() - started
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # KiB on Linux
    errors = [ln for ln in proc.stderr.splitlines() if "error" in ln]
    outcome = f"refused: {errors[0]}" if errors else ("processed" if proc.returncode == 0 else proc.stderr[-300:])
    return {"case": case, "bytes": size, "exit": proc.returncode, "seconds": round(seconds, 1),
            "peak_rss_mb": round(peak_mb), "outcome": outcome}


def main(argv) -> int:
    ap = argparse.ArgumentParser(description="big inputs: bounded memory or a clear refusal")
    ap.add_argument("--case", choices=CASES)
    args = ap.parse_args(argv)
    if args.case:
        r = run(args.case)
        print(f"{r['case']:10} {r['bytes']:>12,} B  exit {r['exit']}  {r['seconds']:7.1f} s  "
              f"peak RSS {r['peak_rss_mb']:5} MB  {r['outcome']}", flush=True)
        return 0
    for case in CASES:  # a process per case, so that each peak RSS is its own
        subprocess.run([sys.executable, __file__, "--case", case])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
