"""Split meeting notes into lines that know their section: action items, decisions, open questions, discussion.

The Markdown structure comes from markdown-it-py's block tokens (the parser :mod:`ambiguity.readers.markdown` uses),
whose ``map`` gives each block's line range: headings (ATX and setext), list items and how deep they are nested,
fenced code, thematic breaks, block quotes. Every physical line (as ``str.splitlines`` counts them, so that line
numbers match what the user sees) becomes one :class:`Line`.

Minutes also use conventions that are not Markdown, read line by line where the tokens say nothing more:
a bold line or a "Attendees:" line as a section title, "•" bullets, a "[ ] task" box without a bullet, and bullets
that Markdown would read as the continuation of a paragraph or as indented code (plain-text minutes indent freely).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import accumulate
from typing import Dict, Iterator, List, Optional, Tuple

from ..readers.markdown import block_tokens

#: Section headings and the kind of lines they hold.
_SECTION_KINDS = (
    ("actions", re.compile(r"\b(action items?|actions?|ais|todos?|to-?dos?|next steps?|follow[- ]?ups?|tasks?|"
                           r"assignments?)\b", re.I)),
    ("decisions", re.compile(r"\b(decisions?|decided|resolutions?|agreed|agreements?|outcomes?)\b", re.I)),
    ("questions", re.compile(r"\b(open (questions?|issues?|points?)|questions?|parking lot)\b", re.I)),
    ("attendance", re.compile(r"\b(attendees?|attendance|present|participants?|absent|regrets|apologies|guests?|"
                              r"invitees?|in attendance|who)\b", re.I)),
    ("agenda", re.compile(r"\bagenda\b", re.I)),
    # the pre-meeting part of a design document: what was proposed, not what was agreed
    ("background", re.compile(r"^(?:motivation|background|context|details|challenges|prior art|alternatives)$", re.I)),
)
#: A line that titles a section without being a Markdown heading: "**Decisions**", "Attendees:" (level 7: below
#: every Markdown heading, so it takes its parent section's kind when its own words name none).
_BOLD_HEADING = re.compile(r"^\s{0,3}(?:\*\*|__)([^*_]{1,80})(?:\*\*|__)\s*:?\s*$")
_COLON_HEADING = re.compile(r"^\s{0,3}([A-Z][A-Za-z /&-]{1,40}):\s*$")
_LABEL_LEVEL = 7
#: A list marker and an optional task box: how a bullet line's body is found (also for probes built from text).
BULLET = re.compile(r"^(\s*)(?:[-*+•]|\d+[.)])\s+(?:\[( |x|X)\]\s+)?")
#: A block-quote prefix ("> ", "> > "): quoted minutes are read like the rest, the prefix is not part of the body.
QUOTE = re.compile(r"^\s{0,3}(?:>\s?)+")
_CHECKBOX = re.compile(r"^\s*(?:[-*+]\s+)?\[( |x|X)\]\s+")


@dataclass
class Line:
    """One physical line of the notes, with its section and what it looks like."""

    number: int  # 1-based
    start: int  # character offset in the text
    text: str
    section: str  # the nearest heading's text
    section_kind: str  # actions | decisions | questions | attendance | agenda | background | discussion
    kind: str  # heading | blank | bullet | text | code (fenced code, front matter: never prose)
    depth: int = 0  # a bullet: how deep its list item is nested (0: top level); other lines: indentation // 2
    checkbox: str = ""  # " " (open), "x" (done) or ""

    @property
    def content(self) -> str:
        """The line without its block-quote prefix."""
        return unquoted(self.text)

    @property
    def body(self) -> str:
        """The line without its quote prefix, bullet or checkbox."""
        text = self.content
        m = BULLET.match(text) or _CHECKBOX.match(text)
        return text[m.end():].strip() if m else text.strip()


def unquoted(text: str) -> str:
    """``text`` without a block-quote prefix."""
    m = QUOTE.match(text)
    return text[m.end():] if m else text


def section_kind(heading: str) -> str:
    for kind, pattern in _SECTION_KINDS:
        if pattern.search(heading):
            return kind
    return "discussion"


@dataclass(frozen=True)
class _Role:
    """What the tokens say about one line."""

    kind: str  # heading | underline | item | inside (a list item's content) | code | rule
    depth: int = 0  # item: nesting depth
    level: int = 0  # heading: 1-6
    title: str = ""


def _roles(lines: List[str]) -> Dict[int, _Role]:
    """Line index -> its role in the Markdown block structure, for the lines the tokens speak of.

    YAML front matter is verbatim. A fence that is never closed would make code of everything after it, and so would
    a "~~~~" left by a strike-through: such an opening line is read as text instead, and the rest parsed again.
    """
    source = list(lines)
    roles: Dict[int, _Role] = {}
    for j in range(_front_matter(lines)):
        roles[j], source[j] = _Role("code"), ""
    for _ in range(_MAX_REPARSE):
        found, unclosed = _parse(source, roles)
        if unclosed is None:
            return found
        source[unclosed] = ""  # and parse again: the lines after it are Markdown again
    return found


def _parse(source: List[str], known: Dict[int, _Role]) -> Tuple[Dict[int, _Role], Optional[int]]:
    """The roles of ``source``'s lines (on top of ``known``), and the first line of an unclosed fence if any."""
    # a no-break space or a byte-order mark opening a line is indentation to a reader, not to CommonMark
    plain = [_ODD_SPACE.sub(_plain_spaces, ln) for ln in source]
    roles = dict(known)
    for tokens, first in block_tokens("\n".join(plain), [0, *accumulate(len(ln) + 1 for ln in plain[:-1])]):
        items = 0  # list items open around the current token
        for i, tok in enumerate(tokens):
            if tok.type == "list_item_close":
                items -= 1
            if tok.map is None:
                continue
            begin, end = tok.map[0] + first, tok.map[1] + first
            if tok.type == "list_item_open":
                roles.setdefault(begin, _Role("item", depth=items))
                items += 1
            elif tok.type == "heading_open":  # "- # x" stays a list item: the item's role came first
                for j, role in _heading_roles(tok, tokens[i + 1].content if i + 1 < len(tokens) else "", begin, end):
                    roles.setdefault(j, role)
            elif tok.type == "fence":
                if not _is_code(tok, source, begin, end):
                    return roles, begin
                roles.update((j, _Role("code")) for j in range(begin, end))
            elif tok.type == "hr":
                roles.setdefault(begin, _Role("rule"))
            elif items and tok.type in _CONTENT:  # a paragraph or table inside a list item: that item's content
                roles.update((j, _Role("inside", depth=items)) for j in range(begin, end) if j not in roles)
    return roles, None


