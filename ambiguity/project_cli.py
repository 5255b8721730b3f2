"""``ambiguity config`` and ``ambiguity baseline create``: project-level commands, thin over the library."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import click

from .cli_common import UsageFailure
from .errors import AmbiguityError, InputError
from .escape import printable


@click.command("config")
@click.argument("path", required=False, type=click.Path(exists=True))
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
              help="Show this configuration file instead of the discovered one.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def config_cmd(path: Optional[str], config_path: Optional[str], fmt: str) -> None:
    """Print the effective configuration for PATH (default: here) and where each value came from.

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
        data = cfg.to_dict()
        data["sources"] = {k: cfg.source(k) for k in
                           ("model", "min_severity", "min_confidence", "fail_on", "enable", "disable", "glossary")}
        data["sources"].update({k: v for k, v in cfg.sources.items() if k not in data["sources"]})
        click.echo(json.dumps(data, indent=2))
        return
    for line in explain(cfg):
        click.echo(printable(line))  # the file's path and values come from the repository


@click.group("baseline")
def baseline() -> None:
    """Accept today's findings so that CI fails only on new ones (see docs/ci.md)."""


@baseline.command("create")
@click.argument("paths", nargs=-1, required=True)
@click.option("-o", "--output", "out_path", type=click.Path(dir_okay=False), default=".ambiguity-baseline.json",
              show_default=True, help="Where to write the baseline.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
              help="Use this configuration file (default: discovered).")
@click.option("--model", metavar="NAME|PATH", default=None, help="spaCy pipeline (as for scan).")
@click.option("--trust-config", is_flag=True, help="As for scan: a discovered configuration may load any pipeline.")
def baseline_create(paths: Tuple[str, ...], out_path: str, config_path: Optional[str], model: Optional[str],
                    trust_config: bool = False) -> None:
    """Record the fingerprints of every current finding in PATHS.

    \b
    Example:
      ambiguity baseline create docs/ -o .ambiguity-baseline.json
      ambiguity scan docs/ --baseline .ambiguity-baseline.json --fail-on warning
    """
    from .api import Analyzer
    from .baseline import dump, entries
    from .inputs import documents
    from .project import ScanSettings
    from .types import Severity

    try:
        # --model chosen on the command line: the configuration's model is not used, so not checked either
        settings = ScanSettings.resolve(config_path, None, paths, trust=trust_config or model is not None)
        analyzer = Analyzer(model=model or settings.config.model)
        extended = settings.rules(None)
        if extended is not None:
            analyzer.ruler.initialize(rules=extended)
    except AmbiguityError as exc:
        raise UsageFailure(str(exc)) from None
    selector = settings.filter(Severity.parse(settings.config.min_severity), settings.config.min_confidence)
    texts: Dict[str, List[str]] = {}

    def docs():
        for item in documents(paths):
            if not isinstance(item, InputError):
                try:
                    analyzer.check(item)
                except InputError as exc:
                    item = exc
            if isinstance(item, InputError):
                click.echo(f"ambiguity: error: {item}", err=True)
                continue
            texts.setdefault(item.path, []).append(item.text)
            yield item

    items = []
    for report in analyzer.analyze_documents(docs()):
        items.append((report, selector.select(report, (texts.get(report.path) or [""]).pop(0)).shown))
    records = entries(items)
    try:
        Path(out_path).write_text(dump(records), encoding="utf-8")
    except OSError as exc:
        raise UsageFailure(f"{out_path}: cannot write: {exc.strerror or exc}") from None
    click.echo(f"ambiguity: {len(records)} findings in {len(items)} files recorded in {printable(out_path)}", err=True)
