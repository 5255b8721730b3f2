"""Meeting dates and due dates: find the date the notes were written, then resolve relative due dates against it.

Resolution uses ``dateparser`` (maintained, handles "next Tuesday", "in two weeks", "June 3rd" relative to a base
date); the few phrases it does not know ("end of month", "EOW", "within 10 days") are computed here.
"""
from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta
from pathlib import PurePath
from typing import Optional, Tuple

from .model import DueDate

_ISO = r"(20\d\d)[-_/.](\d{1,2})[-_/.](\d{1,2})"
_MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|december|"
           "jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec")
_WRITTEN = (rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTHS})\.?,?\s+20\d\d"
            rf"|(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+20\d\d)")
_FRONT_DATE = re.compile(r"^(?:date|meeting[ _-]?date|when)\s*:\s*(.+)$", re.I | re.M)

_WEEKDAY = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?"
_UNIT = r"(?:days?|weeks?|months?|business days?|working days?)"
_NUM = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|a|a couple of|a few)"
#: Due phrases that name a checkable point (date, weekday, relative period, named milestone).
CONCRETE = re.compile(
    rf"\b(?:{_ISO}|\d{{1,2}}[./]\d{{1,2}}(?:[./]\d{{2,4}})?"
    rf"|(?:by|before|on|until|till|due|in|for)?\s*(?:the\s+)?(?:next|this|coming)\s+(?:{_WEEKDAY}|week|month|quarter|"
    rf"meeting|call|sync|standup|stand-up|release|sprint|steering meeting|board meeting)"
    rf"|(?:by|before|on|until|due)\s+(?:{_WEEKDAY})"
    rf"|{_WEEKDAY}(?=\W|$)"
    rf"|tomorrow|tonight|today|end of (?:the\s+)?(?:this\s+|next\s+)?(?:day|week|month|quarter|year|sprint)"
    rf"|\b(?:eod|eow|eom|eoq|eoy|cob)\b"
    rf"|(?:in|within)\s+{_NUM}\s+{_UNIT}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTHS})\b|\b(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b"
    rf"|(?:in|by|during|before|until)\s+(?:early\s+|mid\s+|late\s+)?(?:{_MONTHS})\b"
    rf"|(?:in|by|before|for)\s+(?:v|version\s+|release\s+)?\d+\.\d+(?:\.\d+)?"
    rf"|(?:before|by|for|until)\s+(?:the\s+)?(?:next\s+)?(?:release|meeting|call|deadline|freeze|board meeting)"
    rf"|q[1-4](?:\s+20\d\d)?)",
    re.I,
)
#: Time words that are not dates (undefined-deadline.vague-time in spirit).
VAGUE = re.compile(
    r"\b(?:asap|a\.s\.a\.p\.?|as soon as (?:possible|practicable|feasible)|soon|shortly|later|eventually|"
    r"at some point|sometime|some time|in due course|in the (?:near )?future|in the coming (?:days|weeks|months)|"
    r"over the coming (?:days|weeks|months)|in the next few (?:days|weeks|months)|next phase|a later (?:phase|stage|date)|"
    r"future (?:phase|release)|when (?:possible|time permits|resources allow)|going forward|down the road|"
    r"once (?!a\b)\w+|when \w+ (?:lands|is (?:merged|done|ready|in))|after the \w+|in the interim|now)\b",
    re.I,
)
_ABSOLUTE = re.compile(rf"{_ISO}|\b20\d\d\b", re.I)


def meeting_date(text: str, path: str = "", reference: Optional[date] = None) -> Tuple[Optional[date], str]:
    """The date the notes were written and where it was found: reference, front matter, title, heading, file name."""
    if reference is not None:
        return reference, "--reference-date"
    head = text[:3000]
    fm = _FRONT_DATE.search(head)
    if fm:
        found = _first_date(fm.group(1))
        if found:
            return found, "front matter"
    for line in head.splitlines()[:15]:
        if line.strip():
            found = _first_date(line)
            if found:
                return found, "title" if line.lstrip().startswith("#") else "first lines"
    found = _first_date(PurePath(path).name) if path else None
    if found:
        return found, "file name"
    return None, ""


def _first_date(s: str) -> Optional[date]:
    m = re.search(_ISO, s)
    if m:
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
    m = re.search(_WRITTEN, s, re.I)
    if m:
        parsed = _parse(m.group(0), None)
        return parsed
    return None


