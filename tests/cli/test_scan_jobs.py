"""``scan --jobs``: many files on several processes give the output of one process, in the same order."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ambiguity.parallel import MIN_BYTES, worth_forking

ROOT = Path(__file__).resolve().parents[2]
REQUIREMENTS = [
    "The portal shall be user-friendly for clerks.",
    "The vendor will deliver the migration plan ASAP.",
    "Reports shall be exported as PDF, CSV, etc.",
    "The API shall respond quickly under the expected load.",
    "The operator starts the pump when the tank is full.",
]


def _folder(tmp_path: Path, files: int, lines: int) -> Path:
    folder = tmp_path / "specs"
    folder.mkdir()
    for i in range(files):
        body = "".join(f"- REQ-{i}-{j}: {REQUIREMENTS[(i + j) % len(REQUIREMENTS)]}\n\n" for j in range(lines))
        (folder / f"spec{i:02d}.md").write_text(f"# Spec {i}\n\n{body}", encoding="utf-8")
    return folder


def test_small_scans_stay_in_one_process(tmp_path):
    folder = _folder(tmp_path, 3, 5)
    files = [str(p) for p in sorted(folder.iterdir())]
    assert not worth_forking(files, 2)
    assert not worth_forking(files[:1] * 1, 8)
    big = tmp_path / "big.md"
    big.write_text("x" * MIN_BYTES)
    assert worth_forking([str(big), files[0]], 2) and not worth_forking([str(big), files[0]], 1)


@pytest.mark.slow  # two whole scans of 300 KB in processes of their own
def test_jobs_2_prints_what_jobs_1_prints(tmp_path):
    folder = _folder(tmp_path, 6, 1100)  # about 300 KB: above the size worth forking for
    (folder / "spec03.md").write_bytes(b"\x00\x01 not text")  # a worker's read error comes back to be reported
    assert sum(p.stat().st_size for p in folder.iterdir()) >= MIN_BYTES

    def scan(jobs: str) -> str:
        result = subprocess.run([sys.executable, "-m", "ambiguity.cli", "scan", str(folder), "--jobs", jobs,
                                 "--format", "jsonl", "--fail-on", "none"], capture_output=True, text=True,
                                cwd=ROOT, timeout=600)
        assert result.returncode == 0, result.stderr
        assert "spec03.md: binary file" in result.stderr and "Traceback" not in result.stderr
        return result.stdout

    one, two = scan("1"), scan("2")
    assert one == two and one.count('"type": "finding"') > 1000
