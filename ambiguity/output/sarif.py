"""SARIF 2.1.0 (OASIS): what code-scanning dashboards and pull-request checks read.

One run; ``tool.driver.rules`` describes every rule that is loaded (help text with its suggestion, category,
default level); each result points at its region by line/column and by character offset, and carries a
:data:`~ambiguity.fingerprint.FINGERPRINT_KEY` partial fingerprint that survives lines moving.
"""
from __future__ import annotations

import json
from pathlib import PurePath
from typing import Any, Dict, Iterable, List, Mapping, Tuple
from urllib.parse import quote

from ..about import __version__
from ..fingerprint import FINGERPRINT_KEY, fingerprints, key
from ..rules.loader import Rule
from ..types import Finding, Report, Severity
from .summary import Summary

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/ambiguity/ambiguity"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _title(rule_id: str) -> str:
    """``vague.subjective`` -> ``VagueSubjective`` (SARIF's ``name`` is a readable identifier)."""
    return "".join(part.capitalize() for part in rule_id.replace("-", ".").split("."))


def sarif_rule(rule: Rule) -> Dict[str, Any]:
    """The ``reportingDescriptor`` of one rule."""
    help_text = f"{rule.description}\n\nSuggestion: {rule.suggestion}\n\nSource: {rule.source}"
    return {
        "id": rule.id,
        "name": _title(rule.id),
        "shortDescription": {"text": rule.description.split(". ")[0].rstrip(".") + "."},
        "fullDescription": {"text": rule.description},
        "help": {"text": help_text, "markdown": f"{rule.description}\n\n**Suggestion:** {rule.suggestion}\n\n"
                                                f"*Source:* {rule.source}"},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"category": rule.category, "tags": sorted({"ambiguity", rule.category, rule.family}),
                       "precision": "medium" if rule.confidence < 0.8 else "high"},
    }


def artifact_uri(path: str) -> Tuple[str, bool]:
    """A URI reference for a path and whether it is relative to the source root."""
    p = PurePath(path)
    if p.is_absolute():
        return p.as_uri(), False
    return quote(p.as_posix()), True


def sarif_result(f: Finding, rule_index: Mapping[str, int], fingerprint: str) -> Dict[str, Any]:
    uri, relative = artifact_uri(f.path)
    location: Dict[str, Any] = {"uri": uri}
    if relative:
        location["uriBaseId"] = "%SRCROOT%"
    result: Dict[str, Any] = {
        "ruleId": f.rule,
        "level": LEVELS[f.severity],
        "message": {"text": f"{f.message} Suggestion: {f.suggestion}"},
        "locations": [{"physicalLocation": {
            "artifactLocation": location,
            "region": {"startLine": f.line, "startColumn": f.column, "endLine": f.end_line,
                       "endColumn": f.end_column, "charOffset": f.start, "charLength": f.end - f.start,
                       "snippet": {"text": f.text}},
        }}],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
        "properties": {"category": f.category, "confidence": round(f.confidence, 3),
                       "unit": f.unit.to_dict()},
    }
    if f.rule in rule_index:
        result["ruleIndex"] = rule_index[f.rule]
    return result


def sarif_log(items: Iterable[Tuple[Report, List[Finding]]], summary: Summary,
              rules: Mapping[str, Rule]) -> Dict[str, Any]:
    """The whole SARIF log as a dict (consumes ``items``)."""
    ordered = sorted(rules.values(), key=lambda r: r.id)
    rule_index = {r.id: i for i, r in enumerate(ordered)}
    results: List[Dict[str, Any]] = []
    for report, shown in items:
        prints = fingerprints(report)
        results.extend(sarif_result(f, rule_index, prints[key(f)]) for f in shown)
    notifications = [{"level": "error", "message": {"text": str(err)},
                      "locations": [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(err.path)[0]}}}]}
                     for err in summary.errors]
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "ambiguity", "version": __version__, "semanticVersion": __version__,
                                "informationUri": INFORMATION_URI, "rules": [sarif_rule(r) for r in ordered]}},
            "originalUriBaseIds": {"%SRCROOT%": {"description": {"text": "The folder the scan ran in."}}},
            "columnKind": "unicodeCodePoints",
            "invocations": [{"executionSuccessful": summary.files > 0,
                             "toolExecutionNotifications": notifications}],
            "results": results,
            "properties": {"summary": summary.to_dict()},
        }],
    }


def sarif_document(items: Iterable[Tuple[Report, List[Finding]]], summary: Summary,
                   rules: Mapping[str, Rule]) -> str:
    return json.dumps(sarif_log(items, summary, rules), indent=2, ensure_ascii=False)
