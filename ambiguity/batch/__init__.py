"""Batch scoring of document folders: one JSON Lines record per document, resumable, on processes or Dask."""
from .folder import list_files, score_folder, score_paths
from .records import BatchError, unit_labels
from .writer import ResultWriter, settings_key

__all__ = ["BatchError", "ResultWriter", "list_files", "score_folder", "score_paths", "settings_key", "unit_labels"]
