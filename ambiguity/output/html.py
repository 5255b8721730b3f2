"""The HTML report: one self-contained page to fix documents with.

Each document is a tab: its text first, line by line, with every finding highlighted where it is and written as a
margin note next to its line; below it the worst units and sections by clarity and the findings grouped by rule
(one entry per rule with a count, occurrences sorted by severity and confidence, each with its sentence). An
overview tab ranks units, sections and rules over all documents. A sidebar holds the counts, the legend and the
filters (category, severity, minimum confidence, text search, flagged lines only), which plain JavaScript applies
over a JSON copy of the findings; the page reads its filter state from the URL (``#sev=error&cat=vague``) and
writes it back.

This module turns reports into plain data; the page itself is a Jinja2 template with autoescape on
(``output/templates/report.html``, which includes ``report.css`` and ``report.js``), so every piece of document
text, path, message and suggestion is escaped by the template, and the JSON is embedded with Jinja's ``tojson``
(``<``, ``>``, ``&`` and ``'`` escaped). One file, no network requests (a Content-Security-Policy forbids them).
"""
from __future__ import annotations

import bisect
import os
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple

from ..about import OUTPUT_SCHEMA_VERSION, __version__
from ..findings import trimmed
from ..readers.base import line_starts
from ..rules.loader import CATEGORIES
from ..types import Finding, Report, Unit
from .summary import Summary

#: One colour per category (background of the highlight), readable with dark text.
PALETTE = ("#ffd8a8", "#ffc9c9", "#d0bfff", "#a5d8ff", "#b2f2bb", "#ffec99", "#fcc2d7", "#99e9f2", "#c0eb75",
           "#e599f7", "#ced4da", "#ffa8a8", "#91a7ff", "#63e6be", "#fab005")
COLOURS = dict(zip(CATEGORIES, PALETTE))
OTHER_COLOUR = "#dee2e6"

#: What each category means, in the legend (the README's table says the same at more length).
CATEGORY_HINTS = {
    "vague": "a quality each reader measures differently (fast, user-friendly)",
    "loophole": "an escape clause (if possible, as appropriate)",
    "open-ended": "a list or scope with no end (etc., including but not limited to)",
    "optional": "a word that makes the obligation optional (may, should, and/or)",
    "comparative": "better or faster than what?",
    "superlative": "best, optimal, minimise: no one can show it",
    "absolute": "always, never, 100%: nothing meets it",
    "missing-metric": "a claim with no number to accept it against",
    "undefined-deadline": "no date, or one each side reads differently",
    "incomplete": "TBD, placeholders, a reference to nothing",
    "pronoun": "it, this, they with no single antecedent",
    "passive": "no one is named to do it",
    "negative": "a prohibition that is hard to test",
    "compound": "several obligations in one statement",
    "missing-owner": "an action with no owner",
}

SEVERITIES = ("error", "warning", "info")
RANK = {"error": 3, "warning": 2, "info": 1}
#: A finding longer than this, or on a whole unit, is drawn pale with a dashed underline, not solid.
WIDE = 120
#: How many units and sections the rankings list.
TOP_UNITS, TOP_SECTIONS, TOP_UNITS_ALL, TOP_SECTIONS_ALL = 10, 8, 20, 12
#: Longest sentence shown as context (longer ones are cut around the finding).
CONTEXT = 240

_SENTENCE_END = re.compile(r"(?<=[.!?;])[\"')\]]*\s+|\n[ \t]*\n|\n(?=[ \t]*(?:[-*+]|\d+[.)])\s)")
_SPACE = re.compile(r"\s+")


def display_path(path: str, cwd: Optional[str] = None) -> str:
    """``path`` relative to the current directory (``cwd``) when it is under it, with ``/``; as given otherwise.

    A relative ``path`` is taken from ``cwd``. Compared as written (``..`` folded), then with links resolved."""
    if not path or path in ("-", "<stdin>"):
        return path
    base = Path(os.path.abspath(cwd or os.getcwd()))
    full = Path(os.path.abspath(base / path))
    for a, b in ((base, full), (base.resolve(), full.resolve())):
        if a in b.parents:
            return b.relative_to(a).as_posix()
    return path