_MAX_REPARSE = 20
_CONTENT = {"paragraph_open", "table_open", "html_block", "code_block"}
#: A fence's info string: empty or a language ("rust", "rust=", "{.yaml}"); "~~~~[~~struck~~](...)" opens no fence.
_INFO = re.compile(r"^(?:[\w{.]|$)")
_ODD_SPACE = re.compile(r"^[\s\ufeff]+")
_FENCE_END = re.compile(r"^[\s>]*(`{3,}|~{3,})\s*$")
_FRONT_MATTER_LINE = re.compile(r"^(?:\s*$|\s*#|[\w\"'-][^:]*:|\s+\S|-\s)")


def _plain_spaces(m: "re.Match[str]") -> str:
    return "".join(c if c in " \t" else " " for c in m.group(0) if c != "\ufeff")


def _is_code(tok, source: List[str], begin: int, end: int) -> bool:
    """A fence that holds code: closed, and "~~~" only with a language (a bare "~~~~" line is a strike-through
    left over by an editor's export far more often than a fence)."""
    if end - 1 == begin or not _closes(tok.markup, source[end - 1]) or not _INFO.match(tok.info):
        return False
    return tok.markup[0] == "`" or bool(tok.info.strip())


def _closes(markup: str, line: str) -> bool:
    """Does ``line`` close a fence opened with ``markup``?"""
    m = _FENCE_END.match(line)
    return bool(m and m.group(1)[0] == markup[0] and len(m.group(1)) >= len(markup))


def _front_matter(lines: List[str]) -> int:
    """The number of lines of a YAML front matter block ("---" ... "---") at the top, or 0."""
    if not lines or lines[0].strip() != "---":
        return 0
    for j in range(1, min(len(lines), 60)):
        if lines[j].strip() in {"---", "..."}:
            return j + 1 if j > 1 else 0
        if not _FRONT_MATTER_LINE.match(lines[j]):
            return 0
    return 0


