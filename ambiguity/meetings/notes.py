"""Meeting notes as a whole: their lines, their meeting date, and their action items."""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, FrozenSet, List, Optional, Tuple

from .cues import cue
from .owners import owner_of
from .people import named_doer, people_of
from .speakers import inline_speaker, speaker_of, starts_item
from .tasks import decide, task_text
from .dates import due_date, meeting_date
from .model import ActionItem
from .segment import BULLET, Line, segment

#: A line that introduces a list of tasks ("Goals before the next meeting:", "Scope:", "A few things to do now:").
_LIST_INTRO = re.compile(
    r"\b(?:goals?|things (?:we|to)|tasks?|to ?dos?|steps|scope|follow[- ]?ups?|work items?|would like to do|"
    r"to get done|deliverables?)\b[^:]{0,80}:\s*$|^\W*(?:todo|to-?do|action items?|next steps)\s*:?\W*$",
    re.I,
)
_BOLD_TOPIC, _LINK_ONLY, _TEMPLATE_REQUEST = cue("bold-topic"), cue("link-only"), cue("template-request")
#: Checks whose "not an action" a sentence overrides when it names one of the meeting's people as firmly taking
#: the work ("Dennis to notify the requestor" in an agenda, "Waiting for @jdno to document the process").
_DOER_OVERRIDES = {"", "attendance-or-agenda", "progress"}
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
    #: Every sentence the cues judged, action or not, in reading order: what a learned classifier decides on.
    candidates: List["Candidate"] = field(default_factory=list)

    def by_kind(self, kind: str) -> List[Line]:
        """Lines of a section kind: actions, decisions, questions, attendance, agenda or discussion."""
        return [ln for ln in self.lines if ln.section_kind == kind and ln.kind not in {"heading", "blank"}]


@dataclass
class Candidate:
    """One sentence of an item as the cues saw it: where it starts, its text, and their verdict."""

    index: int  # index in the notes' lines of the item's first line
    number: int  # the (1-based) line where the sentence starts: where an action is reported
    probe: Line  # the sentence as a line (bullet, speaker prefix and checkbox kept on an item's first sentence)
    sentence: str
    first: bool  # the item's first sentence
    is_action: bool
    cue: str
    check: str  # the check of tasks.CHECKS that gave the verdict ("" when none did)
    attributed: bool  # a detail under a speaker's bullet
    list_item: bool  # an item of a list that a "TODO:"-like line introduces
    intro: Optional[Line] = None  # that introduction, whose due date the items inherit


def read_notes(text: str, path: str = "<text>", reference_date: Optional[date] = None,
               classifier: Optional[Any] = None) -> MeetingNotes:
    """Segment ``text`` and extract every action item with its owner and due date.

    With ``classifier`` (a :class:`~ambiguity.meetings.learned.LineClassifier`, or ``"default"`` for the shipped
    one) the learned line classifier decides which lines are action items, the cues' verdicts being among its
    features; owners and due dates are still read by the cues.
    """
    lines = segment(text)
    anchor, source = meeting_date(text, path, reference_date)
    content = [ln for ln in lines if ln.kind not in {"heading", "blank"}]
    cancelled = bool(content) and len(content) <= 3 and any(_CANCELLED.search(ln.text) for ln in content)
    notes = MeetingNotes(path, lines, [], anchor, source, cancelled)
    people = people_of(lines)
    intro: Optional[Line] = None
    item_depth: Optional[int] = None  # depth of the items a list introduction introduces (its first child bullet)
    speakers: List[Tuple[int, bool]] = []  # (depth, inline "Name:" speaker) of the enclosing bullets
    covered = set()  # continuation lines already read with the line that starts their item
    for i, line in enumerate(lines):
        if intro is not None and i not in covered and (
                line.kind == "heading" or (line.kind != "blank" and line.depth <= intro.depth and line.kind != "bullet")
                or (line.kind == "bullet" and line.depth < intro.depth)
                or (line.kind == "bullet" and intro.kind == "bullet" and line.depth <= intro.depth)):
            intro = None  # a bullet intro's items are nested under it; a paragraph intro's items follow it
        if line.kind == "heading":
            speakers = []
        elif line.kind == "bullet":
            while speakers and speakers[-1][0] >= line.depth:
                speakers.pop()
        if line.kind in {"blank", "code"} or i in covered:
            continue
        attributed = any(inline for _, inline in speakers)  # a detail under "Kim: ..." is Kim's opinion
        if line.kind == "bullet":
            speakers.append((line.depth, inline_speaker(line.body)))
        if intro is not None and line.kind == "bullet" and item_depth is None:
            item_depth = line.depth
        is_item = intro is not None and line.kind == "bullet" and line.depth == item_depth
        parts = _unit(lines, i)
        covered.update(j for j, _ in parts[1:])
        found = []
        for number, sentence, first in _sentences(lines, parts):
            probe = replace(
                line, text=(line.text[: len(line.text) - len(line.text.lstrip())] + _bullet(line) if first else "")
                + sentence, kind=line.kind if first else "text", checkbox=line.checkbox if first else "")
            if not first and _speaker_prefix(line.body):
                probe = replace(probe, text=_speaker_prefix(line.body) + " " + sentence)
            is_action, cue, check = decide(probe, under_list_intro=is_item and first, attributed=attributed)
            if not is_action and check in _DOER_OVERRIDES and named_doer(sentence, people, firm=True):
                is_action, cue, check = True, "commitment", "named-doer"  # "Jilayne to email ..." in an agenda
            if first and _is_intro(lines, i, parts):
                intro, item_depth = line, None
                if not is_action or cue in {"imperative", "list", "section"}:
                    # an introduction ("TODO:") is not itself the task; its items are
                    notes.candidates.append(Candidate(i, number, probe, sentence, first, False, cue, "intro",
                                                      attributed, False))
                    break
            if is_action and cue == "request" and _TEMPLATE_REQUEST.search(sentence) and not _lists_items(lines, i):
                is_action = False  # "New proposals (take a look!)" with nothing under it asks nothing this week
            candidate = Candidate(i, number, probe, sentence, first, is_action, cue, check, attributed,
                                  is_item and first, intro if intro is not line else None)
            notes.candidates.append(candidate)
            if is_action and number not in {c.number for c in found}:
                found.append(candidate)
        if cancelled:
            continue
        notes.actions.extend(action_of(c, lines, path, anchor, source, people) for c in found)
    if classifier is not None and not cancelled:
        if isinstance(classifier, str):
            from .learned import default_classifier

            classifier = default_classifier()
        notes.actions = classifier.actions(notes)
    return notes


