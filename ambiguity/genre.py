"""The genre of a document: meeting notes, a contract (SOW, RFQ, QASP, SLA, terms), user stories or a specification.

Decided once per document from cues in its text (and, for meeting notes, its path): the judge reads it as a
feature, and rules may word messages and choose their profile per genre (what is a defect in a specification may
be ordinary wording in a contract).
"""
from __future__ import annotations

import re

from .meetings.detect import is_meeting

GENRES = ("spec", "contract", "story", "meeting")
_STORY = re.compile(r"^\W*(?:#\w+#\s*)?as an?\s+[^,]{1,80},?\s+i\s+(?:want|would like|need|can)\b", re.I | re.M)
# the parties and instruments of an agreement or a procurement
_CONTRACT = re.compile(
    r"\b(?:contractor|offeror|vendor|provider|customer|licensee|licensor|government|contracting officer|"
    r"task order|statement of work|performance work statement|quality assurance surveillance plan|"
    r"service level agreement|this agreement|the parties|party|parties|hereby|indemnif\w*|liabilit\w*|"
    r"terms of service|warrant\w*|solicitation|quotation|proposal|award|invoice|fee|fees)\b",
    re.I,
)
_BINDING = re.compile(r"\b(?:shall|must)\b", re.I)


def genre_of(text: str, path: str = "", kind: str = "auto") -> str:
    """``"meeting"``, ``"contract"``, ``"story"`` or ``"spec"`` for a document. ``kind`` "meeting", "contract" or
    "story" forces that genre; "spec" says only that the document is not meeting notes; "auto" decides all."""
    if kind in GENRES and kind != "spec":
        return kind
    if kind == "auto" and is_meeting(text, path):
        return "meeting"
    sample = text[:200_000]
    lines = [ln for ln in sample.splitlines() if ln.strip()]
    if lines and len(_STORY.findall(sample)) >= max(2, len(lines) // 3):
        return "story"
    words = max(1, len(sample.split()))
    if len(_CONTRACT.findall(sample)) * 1000 / words >= 6 and len(_CONTRACT.findall(sample)) >= 4:
        return "contract"
    return "spec"
