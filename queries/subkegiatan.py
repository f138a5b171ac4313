"""Sub kegiatan planned twice for one OPD and year, with nothing that tells the lines apart.

Where duplicates can come from. An element id is the document id plus the code (plus the OPD
in an RKPD), and the loader refuses two rows with one id, so a document never holds one code
twice for one OPD: ``1.02.02.2.01.02`` and ``1.02.02.2.01.0002`` (the same code as
``kode_asli`` writes it) collide and are refused at load. What reaches the store are duplicates
across documents of one kind, pemda and year: a Renja loaded twice under two document ids (an
explicit ``id``, or ``opd_singkat`` given once and not the other time), or a Renja row naming
another OPD (column ``opd``) that plans the same code in its own Renja.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any, Literal, NamedTuple

import networkx as nx

from graph.opd import opd_names
from queries.registry import canned
from queries.traversal import pagu

__all__ = ["DuplicatedSubKegiatan", "duplicated_sub_kegiatan"]

Annual = Literal["RENJA", "RKPD"]
ANNUAL: tuple[str, ...] = Annual.__args__  # type: ignore[attr-defined]


class DuplicatedSubKegiatan(NamedTuple):
    """One member of a group of sub kegiatan rows that plan the same line twice."""

    group: str
    id: str
    kode: str
    nama: str
    opd: str | None
    dokumen: str
    lokasi: str | None
    sumber_dana: str | None
    pagu: int | float


@canned(
    "Duplicated sub kegiatan",
    severity="warning",
    brief=("group", "id", "nama", "lokasi", "sumber_dana", "pagu"),
    keterangan=(
        "Sub kegiatan berkode sama yang direncanakan dua kali atau lebih untuk satu OPD dan "
        "tahun, di Renja atau di RKPD satu pemda (keduanya dibandingkan terpisah), tanpa lokasi "
        "atau sumber dana yang membedakannya. group adalah id terkecil kelompoknya."
    ),
)
def duplicated_sub_kegiatan(
    g: nx.DiGraph, jenis: Annual | None = None, opd: str | None = None
) -> list[DuplicatedSubKegiatan]:
    """Sub kegiatan ganda

    Sub kegiatan with the same code planned twice or more for one OPD and year, in the Renja
    or in the RKPD of one pemda (the two kinds are compared separately: a Renja line is meant
    to be in the RKPD too), when neither ``lokasi`` nor ``sumber_dana`` tells the lines apart
    (compared trimmed and case-blind; an empty one equals an empty one). ``group`` is the
    smallest id of the group; ``pagu`` is each line's sum over the years.

    Examples
    --------
    >>> g = nx.DiGraph()
    >>> for doc in ("renja-a", "renja-b"):
    ...     g.add_node(f"{doc}:s", kind="sub_kegiatan", kode="1.02.02.2.01.0002", nama="Puskesmas",
    ...                dokumen=doc, dokumen_jenis="RENJA", pemda="Kota", periode="2026",
    ...                opd="Dinkes", lokasi="Kota", sumber_dana="DAU", pagu_2026=5)
    >>> [(r.group, r.id) for r in duplicated_sub_kegiatan(g)]
    [('renja-a:s', 'renja-a:s'), ('renja-a:s', 'renja-b:s')]
    """
    nodes = g.nodes
    rows = [
        DuplicatedSubKegiatan(
            min(members),
            n,
            nodes[n]["kode"],
            nodes[n]["nama"],
            nodes[n].get("opd"),
            nodes[n]["dokumen"],
            nodes[n].get("lokasi"),
            nodes[n].get("sumber_dana"),
            pagu(nodes[n]),
        )
        for members in _duplicates(g, ANNUAL if jenis is None else (jenis,), opd)
        for n in members
    ]
    return sorted(rows, key=lambda r: (r.group, r.id))


def _duplicates(g: nx.DiGraph, jenis: tuple[str, ...], opd: str | None) -> list[list[str]]:
    """Groups of two or more rows of one line: by OPD, year and code, then lokasi and dana."""
    same_code: dict[tuple[Any, ...], list[str]] = defaultdict(list)
    names = opd_names(g)
    for n, d in g.nodes(data=True):
        if d["kind"] != "sub_kegiatan" or not d.get("kode") or d.get("dokumen_jenis") not in jenis:
            continue
        if names.matches(d, opd):  # one OPD however spelled: grouped by its key
            key = (d.get("pemda"), d["dokumen_jenis"], d.get("periode"), names.key_of(d))
            same_code[(*key, d["kode"])].append(n)
    groups = []
    for members in same_code.values():
        if len(members) < 2:
            continue
        lines: dict[tuple[str, str], list[str]] = defaultdict(list)
        for n in members:
            d = g.nodes[n]
            lines[(_text(d.get("lokasi")), _text(d.get("sumber_dana")))].append(n)
        groups += [line for line in lines.values() if len(line) >= 2]
    return groups


def _text(value: Any) -> str:
    """Lokasi or sumber dana as compared: trimmed, lower case, "" when absent."""
    return "" if value is None else str(value).strip().lower()
