"""``ambiguity actions``: the action items of meeting notes as a table, CSV or JSON Lines, ready for a tracker."""
from __future__ import annotations

import csv
import io
import json
import sys
from datetime import date
from typing import TYPE_CHECKING, Iterable, Iterator, List, Optional, Tuple

import click

from ..cli_common import (ExitCode, NonEmptyPath, UsageFailure, analysis_options, classifier_arg, debug_option, given,
                          input_options, rule_options)
from ..escape import printable
if TYPE_CHECKING:  # pragma: no cover
    from .model import ActionItem

COLUMNS = ("file", "line", "owner", "due", "due_phrase", "due_status", "text", "findings")


def row(item: ActionItem) -> Tuple[str, ...]:
    return (item.path, str(item.line), item.owner or "", item.due.iso or "", item.due.phrase or "", item.due.status,
            item.text, " ".join(item.findings))


def table_lines(items: List[ActionItem]) -> Iterator[str]:
    """A plain aligned table; the task text is cut at 70 characters."""
    rows = [("file:line", "owner", "due", "task", "findings")]
    for a in items:
        due = a.due.iso or a.due.phrase or "-"
        text = a.text if len(a.text) <= 70 else a.text[:67] + "..."
        rows.append(tuple(printable(c) for c in (f"{a.path}:{a.line}", a.owner or "-", due, text,
                                                 ",".join(a.findings) or "-")))
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    for r in rows:
        yield "  ".join(c.ljust(w) for c, w in zip(r[:4], widths)) + "  " + r[4]


def csv_lines(items: Iterable[ActionItem]) -> Iterator[str]:
    from ..output.csvout import safe_row  # owner and task come from the notes: no cell may start a formula

    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(COLUMNS)
    for a in items:
        writer.writerow(safe_row(row(a)))
        yield from buf.getvalue().splitlines()
        buf.seek(0)
        buf.truncate()
    yield from buf.getvalue().splitlines()


def jsonl_lines(items: Iterable[ActionItem]) -> Iterator[str]:
    for a in items:
        yield json.dumps(a.to_dict(), ensure_ascii=False)


@click.command("actions")
@click.argument("notes", nargs=-1, required=True, type=NonEmptyPath())
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "jsonl"]), default="table", show_default=True)
@analysis_options(kind="meeting")
@rule_options
@input_options
@click.option("-o", "--output", type=click.File("w", encoding="utf-8"), default="-", help="Write here, not stdout.")
@debug_option
def actions(notes: Tuple[str, ...], fmt: str, model: Optional[str], config_path: Optional[str], classifier: str,
            kind: str, reference_date: Optional[date], only: Tuple[str, ...], ignore: Tuple[str, ...],
            rules_path: Optional[str], max_bytes: int, max_units: int, output, debug: bool,
            profile: Optional[str] = None) -> None:
    """Export the action items of meeting notes: file, line, owner, due date (ISO), task and findings.

    Every file is read as meeting notes unless --kind says otherwise ('auto' skips files that do not read as
    minutes, 'spec' finds no action items). The project configuration applies as in scan, so the findings column lists what scan shows.

    \b
    Examples:
      ambiguity actions minutes/2027-03-04.md
      ambiguity actions minutes/ --format csv -o actions.csv
      ambiguity actions notes.md --reference-date 2027-03-04 --format jsonl

    A file that cannot be read, or is over --max-bytes / --max-units, is reported on stderr in one line and the
    other files go on.

    Exit status: 0 done, 2 nothing could be read.
    """
    from ..api import Analyzer
    from ..errors import AmbiguityError, InputError, unexpected
    from ..project import Settings

    ctx = click.get_current_context()
    try:
        settings = Settings.resolve(config_path, None, notes, **given(ctx, "model", "profile"))
        analyzer = Analyzer(config=settings, only=only, ignore=ignore, rules_path=rules_path, kind=kind,
                            reference_date=reference_date, classifier=classifier_arg(classifier),
                            max_units=max_units)
    except AmbiguityError as exc:
        raise UsageFailure(str(exc)) from None
    read = 0
    items: List[ActionItem] = []
    try:
        for report in analyzer.analyze_paths(notes, stdin_format="markdown", max_bytes=max_bytes):
            if isinstance(report, InputError):
                click.echo(f"ambiguity: error: {report}", err=True)
                continue
            read += 1
            items.extend(report.actions)
    except AmbiguityError as exc:
        raise UsageFailure(str(exc)) from None
    except Exception as exc:  # the promise: no traceback
        if debug:
            raise
        raise UsageFailure(unexpected(exc)) from None
    lines = {"table": table_lines, "csv": csv_lines, "jsonl": jsonl_lines}[fmt](items)
    for line in lines:
        click.echo(line, file=output)
    if read == 0:
        sys.exit(ExitCode.USAGE)
