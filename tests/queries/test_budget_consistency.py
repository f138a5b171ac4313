"""Planted findings and near misses for the budget and consistency checks, on both backends.

Each case builds a small pemda ("Kota Uji") from records, with documents linked as the store
links them (same OPD and code across documents, resolved after the load), and often a second
pemda ("Kota Lain") with the same OPD and codes, which must never be matched with the first.
"""

from __future__ import annotations

from typing import Any

from graph.ids import document_id, element_id, slug
from graph.model import NOMENCLATURE_KINDS, Document, Element, Link, Records, Value
from graph.store import GraphStore
from queries import run_query

PEMDA, LAIN = "Kota Uji", "Kota Lain"
RPJMD = Document(document_id("RPJMD", PEMDA, 2025, 2029), "RPJMD", PEMDA, 2025, 2029)
RKPD = Document(document_id("RKPD", PEMDA, 2026, 2026), "RKPD", PEMDA, 2026, 2026)


def plan(jenis: str, opd: str | None, awal: int, akhir: int = 0, pemda: str = PEMDA) -> Document:
    """A Renstra (a period) or a Renja (a year) of one OPD, or an RKPD (``opd`` None)."""
    akhir = akhir or awal
    return Document(document_id(jenis, pemda, awal, akhir, opd), jenis, pemda, awal, akhir, opd)


def el(doc: Document, kind: str, key: str, opd: str | None = None, **extra: Value) -> Element:
    """An element with the properties the loader gives it; ``key`` is the code of a program,
    kegiatan or sub kegiatan (prefixed by the OPD slug in the RKPD)."""
    opd = opd or doc.opd
    periode = f"{doc.tahun_awal}-{doc.tahun_akhir}" if doc.tahun_awal != doc.tahun_akhir else ""
    props: dict[str, Value] = {
        "nama": f"{kind} {key}",
        "pemda": doc.pemda,
        "dokumen_jenis": doc.jenis,
        "periode": periode or str(doc.tahun_awal),
    }
    if opd:
        props["opd"] = opd
    if kind in NOMENCLATURE_KINDS:
        props["kode"] = key
    own = f"{slug(opd)}/{key}" if doc.jenis == "RKPD" and opd else key
    return Element(element_id(doc.id, kind, own), kind, doc.id, {**props, **extra})


def links(doc: Document, *pairs: tuple[Element, Element]) -> list[Link]:
    return [Link(c.id, p.id, "explicit", doc.id) for c, p in pairs]


def rows(store: GraphStore, name: str, **params: Any) -> list[tuple[Any, ...]]:
    return [tuple(r) for r in run_query(store, name, params).rows]


# --- budget_rollup ----------------------------------------------------------------------------


def rollup_records() -> list[Records]:
    """Sub kegiatan A reaches S1 through the Renstra and through the RKPD (counted once), B
    through the Renstra only, C nowhere; A and B also reach RPJMD program 1.02.02. Kota Lain has
    only a Renja, whose pagu counts towards its own total."""
    s1, s2 = el(RPJMD, "sasaran", "S1"), el(RPJMD, "sasaran", "S2")
    rp = el(RPJMD, "program", "dinkes/1.02.02", "Dinkes", kode="1.02.02")
    renstra = plan("RENSTRA", "Dinkes", 2025, 2029)
    sp = el(renstra, "sasaran", "SP1")
    sprog, skeg = el(renstra, "program", "1.02.02"), el(renstra, "kegiatan", "1.02.02.2.01")
    ssub = el(renstra, "sub_kegiatan", "1.02.02.2.01.0001", pagu_2026=1)
    prio = el(RKPD, "prioritas", "P1")
    kprog, kkeg = (
        el(RKPD, "program", "1.02.02", "Dinkes"),
        el(RKPD, "kegiatan", "1.02.02.2.01", "Dinkes"),
    )
    ksub = el(RKPD, "sub_kegiatan", "1.02.02.2.01.0001", "Dinkes", pagu_2026=55)
    renja = plan("RENJA", "Dinkes", 2026)
    jprog, jkeg = el(renja, "program", "1.02.02"), el(renja, "kegiatan", "1.02.02.2.01")
    a = el(renja, "sub_kegiatan", "1.02.02.2.01.0001", pagu_2026=60, pagu_2027=10)
    b = el(renja, "sub_kegiatan", "1.02.02.2.01.0002", pagu_2026=40)
    c = el(renja, "sub_kegiatan", "1.02.02.2.09.0001", pagu_2026=25)
    lain = plan("RENJA", "Dinkes", 2026, pemda=LAIN)
    return [
        Records(lain, [el(lain, "sub_kegiatan", "1.02.02.2.01.0001", pagu_2026=1000)]),
        Records(RPJMD, [s1, s2, rp], links(RPJMD, (rp, s1))),
        Records(
            renstra,
            [sp, sprog, skeg, ssub],
            links(renstra, (sp, s1), (sprog, sp), (skeg, sprog), (ssub, skeg)),
        ),
        Records(
            RKPD,
            [prio, kprog, kkeg, ksub],
            links(RKPD, (prio, s1), (kprog, prio), (kkeg, kprog), (ksub, kkeg)),
        ),
        Records(renja, [jprog, jkeg, a, b, c], links(renja, (jkeg, jprog), (a, jkeg), (b, jkeg))),
    ]


