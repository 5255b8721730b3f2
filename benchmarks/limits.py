"""Big and hostile inputs: each is processed in bounded memory or refused naming the limit (issues #8, #16).

    python benchmarks/limits.py                 # every case, each in its own process
    python benchmarks/limits.py --case pdf1000  # one case
    python benchmarks/limits.py --issue 16      # the cases of issue #16 only

Cases (built in a temporary folder, nothing kept). Issue #8: ``text100mb`` a 100 MB text file (refused by
--max-bytes, default 20 MB, before it is read), ``reqs200k`` a Markdown file of 200,000 requirements (refused by
--max-units, default 50,000, before anything is parsed), ``reqs50k`` the largest document the default allows,
``sheet10k`` a 10,000-row .xlsx, ``csv10k`` the same rows as CSV, ``pdf1000`` a 1,000-page PDF.

Issue #16: ``docx185``/``odt185`` a 3-5 MB Office file whose main part unpacks to 185 MiB (under every zip cap),
``xlsxdim`` a 5 KB .xlsx claiming ``A1:XFD100000`` with a last row at 100,000, ``xlsxfar`` 100,000 rows each with a
cell in column XFD, ``docxdtd`` a DTD after a 5 KB comment in a UTF-16 part, ``mddeep`` Markdown nested 21-40 levels
deep, ``mdquote`` the costliest Markdown to parse that the limits let through (one quote 31 levels deep, just under
100,000 lines: markdown-it keeps a line table per level), ``mdlines`` 20 MiB of one-word list items, ``mdblock`` one 10-million-line paragraph, ``pdfaes`` an AES-256
PDF with an empty password, ``utf8bad`` UTF-8 text with a few bad bytes, and ``real1mb``/``real10mb``/``real20mb``:
that much Markdown of real requirements (PROMISE+, ARTA, the user stories of Dalpiaz et al., from ../shared/data
at run time, four to a paragraph, a heading every ten; skipped when the data is absent).

A case runs ``ambiguity scan --format jsonl`` (the CLI a user runs) in a child process; its peak RSS is that child's
``ru_maxrss``, CPU its user+system time (the wall time of a loaded machine is noisy; CPU less so), and the units and
findings come from the output's summary record. Notices on stderr (encoding, nesting) are printed after the outcome.
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Iterator, List

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
CASES_8 = ("text100mb", "reqs200k", "reqs50k", "sheet10k", "csv10k", "pdf1000")
CASES_16 = ("docx185", "odt185", "xlsxdim", "xlsxfar", "docxdtd", "mddeep", "mdquote", "mdlines", "mdblock", "pdfaes",
            "utf8bad", "real1mb", "real10mb", "real20mb")
CASES = CASES_8 + CASES_16
MIB = 1024 * 1024
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#: Words that vary the generated PDF lines: a line (digits aside) at the edge of a third of the pages is a running
#: header or footer, dropped wherever it appears; 10,000 combinations keep every line well below that.
SUBJECTS = ("system", "operator", "portal", "gateway", "scheduler", "database", "client", "service", "sensor", "report")
VERBS = ("respond", "log events", "recover", "export data", "notify users", "encrypt traffic", "retry", "validate input",
         "archive files", "sync clocks")
HOW = ("fast", "securely", "as appropriate", "in a timely manner", "reliably", "where possible", "promptly", "often",
       "if needed", "quickly")
WHEN = ("at start-up", "on request", "every hour", "after an alarm", "during backups", "at night", "on login",
        "on logout", "at month end", "on failure")


class Skipped(Exception):
    pass


def requirement_sentences() -> List[str]:
    """Requirements and user stories from ../shared/data: the material the real-text cases are made of."""
    if not (DATA / "promise-plus" / "promise_plus_dedup.csv").exists():
        raise Skipped("../shared/data absent")
    out: List[str] = []
    with open(DATA / "promise-plus" / "promise_plus_dedup.csv", encoding="utf-8", errors="replace", newline="") as fh:
        out += [row["Requirement"].strip() for row in csv.DictReader(fh) if row.get("Requirement")]
    for name in ("ds2.csv", "ds3.csv", "ds4.csv"):
        path = DATA / "arta-smells" / name
        if path.exists():
            with open(path, encoding="utf-8", errors="replace", newline="") as fh:
                out += [" ".join((row.get("text") or "").split()) for row in csv.DictReader(fh)]
    for path in sorted((DATA / "dalpiaz-user-stories-22").glob("*.txt")):
        out += [re.sub(r"^#\w+#\s*", "", line).strip()
                for line in path.read_text(encoding="utf-8", errors="replace").splitlines()]
    return [s for s in out if s]


def real_markdown(path: Path, size: int, seed: int = 16) -> None:
    """Just under ``size`` bytes of Markdown: a paragraph of four real requirements per id, a heading every ten."""
    rng = random.Random(seed)
    pool = requirement_sentences()
    with open(path, "w", encoding="utf-8") as fh:
        total = fh.write("# Requirements specification\n\n")
        n = 0
        while True:
            block = (f"## Section {n // 10 + 1}\n\n" if n % 10 == 0 else "") + f"REQ-{n + 1}: " + \
                " ".join(rng.sample(pool, 4)) + "\n\n"
            size_of = len(block.encode("utf-8"))
            if total + size_of > size:
                return
            fh.write(block)
            total += size_of
            n += 1


def _paragraphs(target: int, fmt: str) -> Iterator[bytes]:
    """Office XML paragraphs of varied requirement text, ``target`` bytes in all."""
    rng = random.Random(1)
    written = i = 0
    while written < target:
        words = [rng.choice(w) for w in (SUBJECTS, VERBS, HOW)]
        text = "REQ-{}: The {} shall {} {}.".format(i, *words)
        if fmt == "docx":
            p = ('<w:p><w:pPr><w:pStyle w:val="Normal"/><w:spacing w:after="120"/></w:pPr><w:r><w:rPr><w:rFonts '
                 'w:ascii="Calibri"/><w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="en-GB"/></w:rPr><w:t '
                 f'xml:space="preserve">{text}</w:t></w:r><w:bookmarkStart w:id="0" w:name="_GoBack"/><w:bookmarkEnd '
                 'w:id="0"/><w:r><w:t xml:space="preserve"> </w:t></w:r></w:p>')
        else:
            p = (f'<text:p text:style-name="P1"><text:span text:style-name="T1">{text}</text:span><text:bookmark '
                 'text:name="_GoBack"/><text:soft-page-break/><text:span text:style-name="T3"><text:s text:c="2"/>'
                 '</text:span></text:p>')
        data = p.encode()
        written += len(data)
        i += 1
        yield data


def _office(path: Path, fmt: str, size: int) -> None:
    """A .docx or .odt whose main part unpacks to ``size`` bytes, written a paragraph at a time."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        if fmt == "docx":
            z.writestr("[Content_Types].xml", CONTENT_TYPES)
            z.writestr("_rels/.rels", PACKAGE_RELS)
            name, head, tail = "word/document.xml", f'<w:document xmlns:w="{W_NS}"><w:body>', "</w:body></w:document>"
        else:
            z.writestr("mimetype", "application/vnd.oasis.opendocument.text")
            name, head, tail = "content.xml", (
                '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
                'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>'), \
                "</office:text></office:body></office:document-content>"
        with z.open(name, "w", force_zip64=True) as fh:
            fh.write(b'<?xml version="1.0" encoding="UTF-8"?>' + head.encode())
            for p in _paragraphs(size, fmt):
                fh.write(p)
            fh.write(tail.encode())


CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
PACKAGE_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships '
    'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>')


def _xlsx(path: Path, extra_rows: str, dimension: str) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = "Reqs"
    book.active.append(["ID", "Text"])
    book.active.append(["REQ-1", "The system shall respond fast."])
    buf = io.BytesIO()
    book.save(buf)
    with zipfile.ZipFile(buf) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                xml = re.sub(r'<dimension ref="[^"]*"/>', f'<dimension ref="{dimension}"/>', data.decode())
                data = xml.replace("</sheetData>", extra_rows + "</sheetData>").encode()
            zout.writestr(item, data)


def build_16(case: str, folder: Path) -> Path:
    if case in ("docx185", "odt185"):
        path = folder / f"big.{case[:-3]}"
        _office(path, case[:-3], 185 * MIB)
        return path
    if case == "xlsxdim":
        path = folder / "dim.xlsx"
        _xlsx(path, '<row r="100000"><c r="A100000" t="inlineStr"><is><t>end</t></is></c></row>', "A1:XFD100000")
        return path
    if case == "xlsxfar":
        path = folder / "far.xlsx"
        rows = "".join(f'<row r="{n}"><c r="XFD{n}" t="inlineStr"><is><t>x</t></is></c></row>' for n in range(3, 100_001))
        _xlsx(path, rows, "A1:XFD100000")
        return path
    if case == "docxdtd":
        path = folder / "dtd.docx"
        body = (f'<?xml version="1.0" encoding="UTF-16"?><!--{"x" * 5000}--><!DOCTYPE w:document [<!ENTITY x '
                f'"injected">]><w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>The system shall &x; be fast.'
                '</w:t></w:r></w:p></w:body></w:document>')
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("[Content_Types].xml", CONTENT_TYPES)
            z.writestr("_rels/.rels", PACKAGE_RELS)
            z.writestr("word/document.xml", body.encode("utf-16"))
        return path
    if case == "mddeep":
        path = folder / "deep.md"
        text = ("> " * 21 + "REQ-1: The system shall respond quickly.\n\n"
                + "- " * 10 + "REQ-2: The portal shall be user-friendly.\n\n"
                + "".join("  " * i + f"- REQ-{3 + i}: Level {i} shall load fast.\n" for i in range(12)) + "\n"
                + "> " * 40 + "REQ-15: This line is nested too deep to read.\n")
        path.write_text(text, encoding="utf-8")
        return path
    if case == "mdquote":
        path = folder / "quote.md"
        quote = "> " * 31
        path.write_text((quote + "The system shall respond fast.\n" + quote + "\n") * 49_990, encoding="utf-8")
        return path
    if case == "mdlines":
        path = folder / "lines.md"
        path.write_bytes(b"- a\n" * (20 * MIB // 4))
        return path
    if case == "mdblock":
        path = folder / "block.md"
        path.write_bytes(b"a\n" * (10 * MIB - 8))
        return path
    if case == "pdfaes":
        from pypdf import PdfReader, PdfWriter
        from reportlab.pdfgen import canvas

        buf = io.BytesIO()
        c = canvas.Canvas(buf)
        c.drawString(72, 720, "The system shall respond quickly.")
        c.showPage()
        c.save()
        writer = PdfWriter()
        writer.append(PdfReader(io.BytesIO(buf.getvalue())))
        writer.encrypt(user_password="", owner_password="owner", algorithm="AES-256")
        path = folder / "aes.pdf"
        with open(path, "wb") as fh:
            writer.write(fh)
        return path
    if case == "utf8bad":
        path = folder / "mixed.txt"
        path.write_bytes("REQ-1: Le système doit être rapide. Café.\n".encode() + b"REQ-2: The UI shall be \x92nice\x92.\n")
        return path
    if case in ("real1mb", "real10mb", "real20mb"):
        path = folder / f"{case}.md"
        real_markdown(path, int(case[4:-2]) * MIB)
        return path
    raise ValueError(case)


def build(case: str, folder: Path) -> Path:
    if case in CASES_16:
        return build_16(case, folder)
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


def run(case: str, timeout: "float | None" = None) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        try:
            path = build(case, Path(tmp))
        except Skipped as why:
            return {"case": case, "bytes": 0, "exit": "-", "seconds": 0.0, "cpu": 0.0, "peak_rss_mb": 0,
                    "outcome": f"skipped: {why}", "notices": []}
        size = path.stat().st_size
        out = Path(tmp) / "out.jsonl"
        cmd = [sys.executable, "-m", "ambiguity.cli", "scan", str(path), "--format", "jsonl", "--fail-on", "none",
               "-o", str(out)]
        started = time.time()
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=timeout)
        except subprocess.TimeoutExpired:  # killed and waited for: its peak RSS and CPU still count
            proc = subprocess.CompletedProcess(cmd, "killed", "", f"stopped after {timeout:.0f} s (--timeout)")
        seconds = time.time() - started
        lines = out.read_text(encoding="utf-8").splitlines() if out.exists() else []
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    peak_mb = usage.ru_maxrss / 1024  # KiB on Linux
    errors = [ln for ln in proc.stderr.splitlines() if "error" in ln]
    notices = [ln for ln in proc.stderr.splitlines() if ln.strip() and ln not in errors]
    summary = json.loads(lines[-1]) if lines and '"summary"' in lines[-1] else {}
    if proc.returncode == "killed":
        outcome, notices = proc.stderr, []
    elif errors:
        outcome = f"refused: {errors[0].split(': ', 3)[-1]}"
    elif proc.returncode in (0, 1) and summary:
        outcome = f"processed: {summary['units']:,} units, {summary['findings']:,} findings"
    else:
        outcome = proc.stderr[-300:]
    return {"case": case, "bytes": size, "exit": proc.returncode, "seconds": round(seconds, 1),
            "cpu": round(usage.ru_utime + usage.ru_stime, 1), "peak_rss_mb": round(peak_mb), "outcome": outcome,
            "notices": notices}


def main(argv) -> int:
    ap = argparse.ArgumentParser(description="big inputs: bounded memory or a clear refusal")
    ap.add_argument("--case", choices=CASES)
    ap.add_argument("--issue", choices=["8", "16"], help="only the cases of this issue")
    ap.add_argument("--timeout", type=float, help="stop a case after this many seconds (its figures so far are printed)")
    args = ap.parse_args(argv)
    if args.case:
        r = run(args.case, args.timeout)
        print(f"{r['case']:10} {r['bytes']:>12,} B  exit {r['exit']}  {r['seconds']:7.1f} s  CPU {r['cpu']:7.1f} s  "
              f"peak RSS {r['peak_rss_mb']:5} MB  {r['outcome']}", flush=True)
        for notice in r["notices"][:3]:
            print(f"{'':12}{notice[:200]}", flush=True)
        return 0
    cases = {"8": CASES_8, "16": CASES_16}.get(args.issue or "", CASES)
    for case in cases:  # a process per case, so that each peak RSS is its own
        subprocess.run([sys.executable, __file__, "--case", case] + (["--timeout", str(args.timeout)] if args.timeout else []))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
