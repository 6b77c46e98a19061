"""Watch a litellm stream to its end, so the after-call hook sees usage, cost and duration.

The stream stays litellm's ``CustomStreamWrapper`` (``isinstance`` holds and every method is
there): its class is swapped for a subclass whose ``__next__``/``__anext__`` note the usage
chunk and report once when the stream ends or fails. Only done when an after-call hook is set.

A stream the application stops reading early is reported too, once, with ``outcome:
"abandoned"``: when it is closed (``close()``/``aclose()``) or garbage-collected.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Awaitable, Callable
from typing import Any

from llmhub.runtime.backend import usage_of
from llmhub.runtime.hooks import Usage

__all__ = ["observe"]

Finish = Callable[[Any, Usage, BaseException | None], None]
AFinish = Callable[[Any, Usage, BaseException | None], Awaitable[None]]
Abandon = Callable[[Usage], None]

_subclasses: dict[type, type] = {}
_lock = threading.Lock()


# C901 waived: a class factory; its nested methods count towards its complexity.
def _observed_class(base: type) -> type:  # noqa: C901
    cls = _subclasses.get(base)
    if cls is not None:
        return cls

    class Observed(base):
        _llmhub_finish: Finish | None
        _llmhub_afinish: AFinish | None
        _llmhub_abandon: Abandon | None
        _llmhub_usage: Usage

        def __next__(self) -> Any:
            try:
                self._llmhub_reading = True  # litellm closes the stream itself at its end
                chunk = super().__next__()
            except StopIteration:
                self._llmhub_done(None)
                raise
            except Exception as exc:
                self._llmhub_done(exc)
                raise
            finally:
                self._llmhub_reading = False
            if getattr(chunk, "usage", None) is not None:
                self._llmhub_usage = usage_of(chunk)
            return chunk

        async def __anext__(self) -> Any:
            try:
                self._llmhub_reading = True
                chunk = await super().__anext__()
            except StopAsyncIteration:
                await self._llmhub_adone(None)
                raise
            except Exception as exc:
                await self._llmhub_adone(exc)
                raise
            finally:
                self._llmhub_reading = False
            if getattr(chunk, "usage", None) is not None:
                self._llmhub_usage = usage_of(chunk)
            return chunk

        def _llmhub_done(self, error: BaseException | None) -> None:
            finish, self._llmhub_finish = self._llmhub_finish, None
            self._llmhub_abandon = None
            if finish is not None:
                finish(self, self._llmhub_usage, error)

        async def _llmhub_adone(self, error: BaseException | None) -> None:
            afinish, self._llmhub_afinish = self._llmhub_afinish, None
            self._llmhub_abandon = None
            if afinish is not None:
                await afinish(self, self._llmhub_usage, error)

        def _llmhub_abandoned(self) -> None:
            abandon = getattr(self, "_llmhub_abandon", None)
            self._llmhub_abandon = self._llmhub_finish = self._llmhub_afinish = None
            if abandon is not None:
                abandon(self._llmhub_usage)

        def close(self) -> None:
            if not self._llmhub_reading:
                self._llmhub_abandoned()
            parent = getattr(super(), "close", None)
            if parent is not None:
                parent()

        async def aclose(self) -> None:
            if not self._llmhub_reading:
                self._llmhub_abandoned()
            parent = getattr(super(), "aclose", None)
            if parent is not None:
                await parent()

        def __del__(self) -> None:
            with contextlib.suppress(Exception):  # never raise from a finalizer
                self._llmhub_abandoned()
            parent = getattr(super(), "__del__", None)
            if parent is not None:
                parent()

    Observed.__name__ = Observed.__qualname__ = base.__name__
    Observed.__module__ = base.__module__
    with _lock:
        return _subclasses.setdefault(base, Observed)


def observe(
    stream: Any,
    finish: Finish | None = None,
    afinish: AFinish | None = None,
    abandon: Abandon | None = None,
) -> Any:
    """A view of ``stream`` that calls ``finish`` (sync iteration) or ``afinish`` (async) once at
    its end, or ``abandon`` once if it is closed or collected before its end. Use the returned
    object in place of ``stream``.

    The view is a second instance sharing the stream's ``__dict__`` (so its state is the
    stream's state): litellm keeps references to the stream it made, so only an object that
    the application alone holds can tell when the application let go of it. The callbacks
    receive the view as an argument rather than closing over it, for the same reason.
    """
    stream._llmhub_usage = Usage()
    stream._llmhub_finish = finish
    stream._llmhub_afinish = afinish
    stream._llmhub_abandon = abandon
    stream._llmhub_reading = False
    view: Any = object.__new__(_observed_class(type(stream)))
    view.__dict__ = stream.__dict__
    return view
