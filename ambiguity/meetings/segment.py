"""Split meeting notes into lines that know their section: action items, decisions, open questions, discussion.

Works on raw lines (Markdown or plain text) so that line numbers match what the user sees; a line's kind comes from
its own wording first and from the heading it sits under second.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import List

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
_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_BOLD_HEADING = re.compile(r"^\s{0,3}(?:\*\*|__)([^*_]{1,80})(?:\*\*|__)\s*:?\s*$")
_COLON_HEADING = re.compile(r"^\s{0,3}([A-Z][A-Za-z /&-]{1,40}):\s*$")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
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
    section_kind: str  # actions | decisions | questions | attendance | agenda | discussion
    kind: str  # heading | blank | bullet | text
    depth: int = 0
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


def segment(text: str) -> List[Line]:
    """Every line of ``text`` (as ``str.splitlines`` counts them) with its section and shape."""
    raw = text.splitlines(keepends=True)
    out: List[Line] = []
    offset = 0
    section, kind = "", "discussion"
    heading_stack: List[tuple] = []
    for i, full in enumerate(raw):
        original = full.rstrip("\r\n")
        line = unquoted(original)
        start = offset
        offset += len(full)
        heading = _heading_text(line, raw[i + 1].rstrip("\r\n") if i + 1 < len(raw) else "")
        if heading is not None:
            level, title = heading
            while heading_stack and heading_stack[-1][0] >= level:
                heading_stack.pop()
            k = section_kind(title)
            if k == "discussion" and heading_stack and level > 6:  # a bold sub-label inherits its section's kind
                k = heading_stack[-1][2]
            heading_stack.append((level, title, k))
            section, kind = title, k
            out.append(Line(i + 1, start, original, section, kind, "heading"))
            continue
        if _SETEXT.match(line) and out and out[-1].kind == "heading":
            out.append(Line(i + 1, start, original, section, kind, "blank"))
            continue
        if not line.strip():
            out.append(Line(i + 1, start, original, section, kind, "blank"))
            continue
        m = BULLET.match(line)
        cb = _CHECKBOX.match(line)
        checkbox = ((m.group(2) if m else None) or (cb.group(1) if cb else "") or "").lower()
        depth = len((m.group(1) if m else line[: len(line) - len(line.lstrip())]).expandtabs(4)) // 2
        out.append(Line(i + 1, start, original, section, kind, "bullet" if (m or cb) else "text", depth, checkbox))
    return out


def _heading_text(line: str, following: str):
    m = _HEADING.match(line)
    if m:
        return len(m.group(1)), m.group(2).strip("*_ ")
    m = _BOLD_HEADING.match(line)
    if m:
        return 7, m.group(1).strip()
    m = _COLON_HEADING.match(line)
    if m and section_kind(m.group(1)) != "discussion":
        return 7, m.group(1).strip()
    if line.strip() and _SETEXT.match(following) and not BULLET.match(line) and len(line) < 100:
        return (1 if following.strip().startswith("=") else 2), line.strip()
    return None
