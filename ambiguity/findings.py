"""The one place a :class:`~ambiguity.types.Finding` is built: from a rule, a document and a stretch of its text.

The ruler's spans, the meeting-notes stage and the learned judge's unit-level findings all come through
:func:`make_finding`, so a finding's position, text, message and suggestion are computed the same way everywhere.
"""
from __future__ import annotations

from typing import Any, Dict, Optional

from .readers.base import Document
from .types import Finding, UnitRef

#: Quoted text longer than this is cut in messages (the finding's ``text`` keeps all of it).
QUOTE_LIMIT = 60


def trimmed(text: str, start: int, end: int) -> tuple:
    """``(start, end)`` without leading and trailing white space."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def make_finding(rule: Any, document: Document, start: int, end: int, unit: UnitRef, *,
                 location: Optional[Dict[str, Any]] = None, confidence: Optional[float] = None,
                 trim: bool = False, quote_limit: Optional[int] = None, genre: str = "spec") -> Finding:
    """A finding of ``rule`` on ``document.text[start:end]``.

    ``trim`` drops surrounding white space from the span (whole units and action items); ``quote_limit`` cuts
    the text quoted in the message and suggestion; ``confidence`` defaults to the rule's. ``genre`` is the
    document's ("spec" or "meeting", :attr:`~ambiguity.types.Report.genre`): the rule's message and suggestion
    worded for it, when the rule has them (``messages:`` / ``suggestions:`` in its file). ``location`` (the unit's)
    is completed for the finding's own start (``Document.location_at``: a PDF's page and line).
    """
    text = document.text
    if trim:
        start, end = trimmed(text, start, end)
    piece = text[start:end]
    quoted = piece if quote_limit is None or len(piece) <= quote_limit else piece[:quote_limit - 3].rstrip() + "..."
    line, col = document.position(start)
    end_line, end_col = document.position(end)
    return Finding(
        path=document.path, line=line, column=col, end_line=end_line, end_column=end_col, start=start, end=end,
        category=rule.category, rule=rule.id, severity=rule.severity,
        confidence=rule.confidence if confidence is None else confidence,
        message=rule.render(rule.message_for(genre), quoted), suggestion=rule.render(rule.suggestion_for(genre), quoted),
        text=piece,
        unit=unit, location=document.location_at(start, location),
    )
