"""OPD names of one pemda that are probably one OPD written two ways.

Selaras takes an OPD as one however its tables spell it, case, punctuation and
``dan``/``&``/``serta`` aside, and reads a short form (``BAPPELITBANGDA``, ``Dinkes``) as the
one name of the store it shortens (:class:`graph.opd.OpdNames`). Beyond that it guesses
nothing: a word left out, or a short form that could stand for several names, makes two OPDs,
and then their documents do not link by OPD and code. This check shows the pairs of names
alike enough to be one, for the planner to write them the same way.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations
from typing import NamedTuple

import networkx as nx

from graph.opd import OPD_VARIANT, opd_names, opd_overlap
from queries.registry import canned

__all__ = ["OpdVariant", "opd_variants"]


class OpdVariant(NamedTuple):
    """Two OPD names of one pemda alike enough to be one OPD written two ways."""

    id: str
    pemda: str
    opd: str
    varian: str
    skor: float
    elemen: int
    elemen_varian: int


@canned(
    "Probable OPD name variants",
    severity="warning",
    brief=("pemda", "opd", "varian", "skor", "elemen", "elemen_varian"),
    keterangan=(
        "Dua nama OPD dalam satu pemda yang kata-katanya hampir sama (tumpang tindih sedikitnya "
        "min_skor) tetapi tidak dianggap satu OPD. Besar kecil huruf, tanda baca dan kata 'dan' "
        "sudah disamakan, dan singkatan yang jelas (Dinkes) dibaca sebagai nama lengkapnya; kata "
        "yang hilang tidak ditebak. Samakan penulisannya di tabel agar dokumen OPD itu bertaut "
        "per OPD dan kode."
    ),
)
def opd_variants(g: nx.DiGraph, min_skor: float = OPD_VARIANT) -> list[OpdVariant]:
    """Nama OPD yang mungkin sama

    Pairs of OPD names of one pemda whose words overlap by at least ``min_skor`` (Jaccard of
    the words of their keys, :class:`graph.opd.OpdNames`, so ``1.0`` never happens: those are
    one OPD already) and that Selaras therefore takes for two OPDs. Each OPD is named by the
    first of its names written out and counted by the elements it carries (``elemen``,
    ``elemen_varian``); the pair is ordered by key. Rows by ``id`` (``pemda / opd``), then
    ``varian``.

    Examples
    --------
    >>> g = nx.DiGraph()
    >>> g.add_node("a", opd="BADAN PENGELOLAAN KEUANGAN DAN ASET", pemda="Kab. X")
    >>> g.add_node("b", opd="Badan Pengelolaan Keuangan dan Aset Daerah", pemda="Kab. X")
    >>> g.add_node("c", opd="Badan Pengelolaan Keuangan & Aset", pemda="Kab. X")
    >>> [(r.opd, r.varian, r.skor, r.elemen) for r in opd_variants(g)]
    [('BADAN PENGELOLAAN KEUANGAN DAN ASET', 'Badan Pengelolaan Keuangan dan Aset Daerah', 0.8, 2)]
    """
    named: dict[tuple[str, str], tuple[str, int]] = {}  # (pemda, key) -> (shown name, count)
    names = opd_names(g)
    for d in g._node.values():
        if key := names.key_of(d):
            pemda, opd = str(d.get("pemda") or ""), str(d["opd"])
            first, count = named.get((pemda, key), (opd, 0))
            named[pemda, key] = (min(first, opd, key=names.shown_order), count + 1)
    by_pemda: dict[str, list[tuple[str, str, int]]] = defaultdict(list)
    for (pemda, key), (name, count) in named.items():
        by_pemda[pemda].append((key, name, count))
    rows = []
    for pemda, opds in by_pemda.items():
        for (ka, a, na), (kb, b, nb) in combinations(sorted(opds), 2):
            skor = opd_overlap(ka, kb)
            if skor >= min_skor:
                rows.append(OpdVariant(f"{pemda} / {a}", pemda, a, b, skor, na, nb))
    return sorted(rows, key=lambda r: (r.id, r.varian))
