"""Reading an official nomenclature list (a CSV file or a workbook) into checked entries.

The columns are found by their header, in the first rows of any sheet: ``kode`` (or
``nomor_kode``), ``nama`` (or ``nomenklatur``, ``uraian``), optionally ``level`` (or ``jenis``,
``tingkat``; read from the code when absent or empty) and ``aktif`` (rows marked ``0`` are
retired and skipped, as in the lists of ``../shared/data``). Codes are normalised as in plans
(``1.02.02.2.01.02`` → ``…0002``); a code that is not one, a level that is not one or does not
fit the code, an empty name or a code twice is a problem, and any problem means no entries.

Examples
--------
>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "kepmendagri.csv"
>>> _ = path.write_text("kode;level;nama\\n1.02.02;program;PROGRAM KESEHATAN\\n"
...                     "1.02.02.2.01.02;;Pembangunan Puskesmas\\n", encoding="utf-8")
>>> read_nomenclature(path)
[Entry(kode='1.02.02', level='program', nama='PROGRAM KESEHATAN'), Entry(kode='1.02.02.2.01.0002', level='sub_kegiatan', nama='Pembangunan Puskesmas')]
>>> default_versi(path)
'kepmendagri'
"""  # noqa: E501

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from graph.codes import code_kind, normalise_kode
from graph.errors import LoadError
from graph.model import Problem
from graph.nomenclature import Entry
from loaders.reading import Cell, Sheet, read_sheets

__all__ = ["HEADERS", "default_versi", "read_nomenclature"]

HEADERS = {
    "kode": ("kode", "nomor_kode", "kode_nomenklatur"),
    "nama": ("nama", "nomenklatur", "uraian", "nama_nomenklatur"),
    "level": ("level", "jenis", "tingkat", "jenis_nomenklatur"),
    "aktif": ("aktif",),
}
LEVEL_NAMES = {
    "urusan": "urusan",
    "bidang": "bidang_urusan",
    "bidang_urusan": "bidang_urusan",
    "program": "program",
    "kegiatan": "kegiatan",
    "sub_kegiatan": "sub_kegiatan",
    "subkegiatan": "sub_kegiatan",
}
RETIRED = {"0", "0.0", "false", "tidak", "no", "n", "nonaktif"}
HEADER_ROWS = 10


def default_versi(path: Path) -> str:
    """The version name when none is given: the file name without its suffix."""
    return path.stem


def read_nomenclature(path: Path, name: str | None = None) -> list[Entry]:
    """Every entry of the list at ``path``, in file order.

    Parameters
    ----------
    path : Path
        A ``.csv``, ``.xlsx``, ``.xls`` or ``.ods`` file (read by :func:`loaders.read_sheets`).
    name : str, optional
        The file name to report (an upload's); ``path.name`` by default.

    Raises
    ------
    InputError
        When the file cannot be read at all.
    LoadError
        With every problem found (file, sheet, row, column); nothing is returned then.
    """
    name = name or path.name
    found = list(_read_tables(read_sheets(path, name=name), name))
    entries = [e for e in found if isinstance(e, Entry)]
    problems = [p for p in found if isinstance(p, Problem)]
    if not entries and not problems:
        problems.append(_problem(name, None, None, None, "Tidak ada entri / no entries"))
    if problems:
        raise LoadError(problems)
    return entries


NO_COLUMNS = (
    "Tidak ada lembar dengan kolom kode dan nama / no sheet has the columns kode and nama "
    f"(kode: {', '.join(HEADERS['kode'])}; nama: {', '.join(HEADERS['nama'])})"
)
Where = tuple[str, str, int]


def _problem(
    file: str, sheet: str | None, row: int | None, column: str | None, message: str
) -> Problem:
    return Problem(file, sheet, row, column, "error", message)


def _key(cell: Cell) -> str:
    return str(cell or "").strip().lower().replace(" ", "_").replace("-", "_")


def _read_tables(sheets: list[Sheet], name: str) -> Iterator[Entry | Problem]:
    """The entries and problems of every sheet that has the columns, in sheet order."""
    seen: dict[str, str] = {}
    tables = [(sheet, found) for sheet in sheets if (found := _columns(sheet)) is not None]
    if not tables:
        yield _problem(name, None, None, None, NO_COLUMNS)
    for sheet, (header, cols) in tables:
        for row, cells in sheet.rows:
            if row > header:
                yield from _read_row(cells, cols, (name, sheet.name, row), seen)


def _columns(sheet: Sheet) -> tuple[int, dict[str, int]] | None:
    """The header row number and the index of each known column, if the sheet has them."""
    for row, cells in sheet.rows[:HEADER_ROWS]:
        keys = [_key(c) for c in cells]
        cols = {  # aliases in reverse, so that the first alias of a field found wins
            field: keys.index(alias)
            for field, aliases in HEADERS.items()
            for alias in reversed(aliases)
            if alias in keys
        }
        if "kode" in cols and "nama" in cols:
            return row, cols
    return None


def _cell(cells: list[Cell], cols: dict[str, int], field: str) -> str:
    index = cols.get(field)
    value = cells[index] if index is not None and index < len(cells) else None
    return "" if value is None else str(value).strip()


def _read_row(
    cells: list[Cell], cols: dict[str, int], where: Where, seen: dict[str, str]
) -> Iterator[Entry | Problem]:
    """The row's entry, or its problems; nothing for a blank or retired row."""
    raw, nama = _cell(cells, cols, "kode"), _cell(cells, cols, "nama")
    if (not raw and not nama) or _cell(cells, cols, "aktif").lower() in RETIRED:
        return
    file, sheet, row = where
    try:
        kode = normalise_kode(raw)
    except ValueError as exc:
        yield _problem(file, sheet, row, "kode", str(exc) if raw else "kode kosong / no code")
        return
    try:
        level: str | None = _level(_cell(cells, cols, "level"), kode)
    except ValueError as exc:
        level = None
        yield _problem(file, sheet, row, "level", str(exc))
    if not nama:
        yield _problem(file, sheet, row, "nama", "nama kosong / no name")
    if kode in seen:
        yield _problem(file, sheet, row, "kode", f"kode {kode} ganda / twice ({seen[kode]})")
    seen.setdefault(kode, f"{sheet} baris / row {row}")
    if level and nama:
        yield Entry(kode, level, nama)


def _level(text: str, kode: str) -> str:
    """The level of a row (read from the code when empty); ValueError when it is not one or
    does not fit the code."""
    implied = code_kind(kode)
    if not text:
        return implied
    level = LEVEL_NAMES.get(_key(text))
    if level is None:
        known = ", ".join(sorted(set(LEVEL_NAMES.values())))
        raise ValueError(f"level '{text}' tidak dikenal / unknown level (ada / known: {known})")
    if level != implied:
        raise ValueError(
            f"level '{text}' tidak cocok dengan kode {kode} ({implied}) / does not fit the code"
        )
    return level
