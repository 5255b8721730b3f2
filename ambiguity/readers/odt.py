"""OpenDocument text (.odt): headings, paragraphs, list items and table cells from ``content.xml``.

The format is a zip of plain XML with a small, stable vocabulary (text:h, text:p, text:list, table:table), so it
is read with the standard zip module and libxml2 rather than odfpy, whose last release is from 2020. ``content.xml``
is streamed (:func:`.safety.stream_member`: no tree, DTDs refused, entities unresolved) and the text kept is capped
(:class:`.extract.Budget`), so memory stays bounded however large it unpacks (a tree of a 185 MiB part took 6 GB).

A paragraph's text honours text:s (spaces), text:tab and text:line-break; notes, comments (office:annotation) and
tracked deletions (text:tracked-changes) are left out. A nested table's text joins the enclosing cell.

Locations as for Word: ``{"paragraph": n, "heading": [...]}`` or ``{"table": t, "row": r, "cell": c, ...}``.
"""
from __future__ import annotations

import zipfile
from typing import Dict, Iterator, List, Optional

from .base import Document
from .extract import Budget, Piece, build, table_pieces
from .safety import XmlTarget, feed_member, open_zip

TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_PARAGRAPHS = {f"{TEXT}p", f"{TEXT}h"}
#: Content that is not the document's running text.
_SKIPPED = {f"{TEXT}note", f"{TEXT}tracked-changes", f"{OFFICE}annotation", f"{OFFICE}annotation-end"}


def _int(value: Optional[str], default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


class _Content(XmlTarget):
    """Pieces of ``content.xml``, collected while it is parsed."""

    def __init__(self, budget: Budget) -> None:
        self.budget = budget
        self.out: List[Piece] = []
        self.skip = 0  # depth inside skipped content
        self.lists = 0  # depth inside text:list
        self.headings: List[str] = []
        self.count = {"paragraph": 0, "table": 0}
        self.para: Optional[List[str]] = None  # the outermost paragraph in hand
        self.nested = 0  # paragraphs inside it (a frame's text box): their text joins it
        self.level = 0  # its outline level, for a heading
        self.tables = 0  # depth inside tables
        self.rows: List[List[str]] = []
        self.row: Optional[List[str]] = None
        self.cell: Optional[List[str]] = None

    def start(self, tag: str, attrib: Dict[str, str]) -> None:
        if tag in _SKIPPED or self.skip:
            self.skip += 1
            return
        if tag in _PARAGRAPHS:
            if self.para is not None:
                self.nested += 1
            else:
                self.para = []
                self.level = max(1, min(_int(attrib.get(f"{TEXT}outline-level"), 1), 10)) if tag == f"{TEXT}h" else 0
        elif self.para is not None:
            if tag == f"{TEXT}s":
                spaces = max(1, _int(attrib.get(f"{TEXT}c"), 1))
                self._add(" " * min(spaces, self.budget.left()))
            elif tag == f"{TEXT}tab":
                self._add("\t")
            elif tag == f"{TEXT}line-break":
                self._add("\n")
        elif tag == f"{TEXT}list":
            self.lists += 1
        elif tag == f"{TABLE}table":
            self.tables += 1
            if self.tables == 1:
                self.count["table"] += 1
                self.rows = []
        elif tag == f"{TABLE}table-row" and self.tables == 1:
            self.row = []
        elif tag == f"{TABLE}table-cell" and self.tables == 1:
            self.cell = []

    def data(self, text: str) -> None:
        if self.para is not None and not self.skip:
            self._add(text)

    def _add(self, text: str) -> None:
        self.budget.chars(len(text))
        assert self.para is not None
        self.para.append(text)

    def end(self, tag: str) -> None:
        if self.skip:
            self.skip -= 1
            return
        if tag in _PARAGRAPHS:
            if self.nested:
                self.nested -= 1
                return
            assert self.para is not None
            self._paragraph("".join(self.para), tag == f"{TEXT}h")
            self.para = None
        elif self.para is not None:
            return
        elif tag == f"{TEXT}list":
            self.lists -= 1
        elif tag == f"{TABLE}table-cell" and self.tables == 1 and self.row is not None and self.cell is not None:
            self.row.append(" ".join(self.cell))
            self.cell = None
            self.budget.chars(1)
        elif tag == f"{TABLE}table-row" and self.tables == 1 and self.row is not None:
            self.rows.append(self.row)
            self.row = None
        elif tag == f"{TABLE}table":
            self.tables -= 1
            if not self.tables:
                self.out.extend(table_pieces(self.rows, {"table": self.count["table"], "heading": list(self.headings)}))
                self.rows = []

    def _paragraph(self, text: str, heading: bool) -> None:
        self.budget.chars(1)  # a paragraph is at least a line break in the text: empty ones count too
        if self.tables:
            if self.cell is not None:
                self.cell.append(text)
            return
        self.count["paragraph"] += 1
        loc = {"paragraph": self.count["paragraph"], "heading": list(self.headings)}
        if heading:
            title = " ".join(text.split())
            if title:
                self.headings[self.level - 1:] = [title]
                self.out.append(Piece(title, "heading", {"paragraph": loc["paragraph"], "heading": list(self.headings)}))
        else:
            self.out.append(Piece(text, "list-item" if self.lists else "paragraph", loc))


def _pieces(archive: zipfile.ZipFile, path: str, budget: Budget) -> Iterator[Piece]:
    content = _Content(budget)
    for _ in feed_member(archive, "content.xml", path, content):  # pieces are handed on as each chunk is parsed
        yield from content.out
        content.out.clear()


def read_odt(data: bytes, path: str) -> Document:
    """Read an .odt document."""
    archive = open_zip(data, path, ".odt")
    budget = Budget(path, "OpenDocument file")
    return build(path, "odt", _pieces(archive, path, budget), empty="OpenDocument file has no text")
