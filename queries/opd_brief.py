"""The brief a Kepala Perangkat Daerah must know: the RPJMD priorities the OPD answers for."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

import networkx as nx

from queries.registry import canned
from queries.traversal import pagu, reach_down

__all__ = ["OpdPriority", "opd_priorities"]


class OpdPriority(NamedTuple):
    """One RPJMD program of the OPD, the sasaran it serves, and what its plans carry for it."""

    id: str
    kode: str | None
    nama: str
    opd: str
    sasaran: list[str]
    renstra_kegiatan: int
    renja_kegiatan: int
    pagu_renja: int | float
    status: str


@canned(
    "Priorities of an OPD",
    severity="info",
    brief=("opd", "kode", "renstra_kegiatan", "renja_kegiatan", "status"),
    keterangan=(
        "Program RPJMD yang menjadi tanggung jawab satu OPD (atau setiap OPD), sasaran yang "
        "dilayaninya, dan apakah Renstra serta Renja OPD itu (tahun tertentu) memuat kegiatan "
        "berpagu yang mendukungnya."
    ),
)
def opd_priorities(
    g: nx.DiGraph, opd: str | None = None, tahun: int | None = None
) -> list[OpdPriority]:
    """Prioritas RPJMD yang menjadi tanggung jawab OPD

    The RPJMD programs an OPD is responsible for (``opd``, case aside; every OPD by default),
    the RPJMD sasaran each serves, and whether the OPD's Renstra and its Renja (of ``tahun``,
    or any year) carry kegiatan with a pagu above zero that support it (the Renja must refer
    to the priority programs). ``status`` is ``lengkap``, ``tanpa_renstra``, ``tanpa_renja``
    or ``tanpa_keduanya``. Rows by OPD, then id.

    Examples
    --------
    >>> g = nx.DiGraph([("k", "p"), ("p", "s")])
    >>> g.add_node("s", kind="sasaran", dokumen_jenis="RPJMD")
    >>> g.add_node("p", kind="program", dokumen_jenis="RPJMD", opd="Dinkes", kode="1.02.02",
    ...            nama="Program")
    >>> g.add_node("k", kind="kegiatan", dokumen_jenis="RENSTRA", pagu_2026=5)
    >>> [(r.kode, r.sasaran, r.renstra_kegiatan, r.status) for r in opd_priorities(g, "dinkes")]
    [('1.02.02', ['s'], 1, 'tanpa_renja')]
    """
    rows = []
    for n, d in g.nodes(data=True):
        if d["kind"] != "program" or d.get("dokumen_jenis") != "RPJMD" or not d.get("opd"):
            continue
        if opd and str(d["opd"]).lower() != opd.lower():
            continue
        below = [g.nodes[k] for k in reach_down(g, [n]) if g.nodes[k]["kind"] == "kegiatan"]
        renstra = [k for k in below if _funded(k, "RENSTRA", tahun)]
        renja = [k for k in below if _funded(k, "RENJA", tahun)]
        sasaran = sorted(s for s in g.successors(n) if g.nodes[s]["kind"] == "sasaran")
        money = sum(pagu(k, tahun) for k in renja)
        rows.append(
            OpdPriority(
                n,
                d.get("kode"),
                d["nama"],
                d["opd"],
                sasaran,
                len(renstra),
                len(renja),
                money,
                _status(len(renstra), len(renja)),
            )  # fmt: skip
        )
    return sorted(rows, key=lambda r: (r.opd, r.id))


def _funded(k: Mapping[str, Any], jenis: str, tahun: int | None) -> bool:
    if k.get("dokumen_jenis") != jenis:
        return False
    if jenis == "RENJA" and tahun is not None and k.get("periode") != str(tahun):
        return False
    return pagu(k, tahun) > 0


def _status(renstra: int, renja: int) -> str:
    if renstra and renja:
        return "lengkap"
    if renstra:
        return "tanpa_renja"
    return "tanpa_renstra" if renja else "tanpa_keduanya"
