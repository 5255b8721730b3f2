"""What a worker does, whatever the engine: load the analyzer once, read a batch of files, score them."""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Dict, Iterator, List, Optional, Sequence, Tuple

from ..errors import InputError
from ..readers.registry import DEFAULT_MAX_BYTES, read_bytes, read_path
from ..units import DEFAULT_MAX_UNITS
from .records import ANALYSIS_FAILED, Task, document_record, error_record

if TYPE_CHECKING:
    from ..api import Analyzer

#: A batch sent to a worker holds at most this many documents and (unless one file is bigger) this many bytes.
BATCH_DOCS = 16
BATCH_BYTES = 1 << 20
#: Units per ``nlp.pipe`` batch when a batch is big (units are at most 20,000 characters): bounds the memory.
LARGE_PIPE_BATCH = 8


@dataclass(frozen=True)
class AnalyzerSpec:
    """How a worker builds its analyzer: picklable and hashable, so each process builds it once.

    ``factory`` (a module-level callable returning an ``Analyzer``) replaces the default construction (and with
    it ``max_units``: the factory's analyzer has its own).
    """

    model: Optional[str] = None
    only: Tuple[str, ...] = ()
    ignore: Tuple[str, ...] = ()
    rules_path: Optional[str] = None
    factory: Optional[Callable[[], "Analyzer"]] = None
    max_units: Optional[int] = DEFAULT_MAX_UNITS
    #: A project configuration file (``batch --config``), applied to every document as ``scan --config`` does.
    config_path: Optional[str] = None
    #: Without ``config_path``: discover each document's configuration from its folder upward, as ``scan``
    #: does, starting the run's own (its ``model`` and extra ``terms``) here; ``None``: no project configuration.
    discover_from: Optional[str] = None
    #: ``--profile``/``--all``: which findings the records list (None: the configuration's, else "default").
    profile: Optional[str] = None

    def build(self) -> "Analyzer":
        if self.factory is not None:
            return self.factory()
        from ..api import Analyzer
        from ..project import Settings

        use_config = self.config_path is not None or self.discover_from is not None
        settings = Settings.resolve(self.config_path, None, [self.discover_from or "."]) if use_config else None
        if self.profile is not None:
            settings = settings or Settings()
            settings.profile = self.profile
        return Analyzer(self.model, config=settings, only=self.only, ignore=self.ignore, rules_path=self.rules_path,
                        max_units=self.max_units)


@dataclass(frozen=True)
class ScoreOptions:
    """What every worker needs to know besides the analyzer."""

    findings: bool = False
    max_bytes: int = DEFAULT_MAX_BYTES
    batch_size: int = 64


_CACHE: Dict[AnalyzerSpec, "Analyzer"] = {}
_CACHE_LOCK = threading.Lock()
#: Held while an analyzer is in use: a spaCy pipeline is not shared between threads.
USE_LOCK = threading.Lock()


def cached_analyzer(spec: AnalyzerSpec) -> "Analyzer":
    """This process's analyzer for ``spec``, built on first use."""
    with _CACHE_LOCK:
        if spec not in _CACHE:
            _CACHE[spec] = spec.build()
        return _CACHE[spec]


def peak_rss_mb() -> float:
    """This process's peak resident set size in MB (Linux ``VmHWM``; ``ru_maxrss`` elsewhere)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fp:
            for line in fp:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    try:
        import resource
        import sys

        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024
    except (ImportError, OSError):  # pragma: no cover
        return 0.0


def make_batches(tasks: Iterator[Task], max_docs: int = BATCH_DOCS,
                 max_bytes: int = BATCH_BYTES) -> Iterator[List[Task]]:
    """Group tasks into batches bounded in documents and bytes; a file bigger than the bound goes alone."""
    batch: List[Task] = []
    size = 0
    for task in tasks:
        if batch and (len(batch) >= max_docs or size + task.size > max_bytes):
            yield batch
            batch, size = [], 0
        batch.append(task)
        size += task.size
    if batch:
        yield batch


def score_batch(analyzer: "Analyzer", tasks: Sequence[Tuple[int, Task]],
                options: ScoreOptions) -> Iterator[Tuple[int, Dict[str, Any]]]:
    """Read and score a batch; yields ``(index, record)`` as each document is done (read errors first)."""
    good: List[Tuple[int, Task, Any, float]] = []
    check = getattr(analyzer, "check", None)  # the unit limit (a test's wrapper of an analyzer may have none)
    for index, task in tasks:
        start = time.perf_counter()
        try:
            if task.data is not None:
                document = read_bytes(task.data, task.path, None, options.max_bytes)
            else:
                document = read_path(task.path, max_bytes=options.max_bytes)
            if check is not None:
                check(document)  # over max_units: an error record, before anything is parsed
        except InputError as exc:
            yield index, error_record(task.path, exc.code, exc.problem, task.sha256)
            continue
        good.append((index, task, document, time.perf_counter() - start))
    if not good:
        return
    total = sum(t.size for _, t, _, _ in good)
    pipe_batch = options.batch_size if total <= BATCH_BYTES else min(options.batch_size, LARGE_PIPE_BATCH)
    yield from _analyse(analyzer, good, options, pipe_batch)


def _analyse(analyzer: "Analyzer", good: List[Tuple[int, Task, Any, float]], options: ScoreOptions,
             pipe_batch: int) -> Iterator[Tuple[int, Dict[str, Any]]]:
    fed: List[float] = []

    def feed() -> Iterator[Any]:
        for _, _, document, _ in good:
            fed.append(time.perf_counter())
            yield document

    done = 0
    try:
        for report in analyzer.analyze_documents(feed(), batch_size=pipe_batch):
            index, task, document, read_time = good[done]
            elapsed = time.perf_counter() - fed[done] + read_time
            done += 1
            yield index, document_record(report, sha256=task.sha256, size=task.size, elapsed=elapsed,
                                         findings=options.findings)
    except Exception as exc:  # one bad document must not take the batch with it: retry the rest one by one
        rest = good[done:]
        if len(rest) == 1:
            index, task, _, _ = rest[0]
            yield index, error_record(task.path, ANALYSIS_FAILED, f"analysis failed: {type(exc).__name__}: {exc}",
                                      task.sha256)
            return
        for item in rest:
            yield from _analyse(analyzer, [item], options, pipe_batch)
