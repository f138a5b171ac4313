"""Writing a synthetic document in the layout planners print (Permendagri 86/2017 forms).

Each layout is a :data:`~loaders.synthetic_layout.Layout`, ``(records, format) -> [(sheet name,
rows)]``, one table with the form's title rows above a multi-row header, exactly as the table
profiles read them (``loaders/profiles/*.toml``): the RPJMD matrix (``rpjmd-matriks``), the
Renstra T-C.27 (``renstra-tc27``, the code split over five cells), the RKPD (``rkpd``, rows
grouped by prioritas) and the Renja (``renja``). Rp is written as ``1.234.567,00`` and decimal
targets with a comma. The identity is in the title rows, as on real forms: ``PEMERINTAH KAB.
SINTETIS 001``, ``Perangkat Daerah : <kode> <nama>`` and ``TAHUN``/``PERIODE`` (the years come
from the header), so every file loads without options.

Not said by these forms: the visi (the RPJMD matrix has no visi level; it is a title row, not
an element); the RPJMD sasaran of an RKPD prioritas (no column), and of a Renstra tujuan or
sasaran other than by its text (a warning when no RPJMD name is clearly the same). Programs reach
the RPJMD by code, so every planted kind is expressed and the manifest is the same for both
layouts. An RPJMD or RKPD row names its Perangkat Daerah ``<kode> <nama>`` (as SIPD prints
units): by name alone its bidang is unknown and ``duplicated_programs`` would report every
program several kecamatan share.

Examples
--------
>>> from graph.model import Document, Element, Indicator, Records
>>> doc = Document("renja-kab-x-dinkes-2026", "RENJA", "Kab. X", 2026, 2026, opd="Dinkes",
...                opd_kode="1.02.0.00.0.00.01.0000")
>>> sub = Element(f"{doc.id}:sub_kegiatan:1.02.02.2.01.0002", "sub_kegiatan", doc.id,
...               {"kode": "1.02.02.2.01.0002", "nama": "Pembangunan Puskesmas",
...                "pagu_2026": 1500000, "lokasi": "Kab. X", "sumber_dana": "DAK"})
>>> target = Indicator(sub.id, 0, "Jumlah Puskesmas", {"satuan": "Unit", "target_2026": "2.5"})
>>> ((name, rows),) = renja_layout(Records(doc, [sub], [], [], [target]))
>>> rows[2], rows[-1]  # doctest: +NORMALIZE_WHITESPACE
(['Perangkat Daerah : 1.02.0.00.0.00.01.0000 Dinkes'],
 ['1.02.02.2.01.0002', 'Pembangunan Puskesmas', 'Jumlah Puskesmas', 'Unit', 'Kab. X', '2,5',
  '1.500.000,00', 'DAK', None])
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence

from graph.model import Element, Indicator, Records, Value
from loaders.reading import Cell
from loaders.synthetic_layout import Table

__all__ = ["permendagri_layout", "renja_layout", "renstra_layout", "rkpd_layout",
           "rpjmd_layout", "rupiah"]  # fmt: skip

Row = list[Cell]
_DECIMAL = re.compile(r"^-?\d+\.\d+$")


def permendagri_layout(records: Records, fmt: str = "xlsx") -> list[Table]:
    """The form of the document's kind: RPJMD matrix, Renstra T-C.27, RKPD or Renja."""
    layouts = {"RPJMD": rpjmd_layout, "RENSTRA": renstra_layout, "RKPD": rkpd_layout}
    return layouts.get(records.document.jenis, renja_layout)(records, fmt)


def rupiah(amount: Value) -> Cell:
    """Rp as Indonesian tables print it.

    >>> rupiah(1234567), rupiah(None)
    ('1.234.567,00', None)
    """
    if not isinstance(amount, int | float):
        return None
    return f"{amount:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")


def _target(value: Cell) -> Cell:
    """A target as written: ``72.5`` → ``72,5``; other text as it is."""
    return value.replace(".", ",") if isinstance(value, str) and _DECIMAL.match(value) else value


def _of(values: Mapping[str, Value], key: str) -> Cell:
    """A property as a cell (a list as ``a;b``)."""
    value = values.get(key)
    return ";".join(str(v) for v in value) if isinstance(value, list) else value


