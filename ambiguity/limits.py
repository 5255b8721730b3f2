"""The default input limits, in a module of their own: the command line shows them in ``--help`` without importing
the readers (``readers/registry.py`` and ``units.py``, which apply them, re-export them)."""

#: Files larger than this are refused unless the caller raises it (``--max-bytes``).
DEFAULT_MAX_BYTES = 20 * 1024 * 1024

#: Units one document may have (``--max-units``, ``Analyzer(max_units=...)``): a document with more is refused
#: before anything is parsed. Memory and time grow with the units of a document (its report, findings and
#: classifier rows are held until it is complete); 50,000 is a very large specification, not a data dump.
DEFAULT_MAX_UNITS = 50_000
