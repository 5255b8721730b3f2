"""The local engine: worker processes, each loading the analyzer once, fed batches over their own pipe.

A worker that shows no progress for ``timeout`` seconds is killed and replaced (a runaway parse cannot be stopped
any other way). Its unfinished batch is then retried one document at a time, so that the document that runs past
the limit alone gets the error record; a document that kills its worker is treated the same way.
"""
from __future__ import annotations

import logging
import multiprocessing as mp
import os
import signal
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any, Deque, Dict, Generator, Iterator, List, Optional, Tuple

from ..escape import printable
from .lifeline import exit_with_parent
from .records import CRASHED, TIMEOUT, BatchError, Task, error_record
from .work import AnalyzerSpec, ScoreOptions, cached_analyzer, peak_rss_mb, score_batch

log = logging.getLogger(__name__)

#: Batches queued on a worker ahead of the one it is working on, so that it never waits for the parent.
PREFETCH = 2
#: A worker that has not loaded its analyzer after this many seconds is considered broken.
START_TIMEOUT = 300.0


@dataclass
class EngineStats:
    """Filled in while a run goes: peak RSS per worker process (MB) and the workers killed or lost."""

    peak_rss_mb: Dict[int, float] = field(default_factory=dict)
    restarts: int = 0


def _worker_main(conn: Connection, spec: AnalyzerSpec, options: ScoreOptions,
                 parent: Tuple[int, bool, bool] = (0, False, False)) -> None:
    """A worker process: build the analyzer once, then score batches until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when workers stop
    if parent[0]:  # a parent killed outright (OOM) must not leave this worker waiting forever
        exit_with_parent(parent[0], direct=parent[1], pdeathsig=parent[2])
    try:
        analyzer = cached_analyzer(spec)
    except Exception as exc:  # noqa: BLE001 - reported to the parent as one line
        conn.send(("fatal", f"{type(exc).__name__}: {exc}"))
        return
    try:
        conn.send(("ready", peak_rss_mb()))
        while True:
            message = conn.recv()
            if message is None:
                return
            batch_id, tasks = message
            for index, record in score_batch(analyzer, tasks, options):
                conn.send(("record", batch_id, index, record))
            conn.send(("done", batch_id, peak_rss_mb()))
    except (EOFError, BrokenPipeError, ConnectionResetError):
        return  # the parent is gone (killed): nothing left to do


@dataclass
class _Batch:
    id: int
    remaining: Dict[int, Task]


@dataclass
class _Worker:
    process: Any
    conn: Connection
    started: float
    ready: bool = False
    queue: Deque[_Batch] = field(default_factory=deque)
    last: float = 0.0  # last sign of progress on the batch at the head of the queue


class LocalEngine:
    """Score batches on ``jobs`` local worker processes; yields records in completion order."""

    def __init__(self, spec: AnalyzerSpec, options: ScoreOptions, *, jobs: int, timeout: Optional[float],
                 stats: Optional[EngineStats] = None) -> None:
        self.spec = spec
        self.options = options
        self.jobs = max(1, jobs)
        self.timeout = timeout if timeout and timeout > 0 else None
        self.stats = stats if stats is not None else EngineStats()
        self._ctx = mp.get_context()
        self._ids = 0

    # -- workers --------------------------------------------------------------------------------------------
    def _start(self) -> _Worker:
        parent, child = self._ctx.Pipe(duplex=True)
        # (parent pid, is it the worker's direct parent, may the kernel's parent-death signal be used: it follows the
        # thread that forks, so only the main thread's)
        lifeline = (os.getpid(), self._ctx.get_start_method() != "forkserver",
                    threading.current_thread() is threading.main_thread())
        process = self._ctx.Process(target=_worker_main, args=(child, self.spec, self.options, lifeline),
                                    name="ambiguity-batch-worker", daemon=True)
        process.start()
        child.close()
        return _Worker(process, parent, time.monotonic())

    @staticmethod
    def _stop(worker: _Worker, kill: bool = False) -> None:
        if not kill:
            try:
                worker.conn.send(None)
            except (OSError, ValueError):
                kill = True
            worker.process.join(timeout=5)
        if worker.process.is_alive():
            worker.process.kill()
            worker.process.join()
        worker.conn.close()

    def _send(self, worker: _Worker, batch: _Batch) -> None:
        if not worker.queue:
            worker.last = time.monotonic()
        worker.queue.append(batch)
        worker.conn.send((batch.id, list(batch.remaining.items())))

    def _drain(self, worker: _Worker) -> Generator[Dict[str, Any], None, Optional[Tuple[str, str]]]:
        """Yield the records a worker has sent; return why it failed, if it died."""
        died = (CRASHED, "the worker process died while scoring this document")
        try:
            while worker.conn.poll():
                yield from self._receive(worker, worker.conn.recv())
        except (EOFError, OSError):
            return died
        return died if not worker.process.is_alive() and not worker.conn.poll() else None

    def _overdue(self, worker: _Worker, now: float) -> Optional[Tuple[str, str]]:
        """A timeout failure for a worker stuck on a document; a BatchError for one that never loaded."""
        if worker.ready and worker.queue and self.timeout is not None and now - worker.last > self.timeout:
            return (TIMEOUT, f"analysis took longer than the {self.timeout:g}-second limit (--timeout); the worker "
                             "was stopped")
        if not worker.ready and now - worker.started > START_TIMEOUT:
            raise BatchError(f"a worker did not load the pipeline within {START_TIMEOUT:g} seconds")
        return None

    def _new_batch(self, tasks: List[Task]) -> _Batch:
        self._ids += 1
        return _Batch(self._ids, dict(enumerate(tasks)))

    # -- the loop -------------------------------------------------------------------------------------------
    def run(self, batches: Iterator[List[Task]]) -> Iterator[Dict[str, Any]]:
        retry: Deque[_Batch] = deque()
        source = iter(batches)
        first = next(source, None)
        if first is None:
            return
        retry.append(self._new_batch(first))
        workers: List[_Worker] = [self._start() for _ in range(self.jobs)]
        exhausted = False

        def take() -> Optional[_Batch]:
            nonlocal exhausted
            if retry:
                return retry.popleft()
            if not exhausted:
                tasks = next(source, None)
                if tasks is not None:
                    return self._new_batch(tasks)
                exhausted = True
            return None

        try:
            while True:
                for worker in workers:
                    while worker.ready and len(worker.queue) < PREFETCH:
                        batch = take()
                        if batch is None:
                            break
                        self._send(worker, batch)
                if exhausted and not retry and not any(w.queue for w in workers):
                    return
                ready = wait([w.conn for w in workers] + [w.process.sentinel for w in workers],
                             timeout=self._wait_time(workers))
                now = time.monotonic()
                for i, worker in enumerate(workers):
                    failure = None
                    if worker.conn in ready or worker.process.sentinel in ready:
                        failure = yield from self._drain(worker)
                    failure = failure or self._overdue(worker, now)
                    if failure is not None:
                        if not worker.ready:
                            raise BatchError("a worker process died while loading the pipeline")
                        yield from self._fail(worker, *failure, retry)
                        workers[i] = self._start()
        finally:
            for worker in workers:
                self._stop(worker, kill=bool(worker.queue))

    def _wait_time(self, workers: List[_Worker]) -> float:
        if self.timeout is None:
            return 1.0
        now = time.monotonic()
        deadlines = [w.last + self.timeout - now for w in workers if w.ready and w.queue]
        return max(0.01, min(deadlines + [1.0]))

    def _receive(self, worker: _Worker, message: Any) -> Iterator[Dict[str, Any]]:
        kind = message[0]
        worker.last = time.monotonic()
        if kind == "record":
            _, batch_id, index, record = message
            head = worker.queue[0]
            assert head.id == batch_id, "records arrive for the batch at the head of the queue"
            head.remaining.pop(index, None)
            yield record
        elif kind == "done":
            worker.queue.popleft()
            self._rss(worker, message[2])
        elif kind == "ready":
            worker.ready = True
            self._rss(worker, message[1])
        elif kind == "fatal":
            raise BatchError(f"a worker could not load the pipeline: {message[1]}")

    def _rss(self, worker: _Worker, mb: float) -> None:
        pid = worker.process.pid
        self.stats.peak_rss_mb[pid] = max(mb, self.stats.peak_rss_mb.get(pid, 0.0))

    def _fail(self, worker: _Worker, code: str, message: str, retry: Deque[_Batch]) -> Iterator[Dict[str, Any]]:
        """Kill the worker; blame the document if it was alone, else retry its batch one document at a time."""
        self.stats.restarts += 1
        self._stop(worker, kill=True)
        if not worker.queue:
            return
        head = worker.queue.popleft()
        later = list(worker.queue)
        tasks = list(head.remaining.values())
        if len(tasks) == 1:
            task = tasks[0]
            log.warning("%s: %s", printable(task.path), message)
            yield error_record(task.path, code, message, task.sha256)
        else:
            retry.extendleft(reversed([self._new_batch([t]) for t in tasks]))
        retry.extend(later)
