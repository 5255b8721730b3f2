"""Many files on all cores: ``scan --jobs``.

The analyzer is built once in the parent; worker processes are forked from it, so each starts with the pipeline,
rules and models already loaded (no second cold start) and analyses whole files with the same
:meth:`~ambiguity.api.Analyzer.analyze_paths` a single process runs. Reports come back, pickled, in input order,
so the output is the same as ``--jobs 1``. A small scan is not worth a process: below :data:`MIN_BYTES` of input,
or with one file, or on a platform without ``fork``, the files are analysed here.
"""
from __future__ import annotations

import multiprocessing
import os
from typing import TYPE_CHECKING, Any, Dict, Iterator, List, Optional, Union

from .errors import InputError
from .inputs import STDIN, expand

if TYPE_CHECKING:
    from .api import Analyzer, Progress
    from .types import Report

#: Less input than this (bytes, all files together) is analysed in one process: forking costs more.
MIN_BYTES = 256 * 1024
_WORKER: Dict[str, Any] = {}  # in a forked worker: the parent's analyzer and the options of the run


def cores() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def worth_forking(files: List[str], jobs: int) -> bool:
    if jobs < 2 or len(files) < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return False
    total = 0
    for f in files:
        try:
            total += os.path.getsize(f)
        except OSError:
            continue
        if total >= MIN_BYTES:
            return True
    return False


def _one(path: str) -> List[Union["Report", InputError]]:
    analyzer, options = _WORKER["analyzer"], _WORKER["options"]
    return list(analyzer.analyze_paths([path], **options))


def analyze_files(analyzer: "Analyzer", paths: List[str], jobs: int, progress: Optional["Progress"],
                  **options: Any) -> Iterator[Union["Report", InputError]]:
    """Reports (or input errors) of ``paths`` in order, the files analysed by ``jobs`` forked workers when that
    pays; ``options`` are :meth:`Analyzer.analyze_paths`'s. Folders are listed once, here."""
    items = list(expand(paths, analyzer.settings.exclude_for))
    if STDIN in items:  # standard input is read once, by this process
        yield from analyzer.analyze_paths(paths, progress=progress, **options)
        return
    files = [i for i in items if isinstance(i, str)]
    if not worth_forking(files, jobs):
        yield from _here(analyzer, items, progress, options)
        return
    _WORKER.update(analyzer=analyzer, options=options)
    context = multiprocessing.get_context("fork")
    try:
        with context.Pool(min(jobs, len(files))) as pool:
            results = pool.imap(_one, files, chunksize=1)
            for item in items:
                for result in [item] if isinstance(item, InputError) else next(results):
                    if progress is not None:
                        progress(result.path)
                    yield result
    finally:
        _WORKER.clear()


def _here(analyzer: "Analyzer", items: List[Union[str, InputError]], progress: Optional["Progress"],
          options: Dict[str, Any]) -> Iterator[Union["Report", InputError]]:
    """The listed files analysed in this process, each run of files between two listing errors in one stream."""
    run: List[str] = []
    for item in items + [None]:  # type: ignore[list-item]
        if isinstance(item, str):
            run.append(item)
            continue
        if run:  # files named one by one: analyze_paths reads each, lists no folder again
            yield from analyzer.analyze_paths(run, progress=progress, **options)
            run = []
        if item is not None:
            if progress is not None:
                progress(item.path)
            yield item
