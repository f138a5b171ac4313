"""Writing records back as workbooks: a layout turns one document's records into tables.

A layout is a function ``(records, format) -> [(sheet name, rows)]``; the writers put its
tables into a CSV file (one table) or an ``.xlsx`` workbook (one sheet each, openpyxl in
write-only mode). :func:`selaras_layout` writes the Selaras format
(``docs/workbook-format.md``): in CSV the ``dokumen`` keys, an empty row, then the ``elemen``
table; in xlsx the sheets ``dokumen`` and ``elemen``. Other layouts (the RPJMD matrix, Renstra
T-C.27 …) plug in as other functions of the same shape.

Examples
--------
>>> from graph.model import Document, Element, Indicator, Records
>>> doc = Document("renja-kab-x-dinkes-2026", "RENJA", "Kab. X", 2026, 2026, opd="Dinkes")
>>> sub = Element(f"{doc.id}:sub_kegiatan:1.02.02.2.01.0002", "sub_kegiatan", doc.id,
...               {"kode": "1.02.02.2.01.0002", "kode_asli": "1.02.02.2.01.0002",
...                "nama": "Pembangunan Puskesmas", "opd": "Dinkes", "pagu_2026": 1500000})
>>> target = Indicator(sub.id, 0, "Jumlah Puskesmas", {"satuan": "Unit", "target_2026": "2"})
>>> [(name, rows[-1]) for name, rows in selaras_layout(Records(doc, [sub], [], [], [target]))]
[('elemen', ['sub_kegiatan', '1.02.02.2.01.0002', None, 'Pembangunan Puskesmas', None, 'Jumlah Puskesmas', 'Unit', None, '2', 1500000])]
"""  # noqa: E501

from __future__ import annotations

import csv
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path

from openpyxl import Workbook

from graph.ids import document_id
from graph.model import Element, Indicator, Records, Value
from loaders.reading import Cell

__all__ = ["FORMATS", "Layout", "Table", "document_keys", "selaras_layout", "write_document"]

Table = tuple[str, list[list[Cell]]]
Layout = Callable[[Records, str], list[Table]]
FORMATS = ("csv", "xlsx")
YEAR_KEY = re.compile(r"^(target|pagu)_(\d{4})$")


def document_keys(records: Records) -> list[tuple[str, str]]:
    """The ``dokumen`` keys of a document, with ``id`` only when the keys do not derive it."""
    doc = records.document
    years = (
        ("periode", f"{doc.tahun_awal}-{doc.tahun_akhir}")
        if doc.tahun_awal != doc.tahun_akhir
        else ("tahun", str(doc.tahun_awal))
    )
    keys = [("jenis", doc.jenis), ("pemda", doc.pemda), years]
    keys += [(k, v) for k, v in (("opd", doc.opd), ("opd_kode", doc.opd_kode)) if v]
    derived = document_id(doc.jenis, doc.pemda, doc.tahun_awal, doc.tahun_akhir, doc.opd)
    return keys + ([("id", doc.id)] if derived != doc.id else [])


def selaras_layout(records: Records, fmt: str = "csv") -> list[Table]:
    """The Selaras format: ``dokumen`` keys and the ``elemen`` table (one table in CSV)."""
    keys: list[list[Cell]] = [[k, v] for k, v in document_keys(records)]
    elemen = _element_rows(records)
    if fmt == "csv":
        return [("elemen", [*keys, [], *elemen])]
    return [("dokumen", [["kunci", "nilai"], *keys]), ("elemen", elemen)]


def write_document(
    records: Records, folder: Path, fmt: str = "csv", layout: Layout = selaras_layout
) -> Path:
    """Write one document into ``folder``, named after its ``src_file`` stem; the path."""
    path = folder / f"{Path(records.document.src_file).stem}.{fmt}"
    tables = layout(records, fmt)
    if fmt == "csv":
        _write_csv(path, tables)
    else:
        _write_xlsx(path, tables)
    return path


def _write_csv(path: Path, tables: Sequence[Table]) -> None:
    if len(tables) != 1:
        raise ValueError(f"CSV holds one table, the layout gave {len(tables)}")
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(tables[0][1])


def _write_xlsx(path: Path, tables: Sequence[Table]) -> None:
    book = Workbook(write_only=True)
    for name, rows in tables:
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)


def _element_rows(records: Records) -> list[list[Cell]]:
    doc = records.document
    indicators: dict[str, list[Indicator]] = defaultdict(list)
    for ind in sorted(records.indicators, key=lambda i: (i.element, i.seq)):
        indicators[ind.element].append(ind)
    induk, years = _induk(records), _years(records)
    by_opd = any(e.extra.get("opd") != doc.opd for e in records.elements)
    texts = [c for c in ("lokasi", "sumber_dana") if any(c in e.extra for e in records.elements)]
    header: list[Value] = ["jenis_elemen", "kode", "ref", "nama", "induk"]
    header += ["opd", "opd_kode"] if by_opd else []
    header += ["indikator", "satuan", "kondisi_awal"]
    header += [f"target_{y}" for y in years] + [f"pagu_{y}" for y in years] + texts
    rows = [header]
    for e in records.elements:
        own: list[Value] = [
            e.kind,
            e.extra.get("kode_asli"),
            e.extra.get("ref"),
            e.extra.get("nama"),
            ";".join(induk.get(e.id, [])) or None,
        ]
        if by_opd:
            same = e.extra.get("opd") == doc.opd
            own += [None, None] if same else [e.extra.get("opd"), e.extra.get("opd_kode")]
        measures: list[Indicator | None] = [*indicators.get(e.id, [])] or [None]
        tail = [e.extra.get(f"pagu_{y}") for y in years] + [e.extra.get(c) for c in texts]
        rows.append(own + _measure(e, measures[0], years) + tail)
        rows += [
            [None] * len(own) + _measure(None, m, years) + [None] * len(tail) for m in measures[1:]
        ]
    return [[_cell(v) for v in row] for row in rows]


def _measure(e: Element | None, m: Indicator | None, years: list[int]) -> list[Value]:
    if m is None:
        targets = [e.extra.get(f"target_{y}") if e else None for y in years]
        return [None, None, None, *targets]
    head: list[Value] = [m.nama, m.values.get("satuan"), m.values.get("kondisi_awal")]
    return head + [m.values.get(f"target_{y}") for y in years]


def _induk(records: Records) -> dict[str, list[str]]:
    """Each element's ``induk`` as written: parents in this document, then other documents."""
    keys = {e.id: str(e.extra.get("ref") or e.extra.get("kode")) for e in records.elements}
    out: dict[str, list[str]] = defaultdict(list)
    for link in records.links:
        if link.basis == "explicit" and link.dokumen == records.document.id:
            out[link.child].append(keys[link.parent])
    for ref in records.references:
        out[ref.child].append(f"{ref.target_jenis}:{ref.target_key}")
    return out


def _years(records: Records) -> list[int]:
    doc = records.document
    found = set(range(doc.tahun_awal, doc.tahun_akhir + 1))
    for values in [e.extra for e in records.elements] + [i.values for i in records.indicators]:
        found |= {int(m.group(2)) for k in values if (m := YEAR_KEY.match(k))}
    return sorted(found)


def _cell(value: Value) -> Cell:
    """A value as a cell: numbers stay numbers, lists (never written) become text."""
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    return value
