"""Markdown: blocks from markdown-it-py's token map; code, URLs, HTML and markup blanked so offsets stay exact.

markdown-it-py is the maintained CommonMark parser (with GFM tables); it gives the line range of every block,
which is what we need to keep reported lines and columns exact.

Nesting: markdown-it stops at 20 levels (a quote is one, a list two) and skips what is deeper without a word, so a
line under 21 ``>`` or ten ``- `` markers, or a list nested ten deep, gave nothing. The limit is raised to
``MAX_NESTING``; a line deeper still is not analysed and a warning names it (the ``ambiguity`` logger, on stderr).
"""
from __future__ import annotations

import logging
import re
from typing import Any, Iterator, List, Sequence, Tuple

from markdown_it import MarkdownIt

from ..errors import InputError
from . import base
from .base import Block, Document, line_starts, mask, too_many_blocks

_INLINE_NOISE = re.compile(
    r"<!--.*?-->"                       # HTML comments (also across lines)
    r"|(?<!`)(`+)(?!`).+?(?<!`)\1(?!`)"  # code spans
    r"|\]\([^)\s]*(?:\s+\"[^\"]*\")?\)"  # link and image targets: keep the link text, blank the target
    r"|<https?://[^>\s]+>|<[^>@\s]+@[^>\s]+>"  # autolinks
    r"|\bhttps?://[^\s)>\]]+|\bwww\.[^\s)>\]]+"  # bare URLs
    r"|</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>"  # inline HTML tags
    r"|(?m:^[ \t]*(?:>[ \t]?|(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$))+(?:\[[ xX]\][ \t]+)?)"  # quote and list markers
                                        # (any number, mixed: "> - > 1. "), task boxes
    r"|(?m:^\s{0,3}#{1,6}\s+)|(?m:\s#+\s*$)"  # ATX heading markers
    r"|(?<![\w*])\*{1,3}(?=\S)|(?<=\S)\*{1,3}(?![\w*])|(?<!\w)_{1,3}(?=\S)|(?<=\S)_{1,3}(?!\w)"  # emphasis
    r"|~~|\|",                          # strikethrough, table pipes
    re.S,
)

log = logging.getLogger(__name__)

# Only the block structure is used (a heading's title is its inline token's raw content): the inline rule, which
# would tokenise every paragraph into children, is off. That halves the time and the memory of a parse.
_parser = MarkdownIt("commonmark").enable("table").disable("inline")
#: Nesting levels read (markdown-it's own limit is 20). Each level is a few frames of recursion in the parser and
#: four integers a line of a quote (markdown-it keeps each level's line table): 32 keeps a deep 20 MiB quote under
#: 600 MB.
MAX_NESTING = 32
_parser.options["maxNesting"] = MAX_NESTING
_tokenize = _parser.block.tokenize


def _tokenize_noting_depth(state: Any, start: int, end: int) -> None:
    """markdown-it's block tokenizer, noting in ``env["too_deep"]`` the lines it skips for being too deeply nested
    (its own test: at the nesting limit, from the next non-empty line of this container to its end)."""
    if state.level >= state.md.options.maxNesting:
        line = state.skipEmptyLines(start)
        if line < end and state.sCount[line] >= state.blkIndent:
            state.env.setdefault("too_deep", []).append((line, end))
    _tokenize(state, start, end)


_parser.block.tokenize = _tokenize_noting_depth
#: A long document is parsed in pieces of about this many lines, so that its tokens (~400 bytes each, five per list
#: item) never all exist at once: memory stays bounded.
CHUNK_LINES = 2000
#: Lines one top-level block (a paragraph, quote, list item or code block) and the blank lines after it may span
#: before the next block starts. Such a block cannot be parsed in
#: pieces: 10 million one-character lines in one paragraph took over 300 s and 1.7 GB before this limit; a quote
#: costs time in proportion to its depth on each line (100,000 lazy lines under 19 levels: ~60 s).
MAX_BLOCK_LINES = 100_000


def _pieces(text: str, starts: Sequence[int], size: int,
            path: str = "") -> Iterator[Tuple[list, int, List[Tuple[int, int]]]]:
    """The tokens of the text, a piece at a time: ``(tokens, first line of the piece, line ranges too deep to read)``.

    A piece of ``size`` lines is parsed; the last block that starts at its top level (or the last item of a list
    that does) may go on past the piece, so it is dropped and the next piece starts on its first line. Every block
    before it is final: CommonMark decides where a block ends from the lines up to the next one's start, and the
    next piece starts at the top level, as that block did (a list cut between items becomes two lists, which
    changes nothing we read). A single block longer than the piece doubles the piece, up to ``MAX_BLOCK_LINES``
    lines, past which the document is refused. Short texts are one piece.
    """
    n, first, grow = len(starts), 0, size
    while first < n:
        last = min(n, first + grow)
        begin, end = _line_range(starts, len(text), first, last)
        env: dict = {}
        tokens = _parser.parse(text[begin:end], env)
        deep = env.get("too_deep", [])
        if last >= n:
            yield tokens, first, deep
            return
        cuts = []  # (line, token index) where a top-level block or a top-level list's item starts
        for i, tok in enumerate(tokens):
            if tok.map is not None and tok.nesting >= 0 and (
                    tok.level == 0 or (tok.level == 1 and tok.type == "list_item_open")):
                cuts.append((tok.map[0], i))
        line, index = next(((ln, i) for ln, i in reversed(cuts) if ln > 0), (0, 0))
        if line == 0:
            if grow >= MAX_BLOCK_LINES:
                raise InputError(path, f"line {first + 1:,} starts a block (paragraph, quote, list or code) that runs past "
                                       f"{MAX_BLOCK_LINES:,} lines with the blank lines after it (limit "
                                       f"{MAX_BLOCK_LINES:,}): refused")
            grow = min(grow * 2, MAX_BLOCK_LINES)
            continue
        yield tokens[:index], first, [(a, min(b, line)) for a, b in deep if a < line]  # the rest is parsed again
        first, grow = first + line, size