def test_budget_rollup_counts_each_sub_kegiatan_once(store: GraphStore) -> None:
    store.replace_documents(rollup_records())
    rp, s = f"{RPJMD.id}:program:dinkes/1.02.02", f"{RPJMD.id}:sasaran:S"
    total = "Total: pagu yang mencapai sasaran RPJMD / total reaching an RPJMD sasaran"
    got = [(r[0], r[1], r[5], r[6], r[7]) for r in rows(store, "budget_rollup")]
    assert got == [
        (2026, "*total:kota-lain", 0, 1000, 0.0),
        (2026, "*total:kota-uji", 100, 125, 0.8),
        (2026, rp, 100, 125, 0.8),
        (2026, s + "1", 100, 125, 0.8),
        (2026, s + "2", 0, 125, 0.0),
        (2027, "*total:kota-uji", 10, 10, 1.0),
        (2027, rp, 10, 10, 1.0),
        (2027, s + "1", 10, 10, 1.0),
        (2027, s + "2", 0, 10, 0.0),
    ]
    assert rows(store, "budget_rollup")[1][2:5] == ("total", None, total)
    assert [r[1][-2:] for r in rows(store, "budget_rollup", tahun=2027)] == ["ji", "02", "S1", "S2"]
    rkpd = [(r[0], r[1][-2:], r[5], r[6]) for r in rows(store, "budget_rollup", sumber="RKPD")]
    assert rkpd == [
        (2026, "ji", 55, 55),
        (2026, "02", 55, 55),
        (2026, "S1", 55, 55),
        (2026, "S2", 0, 55),
    ]


# --- pagu_mismatches --------------------------------------------------------------------------


def mismatch_records() -> list[Records]:
    """A Renja program 5 under its kegiatan (100 against 60 + 45, the 45 a near miss at 5 %), a
    kegiatan 1 over its sub kegiatan (60 against 30 + 31, one more without pagu), two not
    compared (no pagu on one side), a kegiatan of another document under the program (not
    counted), and a Renstra pagu_total 100 over its years; another Renstra program's pagu_total
    is its last year's pagu (the other way tables fill it: not reported). Amounts with sen whose
    float sums miss by a fraction of a rupiah are not reported: a Renja program over its
    kegiatan, a Renstra program's total over its years."""
    renja = plan("RENJA", "Dinkes", 2026)
    prog = el(renja, "program", "1.02.02", pagu_2026=100)
    k1 = el(renja, "kegiatan", "1.02.02.2.01", pagu_2026=60)
    k2 = el(renja, "kegiatan", "1.02.02.2.02", pagu_2026=45)
    k3 = el(renja, "kegiatan", "1.02.02.2.03")
    s11 = el(renja, "sub_kegiatan", "1.02.02.2.01.0001", pagu_2026=30)
    s12 = el(renja, "sub_kegiatan", "1.02.02.2.01.0002", pagu_2026=31)
    s13 = el(renja, "sub_kegiatan", "1.02.02.2.01.0003")
    s21 = el(renja, "sub_kegiatan", "1.02.02.2.02.0001")
    s31 = el(renja, "sub_kegiatan", "1.02.02.2.03.0001", pagu_2026=7)
    other = plan("RENJA", "Dinas Lain", 2026)
    stray = el(other, "kegiatan", "1.02.02.2.09", pagu_2026=1000)
    renstra = plan("RENSTRA", "Dinkes", 2025, 2029)
    years = {"pagu_2025": 100, "pagu_2026": 200, "pagu_2027": 200}
    sprog = el(renstra, "program", "1.02.02", pagu_total=600, **years)
    skeg = el(renstra, "kegiatan", "1.02.02.2.01", pagu_total=500, **years)
    ssub = el(renstra, "sub_kegiatan", "1.02.02.2.01.0001", pagu_total=90)
    slast = el(renstra, "program", "1.02.03", pagu_total=200, **years)
    sen = {"pagu_2025": 100.1, "pagu_2026": 200.2, "pagu_2027": 300.3}
    ssen = el(renstra, "program", "1.02.04", pagu_total=600.6, **sen)  # the sum: 600.5999…
    psen = el(renja, "program", "1.02.05", pagu_2026=1000.3)
    ksen = [el(renja, "kegiatan", "1.02.05.2.01", pagu_2026=1000.1),
            el(renja, "kegiatan", "1.02.05.2.02", pagu_2026=0.2)]  # fmt: skip
    pairs = [(k1, prog), (k2, prog), (k3, prog), (s11, k1), (s12, k1), (s13, k1), (s21, k2)]
    pairs += [(s31, k3), *((k, psen) for k in ksen)]
    return [
        Records(
            renja, [prog, k1, k2, k3, s11, s12, s13, s21, s31, psen, *ksen], links(renja, *pairs)
        ),
        Records(other, [stray], links(other, (stray, prog))),
        Records(
            renstra, [sprog, skeg, ssub, slast, ssen], links(renstra, (skeg, sprog), (ssub, skeg))
        ),
    ]


