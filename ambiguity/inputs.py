"""Turning command-line paths into documents: files, folders (recursive, supported types only) and stdin."""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Iterable, Iterator, Optional, Union

from .errors import InputError
from .readers import Document, read_bytes, read_path, supported_suffixes
from .readers.registry import DEFAULT_MAX_BYTES

STDIN = "-"


def expand(paths: Iterable[str]) -> Iterator[Union[str, InputError]]:
    """Files to read, in a stable order; an error for a missing path or a folder with nothing supported."""
    suffixes = set(supported_suffixes())
    for raw in paths:
        if raw == STDIN:
            yield STDIN
            continue
        p = Path(raw)
        if p.is_dir():
            found = False
            for root, dirs, files in os.walk(p, followlinks=False):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if Path(name).suffix.lower() in suffixes and not name.startswith("."):
                        found = True
                        yield str(Path(root) / name)
            if not found:
                yield InputError(raw, f"no supported files ({', '.join(sorted(suffixes))}) in this folder")
        elif p.exists():
            yield raw
        else:
            yield InputError(raw, "no such file or folder")


def documents(paths: Iterable[str], stdin_format: Optional[str] = None,
              max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Union[Document, InputError]]:
    """Read each path; errors are yielded in place so that one bad file never stops the others."""
    for item in expand(paths):
        if isinstance(item, InputError):
            yield item
            continue
        try:
            if item == STDIN:
                yield read_bytes(sys.stdin.buffer.read(), "<stdin>", stdin_format or "markdown", max_bytes)
            else:
                yield read_path(item, max_bytes=max_bytes)
        except InputError as err:
            yield err
