"""Findings the fixtures do not plant, each beside a near miss, on both backends.

missing_indicators (satuan, targets, years not planned), opd_bidang_mismatches,
duplicated_sub_kegiatan, crosscutting and cycles.
"""

from __future__ import annotations

from typing import Any

import pytest

from graph.codes import opd_bidang
from graph.demo import demo_records
from graph.errors import NotFound
from graph.ids import element_id
from graph.model import Document, Element, Indicator, Link, Records, Value
from graph.store import GraphStore
from queries import run_query

PEMDA = "Kota Uji"
LEVELS = {"sasaran": 6, "prioritas": 6, "program": 4, "kegiatan": 3, "sub_kegiatan": 2}
OPD_KODE = {
    "Dinkes": "1.02.0.00.0.00.01.0000",
    "Dinsos": "1.06.0.00.0.00.01.0000",
    "PUPR": "1.03.0.00.0.00.01.0000",
    "Bappeda": "5.01.5.05.0.00.01.0000",
    "DLH": "3.31.2.17.0.00.01.0000",
}


def doc(jenis: str, awal: int, akhir: int | None = None, opd: str | None = None) -> Document:
    name = f"{jenis.lower()}-{opd or 'pemda'}-{awal}".lower()
    return Document(name, jenis, PEMDA, awal, akhir or awal, opd)


def el(d: Document, kind: str, key: str, opd: str | None = None, **extra: Value) -> Element:
    opd = opd or d.opd
    props: dict[str, Value] = {
        "nama": f"{kind} {key}",
        "level": LEVELS[kind],
        "dokumen_jenis": d.jenis,
        "pemda": PEMDA,
        "periode": str(d.properties().get("tahun") or d.properties().get("periode")),
    }
    if opd:
        props |= {
            "opd": opd,
            "opd_kode": OPD_KODE.get(opd),
            "opd_bidang": opd_bidang(OPD_KODE.get(opd)),
        }
    props = {k: v for k, v in props.items() if v not in (None, [])}
    return Element(element_id(d.id, kind, key), kind, d.id, {**props, **extra})


def chain(d: Document, *pairs: tuple[Element, Element]) -> list[Link]:
    return [Link(c.id, p.id, "explicit", d.id) for c, p in pairs]


def rows(store: GraphStore, name: str, **params: Any) -> list[dict[str, Any]]:
    return [r._asdict() for r in run_query(store, name, params).rows]


def test_missing_indicators_satuan_targets_and_unplanned_years(store: GraphStore) -> None:
    d = doc("RENSTRA", 2025, 2027, "Dinkes")
    full = {"satuan": "%", "target_2025": "1", "target_2026": "2", "target_2027": "3"}
    complete = el(d, "sasaran", "S1")
    second_bad = el(d, "sasaran", "S2")
    skips_2026 = el(d, "program", "1.02.02", kode="1.02.02", pagu_2025=5, pagu_2027=5)
    only_2025 = el(d, "kegiatan", "1.02.02.2.01", kode="1.02.02.2.01", pagu_2025=5)
    bare = el(d, "sub_kegiatan", "1.02.02.2.01.0001", kode="1.02.02.2.01.0001")
    indicators = [
        Indicator(complete.id, 0, "IKU", full),
        Indicator(second_bad.id, 0, "IKU", full),
        Indicator(second_bad.id, 1, "Kedua", {**full, "satuan": "-", "target_2026": " "}),
        Indicator(skips_2026.id, 0, "Capaian", {"satuan": "%", "target_2025": 1, "target_2027": 2}),
        Indicator(only_2025.id, 0, "Keluaran", {"satuan": "unit", "target_2026": "4"}),
    ]
    elements = [complete, second_bad, skips_2026, only_2025, bare]
    store.replace_documents([Records(d, elements, indicators=indicators)])
    got = [
        (r["id"].rsplit(":", 1)[1], r["seq"], r["kurang"])
        for r in rows(store, "missing_indicators")
    ]
    assert got == [
        ("1.02.02.2.01", 0, ["target_2025"]),
        ("S2", 1, ["satuan", "target_2026"]),
        ("1.02.02.2.01.0001", None, ["indikator"]),
    ]
    assert [r["indikator"] for r in rows(store, "missing_indicators", kind="sasaran")] == ["Kedua"]


