"""Many files or many texts on all cores: ``scan --jobs`` and ``Analyzer.analyze_many(n_process=...)``.

The analyzer is built once in the parent; worker processes are forked from it, so each starts with the pipeline,
rules and models already loaded (no second cold start) and runs the same one-process path: whole files through
:meth:`~ambiguity.api.Analyzer.analyze_paths`, or chunks of documents through ``analyze_documents``. Reports come
back, pickled, in input order, so the output is the same as with one process. A small scan is not worth a process:
below :data:`MIN_BYTES` of input, or with one file, or on a platform without ``fork``, the work is done here.
"""
from __future__ import annotations

import collections
import dataclasses
import itertools
import multiprocessing
import os
from typing import TYPE_CHECKING, Any, Callable, Deque, Dict, Iterable, Iterator, List, Optional, Tuple, TypeVar, Union

from .errors import InputError
from .inputs import STDIN, expand

if TYPE_CHECKING:
    from .api import Analyzer, Progress
    from .readers import Document
    from .types import Report

T = TypeVar("T")
R = TypeVar("R")

#: Less input than this (bytes, all files together) is analysed in one process: forking costs more.
MIN_BYTES = 256 * 1024
#: ``analyze_documents`` sends documents to a worker in chunks of about this many characters (and at most
#: :data:`CHUNK_DOCS` documents): big enough that pickling is a small cost, small enough to keep both cores busy
#: to the end.
CHUNK_CHARS = 32 * 1024
CHUNK_DOCS = 512
#: A document at least this long is shared between the workers, :data:`UNIT_CHUNK` units a task.
LONG_CHARS = 256 * 1024
UNIT_CHUNK = 256
_WORKER: Dict[str, Any] = {}  # in a forked worker: the parent's analyzer and the options of the run


def cores() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def can_fork() -> bool:
    """Fork is available and this process may have children (a pool's worker, being a daemon, may not)."""
    return "fork" in multiprocessing.get_all_start_methods() and not multiprocessing.current_process().daemon


def worth_forking(files: List[str], jobs: int) -> bool:
    if jobs < 2 or len(files) < 2 or not can_fork():
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


def forked_map(fn: Callable[[T], R], items: Iterable[T], jobs: int, **state: Any) -> Iterator[R]:
    """``fn(item)`` for each item in ``jobs`` workers forked from this process, results in input order.

    ``state`` is what ``fn`` finds in :data:`_WORKER` (inherited by the fork, never pickled). At most two items
    per worker are in flight, so a long stream of items is read as the results are taken, not all at once.
    """
    _WORKER.update(state)
    try:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            flight: Deque[Any] = collections.deque()
            for item in items:
                flight.append(pool.apply_async(fn, (item,)))
                if len(flight) >= 2 * jobs:
                    yield flight.popleft().get()
            while flight:
                yield flight.popleft().get()
    finally:
        _WORKER.clear()


def _one(path: str) -> List[Union["Report", InputError]]:
    analyzer, options = _WORKER["analyzer"], _WORKER["options"]
    return list(analyzer.analyze_paths([path], **options))


def _chunk(documents: List["Document"]) -> List["Report"]:
    analyzer, options = _WORKER["analyzer"], _WORKER["options"]
    return list(analyzer.analyze_documents(documents, **options))


def chunks(documents: Iterable["Document"]) -> Iterator[List["Document"]]:
    """Documents grouped into runs of about :data:`CHUNK_CHARS` characters (at most :data:`CHUNK_DOCS`)."""
    run: List["Document"] = []
    size = 0
    for document in documents:
        run.append(document)
        size += len(document.text)
        if size >= CHUNK_CHARS or len(run) >= CHUNK_DOCS:
            yield run
            run, size = [], 0
    if run:
        yield run


