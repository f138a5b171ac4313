"""The Selaras workbook format (``docs/workbook-format.md``): one file, one document.

Examples
--------
>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "renja.csv"
>>> _ = path.write_text(
...     "jenis,RENJA\\npemda,Kota Contoh\\ntahun,2026\\nopd,Dinas Kesehatan\\n\\n"
...     "jenis_elemen,kode,nama,pagu_2026\\n"
...     "program,1.02.02,Program Pemenuhan Upaya Kesehatan,\\n"
...     "kegiatan,1.02.02.2.01,Penyediaan Fasilitas Pelayanan Kesehatan,\\n"
...     "sub_kegiatan,\\"1,02.02.2.01.02\\",Pembangunan Puskesmas,\\"1.500.000.000\\"\\n")
>>> records = load_workbook(path)
>>> [e.id.split(":", 1)[1] for e in records.elements][-1]
'sub_kegiatan:1.02.02.2.01.0002'
>>> records.elements[-1].extra["pagu_2026"], records.elements[-1].extra["kode_asli"]
(1500000000, '1,02.02.2.01.02')
>>> [(lk.child.rsplit(":", 1)[1], lk.parent.rsplit(":", 1)[1]) for lk in records.links]
[('1.02.02.2.01', '1.02.02'), ('1.02.02.2.01.0002', '1.02.02.2.01')]
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path

from graph.chain import Chain, load_chain
from graph.codes import opd_bidang
from graph.errors import InputError, LoadError, TooLarge
from graph.ids import element_id, search_key, slug
from graph.model import (
    NOMENCLATURE_KINDS,
    Document,
    Element,
    Indicator,
    Problem,
    Records,
    Scalar,
    Value,
)
from loaders.document import read_document
from loaders.links import LinkBuilder
from loaders.reading import Cell, Sheet, read_sheets
from loaders.rows import Draft, RowReader, cell_text, header_name
from loaders.similar import similar_programs

__all__ = ["load_workbook"]

MULTI_OPD = ("RPJMD", "RKPD", "RPJPD", "RPJMN")


def load_workbook(
    path: Path, chain: Chain | None = None, name: str | None = None, max_cells: int | None = None
) -> Records:
    """Read one workbook of the Selaras format into records.

    ``name`` is the file name recorded as provenance (an upload's original name); ``max_cells``
    bounds the cells read.

    Raises
    ------
    LoadError
        With every error-level problem found (warnings ride along on success).
    TooLarge
        When the workbook has more than ``max_cells`` cells.
    """
    chain = chain or load_chain()
    name = name or path.name
    try:
        sheets = read_sheets(path, max_cells, name)
    except TooLarge:
        raise
    except InputError as exc:
        raise LoadError([Problem(name, None, None, None, "error", str(exc))]) from exc
    parts = _parts(sheets, name)
    doc, problems = _read_doc(parts["dokumen"], name)
    if doc is None:
        raise LoadError(problems)
    doc = Document(**{**doc.__dict__, "sha256": _sha256(path), "loaded_at": _now()})
    records = _records(doc, parts, chain)
    problems += list(records.problems)
    if any(p.severity == "error" for p in problems):
        raise LoadError(problems)
    return Records(
        doc, records.elements, records.links, records.references, records.indicators, problems
    )


def _parts(sheets: list[Sheet], file: str) -> dict[str, Sheet]:
    named = {header_name(s.name): s for s in sheets}
    if "elemen" in named:
        return {"dokumen": named.get("dokumen", Sheet("dokumen", [])), **named}
    if len(sheets) == 1:
        return _split_front_matter(sheets[0])
    raise LoadError(
        [
            Problem(
                file,
                None,
                None,
                None,
                "error",
                "Sheet 'elemen' tidak ada / no sheet named 'elemen'; "
                "tulis templat dengan / write a template with: selaras template",
            )
        ]
    )


def _split_front_matter(sheet: Sheet) -> dict[str, Sheet]:
    """A CSV: ``kunci,nilai`` rows, then the elements table from its header on."""
    for i, (_, cells) in enumerate(sheet.rows):
        if "jenis_elemen" in {header_name(c) for c in cells} or "nama" in {
            header_name(c) for c in cells
        }:
            return {
                "dokumen": Sheet("dokumen", sheet.rows[:i]),
                "elemen": Sheet("elemen", sheet.rows[i:]),
            }
    return {"dokumen": Sheet("dokumen", sheet.rows), "elemen": Sheet("elemen", [])}


def _read_doc(sheet: Sheet, file: str) -> tuple[Document | None, list[Problem]]:
    values: dict[str, str] = {}
    rows: dict[str, int] = {}
    for number, cells in sheet.rows:
        key = header_name(cells[0]) if cells else ""
        if key and key not in ("kunci", "key"):
            values[key] = cell_text(cells[1]) if len(cells) > 1 else ""
            rows[key] = number
    return read_document(values, file, sheet.name, rows)


def _records(doc: Document, parts: dict[str, Sheet], chain: Chain) -> Records:
    sheet = parts["elemen"]
    if not sheet.rows:
        problem = Problem(
            doc.src_file,
            sheet.name,
            None,
            None,
            "error",
            "Tidak ada baris elemen / no element rows",
        )
        return Records(doc, problems=[problem])
    header_row, header = sheet.rows[0]
    reader = RowReader(doc.src_file, sheet.name, header)
    if reader.missing_columns(header_row):
        return Records(doc, problems=reader.problems)
    drafts = reader.drafts(sheet.rows[1:])
    _assign_ids(doc, drafts, reader)
    links = LinkBuilder(doc, drafts, chain, sheet.name)
    links.build()
    if "tautan" in parts:
        links.extra(_tautan_rows(parts["tautan"]), parts["tautan"].name)
    similar = similar_programs(drafts)
    elements = [_element(doc, d, chain, similar.get(d.id, [])) for d in drafts]
    indicators = [
        Indicator(d.id, seq, str(data.pop("nama")), data)
        for d in drafts
        for seq, data in enumerate(dict(i) for i in d.indicators)
    ]
    return Records(
        doc, elements, links.links, links.references, indicators, reader.problems + links.problems
    )


def _assign_ids(doc: Document, drafts: list[Draft], reader: RowReader) -> None:
    first: dict[str, int] = {}
    for d in drafts:
        d.opd = d.opd or doc.opd
        d.opd_kode = d.opd_kode or (doc.opd_kode if d.opd == doc.opd else None)
        d.id = element_id(doc.id, d.kind, _key(doc, d))
        if d.id in first:
            reader.problem(
                d.row,
                "kode",
                f"Baris ini sama dengan baris {first[d.id]} (id {d.id}); "
                "beri satu baris beberapa induk dengan ';' / duplicate of row "
                f"{first[d.id]}: give one row several parents with ';'",
            )
        first.setdefault(d.id, d.row)


def _key(doc: Document, d: Draft) -> str:
    if d.kind in NOMENCLATURE_KINDS and d.kode:
        own = doc.jenis in MULTI_OPD and d.opd
        return f"{slug(d.opd or '')}/{d.kode}" if own else d.kode
    return d.ref or d.kode or slug(d.nama) or str(d.row)


def _element(doc: Document, d: Draft, chain: Chain, similar: list[str]) -> Element:
    first = d.indicators[0] if d.indicators else {}
    props: dict[str, Value] = {
        "nama": d.nama,
        "kode": d.kode,
        "kode_asli": d.kode_asli,
        "ref": d.ref,
        "opd": d.opd,
        "opd_kode": d.opd_kode,
        "opd_bidang": _scalars(opd_bidang(d.opd_kode)),
        "pemda": doc.pemda,
        "periode": _periode(doc),
        "dokumen_jenis": doc.jenis,
        "level": chain.levels.get(d.kind, 0),
        "indikator": first.get("nama"),
        "satuan": first.get("satuan"),
        "mirip": _scalars(similar),
        "cari": search_key(f"{d.kode or d.kode_asli or ''} {d.nama}"),
        "src_file": doc.src_file,
        "src_sheet": "elemen",
        "src_row": d.row,
        **d.props,
    }
    return Element(d.id, d.kind, doc.id, {k: v for k, v in props.items() if v is not None})


def _scalars(values: list[str]) -> list[Scalar] | None:
    return list(values) or None


def _periode(doc: Document) -> str:
    if doc.tahun_awal == doc.tahun_akhir:
        return str(doc.tahun_awal)
    return f"{doc.tahun_awal}-{doc.tahun_akhir}"


def _tautan_rows(sheet: Sheet) -> list[tuple[int, str, str]]:
    if not sheet.rows:
        return []
    columns = [header_name(c) for c in sheet.rows[0][1]]
    out = []
    for number, cells in sheet.rows[1:]:
        values: dict[str, Cell] = dict(zip(columns, cells, strict=False))
        out.append((number, cell_text(values.get("dari")), cell_text(values.get("ke"))))
    return out


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
