"""The error tree mapped to exit codes (CLI) and HTTP statuses (API): here and nowhere else.

Examples
--------
>>> from graph.errors import LoadError, BackendUnavailable
>>> exit_code(LoadError([])), exit_code(BackendUnavailable("x"))
(2, 3)
>>> error_body(BackendUnavailable("neo4j://x tidak terjangkau"))["status"]
503
"""

from __future__ import annotations

from typing import Any

from graph.errors import (
    BackendUnavailable,
    InputError,
    LoadError,
    NotFound,
    QueryError,
    SelarasError,
    Unsupported,
)

__all__ = [
    "EXIT_BAD_INPUT",
    "EXIT_BACKEND",
    "EXIT_FINDINGS",
    "error_body",
    "exit_code",
    "http_status",
]

EXIT_FINDINGS, EXIT_BAD_INPUT, EXIT_BACKEND = 1, 2, 3
_STATUS: dict[type[SelarasError], int] = {
    InputError: 422,
    NotFound: 404,
    QueryError: 400,
    BackendUnavailable: 503,
    Unsupported: 501,
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
    """The one JSON error shape: ``{ok, error, status, problems?}``."""
    body: dict[str, Any] = {"ok": False, "error": str(exc), "status": http_status(exc)}
    if isinstance(exc, LoadError):
        body["problems"] = [p.as_dict() for p in exc.problems]
    return body
