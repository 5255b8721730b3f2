"""spaCy components of ambiguity. ``import ambiguity.pipeline.factories`` registers them (``Analyzer`` does).

The package itself imports nothing of spaCy, so that the rule loader can check detector and condition names
(``pipeline/detectors.py``, ``pipeline/conditions.py``) without loading spaCy.
"""
from __future__ import annotations

from typing import Any

__all__ = ["AmbiguityRuler", "load_pipeline"]


def __getattr__(name: str) -> Any:
    if name == "AmbiguityRuler":
        from . import factories  # noqa: F401  (registers @Language.factory entries)
        from .ruler import AmbiguityRuler

        return AmbiguityRuler
    if name == "load_pipeline":
        from . import factories  # noqa: F401
        from .loading import load_pipeline

        return load_pipeline
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
