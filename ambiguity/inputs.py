"""Turning command-line paths into documents: files, folders (recursive, supported types only) and stdin."""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional, Union

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
            top = p.resolve()
            # followlinks=False: a linked folder is never entered, so a link loop cannot loop
            for root, dirs, files in os.walk(p, followlinks=False):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if Path(name).suffix.lower() in suffixes and not name.startswith("."):
                        found = True
                        path = Path(root) / name
                        problem = link_problem(path, top) if path.is_symlink() else None
                        yield InputError(str(path), problem) if problem else str(path)
            if not found:
                yield InputError(raw, f"no supported files ({', '.join(sorted(suffixes))}) in this folder")
        elif p.exists():
            yield raw
        else:
            yield InputError(raw, "no such file or folder")


def count(paths: Iterable[str]) -> int:
    """How many documents (or errors in their place) :func:`documents` will yield for ``paths``: the total of a
    progress bar. Lists folders without reading any file."""
    return sum(1 for _ in expand(paths))


def link_problem(link: Path, top: Path) -> Optional[str]:
    """Why a symbolic link found in a scanned folder is not followed, or None if it stays inside the folder."""
    try:
        target = link.resolve(strict=True)
    except (OSError, RuntimeError):  # RuntimeError: a loop, on Python < 3.13
        return "symbolic link loop or dangling link: skipped"
    if target != top and top not in target.parents:
        return f"symbolic link to {target}, outside the scanned folder: not followed"
    return None


def documents(paths: Iterable[str], stdin_format: Optional[str] = None, max_bytes: int = DEFAULT_MAX_BYTES,
              check: Optional[Callable[[Document], Document]] = None) -> Iterator[Union[Document, InputError]]:
    """Read each path; errors are yielded in place so that one bad file never stops the others.

    ``check`` (e.g. ``Analyzer.check``, the unit limit) runs on each document read; its InputError is yielded in
    place too.
    """
    for item in expand(paths):
        if isinstance(item, InputError):
            yield item
            continue
        try:
            if item == STDIN:
                document = read_bytes(sys.stdin.buffer.read(), "<stdin>", stdin_format or "markdown", max_bytes)
            else:
                document = read_path(item, max_bytes=max_bytes)
            yield check(document) if check is not None else document
        except InputError as err:
            yield err
