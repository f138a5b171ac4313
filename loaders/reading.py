"""Reading workbooks into sheets of cells that remember where they came from.

``.xlsx``, ``.xlsm``, ``.xls`` and ``.ods`` are read with python-calamine (merged ranges are
filled with the value of their top-left cell) after :func:`loaders.preflight.preflight` has
checked that they are safe to open; ``.csv`` with the standard library, the delimiter (``,`` or
``;``) and the encoding (UTF-8 with or without BOM, UTF-16, or Windows-1252) sniffed. No
workbook is read into more than ``max_cells`` cells (``MAX_CELLS`` unless said otherwise).

Examples
--------
>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "a.csv"
>>> _ = path.write_text("kode;nama\\n1.02;Kesehatan\\n", encoding="utf-8-sig")
>>> sheet = read_sheets(path)[0]
>>> sheet.name, sheet.rows[1]
('a', (2, ['1.02', 'Kesehatan']))
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from python_calamine import (
    CalamineError,
    CalamineSheet,
    CalamineWorkbook,
    PasswordError,
    SheetVisibleEnum,
)

from graph.errors import InputError, TooLarge
from loaders.preflight import PROTECTED, ErrorCells, column_letter, preflight

__all__ = ["SPREADSHEET_SUFFIXES", "Cell", "Sheet", "column_letter", "read_sheets"]

Cell = str | int | float | bool | None
SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
MAX_BYTES = 200 * 1024 * 1024
MAX_CELLS = 2_000_000


@dataclass(frozen=True)
class Sheet:
    """One sheet: its name and its non-empty rows as ``(row number, cells)``, 1-based.

    ``merged`` lists the merged ranges as ``(first row, first column, last row, last column)``:
    row numbers as in ``rows``, columns as indices into the cells; their cells are filled.
    """

    name: str
    rows: list[tuple[int, list[Cell]]]
    merged: tuple[tuple[int, int, int, int], ...] = ()
    hidden: bool = False


def read_sheets(path: Path, max_cells: int | None = None, name: str | None = None) -> list[Sheet]:
    """Every sheet of a workbook (a CSV file is one sheet named after the file).

    ``max_cells`` bounds the cells read from the whole workbook (counted from each sheet's
    dimensions before its cells are read; ``MAX_CELLS`` when None); ``name`` is the file name to
    report (an upload's).

    Raises
    ------
    InputError
        When the file is missing, empty, too large or not a workbook this reader knows.
    TooLarge
        When the workbook has more than ``max_cells`` cells.
    """
    name = name or path.name
    max_cells = MAX_CELLS if max_cells is None else max_cells
    if not path.is_file():
        raise InputError(f"{name}: berkas tidak ada / file not found")
    size = path.stat().st_size
    if size == 0:
        raise InputError(f"{name}: berkas kosong / the file is empty")
    if size > MAX_BYTES:
        raise InputError(f"{name}: berkas terlalu besar / file too large ({size} bytes)")
    suffix = path.suffix.lower()
    if suffix in (".xls", ".html", ".htm") and (html := _read_html(path, name, max_cells)):
        return html
    if suffix == ".csv":
        return [_read_csv(path, name, max_cells)]
    if suffix in SPREADSHEET_SUFFIXES:
        return _read_spreadsheet(path, name, max_cells)
    raise InputError(
        f"{name}: bukan buku kerja yang dikenal / not a known workbook "
        f"(.csv, .html, {', '.join(SPREADSHEET_SUFFIXES)})"
    )


def _read_html(path: Path, name: str, max_cells: int | None) -> list[Sheet] | None:
    """The tables of an ``.html`` file, or of an ``.xls`` that is HTML inside; else None."""
    from loaders.html import HTML_SUFFIXES, looks_like_html, read_html  # imports Sheet

    with path.open("rb") as f:
        head = f.read(512)
    if path.suffix.lower() in HTML_SUFFIXES or looks_like_html(head):
        return read_html(path, name, max_cells)
    return None


def _read_spreadsheet(path: Path, name: str, max_cells: int) -> list[Sheet]:
    errors = preflight(path, name, max_cells)
    try:
        wb = CalamineWorkbook.from_path(str(path))
        hidden = {m.name for m in wb.sheets_metadata if m.visible != SheetVisibleEnum.Visible}
        sheets = [wb.get_sheet_by_name(sheet) for sheet in wb.sheet_names]
        _check_cells(name, sum(_grid_cells(s) for s in sheets), max_cells)
        return [
            Sheet(
                s.name,
                _rows(_with_errors(_filled(s.to_python(skip_empty_area=False), s), errors, s.name)),
                _merged(s),
                s.name in hidden,
            )
            for s in sheets
        ]
    except (CalamineError, ValueError, OSError) as exc:
        if isinstance(exc, PasswordError):
            raise InputError(f"{name}: {PROTECTED}") from exc
        raise InputError(
            f"{name}: tidak bisa dibaca sebagai buku kerja / cannot be read as a workbook ({exc})"
        ) from exc


def _grid_cells(sheet: CalamineSheet) -> int:
    """The cells of the grid ``to_python`` returns: from A1 to the last used cell."""
    return 0 if sheet.end is None else (sheet.end[0] + 1) * (sheet.end[1] + 1)


def _with_errors(grid: list[list[Cell]], errors: ErrorCells, sheet: str) -> list[list[Cell]]:
    """Excel error values (``#REF!``) put back where calamine read an empty cell."""
    for (r, c), text in errors.get(sheet, {}).items():
        if r < len(grid) and c < len(grid[r]):
            grid[r][c] = text
    return grid


def _check_cells(name: str, cells: int, max_cells: int) -> None:
    if cells > max_cells:
        raise TooLarge(f"{name}: {cells} sel melebihi batas {max_cells} / cells over the limit")


def _filled(values: list[list[Any]], sheet: object) -> list[list[Cell]]:
    # _cell inlined for the two common types: a call per cell costs more than the read itself
    grid = [
        [
            (None if v == "" else v.strip())
            if type(v) is str
            else v
            if type(v) is float
            else _cell(v)
            for v in row
        ]
        for row in values
    ]
    for (r0, c0), (r1, c1) in getattr(sheet, "merged_cell_ranges", None) or []:
        if r0 >= len(grid) or c0 >= len(grid[r0]):
            continue
        top_left = grid[r0][c0]
        for r in range(r0, min(r1, len(grid) - 1) + 1):
            for c in range(c0, min(c1, len(grid[r]) - 1) + 1):
                grid[r][c] = top_left
    return grid


def _merged(sheet: object) -> tuple[tuple[int, int, int, int], ...]:
    ranges = getattr(sheet, "merged_cell_ranges", None) or []
    return tuple((r0 + 1, c0, r1 + 1, c1) for (r0, c0), (r1, c1) in ranges)


def _cell(value: object) -> Cell:
    if value == "" or value is None:
        return None
    if isinstance(value, datetime | date | time | timedelta):
        return value.isoformat() if not isinstance(value, timedelta) else str(value)
    if isinstance(value, str | int | float | bool):
        return value.strip() if isinstance(value, str) else value
    return str(value)


def _rows(grid: list[list[Cell]]) -> list[tuple[int, list[Cell]]]:
    """The rows with a cell that is neither None nor ``""``, numbered from 1 (counted in C:
    a truthy cell settles most rows at once)."""
    return [
        (i + 1, row)
        for i, row in enumerate(grid)
        if any(row) or row.count(None) + row.count("") < len(row)
    ]


def _read_csv(path: Path, name: str, max_cells: int) -> Sheet:
    text = _decode(path.read_bytes(), name)
    sample = "\n".join(line[:4096] for line in text.splitlines()[:50] if line.strip())
    dialect = _dialect(sample)
    reader = csv.reader(io.StringIO(text), dialect)
    grid: list[list[Cell]] = []
    cells = 0
    try:
        for row in reader:  # counted as read: 20 MB of commas is refused, not built first
            cells += len(row)
            _check_cells(name, cells, max_cells)
            grid.append([_cell(v) for v in row])
    except csv.Error as exc:
        raise InputError(
            f"{name}: baris {reader.line_num}: CSV tidak terbaca / CSV cannot be read ({exc})"
        ) from exc
    _check_one_delimiter(grid, dialect.delimiter, name)
    return Sheet(Path(name).stem, _rows(grid))


class _Semicolon(csv.excel):
    delimiter = ";"


def _dialect(sample: str) -> type[csv.Dialect] | csv.Dialect:
    """The sniffed dialect; when the sniffer gives up (rows of different widths, as the
    ``kunci,nilai`` rows above a table), the delimiter found on most lines (``,`` on a tie)."""
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        lines = sample.splitlines()
        best = max(",;\t", key=lambda d: sum(d in line for line in lines))
        return {",": csv.excel, ";": _Semicolon, "\t": csv.excel_tab}[best]


def _check_one_delimiter(grid: list[list[Cell]], delimiter: str, name: str) -> None:
    """A row read as one cell holding the other delimiter: the file mixes ``,`` and ``;``."""
    other = {",": ";", ";": ","}.get(delimiter)
    split = [
        i + 1
        for i, row in enumerate(grid)
        if other and len(row) == 1 and other in str(row[0] or "")
    ]
    if split and any(len(row) > 1 for row in grid):
        raise InputError(
            f"{name}: baris {_spans(split)} memakai pemisah '{other}', baris lain '{delimiter}'; "
            f"pakai satu pemisah / rows {_spans(split)} use '{other}' while the others use "
            f"'{delimiter}': use one delimiter"
        )


def _spans(numbers: list[int]) -> str:
    """``[1, 2, 3, 7]`` → ``'1-3, 7'``."""
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return ", ".join(f"{r[0]}-{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)


def _decode(data: bytes, name: str) -> str:
    utf16 = _utf16(data)
    if utf16:
        try:
            return data.decode(utf16)
        except UnicodeDecodeError as exc:
            raise InputError(f"{name}: UTF-16 rusak / broken UTF-16 text ({exc})") from exc
    if b"\x00" in data[:4096]:
        raise InputError(f"{name}: bukan berkas teks CSV / not a CSV text file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _utf16(data: bytes) -> str | None:
    """``utf-16`` (with a BOM), ``utf-16-le``/``-be`` (text whose every other byte is NUL)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    head = data[:4096]
    if len(head) >= 4 and head.count(b"\x00") * 2 >= len(head) - 1:
        if re.fullmatch(rb"(?:[^\x00]\x00)+", head[: len(head) // 2 * 2], re.S):
            return "utf-16-le"
        if re.fullmatch(rb"(?:\x00[^\x00])+", head[: len(head) // 2 * 2], re.S):
            return "utf-16-be"
    return None