def _opd(e: Element) -> Cell:
    """The Perangkat Daerah of a row of the RPJMD or RKPD, its code first when known."""
    kode, nama = _of(e.extra, "opd_kode"), _of(e.extra, "opd")
    return f"{kode} {nama}" if kode and nama else (None if nama is None else str(nama))


class _Doc:
    """The records of one document as a tree: children by explicit links, activity blocks."""

    def __init__(self, records: Records) -> None:
        self.records, self.doc = records, records.document
        self.years = list(range(self.doc.tahun_awal, self.doc.tahun_akhir + 1))
        self.measures: dict[str, list[Indicator]] = defaultdict(list)
        for ind in sorted(records.indicators, key=lambda i: (i.element, i.seq)):
            self.measures[ind.element].append(ind)
        self.children: dict[str, list[Element]] = defaultdict(list)
        by_id = {e.id: e for e in records.elements}
        has_parent = set()
        for link in records.links:
            if link.basis == "explicit" and link.dokumen == self.doc.id and link.parent in by_id:
                self.children[link.parent].append(by_id[link.child])
                has_parent.add(link.child)
        self.blocks: dict[str, list[Element]] = defaultdict(list)
        self.roots: list[Element] = []
        program: Element | None = None
        for e in records.elements:
            if e.kind == "program":
                program = e
            if e.kind in ("kegiatan", "sub_kegiatan") and program is not None:
                self.blocks[program.id].append(e)
            elif e.id not in has_parent:
                self.roots.append(e)

    def lines(self, e: Element) -> list[tuple[Indicator | None, bool]]:
        """(indicator, first row?) for each row the element takes: one per indicator."""
        found: list[Indicator | None] = [*self.measures.get(e.id, [])] or [None]
        return [(m, i == 0) for i, m in enumerate(found)]

    def yearly(self, e: Element, m: Indicator | None, first: bool, total: bool) -> Row:
        """Target and Rp per year, then (``total``) the end of the period."""
        row: Row = []
        for y in self.years:
            row += [_target(_of(m.values, f"target_{y}") if m else None)]
            row += [rupiah(_of(e.extra, f"pagu_{y}")) if first else None]
        if total:
            amounts = [a for y in self.years if isinstance(a := _of(e.extra, f"pagu_{y}"), int)]
            end = _of(m.values, f"target_{self.years[-1]}") if m else None
            row += [_target(end), rupiah(sum(amounts)) if first and amounts else None]
        return row


def _titles(records: Records, form: str) -> list[Row]:
    doc = records.document
    rows: list[Row] = [[form], [f"PEMERINTAH {doc.pemda.upper()}"]]
    if doc.opd:
        rows.append([f"Perangkat Daerah : {doc.opd_kode or ''} {doc.opd}".replace(":  ", ": ")])
    a, b = doc.tahun_awal, doc.tahun_akhir
    return [*rows, [f"TAHUN {a}" if a == b else f"PERIODE {a}-{b}"], []]


def _period_header(head: Sequence[str], years: Sequence[int], group: str, end: str) -> list[Row]:
    """Three header rows: ``head`` (repeated down), the years (and ``end``) under ``group``,
    then ``Target | Rp`` under each; merged cells as a reader sees them, the text repeated."""
    width = 2 * (len(years) + 1)
    top: Row = [*head, *[group] * width]
    middle: Row = [*head, *[t for y in years for t in [f"Tahun {y}"] * 2], end, end]
    bottom: Row = [*head, *["Target", "Rp"] * (len(years) + 1)]
    return [top, middle, bottom]


