"""Codes and names of programs and activities, checked against an official nomenclature list.

The lists are loaded with ``selaras nomenklatur load`` and live beside the plans
(``g.graph["nomenclature"]``, see :mod:`graph.nomenclature`). Names are compared as
:func:`name_key` gives them, by :func:`similarity`: rapidfuzz's ``fuzz.ratio`` (twice the longest
common subsequence over the sum of the lengths), computed the same way in the Cypher twin.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any, Literal, NamedTuple

import networkx as nx
from rapidfuzz.distance import LCSseq

from graph.codes import is_penunjang
from queries.registry import canned

__all__ = [
    "NomenclatureMismatch",
    "name_key",
    "nomenclature_mismatches",
    "official_entry",
    "pemda_level",
    "similarity",
    "version_in_force",
]

Jenis = Literal["tidak_ada", "nama_beda", "kewenangan"]
KINDS = ("program", "kegiatan", "sub_kegiatan")
PEMDA_LEVELS = {"provinsi": "1", "prov": "1", "kabupaten": "2", "kab": "2", "kota": "2"}


class NomenclatureMismatch(NamedTuple):
    """One element whose code or name does not fit the official list, and why (``jenis``)."""

    id: str
    kind: str
    kode: str
    nama: str
    opd: str | None
    dokumen: str
    jenis: str
    nama_resmi: str | None
    kemiripan: int | None
    versi: str


@canned(
    "Nomenclature mismatches",
    severity="warning",
    brief=("jenis", "id", "nama", "nama_resmi"),
    keterangan=(
        "Kode program, kegiatan dan sub kegiatan yang tidak ada di nomenklatur yang berlaku "
        "(tidak_ada), nama yang berbeda dari nama resminya (nama_beda), dan kegiatan yang digit "
        "kewenangannya tidak cocok dengan pemda (kewenangan); perlu selaras nomenklatur load."
    ),
)
def nomenclature_mismatches(
    g: nx.DiGraph,
    versi: str | None = None,
    jenis: Jenis | None = None,
    dokumen: str | None = None,
    kemiripan: int = 85,
) -> list[NomenclatureMismatch]:
    """Kode dan nama tidak sesuai nomenklatur

    Program, kegiatan and sub kegiatan codes and names compared with an official nomenclature
    list loaded by ``selaras nomenklatur load FILE --versi NAME`` (version ``versi``, by default
    the most recently loaded one); with no list loaded the check gives no rows.

    ``tidak_ada``: the code is not in the list. ``nama_beda``: the name is less similar to the
    official name (``nama_resmi``) than ``kemiripan`` (0–100, after case, spaces and punctuation
    are set aside; 100 asks for the same words); the row's ``kemiripan`` is the similarity
    found. ``kewenangan``: a kegiatan or sub kegiatan whose level digit (4th code segment,
    ``1`` provinsi, ``2`` kab/kota) does not fit the pemda, known from its name (``Provinsi``,
    ``Prov.``; ``Kabupaten``, ``Kab.``, ``Kota``). Program penunjang instantiated under an OPD's
    bidang (``1.02.01…``) is looked up as ``X.XX.01…`` when the list has only the generic code;
    elements still coded ``X.XX`` are skipped. An unknown ``versi`` gives no rows.

    Examples
    --------
    >>> from graph.demo import demo_graph
    >>> g = demo_graph()
    >>> nomenclature_mismatches(g)
    []
    >>> g.graph["nomenclature"] = {"contoh": {
    ...     "1.02.02": ("program", "PROGRAM PEMENUHAN UPAYA KESEHATAN"),
    ...     "1.02.02.2.01": ("kegiatan", "Penyediaan Fasilitas Pelayanan Kesehatan"),
    ...     "1.02.02.2.01.0002": ("sub_kegiatan", "Pembangunan Rumah Sakit")}}
    >>> sorted({(r.kode, r.jenis, r.kemiripan) for r in nomenclature_mismatches(g)})
    [('1.02.02.2.01.0002', 'nama_beda', 72), ('1.02.02.2.09.0001', 'tidak_ada', None)]
    """
    lists: Mapping[str, Mapping[str, tuple[str, str]]] = g.graph.get("nomenclature") or {}
    name = versi if versi is not None else version_in_force(lists)
    if name is None or name not in lists:
        return []
    rows = [
        row
        for n, d in g.nodes(data=True)
        if _is_checked(d, dokumen)
        for row in _mismatches(n, d, lists[name], name, kemiripan)
        if jenis is None or row.jenis == jenis
    ]
    return sorted(rows, key=lambda r: (r.jenis, r.id))


def version_in_force(lists: Mapping[str, object]) -> str | None:
    """The version loaded last (the lists are in load order), or None when none is loaded.

    >>> version_in_force({"lama": {}, "baru": {}}), version_in_force({})
    ('baru', None)
    """
    names = list(lists)
    return names[-1] if names else None


def _is_checked(d: Mapping[str, Any], dokumen: str | None) -> bool:
    kode = d.get("kode")
    return (
        d["kind"] in KINDS
        and bool(kode)
        and str(kode).split(".")[0].upper() != "X"
        and (dokumen is None or d["dokumen"] == dokumen)
    )


def _mismatches(
    n: str, d: Mapping[str, Any], entries: Mapping[str, tuple[str, str]], versi: str, least: int
) -> Iterator[NomenclatureMismatch]:
    kode = str(d["kode"])
    found = official_entry(entries, kode)
    resmi = found[1] if found else None

    element = (n, d["kind"], kode, d["nama"], d.get("opd"), d["dokumen"])

    def row(jenis: str, kemiripan: int | None = None) -> NomenclatureMismatch:
        return NomenclatureMismatch(*element, jenis, resmi, kemiripan, versi)

    if resmi is None:
        yield row("tidak_ada")
    elif (score := similarity(d["nama"], resmi)) < least:
        yield row("nama_beda", score)
    parts, expected = kode.split("."), pemda_level(d.get("pemda"))
    if d["kind"] != "program" and expected and len(parts) >= 5 and parts[3] != expected:
        yield row("kewenangan")


def official_entry(entries: Mapping[str, tuple[str, str]], kode: str) -> tuple[str, str] | None:
    """The (level, nama) of ``kode`` in a list; program penunjang also as its ``X.XX`` code.

    Examples
    --------
    >>> official_entry({"X.XX.01.2.01": ("kegiatan", "Perencanaan")}, "1.02.01.2.01")
    ('kegiatan', 'Perencanaan')
    >>> official_entry({"X.XX.01.2.01": ("kegiatan", "Perencanaan")}, "1.02.02.2.01") is None
    True
    """
    found = entries.get(kode)
    if found is None and is_penunjang(kode):
        found = entries.get(".".join(["X", "XX", *kode.split(".")[2:]]))
    return found


def pemda_level(pemda: str | None) -> str | None:
    """The kegiatan level digit a pemda's name calls for: ``1`` provinsi, ``2`` kab/kota.

    Examples
    --------
    >>> pemda_level("Prov. Jawa Barat"), pemda_level("Kab. Contoh"), pemda_level("Kota Contoh")
    ('1', '2', '2')
    >>> pemda_level("DKI Jakarta") is None
    True
    """
    first = (pemda or "").strip().lower().replace(".", " ").split(" ")[0]
    return PEMDA_LEVELS.get(first)


def name_key(text: str) -> str:
    """A name as compared: lower case, every character but ``a-z0-9`` a space, spaces single.

    Examples
    --------
    >>> name_key("  Penyediaan Fasilitas (UKM/UKP),  Kewenangan Daerah ")
    'penyediaan fasilitas ukm ukp kewenangan daerah'
    """
    return " ".join(re.sub(r"[^a-z0-9]", " ", text.lower()).split())


def similarity(a: str, b: str) -> int:
    """How alike two names are, 0–100: rapidfuzz ``fuzz.ratio`` of their keys, rounded down.

    Examples
    --------
    >>> similarity("Pembangunan Puskesmas", "PEMBANGUNAN PUSKESMAS.")
    100
    >>> similarity("Pembangunan Puskesmas", "Pembangunan Puskemas")
    97
    """
    ka, kb = name_key(a), name_key(b)
    if ka == kb:
        return 100
    return 200 * LCSseq.similarity(ka, kb) // (len(ka) + len(kb))
