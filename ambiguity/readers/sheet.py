"""Spreadsheets (.xlsx, .csv): one unit per requirement row, with its id, row and column.

openpyxl is the maintained reader of .xlsx (read-only mode streams rows; it uses defusedxml when installed);
CSV needs only the standard library. The header row is the first row with text; the requirement text column
is the one whose header says so (Text, Requirement, Description, Statement...) or else the column with the
longest prose; the id column is named (ID, Req ID, Key...) or else the column whose values look like ids.
Both can be named by the caller (``text_columns=``, ``id_column=``).

Locations: ``{"sheet": "Reqs", "row": 12, "column": "Text", "id": "REQ-7"}`` (row as the spreadsheet
numbers it, so row 1 is the header).

Bounds: a sheet's stored ``<dimension>`` is ignored (``A1:XFD100000`` in a 1.6 KB file made openpyxl pad every row
to 16,384 columns: 71 s of CPU), rows are kept sparse (only the cells with text), and a sheet may have at most
``MAX_ROWS`` rows and ``MAX_CELLS`` cells, counting the empty ones before the last filled cell of each row (what the
library hands over). Column detection looks at each filled cell once.
"""
from __future__ import annotations

import csv
import io
import re
from typing import Any, Dict, Iterable, Iterator, List, Optional, Sequence, Tuple

from ..errors import InputError
from .base import Document
from .decode import decode
from .extract import Budget, Piece, build, clean
from .safety import open_zip, refuse_dtds

Row = Tuple[int, Dict[int, str]]  # spreadsheet row number, {column index from 0: cell text} for cells with text
_TEXT_HEADER = re.compile(r"\b(text|requirements?|description|statement|story|summary|shall|body|content)\b", re.I)
_ID_HEADER = re.compile(r"^\s*(id|#|no\.?|nr\.?|number|key|ref(erence)?|uid|identifier|(req(uirement)?|item|story)[\s_-]*(id|no\.?|#|number|key))\s*$", re.I)
#: Rows one sheet may have; a sheet with more is data, not a specification, and is refused (not cut short).
MAX_ROWS = 100_000
#: Cells one sheet may have, counting each row up to its last filled cell (100,000 rows of 10 columns).
MAX_CELLS = 1_000_000


def _capped(rows: Iterable[Tuple[int, Sequence[Any]]], path: str, name: Optional[str],
            budget: Budget) -> Iterator[Row]:
    """Sparse rows, refusing the file at the first row past ``MAX_ROWS`` or cell past ``MAX_CELLS`` (read no
    further)."""
    where = f"sheet {name!r} has" if name else "file has"
    cells_seen = 0
    for n, values in rows:
        if n > MAX_ROWS:
            raise InputError(path, f"{where} more than {MAX_ROWS:,} rows (limit {MAX_ROWS:,} rows per sheet)")
        cells_seen += len(values)
        if cells_seen > MAX_CELLS:
            raise InputError(path, f"{where} more than {MAX_CELLS:,} cells up to row {n:,} (limit {MAX_CELLS:,} "
                                   "cells per sheet, counting each row up to its last filled cell)")
        cells = {}
        for i, value in enumerate(values):
            text = _cell(value)
            if text:
                cells[i] = text
                budget.chars(len(text))
        yield n, cells


def _cell(value: object) -> str:
    return "" if value is None else str(value).strip()


def _columns(header: Dict[int, str], body: Sequence[Row], text_columns: Optional[Sequence[str]],
             id_column: Optional[str]) -> Tuple[List[int], Optional[int]]:
    from ..units import detect_id

    def named(name: str) -> Optional[int]:
        return next((i for i, h in sorted(header.items()) if h.lower() == name.lower()), None)

    values: Dict[int, List[str]] = {}  # column -> its filled cells below the header, each cell looked at once
    for _, cells in body:
        for i, value in cells.items():
            values.setdefault(i, []).append(value)
    columns = sorted(values)
    if id_column is not None:
        id_col = named(id_column)
        if id_col is None:
            raise InputError("", f"no column named {id_column!r}")
    else:
        id_col = next((i for i, h in sorted(header.items()) if _ID_HEADER.match(h)), None)
        if id_col is None:
            for i in columns:
                vals = values[i]
                if sum(1 for v in vals if detect_id(v) == v.strip("[]")) >= 0.8 * len(vals):
                    id_col = i
                    break
    if text_columns:
        found = [named(c) for c in text_columns]
        missing = [c for c, i in zip(text_columns, found) if i is None]
        if missing:
            raise InputError("", f"no column named {missing[0]!r}")
        return [i for i in found if i is not None], id_col
    prose = {i: sum(len(v.split()) for v in values[i]) / len(values[i]) for i in columns if i != id_col}
    text_named = [i for i, h in sorted(header.items()) if _TEXT_HEADER.search(h) and i != id_col]
    if text_named:
        best = max(text_named, key=lambda i: prose.get(i, 0))
        if prose.get(best, 0) >= 3:
            return [best], id_col
    wordy = [i for i, words in prose.items() if words >= 5]
    return (sorted(wordy, key=lambda i: -prose[i])[:1] or []), id_col


