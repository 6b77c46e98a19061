"""Watch a litellm stream to its end, so the after-call hook sees usage, cost and duration.

The stream stays litellm's ``CustomStreamWrapper`` (``isinstance`` holds and every method is
there): its class is swapped for a subclass whose ``__next__``/``__anext__`` note the usage
chunk and report once when the stream ends or fails. Only done when an after-call hook is set.
"""

from __future__ import annotations

import threading
from collections.abc import Awaitable, Callable
from typing import Any

from llmhub.runtime.backend import usage_of
from llmhub.runtime.hooks import Usage

__all__ = ["observe"]

Finish = Callable[[Usage, BaseException | None], None]
AFinish = Callable[[Usage, BaseException | None], Awaitable[None]]

_subclasses: dict[type, type] = {}
_lock = threading.Lock()


def _observed_class(base: type) -> type:
    cls = _subclasses.get(base)
    if cls is not None:
        return cls

    class Observed(base):  # type: ignore[valid-type,misc]
        _llmhub_finish: Finish | None
        _llmhub_afinish: AFinish | None
        _llmhub_usage: Usage

        def __next__(self) -> Any:
            try:
                chunk = super().__next__()
            except StopIteration:
                self._llmhub_done(None)
                raise
            except Exception as exc:
                self._llmhub_done(exc)
                raise
            if getattr(chunk, "usage", None) is not None:
                self._llmhub_usage = usage_of(chunk)
            return chunk

        async def __anext__(self) -> Any:
            try:
                chunk = await super().__anext__()
            except StopAsyncIteration:
                await self._llmhub_adone(None)
                raise
            except Exception as exc:
                await self._llmhub_adone(exc)
                raise
            if getattr(chunk, "usage", None) is not None:
                self._llmhub_usage = usage_of(chunk)
            return chunk

        def _llmhub_done(self, error: BaseException | None) -> None:
            finish, self._llmhub_finish = self._llmhub_finish, None
            if finish is not None:
                finish(self._llmhub_usage, error)

        async def _llmhub_adone(self, error: BaseException | None) -> None:
            afinish, self._llmhub_afinish = self._llmhub_afinish, None
            if afinish is not None:
                await afinish(self._llmhub_usage, error)

    Observed.__name__ = Observed.__qualname__ = base.__name__
    Observed.__module__ = base.__module__
    with _lock:
        return _subclasses.setdefault(base, Observed)


def observe(stream: Any, finish: Finish | None = None, afinish: AFinish | None = None) -> Any:
    """Make ``stream`` call ``finish`` (sync iteration) or ``afinish`` (async) once at its end."""
    stream._llmhub_usage = Usage()
    stream._llmhub_finish = finish
    stream._llmhub_afinish = afinish
    stream.__class__ = _observed_class(type(stream))
    return stream
