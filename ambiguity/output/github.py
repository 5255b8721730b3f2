"""GitHub Actions workflow commands: each finding becomes an annotation on the pull request's diff.

``::warning file=F,line=L,col=C,endLine=L2,endColumn=C2,title=T::message``. Property values and the message are
escaped as the Actions runner expects (``%``, CR, LF; in properties also ``:`` and ``,``).
"""
from __future__ import annotations

from typing import Iterable, Iterator, List, Tuple

from ..escape import printable
from ..types import Finding, Report, Severity
from .summary import Summary

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(value: str) -> str:
    """The runner's rules (``%``, CR, LF), then any other control character made visible: the Actions log obeys
    ANSI escape sequences."""
    return printable(value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def annotation(f: Finding) -> str:
    props = [("file", f.path), ("line", str(f.line)), ("col", str(f.column)),
             ("endLine", str(f.end_line))]
    if f.end_line == f.line:  # GitHub ignores endColumn across lines
        props.append(("endColumn", str(f.end_column)))
    props.append(("title", f"ambiguity {f.rule} ({f.category})"))
    body = f"{f.message}\nSuggestion: {f.suggestion}"
    return f"::{COMMANDS[f.severity]} " + ",".join(f"{k}={escape_property(v)}" for k, v in props) + \
        f"::{escape_data(body)}"


def github_lines(items: Iterable[Tuple[Report, List[Finding]]], summary: Summary) -> Iterator[str]:
    """One workflow command per finding, then one per unreadable input, then a notice with the totals."""
    for _report, shown in items:
        for f in shown:
            yield annotation(f)
    for err in summary.errors:
        yield f"::error file={escape_property(err.path)},title=ambiguity {err.code}::{escape_data(err.problem)}"
    yield f"::notice title=ambiguity::{escape_data(summary.line())}"
