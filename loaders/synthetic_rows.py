"""Rows of a synthetic document as loader drafts, numbered as the Selaras CSV layout writes them.

Examples
--------
>>> from graph.chain import load_chain
>>> from graph.model import Document
>>> sheet = DraftSheet(Document("renja-kab-x-dinkes-2026", "RENJA", "Kab. X", 2026, 2026,
...                             opd="Dinkes", src_file="renja.csv"))
>>> sheet.add("program", "PROGRAM KESEHATAN", kode="1.02.02",
...           measures=[Measure("Persentase capaian", "%", {2026: "72.5"})], pagu={2026: 9000})
>>> e = sheet.records(load_chain()).elements[0]
>>> e.id, e.extra["src_row"], e.extra["target_2026"], e.extra["pagu_2026"]
('renja-kab-x-dinkes-2026:program:1.02.02', 7, 72.5, 9000)
>>> target_text(71.35000000001), target_text(80.0), number_or_text("WTP")
('71.35', '80', 'WTP')
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from graph.chain import Chain
from graph.model import Document, Records, Value
from loaders.amounts import parse_number
from loaders.records import records_from_drafts
from loaders.rows import Draft
from loaders.synthetic_layout import document_keys
from loaders.synthetic_plan import Opd
from loaders.synthetic_text import Goal

__all__ = ["DraftSheet", "Measure", "number_or_text", "target_text", "trend"]


@dataclass(frozen=True)
class Measure:
    """An indicator as written: name, satuan, kondisi awal and a target text per year."""

    nama: str
    satuan: str
    targets: dict[int, str]
    awal: str | None = None


@dataclass
class DraftSheet:
    """Drafts of one document, numbered as its CSV rows."""

    doc: Document
    drafts: list[Draft] = field(default_factory=list)
    row: int = 0

    def __post_init__(self) -> None:
        self.row = len(document_keys(Records(self.doc))) + 3  # keys, empty row, header

    def add(
        self,
        kind: str,
        nama: str,
        *,
        kode: str | None = None,
        ref: str | None = None,
        induk: Sequence[str] = (),
        opd: Opd | None = None,
        measures: Sequence[Measure] = (),
        pagu: dict[int, int] | None = None,
        texts: dict[str, str] | None = None,
    ) -> None:
        """One element row (and a row for each indicator after the first)."""
        draft = Draft(
            self.row,
            kind,
            nama,
            kode=kode,
            kode_asli=kode,
            ref=ref,
            induk=list(induk),
            opd=opd.nama if opd else None,
            opd_kode=opd.kode if opd else None,
        )
        props: dict[str, Value] = {}
        for year, text in (measures[0].targets if measures else {}).items():
            props[f"target_{year}"] = number_or_text(text)
        props.update({f"pagu_{y}": amount for y, amount in (pagu or {}).items()})
        props.update(texts or {})
        draft.props = props
        draft.indicators = [_indicator(m, self.row + i) for i, m in enumerate(measures)]
        self.drafts.append(draft)
        self.row += max(1, len(measures))

    def records(self, chain: Chain) -> Records:
        """The records the loader makes of these rows."""
        return records_from_drafts(self.doc, self.drafts, chain, "elemen")


def _indicator(m: Measure, row: int) -> dict[str, Value]:
    values: dict[str, Value] = {"src_row": row, "nama": m.nama, "satuan": m.satuan}
    values |= {"kondisi_awal": m.awal} if m.awal else {}
    return values | {f"target_{y}": t for y, t in m.targets.items()}


@lru_cache(maxsize=4096)
def number_or_text(text: str) -> Value:
    """A target as the loader keeps it on the element: the number, or the text."""
    try:
        number = parse_number(text)
    except ValueError:
        number = None
    return text if number is None else number


def target_text(value: float) -> str:
    """A target as planners write it: at most two decimals, no trailing zeros."""
    rounded = round(value, 2)
    return str(int(rounded)) if rounded == int(rounded) else str(rounded)


def trend(goal: Goal, years: Sequence[int]) -> Measure:
    targets = {y: target_text(goal.awal + goal.step * (i + 1)) for i, y in enumerate(years)}
    return Measure(goal.indikator, goal.satuan, targets, target_text(goal.awal))
