"""Who owns an action item: a speaker who commits, the subject of "X to do Y", a handle, "X volunteered", a passive
agent, a name in brackets at the end ... in the order of :data:`FINDERS`; ``(None, "none")`` when no one does.

The building blocks (a name, a role, a vague subject, the modals) are fragments of ``cues/vocabulary.yml``.
"""
from __future__ import annotations

import re
from typing import Callable, Optional, Tuple

from .cues import cue, fragment, words
from .speakers import MARKER, NOT_NAMES, speaker_name, speaker_of, strip_markup

Owner = Tuple[Optional[str], str]
NO_OWNER: Owner = (None, "none")

_NAMES, _ROLE, _VAGUE_SUBJ, _MODAL = fragment("names"), fragment("role"), fragment("vague-subject"), fragment("modal")
_IMPERATIVE = cue("imperative")
_NOUNISH = cue("nounish-word")
_NAMED_WILL = cue("named-will")
#: Lower-case words before "volunteered" / "agreed" that are not a handle ("who", "members").
_LOWER_NOT_NAMES = words("lower-not-names")
_VAGUE_FIRST = words("vague-first-words")

_VAGUE_OWNER = re.compile(rf"^(?:{_VAGUE_SUBJ}|let'?s|us|the group|the parties|both parties)$", re.I)
HANDLE = re.compile(r"@\*\*([^*]+)\*\*|(?<![\w.])@([A-Za-z][\w.-]*\w)")
_TRAIL_NAME = re.compile(r"\((?:maybe |perhaps |probably )?([a-z][\w-]{1,20}(?:/[a-z][\w-]{1,20})*)"
                         r"(?:,? (?:perhaps|maybe))?\??\)\s*\W*$")
_BY_AGENT = re.compile(rf"\b(?:by|from)\s+({_NAMES})\b")
#: The speaker's own commitment after the prefix: "Kim: I'll ...", "Kim: to send ...", "Kim: will check ...".
_FIRST_PERSON = re.compile(r"(?:I\b|I'|I’|me\b|my\b)")
_SPEAKER_COMMITS = re.compile(r"(?:to [a-z]+|will\b|'ll\b|plans? to\b|is going to\b)")
_VAGUE_OR_LETS = re.compile(rf"{_VAGUE_SUBJ}\b|let'?s\b", re.I)
#: Cues whose line is the speaker's task unless a vague subject follows the prefix.
_SPEAKER_TASK_CUES = {"marker", "section", "checkbox", "imperative", "commitment", "list"}
_SUBJECT = re.compile(rf"^(?P<who>{_NAMES}|{_ROLE}|{_VAGUE_SUBJ}|let'?s)\b", re.I)
_FOLLOWS_COMMIT = re.compile(rf"(?:{_MODAL}|volunteer|agreed|offered|plans?|planning|wants?|would like|"
                             r"has|have|took|is|are|was|will|"
                             r"and|,|:|—|–|-|\()", re.I)
_SEVERAL = re.compile(r",|/|&|\band\b")
_TOOK_ACTION = re.compile(r"\b([A-Z][a-z]+(?:\s[A-Z][a-z]+)?)\s*,?\s+(?:has|have|took)(?: an| the)? action\b")
_VOLUNTEERED = re.compile(rf"\b({_NAMES})\s+(?:has |have |had )?(?:volunteered|agreed|offered|promised|committed)\b")
_LOWER_VOLUNTEERED = re.compile(r"(?<![\w@])([a-z][a-z0-9_-]{1,20})\s+(?:has |have )?(?:volunteered|agreed|offered|"
                                r"signed up)\b")
_ASSIGNED = re.compile(r"\b(?:assigned|rerolled)(?: (?:the )?review)? to\s+(@\*\*[^*]+\*\*|@[\w.-]+|[A-Z][\w.-]+)")
_PASSIVE_BY = re.compile(r"\bwill be \w+ed by\b")
_ASKED_ROLE = re.compile(r"\b(the (?:\w+ )?(?:author|vendor|client|chair|release team|maintainers?))\b", re.I)
_TEAM = re.compile(r"\b(?:team|wg|working group|committee|board|group|squad)$", re.I)
_ROLE_ONLY = re.compile(_ROLE + "$", re.I)
_ROLE_START = re.compile(_ROLE, re.I)


def owner_of(line_body: str, cue: str = "") -> Owner:
    """The owner an action item names and its kind (person, handle, role, team), or ``(None, "none")``."""
    body = _owner_body(line_body)
    speaker = speaker_of(body)
    if speaker:
        rest = body[speaker.end():]
        if _speaker_owns(rest, cue):
            return kind_of(speaker_name(speaker).strip())
        body = rest
    found = _from_subject(body)
    if found is not None:
        return found
    for finder in FINDERS:
        found = finder(body)
        if found is not None:
            return found
    return NO_OWNER