def analyze_documents(analyzer: "Analyzer", documents: Iterable["Document"], jobs: int,
                      progress: Optional["Progress"], **options: Any) -> Iterator["Report"]:
    """Reports of ``documents`` in order, analysed by ``jobs`` forked workers; ``options`` are
    :meth:`Analyzer.analyze_documents`'s. Runs of documents under :data:`LONG_CHARS` go to the workers in chunks;
    a longer document is shared between them, :data:`UNIT_CHUNK` units a task. ``progress`` is called here, as each
    report comes back. A run that fits in one chunk is analysed here: a worker would only add the fork."""
    if jobs < 2 or not can_fork():
        yield from analyzer.analyze_documents(documents, progress=progress, **options)
        return
    for long, run in itertools.groupby(documents, key=lambda d: len(d.text) >= LONG_CHARS):
        if long:
            for document in run:
                yield from _shared(analyzer, document, jobs, progress, options)
            continue
        runs = chunks(run)
        head = list(itertools.islice(runs, 2))
        if len(head) < 2:
            yield from analyzer.analyze_documents(itertools.chain.from_iterable(head), progress=progress, **options)
            continue
        for reports in forked_map(_chunk, itertools.chain(head, runs), jobs, analyzer=analyzer, options=options):
            for report in reports:
                if progress is not None:
                    progress(report.path)
                yield report


def _units(indices: List[int]) -> Tuple[List[Any], List[Any], List[Any], List[Tuple[int, Dict[str, float]]]]:
    """A task of :func:`_shared`: what these units add to the report (findings, ghosts, classifier rows) and their
    label probabilities."""
    analyzer, report, options = _WORKER["analyzer"], _WORKER["report"], _WORKER["options"]
    shell = dataclasses.replace(report, findings=[], unit_features=[], ghosts=[])  # this task's units only
    analyzer.unit_results(shell, indices, **options)
    return shell.findings, shell.ghosts, shell.unit_features, [(ui, shell.units[ui].labels) for ui in indices]


def _shared(analyzer: "Analyzer", document: "Document", jobs: int, progress: Optional["Progress"],
            options: Dict[str, Any]) -> Iterator["Report"]:
    """One long document: its units parsed by ``jobs`` workers, its stages run here."""
    from .api import SKIPPED_KINDS
    from .units import make_units

    units = make_units(document, analyzer.max_units)  # InputError over max_units, before any parse
    report = analyzer._new_report(document, units)
    analysed = [u.index for u in units if u.kind not in SKIPPED_KINDS]
    tasks = [analysed[i: i + UNIT_CHUNK] for i in range(0, len(analysed), UNIT_CHUNK)]
    for findings, ghosts, rows, labels in forked_map(_units, tasks, jobs, analyzer=analyzer, report=report,
                                                    options=options):
        report.findings.extend(findings)
        report.ghosts.extend(ghosts)
        report.unit_features.extend(rows)
        for ui, probabilities in labels:
            units[ui].labels = probabilities
    if progress is not None:
        progress(report.path)
    yield from analyzer._finish([report])


def analyze_files(analyzer: "Analyzer", paths: List[str], jobs: int, progress: Optional["Progress"],
                  **options: Any) -> Iterator[Union["Report", InputError]]:
    """Reports (or input errors) of ``paths`` in order, the files analysed by ``jobs`` forked workers when that
    pays; ``options`` are :meth:`Analyzer.analyze_paths`'s. Folders are listed once, here."""
    items = list(expand(paths, analyzer.settings.exclude_for))
    if STDIN in items:  # standard input is read once, by this process
        yield from analyzer.analyze_paths(paths, progress=progress, **options)
        return
    files = [i for i in items if isinstance(i, str)]
    if not worth_forking(files, jobs):  # one process, but a long document is still shared between workers
        yield from _here(analyzer, items, progress, {**options, "n_process": jobs})
        return
    results = forked_map(_one, files, min(jobs, len(files)), analyzer=analyzer, options=options)
    for item in items:
        for result in [item] if isinstance(item, InputError) else next(results):
            if progress is not None:
                progress(result.path)
            yield result


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
