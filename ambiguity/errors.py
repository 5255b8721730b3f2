"""Coded errors: every message a user can see starts with a code they can search for."""
from __future__ import annotations

from typing import Optional

from .escape import printable


class AmbiguityError(Exception):
    """Base class. ``str(err)`` is the one line a user sees."""

    code = "A000"

    def __init__(self, message: str) -> None:
        # one line whatever a file name holds: a newline or an escape sequence in it is shown, not obeyed
        super().__init__(f"[{self.code}] {printable(message)}")


class InputError(AmbiguityError):
    """A document could not be read: names the file and the problem."""

    code = "A100"

    def __init__(self, path: str, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}")


class UnsupportedFormatError(InputError):
    code = "A101"


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


class ModelVersionWarning(UserWarning):
    """A model was trained with other library versions than the ones installed."""

    code = "W400"

    def __init__(self, message: str) -> None:
        super().__init__(f"[{self.code}] {printable(message)}")
