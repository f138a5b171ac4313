"""Links the chain does not allow: a kegiatan supporting a sasaran directly, a link across pemda.

The loader keeps such a link (with a warning) so the graph shows what the workbook says; this
check lists every one of them, whoever wrote it.
"""

from __future__ import annotations

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
    allowed = {(r.child, r.parent) for r in load_chain().rules}
    nodes = g.nodes
    rows = []
    for child, parent, basis in g.edges(data="basis"):
        c, p = nodes[child], nodes[parent]
        if dokumen and c["dokumen"] != dokumen:
            continue
        reason = _reason(c, p, allowed)
        if reason is None or (alasan and reason != alasan):
            continue
        rows.append(
            ChainViolation(
                child, c["kind"], c["dokumen"], parent, p["kind"], p["dokumen"], basis, reason
            )
        )
    return sorted(rows, key=lambda r: (r.id, r.parent_id))


def _reason(c: dict[str, str], p: dict[str, str], allowed: set[tuple[str, str]]) -> str | None:
    if c.get("pemda") != p.get("pemda"):
        return "lintas_pemda"
    levels = (f"{c.get('dokumen_jenis')}:{c['kind']}", f"{p.get('dokumen_jenis')}:{p['kind']}")
    return None if levels in allowed else "tidak_diatur"
