"""Priorities that no activity supports."""

from __future__ import annotations

from typing import NamedTuple

import networkx as nx

from graph.chain import load_chain
from queries.registry import canned
from queries.traversal import pagu, reach_up_from_many

__all__ = ["UnsupportedPriority", "unsupported_priorities"]

LEVELS = load_chain().used_levels


class UnsupportedPriority(NamedTuple):
    """One priority no activity reaches, and how many elements support it directly."""

    id: str
    kind: str
    kode: str | None
    nama: str
    opd: str | None
    dokumen: str
    supporters: int


@canned(
    "Unsupported priorities",
    severity="warning",
    brief=("id", "nama", "supporters"),
    choices={"priority": LEVELS, "pendukung": LEVELS},
    keterangan=(
        "Sasaran dan program RPJMD serta prioritas RKPD (atau satu tingkat yang dipilih) yang "
        "tidak didukung kegiatan atau sub kegiatan mana pun melalui rantai; dengan tahun, hanya "
        "pendukung yang berpagu pada tahun itu yang dihitung."
    ),
)
def unsupported_priorities(
    g: nx.DiGraph,
    priority: str | None = None,
    tahun: int | None = None,
    dokumen: str | None = None,
    pendukung: str | None = None,
) -> list[UnsupportedPriority]:
    """Prioritas yang tidak didukung kegiatan apa pun

    RPJMD sasaran and programs and RKPD prioritas (or one ``priority`` level, any level of the
    chain file) that no kegiatan or sub kegiatan supports through the chain; ``pendukung``
    counts only supporters of one level ("RKPD prioritas with no Renja kegiatan" is
    ``priority=RKPD:prioritas, pendukung=RENJA:kegiatan``). With ``tahun``, only supporters
    with a pagu above zero in that year count. ``supporters`` is the number of elements
    directly below.

    Examples
    --------
    >>> from graph.demo import demo_graph
    >>> [r.nama for r in unsupported_priorities(demo_graph())]
    ['Menurunnya prevalensi stunting']
    >>> unsupported_priorities(demo_graph(), "RENSTRA:sasaran", pendukung="RENJA:sub_kegiatan")
    []
    """
    chain = load_chain()
    levels = set(chain.priorities) if priority is None else {priority}
    sources, others, candidates = set(), [], []
    for n, d in g._node.items():
        if _supports(d, pendukung, chain.activities) and (tahun is None or pagu(d, tahun) > 0):
            sources.add(n)
        else:
            others.append(n)
        if f"{d.get('dokumen_jenis')}:{d['kind']}" in levels:
            candidates.append(n)
    above = reach_up_from_many(g, sources, others)
    rows = []
    for n in sorted(candidates):
        d = g._node[n]
        if n in sources or n in above or (dokumen and d["dokumen"] != dokumen):
            continue
        rows.append(
            UnsupportedPriority(
                n, d["kind"], d.get("kode"), d["nama"], d.get("opd"), d["dokumen"], g.in_degree(n)
            )
        )
    return rows


def _supports(props: dict[str, object], level: str | None, activities: tuple[str, ...]) -> bool:
    if level is None:
        return props["kind"] in activities
    return f"{props.get('dokumen_jenis')}:{props['kind']}" == level