# --- RPJMD matrix ------------------------------------------------------------------------------
def rpjmd_layout(records: Records, fmt: str = "xlsx") -> list[Table]:
    """The RPJMD matrix: ``MISI n :`` … ``SASARAN n :`` rows, then programs by code."""
    tree = _Doc(records)
    head = ["Kode", "Misi/Tujuan/Sasaran Program Pembangunan Daerah", "Indikator Kinerja",
            "Satuan", "Kondisi Kinerja Awal RPJMD (Tahun 0)"]  # fmt: skip
    group = "Capaian Kinerja Program dan Kerangka Pendanaan"
    header = _period_header(head, tree.years, group, "Kondisi Kinerja pada akhir periode RPJMD")
    for row in header:
        row.append("Perangkat Daerah Penanggung Jawab")
    titles = _titles(records, "MATRIKS RENCANA PEMBANGUNAN JANGKA MENENGAH DAERAH (RPJMD)")
    visi: list[Row] = [
        [f"VISI : {_of(e.extra, 'nama')}"] for e in records.elements if e.kind == "visi"
    ]
    numbers: Row = list(range(1, len(header[0]) + 1))
    rows = [*titles[:-1], *visi, [], *header, numbers]
    for root in tree.roots:
        rows += _rpjmd_rows(tree, root, {})
    return [("RPJMD", rows)]


def _rpjmd_rows(tree: _Doc, e: Element, counts: dict[str, int]) -> Iterator[Row]:
    if e.kind != "visi":
        counts[e.kind] = counts.get(e.kind, 0) + 1
        for k in {"misi": ("tujuan", "sasaran"), "tujuan": ("sasaran",)}.get(e.kind, ()):
            counts[k] = 0
        nama = str(_of(e.extra, "nama"))
        levels = ("misi", "tujuan", "sasaran")
        label = f"{e.kind.upper()} {counts[e.kind]} : {nama}" if e.kind in levels else nama
        for m, first in tree.lines(e):
            kode = _of(e.extra, "kode_asli") if e.kind == "program" else None
            own: Row = [kode, label] if first else [None, None]
            what = f"Indikator {e.kind.title()} 1 : " if e.kind != "program" else ""
            measure = [what + m.nama, _of(m.values, "satuan"), _of(m.values, "kondisi_awal")] if m \
                else [None, None, None]  # fmt: skip
            opd = _opd(e) if e.kind == "program" else None
            yield own + measure + tree.yearly(e, m, first, True) + [opd]
    for child in tree.children.get(e.id, []):
        yield from _rpjmd_rows(tree, child, counts)


# --- Renstra T-C.27 ----------------------------------------------------------------------------
def renstra_layout(records: Records, fmt: str = "xlsx") -> list[Table]:
    """Renstra T-C.27: tujuan and sasaran in their columns, the code over five cells."""
    tree = _Doc(records)
    head = ["Tujuan", "Sasaran", *["Kode"] * 5, "Program dan Kegiatan",
            "Indikator Kinerja Tujuan, Sasaran, Program (Outcome) dan Kegiatan (Output)",
            "Satuan", "Data Capaian pada Tahun Awal Perencanaan"]  # fmt: skip
    group = "Target Kinerja Program dan Kerangka Pendanaan"
    end = "Kondisi Kinerja pada Akhir Periode Renstra Perangkat Daerah"
    header = _period_header(head, tree.years, group, end)
    for row in header:
        row += ["Unit Kerja Perangkat Daerah Penanggung Jawab", "Lokasi"]
    title = "RENCANA PROGRAM, KEGIATAN DAN PENDANAAN PERANGKAT DAERAH (T-C.27)"
    rows = [*_titles(records, title), *header]
    for root in tree.roots:
        rows += _renstra_rows(tree, root)
    return [("T-C.27", rows)]


def _renstra_rows(tree: _Doc, e: Element) -> Iterator[Row]:
    for item in [e, *tree.blocks.get(e.id, [])]:
        for m, first in tree.lines(item):
            yield _renstra_row(tree, item, m, first)
    for child in tree.children.get(e.id, []):
        yield from _renstra_rows(tree, child)


def _renstra_row(tree: _Doc, e: Element, m: Indicator | None, first: bool) -> Row:
    nama = _of(e.extra, "nama") if first else None
    levels: Row = [nama if e.kind == "tujuan" else None, nama if e.kind == "sasaran" else None]
    coded = e.kind not in ("tujuan", "sasaran")
    code = _split_code(str(_of(e.extra, "kode") or "")) if coded and first else [None] * 5
    measure = [m.nama, _of(m.values, "satuan"), _of(m.values, "kondisi_awal")] if m else [None] * 3
    unit = tree.doc.opd if coded and first else None
    return [*levels, *code, nama if coded else None, *measure,
            *tree.yearly(e, m, first, True), unit, _of(e.extra, "lokasi")]  # fmt: skip