def severity_of(finding: Finding) -> str:
    """``error``, ``warning`` or ``info``, whether ``Finding.severity`` is an int enum or a string enum."""
    value = getattr(finding.severity, "value", finding.severity)
    return (value if isinstance(value, str) else str(finding.severity)).lower()


@dataclass
class Item:
    """One finding as the page shows it."""

    i: int  # its index in the page (data-i, the JSON array)
    doc: int
    finding: Finding
    severity: str
    k: int  # the category's index in the legend (CSS class k<k>)
    line: int
    wide: bool
    before: str = ""  # the sentence around it
    match: str = ""
    after: str = ""
    unit: str = ""  # the unit, as a reader names it ("REQ-12 (requirement)", "line 14 (list item)")
    section: str = ""

    @property
    def sort_key(self) -> Tuple[Any, ...]:
        return (-RANK.get(self.severity, 0), -self.finding.confidence, self.doc, self.finding.start)


@dataclass
class Segment:
    text: str
    ids: str = ""  # space-separated indices of the findings covering it
    k: int = -1
    severity: str = ""
    multi: bool = False
    wide: bool = False
    begins: bool = False


@dataclass
class Row:
    number: int
    segments: List[Segment]
    notes: List[Item]

    @property
    def ids(self) -> str:
        """Every finding on this line (its notes and its highlights), space-separated."""
        found = {it.i for it in self.notes}
        for s in self.segments:
            found.update(int(x) for x in s.ids.split())
        return " ".join(str(i) for i in sorted(found))


@dataclass
class RuleGroup:
    rule: str
    category: str
    k: int
    severity: str
    description: str
    suggestion: str
    items: List[Item]
    texts: List[Tuple[str, int]]  # the most frequent flagged texts with their counts
    documents: int = 1

    @property
    def count(self) -> int:
        return len(self.items)


def base_name(path: str) -> str:
    return path.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1] or path


@dataclass
class Ranked:
    """A unit or a section in a ranking by clarity."""

    doc: int
    path: str
    label: str
    line: int
    clarity: float
    findings: int
    text: str = ""
    section: str = ""
    units: int = 1
    flagged: int = 0

    @property
    def name(self) -> str:
        return base_name(self.path)

    @property
    def short_section(self) -> str:
        return short_section(self.section)

    @property
    def short_label(self) -> str:
        return short_section(self.label)


@dataclass
class DocView:
    index: int
    path: str
    format: str
    clarity: Optional[float]
    scored_units: int
    items: List[Item]
    rows: List[Row]
    text_available: bool
    units: List[Ranked] = field(default_factory=list)
    sections: List[Ranked] = field(default_factory=list)
    rules: List[RuleGroup] = field(default_factory=list)

    @property
    def name(self) -> str:
        return base_name(self.path)

    def count(self, severity: str) -> int:
        return sum(1 for item in self.items if item.severity == severity)


# --- sentences, units and sections ---------------------------------------------------------------------------


def _clean(text: str) -> str:
    return _SPACE.sub(" ", text)


