"""The error tree mapped to exit codes (CLI) and HTTP statuses (API): here and nowhere else.

Examples
--------
>>> from graph.errors import LoadError, BackendUnavailable
>>> exit_code(LoadError([])), exit_code(BackendUnavailable("x"))
(2, 3)
>>> error_body(BackendUnavailable("neo4j://x tidak terjangkau"))
{'ok': False, 'error': {'type': 'BackendUnavailable', 'message': 'neo4j://x tidak terjangkau'}}
>>> http_status(BackendUnavailable("x"))
503
>>> http_error_body(405, "PUT /api/health")["error"]["type"]
'MethodNotAllowed'
"""

from __future__ import annotations

from typing import Any

from graph.errors import (
    AccessDenied,
    BackendUnavailable,
    Forbidden,
    InputError,
    LoadError,
    NotFound,
    QueryError,
    SelarasError,
    TooLarge,
    Unsupported,
)

__all__ = [
    "EXIT_BACKEND",
    "EXIT_BAD_INPUT",
    "EXIT_FINDINGS",
    "error_body",
    "exit_code",
    "http_error_body",
    "http_status",
]

EXIT_FINDINGS, EXIT_BAD_INPUT, EXIT_BACKEND = 1, 2, 3
_STATUS: dict[type[SelarasError], int] = {
    InputError: 422,
    TooLarge: 413,
    NotFound: 404,
    QueryError: 400,
    AccessDenied: 401,
    Forbidden: 403,
    BackendUnavailable: 503,
    Unsupported: 501,
}
_HTTP_ONLY = {405: "MethodNotAllowed", 408: "RequestTimeout"}
_HTTP_MESSAGES = {
    400: "Permintaan tidak bisa dibaca / the request cannot be read",
    404: "Tidak ada / not found",
    405: "Metode tidak diizinkan / method not allowed",
    408: "Badan permintaan terlalu lambat / the request body came too slowly",
    413: "Permintaan terlalu besar / the request is too large",
}


def exit_code(exc: SelarasError) -> int:
    """3 when the backend is unavailable, 2 for anything the user can fix."""
    return EXIT_BACKEND if isinstance(exc, BackendUnavailable) else EXIT_BAD_INPUT


def http_status(exc: SelarasError) -> int:
    """The HTTP status of an error class (its nearest mapped ancestor)."""
    for cls in type(exc).__mro__:
        if cls in _STATUS:
            return _STATUS[cls]
    return 500


def error_body(exc: SelarasError) -> dict[str, Any]:
    """The one JSON error shape: ``{"ok": false, "error": {"type", "message", "problems"?}}``."""
    error: dict[str, Any] = {"type": type(exc).__name__, "message": str(exc)}
    if isinstance(exc, LoadError):
        error["problems"] = [p.as_dict() for p in exc.problems]
    return {"ok": False, "error": error}


def http_error_body(status: int, detail: str) -> dict[str, Any]:
    """The one JSON error shape for an answer the HTTP layer gives (an unknown route, a method
    not allowed, an unreadable body): the type is the error class of that status."""
    kind = next((c.__name__ for c, s in _STATUS.items() if s == status), None)
    prefix = _HTTP_MESSAGES.get(status, "Permintaan ditolak / request refused")
    return {
        "ok": False,
        "error": {
            "type": kind or _HTTP_ONLY.get(status, "HTTPError"),
            "message": f"{prefix}: {detail}",
        },
    }
