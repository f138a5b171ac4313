"""The one error tree of Selaras.

Every failure the core raises is a :class:`SelarasError`; the faces (``api/cli.py`` and the HTTP
app) map these classes to exit codes and HTTP statuses, and nowhere else::

    SelarasError
    ├── InputError            bad input: a workbook, a parameter, a reference  (exit 2, HTTP 422)
    │   ├── LoadError         a load that found error-level problems; carries ``problems``
    │   └── TooLarge          an upload over the size or cell limit            (exit 2, HTTP 413)
    ├── NotFound              no such element, document or query            (exit 2, HTTP 404)
    ├── QueryError            bad query parameters, rejected Cypher         (exit 2, HTTP 400)
    ├── AccessDenied          no valid token                                (exit 2, HTTP 401)
    │   └── Forbidden         a valid token without the role needed         (exit 2, HTTP 403)
    ├── BackendUnavailable    the store cannot be reached or opened         (exit 3, HTTP 503)
    └── Unsupported           the store cannot do this                      (exit 2, HTTP 501)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from graph.model import Problem

__all__ = [
    "AccessDenied",
    "BackendUnavailable",
    "Forbidden",
    "InputError",
    "LoadError",
    "NotFound",
    "QueryError",
    "SelarasError",
    "TooLarge",
    "Unsupported",
]


class SelarasError(Exception):
    """Base of every error Selaras raises on purpose."""


class InputError(SelarasError):
    """The input (a file, a parameter, a reference) cannot be used."""


class LoadError(InputError):
    """A load found error-level problems; nothing was written.

    Examples
    --------
    >>> from graph.model import Problem
    >>> err = LoadError([Problem("a.csv", "elemen", 3, "kode", "error", "Kode tidak valid")])
    >>> str(err)
    '1 masalah / problem(s) in a.csv'
    """

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        files = sorted({p.file for p in self.problems})
        super().__init__(f"{len(self.problems)} masalah / problem(s) in {', '.join(files)}")


class NotFound(SelarasError):
    """No element, document or query by that name."""


class QueryError(SelarasError):
    """A query cannot run as asked: bad parameters or rejected Cypher."""


class BackendUnavailable(SelarasError):
    """The store cannot be reached or opened."""


class Unsupported(SelarasError):
    """This store does not support the operation."""


class TooLarge(InputError):
    """An upload over the size or cell limit."""


class AccessDenied(SelarasError):
    """No token, or a token that is not valid (unknown or revoked)."""


class Forbidden(AccessDenied):
    """A valid token without the role the operation needs."""