def _sentence(text: str, start: int, end: int, lo: int, hi: int) -> Tuple[str, str, str]:
    """The sentence of ``text[lo:hi]`` that holds ``[start, end)``, as (before, match, after), white space folded."""
    lo, hi = max(0, min(lo, start)), min(len(text), max(hi, end))
    s, e = lo, hi
    for m in _SENTENCE_END.finditer(text, lo, hi):
        if m.end() <= start:
            s = m.end()
        elif m.start() >= end:
            e = m.start()
            break
    before, match, after = _clean(text[s:start]).lstrip(), _clean(text[start:end]), _clean(text[end:e]).rstrip()
    if len(match) > WIDE:
        return "", match[:CONTEXT - 1].rstrip() + "\u2026", ""
    room = max(40, (CONTEXT - len(match)) // 2)
    if len(before) > room:
        before = "\u2026" + before[-room:].lstrip()
    if len(after) > room:
        after = after[:room].rstrip() + "\u2026"
    return before, match, after


def section_of(unit: Optional[Unit]) -> str:
    """A unit's section: its heading path, else its page or sheet; empty when the format gives none."""
    if unit is None:
        return ""
    where = unit.location or {}
    heading = where.get("heading")
    if heading:
        return " \u203a ".join(str(h) for h in (heading if isinstance(heading, (list, tuple)) else [heading]))
    if where.get("page") is not None:
        return f"page {where['page']}"
    if where.get("sheet") is not None:
        return f"sheet {where['sheet']}"
    return ""


def unit_label(unit: Unit) -> str:
    kind = unit.kind.replace("-", " ")
    return f"{unit.id} ({kind})" if unit.id else f"line {unit.line} ({kind})"


def short_section(section: str, levels: int = 2) -> str:
    """The last ``levels`` headings of a section path (the whole path goes in a tooltip)."""
    parts = section.split(" \u203a ")
    return section if len(parts) <= levels else "\u2026 \u203a " + " \u203a ".join(parts[-levels:])


class _Units:
    """Finds the unit that holds an offset."""

    def __init__(self, units: Sequence[Unit]):
        self.units = sorted(units, key=lambda u: (u.start, -u.end))
        self.starts = [u.start for u in self.units]

    def at(self, offset: int) -> Optional[Unit]:
        i = bisect.bisect_right(self.starts, offset) - 1
        if i >= 0 and self.units[i].start <= offset < self.units[i].end:
            return self.units[i]
        return None


# --- the document, line by line --------------------------------------------------------------------------------


def _lines(text: str) -> List[Tuple[int, int, int]]:
    """(start, end without the line break, start of the next line) of every line of ``text``."""
    starts = line_starts(text)
    out = []
    for n, s in enumerate(starts):
        nxt = starts[n + 1] if n + 1 < len(starts) else len(text)
        e = nxt
        while e > s and text[e - 1] in "\r\n":
            e -= 1
        out.append((s, e, nxt))
    if len(out) > 1 and out[-1][0] == len(text):  # a final line break ends the last line; it opens no new one
        out.pop()
    return out


def _wide(f: Finding, text: str, unit: Optional[Unit]) -> bool:
    """A finding on a whole unit (the classifier's, an action item's) or a long stretch: drawn pale, not solid."""
    if f.end - f.start > WIDE:
        return True
    if unit is None or f.end - f.start < 30 or not text:
        return False
    start, end = trimmed(text, unit.start, min(unit.end, len(text)))
    return f.start <= start and f.end >= end


def _segment(text: str, a: int, b: int, cover: List[Item], starts: set) -> Segment:
    if not cover:
        return Segment(text[a:b])
    narrow = [c for c in cover if not c.wide]
    main = min(narrow or cover, key=lambda c: (-RANK.get(c.severity, 0), c.finding.end - c.finding.start))
    return Segment(text[a:b], " ".join(str(c.i) for c in cover), main.k, main.severity, len(cover) > 1,
                   not narrow, a in starts)


def document_rows(text: str, items: List[Item]) -> List[Row]:
    """The lines of ``text``, each cut where a finding starts or ends, with the notes of the findings it starts."""
    order = sorted(items, key=lambda it: it.finding.start)
    starts = {it.finding.start for it in items}
    lines = _lines(text)
    notes: Dict[int, List[Item]] = {}
    for it in items:  # (an empty finding after the final line break goes on the last line)
        notes.setdefault(min(it.line, len(lines)), []).append(it)
    rows, active, p = [], [], 0
    for number, (s, e, nxt) in enumerate(lines, 1):
        while p < len(order) and order[p].finding.start < max(nxt, s + 1):
            active.append(order[p])
            p += 1
        active = [it for it in active if it.finding.end > s]
        cuts = sorted({s, e} | {x for it in active for x in (it.finding.start, it.finding.end) if s < x < e})
        segments = []
        for a, b in zip(cuts, cuts[1:]):
            cover = [it for it in active if it.finding.start <= a and b <= it.finding.end]
            segments.append(_segment(text, a, b, cover, starts))
        rows.append(Row(number, segments, sorted(notes.get(number, []), key=lambda it: it.sort_key)))
    return rows


# --- rankings and rule groups ----------------------------------------------------------------------------------


def _rank_units(di: int, path: str, report: Report, per_unit: Dict[int, int]) -> List[Ranked]:
    out = []
    for unit in report.units:
        clarity = unit.scores.get("clarity")
        if not unit.scored or not isinstance(clarity, (int, float)) or clarity >= 100:
            continue
        text = _clean(unit.text).strip()
        out.append(Ranked(di, path, unit_label(unit), unit.line, float(clarity), per_unit.get(unit.index, 0),
                          text if len(text) <= 160 else text[:159].rstrip() + "\u2026", section_of(unit)))
    return sorted(out, key=lambda r: (r.clarity, -r.findings, r.line))


def _rank_sections(di: int, path: str, report: Report, per_unit: Dict[int, int]) -> List[Ranked]:
    """Sections by mean clarity of their scored units (as a document's clarity is), flagged ones only."""
    groups: Dict[str, List[Unit]] = {}
    for unit in report.units:
        if unit.scored and isinstance(unit.scores.get("clarity"), (int, float)):
            groups.setdefault(section_of(unit), []).append(unit)
    out = []
    for name, units in groups.items():
        if not name:
            continue
        flagged = [u for u in units if u.scores["clarity"] < 100]
        if not flagged:
            continue
        mean = sum(u.scores["clarity"] for u in units) / len(units)
        out.append(Ranked(di, path, name, min(u.line for u in units), mean,
                          sum(per_unit.get(u.index, 0) for u in units), units=len(units), flagged=len(flagged)))
    return sorted(out, key=lambda r: (r.clarity, -r.findings, r.line))


def rule_groups(items: Iterable[Item], rules: Optional[Mapping[str, Any]] = None) -> List[RuleGroup]:
    """Findings grouped by rule; groups and their findings sorted by severity, then confidence."""
    by_rule: Dict[str, List[Item]] = {}
    for it in items:
        by_rule.setdefault(it.finding.rule, []).append(it)
    groups = []
    for rule_id, members in by_rule.items():
        members.sort(key=lambda it: it.sort_key)
        first = members[0]
        rule = (rules or {}).get(rule_id)
        suggestions = {it.finding.suggestion for it in members}
        suggestion = first.finding.suggestion if len(suggestions) == 1 or rule is None else \
            rule.suggestion.replace("{text}", "\u2026")
        texts: Dict[str, int] = {}
        for it in members:
            key = _clean(it.finding.text).strip().lower()
            if len(key) <= 60:
                texts[key] = texts.get(key, 0) + 1
        groups.append(RuleGroup(
            rule_id, first.finding.category, first.k, first.severity,
            getattr(rule, "description", "") or first.finding.message,
            suggestion, members,
            sorted(texts.items(), key=lambda kv: (-kv[1], kv[0]))[:6], len({it.doc for it in members})))
    return sorted(groups, key=lambda g: (g.items[0].sort_key[:2], -g.count, g.rule))


# --- the page --------------------------------------------------------------------------------------------------


class _Builder:
    def __init__(self, rules: Optional[Mapping[str, Any]], cwd: Optional[str]):
        self.rules, self.cwd = rules, cwd
        self.docs: List[DocView] = []
        self.items: List[Item] = []
        self.categories: List[str] = [c for c in CATEGORIES]

    def k(self, category: str) -> int:
        if category not in self.categories:
            self.categories.append(category)
        return self.categories.index(category)

    def item(self, di: int, f: Finding, text: str, starts: List[int], unit: Optional[Unit]) -> Item:
        ok = bool(text) and 0 <= f.start <= f.end <= len(text)
        line = bisect.bisect_right(starts, f.start) if ok else f.line
        item = Item(len(self.items), di, f, severity_of(f), self.k(f.category), line, _wide(f, text, unit),
                    unit=unit_label(unit) if unit else "", section=section_of(unit))
        if ok:
            lo, hi = (unit.start, unit.end) if unit else (starts[line - 1], len(text))
            item.before, item.match, item.after = _sentence(text, f.start, f.end, lo, hi)
        else:
            item.match = _clean(f.text)
        self.items.append(item)
        return item

    def add(self, report: Report, shown: List[Finding], text: str) -> None:
        di, path = len(self.docs), display_path(report.path, self.cwd)
        units = _Units(report.units)
        starts = line_starts(text) if text else [0]
        per_unit: Dict[int, int] = {}
        items = []
        for f in shown:
            unit = units.at(f.start)
            if unit is not None:
                per_unit[unit.index] = per_unit.get(unit.index, 0) + 1
            items.append(self.item(di, f, text, starts, unit))
        placed = [it for it in items if bool(text) and 0 <= it.finding.start <= it.finding.end <= len(text)]
        clarity = report.scores.get("clarity") if report.scores.get("scored_units") else None
        view = DocView(di, path, report.format, clarity, int(report.scores.get("scored_units") or 0), items,
                       document_rows(text, placed) if text else [], bool(text))
        view.units = _rank_units(di, path, report, per_unit)
        view.sections = _rank_sections(di, path, report, per_unit)
        view.rules = rule_groups(items, self.rules)
        self.docs.append(view)

    def data(self, summary: Summary) -> Dict[str, Any]:
        """The JSON the page's script reads: compact arrays, one per finding."""
        findings = [[it.doc, it.k, it.severity, round(it.finding.confidence, 3), it.finding.rule, it.line,
                     it.finding.text, it.finding.message, it.before + it.match + it.after, int(it.wide)]
                    for it in self.items]
        return {"schema_version": OUTPUT_SCHEMA_VERSION, "tool": {"name": "ambiguity", "version": __version__},
                "fields": ["doc", "category", "severity", "confidence", "rule", "line", "text", "message",
                           "sentence", "wide"],
                "categories": self.categories, "documents": [d.path for d in self.docs],
                "findings": findings, "summary": summary.to_dict()}


def _legend(builder: _Builder, summary: Summary) -> List[Dict[str, Any]]:
    present = [c for c in builder.categories if summary.by_category.get(c)]
    return [{"name": c, "k": builder.k(c), "colour": COLOURS.get(c, OTHER_COLOUR), "count": summary.by_category[c],
             "hint": CATEGORY_HINTS.get(c, "")} for c in present]


def page_context(items: Iterable[Tuple[Report, List[Finding]]], summary: Summary,
                 text_of: Callable[[Report], str], rules: Optional[Mapping[str, Any]] = None,
                 cwd: Optional[str] = None) -> Dict[str, Any]:
    """Everything the template shows, as plain data (nothing pre-escaped)."""
    builder = _Builder(rules, cwd)
    for report, shown in items:  # the summary is complete once the stream is read
        builder.add(report, shown, text_of(report) or "")
    docs = builder.docs
    all_units = sorted((r for d in docs for r in d.units), key=lambda r: (r.clarity, -r.findings, r.doc, r.line))
    all_sections = sorted((r for d in docs for r in d.sections), key=lambda r: (r.clarity, -r.findings, r.doc))
    return {
        "version": __version__,
        "generated": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "summary": summary, "severities": SEVERITIES, "documents": docs,
        "colours": [COLOURS.get(c, OTHER_COLOUR) for c in builder.categories],
        "legend": _legend(builder, summary),
        "units": all_units[:TOP_UNITS_ALL], "sections": all_sections[:TOP_SECTIONS_ALL],
        "rules": rule_groups(builder.items, rules),
        "by_clarity": sorted(docs, key=lambda d: (d.clarity if d.clarity is not None else 101, -len(d.items))),
        "errors": [str(e) for e in summary.errors],
        "top_units": TOP_UNITS, "top_sections": TOP_SECTIONS,
        "data": builder.data(summary),
    }


def _environment():
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(loader=PackageLoader("ambiguity.output", "templates"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["plural"] = lambda n, word: f"{n} {word}{'' if n == 1 or word == 'info' else 's'}"
    return env


def html_report(items: Iterable[Tuple[Report, List[Finding]]], summary: Summary,
                text_of: Optional[Callable[[Report], str]] = None, rules: Optional[Mapping[str, Any]] = None,
                cwd: Optional[str] = None) -> str:
    """The whole page. ``text_of`` gives a report's document text (default: ``report.document.text``)."""
    if text_of is None:
        def text_of(report: Report) -> str:
            return report.document.text if report.document is not None else ""
    context = page_context(items, summary, text_of, rules, cwd)
    return _environment().get_template("report.html").render(**context)
