"""Terminal injection (issue 16): names and text from the files never forge lines or reach the terminal as codes.

Each output a person reads goes through ``ambiguity.escape.printable``: the text output (with and without
``--color``), the error lines on stderr, the batch summary, log lines, the actions table and the GitHub annotations
(which first escape by the runner's rules).
"""
from __future__ import annotations

import logging
import re

import pytest
from click.testing import CliRunner

from ambiguity.escape import PrintableFormatter, printable

#: A line a file name would forge (no "/": it is a file name).
FORGED = "\n1 file, 0 units, 0 findings (0 errors, 0 warnings, 0 info), all clear\n"
ANSI = "\x1b[2J\x1b[31m"  # clear the screen, then red
#: Any control character a terminal would obey (what printable escapes), outside our own SGR colour codes.
_OWN_STYLE = re.compile(r"\x1b\[[0-9;]*m")


def _raw_controls(text: str) -> list:
    """Control characters left in output lines once our own colour codes are removed."""
    return [c for line in text.splitlines() for c in _OWN_STYLE.sub("", line) if ord(c) < 32 or 0x7f <= ord(c) < 0xa0
            or c in "\u2028\u2029\u202e\u2066"]


@pytest.mark.parametrize("raw,shown", [
    ("a\nb", "a\\nb"), ("a\rb", "a\\rb"), ("a\tb", "a\\tb"), ("\x1b[31mred", "\\x1b[31mred"), ("\x00", "\\x00"),
    ("\x7f\x9b", "\\x7f\\x9b"), ("abc\u202egnp.exe", "abc\\u202egnp.exe"), ("\u2028", "\\u2028"),
    ("café ✓ 日本 🙂", "café ✓ 日本 🙂"), ("", ""),
])
def test_printable(raw, shown):
    assert printable(raw) == shown


def test_printable_keeps_what_it_is_told_to():
    assert printable("a\nb\x1bc", keep="\n") == "a\nb\\x1bc"


@pytest.mark.parametrize("color", ["--color", "--no-color"])
def test_text_output_escapes_file_names(fast_cli, tmp_path, monkeypatch, color):
    from ambiguity.cli import main

    monkeypatch.chdir(tmp_path)
    names = [f"spec{FORGED}.md", f"{ANSI}red.md"]
    for name in names:
        (tmp_path / name).write_text("The UI shall be user-friendly.\n")
    result = CliRunner().invoke(main, ["scan", *names, "--fail-on", "none", color])
    assert result.exit_code == 0, result.output
    assert _raw_controls(result.stdout) == []
    lines = result.stdout.splitlines()
    # the forged summary is part of an escaped name, never a line of its own; the one summary line is the real one
    assert [line for line in lines if line.startswith("1 file, 0 units")] == []
    assert [_OWN_STYLE.sub("", line) for line in lines if re.match(r"^\d+ files?, ", _OWN_STYLE.sub("", line))] == [
        lines[-1]]
    assert "\\x1b[2J\\x1b[31mred.md" in result.stdout and "spec\\n1 file, 0 units" in result.stdout


def test_stderr_error_line_is_one_line(fast_cli, tmp_path, monkeypatch):
    from ambiguity.cli import main

    monkeypatch.chdir(tmp_path)
    (tmp_path / "ok.md").write_text("The UI shall be user-friendly.\n")
    name = f"missing{FORGED}{ANSI}.md"
    result = CliRunner().invoke(main, ["scan", "ok.md", name, "--fail-on", "none"])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        f"ambiguity: error: [A100] {printable(name)}: no such file or folder"]
    assert "\x1b" not in result.stderr


def test_every_coded_error_is_one_line():
    from ambiguity.errors import InputError, RuleFileError

    assert str(InputError(f"a{FORGED}{ANSI}", "bad")).count("\n") == 0
    assert "\x1b" not in str(RuleFileError(f"r{ANSI}.yml", 3, "x")) and "\\x1b[2J" in str(RuleFileError(ANSI, 3, "x"))
    err = InputError("a\nb.md", "bad")
    assert err.path == "a\nb.md"  # the machine formats (JSON, SARIF) keep the real name


def test_log_lines_are_escaped():
    record = logging.LogRecord("ambiguity", logging.WARNING, __file__, 1, "%s: %s", (f"x{FORGED}", ANSI), None)
    line = PrintableFormatter("ambiguity: %(message)s").format(record)
    assert "\n" not in line and "\x1b" not in line and line.startswith("ambiguity: x\\n1 file")


def test_batch_summary_lines_are_escaped():
    from ambiguity.batch.summary import BatchSummary

    summary = BatchSummary()
    summary.add({"path": f"bad{FORGED}{ANSI}.md", "error": {"code": "A100", "message": f"cannot read{ANSI}"}})
    summary.add({"path": f"ok{ANSI}.md", "units": 1, "words": 5, "counts": {}, "scores": {"scored_units": 1,
                                                                                      "clarity": 50.0}})
    text = "\n".join(summary.lines())
    assert _raw_controls(text) == []
    assert f"  {printable('bad' + FORGED + ANSI + '.md')}: [A100] cannot read\\x1b[2J\\x1b[31m" in text.splitlines()


def test_github_annotation_escapes_by_its_rules_and_drops_nothing_raw(analyzer):
    from ambiguity.output.github import annotation

    report = analyzer.analyze("The UI shall be user-friendly.\n", path=f"a,b:c%{FORGED}{ANSI}.md")
    line = annotation(report.findings[0])
    assert "\n" not in line and "\r" not in line and "\x1b" not in line
    # the runner's own escapes for % CR LF , : in a property; the escape character made visible
    assert "file=a%2Cb%3Ac%25%0A1 file%2C 0 units" in line and "\\x1b[2J" in line


def test_actions_table_escapes_owner_and_task():
    from ambiguity.meetings.cli import table_lines
    from ambiguity.meetings.notes import read_notes

    notes = f"# Team meeting 2027-03-04\n\n## Action items\n\n- @alice will clear the {ANSI}screen by Friday.\n"
    items = read_notes(notes, f"n{ANSI}.md", None).actions
    assert items and "\x1b" in items[0].text
    text = "\n".join(table_lines(items))
    assert "\x1b" not in text and "\\x1b[2J" in text
