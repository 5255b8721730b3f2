"""What every reader produces: the document's text and its blocks, with offsets into that text.

A reader turns bytes into a :class:`Document`. ``text`` is what a person sees (for text and Markdown, the file
itself), ``analysis_text`` has the same length with everything that is not prose (code, URLs, markup) blanked to
spaces, so that every offset found in it is an exact offset in ``text``. Blocks are the structural pieces
(heading, paragraph, list item, table row) from which units are made.
"""
from __future__ import annotations

import bisect
import re
from array import array
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple

from ..errors import InputError

#: Blocks (paragraphs, list items, cells, rows...) one document may have. Each costs memory while the document is
#: read, before the unit limit (``--max-units``, 50,000 by default) is checked, so every reader stops here: a
#: 20 MiB file of one-word lines would otherwise hold millions of blocks (2.4 GB for a text file, 3 GB and 280 s
#: for Markdown) before being refused.
MAX_BLOCKS = 200_000


def too_many_blocks(path: str) -> InputError:
    return InputError(path, f"document has more than {MAX_BLOCKS:,} paragraphs, items, cells or rows "
                            f"(limit {MAX_BLOCKS:,} while reading): refused")


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
    #: For extracted text whose lines come from places in the original (a PDF's pages), the location of each line
    #: of ``text`` (index 0 is line 1; ``None`` for a line of no place, such as the blank line between pieces).
    line_locations: Optional[List[Optional[Dict[str, Any]]]] = None

    def __post_init__(self) -> None:
        if len(self.text) != len(self.analysis_text):
            raise ValueError("analysis_text must have the same length as text")

    @cached_property
    def line_starts(self) -> Sequence[int]:
        """Offsets at which each line of ``text`` begins (computed on first use)."""
        return line_starts(self.text)

    def position(self, offset: int) -> Tuple[int, int]:
        """1-based line and column (in characters) of an offset into ``text``."""
        starts = self.line_starts
        line = bisect.bisect_right(starts, offset)
        return line, offset - starts[line - 1] + 1

    def location_at(self, offset: int, base: Optional[Dict[str, Any]] = None) -> Dict[str, Any]:
        """``base`` (the location of the block holding ``offset``) completed with what the reader knows of the line
        ``offset`` is on: for a PDF, the page and the line within it. A block that runs over several lines of the
        page (a paragraph, cells extracted one after the other) then gives each finding its own line."""
        out = dict(base or {})
        if self.line_locations:
            line = self.position(offset)[0]
            if line <= len(self.line_locations) and self.line_locations[line - 1]:
                out.update(self.line_locations[line - 1])
        return out


_NOT_BREAK = re.compile(r"[^\r\n]")
_BREAK = re.compile(r"\r\n?|\n")


def mask(text: str, ranges: Iterable[Tuple[int, int]]) -> str:
    """Blank the given character ranges to spaces, keeping line breaks so lines and columns stay exact.

    Built from slices (not a list of every character: 8 bytes a character, 90 MB for an 11 MB file)."""
    out: List[str] = []
    pos, n = 0, len(text)
    for start, end in sorted((max(0, s), min(n, e)) for s, e in ranges):
        start = max(start, pos)  # overlapping ranges
        if end <= start:
            continue
        out.append(text[pos:start])
        out.append(_NOT_BREAK.sub(" ", text[start:end]))
        pos = end
    out.append(text[pos:])
    return "".join(out)


def line_starts(text: str) -> Sequence[int]:
    """Offsets at which each line begins (line 1 at index 0). Recognises \\n, \\r\\n and lone \\r.

    An array of 8-byte integers, not a list of int objects (36 bytes a line: 720 MB for 20 MiB of empty lines)."""
    starts = array("q", [0])
    starts.extend(m.end() for m in _BREAK.finditer(text))
    return starts
