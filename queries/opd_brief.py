"""The brief a Kepala Perangkat Daerah must know: the RPJMD priorities the OPD answers for."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from typing import Any, NamedTuple

import networkx as nx

from graph.opd import opd_names
from queries.registry import canned
from queries.traversal import pagu, targets_above

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

    The RPJMD programs an OPD is responsible for (``opd``, however either spells or shortens
    it, :class:`graph.opd.OpdNames`; every OPD by default), the RPJMD sasaran each serves, and
    whether the OPD's Renstra and its Renja (of ``tahun``, or any year) carry kegiatan with a
    pagu above zero that support it (the Renja must refer to the priority programs).
    ``status`` is ``lengkap``, ``tanpa_renstra``, ``tanpa_renja`` or ``tanpa_keduanya``. Rows
    by OPD, then id.

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
    node, names = g._node, opd_names(g)
    programs = {
        n
        for n, d in node.items()
        if d["kind"] == "program" and d.get("dokumen_jenis") == "RPJMD" and d.get("opd")
        if names.matches(d, opd)
    }
    carried = _carried(g, programs, tahun)
    rows = []
    for n in programs:
        d = node[n]
        renstra, renja, money = carried.get(n, (0, 0, 0))
        sasaran = sorted(s for s in g._succ[n] if node[s]["kind"] == "sasaran")
        rows.append(
            OpdPriority(
                n,
                d.get("kode"),
                d["nama"],
                d["opd"],
                sasaran,
                renstra,
                renja,
                money,
                _status(renstra, renja),
            )  # fmt: skip
        )
    return sorted(rows, key=lambda r: (r.opd, r.id))


def _carried(
    g: nx.DiGraph, programs: set[str], tahun: int | None
) -> dict[str, tuple[int, int, int | float]]:
    """Per program: the funded Renstra and Renja kegiatan below it, and the Renja pagu.

    One walk up from the funded kegiatan (:func:`targets_above`).
    """
    funded: dict[str, bool] = {}  # funded kegiatan -> is of a Renja
    for k, d in g._node.items():
        jenis = d["kind"] == "kegiatan" and d.get("dokumen_jenis")
        if (jenis == "RENSTRA" or jenis == "RENJA") and _funded(d, jenis, tahun):
            funded[k] = jenis == "RENJA"
    above = targets_above(g, funded, programs)
    carried: dict[str, list[int | float]] = defaultdict(lambda: [0, 0, 0])
    for k, renja in funded.items():
        money = pagu(g._node[k], tahun) if renja else 0
        for p in above[k]:
            sums = carried[p]
            sums[1 if renja else 0] += 1
            sums[2] += money
    return {p: (int(a), int(b), c) for p, (a, b, c) in carried.items()}


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
