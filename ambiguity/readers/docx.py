"""Word (.docx): paragraphs, headings, numbered and bulleted items and table cells, in document order.

The main document part is streamed through libxml2 (:func:`.safety.stream_member`): no element tree is built, only
the text of the paragraph or table in hand is kept, and the text read so far is capped (:class:`.extract.Budget`),
so memory stays bounded however large ``word/document.xml`` unpacks (python-docx, used before, built the whole tree:
a 3 MB file whose document part unpacks to 185 MiB took 2.7 GB and more than a minute). What is read follows
python-docx: the body's paragraphs and tables, a paragraph's text from its runs (``w:t``, tabs, breaks,
non-breaking hyphens), a cell's text its paragraphs joined by line breaks, a merged cell repeated in every grid
column and row it spans, paragraph styles from ``styles.xml`` (so "Heading 2" and "List Number" are known, not
guessed). Beyond python-docx, text that Word shows is not dropped: runs inside tracked insertions, content controls,
smart tags and simple fields, paragraphs inside block content controls, and nested tables (their text joins the
enclosing cell). Deleted text, text boxes (drawn, not in the flow) and tables-of-contents entries (repeats of the
headings) are left out. The archive is checked by :mod:`.safety` first.

Locations: ``{"paragraph": n, "heading": [...]}`` (n counts the body's paragraphs from 1, empty ones too, as
Word's own navigation does) or ``{"table": t, "row": r, "cell": c, "heading": [...]}``.
"""
from __future__ import annotations

import posixpath
import zipfile
from typing import Dict, Iterator, List, Optional, Tuple

from ..errors import InputError
from .base import Document
from .extract import Budget, Piece, build, table_pieces
from .safety import XmlTarget, feed_member, open_zip, refuse_dtds, stream_member

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_OFFICE_DOCUMENT = "/officeDocument"
_STYLES = "/styles"
#: Content types of a Word main part (document, template, macro-enabled).
_WORD_TYPES = ("wordprocessingml.document.main+xml", "wordprocessingml.template.main+xml",
               "ms-word.document.macroenabled.main+xml", "ms-word.template.macroenabledtemplate.main+xml")
#: Run content and its text (python-docx's ``CT_R.text``); ``w:br`` is a line break only when it wraps text.
_RUN_TEXT = {f"{W}tab": "\t", f"{W}ptab": "\t", f"{W}cr": "\n", f"{W}noBreakHyphen": "-"}
#: Elements whose content Word does not show in the flow: deleted text, and the VML copy of a drawing.
_HIDDEN = {f"{W}del", f"{W}moveFrom", _MC_FALLBACK}


def _heading_level(style_name: str) -> int:
    """1.. for a heading style ("Heading 2", "Title"), 0 otherwise."""
    name = style_name.lower()
    if name == "title":
        return 1
    if name.startswith("heading"):
        tail = name[len("heading"):].strip()
        return int(tail) if tail.isdigit() else 1
    return 0


def _is_list(style_name: str, numbered: bool) -> bool:
    style = style_name.lower()
    return style.startswith("list") or "bullet" in style or numbered  # numbering applied directly


# -- package parts ----------------------------------------------------------------------------------------------
class _Relationships(XmlTarget):
    def __init__(self) -> None:
        self.targets: List[Tuple[str, str, str]] = []  # (type, target, mode)

    def start(self, tag: str, attrib: Dict[str, str]) -> None:
        if tag == _REL:
            self.targets.append((attrib.get("Type", ""), attrib.get("Target", ""), attrib.get("TargetMode", "")))


class _ContentTypes(XmlTarget):
    def __init__(self) -> None:
        self.overrides: Dict[str, str] = {}
        self.defaults: Dict[str, str] = {}

    def start(self, tag: str, attrib: Dict[str, str]) -> None:
        if tag == f"{_CT}Override":
            self.overrides[attrib.get("PartName", "").lstrip("/").lower()] = attrib.get("ContentType", "")
        elif tag == f"{_CT}Default":
            self.defaults[attrib.get("Extension", "").lower()] = attrib.get("ContentType", "")

    def of(self, part: str) -> str:
        return self.overrides.get(part.lower()) or self.defaults.get(part.rsplit(".", 1)[-1].lower(), "")


