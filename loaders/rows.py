"""From the cells of the ``dokumen`` and ``elemen`` sheets to element drafts, with problems.

Examples
--------
>>> header_name(" Jenis Elemen ")
'jenis_elemen'
>>> header_name("Pagu 2026")
'pagu_2026'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from graph.codes import normalise_kode
from graph.model import (
    DOCUMENT_KINDS,
    ELEMENT_KINDS,
    NOMENCLATURE_KINDS,
    Problem,
    Severity,
    Value,
)
from loaders.amounts import parse_number
from loaders.reading import Cell

__all__ = ["Draft", "RowReader", "cell_text", "header_name"]

ALIASES = {"kind": "jenis_elemen", "jenis": "jenis_elemen", "parent": "induk", "name": "nama"}
REQUIRED = ("jenis_elemen", "nama")
INDICATOR_COLUMNS = ("indikator", "satuan", "kondisi_awal")
TEXT_COLUMNS = ("lokasi", "sumber_dana")
YEAR_COLUMN = re.compile(r"^(target|pagu)_(\d{4})$")


def header_name(text: Cell) -> str:
    """A header cell as a column key: lower case, runs of spaces and dashes as ``_``."""
    return re.sub(r"[\s\-/]+", "_", str(text or "").strip().lower())


def cell_text(value: Cell) -> str:
    """A cell as trimmed text; whole floats lose their ``.0``."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


@dataclass
class Draft:
    """One element row before ids and links are known."""

    row: int
    kind: str
    nama: str
    kode: str | None = None
    kode_asli: str | None = None
    ref: str | None = None
    induk: list[str] = field(default_factory=list)
    opd: str | None = None
    opd_kode: str | None = None
    props: dict[str, Value] = field(default_factory=dict)
    indicators: list[dict[str, Value]] = field(default_factory=list)
    id: str = ""


class RowReader:
    """Reads element rows of one sheet, collecting every problem instead of stopping."""

    def __init__(self, file: str, sheet: str, header: list[Cell]) -> None:
        self.file, self.sheet = file, sheet
        self.columns = [ALIASES.get(header_name(h), header_name(h)) for h in header]
        self.problems: list[Problem] = []

    def problem(
        self, row: int | None, column: str | None, message: str, warn: bool = False
    ) -> None:
        """Record one problem of this sheet."""
        severity: Severity = "warning" if warn else "error"
        self.problems.append(Problem(self.file, self.sheet, row, column, severity, message))

    def missing_columns(self, header_row: int) -> bool:
        """True (and a problem naming the expected columns) when a required column is absent."""
        missing = [c for c in REQUIRED if c not in self.columns]
        if missing:
            self.problem(
                header_row,
                ", ".join(missing),
                f"Kolom wajib tidak ada / required column(s) missing: {', '.join(missing)}. "
                f"Diharapkan / expected: {', '.join(REQUIRED)}, kode, induk, indikator, "
                "satuan, target_<tahun>, pagu_<tahun>",
            )
        return bool(missing)

    def drafts(self, rows: list[tuple[int, list[Cell]]]) -> list[Draft]:
        """Element drafts; indicator-only rows are attached to the element above."""
        out: list[Draft] = []
        for number, cells in rows:
            values = {c: v for c, v in zip(self.columns, cells, strict=False) if c}
            kind = cell_text(values.get("jenis_elemen")).lower().replace(" ", "_")
            if not kind and out and cell_text(values.get("indikator")):
                out[-1].indicators.append(self._indicator(number, values))
            elif draft := self._draft(number, kind, values):
                out.append(draft)
        return out

    def _draft(self, row: int, kind: str, values: dict[str, Cell]) -> Draft | None:
        if kind not in ELEMENT_KINDS:
            self.problem(
                row,
                "jenis_elemen",
                f"Jenis elemen '{kind}' tidak dikenal / unknown element kind; "
                f"yang boleh / allowed: {', '.join(ELEMENT_KINDS)}",
            )
            return None
        nama = cell_text(values.get("nama"))
        if not nama:
            self.problem(row, "nama", "Nama kosong / the name is empty")
        draft = Draft(row, kind, nama, ref=cell_text(values.get("ref")) or None)
        draft.kode_asli = cell_text(values.get("kode")) or None
        draft.kode = self._kode(row, kind, draft.kode_asli)
        draft.induk = [p.strip() for p in cell_text(values.get("induk")).split(";") if p.strip()]
        draft.opd = cell_text(values.get("opd")) or None
        draft.opd_kode = cell_text(values.get("opd_kode")) or None
        draft.props = self._years(row, values) | self._texts(values, TEXT_COLUMNS)
        if cell_text(values.get("indikator")):
            draft.indicators.append(self._indicator(row, values))
        return draft

    def _kode(self, row: int, kind: str, raw: str | None) -> str | None:
        if raw is None:
            if kind in NOMENCLATURE_KINDS:
                self.problem(row, "kode", f"Kode wajib untuk {kind} / a {kind} needs a code")
            return None
        if kind not in NOMENCLATURE_KINDS:
            return raw
        try:
            return normalise_kode(raw)
        except ValueError as exc:
            self.problem(row, "kode", str(exc))
            return None

    def _years(self, row: int, values: dict[str, Cell]) -> dict[str, Value]:
        out: dict[str, Value] = {}
        for column, value in values.items():
            match = YEAR_COLUMN.match(column)
            if not match or value is None:
                continue
            try:
                number = parse_number(value)
            except ValueError:
                if match.group(1) == "pagu":
                    self.problem(row, column, f"Pagu '{value}' bukan angka / is not a number")
                number = None
            out[column] = (
                number if number is not None or match.group(1) == "pagu" else cell_text(value)
            )
        return {k: v for k, v in out.items() if v is not None}

    def _texts(self, values: dict[str, Cell], columns: tuple[str, ...]) -> dict[str, Value]:
        return {c: cell_text(values.get(c)) for c in columns if cell_text(values.get(c))}

    def _indicator(self, row: int, values: dict[str, Cell]) -> dict[str, Value]:
        data: dict[str, Value] = {"src_row": row, "nama": cell_text(values.get("indikator"))}
        data |= self._texts(values, ("satuan", "kondisi_awal"))
        targets = {
            c: cell_text(v) for c, v in values.items() if c.startswith("target_") and v is not None
        }
        return data | targets


def document_kind(text: str) -> str | None:
    """The document kind in canonical spelling, or None."""
    upper = text.strip().upper().replace(" ", "")
    return upper if upper in DOCUMENT_KINDS else None
