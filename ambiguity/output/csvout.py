"""CSV: one finding per row, for spreadsheets. Cells that a spreadsheet would run as a formula are defused."""
from __future__ import annotations

import csv
import io
from typing import Iterable, Iterator, List, Tuple

from ..types import Finding, Report

COLUMNS = ("path", "line", "column", "end_line", "end_column", "severity", "category", "rule", "confidence",
           "text", "message", "suggestion", "unit_id", "unit_kind")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _row(f: Finding) -> List[str]:
    return [f.path, str(f.line), str(f.column), str(f.end_line), str(f.end_column), str(f.severity), f.category,
            f.rule, f"{f.confidence:.3f}", _cell(f.text), _cell(f.message), _cell(f.suggestion),
            _cell(f.unit.id), f.unit.kind]


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
