"""The catalogue of canned queries: a Python reference plus a ``.cypher`` twin, one name.

A query is a function over a networkx graph (edges child → parent), decorated with
:func:`canned`. Its signature is the parameter contract, its return type (a list of a
``NamedTuple``) the column contract, the first line of its docstring its title in Bahasa
Indonesia; ``cypher/<name>.cypher`` is its twin for Neo4j.

Examples
--------
>>> q = CATALOGUE["orphaned_activities"]
>>> q.columns[:3], q.severity
(('id', 'kind', 'kode'), 'error')
>>> q.bind({"kind": "sub_kegiatan"})["kind"]
'sub_kegiatan'
"""

from __future__ import annotations

import inspect
import types
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, Literal

from graph.errors import QueryError

__all__ = ["CATALOGUE", "CannedQuery", "Param", "canned"]

CYPHER_DIR = Path(__file__).with_name("cypher")
CATALOGUE: dict[str, CannedQuery] = {}
Severity = Literal["error", "warning", "info"]


@dataclass(frozen=True)
class Param:
    """One typed parameter of a canned query, read from the function signature."""

    name: str
    type: type
    default: Any
    choices: tuple[Any, ...] | None
    required: bool

    def coerce(self, raw: Any) -> Any:
        """The value as the declared type (``"2026"`` → ``2026``); raises QueryError."""
        if raw is None or raw == "":
            if self.required:
                raise QueryError(f"Parameter '{self.name}' wajib diisi / is required")
            return self.default
        try:
            value = _convert(self.type, raw)
        except ValueError as exc:
            raise QueryError(
                f"Parameter '{self.name}': '{raw}' bukan bertipe {self.type.__name__} / "
                f"is not of type {self.type.__name__}"
            ) from exc
        if self.choices is not None and value not in self.choices:
            allowed = ", ".join(map(str, self.choices))
            raise QueryError(f"Parameter '{self.name}': '{raw}' tidak boleh / not in {allowed}")
        return value

    def describe(self) -> dict[str, Any]:
        """The parameter as JSON for ``GET /api/queries``."""
        return {
            "name": self.name,
            "type": self.type.__name__,
            "default": self.default,
            "choices": list(self.choices) if self.choices else None,
            "required": self.required,
        }


def _convert(kind: type, raw: Any) -> Any:
    if kind is bool and isinstance(raw, str):
        if raw.lower() not in ("true", "false", "1", "0", "ya", "tidak"):
            raise ValueError(raw)
        return raw.lower() in ("true", "1", "ya")
    return kind(raw)


@dataclass(frozen=True)
class CannedQuery:
    """A registered canned query."""

    name: str
    fn: Callable[..., list[Any]]
    row_type: type
    params: tuple[Param, ...]
    title_id: str
    title_en: str
    description: str
    keterangan: str
    severity: Severity | None
    brief: tuple[str, ...]

    @property
    def columns(self) -> tuple[str, ...]:
        """The result columns, in order."""
        return tuple(self.row_type._fields)  # type: ignore[attr-defined]

    @cached_property
    def cypher(self) -> str:
        """The Cypher twin's text."""
        return (CYPHER_DIR / f"{self.name}.cypher").read_text(encoding="utf-8")

    def bind(self, raw: Mapping[str, Any]) -> dict[str, Any]:
        """Checked, typed parameters from raw values (CLI or HTTP strings); raises QueryError."""
        unknown = set(raw) - {p.name for p in self.params}
        if unknown:
            raise QueryError(
                f"Parameter tidak dikenal / unknown parameter(s) for {self.name}: "
                + ", ".join(sorted(unknown))
            )
        return {p.name: p.coerce(raw.get(p.name)) for p in self.params}

    def reference(self, g: Any, params: Mapping[str, Any]) -> list[Any]:
        """Run the Python reference over a networkx graph."""
        return self.fn(g, **params)

    def row(self, record: Mapping[str, Any]) -> Any:
        """One row from a Cypher record: a missing or extra alias fails loudly."""
        if set(record.keys()) != set(self.columns):
            raise QueryError(
                f"{self.name}.cypher returns {sorted(record.keys())}, not {self.columns}"
            )
        return self.row_type(**{c: record[c] for c in self.columns})

    def describe(self) -> dict[str, Any]:
        """The query as JSON for ``GET /api/queries`` and ``selaras queries``."""
        return {
            "name": self.name,
            "title": {"id": self.title_id, "en": self.title_en},
            "description": {"id": self.keterangan or self.description, "en": self.description},
            "severity": self.severity,
            "parameters": [p.describe() for p in self.params],
            "columns": list(self.columns),
            "brief": list(self.brief or self.columns),
        }


def canned(
    title_en: str,
    severity: Severity | None = None,
    brief: tuple[str, ...] = (),
    choices: Mapping[str, tuple[str, ...]] | None = None,
    keterangan: str = "",
) -> Callable[[Callable[..., list[Any]]], Callable[..., list[Any]]]:
    """Register a function as a canned query under its own name.

    The docstring's first line is the title in Bahasa Indonesia, its next paragraph the
    description in English; ``keterangan`` is the description in Bahasa Indonesia.

    ``brief`` names the columns a terminal table shows by default (all when empty);
    ``choices`` gives the allowed values of ``str`` parameters known only at run time (the
    levels of the chain file), where a ``Literal`` cannot say them.
    """

    def register(fn: Callable[..., list[Any]]) -> Callable[..., list[Any]]:
        hints = typing.get_type_hints(fn)
        doc = inspect.getdoc(fn) or ""
        title, _, rest = doc.partition("\n")
        CATALOGUE[fn.__name__] = CannedQuery(
            name=fn.__name__,
            fn=fn,
            row_type=typing.get_args(hints["return"])[0],
            params=tuple(_params(fn, hints, choices or {})),
            title_id=title.strip(),
            title_en=title_en,
            description=rest.strip().split("\n\n")[0].replace("\n", " ").replace("``", ""),
            keterangan=keterangan,
            severity=severity,
            brief=brief,
        )
        return fn

    return register


def _params(
    fn: Callable[..., Any], hints: dict[str, Any], given: Mapping[str, tuple[str, ...]]
) -> list[Param]:
    out = []
    for name, p in list(inspect.signature(fn).parameters.items())[1:]:
        kind, choices = _base_type(hints[name])
        choices = given.get(name, choices)
        required = p.default is inspect.Parameter.empty
        out.append(Param(name, kind, None if required else p.default, choices, required))
    return out


def _base_type(hint: Any) -> tuple[type, tuple[Any, ...] | None]:
    args = [a for a in typing.get_args(hint) if a is not type(None)]
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        return _base_type(args[0])
    if typing.get_origin(hint) is Literal:
        return type(args[0]), tuple(args)
    return hint, None
