"""The data extracted from meeting notes: action items with owner and due date (plain, serialisable)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional

#: How definite a due date is.
DUE_STATUSES = ("concrete", "vague", "none")
#: What kind of owner an action item names ("none" covers we, someone, the team, TBD and no subject at all).
OWNER_KINDS = ("person", "handle", "role", "team", "none")


@dataclass
class DueDate:
    """When an action item is due: the phrase as written, its status, and the ISO date when it resolves."""

    phrase: Optional[str] = None
    status: str = "none"
    iso: Optional[str] = None
    anchored: bool = False
    note: str = ""

    def to_dict(self) -> Dict[str, Any]:
        return {"phrase": self.phrase, "status": self.status, "iso": self.iso, "note": self.note}


@dataclass
class ActionItem:
    """One task recorded in meeting notes: who does what by when, and where it was written."""

    path: str
    line: int
    start: int
    end: int
    text: str
    owner: Optional[str] = None
    owner_kind: str = "none"
    due: DueDate = field(default_factory=DueDate)
    section: str = ""
    cue: str = ""
    findings: List[str] = field(default_factory=list)

    @property
    def has_owner(self) -> bool:
        return self.owner_kind != "none"

    def to_dict(self) -> Dict[str, Any]:
        return {
            "path": self.path,
            "line": self.line,
            "text": self.text,
            "owner": self.owner,
            "owner_kind": self.owner_kind,
            "due": self.due.to_dict(),
            "section": self.section,
            "findings": list(self.findings),
        }
