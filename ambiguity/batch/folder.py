"""The library entry point: ``score_folder`` yields one record per document of a folder."""
from __future__ import annotations

import hashlib
import itertools
import logging
import os
from collections import deque
from pathlib import Path
from typing import Any, Callable, Container, Deque, Dict, Iterable, Iterator, List, Optional, Sequence, Tuple, Union

from ..escape import printable
from ..exclude import Exclude, glob_regex
from ..inputs import default_exclude, folder_of, folder_problem, link_problem
from ..readers.registry import DEFAULT_MAX_BYTES, format_for, supported_suffixes
from ..units import DEFAULT_MAX_UNITS
from .local import EngineStats, LocalEngine
from ..errors import UNREADABLE, UNSUPPORTED
from .records import BatchError, Task, error_record
from .work import AnalyzerSpec, ScoreOptions, make_batches

log = logging.getLogger("ambiguity")

ENGINES = ("local", "dask")
TOO_LARGE = UNREADABLE


def list_files(folder: Union[str, Path], glob: Optional[str] = None, exclude: Optional[Exclude] = None,
               unlisted: Optional[List[Tuple[str, str]]] = None) -> List[str]:
    """Files under ``folder`` in a stable order, hidden files and folders left out, and what ``exclude`` excludes
    (default: :data:`~ambiguity.exclude.DEFAULT_EXCLUDE`; ``batch`` passes the project configuration's).

    Without ``glob``, every file of a supported type, recursively; with it (``**/*.md``), whatever it matches,
    relative to ``folder``. Linked folders are never entered (no loops), and a linked file is taken only when it
    points inside ``folder`` (see :func:`ambiguity.inputs.link_problem`). A folder that cannot be listed is added
    to ``unlisted`` as ``(path, problem)`` (for an error record), or logged when no list is given.
    """
    root = Path(folder)
    if not str(folder).strip():
        raise BatchError(f"{str(folder)!r}: an empty path names no folder")
    if not root.is_dir():
        raise BatchError(f"{folder}: not a folder")
    top = root.resolve()
    rules = exclude if exclude is not None else default_exclude(root)
    suffixes = set(supported_suffixes())
    found: List[str] = []

    def cannot_list(err: OSError) -> None:
        path, problem = folder_of(err, str(root)), folder_problem(err)
        if unlisted is None:
            log.warning("%s: %s", printable(path), problem)
        else:
            unlisted.append((path, problem))

    for dirpath, dirs, files in os.walk(root, followlinks=False, onerror=cannot_list):
        here = Path(dirpath)
        dirs[:] = [d for d in dirs if not d.startswith(".") and not rules.excludes(here / d, root, is_dir=True)]
        for name in files:
            path = here / name
            if name.startswith(".") or not _selected(path.relative_to(root).as_posix(), glob, suffixes):
                continue
            if rules.excludes(path, root, is_dir=False):
                continue
            problem = link_problem(path, top) if path.is_symlink() else None
            if problem:
                log.warning("%s: %s", printable(path), problem)
            elif path.is_file():
                found.append(str(path))
    return sorted(found)


def _selected(relative: str, glob: Optional[str], suffixes: Container[str]) -> bool:
    if not glob:
        return Path(relative).suffix.lower() in suffixes
    return glob_regex(glob).fullmatch(relative) is not None


