"""Meeting notes as a whole: their lines, their meeting date, and their action items."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import List, Optional

from .actions import classify, owner_of, task_text
from .dates import due_date, meeting_date
from .model import ActionItem, DueDate
from .segment import Line, segment

#: A line that introduces a list of tasks ("Goals before the next meeting:", "Scope:", "A few things to do now:").
_LIST_INTRO = re.compile(
    r"\b(?:goals?|things (?:we|to)|tasks?|to ?dos?|steps|scope|follow[- ]?ups?|work items?|would like to do|"
    r"to get done|deliverables?)\b[^:]{0,80}:\s*$|^\W*(?:todo|to-?do|action items?|next steps)\s*:?\W*$",
    re.I,
)
_CANCELLED = re.compile(r"\b(?:meeting (?:was |is )?cancel(?:l)?ed|cancel(?:l)?ed|no meeting (?:this|today)|"
                        r"no minutes)\b", re.I)


@dataclass
class MeetingNotes:
    """What :func:`read_notes` finds in one set of notes."""

    path: str
    lines: List[Line]
    actions: List[ActionItem] = field(default_factory=list)
    meeting_date: Optional[date] = None
    date_source: str = ""
    cancelled: bool = False

    def by_kind(self, kind: str) -> List[Line]:
        """Lines of a section kind: actions, decisions, questions, attendance, agenda or discussion."""
        return [ln for ln in self.lines if ln.section_kind == kind and ln.kind not in {"heading", "blank"}]


def read_notes(text: str, path: str = "<text>", reference_date: Optional[date] = None) -> MeetingNotes:
    """Segment ``text`` and extract every action item with its owner and due date."""
    lines = segment(text)
    anchor, source = meeting_date(text, path, reference_date)
    content = [ln for ln in lines if ln.kind not in {"heading", "blank"}]
    cancelled = bool(content) and len(content) <= 3 and any(_CANCELLED.search(ln.text) for ln in content)
    notes = MeetingNotes(path, lines, [], anchor, source, cancelled)
    intro: Optional[Line] = None
    for i, line in enumerate(lines):
        if intro is not None and (line.kind == "heading" or (line.kind != "blank" and line.depth <= intro.depth
                                                             and line.kind != "bullet")
                                  or (line.kind == "bullet" and line.depth < intro.depth)):
            intro = None
        if line.kind == "bullet" and intro is not None and line.depth <= intro.depth and line is not intro:
            intro = None
        is_action, cue = classify(line, under_list_intro=intro is not None)
        if line.kind != "blank" and _LIST_INTRO.search(line.text):
            intro = line
            if not is_action or cue in {"imperative", "list"}:
                continue
        if not is_action or cancelled:
            continue
        context = _item_text(lines, i)
        due = due_date(context, anchor, source)
        if due.status == "none" and intro is not None and line is not intro:
            due = due_date(intro.body, anchor, source)
        owner, kind = owner_of(line.body, cue)
        notes.actions.append(ActionItem(
            path=path, line=line.number, start=line.start, end=line.start + len(line.text),
            text=task_text(context), owner=owner, owner_kind=kind, due=due, section=line.section, cue=cue,
        ))
    return notes


def _item_text(lines: List[Line], i: int, limit: int = 400) -> str:
    """The line plus its continuation lines (same bullet or paragraph), up to ``limit`` characters."""
    parts = [lines[i].body]
    for nxt in lines[i + 1:]:
        if nxt.kind != "text" or sum(len(p) for p in parts) > limit or parts[-1].rstrip().endswith((".", "!", "?")):
            break
        parts.append(nxt.text.strip())
    return " ".join(parts)[:limit]


def no_due() -> DueDate:
    return DueDate()
