"""What every HTTP handler shares: the store, the settings, the tokens, the findings cache."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

from fastapi import Request

from api.settings import Settings
from api.tokens import TokenBook
from graph.store import GraphStore
from queries import finding_flags

__all__ = ["Context", "bearer", "context", "reader", "writer"]

FLAGS_TTL = 30.0


@dataclass
class Context:
    """One per app: handlers reach it as ``request.app.state.context``."""

    store: GraphStore
    settings: Settings
    tokens: TokenBook
    _flags: tuple[float, dict[str, list[str]]] | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def flags(self) -> dict[str, list[str]]:
        """Finding flags per element, recomputed after a write or after ``FLAGS_TTL`` seconds."""
        with self._lock:
            if self._flags is None or time.monotonic() - self._flags[0] > FLAGS_TTL:
                self._flags = (time.monotonic(), finding_flags(self.store))
            return self._flags[1]

    def changed(self) -> None:
        """Forget cached findings after a write."""
        with self._lock:
            self._flags = None


def context(request: Request) -> Context:
    """The app's context."""
    ctx: Context = request.app.state.context
    return ctx


def bearer(request: Request) -> str | None:
    """The token of an ``Authorization: Bearer …`` header."""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" else None


def reader(request: Request) -> str | None:
    """Dependency of every read: a ``read`` token when the settings require one."""
    ctx = context(request)
    return ctx.tokens.check(bearer(request), "read") if ctx.settings.read_needs_token else None


def writer(request: Request) -> str:
    """Dependency of every write: always a ``write`` token; its name."""
    return context(request).tokens.check(bearer(request), "write")
