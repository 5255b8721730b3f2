"""``ambiguity batch``: score a folder into a resumable JSON Lines file (thin click over ambiguity.batch)."""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Optional, Tuple

import click

from .cli_common import ExitCode, NonEmptyPath, UsageFailure, debug_option, given, input_options, rule_options


@click.command("batch")
@click.argument("folder", type=NonEmptyPath(exists=True, file_okay=False))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="JSON Lines file to append to (created if missing).")
@click.option("--glob", "pattern", metavar="PATTERN", default=None,
              help="Files to take, relative to FOLDER (e.g. '**/*.md'; default: every supported file, recursively).")
@click.option("--jobs", type=click.IntRange(1), default=None, help="Worker processes (default: all cores).")
@click.option("--findings", is_flag=True, help="Add every finding to each record.")
@click.option("--force", is_flag=True, help="Start the output afresh and rescan every document.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Worker processes on this machine, or a Dask cluster.")
@click.option("--scheduler", metavar="tcp://HOST:PORT", default=None,
              help="Dask scheduler to use (default: a local cluster of --jobs workers).")
@input_options
@click.option("--timeout", type=click.FloatRange(0), default=60.0, show_default=True,
              help="Seconds one document may take before its worker is stopped (0: no limit).")
@click.option("--model", metavar="NAME|PATH", default=None, help="spaCy pipeline (as for scan).")
@rule_options
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
              help="Use this configuration file for every document (default: discovered from each file's folder "
                   "upward, as scan does).")
@debug_option
def batch(folder: str, output: str, pattern: Optional[str], jobs: Optional[int], findings: bool, force: bool,
          quiet: bool, engine: str, scheduler: Optional[str], max_bytes: int, max_units: int, timeout: float,
          model: Optional[str], only: Tuple[str, ...], ignore: Tuple[str, ...], rules_path: Optional[str],
          config_path: Optional[str], profile: Optional[str], debug: bool) -> None:
    """Score every document of FOLDER into one JSON Lines record each.

    Records are appended and flushed as they finish; re-running with the same output skips the documents whose
    content is already there, retries those that failed (their new record replaces the error record), and a
    half-written last line (a killed run) is repaired. The project configuration is found for each document as
    scan finds it (or named with --config); every record names its rule settings, and a file is only resumed with
    the same settings.

    \b
    Examples:
      ambiguity batch specs/ -o results.jsonl
      ambiguity batch specs/ -o results.jsonl --glob '**/*.md' --jobs 4 --findings
      ambiguity batch specs/ -o results.jsonl --engine dask --scheduler tcp://10.0.0.5:8786

    Exit status: 0 every document scored (or skipped), 1 some documents failed, 2 usage or fatal error.
    """
    from .batch import BatchError, ResultWriter, list_files, score_paths, settings_key
    from .batch.records import UNREADABLE, error_record
    from .batch.summary import BatchSummary
    from .errors import AmbiguityError, unexpected

    if scheduler and engine != "dask":
        raise UsageFailure("--scheduler needs --engine dask")
    from .escape import log_to_stderr

    log_to_stderr()  # warnings name files (links not followed, workers stopped): escaped, one line each
    summary = BatchSummary()
    try:  # a bad rule or configuration file is one line here, not an error in every worker
        from .project import Settings

        if rules_path is not None:
            from .rules.loader import load_rules

            load_rules([rules_path])
        settings = Settings.resolve(config_path, None, [folder], **given(click.get_current_context(), "model"))
    except AmbiguityError as exc:
        raise UsageFailure(str(exc)) from None
    try:
        unlisted: list = []  # folders that cannot be listed: an error record each, as an unreadable file gets
        paths = list_files(folder, pattern, settings.exclude_for(Path(folder)), unlisted)
        jobs = min(jobs or os.cpu_count() or 1, max(1, len(paths)))
        used = config_path or (str(settings.config.file) if settings.config.file else None)
        key = settings_key(only, ignore, rules_path, used, profile)
        with ResultWriter(output, force=force, settings=key) as writer, _progress(len(paths), quiet) as bar:
            def skipped(path: str) -> None:
                summary.skipped += 1
                bar.update(1)

            for path, problem in unlisted:
                record = error_record(path, UNREADABLE, problem)
                writer.write(record)
                summary.add(record)
            for record in score_paths(paths, jobs=jobs, engine=engine, findings=findings, skip=writer.done,
                                      max_bytes=max_bytes, max_units=max_units, timeout=timeout or None,
                                      scheduler=scheduler, model=settings.model, only=only, ignore=ignore,
                                      rules_path=rules_path, config_path=config_path,
                                      discover_from=None if config_path else folder, profile=profile,
                                      on_skip=skipped):
                writer.write(record)
                summary.add(record)
                bar.update(1)
                bar.set_postfix_str(f"{summary.words_per_second():,.0f} words/s", refresh=False)
    except BatchError as exc:
        raise UsageFailure(str(exc)) from None
    except KeyboardInterrupt:
        click.echo(f"ambiguity: interrupted; {summary.records:,} records kept in {output} "
                   "(run again to resume)", err=True)
        sys.exit(130)
    except Exception as exc:  # the promise: no traceback without --debug
        if debug:
            raise
        raise UsageFailure(f"{unexpected(exc)}; {summary.records:,} records kept in {output}") from None
    if not quiet:
        for line in summary.lines():
            click.echo(line, err=True)
    sys.exit(ExitCode.FINDINGS if summary.errors else ExitCode.OK)


def _progress(total: int, quiet: bool):  # type: ignore[no-untyped-def]
    """A tqdm bar on stderr, only when stderr is a terminal, from the first second on (ambiguity.progress.DELAY)."""
    from tqdm import tqdm

    from .progress import DELAY

    return tqdm(total=total, unit="doc", file=sys.stderr, disable=quiet or not sys.stderr.isatty(),
                dynamic_ncols=True, delay=DELAY)
