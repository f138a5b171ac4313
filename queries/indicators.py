"""Elements whose performance indicator is missing or incomplete (SAKIP: every level measured).

An element is measured by the :class:`~graph.model.Indicator` records of its document (the
embedded graph holds them in ``g.graph["indicators"]``, Neo4j as ``(:Indikator)-[:MEASURES]->``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any, Literal, NamedTuple

import networkx as nx

from graph.model import DocumentKind, Indicator
from queries.registry import canned

__all__ = ["MissingIndicator", "missing_indicators", "periode_years"]


Measured = Literal["tujuan", "sasaran", "program", "kegiatan", "sub_kegiatan"]
MEASURED: tuple[str, ...] = Measured.__args__  # type: ignore[attr-defined]
PLACEHOLDERS = ("", "-")  # a satuan or target that trims to one of these is not written
PERIODE = re.compile(r"([0-9]{4})(?:-([0-9]{4}))?")


class MissingIndicator(NamedTuple):
    """One element without an indicator, or one of its indicators and what that one lacks."""

    id: str
    kind: str
    kode: str | None
    nama: str
    opd: str | None
    dokumen: str
    seq: int | None
    indikator: str | None
    kurang: list[str]


@canned(
    "Missing indicators or targets",
    severity="warning",
    brief=("id", "nama", "indikator", "kurang"),
    keterangan=(
        "Tujuan, sasaran, program, kegiatan dan sub kegiatan tanpa indikator (kurang = "
        "indikator), dan setiap indikator yang belum punya satuan atau target untuk suatu tahun "
        "dokumennya (kurang = satuan, target_2027 …): satu baris per indikator. Tahun tanpa "
        "pagu, padahal tahun lain berpagu, dianggap tidak direncanakan dan tidak perlu target. "
        "Nilai kosong atau '-' dianggap belum diisi."
    ),
)
def missing_indicators(
    g: nx.DiGraph,
    dokumen: str | None = None,
    kind: Measured | None = None,
    jenis: DocumentKind | None = None,
) -> list[MissingIndicator]:
    """Indikator, satuan atau target belum lengkap

    Tujuan, sasaran, program, kegiatan and sub kegiatan without an indicator (one row,
    ``kurang`` = ``["indikator"]``, ``seq`` and ``indikator`` null), and each indicator that
    lacks its ``satuan`` or a ``target_<year>`` for a year of its document (``periode``
    2025-2029 → 2025…2029; ``2026`` → 2026): one row per indicator (``seq`` is its number in
    the element, from 0), listing everything it lacks, because the indicator row is what a
    planner fixes. A year in which the element has no pagu while it has pagu in other years is
    a year it is not planned in, and needs no target. A value that is empty or ``-`` is missing.

    Examples
    --------
    >>> from graph.demo import demo_graph
    >>> [(r.kode, r.kurang) for r in missing_indicators(demo_graph(), kind="program")]
    [('1.02.02', ['indikator'])]
    >>> g = nx.DiGraph()
    >>> g.add_node("s", kind="sasaran", nama="Sasaran", dokumen="d", periode="2025-2027")
    >>> g.graph["indicators"] = {"s": [Indicator("s", 0, "IPM", {"target_2025": "70"})]}
    >>> missing_indicators(g)[0].kurang
    ['satuan', 'target_2026', 'target_2027']
    """
    indicators: Mapping[str, Sequence[Indicator]] = g.graph.get("indicators", {})
    wanted = set(MEASURED) if kind is None else {kind}
    rows: list[MissingIndicator] = []
    for n, d in g.nodes(data=True):
        if d["kind"] not in wanted or (dokumen is not None and d["dokumen"] != dokumen):
            continue
        if jenis is not None and d.get("dokumen_jenis") != jenis:
            continue
        gaps = _gaps(d, indicators.get(n))
        if gaps:
            element = (n, d["kind"], d.get("kode"), d["nama"], d.get("opd"), d["dokumen"])
            rows += [MissingIndicator(*element, *gap) for gap in gaps]
    return sorted(rows, key=lambda r: (r.id, r.seq or 0))


Gap = tuple[int | None, str | None, list[str]]


def _gaps(d: Mapping[str, Any], found: Sequence[Indicator] | None) -> list[Gap]:
    """``(seq, indikator, kurang)`` for each incomplete indicator, or for the missing one."""
    if not found:
        return [(None, None, ["indikator"])]
    expected = _expected(d)
    return [(i.seq, i.nama, kurang) for i in found if (kurang := _lacks(i.values, expected))]


def _lacks(values: Mapping[str, Any], expected: Sequence[str]) -> list[str]:
    """The expected keys (``satuan``, ``target_<year>``…) left blank: absent, null, "" or "-"."""
    return [
        key
        for key in expected
        if (v := values.get(key)) is None or (isinstance(v, str) and v.strip() in PLACEHOLDERS)
    ]


def periode_years(periode: Any) -> tuple[int, ...]:
    """The years of a ``periode`` as written on elements (``2025-2029``, ``2026``); () otherwise.

    >>> periode_years("2025-2027"), periode_years("2026"), periode_years(None)
    ((2025, 2026, 2027), (2026,), ())
    """
    match = PERIODE.fullmatch(str(periode)) if periode is not None else None
    if match is None:
        return ()
    return tuple(range(int(match[1]), int(match[2] or match[1]) + 1))


@lru_cache(maxsize=256)
def _calendar(periode: str) -> tuple[tuple[tuple[str, str], ...], tuple[str, ...]]:
    """The ``(pagu_<year>, target_<year>)`` keys of a periode and every key an indicator of it
    must fill; cached, for periode are few."""
    keys = tuple((f"pagu_{y}", f"target_{y}") for y in periode_years(periode))
    return keys, ("satuan", *(target for _, target in keys))


def _expected(d: Mapping[str, Any]) -> tuple[str, ...]:
    """``satuan`` and the targets due: the document's years, less the years without pagu when
    the element has pagu in other years (a non-zero number, as ``pagu(d, year)`` reads it)."""
    keys, every = _calendar(str(d.get("periode")))
    if len(keys) < 2:
        return every
    planned = [
        target
        for key, target in keys
        if isinstance(v := d.get(key), (int, float)) and (v > 0 or v < 0)
    ]
    return ("satuan", *planned) if 0 < len(planned) < len(keys) else every
