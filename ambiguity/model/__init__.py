"""The unit classifier: spaCy features, a calibrated scikit-learn model, skops persistence."""
from __future__ import annotations

from typing import Any

__all__ = ["GROUPS", "LABELS"]


def __getattr__(name: str) -> Any:
    # the features import spaCy: loaded on first use, so that ``ambiguity --help`` (which registers the model
    # commands) starts without it
    if name in __all__:
        from . import features

        return getattr(features, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
