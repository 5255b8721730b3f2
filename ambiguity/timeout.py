"""A time limit for analysis in this process: ``scan --timeout`` (``batch`` kills its worker processes instead).

On POSIX, in the main thread, :func:`time_limit` arms ``setitimer(ITIMER_REAL)`` and raises
:class:`TimeLimitExceeded` from the ``SIGALRM`` handler; Python runs the handler between bytecodes, and the regular
expression engine checks for signals while it backtracks, so a catastrophic user regex in a rule file is stopped
too. Elsewhere (Windows, another thread, an alarm already armed by someone else) there is no limit.

:func:`analyze_in_time` runs a stream of documents through an analysis function under the limit and reports the
document that runs past it, so that the others still get their reports.
"""
from __future__ import annotations

import signal
import threading
from contextlib import contextmanager
from typing import Any, Callable, Iterable, Iterator, List, Optional, TypeVar

D = TypeVar("D")
R = TypeVar("R")

#: ``scan --timeout``: the largest document the default limits let through (50,000 units) takes ~150 s on 2 cores
#: (docs/reliability.md), so only a runaway analysis meets this default.
DEFAULT_SCAN_TIMEOUT = 300.0
#: Documents analysed together under one limit (the classifier predicts for up to 64 documents at once anyway)...
CHUNK_DOCS = 64
#: ...and at most this many characters of text in them, unless one document is bigger.
CHUNK_CHARS = 1 << 20


class TimeLimitExceeded(BaseException):
    """Raised in the main thread when the limit passes. A BaseException, like KeyboardInterrupt, so that no
    ``except Exception`` on the way (spaCy's error handlers, a detector) can swallow it."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"took longer than {seconds:g} seconds")
        self.seconds = seconds


def available() -> bool:
    """Whether :func:`time_limit` can enforce a limit here."""
    return (hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
            and signal.getitimer(signal.ITIMER_REAL)[0] == 0)


@contextmanager
def time_limit(seconds: Optional[float]) -> Iterator[None]:
    """Raise :class:`TimeLimitExceeded` if the body runs longer than ``seconds`` (``None`` or 0: no limit)."""
    if not seconds or seconds <= 0 or not available():
        yield
        return

    def on_alarm(signum: int, frame: object) -> None:
        raise TimeLimitExceeded(seconds)  # type: ignore[arg-type]

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        # an alarm already delivered but not yet handled is dropped by Python once the handler is no longer ours
        signal.signal(signal.SIGALRM, previous)


def analyze_in_time(analyze: Callable[[List[D]], Iterable[R]], documents: Iterable[D], seconds: Optional[float],
                    on_timeout: Callable[[D, float], None], size: Optional[Callable[[D], int]] = None,
                    chunk_docs: int = CHUNK_DOCS, chunk_size: int = CHUNK_CHARS) -> Iterator[R]:
    """``analyze``'s results for ``documents``, in order, none of them taking more than ``seconds`` to come.

    ``analyze`` takes a list of documents and yields one result per document, in order (``Analyzer.analyze_documents``).
    Documents are taken from ``documents`` outside the limit (reading has limits of its own) in chunks of at most
    ``chunk_docs`` documents and ``chunk_size`` (as measured by ``size``). When the next result does not come within
    ``seconds``, the chunk's unfinished documents are analysed again one at a time, each with the full limit, so that
    only the document that runs past the limit alone is given to ``on_timeout(document, seconds)``; the stream then
    goes on. Without a limit (``seconds`` None or 0, or :func:`available` false) the documents stream through
    ``analyze`` in one go.
    """
    if not seconds or seconds <= 0 or not available():
        yield from analyze(documents)  # type: ignore[arg-type]
        return
    for chunk in _chunks(documents, chunk_docs, chunk_size, size or text_size):
        yield from _analyze_chunk(analyze, chunk, seconds, on_timeout)


def _analyze_chunk(analyze: Callable[[List[D]], Iterable[R]], chunk: List[D], seconds: float,
                   on_timeout: Callable[[D, float], None]) -> Iterator[R]:
    results = iter(analyze(chunk))
    done = 0
    while done < len(chunk):
        try:
            # armed only while the analysis works: the caller's own work between results is not timed
            with time_limit(seconds):
                result = next(results)
        except StopIteration:
            return
        except TimeLimitExceeded:
            rest = chunk[done:]
            if len(rest) == 1:
                on_timeout(rest[0], seconds)
            else:
                for document in rest:  # find the one that runs past the limit on its own
                    yield from _analyze_chunk(analyze, [document], seconds, on_timeout)
            return
        done += 1
        yield result


def _chunks(documents: Iterable[D], max_docs: int, max_size: int, size: Callable[[D], int]) -> Iterator[List[D]]:
    chunk: List[D] = []
    total = 0
    for document in documents:
        n = size(document)
        if chunk and (len(chunk) >= max_docs or total + n > max_size):
            yield chunk
            chunk, total = [], 0
        chunk.append(document)
        total += n
    if chunk:
        yield chunk


def text_size(document: Any) -> int:
    """The size of a document for chunking: the length of its ``text``."""
    return len(getattr(document, "text", "") or "")
