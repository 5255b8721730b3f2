"""JSON and JSON Lines: the documented, versioned contract (docs/output-schema.md)."""
from __future__ import annotations

import json
from typing import Any, Dict, Iterable, Iterator, List, Tuple

from ..about import OUTPUT_SCHEMA_VERSION, __version__
from ..errors import InputError
from ..types import Finding, Report
from .summary import Summary

TOOL = {"name": "ambiguity", "version": __version__}


def error_dict(err: InputError) -> Dict[str, Any]:
    return {"path": err.path, "code": err.code, "message": err.problem}


def json_document(items: Iterable[Tuple[Report, List[Finding]]], summary: Summary) -> str:
    files = []
    for report, findings in items:
        data = report.to_dict()
        data["findings"] = [f.to_dict() for f in findings]
        files.append(data)
    return json.dumps({
        "schema_version": OUTPUT_SCHEMA_VERSION, "tool": TOOL, "files": files,
        "errors": [error_dict(e) for e in summary.errors], "summary": summary.to_dict(),
    }, indent=2, ensure_ascii=False)


def jsonl_records(items: Iterable[Tuple[Report, List[Finding]]], summary: Summary) -> Iterator[Dict[str, Any]]:
    """One finding per record as soon as its document is done; then errors; a summary record last."""
    for report, findings in items:
        for f in findings:
            yield {"type": "finding", "schema_version": OUTPUT_SCHEMA_VERSION, **f.to_dict()}
    for err in summary.errors:
        yield {"type": "error", "schema_version": OUTPUT_SCHEMA_VERSION, **error_dict(err)}
    yield {"type": "summary", "schema_version": OUTPUT_SCHEMA_VERSION, **summary.to_dict()}
