"""Spreadsheets (.xlsx, .csv): one unit per requirement row, with its id, row and column.

openpyxl is the maintained reader of .xlsx (read-only mode streams rows; it uses defusedxml when installed);
CSV needs only the standard library. The header row is the first row with text; the requirement text column
is the one whose header says so (Text, Requirement, Description, Statement...) or else the column with the
longest prose; the id column is named (ID, Req ID, Key...) or else the column whose values look like ids.
Both can be named by the caller (``text_columns=``, ``id_column=``).

Locations: ``{"sheet": "Reqs", "row": 12, "column": "Text", "id": "REQ-7"}`` (row as the spreadsheet
numbers it, so row 1 is the header).
"""
from __future__ import annotations

import csv
import io
import re
from typing import Iterable, Iterator, List, Optional, Sequence, Tuple

from ..errors import InputError
from .base import Document
from .decode import decode
from .extract import Piece, build, clean
from .safety import open_zip, refuse_dtds

Row = Tuple[int, List[str]]  # spreadsheet row number, cell texts
_TEXT_HEADER = re.compile(r"\b(text|requirements?|description|statement|story|summary|shall|body|content)\b", re.I)
_ID_HEADER = re.compile(r"^\s*(id|#|no\.?|nr\.?|number|key|ref(erence)?|uid|identifier|(req(uirement)?|item|story)[\s_-]*(id|no\.?|#|number|key))\s*$", re.I)
#: Rows one sheet may have; a sheet with more is data, not a specification, and is refused (not cut short).
MAX_ROWS = 100_000


def _capped(rows: Iterable[Row], path: str, name: Optional[str]) -> Iterator[Row]:
    """The rows, refusing the file at the first row past ``MAX_ROWS`` (read no further)."""
    for n, cells in rows:
        if n > MAX_ROWS:
            where = f"sheet {name!r} has" if name else "file has"
            raise InputError(path, f"{where} more than {MAX_ROWS:,} rows (limit {MAX_ROWS:,} rows per sheet)")
        yield n, cells


def _cell(value: object) -> str:
    return "" if value is None else str(value).strip()


def _columns(header: List[str], body: Sequence[Row], text_columns: Optional[Sequence[str]],
             id_column: Optional[str]) -> Tuple[List[int], Optional[int]]:
    from ..units import detect_id

    lowered = [h.lower() for h in header]
    width = max([len(header)] + [len(cells) for _, cells in body])

    def values(i: int) -> List[str]:
        return [cells[i] for _, cells in body if i < len(cells) and cells[i]]

    if id_column is not None:
        if id_column.lower() not in lowered:
            raise InputError("", f"no column named {id_column!r}")
        id_col: Optional[int] = lowered.index(id_column.lower())
    else:
        id_col = next((i for i, h in enumerate(header) if _ID_HEADER.match(h)), None)
        if id_col is None:
            for i in range(width):
                vals = values(i)
                if vals and sum(1 for v in vals if detect_id(v) == v.strip("[]")) >= 0.8 * len(vals):
                    id_col = i
                    break
    if text_columns:
        missing = [c for c in text_columns if c.lower() not in lowered]
        if missing:
            raise InputError("", f"no column named {missing[0]!r}")
        return [lowered.index(c.lower()) for c in text_columns], id_col
    named = [i for i, h in enumerate(header) if _TEXT_HEADER.search(h) and i != id_col]
    prose = {i: sum(len(v.split()) for v in values(i)) / max(len(values(i)), 1) for i in range(width) if i != id_col}
    if named:
        best = max(named, key=lambda i: prose.get(i, 0))
        if prose.get(best, 0) >= 3:
            return [best], id_col
    wordy = [i for i, words in prose.items() if words >= 5]
    return (sorted(wordy, key=lambda i: -prose[i])[:1] or []), id_col


def _sheet_pieces(name: Optional[str], rows: Iterable[Row], text_columns: Optional[Sequence[str]],
                  id_column: Optional[str], path: str) -> Iterator[Piece]:
    table = [(n, cells) for n, cells in rows if any(cells)]
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
            for i, value in enumerate(cells):
                if len(value.split()) >= 4:
                    col = header[i] if n != header_row and i < len(header) and header[i] else _letter(i)
                    yield Piece(value, "table-row", dict(base, row=n, column=col))
        return
    yield Piece(" | ".join(header[i] for i in cols if i < len(header)), "table-header",
                dict(base, row=header_row))
    for n, cells in body:
        uid = cells[id_col] if id_col is not None and id_col < len(cells) and cells[id_col] else None
        for i in cols:
            if i < len(cells) and cells[i]:
                loc = dict(base, row=n, column=header[i] if i < len(header) and header[i] else _letter(i))
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
        raise InputError(path, f"not a readable .xlsx workbook ({type(exc).__name__}: {exc})") from None

    def pieces() -> Iterator[Piece]:
        for ws in book.worksheets:
            if getattr(ws, "sheet_state", "visible") != "visible":
                continue
            rows = ((n, [_cell(v) for v in values])
                    for n, values in enumerate(ws.iter_rows(values_only=True, max_row=MAX_ROWS + 1), 1))
            yield from _sheet_pieces(ws.title, _capped(rows, path, ws.title), text_columns, id_column, path)

    try:
        return build(path, "xlsx", pieces(), empty="spreadsheet is empty: no cells with text")
    finally:
        book.close()


def read_csv(data: bytes, path: str, text_columns: Optional[Sequence[str]] = None,
             id_column: Optional[str] = None) -> Document:
    """Read a CSV (or TSV/semicolon) file; the dialect is sniffed."""
    text = decode(data, path)
    try:
        dialect = csv.Sniffer().sniff(text[:8192], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    try:
        rows = list(_capped(((n, [clean(c) for c in cells])
                             for n, cells in enumerate(csv.reader(io.StringIO(text), dialect), 1)), path, None))
    except csv.Error as exc:
        raise InputError(path, f"malformed CSV: {exc}") from None
    return build(path, "csv", _sheet_pieces(None, rows, text_columns, id_column, path),
                 empty="spreadsheet is empty: no cells with text")
