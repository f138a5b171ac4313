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
from loaders.reading import Cell, column_letter

__all__ = ["Draft", "RowReader", "cell_text", "header_name"]

ALIASES = {"kind": "jenis_elemen", "jenis": "jenis_elemen", "parent": "induk", "name": "nama"}
REQUIRED = ("jenis_elemen", "nama")
INDICATOR_COLUMNS = ("indikator", "satuan", "kondisi_awal")
TEXT_COLUMNS = ("lokasi", "sumber_dana")
YEAR_COLUMN = re.compile(r"^(target|pagu)_(\d{4})$")
READ_COLUMNS = {*REQUIRED, "kode", "ref", "induk", "opd", "opd_kode", *INDICATOR_COLUMNS,
                *TEXT_COLUMNS}  # fmt: skip
EXCEL_ERRORS = re.compile(r"#(?:REF!|N/A|DIV/0!|VALUE!|NAME\?|NUM!|NULL!|SPILL!|CALC!|FIELD!)")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}:\d{2})?")
MAX_CELL_CHARS = 32_767  # Excel's own limit: a longer cell did not come from a spreadsheet


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
    key: str | None = None  # the id key when the layout fixes it (one element per code)


class RowReader:
    """Reads element rows of one sheet, collecting every problem instead of stopping."""

    def __init__(self, file: str, sheet: str, header: list[Cell]) -> None:
        self.file, self.sheet = file, sheet
        self.columns = [ALIASES.get(header_name(h), header_name(h)) for h in header]
        self.problems: list[Problem] = []

    def problem(
        self, row: int | None, column: str | None, message: str, warn: bool = False
    ) -> None:
        """Record one problem of this sheet; a cell that already has an error gets no second."""
        severity: Severity = "warning" if warn else "error"
        if any((p.row, p.column, p.severity) == (row, column, "error") for p in self.problems[-8:]):
            return
        self.problems.append(Problem(self.file, self.sheet, row, column, severity, message))

    def missing_columns(self, header_row: int) -> bool:
        """True (and a problem naming the expected columns) when a required column is absent;
        also when a column Selaras reads is there twice (the header cannot be read either)."""
        if self._repeated_columns(header_row):
            return True
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

    def _repeated_columns(self, header_row: int) -> bool:
        """Two columns of one name would be read as one (the last wins): refuse the header."""
        seen: dict[str, int] = {}
        for i, column in enumerate(self.columns):
            if column in READ_COLUMNS or YEAR_COLUMN.match(column):
                if column in seen:
                    where = f"{column_letter(seen[column])} & {column_letter(i)}"
                    self.problem(
                        header_row,
                        column,
                        f"Kolom '{column}' muncul dua kali ({where}) / "
                        f"column '{column}' appears twice ({where})",
                    )
                seen.setdefault(column, i)
        return len(seen) < sum(1 for c in self.columns if c in seen)

    def drafts(self, rows: list[tuple[int, list[Cell]]]) -> list[Draft]:
        """Element drafts; indicator-only rows are attached to the element above.

        No rows at all is an error: a revised file that lost its rows must not replace a
        document by an empty one."""
        if not rows:
            self.problem(None, None, "Tidak ada baris elemen / no element rows under the header")
        out: list[Draft] = []
        for number, cells in rows:
            values = self._usable(
                {c: v for c, v in zip(self.columns, cells, strict=False) if c}, number
            )
            if header_name(values.get("jenis_elemen")) in ALIASES_OF_KIND:
                self.problem(
                    number,
                    "jenis_elemen",
                    "Judul kolom berulang di baris ini; hapus barisnya atau pisahkan tabelnya / "
                    "the header is repeated on this row: delete the row or split the table",
                )
                continue
            kind = cell_text(values.get("jenis_elemen")).lower().replace(" ", "_")
            if not kind and out and cell_text(values.get("indikator")):
                out[-1].indicators.append(self._indicator(number, values))
            elif draft := self._draft(number, kind, values):
                out.append(draft)
        return out

    def _usable(self, values: dict[str, Cell], row: int) -> dict[str, Cell]:
        """The row's cells, less those that hold an Excel error or more text than Excel can:
        each of those is reported (and then read as empty)."""
        out = dict(values)
        for column, value in values.items():
            if isinstance(value, str) and EXCEL_ERRORS.fullmatch(value):
                self.problem(
                    row,
                    column,
                    f"Sel berisi galat Excel {value}: rumusnya rusak / "
                    f"the cell holds the Excel error {value}: its formula is broken",
                )
                out[column] = None
            elif isinstance(value, str) and len(value) > MAX_CELL_CHARS:
                self.problem(
                    row,
                    column,
                    f"Sel berisi {len(value)} karakter, lebih dari batas Excel 32.767 / "
                    f"the cell holds {len(value)} characters, over Excel's limit of 32,767",
                )
                out[column] = None
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
        if _fraction(values.get("kode")):
            self.problem(
                row,
                "kode",
                f"Kode {draft.kode_asli} tersimpan sebagai angka: nol di belakang hilang (1.10 "
                "jadi 1.1); format selnya Teks / the code is stored as a number, so trailing "
                "zeros are lost (1.10 becomes 1.1): format the cell as Text",
                warn=kind not in NOMENCLATURE_KINDS,
            )
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
        if ISO_DATE.fullmatch(raw):
            self.problem(
                row,
                "kode",
                f"Kode terbaca sebagai tanggal ({raw[:10]}): Excel mengubahnya; format selnya Teks "
                "lalu ketik ulang / the code was turned into a date by Excel: format the cell as "
                "Text and type it again",
            )
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
            except ValueError as exc:
                if match.group(1) == "pagu":
                    self.problem(row, column, f"Pagu {exc}")
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


ALIASES_OF_KIND = {k for k, v in ALIASES.items() if v == "jenis_elemen"} | {"jenis_elemen"}


def _fraction(value: Cell) -> bool:
    """A number with a fraction (``1.1``): a code typed where Excel saw a number."""
    return isinstance(value, float) and not value.is_integer()


def document_kind(text: str) -> str | None:
    """The document kind in canonical spelling, or None."""
    upper = text.strip().upper().replace(" ", "")
    return upper if upper in DOCUMENT_KINDS else None
