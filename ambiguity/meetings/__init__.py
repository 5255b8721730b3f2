"""Meeting notes: recognise them, segment them, and pull out action items with owner and due date."""
from .detect import genre_of, is_meeting
from .model import ActionItem, DueDate
from .notes import MeetingNotes, read_notes

__all__ = ["ActionItem", "DueDate", "MeetingNotes", "genre_of", "is_meeting", "read_notes"]
