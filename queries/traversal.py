"""Multi-source traversals the canned queries share: each one pass over the graph, O(V + E).

Edges point child → parent, so "up" follows successors and "down" follows predecessors.

Examples
--------
>>> import networkx as nx
>>> g = nx.DiGraph([("sub", "keg"), ("keg", "prog"), ("lone", "x")])
>>> sorted(reach_down(g, ["prog"]))
['keg', 'prog', 'sub']
>>> sorted(reach_up(g, ["sub"]))
['keg', 'prog', 'sub']
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeGuard

import networkx as nx

__all__ = [
    "Amount",
    "highest_dead_ends",
    "is_amount",
    "pagu",
    "pagu_by_year",
    "reach_down",
    "reach_up",
]

Amount = int | float


def _reach(sources: Iterable[str], step: Callable[[str], Iterable[str]]) -> set[str]:
    seen = set(sources)
    queue = deque(seen)
    while queue:
        for nxt in step(queue.popleft()):
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return seen


def reach_up(g: nx.DiGraph, sources: Iterable[str]) -> set[str]:
    """The sources and every element they support, directly or not."""
    return _reach(sources, g.successors)


def reach_down(g: nx.DiGraph, sources: Iterable[str]) -> set[str]:
    """The sources and every element that supports them, directly or not."""
    return _reach(sources, g.predecessors)


def highest_dead_ends(g: nx.DiGraph, nodes: set[str]) -> dict[str, str | None]:
    """For each node of an upward-closed set, the highest element without parents it reaches.

    "Highest" is the greatest ``level``, ties broken by the smallest id. A node that reaches
    only a cycle maps to None. One pass over the condensation, in topological order.

    Examples
    --------
    >>> g = nx.DiGraph([("s", "k"), ("k", "p")])
    >>> g.add_nodes_from([("s", {"level": 2}), ("k", {"level": 3}), ("p", {"level": 4})])
    >>> highest_dead_ends(g, {"s", "k", "p"})
    {'k': 'p', 'p': 'p', 's': 'p'}
    """
    sub = g.subgraph(nodes)
    cond = nx.condensation(sub)
    best: dict[int, str | None] = {}
    for c in reversed(list(nx.topological_sort(cond))):
        members = cond.nodes[c]["members"]
        ends = [best[s] for s in cond.successors(c) if best[s] is not None]
        if not list(cond.successors(c)):
            ends = [m for m in members if sub.out_degree(m) == 0]
        best[c] = min(ends, key=lambda n: (-g.nodes[n].get("level", 0), n), default=None)
    mapping: Mapping[str, int] = cond.graph["mapping"]
    return {n: best[c] for n, c in sorted(mapping.items())}


def pagu(props: Mapping[str, Any], tahun: int | None = None) -> int | float:
    """The pagu of one year, or the sum over every ``pagu_<year>`` property.

    Other ``pagu_`` properties (``pagu_total``, the end-of-period figure) are not years.

    Examples
    --------
    >>> pagu({"pagu_2026": 5, "pagu_2027": 7, "pagu_total": 12}), pagu({"pagu_2026": 5}, 2027)
    (12, 0)
    """
    if tahun is not None:
        value = props.get(f"pagu_{tahun}")
        return value if is_amount(value) else 0
    return sum(pagu_by_year(props).values())


def pagu_by_year(props: Mapping[str, Any]) -> dict[int, Amount]:
    """Each year's pagu (``pagu_<4 digits>`` holding a number), by year.

    >>> pagu_by_year({"pagu_2027": 2.5, "pagu_2026": 5, "pagu_total": 7.5, "pagu_x": 1})
    {2026: 5, 2027: 2.5}
    """
    years = sorted(k for k in props if len(k) == 9 and k.startswith("pagu_") and k[5:].isdigit())
    return {int(k[5:]): props[k] for k in years if is_amount(props[k])}


def is_amount(value: Any) -> TypeGuard[Amount]:
    """True for an int or float, not a bool: a value both stores add alike."""
    return type(value) in (int, float)
