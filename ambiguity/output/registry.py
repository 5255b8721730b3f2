"""Output formats by name: one registry, as for readers. A format turns the reports of a run into lines of text.

Every formatter takes ``(reports, summary, rules)``: ``reports`` is the run's stream of final reports (the
summary is filled in as the stream is read, so a formatter that prints totals reads them after the stream),
``rules`` the analyzer's rules (SARIF describes them). To add a format: a function here decorated with
``@output_format("name")`` (its work can live in a module of this folder, imported inside the function, as below).
"""
from __future__ import annotations

import json
from typing import Callable, Dict, Iterable, Iterator, List, Mapping, Tuple

from ..rules.loader import Rule
from ..types import Finding, Report
from .summary import Summary

Formatter = Callable[[Iterable[Report], Summary, Mapping[str, Rule]], Iterator[str]]
FORMATTERS: Dict[str, Formatter] = {}


def output_format(name: str) -> Callable[[Formatter], Formatter]:
    def register(fn: Formatter) -> Formatter:
        FORMATTERS[name] = fn
        return fn

    return register


def render(fmt: str, reports: Iterable[Report], summary: Summary, rules: Mapping[str, Rule]) -> Iterator[str]:
    """The lines of output of ``fmt`` for a run."""
    if fmt not in FORMATTERS:
        raise ValueError(f"unknown output format {fmt!r}; known: {', '.join(FORMATTERS)}")
    return FORMATTERS[fmt](reports, summary, rules)


def _items(reports: Iterable[Report]) -> Iterator[Tuple[Report, List[Finding]]]:
    return ((r, r.findings) for r in reports)


@output_format("text")
def _text(reports: Iterable[Report], summary: Summary, rules: Mapping[str, Rule]) -> Iterator[str]:
    from .text import text_lines

    yield from text_lines(_items(reports))
    yield summary.line()


@output_format("concise")
def _concise(reports: Iterable[Report], summary: Summary, rules: Mapping[str, Rule]) -> Iterator[str]:
    from .text import concise_lines

    yield from concise_lines(_items(reports))
    yield summary.line()


@output_format("json")
def _json(reports: Iterable[Report], summary: Summary, rules: Mapping[str, Rule]) -> Iterator[str]:
    from .jsonout import json_document

    yield json_document(_items(reports), summary)


@output_format("jsonl")
def _jsonl(reports: Iterable[Report], summary: Summary, rules: Mapping[str, Rule]) -> Iterator[str]:
    from .jsonout import jsonl_records

    for record in jsonl_records(_items(reports), summary):
        yield json.dumps(record, ensure_ascii=False)


@output_format("sarif")
def _sarif(reports: Iterable[Report], summary: Summary, rules: Mapping[str, Rule]) -> Iterator[str]:
    from .sarif import sarif_document

    yield sarif_document(_items(reports), summary, rules)


@output_format("github")
def _github(reports: Iterable[Report], summary: Summary, rules: Mapping[str, Rule]) -> Iterator[str]:
    from .github import github_lines

    yield from github_lines(_items(reports), summary)


@output_format("csv")
def _csv(reports: Iterable[Report], summary: Summary, rules: Mapping[str, Rule]) -> Iterator[str]:
    from .csvout import csv_lines

    yield from csv_lines(_items(reports))


@output_format("html")
def _html(reports: Iterable[Report], summary: Summary, rules: Mapping[str, Rule]) -> Iterator[str]:
    from .html import html_report

    yield html_report(_items(reports), summary, rules=rules)
