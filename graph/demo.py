"""A 12-element built-in graph for examples, doctests and a first look.

One RPJMD (visi → misi → tujuan → two sasaran), one Renstra of Dinas Kesehatan whose sasaran
supports the first RPJMD sasaran, and its Renja 2026 with one sub kegiatan whose kegiatan code
exists nowhere (an orphan). The second RPJMD sasaran is supported by nothing.

Examples
--------
>>> [r.document.id for r in demo_records()]
['rpjmd-kota-mini-2025-2029', 'renstra-kota-mini-dinkes-2025-2029', 'renja-kota-mini-dinkes-2026']
>>> sum(len(r.elements) for r in demo_records())
12
"""

from __future__ import annotations

import networkx as nx

from graph.ids import element_id, search_key
from graph.model import Document, Element, Link, Records, Reference, Value

__all__ = ["demo_graph", "demo_records"]

RPJMD = Document("rpjmd-kota-mini-2025-2029", "RPJMD", "Kota Mini", 2025, 2029)
RENSTRA = Document(
    "renstra-kota-mini-dinkes-2025-2029",
    "RENSTRA",
    "Kota Mini",
    2025,
    2029,
    "Dinkes",
    "1.02.0.00.0.00.01.0000",
)
RENJA = Document(
    "renja-kota-mini-dinkes-2026",
    "RENJA",
    "Kota Mini",
    2026,
    2026,
    "Dinkes",
    "1.02.0.00.0.00.01.0000",
)
LEVELS = {"visi": 9, "misi": 8, "tujuan": 7, "sasaran": 6, "program": 4, "kegiatan": 3}


def _element(doc: Document, kind: str, key: str, nama: str, **extra: Value) -> Element:
    props: dict[str, Value] = {"nama": nama, "level": LEVELS.get(kind, 2), "opd": doc.opd}
    props["cari"] = search_key(f"{extra.get('kode') or ''} {nama}")
    props |= {"dokumen_jenis": doc.jenis, "pemda": doc.pemda, "periode": _periode(doc)}
    props |= {"src_file": "demo", "src_sheet": "elemen"}
    return Element(element_id(doc.id, kind, key), kind, doc.id, props | extra)


def _periode(doc: Document) -> str:
    return str(doc.properties().get("tahun") or doc.properties().get("periode"))


def _chain(doc: Document, elements: list[Element]) -> list[Link]:
    return [
        Link(c.id, p.id, "explicit", doc.id)
        for c, p in zip(elements[1:], elements[:-1], strict=True)
    ]


def demo_records() -> list[Records]:
    """The three documents of Kota Mini as loader records."""
    v, m, t = (
        _element(RPJMD, k, r, n)
        for k, r, n in [
            ("visi", "V", "Kota Mini yang sehat"),
            ("misi", "M1", "Layanan dasar bermutu"),
            ("tujuan", "T1", "Meningkatnya derajat kesehatan"),
        ]
    )
    s1 = _element(RPJMD, "sasaran", "S1", "Meningkatnya akses layanan kesehatan", ref="S1")
    s2 = _element(RPJMD, "sasaran", "S2", "Menurunnya prevalensi stunting", ref="S2")
    sp = _element(RENSTRA, "sasaran", "SP1", "Meningkatnya mutu puskesmas", ref="SP1")
    prog = _element(
        RENSTRA,
        "program",
        "1.02.02",
        "PROGRAM PEMENUHAN UPAYA KESEHATAN",
        kode="1.02.02",
        pagu_2026=900_000_000,
    )
    keg = _element(
        RENSTRA,
        "kegiatan",
        "1.02.02.2.01",
        "Penyediaan Fasilitas Pelayanan Kesehatan",
        kode="1.02.02.2.01",
        pagu_2026=900_000_000,
    )
    sub = _element(
        RENSTRA,
        "sub_kegiatan",
        "1.02.02.2.01.0002",
        "Pembangunan Puskesmas",
        kode="1.02.02.2.01.0002",
        pagu_2026=900_000_000,
    )
    rkeg = _element(
        RENJA,
        "kegiatan",
        "1.02.02.2.01",
        "Penyediaan Fasilitas Pelayanan Kesehatan",
        kode="1.02.02.2.01",
        pagu_2026=850_000_000,
    )
    rsub = _element(
        RENJA,
        "sub_kegiatan",
        "1.02.02.2.01.0002",
        "Pembangunan Puskesmas",
        kode="1.02.02.2.01.0002",
        pagu_2026=850_000_000,
    )
    orphan = _element(
        RENJA,
        "sub_kegiatan",
        "1.02.02.2.09.0001",
        "Kegiatan Tanpa Induk",
        kode="1.02.02.2.09.0001",
        pagu_2026=120_000_000,
    )
    rpjmd_links = _chain(RPJMD, [v, m, t, s1]) + [Link(s2.id, t.id, "explicit", RPJMD.id)]
    renstra_links = _chain(RENSTRA, [sp, prog, keg, sub])
    return [
        Records(RPJMD, [v, m, t, s1, s2], rpjmd_links),
        Records(RENSTRA, [sp, prog, keg, sub], renstra_links, [Reference(sp.id, "RPJMD", "S1")]),
        Records(RENJA, [rkeg, rsub, orphan], [Link(rsub.id, rkeg.id, "kode", RENJA.id)]),
    ]


def demo_graph() -> nx.DiGraph:
    """The Kota Mini graph, loaded into an in-memory embedded store (links resolved)."""
    from graph.embedded import EmbeddedStore

    with EmbeddedStore(":memory:") as store:
        store.replace_documents(demo_records())
        return store.graph