def _owner_body(line_body: str) -> str:
    body = strip_markup(line_body)
    body = MARKER.sub("", body, count=1).strip()
    if body.startswith("**") and body.endswith("**"):
        body = body[2:-2].strip()  # a bold item; a bold handle at the end ("cc @**kim**") keeps its stars
    return body


def _speaker_owns(rest: str, cue: str) -> bool:
    """Is the task the speaker's own ("Kim: I'll ...", "Kim: to send ...", "Kim: update the docs" as a task)?"""
    return bool(_FIRST_PERSON.match(rest)) or (
        not _VAGUE_OR_LETS.match(rest) and cue in _SPEAKER_TASK_CUES
    ) or cue == "volunteer" or bool(_SPEAKER_COMMITS.match(rest))


def _from_subject(body: str) -> Optional[Owner]:
    """The subject of "X to do Y" / "X will ..." / "X, Y and Z: ...": an owner, NO_OWNER for a vague subject with
    no handle in the line, or None when the line does not open with an owner."""
    m = _SUBJECT.match(body)
    if not m:
        return None
    who = m.group("who").strip()
    first = who.split()[0].strip("[]@*").lower()
    if _VAGUE_OWNER.match(who) or first in _VAGUE_FIRST:
        return _handle(body) or NO_OWNER
    if _IMPERATIVE.match(who + " ") or (len(first) >= 5 and _NOUNISH.search(first) and not who.startswith("@")):
        first = "the"  # "Close and link ...", "Invite Timothy to ...", "Going to ...": not a name
    follows_commit = bool(_FOLLOWS_COMMIT.match(body[m.end():].lstrip(" ,")))
    several = bool(_SEVERAL.search(who)) and first not in NOT_NAMES
    if first not in NOT_NAMES and (follows_commit or several) and (who[0].isupper() or who.startswith(("@", "["))):
        return kind_of(who)
    if _ROLE_START.match(who) and follows_commit and first == "the":
        return kind_of(who)
    return None


def _handle(body: str) -> Optional[Owner]:
    handle = HANDLE.search(body)
    return kind_of("@" + (handle.group(1) or handle.group(2))) if handle else None


def _took_action(body: str) -> Optional[Owner]:
    """"Sam took an action to ...", "Raj has volunteered to ..."."""
    m = _TOOK_ACTION.search(body) or _VOLUNTEERED.search(body)
    return kind_of(m.group(1)) if m and m.group(1).split()[0].lower() not in NOT_NAMES else None


def _lower_volunteered(body: str) -> Optional[Owner]:
    """A lower-case handle: "ines has volunteered to chair the calls"."""
    m = _LOWER_VOLUNTEERED.search(body)
    if m and m.group(1) not in NOT_NAMES and m.group(1) not in _LOWER_NOT_NAMES:
        return kind_of(m.group(1))
    return None


def _named_will(body: str) -> Optional[Owner]:
    """"Kylie responded and Michael will follow up"."""
    m = _NAMED_WILL.search(body)
    if m and m.group("who") and m.group("who").split()[0].strip("@*[").lower() not in NOT_NAMES:
        return kind_of(m.group("who"))
    return None


def _assigned(body: str) -> Optional[Owner]:
    """"assigned review to @kim", "rerolled to Niko"."""
    m = _ASSIGNED.search(body)
    return kind_of(m.group(1).replace("**", "")) if m else None


def _trail_name(body: str) -> Optional[Owner]:
    """A lower-case name in brackets at the end: "... (maybe kim)", "... (ana/bo)"."""
    m = _TRAIL_NAME.search(body)
    return kind_of(m.group(1)) if m else None


def _passive_agent(body: str) -> Optional[Owner]:
    """"The runners will be provisioned by Lena"."""
    m = _BY_AGENT.search(body)
    if m and m.group(1).split()[0].strip("@*[").lower() not in NOT_NAMES and _PASSIVE_BY.search(body):
        return kind_of(m.group(1))
    return None


def _asked_role(body: str) -> Optional[Owner]:
    """"Ask the author to rebase": the role asked."""
    m = _ASKED_ROLE.search(body)
    if m and re.search(r"\bask(?:ed)? " + re.escape(m.group(1)), body, re.I):
        return kind_of(m.group(1))
    return None


#: Where an owner is looked for when the line does not open with a speaker or an owner, in this order.
FINDERS: Tuple[Callable[[str], Optional[Owner]], ...] = (
    _handle, _took_action, _lower_volunteered, _named_will, _assigned, _trail_name, _passive_agent, _asked_role,
)


def kind_of(name: str) -> Tuple[str, str]:
    """``(name, kind)``: handle, team, role or person."""
    name = name.strip(" ,:*[]")
    if name.startswith("@"):
        return name, "handle"
    if _TEAM.search(name):
        return name, "team"
    if _ROLE_ONLY.match(name):
        return name, "role"
    return name, "person"
