"""A synthetic pemda's plan as records: the RPJMD, a Renstra per OPD, the RKPD, a Renja per OPD.

Rows become loader drafts numbered as the Selaras CSV layout writes them, and the drafts go
through :func:`loaders.records.records_from_drafts`, the path every reader ends in: ids, links,
element properties and indicators are the ones loading the written CSV gives.

Examples
--------
>>> import random
>>> from loaders.synthetic_catalogue import builtin_catalogue
>>> from loaders.synthetic_plan import plan_pemda
>>> pemda = plan_pemda("Kab. Uji", random.Random(1), builtin_catalogue(), (2025, 2029), 2026)
>>> rpjmd = rpjmd_records(pemda)
>>> rpjmd.document.id, rpjmd.elements[0].extra["src_row"]
('rpjmd-kab-uji-2025-2029', 6)
>>> [e.kind for e in rpjmd.elements].count("sasaran")
25
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from graph.chain import Chain, load_chain
from graph.codes import is_penunjang
from graph.ids import slug
from graph.model import Document, Records
from loaders.synthetic_plan import Keg, Opd, Pemda, Prog
from loaders.synthetic_plants import document_of
from loaders.synthetic_rows import DraftSheet, Measure, target_text, trend
from loaders.synthetic_text import GOVERNANCE, MISI, Goal

__all__ = [
    "pemda_records",
    "renja_records",
    "renstra_records",
    "rkpd_records",
    "rpjmd_records",
]


def pemda_records(pemda: Pemda, chain: Chain | None = None) -> Iterator[Records]:
    """Every document of the pemda: RPJMD, Renstra per OPD, RKPD, Renja per OPD."""
    chain = chain or load_chain()
    yield rpjmd_records(pemda, chain)
    for opd in pemda.opds:
        yield renstra_records(pemda, opd, chain)
    yield rkpd_records(pemda, chain)
    for opd in pemda.opds:
        yield renja_records(pemda, opd, chain)


def _goals() -> Iterator[tuple[str, str, Goal, str]]:
    """(kind, number, goal, parent ref) of every RPJMD tujuan then every sasaran."""
    for i, misi in enumerate(MISI, 1):
        for j, tujuan in enumerate(misi.tujuan, 1):
            yield "tujuan", f"{i}.{j}", tujuan.goal, f"M{i}"
    for i, misi in enumerate(MISI, 1):
        for j, tujuan in enumerate(misi.tujuan, 1):
            for k, goal in enumerate(tujuan.sasaran, 1):
                yield "sasaran", f"{i}.{j}.{k}", goal, f"T{i}.{j}"


def rpjmd_records(pemda: Pemda, chain: Chain | None = None) -> Records:
    """Visi, 5 misi, 12 tujuan, 25 sasaran, ``X.XX.01`` and every OPD program."""
    a, b = pemda.periode
    sheet = DraftSheet(
        Document(document_of(pemda, "RPJMD"), "RPJMD", pemda.nama, a, b, src_file="rpjmd.csv")
    )
    sheet.add(
        "visi", f"Terwujudnya {pemda.nama} yang Sehat, Cerdas, Sejahtera dan Berkelanjutan", ref="V"
    )
    for i, misi in enumerate(MISI, 1):
        sheet.add("misi", misi.nama, kode=str(i), ref=f"M{i}", induk=["V"])
    for kind, number, goal, parent in _goals():
        ref = f"{kind[0].upper()}{number}"
        sheet.add(
            kind,
            goal.nama,
            kode=number,
            ref=ref,
            induk=[parent],
            measures=[trend(goal, pemda.years)],
        )
    penunjang = [p for o in pemda.opds for p in o.programs if is_penunjang(p.kode)]
    sheet.add(
        "program",
        penunjang[0].nama if penunjang else "PROGRAM PENUNJANG",
        kode="X.XX.01",
        induk=[GOVERNANCE],
        measures=[_program_measure(80, pemda.years)],
        pagu={y: sum(p.pagu(y) for p in penunjang) for y in pemda.years},
    )
    for opd in pemda.opds:
        for p in opd.programs:
            if not is_penunjang(p.kode):
                sheet.add(
                    "program",
                    p.nama,
                    kode=p.kode,
                    induk=[p.sasaran],
                    opd=opd,
                    measures=[_program_measure(p.awal, pemda.years, p.nama)],
                    pagu={y: p.pagu(y) for y in pemda.years},
                )
    return sheet.records(chain or load_chain())


def _program_measure(awal: int, years: Sequence[int], nama: str = "") -> Measure:
    what = nama.lower().removeprefix("program ") or "perangkat daerah dengan nilai SAKIP minimal B"
    targets = {y: str(min(100, awal + 3 * (i + 1))) for i, y in enumerate(years)}
    return Measure(f"Persentase capaian {what}", "%", targets, str(awal))


def renstra_records(pemda: Pemda, opd: Opd, chain: Chain | None = None) -> Records:
    """Tujuan and sasaran PD tied to the RPJMD sasaran, then programs down to sub kegiatan."""
    a, b = pemda.periode
    doc = Document(
        document_of(pemda, "RENSTRA", opd),
        "RENSTRA",
        pemda.nama,
        a,
        b,
        opd=opd.nama,
        opd_kode=opd.kode,
        src_file=f"renstra_{slug(opd.nama)}.csv",
    )
    sheet = DraftSheet(doc)
    groups = list(dict.fromkeys(p.sasaran for p in opd.programs if not is_penunjang(p.kode)))
    sp = {s: f"SP{i}" for i, s in enumerate(groups, 1)}
    _renstra_goals(sheet, pemda, opd, groups)
    for p in opd.programs:
        ref = sp[p.sasaran] if not is_penunjang(p.kode) else f"SP{len(groups) + 1}"
        _program_rows(sheet, p, pemda.years, [ref], None, renja=False)
    return sheet.records(chain or load_chain())


def _renstra_goals(sheet: DraftSheet, pemda: Pemda, opd: Opd, groups: list[str]) -> None:
    """Tujuan 1 and its sasaran PD, one per RPJMD sasaran the OPD's programs serve; tujuan 2
    and the governance sasaran PD, where the program penunjang goes."""

    def add(kind: str, kode: str, ref: str, nama: str, induk: list[str], goal: Goal) -> None:
        sheet.add(kind, nama, kode=kode, ref=ref, induk=induk, measures=[trend(goal, pemda.years)])

    goals = {f"S{n}": goal for _, n, goal, _ in _goals()}
    n, gov = opd.nama, f"RPJMD:{GOVERNANCE}"
    if groups:
        measure = Goal("", f"Persentase capaian sasaran strategis {n}", "%", 78, 3)
        tujuan = f"Meningkatkan capaian kinerja urusan yang diampu {n}"
        add("tujuan", "1", "T1", tujuan, [f"RPJMD:{groups[0]}"], measure)
    measure = Goal("", f"Indeks kepuasan masyarakat terhadap layanan {n}", "nilai", 77, 1)
    add("tujuan", "2", "T2", f"Meningkatkan akuntabilitas kinerja {n}", [gov], measure)
    for i, s in enumerate(groups, 1):
        induk = ["T1", f"RPJMD:{s}"]
        add("sasaran", f"1.{i}", f"SP{i}", f"{goals[s].nama} melalui {n}", induk, goals[s])
    sasaran = f"Meningkatnya akuntabilitas kinerja dan tata kelola {n}"
    measure = Goal("", f"Nilai SAKIP {n}", "nilai", 64, 2)
    add("sasaran", "2.1", f"SP{len(groups) + 1}", sasaran, ["T2", gov], measure)


def _program_rows(
    sheet: DraftSheet, p: Prog, years: Sequence[int], induk: list[str], opd: Opd | None, renja: bool
) -> None:
    """A program, its kegiatan and their sub kegiatan, with pagu for ``years``."""
    sheet.add(
        "program",
        p.nama,
        kode=p.kode,
        induk=induk,
        opd=opd,
        measures=[_program_measure(p.awal, years, p.nama)],
        pagu={y: p.pagu(y, renja) for y in years},
    )
    for k in p.kegiatan:
        _kegiatan_rows(sheet, k, years, opd, renja, row=True)


def _kegiatan_rows(
    sheet: DraftSheet, k: Keg, years: Sequence[int], opd: Opd | None, renja: bool, row: bool
) -> None:
    annual = len(years) == 1
    if row:
        sheet.add(
            "kegiatan",
            k.nama,
            kode=k.kode,
            opd=opd,
            measures=[
                Measure(f"Persentase capaian keluaran {k.nama}", "%", dict.fromkeys(years, "100"))
            ],
            pagu={y: k.pagu(y, renja) for y in years},
        )
    for s in k.subs:
        texts = {"lokasi": s.lokasi, "sumber_dana": s.sumber_dana} if annual else None
        sheet.add(
            "sub_kegiatan",
            s.nama,
            kode=s.kode,
            opd=opd,
            texts=texts,
            measures=[
                Measure(
                    f"Jumlah {s.satuan} {s.nama}", s.satuan, dict.fromkeys(years, str(s.target))
                )
            ],
            pagu={y: s.pagu[y] for y in years},
        )


def rkpd_records(pemda: Pemda, chain: Chain | None = None) -> Records:
    """Prioritas per misi under its RPJMD sasaran, then every OPD's programs for the year."""
    t = pemda.tahun
    sheet = DraftSheet(
        Document(document_of(pemda, "RKPD"), "RKPD", pemda.nama, t, t, src_file=f"rkpd_{t}.csv")
    )
    misi_of = {}
    for opd in pemda.opds:
        for p in opd.programs:
            misi_of[p.sasaran] = p.sasaran[1:].split(".")[0]
    used = sorted(set(misi_of.values()), key=int)
    prioritas = {m: f"P{n}" for n, m in enumerate(used, 1)}
    for n, m in enumerate(used, 1):
        misi = MISI[int(m) - 1]
        refs = [f"RPJMD:{s}" for s in sorted(misi_of) if misi_of[s] == m]
        goal = misi.tujuan[0].goal
        sheet.add(
            "prioritas",
            _prioritas_name(misi.nama),
            kode=str(n),
            ref=f"P{n}",
            induk=refs,
            measures=[
                Measure(goal.indikator, goal.satuan, {t: target_text(goal.awal + goal.step)})
            ],
        )
    for opd in pemda.opds:
        for p in opd.programs:
            _program_rows(sheet, p, [t], [prioritas[misi_of[p.sasaran]]], opd, renja=False)
    return sheet.records(chain or load_chain())


def _prioritas_name(misi: str) -> str:
    """``Meningkatkan kualitas …`` → ``Peningkatan kualitas …``."""
    for verb, noun in (("Meningkatkan", "Peningkatan"), ("Mewujudkan", "Perwujudan")):
        if misi.startswith(verb):
            return noun + misi[len(verb) :]
    return misi


def renja_records(pemda: Pemda, opd: Opd, chain: Chain | None = None) -> Records:
    """The OPD's programs for the year, then the rows planted as orphans."""
    t = pemda.tahun
    doc = Document(
        document_of(pemda, "RENJA", opd),
        "RENJA",
        pemda.nama,
        t,
        t,
        opd=opd.nama,
        opd_kode=opd.kode,
        src_file=f"renja_{slug(opd.nama)}_{t}.csv",
    )
    sheet = DraftSheet(doc)
    for p in opd.programs:
        _program_rows(sheet, p, [t], [], None, renja=True)
    for orphan in opd.orphans:
        _kegiatan_rows(sheet, orphan.kegiatan, [t], None, renja=True, row=orphan.row)
    return sheet.records(chain or load_chain())
