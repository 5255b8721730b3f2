"""Meeting notes inside a scan: action items on the report, and missing-owner / undefined-deadline findings for them.

The rules (``missing-owner.action-item``, ``undefined-deadline.action-item``, ``undefined-deadline.unanchored-date``)
are declared in the rule families like every other rule, with ``stage: actions``; they need the whole document
(sections, meeting date), so the ``actions`` stage (ambiguity/stages/actions.py) applies them after the per-unit pass.
"""
from __future__ import annotations

import re
from datetime import date
from typing import Callable, Dict, List, Optional, Tuple

from ..findings import QUOTE_LIMIT, make_finding, trimmed
from ..readers.base import Document
from ..types import Finding, UnitRef
from .detect import genre_of
from .model import ActionItem
from .notes import read_notes

KINDS = ("auto", "meeting", "spec", "contract", "story")
OWNER_RULE = "missing-owner.action-item"
DUE_RULE = "undefined-deadline.action-item"
UNANCHORED_RULE = "undefined-deadline.unanchored-date"

def meeting_actions(
    document: Document,
    findings: List[Finding],
    rules: Dict[str, object],
    unit_of: Callable[[int], Optional[UnitRef]],
    kind: str = "auto",
    reference_date: Optional[date] = None,
    classifier: Optional[Callable[[], object]] = None,
    genre: Optional[str] = None,
) -> List[ActionItem]:
    """Action items of ``text`` when it is meeting notes (``genre``, or decided from ``kind``); adds their
    findings to ``findings``.

    ``classifier`` returns the learned line classifier (or None): called only for meeting notes, so that
    specifications never pay for loading it.
    """
    text, path = document.text, document.path
    if (genre or genre_of(text, path, kind)) != "meeting":
        return []
    notes = read_notes(text, path, reference_date, classifier() if classifier else None)
    for item in notes.actions:
        line_findings = [f for f in findings if item.start <= f.start < item.end]
        body_start = item.start + max(0, text[item.start:item.end].find(item.text[:20])) if item.text else item.start
        span = (body_start, item.end)
        # Always reported for action items, even when a general rule speaks on the same line: these are the
        # findings a tracker export needs (the general ones may be switched off, or come from the classifier).
        if not item.has_owner:
            # the action-item finding says it for the whole item: drop the general one that says the same
            _drop(findings, item, lambda f: f.category == "missing-owner" and f.rule != OWNER_RULE)
            _add(findings, item, rules.get(OWNER_RULE), span, document, unit_of)
        due = item.due
        if due.status == "concrete" and due.iso:
            for f in line_findings:  # a relative date we could resolve: say which date it is
                if f.rule == "undefined-deadline.relative-date":
                    f.suggestion = f"Write the calendar date: {due.iso} ({due.note})."
        elif due.status == "concrete" and not due.anchored and due.note.startswith("relative"):
            at = _find(text, item, due.phrase or "")
            findings[:] = [f for f in findings if not (f.rule == "undefined-deadline.relative-date"
                                                       and f.start < at[1] and at[0] < f.end)]
            _add(findings, item, rules.get(UNANCHORED_RULE), at, document, unit_of)
        elif due.status in {"none", "vague"}:
            _drop(findings, item, lambda f: f.rule == "undefined-deadline.no-date")
            vague = [f for f in line_findings if f.rule == "undefined-deadline.vague-time"]
            if vague:
                # a vague time word ("soon") is already pinpointed: the item (and the tracker export) names it
                item.findings.append(vague[0].rule)
            else:  # the item has no date at all
                _add(findings, item, rules.get(DUE_RULE), span, document, unit_of)
    return notes.actions


def _drop(findings: List[Finding], item: ActionItem, same: Callable[[Finding], bool]) -> None:
    findings[:] = [f for f in findings if not (item.start <= f.start < item.end and same(f))]


def _find(text: str, item: ActionItem, phrase: str) -> Tuple[int, int]:
    m = re.search(re.escape(phrase), text[item.start:], re.I) if phrase else None
    if m is None:
        return item.start, item.end
    return item.start + m.start(), item.start + m.end()


def _add(findings: List[Finding], item: ActionItem, rule, span: Tuple[int, int], document: Document,
         unit_of: Callable[[int], Optional[UnitRef]]) -> None:
    if rule is None:  # switched off with --only / --ignore
        return
    start, _ = trimmed(document.text, *span)
    ref = unit_of(start) or UnitRef(None, "action-item", document.position(start)[0])
    findings.append(make_finding(rule, document, span[0], span[1], ref, trim=True, quote_limit=QUOTE_LIMIT,
                                 location={"section": item.section} if item.section else {}, genre="meeting"))
    item.findings.append(rule.id)
