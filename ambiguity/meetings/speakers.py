"""Who is speaking on a line of minutes, and does the line open its own item: speaker prefixes and markers.

A speaker prefix is "Dana:", "@sam:", "[name=Kim]", "(Noor)" or "Lena, ..." (the ``speaker`` cue), unless the "name"
is a label ("Plan:", "Status:") or a discourse word ("However, ..."): word lists of ``cues/vocabulary.yml``.
"""
from __future__ import annotations

import re
from typing import Optional

from .cues import cue, words

MARKER = cue("marker")
WEAK_MARKER = cue("weak-marker-word")
STRICT_MARKER = cue("strict-marker")
SPEAKER = cue("speaker")
#: Capitalised words that open a sentence with a comma but are not a speaker ("However, ...").
DISCOURSE = words("discourse")
#: First words that are never a person's name ("the", "we", "action", "please" ...), nor the verbs and adjectives
#: that open a subjectless line ("Want to ...", "Time to ...").
NOT_NAMES = words("not-names") | words("not-owner-openers")
#: Words before a colon that label the line rather than name a speaker ("Plan:", "Status:").
LABELS = words("labels")


def strip_markup(text: str) -> str:
    """``text`` without the bold or underline markup that opens it ("**Action**: x" -> "Action: x")."""
    text = re.sub(r"^\s*(?:\*\*|__)(.+?)(?:\*\*|__)", r"\1", text)
    return text.strip()


def marker_strict(body: str) -> bool:
    """"Next:", "Owner:" or "Assigned:" followed by something: a marker although the word alone is not."""
    return bool(STRICT_MARKER.search(body))


def is_marker(body: str) -> bool:
    """Does ``body`` (markup stripped) open with an action marker ("Action:", "TODO -", "Owner: Kim")?"""
    return bool(MARKER.match(body) and not WEAK_MARKER.match(body) or marker_strict(body))


def speaker_of(body: str) -> Optional["re.Match[str]"]:
    """The speaker prefix match of ``body`` ("Dana:", "[name=X]", "(Noor)", "Lena, "), or None for a label."""
    m = SPEAKER.match(body)
    if m:
        name = (m.group("n1") or m.group("n2") or m.group("n3") or m.group("n4") or "").strip("[]@* ")
        if not name or name.split()[0].lower() in NOT_NAMES or name.lower() in LABELS:
            return None
        if m.group("n4") and (name.lower() in DISCOURSE or name.lower().endswith("ly")):
            return None
    return m


def speaker_name(m: "re.Match[str]") -> str:
    """The name a :func:`speaker_of` match names."""
    return m.group("n1") or m.group("n2") or m.group("n3") or m.group("n4")


def is_inline(m: Optional["re.Match[str]"]) -> bool:
    """Is the speaker an inline turn ("Dana: ...", "Sam, ...") rather than a "[name=X]" / "(X)" topic tag?"""
    return bool(m and (m.group("n3") or m.group("n4")))


def inline_speaker(body: str) -> bool:
    """True when ``body`` opens with an inline speaker turn ("Dana: ...", "Sam, ..."), not a "[name=X]" topic tag."""
    return is_inline(speaker_of(body))


def starts_item(body: str) -> bool:
    """True when a line opens its own item (a marker such as "Action:" or a speaker turn), even without a bullet."""
    body = strip_markup(body)
    return bool(MARKER.match(body) or marker_strict(body) or speaker_of(body))
