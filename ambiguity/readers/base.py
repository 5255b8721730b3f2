"""What every reader produces: the document's text and its blocks, with offsets into that text.

A reader turns bytes into a :class:`Document`. ``text`` is what a person sees (for text and Markdown, the file
itself), ``analysis_text`` has the same length with everything that is not prose (code, URLs, markup) blanked to
spaces, so that every offset found in it is an exact offset in ``text``. Blocks are the structural pieces
(heading, paragraph, list item, table row) from which units are made.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Dict, Iterable, List, Tuple


@dataclass
class Block:
    start: int
    end: int
    kind: str  # heading | paragraph | list-item | table-row | table-header
    location: Dict[str, Any] = field(default_factory=dict)


@dataclass
class Document:
    path: str
    text: str
    analysis_text: str
    blocks: List[Block]
    format: str

    def __post_init__(self) -> None:
        if len(self.text) != len(self.analysis_text):
            raise ValueError("analysis_text must have the same length as text")


def mask(text: str, ranges: Iterable[Tuple[int, int]]) -> str:
    """Blank the given character ranges to spaces, keeping line breaks so lines and columns stay exact."""
    chars = list(text)
    for start, end in ranges:
        for i in range(max(0, start), min(len(chars), end)):
            if chars[i] not in "\r\n":
                chars[i] = " "
    return "".join(chars)


def line_starts(text: str) -> List[int]:
    """Offsets at which each line begins (line 1 at index 0). Recognises \\n, \\r\\n and lone \\r."""
    starts = [0]
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "\r":
            if i + 1 < n and text[i + 1] == "\n":
                i += 1
            starts.append(i + 1)
        elif ch == "\n":
            starts.append(i + 1)
        i += 1
    return starts