def test_pagu_mismatches_plants_and_near_misses(store: GraphStore) -> None:
    store.replace_documents(mismatch_records())
    renja, renstra = plan("RENJA", "Dinkes", 2026).id, plan("RENSTRA", "Dinkes", 2025, 2029).id
    program = ("program", "1.02.02")
    got = rows(store, "pagu_mismatches")
    assert [(r[0], r[5], r[6], r[7], r[8], r[9]) for r in got] == [
        (f"{renja}:kegiatan:1.02.02.2.01", 2026, 60, 61, -1, "rincian"),
        (f"{renja}:program:1.02.02", 2026, 100, 105, -5, "rincian"),
        (f"{renstra}:program:1.02.02", None, 600, 500, 100, "total"),
    ]
    assert got[1][1:5] == (*program, "program 1.02.02", renja)
    assert rows(store, "pagu_mismatches", toleransi=0.05) == got[2:]
    assert rows(store, "pagu_mismatches", toleransi=0.04) == got[1:]
    assert rows(store, "pagu_mismatches", tahun=2026) == got[:2]
    assert rows(store, "pagu_mismatches", dokumen=renstra) == got[2:]
    assert rows(store, "pagu_mismatches", opd="Dinas Lain") == []


# --- renja_not_in_renstra ---------------------------------------------------------------------


def renstra_records() -> list[Records]:
    """Dinkes: sub kegiatan B is not in the Renstra (its OPD spelled differently there: still the
    same OPD). Disdik has no Renstra (not compared). PUPR: X is only in the Renstra of the
    previous period (reported), Y is in the current one. Kota Lain's Renstra has B (it does not
    count for Kota Uji) and its Renja only what its Renstra has."""
    lain, lain_renja = (
        plan("RENSTRA", "Dinkes", 2025, 2029, LAIN),
        plan("RENJA", "Dinkes", 2026, pemda=LAIN),
    )
    dinkes = plan("RENSTRA", "Dinas Kesehatan", 2025, 2029)
    old_pupr, pupr = plan("RENSTRA", "PUPR", 2020, 2024), plan("RENSTRA", "PUPR", 2025, 2029)
    renja = plan("RENJA", "DINAS  KESEHATAN", 2026)
    renja_disdik, renja_pupr = plan("RENJA", "Disdik", 2026), plan("RENJA", "PUPR", 2026)
    return [
        Records(lain, [el(lain, "sub_kegiatan", "1.02.02.2.01.0002")]),
        Records(lain_renja, [el(lain_renja, "sub_kegiatan", "1.02.02.2.01.0002")]),
        Records(
            dinkes,
            [el(dinkes, "program", "1.02.02"), el(dinkes, "sub_kegiatan", "1.02.02.2.01.0001")],
        ),
        Records(old_pupr, [el(old_pupr, "sub_kegiatan", "1.03.10.2.01.0001")]),
        Records(pupr, [el(pupr, "sub_kegiatan", "1.03.10.2.01.0002")]),
        Records(
            renja,
            [
                el(renja, "program", "1.02.02", pagu_2026=9),
                el(renja, "sub_kegiatan", "1.02.02.2.01.0001", pagu_2026=5),
                el(renja, "sub_kegiatan", "1.02.02.2.01.0002", pagu_2026=4),
            ],
        ),
        Records(renja_disdik, [el(renja_disdik, "sub_kegiatan", "1.01.02.2.01.0001")]),
        Records(
            renja_pupr,
            [
                el(renja_pupr, "sub_kegiatan", "1.03.10.2.01.0001"),
                el(renja_pupr, "sub_kegiatan", "1.03.10.2.01.0002"),
            ],
        ),
    ]


