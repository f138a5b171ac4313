"""The CLI's one error edge: the error tree as plain messages and exit codes."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from api import output
from api.errors import exit_code
from graph.errors import LoadError, SelarasError

__all__ = ["echo_problems", "handle_errors"]

F = TypeVar("F", bound=Callable[..., Any])


def handle_errors(fn: F) -> F:
    """Turn the error tree into plain messages and exit codes."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except LoadError as exc:
            echo_problems([p.as_dict() for p in exc.problems])
            click.echo(f"Gagal: tidak ada yang ditulis / failed: nothing written ({exc})", err=True)
            sys.exit(exit_code(exc))
        except SelarasError as exc:
            click.echo(f"Galat / error: {exc}", err=True)
            sys.exit(exit_code(exc))

    return wrapper  # type: ignore[return-value]


def echo_problems(problems: list[dict[str, Any]]) -> None:
    """Print load problems on standard error, grouped by kind (see ``output.problems_report``)."""
    if problems:
        click.echo(output.problems_report(problems), err=True)
