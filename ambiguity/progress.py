"""Progress on stderr for runs that take a while: documents done out of the total, shown from the first second on.

Nothing is drawn when stderr is not a terminal (CI logs, pipes) or when the user asked for quiet, and nothing for a
run that ends within the first second. While the bar is shown, lines written to the same terminal (the findings
on stdout) go through :meth:`Progress.echo`, which takes the bar away, writes, and draws it again below.
"""
from __future__ import annotations

import logging
import sys
import threading
import time
from typing import IO, Any, List, Optional, Tuple

import click

#: A run shorter than this shows no progress at all.
DELAY = 1.0
#: How often the bar is redrawn while nothing finishes, so that its clock keeps moving on one long document.
TICK = 0.5


def is_terminal(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):  # no isatty, or closed
        return False


class Progress:
    """A tqdm bar of ``total`` documents (``None``: unknown, a count only) on ``stream`` (default stderr).

    ``enabled=False`` (quiet, or stderr not a terminal) makes every method a no-op but :meth:`echo`. Use as a
    context manager, or call :meth:`close`.
    """

    def __init__(self, total: Optional[int], *, enabled: bool = True, unit: str = "doc",
                 stream: Optional[IO[str]] = None, delay: Optional[float] = None) -> None:
        self.total = total
        self.done = 0
        self.unit = unit
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = enabled and is_terminal(self.stream)
        self._began = time.time()  # tqdm's clock
        self._bar: Any = None
        self._lock = threading.RLock()
        self._stop = threading.Event()
        self._thread: Optional[threading.Thread] = None
        self._guarded: List[Tuple[logging.StreamHandler, Any]] = []  # log handlers writing around the bar
        if self.enabled:
            self._guard_logging()
            self._thread = threading.Thread(target=self._run, args=(DELAY if delay is None else delay,),
                                            name="ambiguity-progress", daemon=True)
            self._thread.start()

    @property
    def shown(self) -> bool:
        """Whether the bar is on the screen (from the first second of the run on)."""
        return self._bar is not None

    def _run(self, delay: float) -> None:
        if self._stop.wait(delay):
            return
        from tqdm import tqdm

        with self._lock:
            if self._stop.is_set():
                return
            self._bar = tqdm(total=self.total, initial=self.done, unit=self.unit, file=self.stream, leave=False,
                             dynamic_ncols=True)
            self._bar.start_t = self._began  # elapsed time and rate count from the start of the run
        while not self._stop.wait(TICK):
            with self._lock:
                if self._bar is not None:
                    self._bar.refresh()

    def advance(self, path: Optional[str] = None) -> None:
        """One more document done (parsed, or found unreadable)."""
        with self._lock:
            self.done += 1
            if self._bar is not None:
                self._bar.update(1)

    def echo(self, line: str, file: Optional[IO[str]] = None, **options: Any) -> None:
        """``click.echo(line, file, ...)`` (``err=True`` for stderr); when the bar is shown and the line goes to a
        terminal too, the bar is taken away first and drawn again after, so that the line is not written over it."""
        target = file if file is not None else (sys.stderr if options.get("err") else sys.stdout)
        with self._lock:
            if self._bar is None or not is_terminal(target):
                click.echo(line, file=file, **options)
                return
            self._bar.clear()
            click.echo(line, file=file, **options)
            self._bar.refresh()

    def _guard_logging(self) -> None:
        """Log records of the ``ambiguity`` logger written to our stream go around the bar, as :meth:`echo` does."""
        for handler in logging.getLogger("ambiguity").handlers:
            if isinstance(handler, logging.StreamHandler) and handler.stream is self.stream:
                self._guarded.append((handler, handler.stream))
                handler.setStream(_Guarded(self, self.stream))  # type: ignore[arg-type]

    def _release_logging(self) -> None:
        for handler, stream in self._guarded:
            handler.setStream(stream)
        self._guarded = []

    def close(self) -> None:
        """Stop drawing and take the bar off the screen."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        with self._lock:
            if self._bar is not None:
                self._bar.close()
                self._bar = None
        self._release_logging()

    def __enter__(self) -> "Progress":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


class _Guarded:
    """A stream whose writes take the bar of ``progress`` away and draw it again after."""

    def __init__(self, progress: Progress, stream: IO[str]) -> None:
        self._progress, self._stream = progress, stream

    def write(self, text: str) -> int:
        with self._progress._lock:
            bar = self._progress._bar
            if bar is not None:
                bar.clear()
            written = self._stream.write(text)
            self._stream.flush()
            if bar is not None:
                bar.refresh()
            return written

    def flush(self) -> None:
        self._stream.flush()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)
