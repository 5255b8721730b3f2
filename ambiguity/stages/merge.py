"""The ``merge`` stage: one finding per stretch of words.

Words that are both vague and missing a metric ("fast" in "shall be fast") are reported once: the finding the
reader is most sure to accept (accepted by the judge first, then the smallest span, then the most confident)
speaks for them, and the
other categories are listed in its ``also`` (a second finding of a category already there adds nothing). Findings
merge when their spans are the same or, in the headline groups, one holds the other. A
suppression naming any of them silences the merged finding (the ``suppressions`` stage spreads it to the words'
other findings before this stage runs).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, List

from ..types import Finding, Report
from . import registry

if TYPE_CHECKING:
    from ..api import Analyzer


def nested(a: Finding, b: Finding) -> bool:
    """The same words: the same span, or, for the headline groups (vague, missing-metric, undefined-deadline),
    one span holding the other ("fast" in "shall be fast"). A passive and a conjunction inside it stay apart."""
    if (a.start, a.end) == (b.start, b.end):
        return True
    from ..model.span_judge import label_of

    if label_of(str(a.category)) is None or label_of(str(b.category)) is None:
        return False
    return (a.start <= b.start and b.end <= a.end) or (b.start <= a.start and a.end <= b.end)


def merge(findings: List[Finding]) -> List[Finding]:
    """The findings with those on the same words folded into one (see the module docstring).

    Only findings that overlap can merge, so the work is done per cluster of overlapping findings (a sweep in
    text order): linear in the number of findings however many a long line holds."""
    kept: List[Finding] = []
    cluster: List[Finding] = []
    reach = -1
    for f in sorted(findings, key=lambda f: (f.start, f.end)):
        if cluster and f.start >= reach:
            kept += _merge_cluster(cluster)
            cluster = []
        cluster.append(f)
        reach = max(reach, f.end) if len(cluster) > 1 else f.end
    kept += _merge_cluster(cluster)
    kept.sort(key=lambda f: (f.start, f.end, f.rule))
    return kept


def _merge_cluster(cluster: List[Finding]) -> List[Finding]:
    ranked = sorted(cluster, key=lambda f: (not f.accepted, f.end - f.start, -f.confidence, f.start, f.rule))
    kept: List[Finding] = []
    for f in ranked:
        home = next((k for k in kept if nested(k, f)), None)
        if home is None:
            kept.append(f)
        elif f.category != home.category and all(a["category"] != str(f.category) for a in home.also):
            home.also.append({"category": str(f.category), "rule": f.rule, "message": f.message})
        # else: the same problem on the same words, already reported by ``home``
    return kept


@registry.register("merge")
def make_merge(analyzer: "Analyzer"):
    def merged(report: Report) -> Report:
        report.findings = merge(report.findings)
        return report

    return merged
