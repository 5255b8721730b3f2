"""OpenDocument text (.odt): headings, paragraphs, list items and table cells from ``content.xml``.

The format is a zip of plain XML with a small, stable vocabulary (text:h, text:p, text:list, table:table), so it
is read with the standard zip module and defusedxml rather than odfpy, whose last release is from 2020.

Locations as for Word: ``{"paragraph": n, "heading": [...]}`` or ``{"table": t, "row": r, "cell": c, ...}``.
"""
from __future__ import annotations

from typing import Any, Dict, Iterator, List

from .base import Document
from .extract import Piece, build, table_pieces
from .safety import open_zip, parse_xml, read_member

TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"


def _text(el: Any) -> str:
    """Text of a paragraph, with text:s (spaces), text:tab and text:line-break honoured; notes left out."""
    parts: List[str] = [el.text or ""]
    for child in el:
        tag = child.tag
        if tag == f"{TEXT}s":
            parts.append(" " * int(child.get(f"{TEXT}c", "1")))
        elif tag == f"{TEXT}tab":
            parts.append("\t")
        elif tag == f"{TEXT}line-break":
            parts.append("\n")
        elif tag not in {f"{TEXT}note", f"{TEXT}tracked-changes"}:
            parts.append(_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _pieces(body: Any) -> Iterator[Piece]:
    headings: List[str] = []
    count = {"paragraph": 0, "table": 0}

    def walk(el: Any, in_list: bool) -> Iterator[Piece]:
        for child in el:
            tag = child.tag
            if tag == f"{TEXT}h":
                count["paragraph"] += 1
                level = int(child.get(f"{TEXT}outline-level", "1") or 1)
                title = " ".join(_text(child).split())
                if title:
                    headings[level - 1:] = [title]
                    yield Piece(title, "heading", {"paragraph": count["paragraph"], "heading": list(headings)})
            elif tag == f"{TEXT}p":
                count["paragraph"] += 1
                loc: Dict[str, Any] = {"paragraph": count["paragraph"], "heading": list(headings)}
                yield Piece(_text(child), "list-item" if in_list else "paragraph", loc)
            elif tag == f"{TABLE}table":
                count["table"] += 1
                rows = [[" ".join(_text(p) for p in cell.iter(f"{TEXT}p")) for cell in row.iter(f"{TABLE}table-cell")]
                        for row in child.iter(f"{TABLE}table-row")]
                yield from table_pieces(rows, {"table": count["table"], "heading": list(headings)})
            else:
                yield from walk(child, in_list or tag == f"{TEXT}list")

    yield from walk(body, False)


def read_odt(data: bytes, path: str) -> Document:
    """Read an .odt document."""
    archive = open_zip(data, path, ".odt")
    root = parse_xml(read_member(archive, "content.xml", path), path, "OpenDocument XML")
    return build(path, "odt", _pieces(root), empty="OpenDocument file has no text")
