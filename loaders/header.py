"""A table's header read into a layout: which column holds what.

The header may span several rows (merged cells, ``Tahun 2019`` above ``Target | Rp``); each
column is named by its header texts from top to bottom. A column whose top text starts with one
of a profile's aliases takes that role (``kode`` may take several adjacent columns: a split
code). A column under a year is ``target_<year>``, ``pagu_<year>`` (Rp, pagu, kebutuhan dana),
``lokasi`` or ``sumber_dana`` by its bottom text; under "akhir periode" it is ``target_akhir``
or ``pagu_total``. The numbered row below the header (``1 2 3 …``) is skipped.

Examples
--------
>>> from loaders.profiles import profiles
>>> from loaders.reading import Sheet
>>> rows = [(1, ["Kode", "Misi/Tujuan/Sasaran", "Indikator", "Capaian", "Capaian", "Akhir"]),
...         (2, ["Kode", "Misi/Tujuan/Sasaran", "Indikator", 2019.0, 2019.0, "Kondisi akhir"]),
...         (3, ["Kode", "Misi/Tujuan/Sasaran", "Indikator", "target", "Rp", "Rp"]),
...         (4, [1, 2, 3, 4, 5, 6]), (5, ["MISI 1 : Sejahtera", None, None, None, None, None])]
>>> layout = read_layout(profiles()["rpjmd-matriks"], Sheet("s", rows), 0)
>>> layout.first_data, layout.roles["nama"], layout.values, layout.years
(4, [1], [(3, 'target_2019'), (4, 'pagu_2019'), (5, 'pagu_total')], [2019])
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from loaders.profiles import Profile, header_text
from loaders.reading import Cell, Sheet, column_letter

__all__ = ["Layout", "column_letter", "read_layout"]

_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")
_RP = re.compile(r"\brp\b|pagu|dana|anggaran")
END = ("akhir periode", "kondisi akhir", "kondisi kinerja pada akhir", "akhir renstra")
VALUE_WORDS = ("target", "rp", "pagu", "kebutuhan dana", "sumber dana", "lokasi", "tahun")


@dataclass(frozen=True)
class Layout:
    """Where the data starts and what each column holds."""

    first_data: int
    roles: dict[str, list[int]] = field(default_factory=dict)
    values: list[tuple[int, str]] = field(default_factory=list)
    headers: dict[int, str] = field(default_factory=dict)
    years: list[int] = field(default_factory=list)


def read_layout(profile: Profile, sheet: Sheet, index: int) -> Layout:
    """The layout of the table whose header starts at ``sheet.rows[index]``."""
    end = _header_end(profile, sheet, index)
    width = max((len(cells) for _, cells in sheet.rows[index:end]), default=0)
    texts = [_column_texts(sheet, index, end, c) for c in range(width)]
    values = [(c, key) for c, t in enumerate(texts) if (key := _value_key(t))]
    taken = {c for c, _ in values}
    roles: dict[str, list[int]] = {}
    for role, aliases in profile.columns.items():
        hits = [c for c, t in enumerate(texts) if c not in taken and t and t[0].startswith(aliases)]
        if hits:
            roles[role] = hits if role == "kode" else hits[:1]
            taken.update(roles[role])
    years = sorted({int(k[-4:]) for _, k in values if k[-4:].isdigit()})
    headers = {c: " / ".join(t) for c, t in enumerate(texts) if t}
    return Layout(_after_numbered(sheet, end), roles, values, headers, years)


def _header_end(profile: Profile, sheet: Sheet, index: int) -> int:
    """The index of the first row after the header block starting at ``index``."""
    first = sheet.rows[index][0]
    merged_end = max((r1 for r0, _, r1, _ in sheet.merged if r0 == first), default=first)
    words = tuple(a for aliases in profile.columns.values() for a in aliases) + VALUE_WORDS
    end = index + 1
    while end < len(sheet.rows) and (
        sheet.rows[end][0] <= merged_end
        or _is_sub_header(sheet.rows[end - 1][1], sheet.rows[end][1], words)
    ):
        end += 1
    return end


def _is_sub_header(above: list[Cell], cells: list[Cell], words: tuple[str, ...]) -> bool:
    texts = [
        header_text(v)
        for c, v in enumerate(cells)
        if v is not None and (c >= len(above) or v != above[c])
    ]
    return bool(texts) and all(
        t.startswith(words) or _YEAR.search(t) or any(e in t for e in END) for t in texts
    )


def _after_numbered(sheet: Sheet, index: int) -> int:
    while index < len(sheet.rows) and _is_numbered(sheet.rows[index][1]):
        index += 1
    return index


def _is_numbered(cells: list[Cell]) -> bool:
    """True for the column-number row under a header: ``1 2 3 …`` (merged numbers repeat)."""
    numbers = [_whole(v) for v in cells if v is not None]
    return len(numbers) >= 3 and numbers[0] == 1 and None not in numbers


def _whole(value: Cell) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer() or isinstance(value, int):
        return int(value)
    text = str(value).strip()
    return int(text) if text.isascii() and text.isdigit() else None


def _column_texts(sheet: Sheet, start: int, end: int, column: int) -> list[str]:
    out: list[str] = []
    for _, cells in sheet.rows[start:end]:
        text = header_text(cells[column]) if column < len(cells) else ""
        if text and (not out or out[-1] != text):
            out.append(text)
    return out


def _value_key(texts: list[str]) -> str | None:
    """``target_2019``, ``pagu_2019``, ``target_akhir``, ``pagu_total``, ``lokasi`` … or None."""
    joined = " / ".join(texts)
    year = _YEAR.search(joined)
    if year is None and not any(e in joined for e in END):
        return None
    bottom = texts[-1]
    if "sumber" in bottom:
        return "sumber_dana"
    if "lokasi" in bottom:
        return "lokasi"
    kind = "target" if "target" in bottom else "pagu" if _RP.search(bottom) else None
    if kind is None:
        return None
    if year is None:
        return "target_akhir" if kind == "target" else "pagu_total"
    return f"{kind}_{year.group(1)}"