def _parse(phrase: str, base: Optional[date]) -> Optional[date]:
    import dateparser  # imported lazily: it takes a moment to load its language data

    settings = {"PREFER_DATES_FROM": "future", "RETURN_AS_TIMEZONE_AWARE": False}
    if base is not None:
        settings["RELATIVE_BASE"] = datetime(base.year, base.month, base.day)
    got = dateparser.parse(phrase, languages=["en"], settings=settings)
    return got.date() if got else None


_WORD_NUM = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
             "nine": 9, "ten": 10, "a couple of": 2, "a few": 3}


def resolve(phrase: str, base: Optional[date]) -> Optional[date]:
    """A relative or absolute due phrase as a date, or None (no anchor, or a milestone with no calendar date)."""
    p = re.sub(r"^(?:by|before|on|until|till|due|for)\s+", "", phrase.strip().lower())
    p = re.sub(r"^the\s+", "", p)
    if re.search(r"meeting|call|sync|standup|stand-up|release|sprint|freeze|deadline|\d+\.\d+", p):
        return None  # a milestone: checkable, but its calendar date is not in the notes
    absolute = _ABSOLUTE.search(p)
    if base is None and not absolute:
        return None
    m = re.match(r"end of (?:the\s+)?(this\s+|next\s+)?(day|week|month|quarter|year|sprint)", p)
    short = {"eod": "day", "cob": "day", "eow": "week", "eom": "month", "eoq": "quarter", "eoy": "year"}
    if p in short:
        m, p = None, f"end of {short[p]}"
        m = re.match(r"end of ()(day|week|month|quarter|year)", p)
    if m and base is not None:
        return _end_of(base, m.group(2), bool(m.group(1) and "next" in m.group(1)))
    m = re.match(rf"(?:in|within)\s+({_NUM})\s+(business |working )?(day|week|month)s?", p)
    if m and base is not None:
        n = int(m.group(1)) if m.group(1).isdigit() else _WORD_NUM.get(m.group(1), 1)
        if m.group(3) == "month":
            return _end_of(base, "day", False) if n == 0 else _add_months(base, n)
        days = n * (7 if m.group(3) == "week" else 1)
        if m.group(2):
            return _add_business_days(base, n)
        return base + timedelta(days=days)
    return _parse(p, base)


def _end_of(base: date, unit: str, nxt: bool) -> Optional[date]:
    if unit == "day":
        return base + timedelta(days=1 if nxt else 0)
    if unit in {"week", "sprint"}:
        friday = base + timedelta(days=(4 - base.weekday()) % 7)
        return friday + timedelta(days=7 if nxt else 0)
    if unit == "month":
        b = _add_months(base, 1) if nxt else base
        return date(b.year, b.month, calendar.monthrange(b.year, b.month)[1])
    if unit == "quarter":
        q_end = ((base.month - 1) // 3 + 1) * 3 + (3 if nxt else 0)
        year = base.year + (q_end - 1) // 12
        month = (q_end - 1) % 12 + 1
        return date(year, month, calendar.monthrange(year, month)[1])
    return date(base.year + (1 if nxt else 0), 12, 31)


def _add_months(base: date, n: int) -> date:
    y, m = divmod(base.month - 1 + n, 12)
    year, month = base.year + y, m + 1
    return date(year, month, min(base.day, calendar.monthrange(year, month)[1]))


def _add_business_days(base: date, n: int) -> date:
    d = base
    while n > 0:
        d += timedelta(days=1)
        if d.weekday() < 5:
            n -= 1
    return d


def due_date(text: str, anchor: Optional[date], anchor_source: str = "") -> DueDate:
    """The due date of an action item's text: concrete (ISO when it resolves), vague, or none."""
    m = CONCRETE.search(text)
    if m:
        phrase = m.group(0).strip()
        resolved = resolve(phrase, anchor)
        relative = not _ABSOLUTE.search(phrase) and not re.search(_MONTHS, phrase, re.I)
        if resolved is not None:
            note = f"resolved against the meeting date {anchor.isoformat()} ({anchor_source})" if relative and anchor else ""
            return DueDate(phrase, "concrete", resolved.isoformat(), anchored=relative, note=note)
        if anchor is None and relative and not re.search(r"meeting|call|sync|release|sprint|freeze|\d+\.\d+", phrase, re.I):
            return DueDate(phrase, "concrete", None, anchored=False,
                           note="relative date with no meeting date to anchor it (use --reference-date)")
        return DueDate(phrase, "concrete", None, note="milestone: no calendar date in the notes")
    m = VAGUE.search(text)
    if m:
        return DueDate(m.group(0).strip(), "vague", None)
    return DueDate(None, "none", None)
