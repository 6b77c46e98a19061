"""Pause Python's cyclic garbage collector around a burst of short-lived allocations."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["paused_gc"]


@contextmanager
def paused_gc() -> Iterator[None]:
    """Run a block with the cyclic collector paused (reference counting goes on).

    For code that allocates hundreds of thousands of containers that live until the block ends
    and form few cycles: decoding source payloads, a generate run's candidate rows and YAML
    nodes. Each allocation burst would trigger collections that rescan them all; what cycles
    there are, the first collection after the block (or the process's exit) frees. The
    previous state comes back after, also when the block raises.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
