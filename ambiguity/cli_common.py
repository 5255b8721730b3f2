"""What every command shares: exit codes and the one-line usage failure. Kept apart from cli.py so that the
command modules registered there (batch, config, baseline, actions, train...) can import it without a cycle."""
from __future__ import annotations

from enum import IntEnum

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