def action_of(c: Candidate, lines: List[Line], path: str, anchor: Optional[date], source: str,
              people: FrozenSet[str] = frozenset()) -> ActionItem:
    """The action item of a sentence: owner read from it (else one of the ``people`` it names as committing), due
    date from it or else from its list's introduction."""
    at = lines[c.number - 1]
    due = due_date(c.sentence, anchor, source)
    if due.status == "none" and c.intro is not None:
        due = due_date(c.intro.body, anchor, source)
    owner, kind = owner_of(c.probe.body, c.cue)
    doer = named_doer(c.sentence, people)
    if doer and (kind == "none" or (owner or "").startswith(doer + " ")):
        owner, kind = doer, "person"  # "(Priya and tomw to review ...)": the people's names, not the whole clause
    return ActionItem(path=path, line=at.number, start=at.start, end=at.start + len(at.text),
                      text=task_text(c.sentence), owner=owner, owner_kind=kind, due=due,
                      section=lines[c.index].section, cue=c.cue)


def _is_intro(lines: List[Line], i: int, parts: List[Tuple[int, str]]) -> bool:
    """Does line ``i`` introduce a list of tasks ("TODO:", "Goals before the next meeting:"), or is it the prose
    paragraph that opens an "Action items" section and is followed by the items ("Out of today's discussion:")?"""
    if _LIST_INTRO.search(lines[i].text):
        return True
    if lines[i].kind != "text" or lines[i].section_kind != "actions":
        return False
    after = next((ln for ln in lines[parts[-1][0] + 1:] if ln.kind != "blank"), None)
    return after is not None and after.kind == "bullet"


def _lists_items(lines: List[Line], i: int) -> bool:
    """Does line ``i`` have items under it (deeper bullets), other than "No new proposals" / "None"?"""
    nxt = next((ln for ln in lines[i + 1:] if ln.kind != "blank"), None)
    if nxt is None or nxt.kind != "bullet" or nxt.depth <= lines[i].depth:
        return False
    return not re.match(r"^\W*(?:no|none|nothing|n/a)\b", nxt.body, re.I)


def _unit(lines: List[Line], i: int) -> List[Tuple[int, str]]:
    """Line ``i`` and its continuation lines (wrapped text of the same bullet or paragraph): ``(index, text)``."""
    parts = [(i, lines[i].body)]
    for j in range(i + 1, len(lines)):
        nxt = lines[j]
        if nxt.kind != "text" or len(parts) >= 12 or starts_item(nxt.content.strip()):
            break
        bullet_wrap = lines[i].kind == "bullet" and nxt.depth > lines[i].depth
        if parts[-1][1].rstrip().endswith((".", "!", "?", ":")) and not bullet_wrap:
            break
        parts.append((j, lines[j].content.strip()))
    return parts


_SENTENCE_END = re.compile(r"(?<=[a-z0-9)`*\]][.!?])\s+(?=[A-Z(\[\"'*_@])")


def _sentences(lines: List[Line], parts: List[Tuple[int, str]]) -> List[Tuple[int, str, bool]]:
    """The sentences of a unit, each with the (1-based) number of the line where it starts."""
    joined, starts = "", []
    for j, text in parts:
        if joined:
            joined += " "
        starts.append((len(joined), lines[j].number))
        joined += text
    out: List[Tuple[int, str, bool]] = []
    pos = 0
    bounds = [m.end() for m in _SENTENCE_END.finditer(joined)]
    # a wrapped item whose first line ends with a link and whose next line starts a capitalised clause:
    # "Base sample props [#22083](...)" / "Let's bring it in 1.1" are two sentences
    for (_, text), (off, _) in zip(parts[1:], starts[1:]):
        if re.search(r"[)\]>]\s*$", joined[:off]) and text[:1].isupper():
            bounds.append(off)
    bounds = sorted(set(bounds)) + [len(joined)]
    for end in bounds:
        sentence = joined[pos:end].strip()
        if sentence:
            number = max(n for off, n in starts if off <= pos)
            if pos == 0 and len(starts) > 1 and (_LINK_ONLY.match(parts[0][1]) or (
                    _BOLD_TOPIC.match(parts[0][1]) and len(parts[0][1].split()) <= 6)):
                # "[#123](...) -" or "**JAX support**" then the item's words: the item starts with its words
                number = starts[1][1]
            out.append((number, sentence, pos == 0))
        pos = end
    return out


def _bullet(line: Line) -> str:
    m = BULLET.match(line.content)
    return m.group(0).lstrip() if m else ""


def _speaker_prefix(body: str) -> str:
    m = speaker_of(body)
    return body[: m.end()].strip() if m else ""
