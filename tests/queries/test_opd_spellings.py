"""One OPD spelled three ways across its documents (upper case in the RPJMD export, ``dan``
and commas moved about in the Renstra and the Renja) is one OPD on both stores: its documents
link by code, the checks group it once, and an ``opd`` filter finds it however it is typed."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from api.loading import identity_text, write_records
from graph.ids import search_key
from graph.model import Document, Element, Link, Records
from graph.neo4j_store import Neo4jStore
from graph.store import GraphStore
from queries.run import run_query

PEMDA = "Kota Uji"
RPJMD = Document("rpjmd-kota-uji-2025-2029", "RPJMD", PEMDA, 2025, 2029)
RENSTRA = Document(
    "renstra-kota-uji-kominfo-2025-2029", "RENSTRA", PEMDA, 2025, 2029,
    opd="Dinas Komunikasi dan Informatika, Statistik",
)  # fmt: skip
RENJA = Document(
    "renja-kota-uji-kominfo-2026", "RENJA", PEMDA, 2026, 2026,
    opd="Dinas Komunikasi Dan Informatika Statistik",
)  # fmt: skip
UPPER = "DINAS KOMUNIKASI, INFORMATIKA DAN STATISTIK"


def _element(doc: Document, kind: str, key: str, opd: str | None, **extra: Any) -> Element:
    periode = f"{doc.tahun_awal}-{doc.tahun_akhir}" if doc.tahun_awal != doc.tahun_akhir else "2026"
    nama = f"{kind} {key}"
    props = {"nama": nama, "pemda": PEMDA, "periode": periode, "dokumen_jenis": doc.jenis,
             "cari": search_key(f"{extra.get('kode') or ''} {nama}"),
             **({"opd": opd} if opd else {}), **extra}  # fmt: skip
    return Element(f"{doc.id}:{kind}:{key}", kind, doc.id, props)


def _chain(doc: Document, *elements: Element) -> list[Link]:
    """Each element supporting the one before it, as a prefix code link of the document."""
    return [Link(c.id, p.id, "kode", doc.id) for p, c in zip(elements, elements[1:], strict=False)]


def _records() -> list[Records]:
    s1 = _element(RPJMD, "sasaran", "S1", None, ref="S1")
    p1 = _element(RPJMD, "program", "kominfo/2.16.02", UPPER, kode="2.16.02")
    p2 = _element(RPJMD, "program", "kominfo/2.16.03", str(RENSTRA.opd), kode="2.16.03")
    rpjmd = Records(
        RPJMD, [s1, p1, p2], [Link(p.id, s1.id, "explicit", RPJMD.id) for p in (p1, p2)]
    )
    sp = _element(RENSTRA, "program", "2.16.02", RENSTRA.opd, kode="2.16.02")
    sk = _element(RENSTRA, "kegiatan", "2.16.02.2.01", RENSTRA.opd, kode="2.16.02.2.01")
    ss = _element(
        RENSTRA, "sub_kegiatan", "2.16.02.2.01.0001", RENSTRA.opd, kode="2.16.02.2.01.0001"
    )
    renstra = Records(RENSTRA, [sp, sk, ss], _chain(RENSTRA, sp, sk, ss))
    jp = _element(RENJA, "program", "2.16.02", RENJA.opd, kode="2.16.02")
    jk = _element(RENJA, "kegiatan", "2.16.02.2.01", RENJA.opd, kode="2.16.02.2.01")
    js = _element(
        RENJA, "sub_kegiatan", "2.16.02.2.01.0001", RENJA.opd,
        kode="2.16.02.2.01.0001", pagu_2026=100,
    )  # fmt: skip
    jp2 = _element(RENJA, "program", "2.16.04", RENJA.opd, kode="2.16.04")  # in no Renstra
    jk2 = _element(RENJA, "kegiatan", "2.16.04.2.01", RENJA.opd, kode="2.16.04.2.01")
    js2 = _element(
        RENJA, "sub_kegiatan", "2.16.04.2.01.0001", RENJA.opd,
        kode="2.16.04.2.01.0001", pagu_2026=40,
    )  # fmt: skip
    links = _chain(RENJA, jp, jk, js) + _chain(RENJA, jp2, jk2, js2)
    renja = Records(RENJA, [jp, jk, js, jp2, jk2, js2], links)
    return [rpjmd, renstra, renja]


def _rows(store: GraphStore, name: str, **params: Any) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = run_query(store, name, params).as_dict()["rows"]
    return rows


def test_one_opd_however_spelled(store: GraphStore) -> None:
    store.replace_documents(_records())

    def parents(element: str) -> list[tuple[str, str]]:
        return [(p["id"], p["basis"]) for p in store.element(element)["parents"]]

    assert parents(f"{RENSTRA.id}:program:2.16.02") == [
        (f"{RPJMD.id}:program:kominfo/2.16.02", "kode")
    ]
    assert (f"{RENSTRA.id}:program:2.16.02", "kode") in parents(f"{RENJA.id}:program:2.16.02")

    orphans = [r["id"] for r in _rows(store, "orphaned_activities", opd=UPPER.replace("DAN", "&"))]
    assert orphans == [
        f"{RENJA.id}:kegiatan:2.16.04.2.01",
        f"{RENJA.id}:sub_kegiatan:2.16.04.2.01.0001",
    ]
    assert [r["kode"] for r in _rows(store, "renja_not_in_renstra")] == [
        "2.16.04.2.01",
        "2.16.04",
        "2.16.04.2.01.0001",
    ]
    opds = [(r["id"], r["activities"]) for r in _rows(store, "coverage", tingkat="opd")]
    assert opds == [(f"{PEMDA} / {UPPER}", 6)]  # the first of its spellings names it
    assert _rows(store, "crosscutting") == []  # two programs of one OPD, not two OPDs
    brief = _rows(store, "opd_priorities", opd="dinas komunikasi informatika & statistik")
    assert [(r["kode"], r["opd"]) for r in brief] == [
        ("2.16.02", UPPER),
        ("2.16.03", RENSTRA.opd),
    ]


@pytest.mark.neo4j
def test_documents_written_before_opd_names_still_group(neo4j_store: Neo4jStore) -> None:
    """A store written before documents carried ``opd_names``: the keys come from the
    elements of those documents, and the checks group alike."""
    neo4j_store.replace_documents(_records())
    before = _rows(neo4j_store, "coverage", tingkat="opd")
    neo4j_store._driver.execute_query("MATCH (d:Document) REMOVE d.opd_names")
    assert _rows(neo4j_store, "coverage", tingkat="opd") == before
    assert [r["id"] for r in before] == [f"{PEMDA} / {UPPER}"]


def test_load_warns_of_an_opd_spelled_otherwise(store: GraphStore) -> None:
    """A Renja whose OPD no other document names, however spelled, but one names alike."""
    bpkad = "Badan Pengelolaan Keuangan dan Aset Daerah"
    renstra = Document("renstra-kota-uji-bpkad-2025-2029", "RENSTRA", PEMDA, 2025, 2029, bpkad)
    write_records(store, [Records(renstra, [_element(renstra, "sasaran", "S1", bpkad)])])

    def opd_warnings(opd: str, tahun: int) -> list[str]:
        doc = Document(f"renja-kota-uji-bpkad-{tahun}", "RENJA", PEMDA, tahun, tahun, opd)
        report = write_records(store, [Records(doc, [_element(doc, "program", "4.02.02", opd)])])
        return [p["message"] for p in report["problems"] if p["column"] == "opd"]

    [warning] = opd_warnings("BADAN PENGELOLAAN KEUANGAN DAN ASET", 2026)
    assert f"mirip '{bpkad}' (0.80)" in warning
    assert opd_warnings("Badan Pengelolaan Keuangan & Aset Daerah", 2027) == []  # one OPD
    assert opd_warnings("Dinas Kesehatan", 2028) == []  # another OPD, nothing alike


def test_search_filters_the_opd_however_spelled(store: GraphStore) -> None:
    store.replace_documents(_records())
    found = store.search("2.16", {"opd": "dinas komunikasi informatika & statistik"}, 50, 0)
    assert found["total"] == 11  # every coded element of the three spellings
    assert {r["opd"] for r in found["rows"]} == {UPPER, RENSTRA.opd, RENJA.opd}
    assert store.search("2.16", {"opd": "Dinas Kesehatan"}, 50, 0)["total"] == 0
    for nothing in ("—", "ก ำกำ"):  # no OPD left once normalised: not the elements with none
        assert store.search("", {"opd": nothing}, 50, 0)["total"] == 0
        assert _rows(store, "orphaned_activities", opd=nothing) == []


SHORT = "DISKOMINFOSTAT"  # Dinas Komunikasi dan Informatika, Statistik


def _renja_shortened() -> list[Records]:
    """The records, with the Renja's OPD written as its short form."""
    rpjmd, renstra, renja = _records()
    doc = dataclasses.replace(RENJA, opd=SHORT)
    elements = [dataclasses.replace(e, extra={**e.extra, "opd": SHORT}) for e in renja.elements]
    return [rpjmd, renstra, dataclasses.replace(renja, document=doc, elements=elements)]


