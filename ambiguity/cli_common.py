"""What every command shares: exit codes, the one-line usage failure and the check of --only / --ignore. Kept apart
from cli.py so that the command modules registered there (batch, config, baseline, actions, train...) can import it
without a cycle."""
from __future__ import annotations

from enum import IntEnum
from typing import List, Sequence

import click


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

    known_ids = {r.id for r in load_rules()}
    for v in values:
        if v not in CATEGORIES and v not in known_ids and not any(i.startswith(v.rstrip(".") + ".") for i in known_ids):
            raise click.BadParameter(f"{v!r} is neither a category ({', '.join(CATEGORIES)}) nor a rule id or prefix")
    return list(values)
