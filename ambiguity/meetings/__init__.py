"""Meeting notes: recognise them, segment them, and pull out action items with owner and due date."""
from __future__ import annotations

from importlib import import_module
from typing import Any

__all__ = ["ActionItem", "DueDate", "MeetingNotes", "genre_of", "is_meeting", "read_notes"]
_HOMES = {"ActionItem": "model", "DueDate": "model", "MeetingNotes": "notes", "genre_of": "detect",
          "is_meeting": "detect", "read_notes": "notes"}


def __getattr__(name: str) -> Any:
    # loaded on first use, so that registering the ``actions`` command does not compile every cue of the notes
    if name in _HOMES:
        return getattr(import_module(f".{_HOMES[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