def test_opd_bidang_mismatches_only_known_non_penunjang_programs(store: GraphStore) -> None:
    d = doc("RKPD", 2026)
    programs = [
        el(d, "program", "bappeda/1.03.08", "Bappeda", kode="1.03.08"),  # outside: the finding
        el(d, "program", "bappeda/5.01.02", "Bappeda", kode="5.01.02"),  # own bidang
        el(d, "program", "bappeda/5.05.02", "Bappeda", kode="5.05.02"),  # second bidang
        el(d, "program", "bappeda/1.03.01", "Bappeda", kode="1.03.01"),  # penunjang
        el(d, "program", "bappeda/X.XX.02", "Bappeda", kode="X.XX.02"),  # generic
        el(d, "program", "dlh/2.17.02", "DLH", kode="2.17.02"),  # the OPD's further bidang
        el(d, "program", "lain/1.02.02", "Dinas Tanpa Kode", kode="1.02.02"),  # bidang unknown
    ]
    store.replace_documents([Records(d, programs)])
    got = rows(store, "opd_bidang_mismatches")
    assert [(r["kode"], r["bidang"], r["opd_bidang"]) for r in got] == [
        ("1.03.08", "1.03", ["5.01", "5.05"])
    ]
    assert rows(store, "opd_bidang_mismatches", opd="DLH") == []


def test_duplicated_sub_kegiatan_needs_the_same_lokasi_and_sumber_dana(store: GraphStore) -> None:
    a, b = (
        doc("RENJA", 2026, opd="Dinkes"),
        Document("renja-dinkes-bis-2026", "RENJA", PEMDA, 2026, 2026, "Dinkes"),
    )
    later, rkpd = doc("RENJA", 2027, opd="Dinkes"), doc("RKPD", 2026)
    rsud = doc("RENJA", 2026, opd="RSUD")

    def sub(d: Document, kode: str, lokasi: str, dana: str, opd: str | None = None) -> Element:
        key = f"{(opd or '').lower()}/{kode}" if d.jenis == "RKPD" else kode
        return el(
            d, "sub_kegiatan", key, opd, kode=kode, lokasi=lokasi, sumber_dana=dana, pagu_2026=5
        )

    puskesmas, rehab, obat = "1.02.02.2.01.0002", "1.02.02.2.01.0009", "1.02.02.2.01.0016"
    batch = [
        Records(
            a,
            [
                sub(a, puskesmas, "Kota", "DAU"),
                sub(a, rehab, "Utara", "DAU"),
                sub(a, obat, "Kota", "DAU"),
            ]
            + [el(a, "sub_kegiatan", "rsud", "RSUD", kode=obat)],
        ),
        Records(
            b,
            [
                sub(b, puskesmas, " kota ", "dau"),
                sub(b, rehab, "Barat", "DAU"),
                sub(b, obat, "Kota", "DAK Fisik"),
            ],
        ),
        Records(later, [sub(later, puskesmas, "Kota", "DAU")]),
        Records(rkpd, [sub(rkpd, puskesmas, "Kota", "DAU", "Dinkes")]),
        Records(rsud, [el(rsud, "sub_kegiatan", obat, kode=obat)]),
    ]
    store.replace_documents(batch)
    got = [(r["group"], r["id"], r["pagu"]) for r in rows(store, "duplicated_sub_kegiatan")]
    assert got == [
        (f"{a.id}:sub_kegiatan:{puskesmas}", f"{a.id}:sub_kegiatan:{puskesmas}", 5),
        (f"{a.id}:sub_kegiatan:{puskesmas}", f"{b.id}:sub_kegiatan:{puskesmas}", 5),
        (f"{a.id}:sub_kegiatan:rsud", f"{a.id}:sub_kegiatan:rsud", 0),
        (f"{a.id}:sub_kegiatan:rsud", f"{rsud.id}:sub_kegiatan:{obat}", 0),
    ]
    assert [r["opd"] for r in rows(store, "duplicated_sub_kegiatan", opd="RSUD")] == ["RSUD"] * 2
    assert rows(store, "duplicated_sub_kegiatan", jenis="RKPD") == []


