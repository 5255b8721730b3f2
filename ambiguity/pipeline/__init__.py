"""spaCy components of ambiguity; importing this registers the factories."""
from . import factories  # noqa: F401  (registers @Language.factory entries)
from .loading import load_pipeline
from .ruler import AmbiguityRuler

__all__ = ["AmbiguityRuler", "load_pipeline"]
