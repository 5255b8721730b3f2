"""Text output for people: grouped by file, ``path:line:col``, colour only where the terminal shows it."""
from __future__ import annotations

from typing import Iterable, Iterator, List, Tuple

import click

from ..types import Finding, Report

_SEVERITY_COLOUR = {"error": "red", "warning": "yellow", "info": "cyan"}


def _finding_lines(f: Finding) -> Iterator[str]:
    sev = str(f.severity)
    where = click.style(f"{f.path}:{f.line}:{f.column}", bold=True)
    unit = f" [{f.unit.id}]" if f.unit.id else ""
    yield (f"{where}  {click.style(f'{sev:<7}', fg=_SEVERITY_COLOUR[sev])} {f.category:<18} "
           f"{click.style(repr(f.text), bold=True)}  {f.message}{unit}  ({f.rule}, {f.confidence:.2f})")
    yield f"    {click.style('suggestion:', dim=True)} {f.suggestion}"


def text_lines(items: Iterable[Tuple[Report, List[Finding]]]) -> Iterator[str]:
    for report, findings in items:
        if not findings:
            continue
        scores = report.scores
        yield click.style(report.path, bold=True, underline=True) + (
            f"  clarity {scores['clarity']:.0f}/100 over {scores['scored_units']} units"
        )
        for f in findings:
            yield from _finding_lines(f)
        yield ""
