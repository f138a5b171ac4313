"""Writing small planning tables for tests: ``.xlsx`` with merged cells, or HTML text."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook

Row = Sequence[object]


def write_xlsx(path: Path, rows: Sequence[Row], merges: Sequence[str] = ()) -> Path:
    """Write ``rows`` on one sheet and merge the ranges (``"A1:A3"``); the path."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Tabel"
    for row in rows:
        ws.append(list(row))
    for cells in merges:
        ws.merge_cells(cells)
    wb.save(path)
    return path


def write_html(path: Path, body: str) -> Path:
    """Write an HTML page around ``body`` (markup as an app exports it); the path."""
    path.write_text(f"<html><head><meta charset='utf-8'></head><body>{body}</body></html>")
    return path
