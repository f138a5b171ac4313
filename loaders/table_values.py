"""What a table row says about its element: indicator, targets, Rp, Perangkat Daerah, lokasi.

Rp (``pagu_<year>``, ``pagu_total``) is summed over the element's rows, a merged cell counted
once; an unreadable Rp is an error. Targets are kept as written with the number read where there
is one (``loaders/targets.py``) on the row's indicator. Perangkat Daerah, unit kerja, lokasi and
the like are collected per element. Once the table is read, a year no row uses (every Rp and
target ``0``, as tables print years before a plan starts) is dropped, so ``0`` there reads as
empty.

Examples
--------
>>> from loaders.header import Layout
>>> layout = Layout(0, {"indikator": [1], "opd": [4]}, [(2, "target_2026"), (3, "pagu_2026")])
>>> values = RowValues(layout, lambda *args, **kw: None)
>>> draft = Draft(1, "program", "Program Kesehatan", kode="1.02.02")
>>> values.add(draft, 1, ["1.02.02", "Cakupan SPM", "<22", "1,250,000.00", "Dinkes"], None, None)
>>> values.add(draft, 2, [None, "Angka kematian", "70,38-70,76", "250.000", "RSUD"], None, None)
>>> drafts = finish_drafts([draft], values, multi_opd=True)
>>> draft.props["pagu_2026"], draft.props["perangkat_daerah"], draft.opd
(1500000, ['Dinkes', 'RSUD'], None)
>>> draft.indicators[1]["target_2026_min"]
70.38
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from graph.model import Value
from loaders.amounts import parse_number
from loaders.cells import clean_text
from loaders.header import Layout
from loaders.reading import Cell
from loaders.rows import Draft
from loaders.targets import target_unit, target_values

__all__ = ["INDICATOR_PREFIX", "RowValues", "finish_drafts"]

INDICATOR_PREFIX = re.compile(r"(?i)^indikator\s*(?:[a-z ]{0,20}?\s*)?\d+\s*[:.]?\s*")
_YEAR_KEY = re.compile(r"^(?:pagu|target)_(\d{4})(?:_[a-z]+)?$")
_TARGET_KEY = re.compile(r"^target_(?:\d{4}|akhir)$")
LISTED = ("opd", "unit_kerja", "lokasi", "sumber_dana", "catatan", "kelompok_sasaran")
Report = Callable[..., None]


class RowValues:
    """Collects each row's values onto its element; ``report(row, role, message)`` problems."""

    def __init__(self, layout: Layout, report: Report) -> None:
        self.layout, self.report = layout, report
        roles = layout.roles
        self.indicator = roles.get("indikator", [None])[0]
        self.satuan = roles.get("satuan", [None])[0]
        self.awal = roles.get("kondisi_awal", [None])[0]
        self.opd = roles.get("opd", [None])[0]
        self.pagu = [(c, k, _year(k)) for c, k in layout.values if k.startswith("pagu_")]
        self.targets = [(c, k, _year(k)) for c, k in layout.values if k.startswith("target_")]
        texts = [(c, k) for c, k in layout.values if not k.startswith(("pagu_", "target_"))]
        self.listed = texts + [(cols[0], role) for role, cols in roles.items() if role in LISTED]
        self.lists: dict[int, dict[str, list[str]]] = {}
        self.years_seen: set[str] = set()
        self.years_used: set[str] = set()
        self.float_sums: list[Draft] = []

    def add(
        self,
        draft: Draft,
        number: int,
        cells: list[Cell],
        continued: set[tuple[int, int]] | None,
        context_opd: str | None,
        indicator: str | None = None,
    ) -> None:
        """Put one row's values on ``draft``; ``indicator`` overrides the indicator column.

        ``continued`` holds the cells merged down from the row above (None: the row has none);
        ``context_opd`` is the Perangkat Daerah of the heading above, for a row naming none.
        """
        width = len(cells)
        self._listed(draft, cells, width, context_opd)
        self._pagu(draft, number, cells, continued, width)
        targets = self._targets(cells, width) if self.targets else {}
        col = self.indicator
        if (
            indicator is None
            and col is not None
            and col < width
            and cells[col] is not None
            and (continued is None or (number, col) not in continued)
        ):
            indicator = clean_text(cells[col])
            if indicator[:9].lower() == "indikator":
                indicator = INDICATOR_PREFIX.sub("", indicator)
        if indicator and indicator != draft.nama:
            data = self._indicator(number, indicator, cells)
            if context_opd and "opd" not in data:
                data["opd"] = context_opd
            draft.indicators.append(data | targets)
        elif targets:
            into = draft.indicators[-1] if draft.indicators else draft.props
            for key, value in targets.items():
                into.setdefault(key, value)

    def _targets(self, cells: list[Cell], width: int) -> dict[str, Value]:
        targets: dict[str, Value] = {}
        for c, key, year in self.targets:
            if c < width and cells[c] is not None and (found := target_values(key, cells[c])):
                targets |= found
                if year:
                    self.years_seen.add(year)
                    if found[key] != "0":
                        self.years_used.add(year)
        return targets

    def _indicator(self, number: int, name: str, cells: list[Cell]) -> dict[str, Value]:
        data: dict[str, Value] = {"src_row": number, "nama": name}
        for key, col in (("satuan", self.satuan), ("kondisi_awal", self.awal), ("opd", self.opd)):
            if col is not None and col < len(cells) and cells[col] is not None:
                text = clean_text(cells[col])
                if text and text.lower() not in ("-", "n/a"):
                    data[key] = text
        return data

    def _pagu(
        self,
        draft: Draft,
        number: int,
        cells: list[Cell],
        cont: set[tuple[int, int]] | None,
        width: int,
    ) -> None:
        for c, key, year in self.pagu:
            if c >= width or cells[c] is None or (cont is not None and (number, c) in cont):
                continue
            try:
                amount = parse_number(cells[c])
            except ValueError:
                self.report(
                    number, key, f"Rp '{clean_text(cells[c])}' bukan angka / is not a number"
                )
                continue
            if amount is None:
                continue
            if year:
                self.years_seen.add(year)
                if amount:
                    self.years_used.add(year)
            total = draft.props.get(key, 0)
            draft.props[key] = (total if isinstance(total, int | float) else 0) + amount
            if isinstance(draft.props[key], float):
                self.float_sums.append(draft)

    def _listed(self, draft: Draft, cells: list[Cell], width: int, context: str | None) -> None:
        lists = self.lists.get(id(draft))
        if lists is None:
            lists = self.lists[id(draft)] = {}
        for c, key in self.listed:
            value = cells[c] if c < width else None
            text = clean_text(value) if value is not None else ""
            if not text and key == "opd" and context:
                text = context
            if text:
                seen = lists.get(key)
                if seen is None:
                    lists[key] = [text]
                elif text not in seen:
                    seen.append(text)


