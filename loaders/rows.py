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
from collections.abc import Callable
from dataclasses import dataclass, field
from operator import itemgetter

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
EXCEL_ERROR_TEXTS = frozenset(
    f"#{e}" for e in ("REF!", "N/A", "DIV/0!", "VALUE!", "NAME?", "NUM!", "NULL!", "SPILL!",
                      "CALC!", "FIELD!")
)  # fmt: skip
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}:\d{2})?")
MAX_CELL_CHARS = 32_767  # Excel's own limit: a longer cell did not come from a spreadsheet


_SEPARATORS = re.compile(r"[\s\-/]+")


def header_name(text: Cell) -> str:
    """A header cell as a column key: lower case, runs of spaces and dashes as ``_``.

    >>> header_name(" Jenis-Elemen "), header_name("Target / 2026")
    ('jenis_elemen', 'target_2026')
    """
    return _SEPARATORS.sub("_", str(text or "").strip().lower())


def cell_text(value: Cell) -> str:
    """A cell as trimmed text; whole floats lose their ``.0``."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


@dataclass(slots=True)
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
    induk_column: str = "induk"  # where its parents are written (a table: the name's column)
    induk_at: dict[str, tuple[int, str]] = field(default_factory=dict)  # others: (row, column)


class RowReader:
    """Reads element rows of one sheet, collecting every problem instead of stopping."""

    def __init__(self, file: str, sheet: str, header: list[Cell]) -> None:
        self.file, self.sheet = file, sheet
        self.columns = [ALIASES.get(header_name(h), header_name(h)) for h in header]
        self.problems: list[Problem] = []
        self._numbers: dict[object, int | float | str | None] = {}

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
        layout = _Layout(self.columns)
        kinds: dict[object, tuple[bool, str]] = {}
        out: list[Draft] = []
        for number, cells in rows:
            if len(cells) != layout.width or _suspect(cells):
                cells = self._checked(number, cells, layout)
            if layout.padded:
                cells = [*cells, None]
            values = layout.read(cells)
            kind_cell = values[0]
            key = kind_cell if type(kind_cell) is str else (type(kind_cell), kind_cell)
            if (known := kinds.get(key)) is None:
                known = kinds[key] = _kind_of(kind_cell)
            header, kind = known
            if header:
                self.problem(
                    number,
                    "jenis_elemen",
                    "Judul kolom berulang di baris ini; hapus barisnya atau pisahkan tabelnya / "
                    "the header is repeated on this row: delete the row or split the table",
                )
                continue
            if not kind and out and _text(values[7]):
                out[-1].indicators.append(self._indicator(number, values, cells, layout))
            elif draft := self._draft(number, kind, values, cells, layout):
                out.append(draft)
        return out

    def _checked(self, row: int, cells: list[Cell], layout: _Layout) -> list[Cell]:
        """A row that may hold an Excel error or an overlong cell, or is not as wide as the
        header, read as a mapping of column to cell (the last of two same-named columns
        wins), checked by :meth:`_usable`, and laid out again by column."""
        values = self._usable({c: v for c, v in zip(self.columns, cells, strict=False) if c}, row)
        fixed: list[Cell] = [None] * layout.width
        for column, value in values.items():
            fixed[layout.at[column]] = value
        return fixed

    def _usable(self, values: dict[str, Cell], row: int) -> dict[str, Cell]:
        """The row's cells, less those that hold an Excel error or more text than Excel can:
        each of those is reported (and then read as empty)."""
        out = dict(values)
        for column, value in values.items():
            if isinstance(value, str) and value in EXCEL_ERROR_TEXTS:
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

    def _draft(
        self, row: int, kind: str, values: tuple[Cell, ...], cells: list[Cell], layout: _Layout
    ) -> Draft | None:
        if kind not in ELEMENT_KINDS:
            self.problem(
                row,
                "jenis_elemen",
                f"Jenis elemen '{kind}' tidak dikenal / unknown element kind; "
                f"yang boleh / allowed: {', '.join(ELEMENT_KINDS)}",
            )
            return None
        _, nama_cell, kode_cell, ref, induk, opd, opd_kode, indikator, _, _, *texts = values
        nama = _text(nama_cell)
        if not nama:
            self.problem(row, "nama", "Nama kosong / the name is empty")
        kode_asli = _text_or_none(kode_cell)
        if _fraction(kode_cell):
            self.problem(
                row,
                "kode",
                f"Kode {kode_asli} tersimpan sebagai angka: nol di belakang hilang (1.10 "
                "jadi 1.1); format selnya Teks / the code is stored as a number, so trailing "
                "zeros are lost (1.10 becomes 1.1): format the cell as Text",
                warn=kind not in NOMENCLATURE_KINDS,
            )
        kode = self._kode(row, kind, kode_asli)
        props = self._years(row, cells, layout)
        for column, cell in zip(TEXT_COLUMNS, texts, strict=True):
            if text := _text(cell):
                props[column] = text
        return Draft(
            row,
            kind,
            nama,
            kode,
            kode_asli,
            _text_or_none(ref),
            [] if induk is None else [p.strip() for p in _text(induk).split(";") if p.strip()],
            _text_or_none(opd),
            _text_or_none(opd_kode),
            props,
            [self._indicator(row, values, cells, layout)] if _text(indikator) else [],
        )

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

    def _years(self, row: int, cells: list[Cell], layout: _Layout) -> dict[str, Value]:
        """The ``target_<tahun>`` and ``pagu_<tahun>`` cells: a pagu as a number (an unreadable
        one reported), a target as a number where it reads as one, else as written."""
        out: dict[str, Value] = {}
        for column, index, pagu in layout.years:
            value = cells[index]
            if value is None:
                continue
            number = self._number(value)
            if isinstance(number, str):
                if pagu:
                    self.problem(row, column, f"Pagu {number}")
                number = None
            if number is not None:
                out[column] = number
            elif not pagu:
                out[column] = cell_text(value)
        return out

    def _number(self, value: Cell) -> int | float | str | None:
        """``parse_number`` of the cell, or its error message; remembered per value (a
        sheet repeats its targets and often its amounts)."""
        key = value if type(value) is str else (type(value), value)
        found = self._numbers.get(key, self._numbers)
        if found is self._numbers:
            try:
                found = parse_number(value)
            except ValueError as exc:
                found = str(exc)
            self._numbers[key] = found
        return found  # type: ignore[return-value]

    def _indicator(
        self, row: int, values: tuple[Cell, ...], cells: list[Cell], layout: _Layout
    ) -> dict[str, Value]:
        data: dict[str, Value] = {"src_row": row, "nama": _text(values[7])}
        for column, cell in (("satuan", values[8]), ("kondisi_awal", values[9])):
            if text := _text(cell):
                data[column] = text
        for column, index in layout.targets:
            if (value := cells[index]) is not None:
                data[column] = cell_text(value)
        return data


class _Layout:
    """Where each column a row reader reads sits, worked out once per sheet.

    ``at`` maps each named column to its index (of two columns of one name, the last), in the
    order the columns first appear; ``read`` takes the cells of ``READ_ORDER`` from a row as a
    tuple (a column the sheet lacks reads as the ``None`` a padded row ends with).

    >>> layout = _Layout(["jenis_elemen", "nama", "target_2026", "pagu_2026"])
    >>> layout.read(["program", "P", "95", None, None])[:3], layout.years
    (('program', 'P', None), [('target_2026', 2, False), ('pagu_2026', 3, True)])
    """

    def __init__(self, columns: list[str]) -> None:
        self.width = len(columns)
        self.at: dict[str, int] = {}
        for index, column in enumerate(columns):
            if column:
                self.at[column] = index
        self.padded = any(c not in self.at for c in READ_ORDER)
        indices = [self.at.get(c, self.width) for c in READ_ORDER]
        self.read: Callable[[list[Cell]], tuple[Cell, ...]] = itemgetter(*indices)
        self.years = [
            (c, i, match.group(1) == "pagu")
            for c, i in self.at.items()
            if (match := YEAR_COLUMN.match(c))
        ]
        self.targets = [(c, i) for c, i in self.at.items() if c.startswith("target_")]


READ_ORDER = ("jenis_elemen", "nama", "kode", "ref", "induk", "opd", "opd_kode", "indikator",
              "satuan", "kondisi_awal", *TEXT_COLUMNS)  # fmt: skip


def _suspect(cells: list[Cell]) -> bool:
    """True when some cell holds an Excel error or overlong text (:meth:`RowReader._usable`
    says which), found without a regex per cell."""
    if not EXCEL_ERROR_TEXTS.isdisjoint(cells):
        return True
    for value in cells:
        if type(value) is str and len(value) > MAX_CELL_CHARS:
            return True
    return False


def _kind_of(cell: Cell) -> tuple[bool, str]:
    """Whether the kind cell repeats the header, and the element kind it names."""
    return header_name(cell) in ALIASES_OF_KIND, cell_text(cell).lower().replace(" ", "_")


def _text(value: Cell) -> str:
    """:func:`cell_text`, the common cases first."""
    if type(value) is str:
        return value.strip()
    return "" if value is None else cell_text(value)


def _text_or_none(value: Cell) -> str | None:
    """:func:`cell_text`, or None for an empty cell."""
    if value is None:
        return None
    return (value.strip() if type(value) is str else cell_text(value)) or None


ALIASES_OF_KIND = {k for k, v in ALIASES.items() if v == "jenis_elemen"} | {"jenis_elemen"}


def _fraction(value: Cell) -> bool:
    """A number with a fraction (``1.1``): a code typed where Excel saw a number."""
    return isinstance(value, float) and not value.is_integer()


def document_kind(text: str) -> str | None:
    """The document kind in canonical spelling, or None."""
    upper = text.strip().upper().replace(" ", "")
    return upper if upper in DOCUMENT_KINDS else None
