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
from collections.abc import Iterable, Mapping, Set
from functools import lru_cache
from typing import Any, TypeGuard

import networkx as nx

__all__ = [
    "AMOUNT_TYPES",
    "Amount",
    "highest_dead_ends",
    "is_amount",
    "pagu",
    "pagu_by_year",
    "reach_down",
    "reach_up",
    "reach_up_from_many",
    "targets_above",
    "year_keys",
]

Amount = int | float
AMOUNT_TYPES = (int, float)  # type(value) in AMOUNT_TYPES: an amount, not a bool


def _reach(sources: Iterable[str], adjacency: Mapping[str, Iterable[str]]) -> set[str]:
    seen = set(sources)
    queue = deque(seen)
    while queue:
        for nxt in adjacency[queue.popleft()]:
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return seen


def reach_up(g: nx.DiGraph, sources: Iterable[str]) -> set[str]:
    """The sources and every element they support, directly or not."""
    return _reach(sources, g._succ)


def reach_down(g: nx.DiGraph, sources: Iterable[str]) -> set[str]:
    """The sources and every element that supports them, directly or not."""
    return _reach(sources, g._pred)


def reach_up_from_many(g: nx.DiGraph, sources: Set[str], others: Iterable[str]) -> set[str]:
    """What a large set of sources supports, without walking from each source.

    ``others`` are the elements that are not sources. The walk starts from those with a source
    directly below: any other element a source supports is above one of them. ``reach_up(g,
    sources)`` is ``sources`` joined with this set; the walk is much shorter when the sources
    are most of the graph (the activities).

    Examples
    --------
    >>> g = nx.DiGraph([("sub", "keg"), ("keg", "prog"), ("prog", "sas"), ("lone", "x")])
    >>> sorted(reach_up_from_many(g, {"sub", "keg"}, ["prog", "sas", "lone", "x"]))
    ['prog', 'sas']
    """
    pred = g._pred
    return reach_up(g, [n for n in others if not sources.isdisjoint(pred[n])])


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


def targets_above(
    g: nx.DiGraph, sources: Iterable[str], targets: Set[str]
) -> dict[str, frozenset[str]]:
    """For each element at or above the sources, the ``targets`` it reaches (itself included).

    A depth-first walk up from the sources that remembers every element's set, O(V + E) over
    what the sources support; equal sets are one object, so a caller may group by it. A graph
    with a cycle above the sources is done instead over the whole graph, top down.

    Examples
    --------
    >>> g = nx.DiGraph([("sub", "keg"), ("keg", "p"), ("p", "s"), ("keg", "s"), ("s", "t")])
    >>> sorted(targets_above(g, ["sub"], {"p", "s"})["sub"])
    ['p', 's']
    >>> g.add_edge("t", "keg")  # a cycle
    >>> sorted(targets_above(g, ["sub"], {"p", "s"})["sub"])
    ['p', 's']
    """
    succ, visiting = g._succ, set()
    above: dict[str, frozenset[str]] = {}
    shared: dict[frozenset[str], frozenset[str]] = {frozenset(): frozenset()}
    unions: dict[tuple[frozenset[str], ...], frozenset[str]] = {}  # by the parents' sets

    def visit(n: str) -> frozenset[str]:
        if n in visiting:
            raise _Cycle(n)
        visiting.add(n)
        parents = [above[p] if p in above else visit(p) for p in succ[n]]
        if n in targets:
            found = _merge([n], parents, targets, shared)
        elif len(parents) == 1:
            found = parents[0]
        else:
            key = tuple(parents)
            if key not in unions:
                unions[key] = _merge([], parents, targets, shared)
            found = unions[key]
        above[n] = found
        visiting.discard(n)
        return found

    try:
        for s in sources:
            if s not in above:
                visit(s)
    except (_Cycle, RecursionError):
        return _targets_top_down(g, targets)
    return above


class _Cycle(Exception):
    """The walk up met an element it is still below."""


def _targets_top_down(g: nx.DiGraph, targets: Set[str]) -> dict[str, frozenset[str]]:
    """:func:`targets_above` for every element: an element is done once all its parents are;
    what a cycle holds up is finished over the condensation of what is left."""
    succ, pred = g._succ, g._pred
    pending = {n: len(parents) for n, parents in succ.items()}
    ready = [n for n, k in pending.items() if not k]
    above: dict[str, frozenset[str]] = {}
    shared: dict[frozenset[str], frozenset[str]] = {frozenset(): frozenset()}
    while ready:
        n = ready.pop()
        above[n] = _merge([n], [above[p] for p in succ[n]], targets, shared)
        for c in pred[n]:
            pending[c] -= 1
            if not pending[c]:
                ready.append(c)
    if len(above) < len(succ):
        _finish_cycles(g, set(succ) - above.keys(), above, targets, shared)
    return above


def _merge(
    members: list[str],
    parents: list[frozenset[str]],
    targets: Set[str],
    shared: dict[frozenset[str], frozenset[str]],
) -> frozenset[str]:
    """The union of the parents' sets and the members that are targets, one object per value."""
    own = [m for m in members if m in targets]
    if not own and parents and all(p is parents[0] for p in parents[1:]):
        return parents[0]
    merged = frozenset(own).union(*parents)
    return shared.setdefault(merged, merged)


def _finish_cycles(
    g: nx.DiGraph,
    rest: set[str],
    above: dict[str, frozenset[str]],
    targets: Set[str],
    shared: dict[frozenset[str], frozenset[str]],
) -> None:
    cond = nx.condensation(g.subgraph(rest))
    for c in reversed(list(nx.topological_sort(cond))):
        members = cond.nodes[c]["members"]
        parents = [above[p] for m in members for p in g.successors(m) if p not in members]
        merged = _merge(sorted(members), parents, targets, shared)
        above.update(dict.fromkeys(members, merged))


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
    total: Amount = 0  # added in year order, as sum() over pagu_by_year would
    for _, key in year_keys(props):
        if type(value := props[key]) in AMOUNT_TYPES:
            total += value
    return total


def pagu_by_year(props: Mapping[str, Any]) -> dict[int, Amount]:
    """Each year's pagu (``pagu_<4 digits>`` holding a number), by year.

    >>> pagu_by_year({"pagu_2027": 2.5, "pagu_2026": 5, "pagu_total": 7.5, "pagu_x": 1})
    {2026: 5, 2027: 2.5}
    """
    return {year: value for year, key in year_keys(props) if is_amount(value := props[key])}


def year_keys(props: Mapping[str, Any]) -> tuple[tuple[int, str], ...]:
    """The ``(year, "pagu_<year>")`` pairs among the keys of ``props``, by year, whatever
    their values.

    >>> year_keys({"pagu_2027": None, "pagu_2026": 5, "pagu_total": 5})
    ((2026, 'pagu_2026'), (2027, 'pagu_2027'))
    """
    return _year_keys(tuple(props))


@lru_cache(maxsize=4096)
def _year_keys(keys: tuple[str, ...]) -> tuple[tuple[int, str], ...]:
    """The ``(year, pagu_<year>)`` pairs among a property set's keys, by year; cached, for the
    elements of a graph have few distinct key sets."""
    years = sorted(k for k in keys if len(k) == 9 and k.startswith("pagu_") and k[5:].isdigit())
    return tuple((int(k[5:]), k) for k in years)


def is_amount(value: Any) -> TypeGuard[Amount]:
    """True for an int or float, not a bool: a value both stores add alike."""
    return type(value) in AMOUNT_TYPES
