#!/usr/bin/env python3
"""Set-up and everyday tasks with nothing but Python and pip.

    python3 dev.py demo     # create .venv, install ambiguity and its spaCy pipeline, scan corpus/samples/
    python3 dev.py test     # install the test dependencies too, run the test suite (what CI runs)
    python3 dev.py slow     # the slow tier (multiprocess, Dask, browser, notebook)
    python3 dev.py bench    # the benchmarks that print the reported figures

Installs are skipped when setup.cfg has not changed since the last one (a hash stamp in .venv).
"""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = Path(os.environ.get("AMBIGUITY_VENV", ROOT / ".venv"))
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / ("python.exe" if os.name == "nt" else "python")


def run(*cmd: str) -> int:
    print("+", " ".join(cmd), flush=True)
    return subprocess.call(cmd, cwd=ROOT)


def ensure(extra: str = "") -> None:
    if not PY.exists():
        print(f"+ creating {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    spec = ".[" + extra + "]" if extra else "."
    digest = hashlib.sha256((ROOT / "setup.cfg").read_bytes() + spec.encode()).hexdigest()[:16]
    stamp = VENV / f".installed-{extra or 'base'}"
    if stamp.exists() and stamp.read_text() == digest:
        return
    if run(str(PY), "-m", "pip", "install", "--quiet", "--upgrade", "pip") != 0:
        sys.exit("pip upgrade failed")
    if run(str(PY), "-m", "pip", "install", "--quiet", "-e", spec) != 0:
        sys.exit(f"installing {spec} failed")
    stamp.write_text(digest)


def main(argv: list) -> int:
    task = argv[1] if len(argv) > 1 else "help"
    if task == "demo":
        ensure()
        return run(str(BIN / "ambiguity"), "scan", "corpus/samples/", "--fail-on", "none")
    if task == "test":
        ensure("test")
        return run(str(PY), "-m", "pytest", "-q", *argv[2:])
    if task == "slow":
        ensure("test")
        code = run(str(PY), "-m", "pytest", "-q", "-m", "slow", *argv[2:])
        return 0 if code == 5 else code  # 5: no slow test selected
    if task == "bench":
        ensure()
        code = 0
        # the figures of the closing notes; fuzz_readers.py and limits.py run long and take their own options
        for name in ("throughput", "dev_eval", "model_eval", "meetings_eval", "readers", "batch"):
            code |= run(str(PY), str(ROOT / "benchmarks" / f"{name}.py"))
        return code
    print(__doc__)
    return 0 if task == "help" else 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
