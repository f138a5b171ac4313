"""Activities cut off from the chain: no ``SUPPORTS`` path reaches an anchor."""

from __future__ import annotations

from typing import Literal, NamedTuple

import networkx as nx

from graph.chain import load_chain, split_level
from graph.model import DocumentKind
from graph.opd import opd_names
from queries.registry import canned
from queries.traversal import highest_dead_ends, pagu, reach_down

__all__ = ["OrphanedActivity", "orphaned_activities"]


class OrphanedActivity(NamedTuple):
    """One orphaned kegiatan or sub kegiatan and where its chain breaks."""

    id: str
    kind: str
    kode: str | None
    nama: str
    opd: str | None
    dokumen: str
    pagu: int | float
    break_type: str
    break_id: str | None
    break_kind: str | None
    break_nama: str | None


@canned(
    "Orphaned activities",
    severity="error",
    brief=("id", "nama", "pagu", "break_type", "break_kind"),
    choices={"anchor": load_chain().used_levels},
    keterangan=(
        "Kegiatan dan sub kegiatan yang tidak tersambung ke jangkar rantai (secara bawaan sasaran "
        "RPJMD; bisa tingkat lain dari berkas rantai). break_type direct bila elemen itu sendiri "
        "tidak punya induk, inherited bila induknya yang terputus; break_id adalah elemen "
        "tertinggi yang masih dicapai."
    ),
)
def orphaned_activities(
    g: nx.DiGraph,
    dokumen: str | None = None,
    opd: str | None = None,
    kind: Literal["kegiatan", "sub_kegiatan"] | None = None,
    anchor: str = "RPJMD:sasaran",
    jenis: DocumentKind | None = None,
) -> list[OrphanedActivity]:
    """Kegiatan dan sub kegiatan yatim

    Kegiatan and sub kegiatan from which no chain of support reaches an anchor (an RPJMD
    sasaran by default; any level of the chain file, such as ``RENSTRA:sasaran``), optionally
    only those of one document kind (``jenis``: "Renja sub kegiatan that reach no Renstra
    sasaran" is ``kind=sub_kegiatan, jenis=RENJA, anchor=RENSTRA:sasaran``). ``break_type`` is
    ``direct`` when the activity itself has no parent, ``inherited`` when a parent is cut off;
    ``break_id`` is the highest element it does reach. ``pagu`` is the sum over the years of
    the document.

    Examples
    --------
    >>> from graph.demo import demo_graph
    >>> [(r.kode, r.break_type) for r in orphaned_activities(demo_graph())]
    [('1.02.02.2.09.0001', 'direct')]
    >>> renja = orphaned_activities(demo_graph(), jenis="RENJA", anchor="RENSTRA:sasaran")
    >>> [r.dokumen for r in renja]
    ['renja-kota-mini-dinkes-2026']
    """
    anchor_jenis, anchor_kind = split_level(anchor)
    nodes = g.nodes
    anchors = [
        n
        for n, d in nodes(data=True)
        if d["kind"] == anchor_kind and d.get("dokumen_jenis") == anchor_jenis
    ]
    cut = set(g) - reach_down(g, anchors)
    tops = highest_dead_ends(g, cut)
    wanted = set(load_chain().activities) if kind is None else {kind}
    rows, names = [], opd_names(g)
    for n in sorted(cut):
        d = nodes[n]
        if d["kind"] not in wanted or (dokumen and d["dokumen"] != dokumen):
            continue
        if jenis and d.get("dokumen_jenis") != jenis:
            continue
        if not names.matches(d, opd):
            continue
        top = tops[n]
        rows.append(
            OrphanedActivity(
                n,
                d["kind"],
                d.get("kode"),
                d["nama"],
                d.get("opd"),
                d["dokumen"],
                pagu(d),
                "direct" if g.out_degree(n) == 0 else "inherited",
                top,
                nodes[top]["kind"] if top else None,
                nodes[top]["nama"] if top else None,
            )
        )
    return rows
