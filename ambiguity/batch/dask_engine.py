"""The Dask engine: the same batches scored on a ``dask.distributed`` cluster, results in completion order.

Each worker process builds the analyzer once (a per-process cache) and scores whole batches; the file bytes travel
with the task, so workers need no shared file system. Without a scheduler address a ``LocalCluster`` of ``jobs``
single-threaded worker processes is started and stopped with the run.

The per-document time limit is not enforced here: a Dask task cannot be stopped from outside without restarting
its worker, and the engine does not yet do that.
"""
from __future__ import annotations

import logging
from typing import Any, Dict, Iterator, List, Optional, Tuple

from .local import EngineStats
from .records import CRASHED, BatchError, Task, error_record
from .work import USE_LOCK, AnalyzerSpec, ScoreOptions, cached_analyzer, peak_rss_mb, score_batch

log = logging.getLogger(__name__)

#: Batches in flight per worker thread.
IN_FLIGHT = 2
#: Documents per Dask task: results come back a batch at a time, so smaller than the local engine's.
DASK_BATCH_DOCS = 8


def score_on_worker(spec: AnalyzerSpec, options: ScoreOptions,
                    tasks: List[Task]) -> Tuple[List[Dict[str, Any]], int, float]:
    """Runs on a Dask worker: the batch's records, the worker's pid and its peak RSS (MB)."""
    import os

    analyzer = cached_analyzer(spec)
    with USE_LOCK:
        records = [record for _, record in score_batch(analyzer, list(enumerate(tasks)), options)]
    return records, os.getpid(), peak_rss_mb()


def _client(scheduler: Optional[str], jobs: int) -> Tuple[Any, Any]:
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise BatchError("the dask engine needs dask.distributed: pip install 'ambiguity[dask]'") from None
    try:
        if scheduler:
            return Client(scheduler, timeout="30s"), None
        cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=None,
                               silence_logs=logging.ERROR)
        return Client(cluster), cluster
    except (OSError, TimeoutError) as exc:
        raise BatchError(f"cannot reach the Dask scheduler {scheduler or '(local)'}: {exc}") from None


def run_dask(batches: Iterator[List[Task]], spec: AnalyzerSpec, options: ScoreOptions, *, jobs: int,
             scheduler: Optional[str] = None, stats: Optional[EngineStats] = None) -> Iterator[Dict[str, Any]]:
    """Submit batches (a bounded number in flight) and yield records as batches complete."""
    source = iter(batches)
    first = next(source, None)
    if first is None:
        return
    client, cluster = _client(scheduler, jobs)
    from distributed import as_completed

    try:
        threads = sum(client.nthreads().values()) or jobs
        pending = as_completed()
        submitted: Dict[str, List[Task]] = {}

        def submit(tasks: List[Task]) -> None:
            future = client.submit(score_on_worker, spec, options, tasks, pure=False)
            submitted[future.key] = tasks
            pending.add(future)

        submit(first)
        for tasks in source:
            submit(tasks)
            if len(submitted) >= IN_FLIGHT * threads:
                break
        for future in pending:
            tasks = submitted.pop(future.key)
            try:
                records, pid, rss = future.result()
            except Exception as exc:  # noqa: BLE001 - a lost worker or a failing batch: one record per document
                message = f"the Dask task failed: {type(exc).__name__}: {exc}"
                records = [error_record(t.path, CRASHED, message, t.sha256) for t in tasks]
            else:
                if stats is not None:
                    stats.peak_rss_mb[pid] = max(rss, stats.peak_rss_mb.get(pid, 0.0))
            future.release()
            yield from records
            more = next(source, None)
            if more is not None:
                submit(more)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
