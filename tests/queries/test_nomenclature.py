"""Nomenclature lists in both stores, and the check ``nomenclature_mismatches`` on both backends."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph import neo4j_cypher, sqlite_schema
from graph.embedded import EmbeddedStore
from graph.errors import NotFound, SelarasError
from graph.ids import element_id
from graph.model import Document, Element, Records
from graph.nomenclature import Entry
from graph.store import GraphStore, copy_store
from loaders.nomenclature import read_nomenclature
from queries import run_query
from queries.nomenclature import KINDS
from tests.conftest import SHARED, demo_batch

KOTA = Document(
    "renja-kota-uji-dinkes-2026",
    "RENJA",
    "Kota Uji",
    2026,
    2026,
    "Dinas Kesehatan",
    "1.02.0.00.0.00.01.0000",
)
PROV = Document("rkpd-provinsi-uji-2026", "RKPD", "Provinsi Uji", 2026, 2026)
LIST = """kode,level,nama
X.XX.01,program,PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH
X.XX.01.2.01,kegiatan,"Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah"
1.02.02,program,PROGRAM PEMENUHAN UPAYA KESEHATAN PERORANGAN DAN UPAYA KESEHATAN MASYARAKAT
1.02.02.1.01,kegiatan,Penyediaan Fasilitas Pelayanan Kesehatan Kewenangan Daerah Provinsi
1.02.02.2.01,kegiatan,Penyediaan Fasilitas Pelayanan Kesehatan Kewenangan Daerah Kabupaten/Kota
1.02.02.2.01.0002,sub_kegiatan,Pembangunan Puskesmas
1.02.02.2.01.0003,sub_kegiatan,Pembangunan Fasilitas Kesehatan Lainnya
"""
KABKOTA = SHARED / "data" / "nomenklatur_kabkota.csv"


def el(doc: Document, kind: str, kode: str, nama: str) -> Element:
    props = {"kode": kode, "nama": nama, "pemda": doc.pemda, "opd": doc.opd}
    return Element(element_id(doc.id, kind, kode), kind, doc.id, props)


PLANTED = {
    KOTA: [
        ("program", "1.02.01", "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA"),
        ("kegiatan", "1.02.01.2.01", "Perencanaan, Penganggaran dan Evaluasi Kinerja PD"),
        ("program", "X.XX.01", "PROGRAM PENUNJANG"),  # a placeholder: skipped
        (
            "program",
            "1.02.02",
            "Program Pemenuhan Upaya Kesehatan Perorangan dan Upaya Kesehatan Masyarakat",
        ),
        (
            "kegiatan",
            "1.02.02.2.01",
            "Penyediaan Fasilitas Pelayanan Kesehatan Kewenangan Daerah Kabupaten / Kota",
        ),
        ("sub_kegiatan", "1.02.02.2.01.0002", "Pembangunan  PUSKESMAS."),
        ("sub_kegiatan", "1.02.02.2.01.0003", "Pembangunan Rumah Dinas Dokter"),  # nama_beda
        ("sub_kegiatan", "1.02.02.2.01.0099", "Sub kegiatan karangan"),  # tidak_ada
        (  # kewenangan: a provinsi kegiatan in a kota
            "kegiatan",
            "1.02.02.1.01",
            "Penyediaan Fasilitas Pelayanan Kesehatan Kewenangan Daerah Provinsi",
        ),
    ],
    PROV: [  # kewenangan: kab/kota kegiatan and sub kegiatan in a provinsi
        (
            "kegiatan",
            "1.02.02.2.01",
            "Penyediaan Fasilitas Pelayanan Kesehatan Kewenangan Daerah Kabupaten/Kota",
        ),
        ("sub_kegiatan", "1.02.02.2.01.0002", "Pembangunan Puskesmas"),
    ],
}


def planted() -> list[Records]:
    """A Renja of Kota Uji and an RKPD of Provinsi Uji with the findings planted above."""
    records = [Records(doc, [el(doc, *line) for line in lines]) for doc, lines in PLANTED.items()]
    sasaran = Element(f"{KOTA.id}:sasaran:S1", "sasaran", KOTA.id, {"nama": "Sasaran tanpa kode"})
    records[0] = Records(KOTA, [*records[0].elements, sasaran])
    return records


EXPECTED = [
    ("kewenangan", "renja-kota-uji-dinkes-2026:kegiatan:1.02.02.1.01"),
    ("kewenangan", "rkpd-provinsi-uji-2026:kegiatan:1.02.02.2.01"),
    ("kewenangan", "rkpd-provinsi-uji-2026:sub_kegiatan:1.02.02.2.01.0002"),
    ("nama_beda", "renja-kota-uji-dinkes-2026:sub_kegiatan:1.02.02.2.01.0003"),
    ("tidak_ada", "renja-kota-uji-dinkes-2026:sub_kegiatan:1.02.02.2.01.0099"),
]


@pytest.fixture
def official(tmp_path: Path) -> list[Entry]:
    path = tmp_path / "baru.csv"
    path.write_text(LIST, encoding="utf-8")
    return read_nomenclature(path)


@pytest.fixture
def clean(store: GraphStore) -> Iterator[GraphStore]:
    """The store, with every nomenclature version removed afterwards (Neo4j is shared)."""
    yield store
    for version in store.nomenclature_versions():
        store.delete_nomenclature(str(version["versi"]))


def found(store: GraphStore, **params: object) -> list[tuple[str, str]]:
    return [(r.jenis, r.id) for r in run_query(store, "nomenclature_mismatches", params).rows]


def test_no_version_loaded_no_rows(clean: GraphStore) -> None:
    clean.replace_documents(planted())
    assert found(clean) == []


def test_each_jenis_is_found(clean: GraphStore, official: list[Entry]) -> None:
    clean.replace_documents(planted())
    clean.replace_nomenclature("baru", official, "baru.csv")
    rows = run_query(clean, "nomenclature_mismatches").rows
    assert [(r.jenis, r.id) for r in rows] == EXPECTED
    beda = rows[3]
    assert (beda.nama_resmi, beda.kemiripan, beda.versi) == (
        "Pembangunan Fasilitas Kesehatan Lainnya",
        55,
        "baru",
    )
    assert rows[0].nama_resmi.endswith("Provinsi") and rows[4].nama_resmi is None
    assert found(clean, jenis="tidak_ada", dokumen=KOTA.id) == [EXPECTED[4]]


def test_kemiripan_100_asks_for_the_same_words(clean: GraphStore, official: list[Entry]) -> None:
    clean.replace_documents(planted())
    clean.replace_nomenclature("baru", official, "baru.csv")
    rows = run_query(clean, "nomenclature_mismatches", {"jenis": "nama_beda", "kemiripan": 100})
    assert [(r.kode, r.kemiripan) for r in rows.rows] == [
        ("1.02.01.2.01", 87),  # "… PD" for "… Perangkat Daerah"
        ("1.02.01", 85),  # "… KABUPATEN/KOTA" after the generic X.XX.01 name
        ("1.02.02.2.01.0003", 55),
    ]


def test_default_version_is_the_most_recently_loaded(
    clean: GraphStore, official: list[Entry]
) -> None:
    clean.replace_documents(planted())
    lama = [e for e in official if e.kode != "1.02.02.2.01.0003"]
    clean.replace_nomenclature("lama", lama, "lama.csv")
    clean.replace_nomenclature("baru", official, "baru.csv")
    assert [v["versi"] for v in clean.nomenclature_versions()] == ["lama", "baru"]
    assert found(clean) == EXPECTED
    missing = ("tidak_ada", "renja-kota-uji-dinkes-2026:sub_kegiatan:1.02.02.2.01.0003")
    assert found(clean, versi="lama") == [*EXPECTED[:3], missing, EXPECTED[4]]
    assert found(clean, versi="tidak-ada") == []
    clean.delete_nomenclature("baru")
    assert found(clean) == found(clean, versi="lama")


def test_nomenclature_is_never_a_planning_element(clean: GraphStore, official: list[Entry]) -> None:
    clean.replace_documents(planted())
    before = clean.stats()
    summary = clean.replace_nomenclature("baru", official, "baru.csv")
    assert (summary["entries"], summary["kegiatan"], summary["src_file"]) == (7, 3, "baru.csv")
    assert clean.stats() == before
    assert clean.search("Fasilitas Kesehatan Lainnya", {}, 10, 0)["total"] == 0
    if isinstance(clean, EmbeddedStore):
        assert clean.graph.number_of_nodes() == before["elements"]
        assert clean.graph.graph["nomenclature"]["baru"]["1.02.02.2.01.0002"] == (
            "sub_kegiatan",
            "Pembangunan Puskesmas",
        )


def test_replace_list_and_delete(clean: GraphStore, official: list[Entry]) -> None:
    clean.replace_nomenclature("v", official, "a.csv")
    clean.replace_nomenclature("v", official[:2], "b.csv")
    (version,) = clean.nomenclature_versions()
    assert (version["versi"], version["src_file"], version["entries"]) == ("v", "b.csv", 2)
    assert clean.nomenclature_entries("v") == sorted(official[:2])
    clean.delete_nomenclature("v")
    assert clean.nomenclature_versions() == []
    with pytest.raises(NotFound, match="no such nomenclature version"):
        clean.delete_nomenclature("v")
    with pytest.raises(NotFound):
        clean.nomenclature_entries("v")


def test_a_failed_write_leaves_the_store_as_it_was(
    clean: GraphStore, official: list[Entry], monkeypatch: pytest.MonkeyPatch
) -> None:
    clean.replace_nomenclature("v", official, "a.csv")
    before = (clean.nomenclature_versions(), clean.nomenclature_entries("v"))
    if isinstance(clean, EmbeddedStore):
        write = sqlite_schema.insert_nomenclature

        def broken(*args: object) -> None:
            write(*args)  # type: ignore[arg-type]
            raise sqlite3.OperationalError("disk I/O error")

        monkeypatch.setattr(sqlite_schema, "insert_nomenclature", broken)
    else:
        text = "UNWIND $rows AS row CREATE (n:Nomenklatur) SET n = row, n.x = 1 / 0"
        monkeypatch.setattr(neo4j_cypher, "WRITE_NOMENCLATURE", text)
    with pytest.raises((SelarasError, sqlite3.Error)):
        clean.replace_nomenclature("v", official[:1], "b.csv")
    assert (clean.nomenclature_versions(), clean.nomenclature_entries("v")) == before


def test_copy_carries_the_versions_in_load_order(
    clean: GraphStore, official: list[Entry], tmp_path: Path
) -> None:
    with EmbeddedStore(str(tmp_path / "a.db")) as source:
        source.replace_documents(planted())
        source.replace_nomenclature("lama", official[:3], "lama.csv")
        source.replace_nomenclature("baru", official, "baru.csv")
        copy_store(source, clean)
    assert [v["versi"] for v in clean.nomenclature_versions()] == ["lama", "baru"]
    assert clean.nomenclature_entries("baru") == sorted(official)
    assert found(clean) == EXPECTED


@pytest.mark.skipif(not KABKOTA.is_file(), reason=f"{KABKOTA} tidak ada / absent")
def test_demo_codes_are_in_the_shared_list(clean: GraphStore, tmp_path: Path) -> None:
    batch = demo_batch()
    entries = read_nomenclature(KABKOTA)
    clean.replace_documents(batch)
    clean.replace_nomenclature("kabkota-2020", entries, KABKOTA.name)
    rows = run_query(clean, "nomenclature_mismatches").rows
    print(f"\nnomenclature_mismatches on the demo vs {KABKOTA.name}:")
    for r in rows:
        print(f"  {r.jenis:10} {r.kode:18} {r.id} | {r.nama} | {r.nama_resmi} | {r.kemiripan}")
    codes = {
        str(e.extra["kode"])
        for r in batch
        for e in r.elements
        if e.kind in KINDS and e.extra.get("kode") and not str(e.extra["kode"]).startswith("X")
    }
    assert len(codes) > 150
    # Exactly the codes planted wrong in demo/README.md: a kegiatan part typed wrong
    # (5.01.02.2.07), a kegiatan that does not exist (1.02.02.2.09), and program 1.02.02's name
    # copied onto 1.02.03.
    assert sorted((r.jenis, r.id) for r in rows) == [
        ("nama_beda", "renstra-kota-contoh-dinkes-2025-2029:program:1.02.03"),
        ("tidak_ada", "renja-kota-contoh-bappeda-2026:sub_kegiatan:5.01.02.2.07.0001"),
        ("tidak_ada", "renja-kota-contoh-dinkes-2026:sub_kegiatan:1.02.02.2.09.0001"),
    ]
    with EmbeddedStore(str(tmp_path / "ref.db")) as reference:  # the Python reference
        reference.replace_documents(batch)
        reference.replace_nomenclature("kabkota-2020", entries, KABKOTA.name)
        assert run_query(reference, "nomenclature_mismatches").rows == rows


def test_two_officially_named_programs_are_not_near_duplicates(clean: GraphStore) -> None:
    """duplicated_programs (nama_mirip): two programs that carry the official names of their two
    codes are two programs however alike the names; a name the list does not give still pairs."""
    names = {
        "1.02.05": "Program Pengadaan Alat Uji",
        "1.02.06": "Program Pengadaan Bahan Uji",
        "1.02.07": "Program Pengadaan Alat Uji.",  # its code names another
    }
    ids = {kode: element_id(KOTA.id, "program", kode) for kode in names}
    mirip = {"1.02.05": ["1.02.06", "1.02.07"], "1.02.06": ["1.02.05"], "1.02.07": ["1.02.05"]}
    programs = [
        Element(ids[k], "program", KOTA.id, {**el(KOTA, "program", k, nama).extra,
                                             "mirip": [ids[m] for m in mirip[k]]})
        for k, nama in names.items()
    ]  # fmt: skip
    clean.replace_documents([Records(KOTA, programs)])

    def paired() -> list[tuple[str, str]]:
        rows = run_query(clean, "duplicated_programs", {"reason": "nama_mirip"}).rows
        return [(r.group.rsplit(":", 1)[1], r.kode) for r in rows]

    assert paired() == [("1.02.05", "1.02.05"), ("1.02.05", "1.02.06"), ("1.02.05", "1.02.07")]
    official = [
        Entry("1.02.05", "program", names["1.02.05"].upper()),
        Entry("1.02.06", "program", names["1.02.06"]),
        Entry("1.02.07", "program", "Program Pengelolaan Uji Lainnya"),
    ]
    clean.replace_nomenclature("uji", official, "uji.csv")
    assert paired() == [("1.02.05", "1.02.05"), ("1.02.05", "1.02.07")]
