"""The resumable, crash-safe JSON Lines writer shared by every engine.

Each record is appended and flushed as soon as it is done (and fsync'ed every ``fsync_every`` records or
``fsync_seconds``), so killing the run loses no finished record. On opening, a half-written last line left by a
kill is cut off, and the content hashes of the records already there are read so that the run can skip them.
"""
from __future__ import annotations

import errno
import hashlib
import json
import logging
import os
import time
from pathlib import Path
from typing import Any, Dict, IO, Optional, Sequence, Set, Union

import jsonlines

from .records import BatchError, is_error

log = logging.getLogger(__name__)

try:  # POSIX: one run per output file
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]


def repair_tail(path: Union[str, Path]) -> int:
    """Cut a half-written last line (no trailing newline) off ``path``; returns the bytes removed."""
    with open(path, "r+b") as fp:
        end = fp.seek(0, os.SEEK_END)
        if end == 0:
            return 0
        fp.seek(end - 1)
        if fp.read(1) == b"\n":
            return 0
        pos, keep = end, 0
        while pos > 0:  # search backwards, a block at a time, for the last complete line
            step = min(65536, pos)
            pos -= step
            fp.seek(pos)
            block = fp.read(step)
            nl = block.rfind(b"\n")
            if nl >= 0:
                keep = pos + nl + 1
                break
        fp.truncate(keep)
        fp.flush()
        os.fsync(fp.fileno())
        return end - keep


def done_hashes(path: Union[str, Path], settings: Optional[str] = None) -> Set[str]:
    """Content hashes of the documents already scored (error records do not count: they are retried).

    Raises :class:`BatchError` when a record was scored under other rule settings than ``settings`` (see
    :func:`settings_key`): skipping it would mix two rule sets in one file.
    """
    done: Set[str] = set()
    with jsonlines.open(path) as reader:
        for record in reader.iter(type=dict, skip_invalid=True):
            if record.get("settings") != settings:
                theirs = record.get("settings") or "the bundled rules, no --only/--ignore"
                raise BatchError(f"{path}: already holds records scored with other rule settings ({theirs}); "
                                 "use --force to start afresh, or write to another file")
            sha = record.get("sha256")
            if sha and not is_error(record):
                done.add(sha)
    return done


def one_record_per_document(path: Union[str, Path]) -> int:
    """Keep only the last record of each document (path) in a results file: a retried failure's new record
    replaces its error record, a changed file's new record its old one. Rewritten atomically (a temporary file
    beside it, then a rename), and only when some document has more than one record. Returns the records dropped.
    """
    path = Path(path)
    with open(path, encoding="utf-8") as fp:
        lines = [line for line in fp if line.strip()]
    last: Dict[str, int] = {}
    for i, line in enumerate(lines):
        try:
            last[json.loads(line).get("path")] = i
        except (ValueError, AttributeError):
            last[f"\0line {i}"] = i  # not a record of ours: kept as it is
    if len(last) == len(lines):
        return 0
    keep = sorted(last.values())
    tmp = path.with_name(path.name + ".compact")
    with open(tmp, "w", encoding="utf-8") as out:
        out.writelines(lines[i] for i in keep)
        out.flush()
        os.fsync(out.fileno())
    os.replace(tmp, path)
    return len(lines) - len(keep)


def settings_key(only: Sequence[str] = (), ignore: Sequence[str] = (),
                 rules_path: Optional[Union[str, Path]] = None,
                 config_path: Optional[Union[str, Path]] = None, profile: Optional[str] = None) -> Optional[str]:
    """The rule settings a record was scored under, as written in its ``settings`` field; None for the defaults
    (bundled rules, no selection, no configuration). A rules folder or file and a configuration file are named by
    the SHA-256 of their contents, so an edited file is a different setting."""
    parts = []
    if profile not in (None, "default"):
        parts.append("profile=" + profile)
    if only:
        parts.append("only=" + ",".join(sorted(only)))
    if ignore:
        parts.append("ignore=" + ",".join(sorted(ignore)))
    if rules_path is not None:
        root = Path(rules_path)
        files = sorted(root.rglob("*.y*ml")) if root.is_dir() else [root]
        digest = hashlib.sha256()
        for f in files:
            digest.update(f.name.encode("utf-8") + b"\0")
            _hash_file(digest, f)
        parts.append(f"rules={digest.hexdigest()[:16]}")
    if config_path is not None:
        digest = hashlib.sha256()
        _hash_file(digest, Path(config_path))
        parts.append(f"config={digest.hexdigest()[:16]}")
    return " ".join(parts) or None


