"""Pausing Python's cyclic garbage collector while a computation builds many small objects."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Tens of thousands of small objects made in a row (rows, facts, answers, records) make
    the cyclic collector rescan the heap again and again: a third of a candidate list's time,
    half of linkage's at a million records. Whatever is left over is collected afterwards,
    as usual: only the rescans in between are spared."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
