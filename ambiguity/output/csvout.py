"""CSV: one finding per row, for spreadsheets. Cells that a spreadsheet would run as a formula are defused."""
from __future__ import annotations

import csv
import io
from typing import Iterable, Iterator, List, Tuple

from ..types import Finding, Report

COLUMNS = ("path", "line", "column", "end_line", "end_column", "severity", "category", "rule", "confidence",
           "text", "message", "suggestion", "unit_id", "unit_kind")
#: What makes a spreadsheet read a cell as a formula (OWASP "CSV Injection": = + - @, tab, carriage return), and the
#: full-width forms some Excel locales accept as the same.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def safe_cell(value: object) -> str:
    """A cell a spreadsheet shows as text: one that would start a formula gets a leading single quote (OWASP).

    Every CSV this tool writes goes through here (``scan --format csv``, ``actions --format csv``); a file name, an
    owner or a task from a document is as hostile as the document.
    """
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def safe_row(values: Iterable[object]) -> List[str]:
    return [safe_cell(v) for v in values]


def _row(f: Finding) -> List[str]:
    return safe_row([f.path, f.line, f.column, f.end_line, f.end_column, f.severity, f.category, f.rule,
                     f"{f.confidence:.3f}", f.text, f.message, f.suggestion, f.unit.id, f.unit.kind])


def csv_lines(items: Iterable[Tuple[Report, List[Finding]]]) -> Iterator[str]:
    """A header, then one row per finding (streamed per document). Lines carry no trailing newline."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")

    def flush() -> str:
        out = buf.getvalue()
        buf.seek(0)
        buf.truncate()
        return out.rstrip("\n")

    writer.writerow(COLUMNS)
    yield flush()
    for _report, shown in items:
        for f in shown:
            writer.writerow(_row(f))
            yield flush()
