"""``ambiguity config`` and ``ambiguity baseline create``: project-level commands, thin over the library."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional, Tuple

import click

from .cli_common import NonEmptyPath, UsageFailure, analysis_options, classifier_arg, given, input_options, rule_options
from .errors import AmbiguityError, InputError
from .escape import printable


@click.command("config")
@click.argument("path", required=False, type=click.Path(exists=True))
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
              help="Show this configuration file instead of the discovered one.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def config_cmd(path: Optional[str], config_path: Optional[str], fmt: str) -> None:
    """Print the effective configuration for PATH (default: here) as TOML, each value commented with the file and
    line it came from (or default).

    \b
    Examples:
      ambiguity config
      ambiguity config docs/minutes/2027-03-04.md --format json
    """
    from .config import ConfigCache, explain, load_config

    try:
        start = Path(path) if path else Path.cwd()
        cfg = load_config(config_path, start)
        if path and Path(path).is_file():
            cfg = ConfigCache(config_path).for_document(path)
    except AmbiguityError as exc:
        raise UsageFailure(str(exc)) from None
    if fmt == "json":
        click.echo(json.dumps(cfg.to_dict(), indent=2))
        return
    for line in explain(cfg):
        click.echo(printable(line))  # the file's path and values come from the repository


@click.group("baseline")
def baseline() -> None:
    """Accept today's findings so that CI fails only on new ones (see docs/ci.md)."""


@baseline.command("create")
@click.argument("paths", nargs=-1, required=True, type=NonEmptyPath())
@click.option("-o", "--output", "out_path", type=click.Path(dir_okay=False), default=".ambiguity-baseline.json",
              show_default=True, help="Where to write the baseline.")
@click.option("--trust-config", is_flag=True, help="As for scan: a discovered configuration may load any pipeline.")
@analysis_options
@rule_options
@input_options
def baseline_create(paths: Tuple[str, ...], out_path: str, trust_config: bool, model: Optional[str],
                    config_path: Optional[str], classifier: str, kind: str, reference_date, only: Tuple[str, ...],
                    ignore: Tuple[str, ...], rules_path: Optional[str], max_bytes: int, max_units: int,
                    profile: Optional[str] = None) -> None:
    """Record the fingerprints of every finding scan would show now in PATHS (same options as scan).

    \b
    Example:
      ambiguity baseline create docs/ -o .ambiguity-baseline.json
      ambiguity scan docs/ --baseline .ambiguity-baseline.json --fail-on warning
    """
    from .api import Analyzer
    from .baseline import dump, entries
    from .project import Settings

    try:
        # --model chosen on the command line: the configuration's model is not used, so not checked either
        settings = Settings.resolve(config_path, None, paths, trust=trust_config or model is not None,
                                    **given(click.get_current_context(), "model", "profile"))
        analyzer = Analyzer(config=settings, only=only, ignore=ignore, rules_path=rules_path, kind=kind,
                            reference_date=reference_date, classifier=classifier_arg(classifier),
                            max_units=max_units)
    except AmbiguityError as exc:
        raise UsageFailure(str(exc)) from None
    items = []
    for report in analyzer.analyze_paths(paths, max_bytes=max_bytes):
        if isinstance(report, InputError):
            click.echo(f"ambiguity: error: {report}", err=True)
            continue
        items.append((report, report.findings))
    records = entries(items)
    try:
        Path(out_path).write_text(dump(records), encoding="utf-8")
    except OSError as exc:
        raise UsageFailure(f"[A600] {out_path}: cannot write: {exc.strerror or exc}") from None
    click.echo(f"ambiguity: {len(records)} findings in {len(items)} files recorded in {printable(out_path)}", err=True)
