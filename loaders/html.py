"""HTML tables (what many government apps save as ``.xls``) read as sheets of cells.

Every ``<table>`` becomes one :class:`~loaders.reading.Sheet` (``Tabel 1``, ``Tabel 2`` …) with
the same grid a spreadsheet gives: ``rowspan``/``colspan`` are merges, filled with the value of
their first cell and listed in ``Sheet.merged``; columns are the grid columns. As a spreadsheet
opened from the page shows it, the lines of text above a table (titles such as "PEMERINTAH
KABUPATEN …", menus; never ``<title>``, ``<style>``, ``<script>``) come first, one row each,
then the table's rows, every ``<tr>`` counted. Unclosed ``<td>``, ``<tr>`` and ``<table>`` tags
are closed where a browser would close them. Only the standard library is used.

Examples
--------
>>> sheets = html_sheets('<h3>Renja 2026</h3><table><tr><td rowspan=2>1.02<td>A<tr><td>B</table>')
>>> sheets[0].rows
[(1, ['Renja 2026', None]), (2, ['1.02', 'A']), (3, ['1.02', 'B'])]
>>> sheets[0].merged
((2, 0, 3, 0),)
>>> looks_like_html(b"\\xef\\xbb\\xbf  <!DOCTYPE html>"), looks_like_html(b"PK\\x03\\x04")
(True, False)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from graph.errors import InputError, TooLarge
from loaders.reading import Cell, Sheet

__all__ = ["HTML_SUFFIXES", "html_sheets", "looks_like_html", "read_html"]

HTML_SUFFIXES = (".html", ".htm")
_BREAKS = {"br", "p", "div", "li"}
_LINES = _BREAKS | {"h1", "h2", "h3", "h4", "h5", "h6", "tr", "label", "option", "ol", "ul"}
_HIDDEN = ("style", "script", "title")
MAX_TITLES = 20
_SPACE = re.compile(r"[ \t\r\f\v\xa0]+")


def looks_like_html(head: bytes) -> bool:
    """True when a file's first bytes are markup (``<``, ``<!DOCTYPE``, ``<html``, ``<table``)."""
    text = head.lstrip(b"\xef\xbb\xbf").lstrip()
    return text.startswith(b"<") and not text.startswith(b"<?xml")


def read_html(path: Path, name: str, max_cells: int | None = None) -> list[Sheet]:
    """The tables of an HTML file as sheets.

    Raises
    ------
    InputError
        When the file holds no table.
    TooLarge
        When its tables hold more than ``max_cells`` cells.
    """
    data = path.read_bytes()
    sheets = html_sheets(_decode(data), name, max_cells)
    if not sheets:
        raise InputError(f"{name}: tidak ada tabel HTML / no HTML table in the file")
    return sheets


def html_sheets(text: str, name: str = "", max_cells: int | None = None) -> list[Sheet]:
    """Every table of an HTML text as a sheet (see the module docstring)."""
    parser = _TableParser()
    parser.feed(text)
    parser.close()
    tables = [t for t in parser.done if t.rows]
    cells = sum(len(row) for t in tables for row in t.rows)
    if max_cells is not None and cells > max_cells:
        raise TooLarge(f"{name}: {cells} sel melebihi batas {max_cells} / cells over the limit")
    return [t.sheet(f"Tabel {i}") for i, t in enumerate(tables, 1)]


def _decode(data: bytes) -> str:
    head = data[:2048].decode("ascii", errors="ignore").lower()
    match = re.search(r"charset=[\"']?([a-z0-9_-]+)", head)
    for encoding in (match.group(1) if match else "utf-8-sig", "utf-8-sig"):
        try:
            return data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("cp1252", errors="replace")


@dataclass
class _Span:
    text: str
    rows: int
    cols: int


