"""One build at a time per project: an exclusive lock on build/.koers.lock.

Two builds of one project at the same time would remove each other's staging folders
(every build clears stale ones first) and swap in sites half made by the other. The
second `koers build` therefore waits for the first, saying so once. The lock is an
flock on an open file: the system releases it when the process ends, however it ends
(Ctrl+C, a killed CI job, a crash), so a stale lock file never blocks anything; the
file itself stays and is empty. Where flock does not exist (Windows) builds are not
serialised.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

LOCK_NAME = ".koers.lock"


@contextmanager
def build_lock(build: Path, waiting: Callable[[], None]) -> Iterator[None]:
    """Hold build/.koers.lock while the block runs; when another process holds it, call `waiting` once and wait."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    build.mkdir(parents=True, exist_ok=True)
    # O_NOFOLLOW: a lock file replaced by a link is refused (ELOOP) rather than followed out of build/.
    handle = os.open(build / LOCK_NAME, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o644)
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            waiting()
            fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)  # releases the lock
