"""Are these meeting notes? Structure (attendance, action items, agenda headings, speaker turns) and wording
(action markers, "X to do Y", dates in the title or file name) against requirement cues (shall, REQ-12)."""
from __future__ import annotations

import re

_MEETING_NAME = re.compile(r"minutes|meeting|notes|standup|stand-up|retro|sync|1on1|one-on-one|agenda", re.I)
_MEETING_HEADINGS = re.compile(
    r"^\s*(?:#{1,6}\s*|\*\*|[-*]\s+|''')?(?:attendees|attendance|present|participants|regrets|apologies|agenda|"
    r"action items?|actions|next steps|decisions|minutes|notes|follow[- ]?ups|open questions|next meeting)\b"
    r"|^\s*(?:\*\*|''')?(?:who|in the room|hosts?|chair|facilitator|note[- ]?takers?|scribe)(?:\*\*|''')?\s*:",
    re.I | re.M,
)
#: The title (the first line) names a meeting: "Docs team sync", "Sprint 23 planning", "Bramble issue triage".
_MEETING_TITLE = re.compile(r"\b(?:meeting|minutes|notes|sync|stand-?up|retro(?:spective)?|call|weekly|bi-?weekly|"
                            r"planning|triage|review|readout|office hours|working group|steering|kick-?off|"
                            r"one-on-one|1:1|round-?table|all-hands|check-?in|debrief)\b", re.I)
#: ... and when: "— 2026-03-10", "20 November 2025", "week 9", "sprint 12".
_TITLE_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*"
                         r" \d{4}\b|\b(?:week|sprint|round) \d+\b", re.I)
_ACTION_MARKERS = re.compile(
    r"^\W*(?:\*\*)?(?:action(?: item)?s?|ai|todo|next steps?)(?:\*\*)?\s*[:\-–]|^\s*[-*]\s+\[ \]|\(action\)",
    re.I | re.M,
)
_MEETING_WORDS = re.compile(r"\b(?:minutes|meeting|attendees|agenda|volunteered to|action items?|"
                            r"next call|next meeting)\b", re.I)
_SPEC = re.compile(r"\b(?:shall|must not|the system|requirements?)\b|^\W*[A-Z]{2,}[-_]\d+", re.I | re.M)


def meeting_score(text: str, path: str = "") -> float:
    """A score in [0, 1]: how much ``text`` looks like meeting notes rather than a specification."""
    score = 0.0
    if path and _MEETING_NAME.search(path.rsplit("/", 1)[-1]):
        score += 0.4
    score += min(len(_MEETING_HEADINGS.findall(text)), 3) * 0.2
    score += min(len(_ACTION_MARKERS.findall(text)), 2) * 0.3
    score += min(len(_MEETING_WORDS.findall(text[:5000])), 3) * 0.1
    score += _title_score(text)
    score -= min(len(_SPEC.findall(text[:5000])) / max(1, text.count("\n") + 1), 1.0) * 0.8
    # A long specification can have a "Notes" or "Next steps" heading and mention a kickoff meeting; what
    # settles it is which kind of cue dominates the whole text.
    meeting_cues = len(_MEETING_HEADINGS.findall(text)) + len(_ACTION_MARKERS.findall(text)) + len(
        _MEETING_WORDS.findall(text))
    if len(_SPEC.findall(text)) > 2 * meeting_cues:
        score = min(score, 0.2)
    return max(0.0, min(1.0, score))


def _title_score(text: str) -> float:
    """0.2 when the first line titles a meeting ("Platform sync", "Sprint 23 planning"), 0.3 when it or the next
    line also says when ("— 2026-03-10", "week 9")."""
    head = [ln for ln in text[:2000].splitlines() if ln.strip()][:2]
    if not head or not _MEETING_TITLE.search(head[0]):
        return 0.0
    return 0.3 if any(_TITLE_DATE.search(ln) for ln in head) else 0.2


def is_meeting(text: str, path: str = "") -> bool:
    """True when ``text`` reads as meeting notes (see :func:`meeting_score`)."""
    return meeting_score(text, path) >= 0.3


def genre_of(text: str, path: str = "", kind: str = "auto") -> str:
    """The genre of a document for an analysis told ``kind`` ("auto", "meeting" or "spec"): "meeting" for meeting
    notes (their findings speak of action items and the meeting, and they get action items), else "spec"."""
    if kind == "meeting" or (kind == "auto" and is_meeting(text, path)):
        return "meeting"
    return "spec"