def test_a_short_form_is_the_opd_it_shortens(store: GraphStore) -> None:
    """``--opd DISKOMINFOSTAT`` for a Renja whose Renstra spells the name out: one OPD, its
    programs linked by code, grouped once, found by either name."""
    store.replace_documents(_renja_shortened())
    parents = [
        (p["id"], p["basis"]) for p in store.element(f"{RENJA.id}:program:2.16.02")["parents"]
    ]
    assert (f"{RENSTRA.id}:program:2.16.02", "kode") in parents
    opds = [(r["id"], r["activities"]) for r in _rows(store, "coverage", tingkat="opd")]
    assert opds == [(f"{PEMDA} / {UPPER}", 6)]  # named by the first of its names
    orphans = [r["id"] for r in _rows(store, "orphaned_activities", opd="Diskominfostat")]
    assert orphans == [
        f"{RENJA.id}:kegiatan:2.16.04.2.01",
        f"{RENJA.id}:sub_kegiatan:2.16.04.2.01.0001",
    ]
    assert [r["kode"] for r in _rows(store, "renja_not_in_renstra", opd=UPPER)] == [
        "2.16.04.2.01",
        "2.16.04",
        "2.16.04.2.01.0001",
    ]
    assert store.search("2.16", {"opd": "diskominfostat"}, 50, 0)["total"] == 11
    assert store.search("2.16", {"opd": UPPER}, 50, 0)["total"] == 11


