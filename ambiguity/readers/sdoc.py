"""StrictDoc (.sdoc): requirements with their UID; titles as headings, rationale and comments as context.

The SDoc grammar is small and line-based (``[SECTION]``, ``[REQUIREMENT]``, ``FIELD: value`` and multi-line
``FIELD: >>>`` ... ``<<<``), so a short parser here is clearer than depending on StrictDoc itself (a large
application with a textX grammar and many dependencies) just to read it.

Locations: ``{"id": "SDOC-SRS-18", "field": "STATEMENT", "line": 42, "heading": [...]}`` (line in the .sdoc).
"""
from __future__ import annotations

import re
from typing import Any, Dict, Iterator, List, Optional

from ..errors import InputError
from .base import Document
from .decode import decode
from .extract import Piece, build

_NODE = re.compile(r"^\[(\[)?(/)?([A-Z][A-Z0-9_]*)\]?\]\s*$")
_FIELD = re.compile(r"^([A-Z][A-Z0-9_]*):(?: (.*))?$")
#: Field -> unit kind; other fields (MID, UID, STATUS, TAGS, RELATIONS...) are metadata, not prose.
_PROSE = {"STATEMENT": "requirement", "DESCRIPTION": "requirement", "CONTENT": "requirement",
          "TITLE": "heading", "RATIONALE": "rationale", "COMMENT": "note"}
_SKIP_NODES = {"GRAMMAR", "DOCUMENT_CONFIG"}


def _field_pieces(node: Optional[str], fields: List[Dict[str, Any]], headings: List[str]) -> Iterator[Piece]:
    """The prose fields of one node as pieces, each with its field, line, requirement id and heading path."""
    uid = next((f["value"].strip() for f in fields if f["name"] == "UID"), None)
    for f in fields:
        kind = _PROSE.get(f["name"])
        if kind is None or node in _SKIP_NODES:
            continue
        if node in {"SECTION", "DOCUMENT"} and f["name"] == "TITLE":
            continue  # already a heading
        if node == "TEXT" and kind == "requirement":
            kind = "paragraph"
        loc: Dict[str, Any] = {"field": f["name"], "line": f["line"]}
        if uid:
            loc["id"] = uid
        if headings:
            loc["heading"] = list(headings)
        # a long multi-line field: one piece per paragraph, each with its own line
        offset = 0
        for para in re.split(r"\n\s*\n", f["value"]):
            if para.strip():
                yield Piece(para, kind, dict(loc, line=f["line"] + offset))
            offset += para.count("\n") + 2


def _pieces(lines: List[str], path: str) -> Iterator[Piece]:
    headings: List[str] = []
    node: Optional[str] = None
    fields: List[Dict[str, Any]] = []
    i = 0

    def flush() -> Iterator[Piece]:
        return _field_pieces(node, fields, headings)

    while i < len(lines):
        line = lines[i]
        node_match = _NODE.match(line)
        if node_match:
            yield from flush()
            fields = []
            closing, name = bool(node_match.group(2)), node_match.group(3)
            if closing:
                if name == "SECTION" and headings:
                    headings.pop()
                node = None
            elif name == "FREETEXT":  # [FREETEXT] ... [/FREETEXT]: prose until the closing tag
                start = i + 1
                while i + 1 < len(lines) and lines[i + 1].strip() != "[/FREETEXT]":
                    i += 1
                fields = [{"name": "CONTENT", "value": "\n".join(lines[start:i + 1]), "line": start + 1}]
                node = "TEXT"
                yield from flush()
                fields, node = [], None
                i += 1
            else:
                node = name
            i += 1
            continue
        field = _FIELD.match(line)
        if field and node is not None or (field and not fields and node is None):
            name, value = field.group(1), field.group(2) or ""
            first = i + 1
            if value.strip() == ">>>":
                start = i + 1
                while i + 1 < len(lines) and lines[i + 1].rstrip() != "<<<":
                    i += 1
                value = "\n".join(lines[start:i + 1])
                first = start + 1
                i += 1  # the <<< line
            fields.append({"name": name, "value": value, "line": first})
            if name == "TITLE" and node in {"SECTION", "DOCUMENT"} and node is not None:
                if node == "SECTION":
                    headings.append(value.strip())
                yield Piece(value, "heading", {"field": "TITLE", "line": first,
                                                "heading": list(headings) or [value.strip()]})
        i += 1
    yield from flush()


def read_sdoc(data: bytes, path: str) -> Document:
    """Read a StrictDoc .sdoc file."""
    text = decode(data, path)
    if "[DOCUMENT]" not in text[:4096] and "[REQUIREMENT]" not in text and "[SECTION]" not in text:
        raise InputError(path, "not a StrictDoc document (no [DOCUMENT] header)")
    return build(path, "sdoc", _pieces(text.splitlines(), path), empty="StrictDoc document has no text")
