"""The ``ambiguity`` command: thin click over the library. Findings to stdout; logs and errors to stderr."""
from __future__ import annotations

import json
import logging
import os
import sys
import time
from typing import TYPE_CHECKING, Iterator, Optional, Tuple

import click

from .about import __version__
from .cli_common import (Commands, ExitCode, NonEmptyPath, UsageFailure, analysis_options, classifier_arg,
                         debug_option, given, input_options, rule_options)
from .errors import AmbiguityError, InputError, unexpected
from .escape import PrintableFormatter
from .output import FORMATS, Summary, render
from .rules import load_rules, select_rules
from .timeout import DEFAULT_SCAN_TIMEOUT
from .types import Report

if TYPE_CHECKING:
    from .progress import Progress

log = logging.getLogger("ambiguity")


def _setup_logging(verbose: int, debug: bool) -> None:
    level = logging.DEBUG if debug else (logging.INFO if verbose else logging.WARNING)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(PrintableFormatter("ambiguity: %(message)s"))  # paths in log lines come from the files
    root = logging.getLogger("ambiguity")
    root.handlers[:] = [handler]
    root.setLevel(level)


@click.group(cls=Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="ambiguity")
def main() -> None:
    """Flag what will be misread in requirements and meeting notes, before it is misread."""
    _setup_logging(0, False)  # warnings (configuration, directives) on stderr for every command; scan's -v adds


@main.command()
@click.argument("paths", nargs=-1, required=True, type=NonEmptyPath())
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="Output format; json and jsonl follow docs/output-schema.md.")
@rule_options
@click.option("--min-severity", type=click.Choice(["info", "warning", "error"]), default="info", show_default=True,
              help="Hide findings below this severity.")
@click.option("--fail-on", type=click.Choice(["info", "warning", "error", "none"]), default="error",
              show_default=True, help="Exit 1 when a shown finding is at or above this.")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=0.0, show_default=True,
              help="Hide findings less certain than this.")
@analysis_options
@click.option("--trust-config", is_flag=True,
              help="Let a discovered configuration file load a spaCy pipeline from outside its folder tree.")
@click.option("--baseline", "baseline_path", type=click.Path(dir_okay=False), default=None,
              help="Report and fail only on findings not recorded in this baseline file.")
@click.option("--timeout", type=click.FloatRange(0), default=DEFAULT_SCAN_TIMEOUT, show_default=True,
              help="Seconds the analysis may go without finishing a document; the document past it is reported and "
                   "skipped (0: no limit; POSIX only).")
@click.option("--stdin-format", type=click.Choice(["text", "markdown"]), default="markdown", show_default=True,
              help="How to read '-' (standard input).")
@click.option("--jobs", "-j", type=click.IntRange(1), default=None,
              help="Worker processes: whole files to each when there are many, a file of 256 KB or more shared "
                   "between them (default: the cores available; a scan of under 256 KB runs in one process).")
