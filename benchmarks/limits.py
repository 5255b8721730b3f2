"""Big inputs: each is processed in bounded memory or refused naming the limit (issue #8). Prints peak RSS.

    python benchmarks/limits.py                 # every case, each in its own process
    python benchmarks/limits.py --case pdf1000  # one case

Cases (built in a temporary folder, nothing kept): ``text100mb`` a 100 MB text file (refused by --max-bytes,
default 20 MB, before it is read), ``reqs200k`` a Markdown file of 200,000 requirements (refused by --max-units,
default 50,000, before anything is parsed), ``reqs50k`` the largest document the default allows, ``sheet10k`` a
10,000-row .xlsx, ``csv10k`` the same rows as CSV, ``pdf1000`` a 1,000-page PDF. A case runs ``ambiguity scan
--format jsonl`` (the CLI a user runs) in a child process; its peak RSS is that child's ``ru_maxrss``, and the
units and findings come from the output's summary record.
"""
from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CASES = ("text100mb", "reqs200k", "reqs50k", "sheet10k", "csv10k", "pdf1000")
#: Words that vary the generated PDF lines: a line (digits aside) at the edge of a third of the pages is a running
#: header or footer, dropped wherever it appears; 10,000 combinations keep every line well below that.
SUBJECTS = ("system", "operator", "portal", "gateway", "scheduler", "database", "client", "service", "sensor", "report")
VERBS = ("respond", "log events", "recover", "export data", "notify users", "encrypt traffic", "retry", "validate input",
         "archive files", "sync clocks")
HOW = ("fast", "securely", "as appropriate", "in a timely manner", "reliably", "where possible", "promptly", "often",
       "if needed", "quickly")
WHEN = ("at start-up", "on request", "every hour", "after an alarm", "during backups", "at night", "on login",
        "on logout", "at month end", "on failure")


def build(case: str, folder: Path) -> Path:
    if case == "text100mb":
        path = folder / "big.txt"
        line = b"REQ-1: The system shall respond fast and be user-friendly, etc.\n"
        with open(path, "wb") as fh:
            for _ in range(100 * 1024 * 1024 // len(line) + 1):
                fh.write(line)
        return path
    if case in ("reqs200k", "reqs50k"):
        path = folder / "reqs.md"
        with open(path, "w") as fh:
            for i in range(200_000 if case == "reqs200k" else 50_000):
                fh.write(f"- REQ-{i}: The system shall respond within {i % 97} ms, etc.\n")
        return path
    if case == "sheet10k":
        import openpyxl

        path = folder / "reqs.xlsx"
        wb = openpyxl.Workbook(write_only=True)
        ws = wb.create_sheet()
        ws.append(["id", "text"])
        for i in range(10_000):
            ws.append([f"REQ-{i}", "The system shall be fast and user-friendly, etc."])
        wb.save(path)
        return path
    if case == "csv10k":
        import csv

        path = folder / "reqs.csv"
        with open(path, "w", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(["id", "text"])
            for i in range(10_000):
                writer.writerow([f"REQ-{i}", "The system shall be fast and user-friendly, etc."])
        return path
    if case == "pdf1000":
        from reportlab.pdfgen import canvas

        path = folder / "spec.pdf"
        rng = random.Random(8)
        c = canvas.Canvas(str(path))
        for page in range(1000):
            for line in range(20):
                words = [rng.choice(w) for w in (SUBJECTS, VERBS, HOW, WHEN)]
                c.drawString(72, 760 - 18 * line, "REQ-{}.{} The {} shall {} {} {}.".format(page, line, *words))
            c.showPage()
        c.save()
        return path
    raise ValueError(case)


def run(case: str) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        path = build(case, Path(tmp))
        size = path.stat().st_size
        out = Path(tmp) / "out.jsonl"
        cmd = [sys.executable, "-m", "ambiguity.cli", "scan", str(path), "--format", "jsonl", "--fail-on", "none",
               "-o", str(out)]
        started = time.time()
        proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
        seconds = time.time() - started
        lines = out.read_text(encoding="utf-8").splitlines() if out.exists() else []
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # KiB on Linux
    errors = [ln for ln in proc.stderr.splitlines() if "error" in ln]
    summary = json.loads(lines[-1]) if lines and '"summary"' in lines[-1] else {}
    if errors:
        outcome = f"refused: {errors[0].split(': ', 3)[-1]}"
    elif proc.returncode in (0, 1) and summary:
        outcome = f"processed: {summary['units']:,} units, {summary['findings']:,} findings"
    else:
        outcome = proc.stderr[-300:]
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
