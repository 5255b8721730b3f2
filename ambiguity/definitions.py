"""The terms a document defines for itself: '"Response Time" means ...', '(the "Services")', a Definitions or
Glossary section, a glossary table. Where a defined term is used, its words are fixed by the document, so they
are not vague (DEFINITIONS.md: pinned when the unit fixes the meaning; a contract's defined terms are pinned by
their definition clause).
"""
from __future__ import annotations

import re
from typing import Set

_QUOTES = "\"\u201c\u201d'\u2018\u2019"
_TERM = rf"[{_QUOTES}](?P<term>[^{_QUOTES}\n]{{2,60}})[{_QUOTES}]"
# '"Response Time" means', '“Services” shall mean', '"Uptime" refers to', '"X" has the meaning given in'
_MEANS = re.compile(_TERM + r"\s*(?:\)\s*)?(?:means|shall mean|will mean|refers to|is defined as|has the meaning)\b",
                    re.IGNORECASE)
# '(the "Services")', '(each, a "Release")', '(collectively, the “Materials”)'
_PAREN = re.compile(r"\((?:[^()\n]{0,30}?\b(?:the|a|an)\s+)?" + _TERM + r"\)")
# '**Response Time** means', '**Uptime**: the share of ...'
_BOLD = re.compile(r"\*\*(?P<term>[^*\n]{2,60}?)\*\*\s*(?:means\b|shall mean\b|:|-|\u2013|\u2014)", re.IGNORECASE)
_SECTION = re.compile(r"^\s{0,3}(?:#{1,6}\s*|\*\*)?\s*(?:[\d.]+\s*)?(?:definitions?|glossary|defined terms|"
                      r"terms and definitions)\b", re.IGNORECASE)
_HEADING = re.compile(r"^\s{0,3}(?:#{1,6}\s|\*\*[^*]+\*\*\s*$)")
# in a definitions section: '- Uptime: ...', 'Uptime - ...', '| Uptime | the share ... |'
_ENTRY = re.compile(r"^\s*(?:[-*+]\s+|\d+[.)]\s+|\|\s*)?\**(?P<term>[A-Z][\w/&' -]{1,58}?)\**\s*(?::|\||-\s|\u2013|\u2014|means\b)")


def defined_terms(text: str) -> Set[str]:
    """The terms ``text`` defines (as written)."""
    terms: Set[str] = set()
    for pattern in (_MEANS, _PAREN, _BOLD):
        terms.update(m.group("term").strip() for m in pattern.finditer(text))
    in_section = False
    for line in text.splitlines():
        if _SECTION.match(line):
            in_section = True
            continue
        if in_section and _HEADING.match(line):
            in_section = False
        if in_section:
            m = _ENTRY.match(line)
            if m:
                terms.add(m.group("term").strip())
    return {t for t in terms if _plausible(t)}


def _plausible(term: str) -> bool:
    """A name, not a sentence: at most six words, starting with a letter."""
    words = term.split()
    return 0 < len(words) <= 6 and term[0].isalpha()
