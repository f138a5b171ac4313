"""The chain above or below one element."""

from __future__ import annotations

from typing import NamedTuple

import networkx as nx

from graph.errors import NotFound
from queries.registry import canned

__all__ = ["Reached", "trace_down", "trace_up"]


class Reached(NamedTuple):
    """An element reached from the start, at its shortest distance."""

    distance: int
    id: str
    kind: str
    kode: str | None
    nama: str
    opd: str | None
    dokumen: str


def _reached(g: nx.DiGraph, id: str, max_depth: int) -> list[Reached]:
    if id not in g:
        raise NotFound(f"Elemen tidak ada / no such element: {id}")
    dist = nx.single_source_shortest_path_length(g, id, cutoff=max_depth)
    rows = [
        Reached(
            d,
            n,
            g.nodes[n]["kind"],
            g.nodes[n].get("kode"),
            g.nodes[n]["nama"],
            g.nodes[n].get("opd"),
            g.nodes[n]["dokumen"],
        )
        for n, d in dist.items()
        if d
    ]
    return sorted(rows)


@canned(
    "Trace up: what an element supports",
    brief=("distance", "id", "nama"),
    keterangan=(
        "Rantai di atas satu elemen: setiap elemen yang didukungnya, dengan jarak dan jalurnya."
    ),
)
def trace_up(g: nx.DiGraph, id: str, max_depth: int = 10) -> list[Reached]:
    """Telusur ke atas: apa yang didukung elemen ini

    Every element that ``id`` supports, directly or through others, up to ``max_depth`` hops,
    with its shortest distance.

    Examples
    --------
    >>> from graph.demo import demo_graph
    >>> rows = trace_up(demo_graph(), "renja-kota-mini-dinkes-2026:sub_kegiatan:1.02.02.2.01.0002")
    >>> [(r.distance, r.kind) for r in rows][-3:]
    [(6, 'tujuan'), (7, 'misi'), (8, 'visi')]
    """
    return _reached(g, id, max_depth)


@canned(
    "Trace down: what supports an element",
    brief=("distance", "id", "nama"),
    keterangan=(
        "Rantai di bawah satu elemen: setiap elemen yang mendukungnya, dengan jarak dan jalurnya."
    ),
)
def trace_down(g: nx.DiGraph, id: str, max_depth: int = 10) -> list[Reached]:
    """Telusur ke bawah: apa yang mendukung elemen ini

    Every element that supports ``id``, directly or through others, up to ``max_depth`` hops,
    with its shortest distance.

    Examples
    --------
    >>> from graph.demo import demo_graph
    >>> rows = trace_down(demo_graph(), "rpjmd-kota-mini-2025-2029:sasaran:S2")
    >>> rows
    []
    """
    return _reached(g.reverse(copy=False), id, max_depth)
