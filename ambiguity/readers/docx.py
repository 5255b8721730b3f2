"""Word (.docx): paragraphs, headings, numbered and bulleted items and table cells, in document order.

python-docx is the maintained reader of the Office Open XML word-processing format; it gives paragraph styles
(so "Heading 2" and "List Number" are known, not guessed) and tables as rows of cells, and parses XML with
entity resolution off. The archive is checked by :mod:`.safety` first.

Locations: ``{"paragraph": n, "heading": [...]}`` (n counts the body's paragraphs from 1, empty ones too, as
Word's own navigation does) or ``{"table": t, "row": r, "cell": c, "heading": [...]}``.
"""
from __future__ import annotations

import io
from typing import Iterator, List

from ..errors import InputError
from .base import Document
from .extract import Piece, build, table_pieces
from .safety import open_zip, refuse_dtds


def _heading_level(style_name: str) -> int:
    """1.. for a heading style ("Heading 2", "Title"), 0 otherwise."""
    name = style_name.lower()
    if name == "title":
        return 1
    if name.startswith("heading"):
        tail = name[len("heading"):].strip()
        return int(tail) if tail.isdigit() else 1
    return 0


def _is_list(paragraph) -> bool:
    style = (paragraph.style.name if paragraph.style is not None else "").lower()
    if style.startswith("list") or "bullet" in style:
        return True
    ppr = paragraph._p.pPr  # numbering applied directly, without a list style
    return ppr is not None and ppr.numPr is not None


def _pieces(document) -> Iterator[Piece]:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    heading: List[str] = []
    n_par = n_table = 0
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            n_par += 1
            text = item.text
            if not text.strip():
                continue
            level = _heading_level(item.style.name if item.style is not None else "")
            if level:
                heading[level - 1:] = [text.strip()]
                yield Piece(text, "heading", {"paragraph": n_par, "heading": list(heading)})
            else:
                kind = "list-item" if _is_list(item) else "paragraph"
                yield Piece(text, kind, {"paragraph": n_par, "heading": list(heading)})
        elif isinstance(item, Table):
            n_table += 1
            rows = [[cell.text for cell in row.cells] for row in item.rows]
            base = {"table": n_table, "heading": list(heading)}
            yield from table_pieces(rows, base)


def read_docx(data: bytes, path: str) -> Document:
    """Read a .docx file; a file that is not one (or is damaged) is a one-line :class:`InputError`."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    archive = open_zip(data, path, ".docx")
    refuse_dtds(archive, path)
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError) as exc:
        raise InputError(path, f"not a Word .docx document ({exc or type(exc).__name__})") from None
    except Exception as exc:  # lxml.etree.XMLSyntaxError, zlib.error and the like in damaged files
        raise InputError(path, f"damaged .docx: {type(exc).__name__}: {exc}") from None
    return build(path, "docx", _pieces(document), empty="Word document has no text")
