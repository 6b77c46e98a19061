"""One refresh at a time per catalog: an exclusive ``flock`` on ``<catalog>.lock``.

The kernel drops the lock when its holder exits, even on SIGKILL, so a killed refresh never
leaves a stale lock behind; the lock file itself stays (deleting it would race with a waiter).
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from llmhub.errors import CatalogError, InputError

__all__ = ["DEFAULT_LOCK_TIMEOUT", "catalog_lock", "lock_path"]

DEFAULT_LOCK_TIMEOUT = 120.0
_POLL_SECONDS = 0.1


def lock_path(catalog: Path) -> Path:
    """The lock file that guards ``catalog``."""
    return catalog.with_name(catalog.name + ".lock")


def _try_lock(fd: int) -> bool:
    if sys.platform == "win32":  # no fcntl: lock the first byte instead
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _holder(path: Path) -> str:
    try:
        pid = path.read_text(encoding="utf-8").strip()
    except OSError:
        return "another process"
    return f"process {pid}" if pid.isdigit() else "another process"


@contextmanager
def catalog_lock(catalog: Path, timeout: float = DEFAULT_LOCK_TIMEOUT) -> Iterator[Path]:
    """Hold the refresh lock of ``catalog``, waiting up to ``timeout`` seconds for it.

    Raises:
        CatalogError: another refresh still holds the lock after ``timeout`` seconds.
        InputError: the lock file cannot be created there.
    """
    path = lock_path(catalog)
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise InputError(
            f"cannot create the lock file {path}: {exc.strerror}",
            path=path,
            field="db",
            fix="put the catalog in a writable folder (--db or LLMHUB_CATALOG)",
        ) from None
    try:
        deadline = time.monotonic() + max(0.0, timeout)
        while not _try_lock(fd):
            if time.monotonic() >= deadline:
                raise CatalogError(
                    f"{catalog}: another refresh is running ({_holder(path)} holds {path}); "
                    f"waited {timeout:g} s",
                    fix="wait for it to finish, or raise --lock-timeout",
                )
            time.sleep(_POLL_SECONDS)
        # The pid is only for the message a waiting refresh prints.
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, str(os.getpid()).encode())
        yield path
    finally:
        os.close(fd)  # closing the descriptor releases the lock
