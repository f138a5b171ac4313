"""A readers-writer lock: many readers at once, or one writer alone.

Neo4j reads are read-committed: a query running while another transaction commits the
replacement of a document can see some of its nodes old and some new, or miss an element that
is in both versions. The Neo4j store therefore lets its own reads run together but never beside
one of its own writes; a writer waiting shuts the door to new readers, so a stream of reads
cannot starve it. Not re-entrant: a thread holding it must not take it again.

Examples
--------
>>> lock = ReadWriteLock()
>>> with lock.reading(), lock.reading():  # two readers (here in one thread) at once
...     lock.readers
2
>>> with lock.writing():
...     lock.readers, lock.writer
(0, True)
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["ReadWriteLock"]


class ReadWriteLock:
    """Shared for :meth:`reading`, exclusive for :meth:`writing`; writers go first."""

    def __init__(self) -> None:
        self._turn = threading.Condition()
        self.readers = 0
        self.writer = False
        self._writers_waiting = 0

    @contextmanager
    def reading(self) -> Iterator[None]:
        """Held with other readers; waits while a writer holds it or waits for it."""
        with self._turn:
            self._turn.wait_for(lambda: not self.writer and not self._writers_waiting)
            self.readers += 1
        try:
            yield
        finally:
            with self._turn:
                self.readers -= 1
                self._turn.notify_all()

    @contextmanager
    def writing(self) -> Iterator[None]:
        """Held alone: waits for the readers inside to leave and for any other writer."""
        with self._turn:
            self._writers_waiting += 1
            self._turn.wait_for(lambda: not self.writer and not self.readers)
            self._writers_waiting -= 1
            self.writer = True
        try:
            yield
        finally:
            with self._turn:
                self.writer = False
                self._turn.notify_all()
