"""Progress on stderr and -v logging: what a user sees while a scan runs, and only where it helps."""
from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import ambiguity.progress
from ambiguity.cli import main
from ambiguity.progress import Progress

ROOT = Path(__file__).resolve().parents[2]
BAR = re.compile(r"(\d+)/(\d+) \[")


class Terminal(io.StringIO):
    """A stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def _wait_until(condition, seconds: float = 5.0) -> None:
    end = time.monotonic() + seconds
    while not condition() and time.monotonic() < end:
        time.sleep(0.01)


def test_bar_appears_after_the_delay_with_done_and_total():
    stream = Terminal()
    progress = Progress(4, stream=stream, delay=0.05)
    progress.advance()
    _wait_until(lambda: progress.shown)
    progress.advance()
    _wait_until(lambda: "2/4" in stream.getvalue())  # redrawn within a tick
    progress.close()
    drawn = [tuple(map(int, m)) for m in BAR.findall(stream.getvalue())]
    assert drawn[0] == (1, 4) and (2, 4) in drawn  # documents done out of the total, as they finish
    assert stream.getvalue().endswith("\r")  # taken off the screen at the end


def test_no_bar_for_a_short_run_off_a_terminal_or_when_quiet():
    quick = Terminal()
    with Progress(3, stream=quick, delay=5.0) as progress:
        progress.advance()
    assert quick.getvalue() == ""  # over before the first second
    for stream, enabled in [(io.StringIO(), True), (Terminal(), False)]:
        progress = Progress(3, stream=stream, enabled=enabled, delay=0.0)
        time.sleep(0.1)
        progress.advance()
        progress.close()
        assert stream.getvalue() == "" and not progress.shown


def test_lines_to_the_same_terminal_go_around_the_bar(monkeypatch):
    stream = Terminal()
    progress = Progress(2, stream=stream, delay=0.0)
    _wait_until(lambda: progress.shown)
    monkeypatch.setattr(sys, "stdout", stream)
    progress.echo("a finding")
    progress.close()
    text = stream.getvalue()
    before, after = text.split("a finding\n")
    assert before.rstrip(" ").endswith("\r")  # the bar was cleared before the line ...
    assert BAR.search(after)  # ... and drawn again below it


def test_log_records_go_around_the_bar():
    import logging

    stream = Terminal()
    handler = logging.StreamHandler(stream)
    logger = logging.getLogger("ambiguity")
    logger.addHandler(handler)
    try:
        progress = Progress(2, stream=stream, delay=0.0)
        _wait_until(lambda: progress.shown)
        logger.warning("a log line")
        progress.close()
        assert handler.stream is stream  # given back
    finally:
        logger.removeHandler(handler)
    before, after = stream.getvalue().split("a log line\n")
    assert before.rstrip(" ").endswith("\r") and BAR.search(after)


@pytest.fixture()
def terminal_stderr(monkeypatch):
    """``scan`` believes stderr is a terminal, and the bar shows at once."""
    monkeypatch.setattr(ambiguity.progress, "is_terminal", lambda stream: True)
    monkeypatch.setattr(ambiguity.progress, "DELAY", 0.0)


def test_scan_shows_documents_done_on_stderr_only(fast_cli, terminal_stderr, monkeypatch):
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(main, ["scan", "corpus/samples", "missing.md", "--format", "concise",
                                       "--fail-on", "none"])
    counts = [tuple(map(int, m)) for m in BAR.findall(result.stderr)]
    assert counts and {total for _, total in counts} == {4}  # three samples and the missing file
    assert max(done for done, _ in counts) >= 3
    assert not BAR.search(result.stdout) and "%|" not in result.stdout
    quiet = CliRunner().invoke(main, ["scan", "corpus/samples", "-q", "--format", "concise", "--fail-on", "none"])
    assert quiet.stderr == "" and quiet.stdout == CliRunner().invoke(
        main, ["scan", "corpus/samples", "--format", "concise", "--fail-on", "none"]).stdout


def test_no_progress_when_stderr_is_not_a_terminal(fast_cli, monkeypatch):
    monkeypatch.chdir(ROOT)
    monkeypatch.setattr(ambiguity.progress, "DELAY", 0.0)
    result = CliRunner().invoke(main, ["scan", "corpus/samples", "--format", "concise", "--fail-on", "none"])
    assert result.stderr == ""


def test_verbose_names_each_file_its_reader_units_and_time(fast_cli, monkeypatch):
    monkeypatch.chdir(ROOT)
    args = ["scan", "corpus/samples", "missing.md", "--fail-on", "none"]
    report = json.loads(CliRunner().invoke(main, [*args, "--format", "json"]).stdout)
    result = CliRunner().invoke(main, [*args, "-v", "--format", "concise"])
    logged = {m["path"]: m for m in re.finditer(
        r"^ambiguity: (?P<path>\S+): (?P<reader>\w+) reader, (?P<units>\d+) units, (?P<secs>\d+\.\d\d) s "
        r"\(reading (?P<reading>\d+\.\d\d) s\)$", result.stderr, re.M)}
    assert set(logged) == {f["path"] for f in report["files"]}  # one line per document read
    for f in report["files"]:
        line = logged[f["path"]]
        assert line["reader"] == f["format"] and int(line["units"]) == len(f["units"])
        assert float(line["secs"]) >= float(line["reading"])
    assert "missing.md" in result.stderr  # the unreadable one is named too (as an error)
    assert re.search(r"^ambiguity: 4 documents in \d+\.\d s$", result.stderr, re.M)
    assert result.stdout == CliRunner().invoke(main, [*args, "--format", "concise"]).stdout  # logs stay on stderr
    quiet = CliRunner().invoke(main, [*args, "--format", "concise"])
    assert " reader, " not in quiet.stderr


@pytest.mark.slow
def test_real_terminal_shows_a_bar_and_q_hides_it(tmp_path):
    """The command with stderr on a pseudo-terminal, stdout to a pipe, as a user runs it, on a run of several
    seconds (loading the pipeline, then 60 specifications)."""
    pty = pytest.importorskip("pty")
    import fcntl
    import select
    import struct
    import termios

    spec = (ROOT / "corpus" / "samples" / "parcel-tracking-spec.md").read_text(encoding="utf-8")
    specs = [tmp_path / f"spec-{i:02}.md" for i in range(60)]
    for path in specs:
        path.write_text(spec, encoding="utf-8")

    def run(*extra: str):
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        out_path = tmp_path / "stdout.txt"  # a file, not a pipe: nobody reads a pipe until the end
        with open(out_path, "wb") as out:
            proc = subprocess.Popen([sys.executable, "-m", "ambiguity.cli", "scan", *map(str, specs), "--format",
                                     "concise", "--fail-on", "none", *extra],
                                    cwd=ROOT, stdout=out, stderr=slave, env=env)
        os.close(slave)
        err = b""
        while True:
            ready, _, _ = select.select([master], [], [], 0.1)
            if ready:
                try:
                    chunk = os.read(master, 65536)
                except OSError:
                    break
                if not chunk:
                    break
                err += chunk
            elif proc.poll() is not None:
                break
        os.close(master)
        code = proc.wait(timeout=600)
        return out_path.read_text(encoding="utf-8"), err.decode(errors="replace"), code

    out, err, code = run()
    assert code == 0
    counts = [(int(done), int(total)) for done, total in BAR.findall(err)]
    assert counts and {total for _, total in counts} == {60}
    assert counts[0][0] < 60 and err.endswith("\r")  # shown while it runs, taken away at the end
    assert "%|" not in out and out.count("\n") > 60 * 3
    out_quiet, err_quiet, _ = run("-q")
    assert err_quiet == "" and out_quiet == out
