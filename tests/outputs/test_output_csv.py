"""CSV: a header and one row per finding; quoting and formula cells handled."""
from __future__ import annotations

import csv
import io

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
