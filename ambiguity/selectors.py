"""Selectors: how every command, configuration key and inline directive names rules.

A selector is a category (``vague``), a rule id (``vague.subjective``), an id prefix (``vague`` or
``undefined-deadline.``), or ``*`` / ``all`` for every rule. ``--only``, ``--ignore``, ``enable`` / ``disable`` in a
configuration file, ``[severity]`` keys, ``terms.<family>`` and ``ambiguity: disable=...`` all use this one matcher.
"""
from __future__ import annotations

from typing import Iterable, List, Sequence

EVERY = ("*", "all")


def matches(selector: str, rule_id: str, category: str) -> bool:
    """True when ``selector`` names the rule ``rule_id`` of ``category``."""
    s = selector.strip().rstrip(".").lower()
    return s in EVERY or s == category or s == rule_id or rule_id.startswith(s + ".")


def any_matches(selectors: Iterable[str], rule_id: str, category: str) -> bool:
    return any(matches(s, rule_id, category) for s in selectors)


def selected(rule_id: str, category: str, only: Sequence[str] = (), ignore: Sequence[str] = ()) -> bool:
    """In ``only`` (everything when empty) and not in ``ignore``."""
    return (not only or any_matches(only, rule_id, category)) and not any_matches(ignore, rule_id, category)


def unknown(selectors: Iterable[str], rules: Iterable[object], categories: Iterable[str]) -> List[str]:
    """The selectors that name no rule: neither ``*``, a category, a rule id nor an id prefix."""
    pairs = [(getattr(r, "id"), getattr(r, "category")) for r in rules]
    cats = set(categories)
    return [s for s in selectors
            if s.strip().lower() not in cats and not any(matches(s, rid, cat) for rid, cat in pairs)]
