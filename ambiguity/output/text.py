"""Text output for people, in the style of ruff and eslint: grouped by file, ``path:line:col  severity  rule
message``, the source line with the flagged words underlined, then the suggestion. ``concise`` is one line per
finding. Colour (click.style) is dropped by ``click.echo`` unless the output is a terminal or ``--color`` is given.

    corpus/samples/parcel-tracking-spec.md:13:32  warning  vague.subjective  'user-friendly' is subjective: ...
       13 | - REQ-002: The portal shall be user-friendly and work on all common devices.
          |                                ^^^^^^^^^^^^^ confidence 1.00
          = suggestion: Replace 'user-friendly' with a testable criterion, e.g. a time, a rate, ...
"""
from __future__ import annotations

import re
from typing import Any, Dict, Iterable, Iterator, List, Optional, Tuple

import click

from ..escape import printable
from ..types import Finding, Report
from .summary import counts

_SEVERITY_COLOUR = {"error": "red", "warning": "yellow", "info": "cyan"}
#: Characters of a source line shown; a longer line is cut around the flagged words, with an ellipsis.
WIDTH = 100
ELLIPSIS = "\u2026"
#: How far a cut may move to fall between words rather than inside one.
_SLACK = 16
_SENTENCE_END = re.compile(r"[.!?;:][\"')\]]*\s+")
_BREAKS = re.compile(r"\s*(?:\r\n|\r|\n)\s*")
#: What a terminal would act on rather than show: control characters (an escape sequence in a document would
#: recolour or move the cursor) and bidirectional overrides. Each is shown as one U+FFFD, so columns stay aligned.
_UNSHOWABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def location_label(location: Dict[str, Any]) -> str:
    """Where a person finds it in the original (docs/output-schema.md, ``location``): "p.3 l.12", "table 2 row 3
    cell 1", "¶14", "Reqs!row 12 Text". The requirement id is shown with the unit, so it is not repeated here."""
    parts = []
    if "page" in location:
        parts.append(f"p.{location['page']}" + (f" l.{location['line']}" if "line" in location else ""))
    elif "table" in location:
        parts.append(f"table {location['table']} row {location.get('row', '?')} cell {location.get('cell', '?')}")
    elif "paragraph" in location:
        parts.append(f"\u00b6{location['paragraph']}")
    elif "row" in location:
        sheet = f"{location['sheet']}!" if location.get("sheet") else ""
        col = f" {location['column']}" if location.get("column") else ""
        parts.append(f"{sheet}row {location['row']}{col}")
    elif "line" in location:
        parts.append(f"line {location['line']}")
    return " ".join(parts)


def one_line(text: str) -> str:
    """``text`` with its line breaks (and the spaces around them) as single spaces: never a literal ``\\n``; and
    nothing a terminal would act on (:func:`showable`)."""
    return showable(_BREAKS.sub(" ", text))


def showable(text: str) -> str:
    """``text`` as a terminal should show it: a tab as a space, control characters and bidirectional overrides as
    U+FFFD, one character for one, so that columns stay where they were."""
    return _UNSHOWABLE.sub("\ufffd", text.replace("\t", " "))


def _severity(f: Finding, pad: int = 0) -> str:
    sev = str(f.severity)
    return click.style(sev.ljust(pad), fg=_SEVERITY_COLOUR.get(sev))


# -- the source line -------------------------------------------------------------------------------------------
def window(line: str, start: int, end: int, width: int = WIDTH) -> Tuple[str, int, int]:
    """The part of ``line`` to show and where ``line[start:end]`` sits in it (``end`` clipped to what is shown).

    A line up to ``width`` characters is shown whole. A longer one is cut to ``width`` around the flagged words:
    from the line's start when they are near it, else from the start of their sentence when it is close enough,
    else a little before them, at a space where one is near; a cut end is marked with an ellipsis. Flagged words
    longer than the window are shown from their start.
    """
    if len(line) <= width:
        return line, start, min(end, len(line))
    left = _left_edge(line, start, end, width)
    right = min(len(line), left + width)
    if right < len(line):
        space = line.rfind(" ", max(left + 1, end, right - _SLACK), right + 1)
        if space > left:
            right = space
    head = ELLIPSIS if left > 0 else ""
    tail = ELLIPSIS if right < len(line) else ""
    shown = head + line[left:right].rstrip() + tail
    offset = len(head) - left
    return shown, start + offset, max(start, min(end, right)) + offset


