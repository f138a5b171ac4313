"""Links the chain does not allow: a kegiatan supporting a sasaran directly, a link across pemda.

The loader keeps such a link (with a warning) so the graph shows what the workbook says; this
check lists every one of them, whoever wrote it.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Literal, NamedTuple

import networkx as nx

from graph.chain import load_chain
from queries.registry import canned

__all__ = ["ChainViolation", "chain_violations"]


class ChainViolation(NamedTuple):
    """One ``SUPPORTS`` link the chain file does not allow."""

    id: str
    kind: str
    dokumen: str
    parent_id: str
    parent_kind: str
    parent_dokumen: str
    basis: str
    alasan: str


@canned(
    "Links the chain does not allow",
    severity="error",
    brief=("id", "parent_id", "alasan"),
    keterangan=(
        "Setiap tautan SUPPORTS yang tidak diizinkan berkas rantai (tidak_diatur: misalnya "
        "kegiatan Renja langsung mendukung sasaran RPJMD) atau yang menghubungkan dua pemda "
        "berbeda (lintas_pemda)."
    ),
)
def chain_violations(
    g: nx.DiGraph,
    alasan: Literal["lintas_pemda", "tidak_diatur"] | None = None,
    dokumen: str | None = None,
) -> list[ChainViolation]:
    """Tautan yang melanggar rantai perencanaan

    Every ``SUPPORTS`` link whose two ends are levels no rule of the chain file connects
    (``alasan = tidak_diatur``: a Renja kegiatan supporting an RPJMD sasaran directly), or whose
    ends belong to two different pemda (``lintas_pemda``, reported before the level test).
    ``dokumen`` keeps the links whose supporting element is in that document.

    Examples
    --------
    >>> g = nx.DiGraph()
    >>> g.add_node("k", kind="kegiatan", dokumen="r", dokumen_jenis="RENJA", pemda="A")
    >>> g.add_node("s", kind="sasaran", dokumen="m", dokumen_jenis="RPJMD", pemda="A")
    >>> g.add_edge("k", "s", basis="explicit")
    >>> [(v.id, v.parent_id, v.alasan) for v in chain_violations(g)]
    [('k', 's', 'tidak_diatur')]
    """
    allowed: dict[str, set[str]] = defaultdict(set)
    for r in load_chain().rules:
        allowed[r.child].add(r.parent)
    node = g._node
    where = {
        n: (d.get("pemda"), f"{d.get('dokumen_jenis')}:{d.get('kind')}") for n, d in node.items()
    }
    rows = []
    for child, parents in g._succ.items():
        if not parents or (dokumen and node[child]["dokumen"] != dokumen):
            continue
        pemda, level = where[child]
        ok = allowed.get(level) or ()
        for parent in parents:
            parent_pemda, parent_level = where[parent]
            if parent_pemda == pemda and parent_level in ok:
                continue
            reason = "lintas_pemda" if parent_pemda != pemda else "tidak_diatur"
            if not alasan or reason == alasan:
                rows.append(_violation(g, child, parent, reason))
    return sorted(rows, key=lambda r: (r.id, r.parent_id))


def _violation(g: nx.DiGraph, child: str, parent: str, reason: str) -> ChainViolation:
    c, p = g._node[child], g._node[parent]
    basis = g._succ[child][parent].get("basis")
    return ChainViolation(
        child, c["kind"], c["dokumen"], parent, p["kind"], p["dokumen"], basis, reason
    )
