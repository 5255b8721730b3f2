"""Dispatch for the formats other tools read (SARIF, GitHub annotations, CSV, HTML): one entry for the CLI."""
from __future__ import annotations

from typing import Iterable, Iterator, List, Mapping, Tuple

from ..rules.loader import Rule
from ..types import Finding, Report
from .csvout import csv_lines
from .github import github_lines
from .sarif import sarif_document
from .summary import Summary

MACHINE_FORMATS = ("sarif", "github", "csv")


def machine_lines(fmt: str, items: Iterable[Tuple[Report, List[Finding]]], summary: Summary,
                  rules: Mapping[str, Rule]) -> Iterator[str]:
    """Lines of output for ``fmt`` (one of :data:`MACHINE_FORMATS`)."""
    if fmt == "sarif":
        yield sarif_document(items, summary, rules)
    elif fmt == "github":
        yield from github_lines(items, summary)
    elif fmt == "csv":
        yield from csv_lines(items)
    else:  # pragma: no cover - click's Choice guards this
        raise ValueError(f"unknown format {fmt!r}")