def finish_drafts(drafts: list[Draft], values: RowValues, multi_opd: bool) -> list[Draft]:
    """The drafts with their collected lists, OPD and Rp settled and unused years dropped."""
    for d in drafts:
        lists = values.lists.get(id(d), {})
        opds = lists.pop("opd", [])
        if opds:
            d.props["perangkat_daerah"] = list(opds)
            if multi_opd and len(opds) == 1:
                d.opd = opds[0]
        for key, texts in lists.items():
            d.props[key] = texts[0] if len(texts) == 1 else list(texts)
    for d in values.float_sums:
        for key, amount in d.props.items():
            if key.startswith("pagu_") and isinstance(amount, float):
                d.props[key] = parse_number(round(amount, 2))
    _drop_unused_years(drafts, values.years_seen - values.years_used)
    if values.satuan is None:
        _satuan_from_targets(drafts)
    return drafts


def _satuan_from_targets(drafts: list[Draft]) -> None:
    """A table without a Satuan column writes the unit in its targets (``100%``, ``7 Dokumen``):
    an indicator whose targets name one unit and no other gets it as ``satuan``, with
    ``satuan_asal = "target"`` saying where it was read."""
    for d in drafts:
        for indicator in d.indicators:
            if "satuan" not in indicator and (unit := _one_unit(indicator)):
                indicator["satuan"], indicator["satuan_asal"] = unit, "target"


def _one_unit(indicator: dict[str, Value]) -> str | None:
    """The unit every target of ``indicator`` that has one is written with (in any case).

    >>> _one_unit({"target_2025": "85%", "target_2026": "90 %", "target_akhir": "90"})
    '%'
    >>> _one_unit({"target_2025": "7 Dokumen", "target_2026": "7 Laporan"}) is None
    True
    """
    units: dict[str, str] = {}
    for key, value in indicator.items():
        if isinstance(value, str) and _TARGET_KEY.match(key) and (unit := target_unit(value)):
            units.setdefault(unit.casefold(), unit)
    return next(iter(units.values())) if len(units) == 1 else None


def _drop_unused_years(drafts: list[Draft], unused: set[str]) -> None:
    """A year whose every Rp and target is ``0`` is a year the plan does not use: drop it."""
    if unused:
        for values in _value_maps(drafts):
            for key in [k for k in values if _year(k) in unused]:
                del values[key]


def _value_maps(drafts: list[Draft]) -> Iterable[dict[str, Value]]:
    for d in drafts:
        yield d.props
        yield from d.indicators


def _year(key: str) -> str | None:
    """``pagu_2019`` and ``target_2019_nilai`` → ``2019``; other keys → None."""
    match = _YEAR_KEY.match(key)
    return match.group(1) if match else None
