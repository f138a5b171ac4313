"""Who runs what: programs outside their OPD's bidang, and sasaran several OPDs serve.

Program penunjang (``a.bb.01``, ``X.XX.01``) is left out of both: every OPD runs it, under its
own bidang, for the governance sasaran.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from typing import Any, NamedTuple

import networkx as nx

from graph.codes import bidang_of, is_penunjang
from graph.model import DocumentKind
from graph.opd import opd_names
from queries.registry import canned
from queries.traversal import pagu, targets_above

__all__ = ["BidangMismatch", "Crosscutting", "crosscutting", "opd_bidang_mismatches"]

GENERIC_BIDANG = "X.XX"


class BidangMismatch(NamedTuple):
    """A program whose bidang urusan is not one its OPD may run."""

    id: str
    kode: str
    nama: str
    bidang: str
    opd: str | None
    opd_bidang: list[str]
    dokumen: str


@canned(
    "Programs outside their OPD's bidang",
    severity="warning",
    brief=("id", "nama", "bidang", "opd", "opd_bidang"),
    keterangan=(
        "Program yang bidang urusannya (dua segmen pertama kode) tidak termasuk bidang yang "
        "boleh dijalankan OPD-nya menurut kode OPD 8 segmen. Program penunjang (a.bb.01), "
        "program X.XX, dan program yang kode OPD-nya tidak diketahui tidak dinilai."
    ),
)
def opd_bidang_mismatches(
    g: nx.DiGraph, dokumen: str | None = None, opd: str | None = None
) -> list[BidangMismatch]:
    """Program di luar bidang urusan OPD

    Programs whose bidang urusan (``bidang``: the first two code segments, ``1.03`` of
    ``1.03.08``) is not among the bidang its OPD may run (``opd_bidang``, read from the
    8-segment OPD code). Program penunjang (``a.bb.01``) and generic ``X.XX`` programs are
    left out, and so are programs whose OPD code, and so whose bidang, is unknown: they cannot
    be judged.

    Examples
    --------
    >>> g = nx.DiGraph()
    >>> g.add_node("p", kind="program", kode="1.03.08", nama="Program", dokumen="d",
    ...            opd="Bappeda", opd_bidang=["5.01", "5.05"])
    >>> [(r.bidang, r.opd_bidang) for r in opd_bidang_mismatches(g)]
    [('1.03', ['5.01', '5.05'])]
    """
    rows, names = [], opd_names(g)
    for n, d in g.nodes(data=True):
        if d["kind"] != "program" or not _outside(d):
            continue
        if dokumen is not None and d["dokumen"] != dokumen:
            continue
        if not names.matches(d, opd):
            continue
        rows.append(
            BidangMismatch(
                n,
                d["kode"],
                d["nama"],
                bidang_of(d["kode"]),
                d.get("opd"),
                list(d["opd_bidang"]),
                d["dokumen"],
            )
        )
    return sorted(rows)


def _outside(d: Mapping[str, Any]) -> bool:
    kode, allowed = d.get("kode"), d.get("opd_bidang") or []
    if not kode or not allowed or is_penunjang(kode):
        return False
    return bidang_of(kode) not in (GENERIC_BIDANG, *allowed)


class Crosscutting(NamedTuple):
    """One OPD serving an RPJMD sasaran that several OPDs serve."""

    id: str
    kode: str | None
    nama: str
    dokumen: str
    opd_count: int
    opd: str
    programs: list[str]
    pagu: int | float


@canned(
    "Crosscutting sasaran",
    severity="info",
    brief=("id", "nama", "opd_count", "opd", "programs", "pagu"),
    keterangan=(
        "Sasaran RPJMD yang didukung program dua OPD atau lebih, lewat rantai dukungan mana "
        "pun: satu baris per sasaran dan OPD, dengan jumlah OPD, kode program OPD itu, dan "
        "jumlah pagunya. Program penunjang tidak dihitung. Tanpa jenis, program RPJMD, Renstra, "
        "RKPD dan Renja semuanya dihitung dan pagunya ikut dijumlahkan."
    ),
)
def crosscutting(g: nx.DiGraph, jenis: DocumentKind | None = None) -> list[Crosscutting]:
    """Sasaran lintas OPD

    RPJMD sasaran served by the programs of two or more OPDs, through any chain of support
    below them: one row per sasaran and OPD (one OPD however its tables spell or shorten it,
    named by the first of its names written out), with the number of OPDs (``opd_count``), the
    codes of that OPD's programs there (``programs``) and the sum of their pagu over the years
    (each program counted once). Program penunjang and programs without an OPD are not counted.
    ``jenis`` counts only the programs of one document kind; unset, the RPJMD, Renstra, RKPD
    and Renja programs all count, and ``pagu`` adds up those layers of one plan.

    Examples
    --------
    >>> g = nx.DiGraph([("p1", "s"), ("p2", "sp"), ("sp", "s")])
    >>> g.add_node("s", kind="sasaran", dokumen_jenis="RPJMD", nama="S", dokumen="r")
    >>> g.add_node("sp", kind="sasaran", dokumen_jenis="RENSTRA", nama="SP", dokumen="d")
    >>> g.add_node("p1", kind="program", kode="1.02.02", opd="Dinkes", pagu_2026=5)
    >>> g.add_node("p2", kind="program", kode="1.02.03", opd="Dinsos", pagu_2026=7)
    >>> [(r.id, r.opd, r.programs, r.pagu) for r in crosscutting(g)]
    [('s', 'Dinkes', ['1.02.02'], 5), ('s', 'Dinsos', ['1.02.03'], 7)]
    """
    counted, sasaran = [], set()
    for n, d in g._node.items():
        if d["kind"] == "program" and _serves(d, jenis):
            counted.append(n)
        elif d["kind"] == "sasaran" and d.get("dokumen_jenis") == "RPJMD":
            sasaran.add(n)
    above = targets_above(g, counted, sasaran)
    serving: dict[str, list[str]] = defaultdict(list)
    for p in counted:
        for s in above[p]:
            serving[s].append(p)
    rows = []
    for s in sorted(serving):
        rows += _per_opd(g, s, serving[s])
    return rows


def _per_opd(g: nx.DiGraph, s: str, programs: list[str]) -> list[Crosscutting]:
    """The rows of one sasaran from the programs serving it: none when under two OPDs."""
    nodes, d, names = g.nodes, g.nodes[s], opd_names(g)
    by_opd: dict[str, list[str]] = defaultdict(list)  # by OPD key: one OPD however spelled
    for p in sorted(programs):
        by_opd[names.key_of(nodes[p])].append(p)
    if len(by_opd) < 2:
        return []
    rows = [
        Crosscutting(
            s,
            d.get("kode"),
            d["nama"],
            d["dokumen"],
            len(by_opd),
            min((nodes[p]["opd"] for p in members), key=names.shown_order),
            sorted({nodes[p]["kode"] for p in members if nodes[p].get("kode")}),
            sum(pagu(nodes[p]) for p in members),
        )
        for members in by_opd.values()
    ]
    return sorted(rows, key=lambda r: r.opd)


def _serves(d: Mapping[str, Any], jenis: str | None) -> bool:
    """A program that counts: with an OPD, not penunjang, of the document kind asked."""
    if not d.get("opd"):
        return False
    if d.get("kode") and is_penunjang(d["kode"]):
        return False
    return jenis is None or d.get("dokumen_jenis") == jenis