def test_a_short_form_of_two_names_is_left_as_written(store: GraphStore) -> None:
    """Once another name of the store (here of another pemda) fits the short form too, it is
    no longer guessed: the Renja's links by code go, on both stores alike (the Neo4j store
    resolves every pemda again when a write changes what a short form stands for)."""
    store.replace_documents(_renja_shortened())
    other = Document("renstra-kota-lain-2025-2029", "RENSTRA", "Kota Lain", 2025, 2029,
                     opd="Dinas Komunikasi Informasi Statistik")  # fmt: skip
    sasaran = _element(other, "sasaran", "S1", other.opd, pemda="Kota Lain")
    store.replace_documents([Records(other, [sasaran])])
    parents = [p["id"] for p in store.element(f"{RENJA.id}:program:2.16.02")["parents"]]
    assert f"{RENSTRA.id}:program:2.16.02" not in parents
    opds = [r["id"] for r in _rows(store, "coverage", tingkat="opd") if r["id"].startswith(PEMDA)]
    assert sorted(opds) == [f"{PEMDA} / {UPPER}", f"{PEMDA} / {SHORT}"]
    store.delete_document(other.id)  # and back: one OPD again
    parents = [p["id"] for p in store.element(f"{RENJA.id}:program:2.16.02")["parents"]]
    assert f"{RENSTRA.id}:program:2.16.02" in parents