def _left_edge(line: str, start: int, end: int, width: int) -> int:
    if end - start >= width - _SLACK:
        return start  # long flagged words: from their start
    if end <= width - _SLACK // 2:
        return 0  # the words are near the start: show the line from there
    sentence = 0
    for m in _SENTENCE_END.finditer(line, 0, start):
        sentence = m.end()
    if end - sentence <= width:
        return sentence
    left = max(0, start - (width - (end - start)) // 3)  # a third of the room before the words, the rest after
    space = line.find(" ", left, min(start, left + _SLACK))
    return space + 1 if space >= 0 else left


def _source_lines(f: Finding, document: Any, gutter: int) -> List[str]:
    """The source line of ``f`` with its words underlined, and a note when they run over several lines."""
    if document is None:  # a report built without its document: quote the words themselves
        text, line_no, col, last = one_line(f.text), f.line, 0, f.line
        end = len(text)
    else:
        starts = document.line_starts
        line_start = starts[f.line - 1]
        line_end = starts[f.line] if f.line < len(starts) else len(document.text)
        text = document.text[line_start:line_end].rstrip("\r\n")
        line_no, col = f.line, f.start - line_start
        last = document.position(max(f.start, f.end - 1))[0]
        end = f.end - line_start if last == f.line else len(text)
    text = showable(text)  # a tab is one column (docs/output-schema.md), shown as one space
    shown, s, e = window(text, col, end)
    label = _label(f, shown)
    carets = click.style("^" * max(1, e - s), fg=_SEVERITY_COLOUR.get(str(f.severity)), bold=True)
    bar = click.style(" " * gutter + " |", dim=True)
    out = [f"{click.style(str(line_no).rjust(gutter), dim=True)}{click.style(' |', dim=True)} {shown}".rstrip(),
           f"{bar} {' ' * s}{carets}" + (f" {click.style(label, dim=True)}" if label else "")]
    if last > f.line:
        out.append(f"{' ' * gutter} {click.style('=', dim=True)} note: the flagged text runs on to line {last}")
    return out


def _label(f: Finding, shown: str) -> str:
    """What the carets point at, beyond the line: the unit's id (unless the line shows it), where the words are in
    the original (page, table cell...), and the confidence."""
    parts = []
    if f.unit.id and f.unit.id not in shown:
        parts.append(f.unit.id)
    where = location_label(f.location) if f.location else ""
    if where:
        parts.append(where)
    parts.append(f"confidence {f.confidence:.2f}")
    return showable(", ".join(parts))


# -- the formats -----------------------------------------------------------------------------------------------
def header(report: Report, findings: List[Finding]) -> str:
    """``path  22 units (15 scored), 18 findings (1 error, 12 warnings, 5 info), clarity 60/100``: the same words
    as the run's summary line (:meth:`Summary.line`), over this file."""
    by_severity: Dict[str, int] = {}
    for f in findings:
        by_severity[str(f.severity)] = by_severity.get(str(f.severity), 0) + 1
    scored = int(report.scores.get("scored_units", 0))
    clarity: Optional[float] = report.scores.get("clarity") if scored else None
    return (click.style(printable(report.path), bold=True, underline=True) + "  "
            + counts(len(report.units), scored, len(findings), by_severity, clarity))


def text_lines(items: Iterable[Tuple[Report, List[Finding]]]) -> Iterator[str]:
    """Each file with findings: its header, then each finding (first line, source, suggestion) and a blank line."""
    for report, findings in items:
        if not findings:
            continue
        yield header(report, findings)
        where = [f"{printable(f.path)}:{f.line}:{f.column}" for f in findings]
        pad = max(map(len, where))
        gutter = len(str(max(f.line for f in findings))) + 2
        for f, at in zip(findings, where):
            yield (f"{click.style(at, bold=True)}{' ' * (pad - len(at))}  {_severity(f, 7)}  "
                   f"{click.style(f.rule, bold=True)}  {one_line(f.message)}")
            yield from _source_lines(f, report.document, gutter)
            yield f"{' ' * gutter} {click.style('=', dim=True)} {click.style('suggestion:', bold=True)} " \
                  f"{one_line(f.suggestion)}"
            yield ""


def concise_lines(items: Iterable[Tuple[Report, List[Finding]]]) -> Iterator[str]:
    """One line per finding, ``path:line:col: severity rule message``, as ruff's and eslint's compact formats (and
    editors' error formats) read them."""
    for _report, findings in items:
        for f in findings:
            yield f"{click.style(f'{printable(f.path)}:{f.line}:{f.column}:', bold=True)} {_severity(f)} {f.rule} " \
                  f"{one_line(f.message)}"
