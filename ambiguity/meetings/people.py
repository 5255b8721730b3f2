"""Who took part in a meeting, and which of them an action item names as its doer.

Minutes name their owners by the same words they use in the attendance list, in speaker turns and in @handles, and
often in lower case ("pnkfelix to FCP merge", "(gary and umang to review)"), where the capitalised-name cues of
:mod:`.owners` cannot see them. :func:`people_of` gathers those words from the notes themselves; :func:`named_doer`
finds one of them as the subject of a commitment in an action's sentence.
"""
from __future__ import annotations

import re
from typing import FrozenSet, Iterable, Optional

from .cues import words
from .segment import Line
from .speakers import speaker_name, speaker_of, strip_markup

#: Words of an attendance line or a speaker name that are not a person ("Present", "team", "Inc").
_NOT_PEOPLE = words("not-people")
_HANDLE = re.compile(r"(?<![\w.])@([A-Za-z][\w-]*\w)")
#: Where an attendance entry's name ends: "Kim Lee, Acme", "Kim Lee (Acme)", "Kim Lee - Acme".
_NAME_END = re.compile(r"\s*(?:[,(|:;]|\s[-–—]\s).*$")
_ALIAS = re.compile(r"\((@?[\w-]+)\)")
_TOKEN = re.compile(r"@?[\w'’-]+")
_SEP = re.compile(r"^\s*[,/&]\s*$")
#: What follows a doer's name in a commitment: "to <verb>", a modal, "volunteered", "is taking", "posting".
_COMMITS = re.compile(
    r"^\s*(?:(?:still|also|then|now|already|probably|maybe|will)\s+)?"
    r"(?:to\s+[a-z]+|will\b|'ll\b|’ll\b|would\b|can\b|could\b|should\b|shall\b|is going to\b|are going to\b|"
    r"volunteer(?:s|ed)?\b|agreed\b|offered\b|took\b|takes\b|is taking\b|taking\b|posting\b|plans? to\b|"
    r"planning\b|is working\b|working on\b|needs to\b|has to\b|to follow)",
    re.I,
)
#: The firm subset: "X to <verb>", "X will <verb>", "X'll", "X volunteered", "X offered / agreed to".
_FIRM = re.compile(
    r"^\s*(?:(?:also|then)\s+)?(?:to\s+(?!be\b)[a-z]+|will\s+(?!be\b|not\b|no\b)[a-z]+|'ll\b|’ll\b|"
    r"volunteer(?:s|ed)?\b|offered to\b|agreed to\b)",
    re.I,
)


def people_of(lines: Iterable[Line]) -> FrozenSet[str]:
    """Lower-cased given names, surnames and handles of the attendees, the speakers and the @-mentioned."""
    found = set()
    for line in lines:
        if line.kind in {"heading", "blank", "code"}:
            continue
        body = strip_markup(line.body)
        if line.section_kind == "attendance":
            found.update(_name_words(_ALIAS.findall(body)))  # "Felix Klock (pnkfelix)"
            for part in re.split(r"\s+(?:and|&)\s+|/", _NAME_END.sub("", body)):
                found.update(_name_words(part.split()[:3], capitalised=True))
        m = speaker_of(body)
        if m:
            found.update(_name_words(speaker_name(m).split()[:2]))
        found.update(h.lower() for h in _HANDLE.findall(body))
    return frozenset(found)


def _name_words(parts: Iterable[str], capitalised: bool = False) -> Iterable[str]:
    for w in parts:
        w = w.strip("*_@[]()")
        if capitalised and not w[:1].isupper():
            continue  # an attendance line's prose ("used the service to ...") names no one
        w = w.lower()
        if len(w) > 2 and w.replace("-", "").isalpha() and w not in _NOT_PEOPLE:
            yield w


def named_doer(sentence: str, people: FrozenSet[str], firm: bool = False) -> Optional[str]:
    """The first person of ``people`` (with any joined to them by "and", "/", ",") whom ``sentence`` names as
    committing to the work: "pnkfelix to FCP merge", "(gary and umang to review)", "Niko still planning a write-up".
    ``firm``: only "X to <verb>", "X will <verb>" and "X volunteered" count (not "X would", "X is working")."""
    if not people:
        return None
    tokens = list(_TOKEN.finditer(sentence))
    for k, tok in enumerate(tokens):
        if not _is_person(tok.group(0), people):
            continue
        last = _joined(sentence, tokens, k, people)
        if (_FIRM if firm else _COMMITS).match(sentence[tokens[last].end():]):
            return sentence[tok.start():tokens[last].end()]
    return None


def _is_person(token: str, people: FrozenSet[str]) -> bool:
    return token.lstrip("@").lower() in people


def _joined(sentence: str, tokens: list, k: int, people: FrozenSet[str]) -> int:
    """The index of the last of the names joined to ``tokens[k]`` ("gary and umang", "kim/lee", "kim, lee and sam")."""
    last = k
    while last + 1 < len(tokens):
        gap = sentence[tokens[last].end():tokens[last + 1].start()]
        nxt = tokens[last + 1].group(0)
        if _SEP.match(gap) and _is_person(nxt, people):
            last += 1
        elif nxt.lower() in {"and", "or"} and gap.strip() in {"", ","} and last + 2 < len(tokens) \
                and _is_person(tokens[last + 2].group(0), people):
            last += 2
        else:
            break
    return last
