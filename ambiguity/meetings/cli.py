"""``ambiguity actions``: the action items of meeting notes as a table, CSV or JSON Lines, ready for a tracker."""
from __future__ import annotations

import csv
import io
import json
import sys
from datetime import date
from typing import Iterable, Iterator, List, Optional, Tuple

import click

from ..cli_common import ExitCode, UsageFailure
from ..escape import printable
from ..readers.registry import DEFAULT_MAX_BYTES
from ..units import DEFAULT_MAX_UNITS
from .model import ActionItem

COLUMNS = ("file", "line", "owner", "due", "due_phrase", "due_status", "text", "findings")


def parse_date(ctx: Optional[click.Context], param: Optional[click.Parameter], value: Optional[str]) -> Optional[date]:
    """``--reference-date`` as a date (YYYY-MM-DD), or a one-line usage error."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD") from None


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
@click.argument("notes", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "jsonl"]), default="table", show_default=True)
@click.option("--reference-date", callback=parse_date, metavar="YYYY-MM-DD",
              help="Meeting date for relative due dates when the notes give none.")
@click.option("--kind", type=click.Choice(["auto", "meeting"]), default="meeting", show_default=True,
              help="'auto' skips files that do not read as meeting notes.")
@click.option("--model", metavar="NAME|PATH", default=None, help="spaCy pipeline for the findings.")
@click.option("--max-bytes", type=click.IntRange(1), default=DEFAULT_MAX_BYTES, show_default=True,
              help="Refuse files larger than this.")
@click.option("--max-units", type=click.IntRange(1), default=DEFAULT_MAX_UNITS, show_default=True,
              help="Refuse documents with more units (items, paragraphs) than this.")
@click.option("-o", "--output", type=click.File("w", encoding="utf-8"), default="-", help="Write here, not stdout.")
def actions(notes: Tuple[str, ...], fmt: str, reference_date: Optional[date], kind: str, model: Optional[str],
            max_bytes: int, max_units: int, output) -> None:
    """Export the action items of meeting notes: file, line, owner, due date (ISO), task and findings.

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
    from ..errors import AmbiguityError, InputError
    from ..inputs import documents

    try:
        analyzer = Analyzer(model=model, kind=kind, reference_date=reference_date, max_units=max_units)
    except AmbiguityError as exc:
        raise UsageFailure(str(exc)) from None
    read = 0

    def docs():
        nonlocal read
        # over --max-units: refused by analyzer.check here, the other files go on
        for item in documents(notes, stdin_format="markdown", max_bytes=max_bytes, check=analyzer.check):
            if isinstance(item, InputError):
                click.echo(f"ambiguity: error: {item}", err=True)
            else:
                read += 1
                yield item

    try:
        items = [a for report in analyzer.analyze_documents(docs()) for a in report.actions]
    except AmbiguityError as exc:
        raise UsageFailure(str(exc)) from None
    except Exception as exc:  # the promise: no traceback
        raise UsageFailure(f"[A999] unexpected {type(exc).__name__}: {exc}") from None
    lines = {"table": table_lines, "csv": csv_lines, "jsonl": jsonl_lines}[fmt](items)
    for line in lines:
        click.echo(line, file=output)
    if read == 0:
        sys.exit(ExitCode.USAGE)
