"""Dispatch for the formats other tools read (SARIF, GitHub annotations, CSV, HTML): one entry for the CLI."""
from __future__ import annotations

from typing import Callable, Iterable, Iterator, List, Mapping, Optional, Tuple

from ..rules.loader import Rule
from ..types import Finding, Report
from .csvout import csv_lines
from .github import github_lines
from .sarif import sarif_document
from .summary import Summary

MACHINE_FORMATS = ("sarif", "github", "csv", "html")


def machine_lines(fmt: str, items: Iterable[Tuple[Report, List[Finding]]], summary: Summary,
                  rules: Mapping[str, Rule], text_of: Optional[Callable[[Report], str]] = None) -> Iterator[str]:
    """Lines of output for ``fmt`` (one of :data:`MACHINE_FORMATS`); ``text_of`` gives HTML the document text."""
    if fmt == "sarif":
        yield sarif_document(items, summary, rules)
    elif fmt == "github":
        yield from github_lines(items, summary)
    elif fmt == "csv":
        yield from csv_lines(items)
    elif fmt == "html":
        from .html import html_report

        yield html_report(items, summary, text_of or (lambda report: ""))
    else:  # pragma: no cover - click's Choice guards this
        raise ValueError(f"unknown format {fmt!r}")
