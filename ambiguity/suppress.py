"""Inline suppression: comments in the document switch rules off for a stretch of lines.

Recognised anywhere on a line, after ``<!--``, ``#``, ``//`` or ``;``::

    <!-- ambiguity: disable=vague,passive -->   ... until ...   <!-- ambiguity: enable=vague -->
    <!-- ambiguity: disable -->                 (everything)    <!-- ambiguity: enable -->
    <!-- ambiguity: disable-next-line=vague -->   the next non-blank line only
    - a list item, fast <!-- ambiguity: disable-line -->   this line only (works in list items and table rows)
    # ambiguity: disable-next-line            // ambiguity: disable=optional      (plain text)

Selectors are categories, rule ids or id prefixes, separated by commas; none means every rule. Because the
directives work on physical lines, they behave the same inside lists, tables and paragraphs. A selector that names
no rule (a typo: ``disable-line=vauge``) is warned about with its file and line by the ``suppressions`` stage.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Dict, FrozenSet, Iterable, List, Tuple

from .selectors import matches, unknown
from .types import Finding

DIRECTIVE = re.compile(
    r"(?:<!--|#|//|;)\s*ambiguity\s*:\s*(?P<action>disable-next-line|disable-line|disable|enable)\b"
    r"(?:\s*=\s*(?P<selectors>[\w.*-]+(?:\s*,\s*[\w.*-]+)*))?",
    re.IGNORECASE,
)
ALL: FrozenSet[str] = frozenset({"*"})


def _selectors(raw: str | None) -> FrozenSet[str]:
    return frozenset(s.strip().lower() for s in raw.split(",") if s.strip()) if raw else ALL


@dataclass
class Suppressions:
    """Per line (1-based), the selectors switched off there."""

    by_line: Dict[int, FrozenSet[str]] = field(default_factory=dict)
    #: Every directive that names selectors: ``(line, selectors as written)``, in order.
    directives: List[Tuple[int, Tuple[str, ...]]] = field(default_factory=list)

    def covers(self, finding: Finding) -> bool:
        selectors = self.by_line.get(finding.line, frozenset())
        return any(matches(s, finding.rule, finding.category) for s in selectors)

    def __bool__(self) -> bool:
        return bool(self.by_line)


def parse(text: str) -> Suppressions:
    """Read every directive of a document."""
    if "ambiguity" not in text.lower():
        return Suppressions()
    lines = text.splitlines()
    active: set = set()
    pending_next: FrozenSet[str] = frozenset()
    out: Dict[int, FrozenSet[str]] = {}
    named: List[Tuple[int, Tuple[str, ...]]] = []
    for number, line in enumerate(lines, start=1):
        here = set(active)
        if pending_next and line.strip() and not _only_directives(line):
            here |= pending_next
            pending_next = frozenset()
        for m in DIRECTIVE.finditer(line):
            action, sels = m.group("action").lower(), _selectors(m.group("selectors"))
            if m.group("selectors"):
                named.append((number, tuple(x.strip() for x in m.group("selectors").split(",") if x.strip())))
            if action == "disable":
                active |= sels
                here |= sels
            elif action == "enable":
                active = set() if sels == ALL else active - sels
            elif action == "disable-line":
                here |= sels
            else:
                pending_next = pending_next | sels
        if here:
            out[number] = frozenset(here)
    return Suppressions(out, named)


def unknown_names(suppressions: Suppressions, rules: Iterable[object], categories: Iterable[str]
                  ) -> List[Tuple[int, List[str]]]:
    """``(line, names)`` for every directive naming something that is neither a category, a rule id nor an id
    prefix of ``rules`` (``selectors.unknown``)."""
    rules, categories = list(rules), list(categories)
    out = []
    for line, names in suppressions.directives:
        bad = unknown(names, rules, categories)
        if bad:
            out.append((line, bad))
    return out


def _only_directives(line: str) -> bool:
    rest = DIRECTIVE.sub("", line)
    return not re.sub(r"<!--|-->|#|//|;", "", rest).strip()


def split(findings: List[Finding], suppressions: Suppressions) -> Tuple[List[Finding], List[Finding]]:
    """``(kept, suppressed)``."""
    if not suppressions:
        return list(findings), []
    kept, dropped = [], []
    for f in findings:
        (dropped if suppressions.covers(f) else kept).append(f)
    return kept, dropped