def test_crosscutting_counts_each_opd_and_program_once(store: GraphStore) -> None:
    r, renstra = doc("RPJMD", 2025, 2029), doc("RENSTRA", 2025, 2029, "Dinsos")
    shared, single = el(r, "sasaran", "S1"), el(r, "sasaran", "S2")
    dinkes = el(r, "program", "dinkes/1.02.02", "Dinkes", kode="1.02.02", pagu_2025=5, pagu_2026=5)
    dinkes_too = el(r, "program", "dinkes/1.02.03", "Dinkes", kode="1.02.03", pagu_2025=1)
    penunjang = el(r, "program", "pupr/1.03.01", "PUPR", kode="1.03.01", pagu_2025=100)
    sp1, sp2 = el(renstra, "sasaran", "SP1"), el(renstra, "sasaran", "SP2")
    dinsos = el(renstra, "program", "1.06.04", kode="1.06.04", pagu_2026=7)
    rpjmd = Records(
        r,
        [shared, single, dinkes, dinkes_too, penunjang],
        chain(
            r,
            (dinkes, shared),
            (dinkes, single),
            (dinkes_too, single),
            (penunjang, single),
            (penunjang, shared),
        ),
    )
    # dinsos reaches S1 twice, through each of its two sasaran PD: counted once
    own = Records(
        renstra,
        [sp1, sp2, dinsos],
        chain(renstra, (dinsos, sp1), (dinsos, sp2), (sp1, shared), (sp2, shared)),
    )
    store.replace_documents([rpjmd, own])
    got = [
        (r["id"].rsplit(":", 1)[1], r["opd_count"], r["opd"], r["programs"], r["pagu"])
        for r in rows(store, "crosscutting")
    ]
    assert got == [("S1", 2, "Dinkes", ["1.02.02"], 10), ("S1", 2, "Dinsos", ["1.06.04"], 7)]
    assert rows(store, "crosscutting", jenis="RPJMD") == []


def test_cycles_every_member_of_each_component(store: GraphStore) -> None:
    d, other = doc("RKPD", 2026), doc("RENJA", 2026, opd="Dinkes")
    a, b, c = (el(d, "prioritas", k) for k in ("A", "B", "C"))
    tail, selfish = el(d, "prioritas", "D"), el(d, "program", "p/1.02.02", "Dinkes", kode="1.02.02")
    climb = el(d, "program", "p/1.02.03", "Dinkes", kode="1.02.03")
    keg = el(other, "kegiatan", "1.02.03.2.01", kode="1.02.03.2.01")
    sub = el(other, "sub_kegiatan", "1.02.03.2.01.0001", kode="1.02.03.2.01.0001")
    links = chain(d, (a, b), (b, c), (c, a), (c, tail), (selfish, selfish), (climb, a))
    # a cycle that climbs on every link but one: sub kegiatan -> kegiatan -> program -> sub
    back = chain(other, (sub, keg), (keg, climb), (climb, sub))
    store.replace_documents(
        [Records(d, [a, b, c, tail, selfish, climb], links), Records(other, [keg, sub], back)]
    )
    got = [
        (
            r["cycle"].rsplit(":", 1)[1],
            r["size"],
            r["id"].rsplit(":", 1)[1],
            [p.rsplit(":", 1)[1] for p in r["parents"]],
        )
        for r in rows(store, "cycles")
    ]
    assert got == [
        ("1.02.03.2.01", 3, "1.02.03.2.01", ["p/1.02.03"]),
        ("1.02.03.2.01", 3, "1.02.03.2.01.0001", ["1.02.03.2.01"]),
        ("1.02.03.2.01", 3, "p/1.02.03", ["1.02.03.2.01.0001"]),
        ("A", 3, "A", ["B"]),
        ("A", 3, "B", ["C"]),
        ("A", 3, "C", ["A"]),
        ("p/1.02.02", 1, "p/1.02.02", ["p/1.02.02"]),
    ]
    assert [r["dokumen"] for r in rows(store, "cycles", dokumen=other.id)] == [other.id] * 2


@pytest.mark.parametrize("name", ["trace_up", "trace_down"])
def test_a_trace_from_no_element_is_not_found(store: GraphStore, name: str) -> None:
    store.replace_documents(demo_records())
    start = "renja-kota-mini-dinkes-2026:kegiatan:1.02.02.2.01"  # with elements above and below
    assert run_query(store, name, {"id": start}).rows
    with pytest.raises(NotFound, match="no such element: renja-kota-mini-dinkes-2026:x"):
        run_query(store, name, {"id": "renja-kota-mini-dinkes-2026:x"})