def test_the_load_report_says_how_a_short_opd_name_is_read(store: GraphStore) -> None:
    rpjmd, renstra, renja = _renja_shortened()
    write_records(store, [rpjmd, renstra])
    [document] = write_records(store, [renja])["documents"]
    assert document["opd_read_as"] == UPPER  # the first of the names it stands for
    other = Document("renstra-kota-lain-2025-2029", "RENSTRA", "Kota Lain", 2025, 2029,
                     opd="Dinas Komunikasi Informasi Statistik")  # fmt: skip
    write_records(store, [Records(other, [_element(other, "sasaran", "S1", other.opd)])])
    report = write_records(store, [renja])
    assert "opd_read_as" not in report["documents"][0]
    [warning] = [p["message"] for p in report["problems"] if p["column"] == "opd"]
    assert f"'{SHORT}' bisa singkatan dari beberapa nama ('{other.opd}', '{UPPER}')" in warning


def test_an_opd_is_shown_by_a_name_written_out(store: GraphStore) -> None:
    """``DISKOMINFOSTAT`` sorts before ``Dinas Komunikasi …`` (upper case first), but the
    OPD is shown by the name written out."""
    _, renstra, renja = _renja_shortened()
    store.replace_documents([renstra, renja])
    assert SHORT < str(RENSTRA.opd)
    opds = [(r["id"], r["activities"]) for r in _rows(store, "coverage", tingkat="opd")]
    assert opds == [(f"{PEMDA} / {RENSTRA.opd}", 6)]


def test_the_load_warns_at_the_row_of_an_element_whose_short_opd_is_unclear(
    store: GraphStore,
) -> None:
    """A program prioritas row that names its OPD short, where the short name fits two names
    of the store: a warning at that row, not a guess."""
    _, renstra, _ = _records()
    other = Document("renstra-kota-lain-2025-2029", "RENSTRA", "Kota Lain", 2025, 2029,
                     opd="Dinas Komunikasi Informasi Statistik")  # fmt: skip
    write_records(store, [renstra, Records(other, [_element(other, "sasaran", "S1", other.opd)])])
    where = {"src_file": "rpjmd.xlsx", "src_sheet": "Sheet1", "src_row": 7}
    program = _element(RPJMD, "program", "x/2.16.05", SHORT, kode="2.16.05", **where)
    report = write_records(store, [Records(RPJMD, [program])])
    [problem] = [p for p in report["problems"] if p["column"] == "opd"]
    assert (problem["file"], problem["sheet"], problem["row"]) == ("rpjmd.xlsx", "Sheet1", 7)
    assert f"OPD '{SHORT}' bisa singkatan dari beberapa nama" in problem["message"]


def test_the_load_report_says_how_an_element_opd_written_short_is_read(
    store: GraphStore,
) -> None:
    """A program prioritas row that names its OPD short, where the short name fits one name of
    the store: merged, and the report of its document says so (JSON and the text line)."""
    _, renstra, _ = _records()
    write_records(store, [renstra])
    program = _element(RPJMD, "program", "x/2.16.05", SHORT, kode="2.16.05")
    [document] = write_records(store, [Records(RPJMD, [program])])["documents"]
    assert document["element_opds_read_as"] == {SHORT: RENSTRA.opd}
    assert "opd_read_as" not in document
    assert f"element OPDs read as '{SHORT}' = '{RENSTRA.opd}'" in identity_text(document)
    [document] = write_records(store, [renstra])["documents"]  # its own OPD: no line
    assert "element_opds_read_as" not in document
