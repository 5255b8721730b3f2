"""Limits, in a module of their own (the command line shows the defaults in ``--help`` without importing the readers:
``readers/registry.py`` and ``units.py``, which apply them, re-export them).

The default input limits for documents (``--max-bytes``, ``--max-units``), and size limits for the files that
configure a run: rule files, configuration files, baselines. These files are read whole into memory and
parsed (YAML, TOML, JSON), so a huge one would take many times its size in memory before any check ran. Each is
refused before it is read when it is over its limit (docs/reliability.md), with the caller's coded error.
"""
from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Union

#: Files larger than this are refused unless the caller raises it (``--max-bytes``).
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
#: Units one document may have (``--max-units``, ``Analyzer(max_units=...)``): a document with more is refused
#: before anything is parsed. Memory and time grow with the units of a document (its report, findings and
#: classifier rows are held until it is complete); 50,000 is a very large specification, not a data dump.
DEFAULT_MAX_UNITS = 50_000
#: One rule family file (the bundled ones are under 20 KiB each).
MAX_RULE_FILE_BYTES = 1 << 20
#: All the rule files of a ``--rules`` folder together.
MAX_RULE_FOLDER_BYTES = 8 << 20
#: ``ambiguity.toml``, ``pyproject.toml`` or ``setup.cfg``.
MAX_CONFIG_FILE_BYTES = 1 << 20
#: A baseline file: ~200 bytes a finding, so about 150,000 accepted findings.
MAX_BASELINE_FILE_BYTES = 32 << 20


class FileTooLarge(Exception):
    """The file is over its limit, or is not a regular file; ``str()`` is the problem, without the path."""


def read_capped(path: Union[str, Path], limit: int, what: str = "file") -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes, checked on the open file before it is read.

    ``what`` names the file in the problem ("rule file is 2,000,000 bytes, over the 1,048,576-byte limit").
    Raises :class:`FileTooLarge` (also for a FIFO or device, which could block or never end) or ``OSError``.
    """
    # O_NONBLOCK: opening a FIFO must not wait for a writer
    with os.fdopen(os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)), "rb") as fh:
        st = os.fstat(fh.fileno())
        if stat.S_ISDIR(st.st_mode):
            raise FileTooLarge(f"{what} is a folder, not a file")
        if not stat.S_ISREG(st.st_mode):
            raise FileTooLarge(f"{what} is not a regular file (pipe, socket or device)")
        if st.st_size > limit:
            raise FileTooLarge(f"{what} is {st.st_size:,} bytes, over the {limit:,}-byte limit")
        data = fh.read(limit + 1)  # a file growing while it is read is still capped
    if len(data) > limit:
        raise FileTooLarge(f"{what} grew past the {limit:,}-byte limit while being read")
    return data
