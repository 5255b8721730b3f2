"""Building a :class:`Document` from extracted pieces, for formats whose text is not the file itself.

A reader of Word, PDF, ReqIF... collects :class:`Piece` objects (the prose of one paragraph, cell or spec
object, its kind and where it sits in the original) and :func:`build` joins them, one per line group, into the
document's ``text`` with one block per piece. Offsets then point into the extracted text; ``location`` is what
a person follows back to the original.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple

from ..errors import InputError
from . import base
from .base import Block, Document, too_many_blocks

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u3000]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
#: Characters of text one extracted document may have: as much as the largest text file allowed by default
#: (``--max-bytes``, 20 MiB), so that an archive's compression cannot carry more text than a plain file could.
MAX_TEXT_CHARS = 20 * 1024 * 1024


@dataclass
class Piece:
    text: str
    kind: str = "paragraph"
    location: Dict[str, Any] = field(default_factory=dict)
    #: Where each line of ``text`` sits in the original, when a reader knows (a PDF: page and line); one entry per
    #: line of ``text`` split at line breaks, and what it gives overrides ``location`` for that line.
    lines: Optional[List[Dict[str, Any]]] = None


def _kept_lines(text: str) -> List[Tuple[int, str]]:
    """``(index of the line in text, cleaned line)`` for each line :func:`clean` keeps."""
    text = _CONTROL.sub(" ", text.replace("\r\n", "\n").replace("\r", "\n"))
    cleaned = ((i, _SPACES.sub(" ", line).strip()) for i, line in enumerate(text.split("\n")))
    return [(i, line) for i, line in cleaned if line]


def clean(text: str) -> str:
    """Collapse runs of spaces, drop control characters and blank lines; keep single line breaks."""
    return "\n".join(line for _, line in _kept_lines(text))


class Budget:
    """The raw text a streaming reader has taken from one document so far: the read is refused at the first
    character past :data:`MAX_TEXT_CHARS`, before more is kept."""

    def __init__(self, path: str, what: str = "document") -> None:
        self.path, self.what, self.taken = path, what, 0

    def left(self) -> int:
        """Characters that may still be taken, plus one (taking them all is refused)."""
        return MAX_TEXT_CHARS - self.taken + 1

    def chars(self, n: int) -> None:
        self.taken += n
        if self.taken > MAX_TEXT_CHARS:
            raise too_much_text(self.path, self.what)


def too_much_text(path: str, what: str = "document") -> InputError:
    return InputError(path, f"{what} has more than {MAX_TEXT_CHARS:,} characters of text "
                            f"(limit {MAX_TEXT_CHARS:,}, as for a text file): refused")


def build(path: str, fmt: str, pieces: Iterable[Piece], empty: str = "no text found") -> Document:
    """Join pieces into one text (a blank line between them) with a block for each non-empty piece.

    Pieces are taken as they come, so that a reader that streams them is refused at the first one past
    :data:`MAX_TEXT_CHARS` or :data:`MAX_BLOCKS`, not after it has read everything."""
    parts: List[str] = []
    blocks: List[Block] = []
    # the location of each line of the joined text, when some piece says where its lines are
    line_locations: List[Optional[Dict[str, Any]]] = []
    located = False
    offset = 0
    for piece in pieces:
        kept = _kept_lines(piece.text)
        body = "\n".join(line for _, line in kept)
        if not body:
            continue
        if parts:
            parts.append("\n\n")
            offset += 2
            line_locations.append(None)  # the blank line between two pieces
        parts.append(body)
        blocks.append(Block(offset, offset + len(body), piece.kind, dict(piece.location)))
        offset += len(body)
        if piece.lines is not None:
            located = True
            line_locations.extend(piece.lines[i] if i < len(piece.lines) else None for i, _ in kept)
        else:
            line_locations.extend([None] * len(kept))
        if offset > MAX_TEXT_CHARS:
            raise too_much_text(path)
        if len(blocks) > base.MAX_BLOCKS:
            raise too_many_blocks(path)
    if not blocks:
        raise InputError(path, empty)
    text = "".join(parts)
    return Document(path=path, text=text, analysis_text=text, blocks=blocks, format=fmt,
                    line_locations=line_locations if located else None)


def table_pieces(rows: Sequence[Sequence[str]], base: Dict[str, Any], header: bool = True) -> List[Piece]:
    """One piece per non-empty cell. The first row of a multi-row table is a header (context, not scored);
    a row whose first cell is a bare requirement identifier lends it to the row's other cells."""
    from ..units import detect_id  # late: units imports readers

    pieces: List[Piece] = []
    for r, row in enumerate(rows, 1):
        seen: List[str] = []
        row_id = None
        first = clean(row[0]) if row else ""
        if first and len(first) <= 32 and detect_id(first) == first.strip("[]():. "):
            row_id = detect_id(first)
        for c, cell in enumerate(row, 1):
            body = clean(cell)
            if not body or body in seen:  # merged cells repeat their text
                continue
            seen.append(body)
            loc = dict(base, row=r, cell=c)
            if header and r == 1 and len(rows) > 1:
                kind = "table-header"
            elif row_id and c > 1:
                kind, loc["id"] = "requirement", row_id
            elif row_id and c == 1:
                continue  # the id itself is a label
            else:
                kind = "table-row"
            pieces.append(Piece(body, kind, loc))
    return pieces
