"""The ``definitions`` stage: a term the document defines is not vague where it is used.

The document's own definitions (:mod:`ambiguity.definitions`) pin the words of the term: a vague, loophole,
open-ended, comparative, superlative or missing-metric candidate inside a use of it is not a finding (kept as a
candidate for ``--all``).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..definitions import defined_terms
from ..project import glossary_spans
from ..types import Report
from . import registry

if TYPE_CHECKING:
    from ..api import Analyzer

_PINNED = {"vague", "loophole", "open-ended", "comparative", "superlative", "missing-metric"}


@registry.register("definitions")
def make_definitions(analyzer: "Analyzer"):
    def definitions(report: Report) -> Report:
        if report.document is None or not any(str(f.category) in _PINNED for f in report.findings):
            return report
        terms = defined_terms(report.document.text)
        if not terms:
            return report
        uses = glossary_spans(report.document.text, terms, case_sensitive=True)  # as written: a defined Term
        for f in report.findings:
            if str(f.category) in _PINNED and any(u.start <= f.start and f.end <= u.stop for u in uses):
                f.accepted = False
        return report

    return definitions