def test_renja_not_in_renstra(store: GraphStore) -> None:
    store.replace_documents(renstra_records())
    renja, pupr = plan("RENJA", "DINAS  KESEHATAN", 2026).id, plan("RENJA", "PUPR", 2026).id
    got = rows(store, "renja_not_in_renstra")
    assert [(r[0], r[4], r[6], r[7]) for r in got] == [
        (f"{renja}:sub_kegiatan:1.02.02.2.01.0002", "DINAS  KESEHATAN", 2026, 4),
        (f"{pupr}:sub_kegiatan:1.03.10.2.01.0001", "PUPR", 2026, None),
    ]
    assert rows(store, "renja_not_in_renstra", opd="dinas kesehatan") == got[:1]
    assert rows(store, "renja_not_in_renstra", dokumen=pupr) == got[1:]
    assert rows(store, "renja_not_in_renstra", tahun=2027) == []


# --- renja_rkpd_mismatches --------------------------------------------------------------------


def rkpd_records() -> list[Records]:
    """Dinkes 2026: kegiatan pagu 104 in the Renja against 100 in the RKPD, sub kegiatan B only in
    the Renja, C only in the RKPD, A alike (the RKPD spells the OPD in capitals). Disdik has no
    Renja and PUPR's Renja 2027 no RKPD: neither is compared. Kota Lain plans the same codes
    (B in its RKPD, the kegiatan at 104 in both): nothing there, and nothing across the pemda."""
    renja, pupr = plan("RENJA", "Dinas Kesehatan", 2026), plan("RENJA", "PUPR", 2027)
    a, b, c = "1.02.02.2.01.0001", "1.02.02.2.01.0002", "1.02.02.2.01.0003"
    big = "DINAS KESEHATAN"
    lain_rkpd, lain = plan("RKPD", None, 2026, pemda=LAIN), plan("RENJA", big, 2026, pemda=LAIN)
    return [
        Records(
            lain_rkpd,
            [
                el(lain_rkpd, "kegiatan", "1.02.02.2.01", big, pagu_2026=104),
                el(lain_rkpd, "sub_kegiatan", b, big, pagu_2026=40),
            ],
        ),
        Records(
            lain,
            [el(lain, "kegiatan", "1.02.02.2.01", pagu_2026=104), el(lain, "sub_kegiatan", b)],
        ),
        Records(
            RKPD,
            [
                el(RKPD, "program", "1.02.02", big, pagu_2026=100),
                el(RKPD, "kegiatan", "1.02.02.2.01", big, pagu_2026=100),
                el(RKPD, "sub_kegiatan", a, big, pagu_2026=60),
                el(RKPD, "sub_kegiatan", c, big, pagu_2026=15),
                el(RKPD, "sub_kegiatan", "1.01.02.2.01.0001", "Disdik", pagu_2026=1),
            ],
        ),
        Records(
            renja,
            [
                el(renja, "program", "1.02.02"),
                el(renja, "kegiatan", "1.02.02.2.01", pagu_2026=104),
                el(renja, "sub_kegiatan", a, pagu_2026=60),
                el(renja, "sub_kegiatan", b, pagu_2026=40),
            ],
        ),
        Records(pupr, [el(pupr, "sub_kegiatan", "1.03.10.2.01.0001", pagu_2027=3)]),
    ]


def test_renja_rkpd_mismatches(store: GraphStore) -> None:
    store.replace_documents(rkpd_records())
    renja = plan("RENJA", "Dinas Kesehatan", 2026).id
    rkpd = f"{RKPD.id}:sub_kegiatan:dinas-kesehatan/1.02.02.2.01.0003"
    got = rows(store, "renja_rkpd_mismatches", toleransi=0.0)
    assert rows(store, "renja_rkpd_mismatches") == got[1:]  # 4 % is within the default 5 %
    assert [(r[0], r[1], r[7], r[8], r[9], r[10]) for r in got] == [
        (
            f"{renja}:kegiatan:1.02.02.2.01",
            "pagu_beda",
            104,
            100,
            4,
            f"{RKPD.id}:kegiatan:dinas-kesehatan/1.02.02.2.01",
        ),
        (f"{renja}:sub_kegiatan:1.02.02.2.01.0002", "tidak_di_rkpd", 40, None, None, None),
        (rkpd, "tidak_di_renja", None, 15, None, None),
    ]
    assert got[2][4:7] == ("DINAS KESEHATAN", RKPD.id, 2026)
    assert rows(store, "renja_rkpd_mismatches", toleransi=0.04) == got[1:]
    assert rows(store, "renja_rkpd_mismatches", toleransi=0.03) == got
    assert rows(store, "renja_rkpd_mismatches", dokumen=RKPD.id) == got[2:]
    assert rows(store, "renja_rkpd_mismatches", toleransi=0.0, opd="Dinas Kesehatan") == got
    assert rows(store, "renja_rkpd_mismatches", opd="Disdik") == []
    assert rows(store, "renja_rkpd_mismatches", tahun=2027) == []