def _split_code(kode: str) -> Row:
    """``1.02.02.2.01.0002`` over the five code cells: urusan, bidang, program, kegiatan, sub.

    >>> _split_code("1.02.02.2.01.0002"), _split_code("1.02.02")
    (['1', '02', '02', '2.01', '0002'], ['1', '02', '02', None, None])
    """
    parts = kode.split(".")
    cells: Row = [*parts[:3]]
    cells.append(".".join(parts[3:5]) if len(parts) > 3 else None)
    cells.append(parts[5] if len(parts) > 5 else None)
    return cells + [None] * (5 - len(cells))


# --- RKPD and Renja ----------------------------------------------------------------------------
ANNUAL = ["Lokasi", "Target Capaian Kinerja", "Kebutuhan Dana/Pagu Indikatif", "Sumber Dana"]


def _annual_header(head: Sequence[str], year: int, tail: Sequence[str]) -> list[Row]:
    """Two header rows: ``head``, ``Rencana Tahun n`` over :data:`ANNUAL`, then ``tail``."""
    top: Row = [*head, *[f"Rencana Tahun {year}"] * len(ANNUAL), *tail]
    return [top, [*head, *ANNUAL, *tail]]


def _annual_row(tree: _Doc, e: Element, m: Indicator | None, first: bool) -> Row:
    y = tree.doc.tahun_awal
    own: Row = [_of(e.extra, "kode"), _of(e.extra, "nama")] if first else [None, None]
    measure: Row = [m.nama, _of(m.values, "satuan")] if m else [None, None]
    target = _target(_of(m.values, f"target_{y}") if m else None)
    pagu = rupiah(_of(e.extra, f"pagu_{y}")) if first else None
    texts = [_of(e.extra, "lokasi"), target, pagu, _of(e.extra, "sumber_dana")]
    return [*own, *measure, *[t if first or i == 1 else None for i, t in enumerate(texts)]]


def rkpd_layout(records: Records, fmt: str = "xlsx") -> list[Table]:
    """The RKPD: each prioritas, then the programs of every Perangkat Daerah under it."""
    tree = _Doc(records)
    head = [
        "Prioritas Daerah",
        "Sasaran Daerah",
        "Kode",
        "Urusan/Bidang Urusan/Program/Kegiatan/Sub Kegiatan",
        "Indikator Kinerja",
        "Satuan",
    ]
    tail = ["Kelompok Sasaran", "Perangkat Daerah Penanggung Jawab"]  # fmt: skip
    title = "RENCANA PROGRAM DAN KEGIATAN PRIORITAS DAERAH (RKPD)"
    rows = [*_titles(records, title), *_annual_header(head, tree.doc.tahun_awal, tail)]
    for prioritas in tree.roots:
        for m, first in tree.lines(prioritas):
            nama = _of(prioritas.extra, "nama") if first else None
            rows.append(
                [nama, None, None, None, *_annual_row(tree, prioritas, m, first)[2:], None, None]
            )
        for program in tree.children.get(prioritas.id, []):
            for e in [program, *tree.blocks.get(program.id, [])]:
                for m, first in tree.lines(e):
                    opd = _opd(e)
                    rows.append([None, None, *_annual_row(tree, e, m, first), "Masyarakat", opd])
    return [("RKPD", rows)]


def renja_layout(records: Records, fmt: str = "xlsx") -> list[Table]:
    """The Renja of one Perangkat Daerah: its programs, kegiatan and sub kegiatan by code."""
    tree = _Doc(records)
    head = ["Kode", "Urusan/Bidang Urusan/Program/Kegiatan/Sub Kegiatan", "Indikator Kinerja",
            "Satuan"]  # fmt: skip
    rows = [*_titles(records, "RENCANA KERJA PERANGKAT DAERAH"),
            *_annual_header(head, tree.doc.tahun_awal, ["Catatan Penting"])]  # fmt: skip
    for e in records.elements:
        rows += [[*_annual_row(tree, e, m, first), None] for m, first in tree.lines(e)]
    return [("Renja", rows)]
