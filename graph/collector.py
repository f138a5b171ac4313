"""The cyclic garbage collector paused while a bulk step builds many objects at once.

A load makes millions of small objects and no cycles; with the collector running, every full
collection walks all of them again (the records of a 200,000-row workbook are some five million
objects), so a step that allocates in proportion to them slows down with their number.

Examples
--------
>>> import gc
>>> with collector_paused():
...     gc.isenabled()
False
>>> gc.isenabled()
True
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["collector_paused"]


@contextmanager
def collector_paused() -> Iterator[None]:
    """The collector disabled inside the block, enabled again after it if it was before."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
