"""Worker threads for sync calls with a deadline, kept between calls.

A sync call runs in a worker thread so that llmhub, not the SDK alone, keeps its deadline. A new
thread per call costs more than the call's own Python work on a fast endpoint (its start, and
the SDK's per-thread set-up each time), so workers are kept: a free one takes the next call, a
call that finds none starts one, and a worker left idle for ``IDLE_SECONDS`` ends. A call given
up on keeps its worker until the SDK's own timeout ends it; the worker then goes back to the pool.
The pool never makes a call wait for a worker, so it cannot add to a deadline.
"""

from __future__ import annotations

import contextvars
import queue
import threading
from collections.abc import Callable
from typing import Any

__all__ = ["IDLE_SECONDS", "run_with_deadline"]

IDLE_SECONDS = 30.0


class _Job:
    __slots__ = ("call", "done", "error", "value")

    def __init__(self, call: Callable[[], Any]) -> None:
        self.call = call
        self.done = threading.Event()
        self.value: Any = None
        self.error: BaseException | None = None


class _Worker:
    def __init__(self, pool: _Pool) -> None:
        self.jobs: queue.SimpleQueue[_Job] = queue.SimpleQueue()
        self._pool = pool
        threading.Thread(target=self._loop, name="llmhub-call", daemon=True).start()

    def _loop(self) -> None:
        while True:
            try:
                job = self.jobs.get(timeout=IDLE_SECONDS)
            except queue.Empty:
                if self._pool.retire(self):
                    return
                continue  # taken from the idle list just now: its job is on the way
            try:
                job.value = job.call()
            except BaseException as exc:  # handed back to the caller's thread
                job.error = exc
            job.done.set()
            del job  # a finished job's result must not outlive the call
            self._pool.release(self)


class _Pool:
    def __init__(self) -> None:
        self._idle: list[_Worker] = []
        self._lock = threading.Lock()

    def take(self) -> _Worker:
        with self._lock:
            if self._idle:
                return self._idle.pop()
        return _Worker(self)

    def release(self, worker: _Worker) -> None:
        with self._lock:
            self._idle.append(worker)

    def retire(self, worker: _Worker) -> bool:
        """Drop an idle ``worker``; False when a call has just taken it."""
        with self._lock:
            if worker in self._idle:
                self._idle.remove(worker)
                return True
            return False


_pool = _Pool()


def run_with_deadline(fn: Callable[..., Any], seconds: float, **kwargs: Any) -> tuple[bool, Any]:
    """Run ``fn(**kwargs)`` in a worker; ``(True, value)``, or ``(False, None)`` after ``seconds``.

    The caller's context variables go with the call. An exception ``fn`` raises is raised here.
    """
    context = contextvars.copy_context()
    job = _Job(lambda: context.run(fn, **kwargs))
    _pool.take().jobs.put(job)
    if not job.done.wait(seconds):
        return False, None
    if job.error is not None:
        error, job.error = job.error, None
        raise error
    return True, job.value
