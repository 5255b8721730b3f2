"""ambiguity: flags what will be misread in requirements and meeting notes, before it is misread."""
from .about import __version__
from .api import Analyzer
from .types import Finding, Report, Severity, Unit

__all__ = ["Analyzer", "Finding", "Report", "Severity", "Unit", "__version__"]