@dataclass
class _Table:
    """The cells of one table as written, turned into a filled grid by :meth:`sheet`."""

    rows: list[list[_Span]] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)

    def sheet(self, name: str) -> Sheet:
        above = len(self.titles)
        grid: list[list[Cell]] = [[] for _ in self.rows]
        merged: list[tuple[int, int, int, int]] = []
        for r, spans in enumerate(self.rows):
            c = 0
            for span in spans:
                while c < len(grid[r]) and grid[r][c] is not _TAKEN:
                    c += 1
                last_row = min(r + span.rows, len(grid)) - 1
                _place(grid, r, c, last_row, c + span.cols - 1, span.text or None)
                if last_row > r or span.cols > 1:
                    merged.append((above + r + 1, c, above + last_row + 1, c + span.cols - 1))
                c += span.cols
        width = max(map(len, grid), default=1)
        titles: list[tuple[int, list[Cell]]] = [
            (i + 1, [t, *[None] * (width - 1)]) for i, t in enumerate(self.titles)
        ]
        rows = [
            (above + i + 1, [None if v is _TAKEN else v for v in row] + [None] * (width - len(row)))
            for i, row in enumerate(grid)
            if any(v is not None and v is not _TAKEN for v in row)
        ]
        return Sheet(name, titles + rows, tuple(merged))


class _Taken(str):
    """Marks a grid position no cell has filled yet (a gap left by a later span)."""


_TAKEN: Cell = _Taken("")


def _place(grid: list[list[Cell]], r0: int, c0: int, r1: int, c1: int, value: Cell) -> None:
    for r in range(r0, r1 + 1):
        row = grid[r]
        if len(row) <= c1:
            row.extend([_TAKEN] * (c1 + 1 - len(row)))
        for c in range(c0, c1 + 1):
            if row[c] is _TAKEN:
                row[c] = value


class _TableParser(HTMLParser):
    """Collects tables, rows and cells, closing what the markup leaves open."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[_Table] = []
        self.done: list[_Table] = []
        self.cell: list[str] | None = None
        self.span = (1, 1)
        self.loose: list[str] = []
        self.hidden: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN and self.cell is None:
            self.hidden = tag
        elif tag == "table":
            self._end_cell()
            self.stack.append(_Table(titles=[] if self.stack else self._titles()))
        elif not self.stack:
            self.loose.append("\n" if tag in _LINES else "")
        elif tag == "tr":
            self._end_cell()
            self.stack[-1].rows.append([])
        elif tag in ("td", "th"):
            self._end_cell()
            if not self.stack[-1].rows:
                self.stack[-1].rows.append([])
            values = dict(attrs)
            self.cell, self.span = (
                [],
                (_count(values.get("rowspan")), _count(values.get("colspan"))),
            )
        elif tag in _BREAKS and self.cell is not None:
            self.cell.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == self.hidden:
            self.hidden = None
        elif not self.stack and tag in _LINES:
            self.loose.append("\n")
        elif tag == "table" and self.stack:
            self._end_cell()
            self.done.append(self.stack.pop())
        elif tag in ("td", "th", "tr"):
            self._end_cell()

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)
        elif not self.stack and self.hidden is None:
            self.loose.append(data)

    def _titles(self) -> list[str]:
        """The lines of text since the last table, as title rows of the next one."""
        lines = (_SPACE.sub(" ", line).strip() for line in "".join(self.loose).split("\n"))
        self.loose = []
        return [line for line in lines if line][-MAX_TITLES:]

    def close(self) -> None:
        super().close()
        while self.stack:
            self._end_cell()
            self.done.append(self.stack.pop())

    def _end_cell(self) -> None:
        if self.cell is None or not self.stack:
            return
        lines = (_SPACE.sub(" ", line).strip() for line in "".join(self.cell).split("\n"))
        text = "\n".join(line for line in lines if line)
        self.stack[-1].rows[-1].append(_Span(text, *self.span))
        self.cell = None


def _count(value: str | None) -> int:
    """A ``rowspan``/``colspan`` attribute as a count of at least 1 (``"3"``, ``"3px"``, ``""``)."""
    digits = re.match(r"\s*(\d+)", value or "")
    return max(1, min(int(digits.group(1)), 10_000)) if digits else 1
