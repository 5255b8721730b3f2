"""The unit classifier: spaCy features, a calibrated scikit-learn model, skops persistence."""
from .features import GROUPS, LABELS

__all__ = ["GROUPS", "LABELS"]
