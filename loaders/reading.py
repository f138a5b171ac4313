"""Reading workbooks into sheets of cells that remember where they came from.

``.xlsx``, ``.xlsm``, ``.xls`` and ``.ods`` are read with python-calamine (merged ranges are
filled with the value of their top-left cell); ``.csv`` with the standard library, the
delimiter (``,`` or ``;``) and the encoding (UTF-8 with or without BOM, or Windows-1252) sniffed.

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
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from python_calamine import CalamineError, CalamineWorkbook

from graph.errors import InputError, TooLarge

__all__ = ["SPREADSHEET_SUFFIXES", "Cell", "Sheet", "read_sheets"]

Cell = str | int | float | bool | None
SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
MAX_BYTES = 200 * 1024 * 1024


@dataclass(frozen=True)
class Sheet:
    """One sheet: its name and its non-empty rows as ``(row number, cells)``, 1-based."""

    name: str
    rows: list[tuple[int, list[Cell]]]


def read_sheets(path: Path, max_cells: int | None = None, name: str | None = None) -> list[Sheet]:
    """Every sheet of a workbook (a CSV file is one sheet named after the file).

    ``max_cells`` bounds the cells read from the whole workbook (counted from each sheet's
    dimensions before its cells are read); ``name`` is the file name to report (an upload's).

    Raises
    ------
    InputError
        When the file is missing, empty, too large or not a workbook this reader knows.
    TooLarge
        When the workbook has more than ``max_cells`` cells.
    """
    name = name or path.name
    if not path.is_file():
        raise InputError(f"{name}: berkas tidak ada / file not found")
    size = path.stat().st_size
    if size == 0:
        raise InputError(f"{name}: berkas kosong / the file is empty")
    if size > MAX_BYTES:
        raise InputError(f"{name}: berkas terlalu besar / file too large ({size} bytes)")
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return [_read_csv(path, name, max_cells)]
    if suffix in SPREADSHEET_SUFFIXES:
        return _read_spreadsheet(path, name, max_cells)
    raise InputError(
        f"{name}: bukan buku kerja yang dikenal / not a known workbook "
        f"(.csv, {', '.join(SPREADSHEET_SUFFIXES)})"
    )


def _read_spreadsheet(path: Path, name: str, max_cells: int | None) -> list[Sheet]:
    try:
        wb = CalamineWorkbook.from_path(str(path))
        sheets = [wb.get_sheet_by_name(sheet) for sheet in wb.sheet_names]
        _check_cells(name, sum(s.total_height * s.total_width for s in sheets), max_cells)
        return [
            Sheet(s.name, _rows(_filled(s.to_python(skip_empty_area=False), s))) for s in sheets
        ]
    except (CalamineError, ValueError, OSError) as exc:
        raise InputError(
            f"{name}: tidak bisa dibaca sebagai buku kerja / cannot be read as a workbook ({exc})"
        ) from exc


def _check_cells(name: str, cells: int, max_cells: int | None) -> None:
    if max_cells is not None and cells > max_cells:
        raise TooLarge(f"{name}: {cells} sel melebihi batas {max_cells} / cells over the limit")


def _filled(values: list[list[Any]], sheet: object) -> list[list[Cell]]:
    grid = [[_cell(v) for v in row] for row in values]
    for (r0, c0), (r1, c1) in getattr(sheet, "merged_cell_ranges", None) or []:
        if r0 >= len(grid) or c0 >= len(grid[r0]):
            continue
        top_left = grid[r0][c0]
        for r in range(r0, min(r1, len(grid) - 1) + 1):
            for c in range(c0, min(c1, len(grid[r]) - 1) + 1):
                grid[r][c] = top_left
    return grid


def _cell(value: object) -> Cell:
    if value == "" or value is None:
        return None
    if isinstance(value, datetime | date | time | timedelta):
        return value.isoformat() if not isinstance(value, timedelta) else str(value)
    if isinstance(value, str | int | float | bool):
        return value.strip() if isinstance(value, str) else value
    return str(value)


def _rows(grid: list[list[Cell]]) -> list[tuple[int, list[Cell]]]:
    return [(i + 1, row) for i, row in enumerate(grid) if any(v not in (None, "") for v in row)]


def _read_csv(path: Path, name: str, max_cells: int | None) -> Sheet:
    text = _decode(path.read_bytes(), name)
    sample = "\n".join(line for line in text.splitlines()[:50] if line.strip())
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    grid = [[_cell(v) for v in row] for row in csv.reader(io.StringIO(text), dialect)]
    _check_cells(name, sum(map(len, grid)), max_cells)
    return Sheet(Path(name).stem, _rows(grid))


def _decode(data: bytes, name: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if b"\x00" in data[:4096]:
        raise InputError(f"{name}: bukan berkas teks CSV / not a CSV text file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")
