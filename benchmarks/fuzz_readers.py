"""Coverage-guided fuzzing of every reader (atheris / libFuzzer), bounded in time (issue #8).

    python benchmarks/fuzz_readers.py --reader docx --seconds 90
    python benchmarks/fuzz_readers.py --reader all --seconds 60      # one process per reader, a table at the end

The one property: ``read_bytes(data, path, fmt)`` returns a Document or raises ``InputError``; any other exception
is a crash. Each reader starts from a small valid seed of its format (built here, nothing downloaded), which
libFuzzer mutates. Crashes are not fatal: each distinct one (exception type + innermost frame) is printed once and
its input saved under ``--out`` (default ``artifacts/fuzz/<reader>/``); keep small ones as inline regressions in
tests/readers/test_fuzz_regressions.py. An input that takes longer than ``--timeout`` seconds is a hang (libFuzzer
stops).

Without atheris (it needs a compiler for some Pythons) ``--engine hypothesis`` runs the same property over
hypothesis' byte mutations of the seed: coverage-blind, but the same harness.
"""
from __future__ import annotations

import argparse
import hashlib
import io
import json
import subprocess
import sys
import time
import traceback
import zipfile
from pathlib import Path
from typing import Callable, Dict, List

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SUFFIX = {"text": "x.txt", "markdown": "x.md", "docx": "x.docx", "xlsx": "x.xlsx", "csv": "x.csv", "pdf": "x.pdf",
          "reqif": "x.reqif", "reqifz": "x.reqifz", "sdoc": "x.sdoc", "doorstop": "REQ001.yml", "html": "x.html",
          "odt": "x.odt"}

REQIF = b"""<?xml version="1.0" encoding="UTF-8"?>
<REQ-IF xmlns="http://www.omg.org/spec/ReqIF/20110401/reqif.xsd"><CORE-CONTENT><REQ-IF-CONTENT>
<DATATYPES><DATATYPE-DEFINITION-STRING IDENTIFIER="T" LONG-NAME="T" MAX-LENGTH="1000"/></DATATYPES>
<SPEC-TYPES><SPEC-OBJECT-TYPE IDENTIFIER="OT" LONG-NAME="Req"><SPEC-ATTRIBUTES>
<ATTRIBUTE-DEFINITION-STRING IDENTIFIER="A1" LONG-NAME="ReqIF.Text"><TYPE><DATATYPE-DEFINITION-STRING-REF>T</DATATYPE-DEFINITION-STRING-REF></TYPE></ATTRIBUTE-DEFINITION-STRING>
<ATTRIBUTE-DEFINITION-STRING IDENTIFIER="A2" LONG-NAME="ReqIF.ForeignID"><TYPE><DATATYPE-DEFINITION-STRING-REF>T</DATATYPE-DEFINITION-STRING-REF></TYPE></ATTRIBUTE-DEFINITION-STRING>
</SPEC-ATTRIBUTES></SPEC-OBJECT-TYPE></SPEC-TYPES>
<SPEC-OBJECTS><SPEC-OBJECT IDENTIFIER="O1"><TYPE><SPEC-OBJECT-TYPE-REF>OT</SPEC-OBJECT-TYPE-REF></TYPE><VALUES>
<ATTRIBUTE-VALUE-STRING THE-VALUE="The system shall be fast."><DEFINITION><ATTRIBUTE-DEFINITION-STRING-REF>A1</ATTRIBUTE-DEFINITION-STRING-REF></DEFINITION></ATTRIBUTE-VALUE-STRING>
<ATTRIBUTE-VALUE-STRING THE-VALUE="REQ-1"><DEFINITION><ATTRIBUTE-DEFINITION-STRING-REF>A2</ATTRIBUTE-DEFINITION-STRING-REF></DEFINITION></ATTRIBUTE-VALUE-STRING>
</VALUES></SPEC-OBJECT></SPEC-OBJECTS>
<SPECIFICATIONS><SPECIFICATION IDENTIFIER="S1"><CHILDREN><SPEC-HIERARCHY IDENTIFIER="H1"><OBJECT><SPEC-OBJECT-REF>O1</SPEC-OBJECT-REF></OBJECT></SPEC-HIERARCHY></CHILDREN></SPECIFICATION></SPECIFICATIONS>
</REQ-IF-CONTENT></CORE-CONTENT></REQ-IF>
"""
SDOC = b"""[DOCUMENT]
TITLE: Spec

[SECTION]
TITLE: Performance

[REQUIREMENT]
UID: REQ-1
STATEMENT: The system shall be fast.
RATIONALE: >>>
Users are impatient, etc.
<<<

[/SECTION]
"""


