"""ambiguity: flags what will be misread in requirements and meeting notes, before it is misread."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .about import __version__
from .types import Category, Finding, Report, Severity, Unit

if TYPE_CHECKING:  # pragma: no cover
    from .api import Analyzer

__all__ = ["Analyzer", "Category", "Finding", "Report", "Severity", "Unit", "__version__"]


def __getattr__(name: str) -> Any:
    # Analyzer pulls in spaCy: imported on first use, so that ``ambiguity rules``, ``config`` and ``--help`` (which
    # import this package) start without it.
    if name == "Analyzer":
        from .api import Analyzer

        return Analyzer
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
