"""A small graph of corner cases for the golden files.

- a cycle across two RKPD prioritas, reached by an RKPD program and its activities (their chain
  breaks at no dead end: ``break_id`` is null);
- a program with many parents (two RPJMD sasaran), elements without a code (sasaran, prioritas);
- program penunjang under three OPDs (never a duplicate), and one program code planned by an OPD
  outside its bidang (a ``bidang_lain`` duplicate);
- an explicit reference that resolves to nothing;
- one OPD spelled two ways (``Bappeda``, ``BAPPEDA``) and another named like it
  (``Bappeda Kota``).
"""

from __future__ import annotations

from graph.codes import opd_bidang
from graph.ids import element_id, search_key
from graph.model import Document, Element, Link, Records, Reference, Value

PEMDA = "Kota Sudut"
RPJMD = Document("rpjmd-kota-sudut-2025-2029", "RPJMD", PEMDA, 2025, 2029)
RKPD = Document("rkpd-kota-sudut-2026", "RKPD", PEMDA, 2026, 2026)
OPDS = {
    "Dinkes": "1.02.0.00.0.00.01.0000",
    "PUPR": "1.03.0.00.0.00.01.0000",
    "Bappeda": "5.01.5.05.0.00.01.0000",
}
LEVELS = {
    "visi": 9,
    "misi": 8,
    "tujuan": 7,
    "sasaran": 6,
    "prioritas": 6,
    "program": 4,
    "kegiatan": 3,
    "sub_kegiatan": 2,
}


def renstra(opd: str) -> Document:
    return Document(
        f"renstra-kota-sudut-{opd.lower()}-2025-2029", "RENSTRA", PEMDA, 2025, 2029, opd, OPDS[opd]
    )


def el(
    doc: Document, kind: str, key: str, nama: str, opd: str | None = None, **extra: Value
) -> Element:
    opd = opd or doc.opd
    props: dict[str, Value] = {
        "nama": nama,
        "level": LEVELS[kind],
        "dokumen_jenis": doc.jenis,
        "pemda": PEMDA,
        "periode": str(doc.properties().get("tahun") or doc.properties().get("periode")),
        "cari": search_key(f"{extra.get('kode') or ''} {nama}"),
        "src_file": "corners",
        "src_sheet": "elemen",
    }
    if opd:
        props["opd"] = opd
    if opd in OPDS:
        props |= {"opd_kode": OPDS[opd], "opd_bidang": list(opd_bidang(OPDS[opd]))}
    return Element(element_id(doc.id, kind, key), kind, doc.id, {**props, **extra})


def links(doc: Document, pairs: list[tuple[Element, Element]]) -> list[Link]:
    return [Link(c.id, p.id, "explicit", doc.id) for c, p in pairs]


def corner_records() -> list[Records]:
    v, t = el(RPJMD, "visi", "V", "Kota sudut"), el(RPJMD, "tujuan", "T1", "Tujuan")
    s1 = el(RPJMD, "sasaran", "S1", "Sasaran tata kelola", ref="S1")
    s2 = el(RPJMD, "sasaran", "S2", "Sasaran kesehatan", ref="S2")
    pen = el(RPJMD, "program", "X.XX.01", "PROGRAM PENUNJANG", kode="X.XX.01")
    both = el(RPJMD, "program", "dinkes/1.02.02", "PROGRAM KESEHATAN", "Dinkes", kode="1.02.02")
    rpjmd = Records(
        RPJMD,
        [v, t, s1, s2, pen, both],
        links(RPJMD, [(t, v), (s1, t), (s2, t), (pen, s1), (both, s1), (both, s2)]),
    )
    out = [rpjmd]
    for opd, code, extra_code in [
        ("Dinkes", "1.02", "1.02.02"),
        ("PUPR", "1.03", "1.02.02"),
        ("Bappeda", "5.01", None),
    ]:
        doc = renstra(opd)
        sp = el(doc, "sasaran", "SP1", f"Sasaran {opd}", ref="SP1")
        p01 = el(doc, "program", f"{code}.01", "PROGRAM PENUNJANG", kode=f"{code}.01")
        k01 = el(
            doc, "kegiatan", f"{code}.01.2.01", "Perencanaan", kode=f"{code}.01.2.01", pagu_2026=100
        )
        elements, pairs = [sp, p01, k01], [(p01, sp), (k01, p01)]
        if extra_code:
            p = el(doc, "program", extra_code, "PROGRAM KESEHATAN", kode=extra_code)
            k = el(
                doc,
                "kegiatan",
                f"{extra_code}.2.01",
                "Fasilitas",
                kode=f"{extra_code}.2.01",
                pagu_2026=500,
            )
            elements += [p, k]
            pairs += [(p, sp), (k, p)]
        refs = [Reference(sp.id, "RPJMD", "S1")] + (
            [Reference(sp.id, "RPJMD", "S9")] if opd == "Bappeda" else []
        )
        out.append(Records(doc, elements, links(doc, pairs), refs))
    p1 = el(RKPD, "prioritas", "P1", "Prioritas satu")
    p2 = el(RKPD, "prioritas", "P2", "Prioritas dua")
    prog = el(RKPD, "program", "bappeda/5.01.02", "PROGRAM PERENCANAAN", "Bappeda", kode="5.01.02")
    keg = el(
        RKPD,
        "kegiatan",
        "bappeda/5.01.02.2.01",
        "Koordinasi",
        "Bappeda Kota",  # another OPD, its name like Bappeda's (opd_variants)
        kode="5.01.02.2.01",
        pagu_2026=0,
    )
    sub = el(
        RKPD,
        "sub_kegiatan",
        "bappeda/5.01.02.2.01.0001",
        "Rapat",
        "BAPPEDA",  # Bappeda, spelled otherwise: one OPD
        kode="5.01.02.2.01.0001",
        pagu_2026=25,
    )
    out.append(
        Records(
            RKPD,
            [p1, p2, prog, keg, sub],
            links(RKPD, [(p1, p2), (p2, p1), (prog, p1), (keg, prog), (sub, keg)]),
        )
    )
    return out