def seed(fmt: str) -> bytes:
    """A small valid document of the format, built with the libraries the project already depends on."""
    text = "# Spec\n\nREQ-1: The system shall be fast and user-friendly.\n\n- Alice will send it ASAP.\n"
    if fmt in {"text", "markdown"}:
        return text.encode()
    if fmt == "csv":
        return b"id,text\nREQ-1,The system shall be fast.\nREQ-2,\"Quote, \"\"etc.\"\"\"\n"
    if fmt == "html":
        return b"<html><body><h1>Spec</h1><p id='r1'>The system shall be fast.</p><ul><li>TBD</li></ul></body></html>"
    if fmt == "doorstop":
        return b"active: true\nlevel: 1.2\nnormative: true\nheader: Speed\ntext: |\n  The system shall be fast.\n"
    if fmt == "sdoc":
        return SDOC
    if fmt == "reqif":
        return REQIF
    if fmt == "reqifz":
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("x.reqif", REQIF)
        return buf.getvalue()
    buf = io.BytesIO()
    if fmt == "docx":
        import docx

        d = docx.Document()
        d.add_heading("Spec", 1)
        d.add_paragraph("The system shall be fast.")
        d.add_table(rows=1, cols=2).rows[0].cells[0].text = "REQ-1"
        d.save(buf)
    elif fmt == "xlsx":
        import openpyxl

        wb = openpyxl.Workbook()
        wb.active.append(["id", "text"])
        wb.active.append(["REQ-1", "The system shall be fast."])
        wb.save(buf)
    elif fmt == "pdf":
        from reportlab.pdfgen import canvas

        c = canvas.Canvas(buf)
        c.drawString(72, 720, "REQ-1 The system shall be fast.")
        c.showPage()
        c.save()
    elif fmt == "odt":
        content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content '
                   'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
                   'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>'
                   '<text:h text:outline-level="1">Spec</text:h><text:p>The system shall be fast.</text:p>'
                   '</office:text></office:body></office:document-content>')
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("mimetype", "application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_STORED)
            z.writestr("content.xml", content)
    return buf.getvalue()


class Crashes:
    """Distinct crashes: the first input of each (exception type, innermost frame) is kept."""

    def __init__(self, out: Path) -> None:
        self.out, self.seen, self.runs = out, {}, 0

    def record(self, data: bytes, exc: BaseException) -> None:
        frame = traceback.extract_tb(exc.__traceback__)[-1]
        key = f"{type(exc).__name__} at {Path(frame.filename).name}:{frame.lineno}"
        if key in self.seen:
            return
        self.out.mkdir(parents=True, exist_ok=True)
        name = "crash-" + hashlib.sha1(data).hexdigest()[:12]
        (self.out / name).write_bytes(data)
        self.seen[key] = {"input": str(self.out / name), "bytes": len(data), "error": f"{type(exc).__name__}: {exc}"[:300]}
        print(f"CRASH {key}: {self.seen[key]['error']} -> {name}", flush=True)
        # libFuzzer ends the process with C exit() at -max_total_time: keep the record on disk as we go
        (self.out / "crashes.json").write_text(json.dumps(self.seen, indent=1))


def target(fmt: str, crashes: Crashes) -> Callable[[bytes], None]:
    from ambiguity.errors import InputError
    from ambiguity.readers.registry import read_bytes

    path = SUFFIX[fmt]

    def one(data: bytes) -> None:
        crashes.runs += 1
        try:
            read_bytes(data, path, fmt)
        except InputError:
            pass
        except Exception as exc:  # the property: nothing but InputError escapes
            crashes.record(data, exc)

    return one


def _bare_package() -> None:
    """Load ``ambiguity`` without its ``__init__`` (which imports spaCy through the Analyzer): the readers need
    none of it, and instrumenting spaCy and thinc would cost a minute per run for coverage we do not want."""
    import types

    if "ambiguity" not in sys.modules:
        pkg = types.ModuleType("ambiguity")
        pkg.__path__ = [str(ROOT / "ambiguity")]
        sys.modules["ambiguity"] = pkg


def run_atheris(fmt: str, seconds: int, timeout: int, out: Path) -> Crashes:
    import atheris

    first = seed(fmt)  # built before instrumenting, so the writers (python-docx, openpyxl...) load plain
    _bare_package()
    crashes = Crashes(out)
    with atheris.instrument_imports():  # the readers, and the parsing libraries they import lazily on first use
        one = target(fmt, crashes)
        one(first)
    corpus = out / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    (corpus / "seed").write_bytes(first)
    (out / "crashes.json").unlink(missing_ok=True)
    argv = [sys.argv[0], f"-max_total_time={seconds}", f"-timeout={timeout}", "-rss_limit_mb=3072",
            f"-max_len={max(4096, 2 * len(seed(fmt)))}", "-print_final_stats=1", str(corpus)]
    atheris.Setup(argv, one)
    atheris.Fuzz()  # does not return: the parent (--reader all) reads libFuzzer's final stats and crashes.json
    return crashes


def run_hypothesis(fmt: str, seconds: int, out: Path) -> Crashes:
    """Coverage-blind fallback: random byte edits (flip, insert, delete, splice) of the seed, for ``seconds``."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    crashes = Crashes(out)
    one = target(fmt, crashes)
    base = seed(fmt)
    edits = st.lists(st.tuples(st.integers(0, max(len(base) - 1, 0)), st.integers(0, 8), st.binary(max_size=8)),
                     max_size=6)
    deadline = time.time() + seconds

    @settings(max_examples=10 ** 9, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(edits=edits, raw=st.binary(max_size=64), mode=st.integers(0, 3))
    def prop(edits, raw, mode):
        if time.time() > deadline:
            raise _Stop
        data = bytearray(base)
        for at, cut, ins in edits:
            data[at: at + cut] = ins
        one(bytes(data) if mode else raw + bytes(data))

    started = time.time()
    try:
        prop()
    except _Stop:
        pass
    _summary(fmt, crashes, time.time() - started, "hypothesis")
    return crashes


class _Stop(Exception):
    pass


def _summary(fmt: str, crashes: Crashes, seconds: float, engine: str) -> None:
    print("SUMMARY " + json.dumps({"reader": fmt, "engine": engine, "seconds": round(seconds, 1), "runs": crashes.runs,
                                   "crashes": crashes.seen}), flush=True)


def main(argv: List[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--reader", default="all", help=f"one of {', '.join(SUFFIX)} or 'all'")
    ap.add_argument("--seconds", type=int, default=60)
    ap.add_argument("--timeout", type=int, default=20, help="seconds one input may take before it counts as a hang")
    ap.add_argument("--engine", choices=["atheris", "hypothesis"], default="atheris")
    ap.add_argument("--out", type=Path, default=ROOT / "artifacts" / "fuzz")
    args = ap.parse_args(argv)
    if args.reader == "all":  # one process each: libFuzzer runs once per process
        rows: Dict[str, dict] = {}
        for fmt in SUFFIX:
            cmd = [sys.executable, __file__, "--reader", fmt, "--seconds", str(args.seconds), "--timeout",
                   str(args.timeout), "--engine", args.engine, "--out", str(args.out)]
            started = time.time()
            proc = subprocess.run(cmd, capture_output=True, text=True)
            lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("SUMMARY ")]
            if lines:
                rows[fmt] = json.loads(lines[-1][8:])
            else:  # atheris: libFuzzer's final stats on stderr, crashes from the file the harness keeps
                stats = dict(ln[6:].split(":", 1) for ln in proc.stderr.splitlines() if ln.startswith("stat::"))
                found = args.out / fmt / "crashes.json"
                rows[fmt] = {"reader": fmt, "engine": args.engine, "seconds": round(time.time() - started, 1),
                             "runs": int(stats.get("number_of_executed_units", "0").strip() or 0),
                             "peak_rss_mb": stats.get("peak_rss_mb", "").strip(), "returncode": proc.returncode,
                             "crashes": json.loads(found.read_text()) if found.exists() else {}}
                if proc.returncode not in (0,) and not stats:
                    rows[fmt]["error"] = proc.stderr[-500:]
            print(json.dumps(rows[fmt]), flush=True)
        print(f"{'reader':10} {'engine':10} {'seconds':>8} {'runs':>9}  crashes")
        for fmt, r in rows.items():
            print(f"{fmt:10} {r.get('engine', '?'):10} {r.get('seconds', 0):8} {r.get('runs', 0):9}  "
                  f"{len(r.get('crashes', {})) if 'crashes' in r else r.get('error', '')[:80]}")
        return 0
    if args.reader not in SUFFIX:
        ap.error(f"unknown reader {args.reader!r}")
    out = args.out / args.reader
    if args.engine == "atheris":
        try:
            import atheris  # noqa: F401
        except ImportError:
            print("atheris is not installed (pip install atheris): using --engine hypothesis", file=sys.stderr)
            args.engine = "hypothesis"
    if args.engine == "atheris":
        run_atheris(args.reader, args.seconds, args.timeout, out)
    else:
        run_hypothesis(args.reader, args.seconds, out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
