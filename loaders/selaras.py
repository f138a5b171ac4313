"""The Selaras workbook format (``docs/workbook-format.md``): ``dokumen``, ``elemen``, ``tautan``.

A CSV file is the ``elemen`` sheet preceded by the ``dokumen`` keys. Identity values given on
the command line (``--pemda`` …) fill in or replace the ``dokumen`` keys.

Examples
--------
>>> from loaders.reading import Sheet
>>> sheet = Sheet("x", [(1, ["jenis", "RPJMD"]), (2, ["pemda", "Kota X"]),
...     (3, ["periode", "2025-2029"]), (5, ["jenis_elemen", "ref", "nama"]),
...     (6, ["visi", "V", "Kota X sejahtera"])])
>>> records, sources = read_selaras([sheet], "rpjmd.csv", {"pemda": "Kota Y"})
>>> records.document.id, sources["pemda"]["source"], sources["jenis"]["source"]
('rpjmd-kota-y-2025-2029', 'given', 'detected')
"""

from __future__ import annotations

from collections.abc import Mapping

from graph.chain import Chain, load_chain
from graph.errors import LoadError
from graph.model import Document, Problem, Records
from loaders.document import read_document
from loaders.reading import Cell, Sheet
from loaders.records import records_from_drafts
from loaders.rows import RowReader, cell_text, header_name

__all__ = ["read_selaras"]


def read_selaras(
    sheets: list[Sheet],
    file: str,
    identity: Mapping[str, str] | None = None,
    chain: Chain | None = None,
) -> tuple[Records, dict[str, dict[str, str]]]:
    """The records of a Selaras-format workbook and where its identity values came from.

    Raises
    ------
    LoadError
        When the workbook has no ``elemen`` sheet or its ``dokumen`` keys make no document.
    """
    parts = _parts(sheets, file)
    values, rows = _doc_values(parts["dokumen"])
    given = {k: v for k, v in (identity or {}).items() if v}
    doc, problems = read_document({**values, **given}, file, parts["dokumen"].name, rows)
    if doc is None:
        raise LoadError(problems)
    sources = {
        k: {"value": v, "source": "given" if k in given else "detected"}
        for k, v in {**values, **given}.items()
        if k in _IDENTITY and v
    }
    return _records(doc, parts, chain or load_chain()), sources


_IDENTITY = ("jenis", "pemda", "periode", "tahun", "opd", "opd_kode", "opd_singkat", "id")


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
        names = {header_name(c) for c in cells}
        if "jenis_elemen" in names or "nama" in names:
            return {
                "dokumen": Sheet("dokumen", sheet.rows[:i]),
                "elemen": Sheet("elemen", sheet.rows[i:]),
            }
    return {"dokumen": Sheet("dokumen", sheet.rows), "elemen": Sheet("elemen", [])}


def _doc_values(sheet: Sheet) -> tuple[dict[str, str], dict[str, int]]:
    values: dict[str, str] = {}
    rows: dict[str, int] = {}
    for number, cells in sheet.rows:
        key = header_name(cells[0]) if cells else ""
        if key and key not in ("kunci", "key"):
            values[key] = cell_text(cells[1]) if len(cells) > 1 else ""
            rows[key] = number
    return values, rows


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
    tautan = parts.get("tautan", Sheet("tautan", []))
    records = records_from_drafts(doc, drafts, chain, "elemen", _tautan_rows(tautan), tautan.name)
    return Records(
        doc,
        records.elements,
        records.links,
        records.references,
        records.indicators,
        reader.problems + list(records.problems),
    )


def _tautan_rows(sheet: Sheet) -> list[tuple[int, str, str]]:
    if not sheet.rows:
        return []
    columns = [header_name(c) for c in sheet.rows[0][1]]
    out = []
    for number, cells in sheet.rows[1:]:
        values: dict[str, Cell] = dict(zip(columns, cells, strict=False))
        out.append((number, cell_text(values.get("dari")), cell_text(values.get("ke"))))
    return out
