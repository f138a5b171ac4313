"""Ad-hoc Cypher for power users, read-only by construction.

A query is refused unless: it has no ``LOAD CSV`` and no ``IN TRANSACTIONS``; every procedure
it ``CALL``s is on the allowlist; ``EXPLAIN`` says the server plans it as read-only (query type
``r``). It then runs in a read transaction (READ access mode, routed to readers) with a timeout,
and at most ``limit`` rows come back (``truncated`` says when there were more).

Examples
--------
>>> check_text("MATCH (e:Element) RETURN e.id LIMIT 5")
>>> check_text("LOAD CSV FROM 'file:///etc/passwd' AS r RETURN r")
Traceback (most recent call last):
...
graph.errors.QueryError: LOAD CSV tidak diizinkan / is not allowed
>>> check_text("CALL dbms.killQueries(['x'])")
Traceback (most recent call last):
...
graph.errors.QueryError: Prosedur tidak diizinkan / procedure not allowed: dbms.killQueries
"""

from __future__ import annotations

import re
from typing import Any

from neo4j.graph import Node, Path, Relationship

from graph.errors import QueryError

__all__ = ["ALLOWED_PROCEDURES", "check_params", "check_text", "plain"]

INT64 = (-(2**63), 2**63 - 1)

ALLOWED_PROCEDURES = frozenset(
    {
        "db.labels",
        "db.relationshipTypes",
        "db.propertyKeys",
        "db.schema.visualization",
        "db.schema.nodeTypeProperties",
        "db.schema.relTypeProperties",
        "dbms.components",
    }
)
_COMMENTS = re.compile(r"//[^\n]*|/\*.*?\*/", re.S)
_STRINGS = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"")


def check_text(text: str) -> None:
    """Refuse text that loads files or calls a procedure off the allowlist."""
    _utf8(text, "Cypher")
    bare = _STRINGS.sub("''", _COMMENTS.sub(" ", text))
    if re.search(r"\bLOAD\s+CSV\b", bare, re.I):
        raise QueryError("LOAD CSV tidak diizinkan / is not allowed")
    if re.search(r"\bIN\s+(?:\d+\s+)?(?:CONCURRENT\s+)?TRANSACTIONS\b", bare, re.I):
        raise QueryError("CALL { … } IN TRANSACTIONS tidak diizinkan / is not allowed")
    for name in re.findall(r"\bCALL\s+([A-Za-z_][\w.]*)", bare, re.I):
        if name not in ALLOWED_PROCEDURES:
            raise QueryError(f"Prosedur tidak diizinkan / procedure not allowed: {name}")


def check_params(value: Any, name: str = "params") -> None:
    """Refuse parameter values Bolt cannot carry: integers beyond 64 bits, broken Unicode.

    >>> check_params({"n": 2**70})
    Traceback (most recent call last):
    ...
    graph.errors.QueryError: Parameter params.n: bilangan di luar 64 bit / integer beyond 64 bits
    """
    if isinstance(value, bool) or value is None or isinstance(value, float):
        return
    if isinstance(value, int):
        if not INT64[0] <= value <= INT64[1]:
            raise QueryError(f"Parameter {name}: bilangan di luar 64 bit / integer beyond 64 bits")
    elif isinstance(value, str):
        _utf8(value, f"Parameter {name}")
    elif isinstance(value, list):
        for item in value:
            check_params(item, name)
    elif isinstance(value, dict):
        for key, item in value.items():
            _utf8(str(key), f"Parameter {name}")
            check_params(item, f"{name}.{key}")
    else:
        raise QueryError(f"Parameter {name}: jenis tidak didukung / unsupported type")


def _utf8(text: str, what: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise QueryError(f"{what}: Unicode rusak / broken Unicode") from exc


def plain(value: Any) -> Any:
    """A Cypher value as JSON: nodes and relationships as their properties plus labels/type."""
    if isinstance(value, Node):
        return {"labels": sorted(value.labels), **dict(value)}
    if isinstance(value, Relationship):
        return {"type": value.type, **dict(value)}
    if isinstance(value, Path):
        return {
            "nodes": [plain(n) for n in value.nodes],
            "relationships": [plain(r) for r in value.relationships],
        }
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if hasattr(value, "iso_format"):
        return value.iso_format()
    return value