def block_tokens(text: str, starts: Sequence[int], size: int = CHUNK_LINES) -> Iterator[Tuple[list, int]]:
    """The block tokens of ``text`` (line offsets ``starts``), a piece at a time: ``(tokens, first line of the piece)``;
    a token's ``map`` counts lines from the piece's first line (see :func:`_pieces`). Meeting notes are segmented
    from these (:mod:`ambiguity.meetings.segment`)."""
    for tokens, first, _deep in _pieces(text, starts, size):
        yield tokens, first


def _line_range(starts: Sequence[int], text_len: int, first: int, last: int) -> Tuple[int, int]:
    begin = starts[first] if first < len(starts) else text_len
    end = starts[last] if last < len(starts) else text_len
    return begin, end


def read_markdown(text: str, path: str) -> Document:
    starts = line_starts(text)
    hidden: List[Tuple[int, int]] = []
    blocks: List[Block] = []
    heading_path: List[str] = []
    too_deep: List[Tuple[int, int]] = []
    for tokens, first, deep in _pieces(text, starts, CHUNK_LINES, path):
        _blocks(tokens, first, starts, len(text), hidden, blocks, heading_path)
        too_deep.extend((a + first, b + first) for a, b in deep)
        if len(blocks) > base.MAX_BLOCKS:  # a piece at a time: refused before the rest is parsed
            raise too_many_blocks(path)
    # table delimiter rows ("|---|:--:|") are not content
    hidden.extend((m.start(), m.end()) for m in re.finditer(r"(?m)^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$", text))
    # inline markup never crosses a block (CommonMark): matched over the whole text, one stray backtick blanked
    # every paragraph up to the next backtick, and those blocks were then dropped as empty (425 of 1,493 paragraphs
    # of real requirements), with a lazy scan to the end of the file for each
    for b in blocks:
        hidden.extend((m.start(), m.end()) for m in _INLINE_NOISE.finditer(text, b.start, b.end))
    analysis = mask(text, hidden)
    if too_deep:
        _warn_too_deep(path, text, starts, too_deep)
    return Document(path=path, text=text, analysis_text=analysis, blocks=_trim(blocks, analysis), format="markdown")


def _warn_too_deep(path: str, text: str, starts: Sequence[int], ranges: List[Tuple[int, int]]) -> None:
    """One warning naming the lines (from 1) with text that were skipped for being nested too deeply."""
    lines = set()
    for a, b in ranges:
        for i in range(a, b):
            begin, end = _line_range(starts, len(text), i, i + 1)
            if text[begin:end].strip(" \t\r\n>"):
                lines.add(i + 1)
    if not lines:
        return
    spans: List[List[int]] = []
    for ln in sorted(lines):
        if spans and ln == spans[-1][1] + 1:
            spans[-1][1] = ln
        else:
            spans.append([ln, ln])
    named = ", ".join(f"{a}-{b}" if a != b else str(a) for a, b in spans[:10]) + (", ..." if len(spans) > 10 else "")
    log.warning("%s: line%s %s nested more than %d levels deep (quotes and lists): not analysed", path,
                "s" if len(lines) > 1 else "", named, MAX_NESTING)


def _blocks(tokens: list, shift: int, starts: Sequence[int], text_len: int, hidden: List[Tuple[int, int]],
            blocks: List[Block], heading_path: List[str]) -> None:
    """Blocks and hidden ranges from the tokens of a piece whose first line is line ``shift`` of the text."""
    in_list = 0
    in_thead = False
    for i, tok in enumerate(tokens):
        if tok.type in {"bullet_list_open", "ordered_list_open"}:
            in_list += 1
        elif tok.type in {"bullet_list_close", "ordered_list_close"}:
            in_list -= 1
        elif tok.type == "thead_open":
            in_thead = True
        elif tok.type == "thead_close":
            in_thead = False
        if tok.map is None:
            continue
        begin, end = _line_range(starts, text_len, tok.map[0] + shift, tok.map[1] + shift)
        if tok.type in {"fence", "code_block", "html_block", "hr"}:
            hidden.append((begin, end))
        elif tok.type == "heading_open":
            level = int(tok.tag[1:])
            title = tokens[i + 1].content if i + 1 < len(tokens) else ""
            heading_path[level - 1:] = [title]
            blocks.append(Block(begin, end, "heading", {"heading": list(heading_path)}))
        elif tok.type == "paragraph_open":
            kind = "list-item" if in_list else "paragraph"
            blocks.append(Block(begin, end, kind, {"heading": list(heading_path)} if heading_path else {}))
        elif tok.type == "tr_open":
            blocks.append(Block(begin, end, "table-header" if in_thead else "table-row",
                                {"heading": list(heading_path)} if heading_path else {}))


def _trim(blocks: List[Block], analysis: str) -> List[Block]:
    """Shrink blocks to their visible prose (no leading markup, no trailing newline); drop empty ones."""
    out = []
    for b in blocks:
        start, end = b.start, b.end
        while start < end and analysis[start].isspace():
            start += 1
        while end > start and analysis[end - 1].isspace():
            end -= 1
        if start < end:
            out.append(Block(start, end, b.kind, b.location))
    return out