@input_options
@click.option("-o", "--output", type=click.File("w", encoding="utf-8"), default="-", help="Write here, not stdout.")
@click.option("--color/--no-color", default=None, help="Colour the text output (default: only on a terminal).")
@click.option("-v", "--verbose", count=True, help="Log each document (reader, units, time) to stderr.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar (it is shown only on a terminal, after a second).")
@debug_option
def scan(paths: Tuple[str, ...], fmt: str, only: Tuple[str, ...], ignore: Tuple[str, ...], rules_path: Optional[str],
         min_severity: str, fail_on: str, min_confidence: float, model: Optional[str], config_path: Optional[str],
         classifier: str, kind: str, reference_date, trust_config: bool, baseline_path: Optional[str],
         timeout: float, stdin_format: str, max_bytes: int, max_units: int, output, color: Optional[bool],
         verbose: int, quiet: bool, debug: bool, profile: Optional[str] = None, jobs: Optional[int] = None) -> None:
    """Scan documents (files, folders, or - for stdin) and report what will be misread.

    \b
    Examples:
      ambiguity scan SPEC.md notes/
      ambiguity scan docs/ --format jsonl --fail-on warning
      cat minutes.md | ambiguity scan - --only undefined-deadline --only missing-owner

    Exit status: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage error or nothing readable.
    """
    _setup_logging(verbose, debug)
    began = time.perf_counter()
    from .api import Analyzer  # imported here so that --help stays fast
    from .project import Settings

    ctx = click.get_current_context()
    progress = _progress(paths, quiet)  # from now on: loading the pipeline counts towards the first second
    try:
        # a discovered configuration's model is checked unless trusted, or unused because --model is given
        settings = Settings.resolve(config_path, baseline_path, paths, trust=trust_config or model is not None,
                                    **given(ctx, "model", "min_severity", "min_confidence", "fail_on", "profile"))
        analyzer = Analyzer(config=settings, only=only, ignore=ignore, rules_path=rules_path,
                            classifier=classifier_arg(classifier), max_units=max_units, kind=kind,
                            reference_date=reference_date)
    except BaseException as exc:
        progress.close()
        if isinstance(exc, AmbiguityError):
            raise UsageFailure(str(exc)) from None
        raise
    summary = Summary()

    def reports() -> Iterator[Report]:
        from .parallel import analyze_files, cores

        for item in analyze_files(analyzer, list(paths), jobs or cores(), progress.advance, stdin_format=stdin_format,
                                  max_bytes=max_bytes, timeout=timeout):
            if isinstance(item, InputError):
                summary.errors.append(item)
                progress.echo(f"ambiguity: error: {item}", err=True)
                continue
            summary.add(item, item.findings)
            summary.suppressed += item.suppressed
            summary.baselined += item.baselined
            yield item

    try:
        with progress:
            for line in render(fmt, reports(), summary, analyzer.rules):
                progress.echo(line, file=output, color=color if fmt in ("text", "concise") else None)
    except AmbiguityError as exc:
        raise UsageFailure(str(exc)) from None
    except BrokenPipeError:
        # the reader went away (`| head`): stop quietly, like other Unix tools
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(ExitCode.OK)
    except Exception as exc:  # the promise: no traceback without --debug
        if debug:
            raise
        raise UsageFailure(unexpected(exc)) from None

    log.info("%d documents in %.1f s", summary.files + len(summary.errors), time.perf_counter() - began)
    if summary.files == 0:
        sys.exit(ExitCode.USAGE)
    worst = summary.worst()
    threshold = settings.fail_on
    sys.exit(ExitCode.FINDINGS if threshold is not None and worst is not None and worst >= threshold else ExitCode.OK)


def _progress(paths: Tuple[str, ...], quiet: bool) -> "Progress":
    """Documents done out of the total on stderr, after a second, on a terminal, unless --quiet."""
    from .inputs import count
    from .progress import Progress, is_terminal

    show = not quiet and is_terminal(sys.stderr)
    return Progress(count(paths) if show else None, enabled=show)


@main.command("rules")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--only", multiple=True, metavar="CATEGORY|RULE", help="List only these.")
def rules_cmd(fmt: str, only: Tuple[str, ...]) -> None:
    """List every rule: id, category, severity, profile, what it flags, the source it follows and what was
    measured of it on real documents.

    \b
    Example:
      ambiguity rules --only undefined-deadline
    """
    rules = select_rules(load_rules(), list(only))
    if fmt == "json":
        click.echo(json.dumps([{k: v for k, v in r.to_json().items() if k != "patterns"} for r in rules], indent=2))
        return
    for r in rules:
        profile = "strict only" if not r.shown_in("default") else "default"
        if r.shown_in("default", "meeting") != r.shown_in("default"):
            profile = "default in meeting notes, strict elsewhere"
        if r.options.get("needs_judge"):
            profile += "; a candidate for the span judge only"
        click.echo(f"{click.style(r.id, bold=True)}  [{r.category}, {r.severity}, {profile}]")
        click.echo(f"    {r.description}")
        click.echo(f"    source: {r.source}")
        if r.measured:
            click.echo(f"    measured: {r.measured}")


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
