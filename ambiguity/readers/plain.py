"""Plain text: paragraphs split at blank lines; bullets, numbered items and requirement ids start new blocks."""
from __future__ import annotations

import re
from typing import List

from . import base
from .base import Block, Document, line_starts, too_many_blocks

# A line that starts its own block even without a blank line before it.
_ITEM_START = re.compile(
    r"^\s*(?:[-*+\u2022\u25aa\u25cf]\s+|\d+[.)]\s+|[a-z][.)]\s+|\(?[ivx]+\)\s+|"
    r"\[?[A-Z][A-Z0-9]{0,11}(?:[-_.][A-Z0-9]+)*[-_]\d+(?:\.\d+)*\]?[:.)\s]|\d+(?:\.\d+)+\.?\s)"
)
_HEADING = re.compile(r"^\s*(?:\d+(?:\.\d+)*\.?\s+)?[A-Z][^.!?:;]{0,70}$")


def _kind(line: str, next_blank: bool, prev_blank: bool) -> str:
    stripped = line.strip()
    if stripped.startswith("|") and stripped.endswith("|"):
        return "table-row"
    if _ITEM_START.match(line):
        return "list-item"
    if prev_blank and next_blank and _HEADING.match(line) and len(stripped.split()) <= 8:
        return "heading"
    if stripped.isupper() and len(stripped.split()) <= 8:
        return "heading"
    return "paragraph"


def read_plain(text: str, path: str, fmt: str = "text") -> Document:
    starts = line_starts(text)
    n = len(starts)

    def line(i: int) -> str:  # sliced when needed, not a list of every line (50 bytes a line, even empty)
        return text[starts[i]: (starts[i + 1] if i + 1 < n else len(text))]

    blocks: List[Block] = []
    current: Block | None = None
    for i in range(n):
        body = line(i).rstrip("\r\n")
        if not body.strip():
            current = None
            continue
        prev_blank = i == 0 or not line(i - 1).strip()
        next_blank = i + 1 >= n or not line(i + 1).strip()
        kind = _kind(body, next_blank, prev_blank)
        begin, end = starts[i], starts[i] + len(body)
        if current is not None and kind == "paragraph" and current.kind in {"paragraph", "list-item"}:
            current.end = end  # continuation line of a paragraph or of a wrapped list item
            continue
        current = Block(begin, end, kind)
        blocks.append(current)
        if len(blocks) > base.MAX_BLOCKS:
            raise too_many_blocks(path)
        if kind in {"heading", "table-row"}:
            current = None
    return Document(path=path, text=text, analysis_text=text, blocks=blocks, format=fmt)
