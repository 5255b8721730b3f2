"""Worker processes end with their parent, however it ends.

A ``batch`` parent killed by SIGKILL (the OOM killer) runs no clean-up, and a worker waiting on its pipe would wait
forever: it holds a copy of the pipe's other end itself (inherited when it was forked), so it never sees end-of-file,
and keeps its ~290 MB. :func:`exit_with_parent`, called first thing in a worker, makes it exit instead:

* on Linux, ``prctl(PR_SET_PDEATHSIG, SIGKILL)``: the kernel kills the worker the moment its parent goes. The kernel
  ties this to the parent *thread* that forked the worker, so it is only asked for when that was the main thread;
* everywhere, a daemon thread that checks every ``interval`` seconds that the parent process id is unchanged, and
  ends the process when it is not.
"""
from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time

#: From <linux/prctl.h>.
PR_SET_PDEATHSIG = 1
#: Seconds between two checks of the watchdog thread.
WATCH_INTERVAL = 1.0


def exit_with_parent(parent_pid: int, *, direct: bool = True, pdeathsig: bool = True,
                     interval: float = WATCH_INTERVAL) -> None:
    """Arrange for this process to exit when its parent is gone.

    ``parent_pid`` is the pid of the process that started this one; ``direct`` says it is this process's parent
    (the "fork" and "spawn" start methods; with "forkserver" the parent is the fork server, which exits with it).
    """
    if pdeathsig:
        set_pdeathsig(signal.SIGKILL)
    ppid = os.getppid()
    if direct and ppid != parent_pid:  # the parent died before the death signal was armed: already re-parented
        os._exit(1)
    threading.Thread(target=_watch, args=(ppid, interval), name="ambiguity-parent-watch", daemon=True).start()


def set_pdeathsig(signum: int) -> bool:
    """Linux only: have the kernel send ``signum`` to this process when its parent thread exits."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(PR_SET_PDEATHSIG, int(signum), 0, 0, 0) == 0
    except (OSError, AttributeError):  # no libc symbol: the watchdog still works
        return False


def _watch(ppid: int, interval: float) -> None:
    # A process whose parent exits is re-parented (to init or a subreaper) at once, even while the dead parent is
    # still a zombie: a changed parent pid is the portable sign.
    while True:
        time.sleep(interval)
        if os.getppid() != ppid:
            os._exit(1)  # nothing to save: every finished record is the parent's to write