def _sheet_pieces(name: Optional[str], rows: Iterable[Row], text_columns: Optional[Sequence[str]],
                  id_column: Optional[str], path: str) -> Iterator[Piece]:
    table = [(n, cells) for n, cells in rows if cells]
    if not table:
        return
    (header_row, header), body = table[0], table[1:]
    try:
        cols, id_col = _columns(header, body, text_columns, id_column)
    except InputError as exc:
        raise InputError(path, f"{exc.problem} in sheet {name!r}" if name else exc.problem) from None
    base = {"sheet": name} if name else {}
    if not cols:  # no requirement column: every wordy cell on its own (a pricing sheet, a plan)
        for n, cells in table:
            for i, value in sorted(cells.items()):
                if len(value.split()) >= 4:
                    col = header.get(i) if n != header_row else None
                    yield Piece(value, "table-row", dict(base, row=n, column=col or _letter(i)))
        return
    width = max(header) + 1
    yield Piece(" | ".join(header.get(i, "") for i in cols if i < width), "table-header", dict(base, row=header_row))
    for n, cells in body:
        uid = cells.get(id_col) if id_col is not None else None
        for i in cols:
            if cells.get(i):
                loc = dict(base, row=n, column=header.get(i) or _letter(i))
                if uid:
                    loc["id"] = uid
                yield Piece(cells[i], "requirement" if uid else "table-row", loc)


def _letter(i: int) -> str:
    out = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        out = chr(65 + r) + out
    return out


def read_xlsx(data: bytes, path: str, text_columns: Optional[Sequence[str]] = None,
              id_column: Optional[str] = None) -> Document:
    """Read every visible sheet of an .xlsx workbook."""
    import openpyxl

    archive = open_zip(data, path, ".xlsx")
    refuse_dtds(archive, path)
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises KeyError, InvalidFileException, zlib and XML errors
        raise InputError(path, f"not a readable .xlsx workbook ({type(exc).__name__}: {' '.join(str(exc).split())})") from None  # its messages span lines

    budget = Budget(path, "workbook")

    def pieces() -> Iterator[Piece]:
        for ws in book.worksheets:
            if getattr(ws, "sheet_state", "visible") != "visible":
                continue
            if hasattr(ws, "reset_dimensions"):  # the stored size is a claim, not the content: rows are not padded to it
                ws.reset_dimensions()
            rows = enumerate(_parsed_rows(ws, path), 1)
            yield from _sheet_pieces(ws.title, _capped(rows, path, ws.title, budget), text_columns, id_column, path)

    try:
        return build(path, "xlsx", pieces(), empty="spreadsheet is empty: no cells with text")
    finally:
        book.close()


def _parsed_rows(ws: Any, path: str) -> Iterator[Tuple[Any, ...]]:
    """The sheet's rows as openpyxl parses them, lazily (read-only mode): an error in the sheet's XML surfaces here,
    while rows are taken, and is an :class:`InputError` naming the sheet instead of a traceback."""
    rows = ws.iter_rows(values_only=True, max_row=MAX_ROWS + 1)
    while True:
        try:
            values = next(rows)
        except StopIteration:
            return
        except Exception as exc:  # ParseError, TypeError, ValueError... from openpyxl's parser
            raise InputError(path, f"sheet {ws.title!r} is not readable ({type(exc).__name__}: "
                                   f"{' '.join(str(exc).split())})") from None
        yield values


def read_csv(data: bytes, path: str, text_columns: Optional[Sequence[str]] = None,
             id_column: Optional[str] = None) -> Document:
    """Read a CSV (or TSV/semicolon) file; the dialect is sniffed."""
    text = decode(data, path)
    try:
        dialect = csv.Sniffer().sniff(text[:8192], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    try:
        rows = list(_capped(((n, [clean(c) for c in cells]) for n, cells in enumerate(csv.reader(io.StringIO(text), dialect), 1)),
                            path, None, Budget(path, "file")))
    except csv.Error as exc:
        raise InputError(path, f"malformed CSV: {exc}") from None
    return build(path, "csv", _sheet_pieces(None, rows, text_columns, id_column, path),
                 empty="spreadsheet is empty: no cells with text")