def _hash_file(digest: Any, path: Path) -> None:
    """Feed a file to a digest a block at a time: a rules folder may hold files no rule loader reads (*.yaml)."""
    with open(path, "rb") as fp:
        for block in iter(lambda: fp.read(1 << 20), b""):
            digest.update(block)


class ResultWriter:
    """Appends records to a JSON Lines file; ``done`` holds the hashes a resumed run can skip.

    >>> with ResultWriter("results.jsonl") as out:          # doctest: +SKIP
    ...     for record in score_folder("specs/", skip=out.done):
    ...         out.write(record)

    ``force=True`` starts the file afresh (everything is rescanned).
    """

    def __init__(self, path: Union[str, Path], *, force: bool = False, fsync_every: int = 100,
                 fsync_seconds: float = 5.0, settings: Optional[str] = None) -> None:
        self.path = Path(path)
        self.force = force
        #: Written into every record (see :func:`settings_key`); a resumed run must use the same.
        self.settings = settings
        self.fsync_every = fsync_every
        self.fsync_seconds = fsync_seconds
        self.done: Set[str] = set()
        self.repaired = 0
        self.written = 0
        self._fp: Optional[IO[str]] = None
        self._writer: Optional[jsonlines.Writer] = None
        self._unsynced = 0
        self._last_sync = time.monotonic()
        self._broken = False  # a write failed: what is buffered cannot be written, the file ends at the last record

    def open(self) -> "ResultWriter":
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)  # a missing folder is created
            self._fp = open(self.path, "a+", encoding="utf-8")
        except FileExistsError:  # mkdir met a file where a folder should be
            blocking = next(p for p in reversed(self.path.parents) if p.exists() and not p.is_dir())
            raise BatchError(f"{self.path}: cannot write: {blocking} is a file, not a folder") from None
        except OSError as exc:
            raise BatchError(f"{self.path}: cannot write: {exc.strerror or exc}") from None
        if fcntl is not None:
            try:
                fcntl.flock(self._fp.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                self._fp.close()
                raise BatchError(f"{self.path}: another batch run is writing to this file") from None
        if self.force:
            self._fp.truncate(0)
        else:
            self.repaired = repair_tail(self.path)
            if self.repaired:
                log.warning("%s: removed a half-written last line (%d bytes)", self.path, self.repaired)
            try:
                self.done = done_hashes(self.path, self.settings)
            except BatchError:
                self.close()
                raise
        self._fp.seek(0, os.SEEK_END)
        self._writer = jsonlines.Writer(self._fp, flush=True, dumps=lambda o: json.dumps(o, ensure_ascii=False))
        return self

    def write(self, record: Dict[str, Any]) -> None:
        """Append one record, flushed now; fsync'ed at intervals. A full disk or another write error raises
        :class:`BatchError` naming the file and how many records of this run it holds."""
        assert self._writer is not None and self._fp is not None, "open() the writer first"
        if self.settings is not None:
            record = {**record, "settings": self.settings}
        try:
            self._writer.write(record)  # flush=True: written through to the OS, or an OSError here
        except OSError as exc:
            raise self._failed(exc) from None
        self.written += 1
        self._unsynced += 1
        if self._unsynced >= self.fsync_every or time.monotonic() - self._last_sync >= self.fsync_seconds:
            self.sync()

    def sync(self) -> None:
        if self._fp is not None and self._unsynced and not self._broken:
            try:
                self._fp.flush()
                os.fsync(self._fp.fileno())
            except OSError as exc:
                raise self._failed(exc) from None
            self._unsynced = 0
            self._last_sync = time.monotonic()

    def _failed(self, exc: OSError) -> BatchError:
        self._broken = True
        reason = "no space left on device" if exc.errno == errno.ENOSPC else (exc.strerror or str(exc)).lower()
        # a record cut short by the failure is removed by the next run (repair_tail), so it is not counted
        return BatchError(f"{self.path}: cannot write: {reason}; {self.written:,} records of this run kept "
                          "(run again to resume)")

    def close(self) -> None:
        if self._fp is None:
            return
        try:
            self.sync()
            try:  # still under the lock: no other run writes to the file while it is compacted
                dropped = one_record_per_document(self.path)
                if dropped:
                    log.info("%s: %d earlier records replaced by newer ones of the same documents", self.path,
                             dropped)
            except OSError as exc:  # the records are all there; only the older duplicates stay
                log.warning("%s: could not drop superseded records: %s", self.path, exc.strerror or exc)
        finally:
            try:
                self._fp.close()  # releases the lock
            except OSError:  # only after a failed write: the buffered rest of that record cannot be written either
                pass
            self._fp = self._writer = None

    def __enter__(self) -> "ResultWriter":
        return self.open()

    def __exit__(self, *exc: Any) -> None:
        self.close()
