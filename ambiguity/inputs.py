"""Turning command-line paths into documents: files, folders (recursive, supported types only) and stdin."""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Callable, Iterable, Iterator, List, Optional, Union

from .errors import InputError
from .exclude import Exclude
from .readers import Document, read_bytes, read_path, supported_suffixes
from .readers.registry import DEFAULT_MAX_BYTES

STDIN = "-"
#: ``exclude`` of :func:`expand`: the exclusions that apply under a folder named on the command line.
ExcludeFor = Callable[[Path], Exclude]


def default_exclude(folder: Path) -> Exclude:
    """The default exclusions, relative patterns taken from the scanned folder (no project configuration)."""
    return Exclude.of(Exclude().patterns, folder)


def expand(paths: Iterable[str], exclude: Optional[ExcludeFor] = None) -> Iterator[Union[str, InputError]]:
    """Files to read, in a stable order; an error for a missing or empty path or a folder with nothing supported.

    In a folder, what ``exclude(folder)`` excludes is left out (default: :data:`~ambiguity.exclude.DEFAULT_EXCLUDE`);
    a file named in ``paths`` is always read.
    """
    suffixes = set(supported_suffixes())
    for raw in paths:
        if raw == STDIN:
            yield STDIN
            continue
        if not raw.strip():  # Path("") is the current folder: an unset variable must not scan it
            yield InputError(repr(raw), "an empty path names no file or folder")
            continue
        p = Path(raw)
        if p.is_dir():
            found, left_out = False, 0
            top = p.resolve()
            rules = (exclude or default_exclude)(p)
            unlisted: List[OSError] = []  # os.walk skips a folder it cannot list unless told: say so, like a file
            # followlinks=False: a linked folder is never entered, so a link loop cannot loop
            reported = 0
            for root, dirs, files in os.walk(p, followlinks=False, onerror=unlisted.append):
                yield from (InputError(folder_of(err, raw), folder_problem(err)) for err in unlisted[reported:])
                reported = len(unlisted)
                here = Path(root)
                dirs[:] = sorted(d for d in dirs
                                 if not d.startswith(".") and not rules.excludes(here / d, p, is_dir=True))
                for name in sorted(files):
                    if Path(name).suffix.lower() in suffixes and not name.startswith("."):
                        path = here / name
                        if rules.excludes(path, p, is_dir=False):
                            left_out += 1
                            continue
                        found = True
                        problem = link_problem(path, top) if path.is_symlink() else None
                        yield InputError(str(path), problem) if problem else str(path)
            yield from (InputError(folder_of(err, raw), folder_problem(err)) for err in unlisted[reported:])
            if not found and not unlisted:
                why = f"; {left_out} left out by exclude" if left_out else ""
                yield InputError(raw, f"no supported files ({', '.join(sorted(suffixes))}) in this folder{why}")
        elif p.exists():
            yield raw
        else:
            yield InputError(raw, "no such file or folder")


def folder_problem(err: OSError) -> str:
    """The one-line problem of a folder that could not be listed (``os.walk``'s ``onerror``)."""
    reason = "permission denied" if isinstance(err, PermissionError) else (err.strerror or str(err)).lower()
    return f"cannot list this folder: {reason}; skipped"


def folder_of(err: OSError, default: str) -> str:
    return str(err.filename) if err.filename is not None else default


def count(paths: Iterable[str], exclude: Optional[ExcludeFor] = None) -> int:
    """How many documents (or errors in their place) :func:`documents` will yield for ``paths``: the total of a
    progress bar. Lists folders (with the same exclusions) without reading any file."""
    return sum(1 for _ in expand(paths, exclude))


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
              check: Optional[Callable[[Document], Document]] = None,
              exclude: Optional[ExcludeFor] = None) -> Iterator[Union[Document, InputError]]:
    """Read each path; errors are yielded in place so that one bad file never stops the others.

    ``check`` (e.g. ``Analyzer.check``, the unit limit) runs on each document read; its InputError is yielded in
    place too. ``exclude`` is :func:`expand`'s.
    """
    for item in expand(paths, exclude):
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