class _Styles(XmlTarget):
    """Paragraph style ids to names, and the default paragraph style."""

    def __init__(self) -> None:
        self.names: Dict[str, str] = {}
        self.default: Optional[str] = None
        self._id: Optional[str] = None

    def start(self, tag: str, attrib: Dict[str, str]) -> None:
        if tag == f"{W}style":
            self._id = attrib.get(f"{W}styleId", "") if attrib.get(f"{W}type", "paragraph") == "paragraph" else None
            if self._id is not None:
                self.names.setdefault(self._id, "")
                if attrib.get(f"{W}default") in {"1", "true", "on"}:
                    self.default = self._id
        elif tag == f"{W}name" and self._id is not None:
            self.names[self._id] = attrib.get(f"{W}val", "")

    def end(self, tag: str) -> None:
        if tag == f"{W}style":
            self._id = None

    def name(self, style_id: Optional[str]) -> str:
        if style_id is not None and style_id in self.names:
            return self.names[style_id]
        return self.names.get(self.default, "") if self.default is not None else ""


def _part(base: str, target: str) -> Optional[str]:
    """The archive member a relationship target names, or None if it leaves the archive."""
    name = posixpath.normpath(target.lstrip("/") if target.startswith("/") else posixpath.join(base, target))
    return None if name.startswith("..") or name.startswith("/") or "://" in target else name


def _related(archive: zipfile.ZipFile, rels: str, base: str, kind: str, path: str) -> Optional[str]:
    if rels not in archive.NameToInfo:
        return None
    found = _Relationships()
    stream_member(archive, rels, path, found)
    for rel_type, target, mode in found.targets:
        if rel_type.endswith(kind) and mode.lower() != "external":
            return _part(base, target)
    return None


def _main_part(archive: zipfile.ZipFile, path: str) -> str:
    main = _related(archive, "_rels/.rels", "", _OFFICE_DOCUMENT, path)
    if main is None or main not in archive.NameToInfo:
        raise InputError(path, "not a Word .docx document (no main document part: another zip file renamed?)")
    if "[Content_Types].xml" in archive.NameToInfo:
        types = _ContentTypes()
        stream_member(archive, "[Content_Types].xml", path, types)
        kind = types.of(main)
        if not kind.lower().endswith(_WORD_TYPES):
            raise InputError(path, f"not a Word .docx document (its main part is {kind or 'of no known type'})")
    return main


# -- the document body --------------------------------------------------------------------------------------------
class _Cell:
    __slots__ = ("paragraphs", "span", "merge")

    def __init__(self) -> None:
        self.paragraphs: List[str] = []
        self.span = 1
        self.merge: Optional[str] = None  # w:vMerge: "restart", "continue" or None


class _Table:
    def __init__(self, number: int) -> None:
        self.number = number
        self.rows: List[List[str]] = []
        self.row: List[str] = []
        self.offset = 0  # grid column of the next cell in the row
        self.above: Dict[int, str] = {}  # grid column -> text of the cell that starts there, in the row before
        self.here: Dict[int, str] = {}
        self.cell: Optional[_Cell] = None


