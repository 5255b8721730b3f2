"""Text output for people: grouped by file, ``path:line:col``, colour only where the terminal shows it."""
from __future__ import annotations

from typing import Any, Dict, Iterable, Iterator, List, Tuple

import click

from ..escape import printable
from ..types import Finding, Report

_SEVERITY_COLOUR = {"error": "red", "warning": "yellow", "info": "cyan"}


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


def _finding_lines(f: Finding) -> Iterator[str]:
    sev = str(f.severity)
    # everything from the documents is escaped before it is styled: a file name's own codes must not reach the terminal
    where = click.style(f"{printable(f.path)}:{f.line}:{f.column}", bold=True)
    unit = f" [{printable(f.unit.id)}]" if f.unit.id else ""
    label = location_label(f.location) if f.location else ""
    unit += f" @ {printable(label)}" if label else ""
    yield (f"{where}  {click.style(f'{sev:<7}', fg=_SEVERITY_COLOUR[sev])} {f.category:<18} "
           f"{click.style(printable(repr(f.text)), bold=True)}  {printable(f.message)}{unit}  "
           f"({f.rule}, {f.confidence:.2f})")
    yield f"    {click.style('suggestion:', dim=True)} {printable(f.suggestion)}"


def text_lines(items: Iterable[Tuple[Report, List[Finding]]]) -> Iterator[str]:
    for report, findings in items:
        if not findings:
            continue
        scores = report.scores
        yield click.style(printable(report.path), bold=True, underline=True) + (
            f"  clarity {scores['clarity']:.0f}/100 over {scores['scored_units']} units"
        )
        for f in findings:
            yield from _finding_lines(f)
        yield ""