def _heading_roles(tok, content: str, begin: int, end: int) -> Iterator[Tuple[int, _Role]]:
    """An ATX heading's line; a setext heading's title and underline. An empty heading ("##") and a "heading" whose
    title runs over several lines (a paragraph with "-" or "---" under it: in minutes a separator or an empty bullet,
    not a title) change no section: blank, and the paragraph's lines are read as text."""
    level, title = int(tok.tag[1:]), " ".join(content.split()).strip("*_ ")
    if tok.markup.startswith("#"):  # ATX: one line
        yield begin, (_Role("heading", level=level, title=title) if title else _Role("rule"))
        return
    if end - begin == 2 and title:  # setext: one title line, then the underline
        yield begin, _Role("heading", level=level, title=title)
    yield end - 1, _Role("underline")


def _label_heading(line: str) -> Optional[str]:
    """The title of a "**Decisions**" or "Attendees:" line (the latter only when it names a section kind)."""
    m = _BOLD_HEADING.match(line)
    if m:
        return m.group(1).strip()
    m = _COLON_HEADING.match(line)
    if m and section_kind(m.group(1)) != "discussion":
        return m.group(1).strip()
    return None


class _Sections:
    """The current section while walking down the notes: a stack of (level, title, kind)."""

    def __init__(self) -> None:
        self.stack: List[Tuple[int, str, str]] = []
        self.title, self.kind = "", "discussion"

    def enter(self, level: int, title: str) -> None:
        while self.stack and self.stack[-1][0] >= level:
            self.stack.pop()
        kind = section_kind(title)
        if kind == "discussion" and self.stack and level == _LABEL_LEVEL:
            kind = self.stack[-1][2]  # a bold sub-label inherits its section's kind
        self.stack.append((level, title, kind))
        self.title, self.kind = title, kind


def segment(text: str) -> List[Line]:
    """Every line of ``text`` (as ``str.splitlines`` counts them) with its section and shape."""
    raw = text.splitlines(keepends=True)
    physical = [full.rstrip("\r\n") for full in raw]
    roles = _roles(physical)
    out: List[Line] = []
    offset = 0
    sections = _Sections()
    for i, original in enumerate(physical):
        start, offset = offset, offset + len(raw[i])
        line = unquoted(original)
        role = roles.get(i)
        heading = _heading(line, role)
        if heading is not None:
            sections.enter(*heading)
            out.append(Line(i + 1, start, original, sections.title, sections.kind, "heading"))
            continue
        kind, depth, checkbox = _shape(line, role)
        out.append(Line(i + 1, start, original, sections.title, sections.kind, kind, depth, checkbox))
    return out


def _heading(line: str, role: Optional[_Role]) -> Optional[Tuple[int, str]]:
    """``(level, title)`` when the line titles a section: a Markdown heading, or a bold or "Attendees:" label line."""
    if role is not None and role.kind != "inside":
        return (role.level, role.title) if role.kind == "heading" else None
    title = _label_heading(line)
    return (_LABEL_LEVEL, title) if title is not None else None


def _shape(line: str, role: Optional[_Role]) -> Tuple[str, int, str]:
    """``(kind, depth, checkbox)`` of a line that is not a heading."""
    if role is not None and role.kind in {"underline", "rule"} or not line.strip():
        return "blank", 0, ""
    if role is not None and role.kind == "code":
        return "code", 0, ""
    m = BULLET.match(line)
    cb = _CHECKBOX.match(line)
    checkbox = ((m.group(2) if m else None) or (cb.group(1) if cb else "") or "").lower()
    indent = len((m.group(1) if m else line[: len(line) - len(line.lstrip())]).expandtabs(4)) // 2
    if role is not None and role.kind == "inside" and indent:
        indent = role.depth  # indented content of a list item: as deep as the items around it
    if role is not None and role.kind == "item":
        if not checkbox and not re.sub(r"^\s*(?:[-*+]|\d+[.)])", "", line).strip():
            return "blank", 0, ""  # an empty item ("-", "*"): nothing to read
        return "bullet", role.depth, checkbox
    # not a Markdown list item, yet a bullet to a reader: "• item", "[ ] task", an indented "- item" after a paragraph
    return ("bullet" if (m or cb) else "text"), indent, checkbox
