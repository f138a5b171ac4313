"""Which profile a workbook follows, found from its header, and where that header is.

Page chrome above the header (titles, "Filter Cetak Laporan") is passed over: the header is the
first of the top rows of a sheet whose cells carry every marker of a profile. When several
profiles match one row, the one whose markers say the most wins.

Examples
--------
>>> from loaders.reading import Sheet
>>> sheet = Sheet("Sheet1", [(1, ["Laporan Pencapaian", None]), (3, ["Kode", "Misi/Tujuan/Sasaran",
...     "Indikator Kinerja"]), (4, ["MISI 1 : Sejahtera", None, None])])
>>> found = find_table([sheet], "rpjmd.xlsx")
>>> found.profile.name, found.index
('rpjmd-matriks', 1)
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.errors import LoadError
from graph.model import Problem
from loaders.profiles import Profile, header_text, profiles
from loaders.reading import Sheet
from loaders.rows import header_name

__all__ = ["Found", "find_table", "is_selaras"]

SCAN_ROWS = 40


@dataclass(frozen=True)
class Found:
    """A profile's header: the sheet and the index (in ``sheet.rows``) of its first row."""

    profile: Profile
    sheet: Sheet
    index: int


def is_selaras(sheets: list[Sheet]) -> bool:
    """True for the Selaras workbook format: an ``elemen`` sheet, or a CSV that starts with the
    ``dokumen`` keys or holds a ``jenis_elemen`` header."""
    if any(header_name(s.name) == "elemen" for s in sheets):
        return True
    for sheet in sheets[:1] if len(sheets) == 1 else []:
        first = sheet.rows[0][1] if sheet.rows else []
        if first and header_name(first[0]) in ("jenis", "kunci", "key"):
            return True
        for _, cells in sheet.rows[:SCAN_ROWS]:
            if any(_names_jenis_elemen(c) for c in cells):
                return True
    return False


def _names_jenis_elemen(cell: object) -> bool:
    """Whether the cell is the ``jenis_elemen`` header (text holding "elemen" is looked at
    closely; a table's cells are mostly not, and this runs on every table read)."""
    return type(cell) is str and "elemen" in cell.lower() and header_name(cell) == "jenis_elemen"


def find_table(sheets: list[Sheet], file: str, wanted: Profile | None = None) -> Found:
    """The header of ``wanted``, or of the profile whose header the workbook holds.

    Raises
    ------
    LoadError
        When no header matches: the problem names the profiles tried and the closest one.
    """
    tried = [wanted] if wanted else [p for p in profiles().values() if p.format == "table"]
    for sheet in sheets:
        for index, (_, cells) in enumerate(sheet.rows[:SCAN_ROWS]):
            texts = [header_text(c) for c in cells if c is not None]
            hits = [p for p in tried if p.matches(texts)]
            if hits:
                return Found(max(hits, key=lambda p: p.specificity), sheet, index)
    raise LoadError([_no_match(sheets, file, tried)])


def _no_match(sheets: list[Sheet], file: str, tried: list[Profile]) -> Problem:
    best: tuple[float, Profile, Sheet | None, int | None, list[str]] = (
        -1.0,
        tried[0],
        None,
        None,
        [],
    )
    for sheet in sheets:
        for number, cells in sheet.rows[:SCAN_ROWS]:
            texts = [header_text(c) for c in cells if c is not None]
            for p in tried:
                found = p.found_markers(texts)
                if len(found) / len(p.markers) > best[0]:
                    best = (len(found) / len(p.markers), p, sheet, number, found)
    _, closest, where, row, found = best
    missing = [m for m in closest.markers if m not in found]
    lack = (
        f"kurang / missing: {', '.join(missing)}"
        if missing
        else f"tidak boleh ada / must not have: {', '.join(closest.excludes)}"
    )
    names = ", ".join([p.name for p in tried] + ([] if len(tried) == 1 else ["selaras"]))
    return Problem(
        file,
        where.name if where else None,
        row,
        None,
        "error",
        f"Tajuk tabel tidak cocok dengan profil (dicoba: {names}); paling dekat {closest.name}, "
        f"{lack}. Pilih dengan --profile / the table header matches no profile (tried: {names}); "
        f"closest: {closest.name}. See: selaras profiles",
    )