class _Body(XmlTarget):
    """The body's paragraphs and tables as :class:`Piece` objects, collected while the part is parsed."""

    def __init__(self, styles: _Styles, budget: Budget) -> None:
        self.styles, self.budget = styles, budget
        self.out: List[Piece] = []
        self.stack: List[str] = []
        self.hidden = 0  # depth inside content Word does not show
        self.runs = 0  # depth inside runs: a paragraph there is in a text box
        self.boxes = 0  # depth inside text-box paragraphs
        self.heading: List[str] = []
        self.n_par = self.n_table = 0
        self.para: Optional[List[str]] = None
        self.style: Optional[str] = None
        self.numbered = False
        self.tables: List[_Table] = []  # the top-level table in hand, then any nested in it

    def start(self, tag: str, attrib: Dict[str, str]) -> None:
        parent = self.stack[-1] if self.stack else ""
        self.stack.append(tag)
        if tag in _HIDDEN:
            self.hidden += 1
        if self.hidden or self.boxes:
            if tag == f"{W}p" and self.runs:
                self.boxes += 1
            return
        if tag == f"{W}r":
            self.runs += 1
        elif tag == f"{W}p":
            if self.runs:  # a paragraph inside a run: a text box, drawn beside the flow
                self.boxes += 1
                return
            self.para, self.style, self.numbered = [], None, False
            if not self.tables:
                self.n_par += 1
        elif self.para is None:
            self._table_start(tag, parent, attrib)
        elif tag == f"{W}pStyle" and parent == f"{W}pPr" and self.stack[-3] == f"{W}p":
            self.style = attrib.get(f"{W}val")
        elif tag == f"{W}numPr" and parent == f"{W}pPr" and self.stack[-3] == f"{W}p":
            self.numbered = True
        elif parent == f"{W}r":
            if tag in _RUN_TEXT:
                self._add(_RUN_TEXT[tag])
            elif tag == f"{W}br" and attrib.get(f"{W}type", "textWrapping") == "textWrapping":
                self._add("\n")

    def _table_start(self, tag: str, parent: str, attrib: Dict[str, str]) -> None:
        if tag == f"{W}tbl":
            if not self.tables:
                self.n_table += 1
            self.tables.append(_Table(self.n_table))
        elif not self.tables:
            return
        elif tag == f"{W}tr" and parent == f"{W}tbl":
            table = self.tables[-1]
            table.row, table.offset, table.here = [], 0, {}
        elif tag == f"{W}gridBefore" and parent == f"{W}trPr":
            self.tables[-1].offset = _int(attrib.get(f"{W}val"), 0)
        elif tag == f"{W}tc" and parent == f"{W}tr":
            self.tables[-1].cell = _Cell()
        elif tag == f"{W}gridSpan" and parent == f"{W}tcPr" and self.tables[-1].cell is not None:
            self.tables[-1].cell.span = max(1, min(_int(attrib.get(f"{W}val"), 1), 64))  # Word's grid has 63 columns
        elif tag == f"{W}vMerge" and parent == f"{W}tcPr" and self.tables[-1].cell is not None:
            self.tables[-1].cell.merge = attrib.get(f"{W}val", "continue")

    def data(self, text: str) -> None:
        if self.para is not None and not self.hidden and not self.boxes and self.stack[-1] == f"{W}t" \
                and len(self.stack) > 1 and self.stack[-2] == f"{W}r":
            self._add(text)

    def _add(self, text: str) -> None:
        self.budget.chars(len(text))
        assert self.para is not None
        self.para.append(text)

    def end(self, tag: str) -> None:
        self.stack.pop()
        if tag in _HIDDEN:
            self.hidden -= 1
            return
        if self.boxes:
            if tag == f"{W}p":
                self.boxes -= 1
            return
        if self.hidden:
            return
        if tag == f"{W}r":
            self.runs -= 1
        elif tag == f"{W}p" and self.para is not None:
            self._paragraph("".join(self.para))
            self.para = None
        elif self.tables:
            self._table_end(tag)

    def _paragraph(self, text: str) -> None:
        self.budget.chars(1)  # a paragraph is at least a line break in the text: empty ones count too
        style = self.styles.name(self.style)
        if self.tables:  # a cell's paragraph (a nested table's joins the enclosing cell)
            cell = self.tables[0].cell
            if cell is not None:
                cell.paragraphs.append(text)
            return
        if not text.strip() or style.lower().startswith("toc"):  # a table of contents repeats the headings
            return
        level = _heading_level(style)
        if level:
            self.heading[level - 1:] = [text.strip()]
            self.out.append(Piece(text, "heading", {"paragraph": self.n_par, "heading": list(self.heading)}))
        else:
            kind = "list-item" if _is_list(style, self.numbered) else "paragraph"
            self.out.append(Piece(text, kind, {"paragraph": self.n_par, "heading": list(self.heading)}))

    def _table_end(self, tag: str) -> None:
        table = self.tables[-1]
        if tag == f"{W}tc" and table.cell is not None and len(self.tables) == 1:
            cell = table.cell
            text = "\n".join(cell.paragraphs)
            if cell.merge == "continue":  # the rest of a vertical merge shows the text of its first cell
                text = table.above.get(table.offset, text)
            table.here[table.offset] = text
            table.row.extend([text] * cell.span)
            table.offset += cell.span
            table.cell = None
            self.budget.chars(cell.span)
        elif tag == f"{W}tc" and len(self.tables) > 1:
            table.cell = None
        elif tag == f"{W}tr" and len(self.tables) == 1:
            table.rows.append(table.row)
            table.above, table.row = table.here, []
        elif tag == f"{W}tbl":
            self.tables.pop()
            if not self.tables:
                self.out.extend(table_pieces(table.rows, {"table": table.number, "heading": list(self.heading)}))


def _int(value: Optional[str], default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _pieces(archive: zipfile.ZipFile, main: str, path: str, budget: Budget) -> Iterator[Piece]:
    base = posixpath.dirname(main)
    styles = _Styles()
    rels = posixpath.join(base, "_rels", posixpath.basename(main) + ".rels")
    styles_part = _related(archive, rels, base, _STYLES, path)
    if styles_part is not None and styles_part in archive.NameToInfo:
        stream_member(archive, styles_part, path, styles)
    body = _Body(styles, budget)
    for _ in feed_member(archive, main, path, body):  # pieces are handed on as each chunk is parsed
        yield from body.out
        body.out.clear()


def read_docx(data: bytes, path: str) -> Document:
    """Read a .docx file; a file that is not one (or is damaged) is a one-line :class:`InputError`."""
    archive = open_zip(data, path, ".docx")
    refuse_dtds(archive, path)
    main = _main_part(archive, path)
    budget = Budget(path, "Word document")
    return build(path, "docx", _pieces(archive, main, path, budget), empty="Word document has no text")
