"""Cycles of support: elements that, through their parents, end up supporting themselves.

Finding them without a strongly-connected-components pass over the whole graph: give each
element a rank, its ``level`` and then the rank of its document kind (Renja 1 … RPJMN 6),
under which a link normally climbs (sub kegiatan → kegiatan, Renja program → Renstra program). A
cycle cannot climb all the way round, so it holds a link whose parent does not outrank its
child; only from such links is the component searched, in the ancestors of the child. The
result is exact whatever the ranks; they only decide how much is searched: in clean plans
few links or none (a tujuan PD supporting an RPJMD sasaran descends a level), so the cost is
one pass over the links.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any, NamedTuple

import networkx as nx

from queries.registry import canned

__all__ = ["CycleMember", "cycle_components", "cycles"]

JENIS_RANK = {"RENJA": 1, "RKPD": 2, "RENSTRA": 3, "RPJMD": 4, "RPJPD": 5, "RPJMN": 6}


class CycleMember(NamedTuple):
    """One element on a cycle of support, with its parents on the same cycle."""

    cycle: str
    size: int
    id: str
    kind: str
    kode: str | None
    nama: str
    dokumen: str
    parents: list[str]


@canned(
    "Cycles of support",
    severity="error",
    brief=("cycle", "size", "id", "nama", "parents"),
    keterangan=(
        "Setiap elemen yang berada dalam siklus tautan SUPPORTS (akhirnya mendukung dirinya "
        "sendiri), sehingga rantainya tidak bisa ditelusuri. cycle adalah id anggota terkecil, "
        "size jumlah anggota, parents induk elemen itu di siklus yang sama."
    ),
)
def cycles(g: nx.DiGraph, dokumen: str | None = None) -> list[CycleMember]:
    """Siklus dukungan

    Every element on a cycle of ``SUPPORTS`` links, which no chain can be traced through: the
    members of each strongly connected component of two or more elements, and an element that
    supports itself. ``cycle`` is the smallest member id, ``size`` the number of members,
    ``parents`` the member's parents on the same cycle (follow them to see the loop).
    ``dokumen`` shows only the members in one document (the whole cycle is still found).

    Examples
    --------
    >>> g = nx.DiGraph([("p1", "p2"), ("p2", "p1"), ("p1", "s"), ("k", "k")])
    >>> for n in g:
    ...     g.add_node(n, kind="prioritas", nama=n.upper(), dokumen="d")
    >>> [(r.cycle, r.size, r.id, r.parents) for r in cycles(g)]
    [('k', 1, 'k', ['k']), ('p1', 2, 'p1', ['p2']), ('p1', 2, 'p2', ['p1'])]
    """
    rows = []
    for members in cycle_components(g):
        cycle = min(members)
        for n in members:
            d = g.nodes[n]
            if dokumen is not None and d["dokumen"] != dokumen:
                continue
            parents = sorted(p for p in g.successors(n) if p in members)
            row = (cycle, len(members), n, d["kind"], d.get("kode"), d["nama"], d["dokumen"])
            rows.append(CycleMember(*row, parents))
    return sorted(rows, key=lambda r: (r.cycle, r.id))


def cycle_components(g: nx.DiGraph) -> Iterator[set[str]]:
    """Each strongly connected component of two or more elements, or with a self-loop."""
    succ, pred = g._succ, g._pred
    done: set[str] = set()
    for child in _descending(g):
        if child in done:
            continue
        above = _reach_within(succ, child, None)
        members = _reach_within(pred, child, above)
        done |= members
        if len(members) > 1 or child in succ[child]:
            yield members


def _reach_within(
    adjacency: Mapping[str, Iterable[str]], start: str, within: set[str] | None
) -> set[str]:
    """``start`` and what it reaches through ``adjacency``, only through ``within`` if given."""
    seen, stack = {start}, [start]
    while stack:
        for nxt in adjacency[stack.pop()]:
            if nxt not in seen and (within is None or nxt in within):
                seen.add(nxt)
                stack.append(nxt)
    return seen


def _descending(g: nx.DiGraph) -> Iterator[str]:
    """The elements with a parent that does not outrank them: one pass over the links."""
    level: dict[str, Any] = {}
    jenis: dict[str, int] = {}
    for n, d in g._node.items():
        level[n] = d.get("level") or 0
        jenis[n] = JENIS_RANK.get(d.get("dokumen_jenis") or "", 0)
    for child, parents in g._succ.items():
        own, own_jenis = level[child], jenis[child]
        for parent in parents:
            up = level[parent]
            if up < own or (up == own and jenis[parent] <= own_jenis):
                yield child
                break