def file_sha256(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fp:
        for block in iter(lambda: fp.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def score_folder(folder: Union[str, Path], *, glob: Optional[str] = None, **options: Any) -> Iterator[Dict[str, Any]]:
    """Score every document of a folder; yields one record per document, in completion order.

    >>> for record in score_folder("specs/", jobs=2):          # doctest: +SKIP
    ...     print(record["path"], record.get("scores", {}).get("clarity"), record.get("error"))

    Takes the keyword options of :func:`score_paths`. The folder scan leaves out what the configuration named by
    ``config_path``, else the one found from ``discover_from`` upward, excludes (else the default exclusions). A
    folder that cannot be listed gets an error record (A100) first, as an unreadable file does.
    """
    exclude = None
    if options.get("config_path") or options.get("discover_from"):
        from ..config import ConfigCache

        start = Path(options.get("discover_from") or folder)
        exclude = ConfigCache(options.get("config_path")).for_folder(start).exclusion()
    unlisted: List[Tuple[str, str]] = []
    paths = list_files(folder, glob, exclude, unlisted)  # here, not on the first record: a bad folder raises now
    return itertools.chain((error_record(path, UNREADABLE, problem) for path, problem in unlisted),
                           score_paths(paths, **options))


def score_paths(
    paths: Iterable[str],
    *,
    jobs: Optional[int] = None,
    engine: str = "local",
    findings: bool = False,
    skip: Container[str] = (),
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_units: Optional[int] = DEFAULT_MAX_UNITS,
    timeout: Optional[float] = 60.0,
    scheduler: Optional[str] = None,
    model: Optional[str] = None,
    only: Sequence[str] = (),
    ignore: Sequence[str] = (),
    rules_path: Optional[str] = None,
    config_path: Optional[str] = None,
    discover_from: Optional[str] = None,
    profile: Optional[str] = None,
    batch_size: int = 64,
    factory: Optional[Callable[[], Any]] = None,
    on_skip: Optional[Callable[[str], None]] = None,
    stats: Optional[EngineStats] = None,
) -> Iterator[Dict[str, Any]]:
    """Score files; yields document records and error records (see :mod:`ambiguity.batch.records`).

    ``skip`` holds content hashes not to score again (a resumed run); a file whose content was already seen in
    this run is skipped too. A document of more than ``max_units`` units gets an error record (A100) before it
    is parsed. ``jobs`` worker processes (default: all cores) or Dask workers (``engine="dask"``,
    on ``scheduler`` or a local cluster). ``timeout`` limits the seconds one document may take (``None``: no
    limit); the worker process running past it is killed and replaced. ``factory`` (a module-level callable)
    builds the analyzer in each worker instead of ``model``/``only``/``ignore``/``rules_path``. ``config_path`` (a
    project configuration file) applies to every report as ``scan --config`` does; without it, ``discover_from``
    (a folder) makes each document find its own configuration from its folder upward, as ``scan`` does. Every
    record says how many findings the document's inline suppressions removed (``suppressed``).
    """
    if engine not in ENGINES:
        raise BatchError(f"unknown engine {engine!r} (expected {' or '.join(ENGINES)})")
    spec = AnalyzerSpec(model, tuple(only), tuple(ignore), rules_path, factory, max_units, config_path, discover_from,
                        profile)
    score_options = ScoreOptions(findings=findings, max_bytes=max_bytes, batch_size=batch_size)
    jobs = jobs or os.cpu_count() or 1
    early: Deque[Dict[str, Any]] = deque()
    tasks = _tasks(paths, skip, max_bytes, early, on_skip, with_data=engine == "dask")
    if engine == "dask":
        from .dask_engine import DASK_BATCH_DOCS, run_dask

        records = run_dask(make_batches(tasks, max_docs=DASK_BATCH_DOCS), spec, score_options, jobs=jobs,
                           scheduler=scheduler, timeout=timeout, stats=stats)
    else:
        records = LocalEngine(spec, score_options, jobs=jobs, timeout=timeout, stats=stats).run(make_batches(tasks))
    for record in records:
        while early:
            yield early.popleft()
        yield record
    while early:
        yield early.popleft()


def _tasks(paths: Iterable[str], skip: Container[str], max_bytes: int, early: Deque[Dict[str, Any]],
           on_skip: Optional[Callable[[str], None]], with_data: bool) -> Iterator[Task]:
    """Hash each file and decide: skip it, report it at once (unreadable, too large, unsupported) or score it."""
    seen = set()
    for path in paths:
        try:
            size = os.stat(path).st_size
            if format_for(path) is None:
                early.append(error_record(path, UNSUPPORTED, f"unsupported file type {Path(path).suffix or '(none)'!r}"
                                          f" (supported: {', '.join(supported_suffixes())})"))
                continue
            if size > max_bytes:
                early.append(error_record(path, TOO_LARGE,
                                          f"file is {size:,} bytes, over the {max_bytes:,}-byte limit (--max-bytes)"))
                continue
            if with_data:
                with open(path, "rb") as fp:
                    data: Optional[bytes] = fp.read()
                sha = hashlib.sha256(data).hexdigest()  # type: ignore[arg-type]
            else:
                data, sha = None, file_sha256(path)
        except OSError as exc:
            early.append(error_record(path, UNREADABLE, f"cannot read: {exc.strerror or exc}"))
            continue
        if sha in skip or sha in seen:
            if on_skip is not None:
                on_skip(path)
            continue
        seen.add(sha)
        yield Task(path, size, sha, data)
