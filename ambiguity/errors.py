"""Coded errors: every message a user can see starts with a code they can search for.

:data:`CODES` is the one table of codes; every class and record below takes its code from it, and
``docs/output-schema.md`` lists the same table.
"""
from __future__ import annotations

from typing import Dict, Optional

#: Every code a user can meet, with what it means. One meaning per code.
CODES: Dict[str, str] = {
    "A000": "an error of the library (base class)",
    "A001": "bad usage: an unknown command or option, a missing, empty or invalid argument or option value",
    "A100": "an input cannot be read: missing, empty, binary, undecodable, too large or too many units",
    "A101": "an input is of an unsupported file type",
    "A200": "a rule file is malformed (file:line)",
    "A300": "no spaCy pipeline could be loaded",
    "A400": "a classifier model is missing, foreign or tampered with",
    "A500": "a configuration file is malformed (file:line: key)",
    "A501": "a document ran past --timeout (scan: reported and skipped; batch: its worker process was killed)",
    "A502": "batch: the worker process died on a document (crash, out of memory)",
    "A503": "batch: the pipeline raised on a document",
    "A600": "a baseline file is malformed or cannot be written",
    "A700": "batch: the run as a whole cannot go on (output locked, workers or cluster unavailable)",
    "A999": "an unexpected internal error (run with --debug for the traceback)",
    "W400": "warning: a model was trained with other library versions than the ones installed",
}

USAGE = "A001"
UNREADABLE, UNSUPPORTED = "A100", "A101"
TIMEOUT, CRASHED, ANALYSIS_FAILED = "A501", "A502", "A503"
UNEXPECTED = "A999"

from .escape import printable


class AmbiguityError(Exception):
    """Base class. ``str(err)`` is the one line a user sees."""

    code = "A000"

    def __new__(cls, *args: object) -> "AmbiguityError":
        self = super().__new__(cls, *args)
        self._init_args = args  # what __init__ was called with: see __reduce__
        return self

    def __reduce__(self) -> tuple:
        # rebuilt from the constructor's own arguments: pickle's default passes the formatted message back to
        # __init__, which fails for InputError(path, problem) in the process that unpickles it (scan --jobs)
        return type(self), self._init_args, self.__dict__

    def __init__(self, message: str) -> None:
        # one line whatever a file name holds: a newline or an escape sequence in it is shown, not obeyed
        super().__init__(f"[{self.code}] {printable(message)}")


class InputError(AmbiguityError):
    """A document could not be read: names the file and the problem."""

    code = UNREADABLE

    def __init__(self, path: str, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}")


class UnsupportedFormatError(InputError):
    code = UNSUPPORTED


class AnalysisTimeout(InputError):
    """A document's analysis ran past the time limit (``scan --timeout``; ``batch`` records the same code)."""

    code = "A501"


class RuleFileError(AmbiguityError):
    """A rule file is malformed; points at the file and line."""

    code = "A200"

    def __init__(self, path: str, line: Optional[int], problem: str) -> None:
        self.path, self.line, self.problem = path, line, problem
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {problem}")


class PipelineLoadError(AmbiguityError):
    """No spaCy pipeline could be loaded."""

    code = "A300"


class ModelError(AmbiguityError):
    """A classifier model is missing, foreign or tampered with."""

    code = "A400"


class BatchError(AmbiguityError):
    """The batch as a whole cannot go on (output locked, workers cannot start, cluster unreachable)."""

    code = "A700"


def unexpected(exc: BaseException) -> str:
    """The one line for an error nobody planned for (the promise: no traceback without ``--debug``)."""
    return f"[{UNEXPECTED}] unexpected {type(exc).__name__}: {exc} (run with --debug for details)"


class ModelVersionWarning(UserWarning):
    """A model was trained with other library versions than the ones installed."""

    code = "W400"

    def __init__(self, message: str) -> None:
        super().__init__(f"[{self.code}] {printable(message)}")
