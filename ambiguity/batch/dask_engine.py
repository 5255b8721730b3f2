"""The Dask engine: the same batches scored on a ``dask.distributed`` cluster, results in completion order.

Each worker process builds the analyzer once (a per-process cache) and scores whole batches; the file bytes travel
with the task, so workers need no shared file system. Without a scheduler address a ``LocalCluster`` of ``jobs``
single-threaded worker processes is started and stopped with the run; where ``fork`` exists its workers are forked
from this process after it has built the analyzer, so they start with it loaded.

The per-document time limit: a watchdog thread in the task kills its own worker process (the nanny starts a new
one) when no document has finished for ``timeout`` seconds. A batch that fails is retried one document at a time;
a document that fails alone gets the error record. On the local cluster a worker holds only the task it runs
(worker-saturation 1.0, no retries), so one failure is proof; on a given scheduler a dying worker may also fail the
tasks queued on it, so a document is blamed only after failing alone twice. Workers without a nanny (in-process
clusters) are never killed, so the limit does not apply there.
"""
from __future__ import annotations

import logging
import os
import signal
import threading
import time
from typing import Any, Dict, Iterator, List, Optional, Tuple

from ..parallel import can_fork
from .local import EngineStats
from .records import CRASHED, TIMEOUT, BatchError, Task, error_record
from .work import USE_LOCK, AnalyzerSpec, ScoreOptions, cached_analyzer, peak_rss_mb, score_batch

log = logging.getLogger(__name__)

#: Batches in flight per worker thread.
IN_FLIGHT = 2
#: Documents per Dask task (results come back a batch at a time): as the local engine's; 8 was 3% slower on 1,000
#: documents (more messages through the scheduler, which shares the cores with the workers on one machine).
DASK_BATCH_DOCS = 16


class _Watchdog:
    """Kills this (nanny-managed) worker process when ``touch()`` has not been called for ``timeout`` seconds."""

    def __init__(self, timeout: float) -> None:
        self.timeout = timeout
        self.last = time.monotonic()
        self._done = threading.Event()
        threading.Thread(target=self._watch, name="ambiguity-watchdog", daemon=True).start()

    def touch(self) -> None:
        self.last = time.monotonic()

    def stop(self) -> None:
        self._done.set()

    def _watch(self) -> None:
        while not self._done.wait(0.2):
            if time.monotonic() - self.last > self.timeout:
                log.error("ambiguity: a document ran past %gs; stopping this worker", self.timeout)
                os.kill(os.getpid(), signal.SIGKILL)


def _has_nanny() -> bool:
    try:
        from distributed import get_worker

        return bool(getattr(get_worker(), "nanny", None))
    except (ImportError, ValueError):
        return False


def score_on_worker(spec: AnalyzerSpec, options: ScoreOptions, tasks: List[Task],
                    timeout: Optional[float] = None) -> Tuple[List[Dict[str, Any]], int, float]:
    """Runs on a Dask worker: the batch's records, the worker's pid and its peak RSS (MB)."""
    analyzer = cached_analyzer(spec)
    records: List[Dict[str, Any]] = []
    with USE_LOCK:
        watchdog = _Watchdog(timeout) if timeout and _has_nanny() else None
        try:
            for _, record in score_batch(analyzer, list(enumerate(tasks)), options):
                records.append(record)
                if watchdog is not None:
                    watchdog.touch()
        finally:
            if watchdog is not None:
                watchdog.stop()
    return records, os.getpid(), peak_rss_mb()


def _client(scheduler: Optional[str], jobs: int, spec: Optional[AnalyzerSpec] = None) -> Tuple[Any, Any]:
    try:
        import dask
        from distributed import Client, LocalCluster
    except ImportError:
        raise BatchError("the dask engine needs dask.distributed: pip install 'ambiguity[dask]'") from None
    try:
        if scheduler:
            return Client(scheduler, timeout="30s"), None
        # a worker stopped by the time limit must not be retried on another worker with the same document; no
        # MALLOC_TRIM_THRESHOLD_ in the workers: setting it turns off glibc's adaptive mmap threshold, so every
        # large array the parser allocates is a fresh mmap (measured: a worker scored 11% slower with it); and no
        # statistical profiler sampling the scoring thread every 10 ms for a dashboard nobody opens (it took a third
        # of each worker's event-loop CPU)
        settings = {"distributed.scheduler.allowed-failures": 0, "distributed.scheduler.worker-saturation": 1.0,
                    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
                    "distributed.worker.profile.enabled": False}
        if spec is not None and can_fork():
            # the workers are forked from this process with the analyzer already built (one load, not one per
            # worker, each importing spaCy again); a worker the time limit stops is forked again just as fast
            cached_analyzer(spec)
            settings["distributed.worker.multiprocessing-method"] = "fork"
        with dask.config.set(settings):
            cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=":0",
                                   silence_logs=logging.ERROR)
        return Client(cluster), cluster
    except (OSError, TimeoutError) as exc:
        raise BatchError(f"cannot reach the Dask scheduler {scheduler or '(local)'}: {exc}") from None


def run_dask(batches: Iterator[List[Task]], spec: AnalyzerSpec, options: ScoreOptions, *, jobs: int,
             scheduler: Optional[str] = None, timeout: Optional[float] = None,
             stats: Optional[EngineStats] = None) -> Iterator[Dict[str, Any]]:
    """Submit batches (a bounded number in flight) and yield records as batches complete."""
    source = iter(batches)
    first = next(source, None)
    if first is None:
        return
    client, cluster = _client(scheduler, jobs, spec)
    from distributed import as_completed

    try:
        threads = sum(client.nthreads().values()) or jobs
        strikes = 1 if cluster is not None else 2  # failures alone before a document is blamed
        pending = as_completed()
        submitted: Dict[str, Tuple[List[Task], float, int]] = {}

        def submit(tasks: List[Task], failures: int = 0) -> None:
            future = client.submit(score_on_worker, spec, options, tasks, timeout, pure=False)
            submitted[future.key] = (tasks, time.monotonic(), failures)
            pending.add(future)

        submit(first)
        for tasks in source:
            submit(tasks)
            if len(submitted) >= IN_FLIGHT * threads:
                break
        for future in pending:
            tasks, started, failures = submitted.pop(future.key)
            try:
                records, pid, rss = future.result()
            except Exception as exc:  # noqa: BLE001 - a lost worker or a failing batch
                future.release()
                if stats is not None:
                    stats.restarts += 1
                if len(tasks) > 1 or failures + 1 < strikes:  # find the culprit: one document per task
                    for task in tasks:
                        submit([task], failures + (len(tasks) == 1))
                    continue
                records = [_failure(tasks[0], exc, time.monotonic() - started, timeout)]
            else:
                future.release()
                if stats is not None:
                    stats.peak_rss_mb[pid] = max(rss, stats.peak_rss_mb.get(pid, 0.0))
            yield from records
            more = next(source, None)
            if more is not None:
                submit(more)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _failure(task: Task, exc: Exception, elapsed: float, timeout: Optional[float]) -> Dict[str, Any]:
    if timeout and elapsed >= timeout and type(exc).__name__ == "KilledWorker":
        return error_record(task.path, TIMEOUT, f"analysis took longer than the {timeout:g}-second limit "
                                                "(--timeout); the Dask worker was stopped", task.sha256)
    return error_record(task.path, CRASHED, f"the Dask task failed: {type(exc).__name__}: {exc}", task.sha256)
