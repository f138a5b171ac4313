"""Pagu along the chain: what reaches the RPJMD priorities, and breakdowns that do not add up.

Amounts are the ``pagu_<year>`` properties (Rp); ``pagu_total`` (the end-of-period figure) is
not a year. Sums keep ints as ints, so both backends add the same numbers the same way.

Examples
--------
>>> period_span("2025-2029"), period_span("2026"), period_span(None)
((2025, 2029), (2026, 2026), None)
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator, Mapping
from functools import cache
from typing import Any, Literal, NamedTuple

import networkx as nx

from graph.ids import slug
from graph.opd import opd_names
from queries.registry import canned
from queries.traversal import (
    AMOUNT_TYPES,
    Amount,
    pagu_by_year,
    targets_above,
    year_keys,
)

__all__ = [
    "BudgetRollup",
    "PaguMismatch",
    "budget_rollup",
    "pagu_mismatches",
    "period_span",
]

Sumber = Literal["RENJA", "RKPD", "RENSTRA"]
TARGET_KINDS = ("sasaran", "program")
CHILD_KIND = {"program": "kegiatan", "kegiatan": "sub_kegiatan"}
MIN_SELISIH = 1  # Rp: a smaller gap is sen rounding (the Cypher twin writes it as 1 too)
PERIODE = re.compile(r"[0-9]+(-[0-9]+)*")  # as the Cypher twins match it
TOTAL_NAMA = "Total: pagu yang mencapai sasaran RPJMD / total reaching an RPJMD sasaran"


def period_span(periode: Any) -> tuple[int, int] | None:
    """``(first, last)`` year of a ``periode`` such as ``2025-2029`` or ``2026``; else None."""
    return _span(periode) if isinstance(periode, str) else None


@cache
def _span(periode: str) -> tuple[int, int] | None:
    if not PERIODE.fullmatch(periode):
        return None
    parts = periode.split("-")
    return int(parts[0]), int(parts[-1])


class BudgetRollup(NamedTuple):
    """The pagu of one year that reaches one RPJMD sasaran or program, or a pemda's total."""

    tahun: int
    id: str
    kind: str
    kode: str | None
    nama: str
    pagu: Amount
    pagu_sumber: Amount
    share: float | None


@canned(
    "Budget roll-up to RPJMD priorities",
    severity="info",
    brief=("tahun", "id", "nama", "pagu", "share"),
    keterangan=(
        "Pagu per tahun dari sub kegiatan satu jenis dokumen (Renja secara bawaan) yang dijumlah "
        "naik ke setiap sasaran dan program RPJMD (setiap sub kegiatan dihitung sekali), serta "
        "bagian pagu total yang sampai ke prioritas RPJMD."
    ),
)
def budget_rollup(
    g: nx.DiGraph, sumber: Sumber = "RENJA", tahun: int | None = None
) -> list[BudgetRollup]:
    """Pagu per sasaran dan program RPJMD

    The pagu of the sub kegiatan of the ``sumber`` documents (Renja by default), summed per year
    up the chain to each RPJMD sasaran and program whose period covers that year: ``pagu`` counts
    a sub kegiatan once however many paths lead from it to the target; ``pagu_sumber`` is the pagu
    of all those sub kegiatan of the pemda in that year and ``share`` is ``pagu / pagu_sumber``
    (null when that is 0). Each pemda and year also has a total row, id ``*total:<pemda slug>``
    and kind ``total`` (it sorts before the targets), whose ``pagu`` is the part that reaches at
    least one RPJMD sasaran. Years are those in which some source sub kegiatan has a pagu; rows
    are sorted by ``tahun``, then ``id``.

    Examples
    --------
    >>> from graph.demo import demo_graph
    >>> for r in budget_rollup(demo_graph()):
    ...     print(r.tahun, r.id.rsplit(":", 1)[-1], r.pagu, r.pagu_sumber)
    2026 kota-mini 850000000 970000000
    2026 S1 850000000 970000000
    2026 S2 0 970000000
    """
    sources, targets = _sources_and_targets(g, sumber)
    above = targets_above(g, sources, set(targets))
    sasaran = frozenset(t for t in targets if g._node[t]["kind"] == "sasaran")
    totals, sums = _add_up(g, sources, above, sasaran, tahun)
    rows = [
        _row(year, f"*total:{p}", "total", None, TOTAL_NAMA, r, t)
        for (p, year), (t, r) in totals.items()
    ]
    rows += _target_rows(g, targets, totals, sums)
    return sorted(rows, key=lambda r: (r.tahun, r.id))


def _sources_and_targets(g: nx.DiGraph, sumber: str) -> tuple[list[str], list[str]]:
    sources, targets = [], []
    for n, d in g.nodes(data=True):
        jenis = d.get("dokumen_jenis")
        if jenis == "RPJMD" and d["kind"] in TARGET_KINDS:
            targets.append(n)
        elif jenis == sumber and d["kind"] == "sub_kegiatan":
            sources.append(n)
    return sorted(sources), targets


Totals = dict[tuple[str, int], list[Amount]]  # (pemda slug, year) -> [all, reaching a sasaran]


def _add_up(
    g: nx.DiGraph,
    sources: list[str],
    above: Mapping[str, frozenset[str]],
    sasaran: frozenset[str],
    tahun: int | None,
) -> tuple[Totals, Mapping[tuple[str, int], Amount]]:
    """The totals per pemda and year, and the sums per target and year.

    The sources are added in id order, as the Cypher twin adds them. Into the targets they go
    once per distinct set of targets reached (the sets of :func:`targets_above` are shared):
    exact when every amount is an int, so only floats are added source by source, in order.
    """
    node = g._node
    totals: Totals = {}
    grouped: dict[tuple[frozenset[str], int], Amount] = {}
    reaches: dict[frozenset[str], bool] = {}
    exact = True
    for s in sources:
        d, reached = node[s], above[s]
        hit = reaches.get(reached)
        if hit is None:
            hit = reaches[reached] = not reached.isdisjoint(sasaran)
        pemda = slug(str(d.get("pemda") or ""))
        for year, value in pagu_by_year(d).items():
            if tahun is not None and year != tahun:
                continue
            total = totals.get((pemda, year)) or totals.setdefault((pemda, year), [0, 0])
            total[0] += value
            total[1] += value if hit else 0
            if reached:
                grouped[reached, year] = grouped.get((reached, year), 0) + value
                exact = exact and type(value) is int
    if not exact:
        return totals, _sums_in_order(g, sources, above, tahun)
    sums: dict[tuple[str, int], Amount] = defaultdict(int)
    for (reached, year), value in grouped.items():
        for t in reached:
            sums[t, year] += value
    return totals, sums


def _sums_in_order(
    g: nx.DiGraph, sources: list[str], above: Mapping[str, frozenset[str]], tahun: int | None
) -> dict[tuple[str, int], Amount]:
    """The sums per target and year, source by source in id order (floats depend on it)."""
    sums: dict[tuple[str, int], Amount] = defaultdict(int)
    for s in sources:
        for year, value in pagu_by_year(g._node[s]).items():
            if tahun is None or year == tahun:
                for t in above[s]:
                    sums[t, year] += value
    return sums


def _target_rows(
    g: nx.DiGraph,
    targets: list[str],
    totals: Totals,
    sums: Mapping[tuple[str, int], Amount],
) -> list[BudgetRollup]:
    years: dict[str, list[int]] = defaultdict(list)
    for p, year in totals:
        years[p].append(year)
    rows = []
    for n in targets:
        d = g._node[n]
        span, pemda = period_span(d.get("periode")), slug(str(d.get("pemda") or ""))
        for year in years.get(pemda, []):
            if span and span[0] <= year <= span[1]:
                total, pagu = totals[pemda, year][0], sums.get((n, year), 0)
                rows.append(_row(year, n, d["kind"], d.get("kode"), d["nama"], pagu, total))
    return rows


def _row(
    tahun: int, id: str, kind: str, kode: str | None, nama: str, pagu: Amount, sumber: Amount
) -> BudgetRollup:
    return BudgetRollup(
        tahun, id, kind, kode, nama, pagu, sumber, pagu / sumber if sumber else None
    )


class PaguMismatch(NamedTuple):
    """One pagu that differs from the sum of its breakdown."""

    id: str
    kind: str
    kode: str | None
    nama: str
    dokumen: str
    tahun: int | None
    pagu: Amount
    pagu_rincian: Amount
    selisih: Amount
    jenis: str


@canned(
    "Pagu mismatches",
    severity="warning",
    brief=("id", "tahun", "jenis", "selisih"),
    keterangan=(
        "Per dokumen dan tahun: pagu program ≠ Σ kegiatannya, pagu kegiatan ≠ Σ sub kegiatannya "
        "(selisih sedikitnya Rp1 dan di luar toleransi, bagian dari pagu induk), dan "
        "pagu_total yang bukan Σ pagu per tahun dan bukan pula pagu tahun terakhirnya."
    ),
)
def pagu_mismatches(
    g: nx.DiGraph,
    toleransi: float = 0.0,
    dokumen: str | None = None,
    opd: str | None = None,
    tahun: int | None = None,
) -> list[PaguMismatch]:
    """Pagu tidak cocok dengan rinciannya

    Pagu that differ from the sum of their breakdown by more than ``toleransi`` (a fraction of
    ``pagu``; 0 reports any difference of a rupiah or more: less is the rounding of amounts
    written with sen). ``jenis`` is ``rincian`` when a program's pagu of a year
    differs from the sum over its kegiatan, or a kegiatan's from the sum over its sub kegiatan
    (children in the same document), compared only when the parent has that year's pagu and at
    least one child has one; ``total`` when ``pagu_total`` differs from the sum over the years
    and from the pagu of the last of them too (tables fill the Rp of "Kondisi Kinerja pada Akhir
    Periode" either way: the period's sum, or the amount in its last year), then ``tahun`` is
    null (not reported when ``tahun`` is given). ``pagu_rincian`` is the sum, ``selisih`` is
    ``pagu - pagu_rincian``. Rows by ``id``, then ``tahun``.

    Examples
    --------
    >>> from graph.demo import demo_graph
    >>> [(r.kode, r.tahun, r.selisih) for r in pagu_mismatches(demo_graph())]
    []
    """
    rows: list[PaguMismatch] = []
    node, pred, names = g._node, g._pred, opd_names(g)
    for n, d in node.items():
        if (dokumen and d["dokumen"] != dokumen) or not names.matches(d, opd):
            continue
        kind = CHILD_KIND.get(d["kind"])
        if kind is not None and (below := pred[n]):
            dok = d["dokumen"]
            children = [
                x for c in sorted(below) if (x := node[c])["kind"] == kind and x["dokumen"] == dok
            ]
            if children:
                _breakdown_rows(rows, n, d, children, toleransi, tahun)
        if tahun is None and type(d.get("pagu_total")) in AMOUNT_TYPES:
            _total_rows(rows, n, d, toleransi)
    return sorted(rows, key=lambda r: (r.id, r.tahun is None, r.tahun or 0))


def _breakdown_rows(
    rows: list[PaguMismatch],
    n: str,
    d: Mapping[str, Any],
    children: list[Mapping[str, Any]],
    toleransi: float,
    tahun: int | None,
) -> None:
    """Add the years whose pagu differs from the sum over the children (of the same document
    and the kind below, in id order) that have one."""
    for year, key in year_keys(d):
        pagu = d[key]
        if type(pagu) not in AMOUNT_TYPES or (tahun is not None and year != tahun):
            continue
        parts: list[Any] = [v for c in children if type(v := c.get(key)) in AMOUNT_TYPES]
        if parts:
            rows.extend(_mismatch(n, d, year, pagu, sum(parts), "rincian", toleransi))


def _total_rows(rows: list[PaguMismatch], n: str, d: Mapping[str, Any], toleransi: float) -> None:
    """Add ``pagu_total`` when it is neither the sum over the years nor the last year's pagu.

    >>> rows = []
    >>> _total_rows(rows, "p", {"kind": "program", "nama": "P", "dokumen": "d",
    ...     "pagu_2025": 5, "pagu_2026": 7, "pagu_total": 7}, 0.0)
    >>> _total_rows(rows, "q", {"kind": "program", "nama": "Q", "dokumen": "d",
    ...     "pagu_2025": 5, "pagu_2026": 7, "pagu_total": 13}, 0.0)
    >>> [(r.id, r.pagu_rincian, r.selisih) for r in rows]
    [('q', 12, 1)]
    """
    years = pagu_by_year(d)
    if years and _differs(d["pagu_total"], years[max(years)], toleransi):
        total = sum(years[y] for y in sorted(years))
        rows.extend(_mismatch(n, d, None, d["pagu_total"], total, "total", toleransi))


def _differs(pagu: Amount, other: Amount, toleransi: float) -> bool:
    """True when ``other`` is off ``pagu`` by a rupiah or more, and by more than ``toleransi``
    of it: less than a rupiah is the rounding of sums of amounts written with sen.

    >>> _differs(600.6, 100.1 + 200.2 + 300.3, 0.0), _differs(61, 60, 0.0)
    (False, True)
    """
    gap = abs(pagu - other)
    return gap >= MIN_SELISIH and gap > toleransi * abs(pagu)


def _mismatch(
    n: str,
    d: Mapping[str, Any],
    tahun: int | None,
    pagu: Amount,
    rincian: Amount,
    jenis: str,
    toleransi: float,
) -> Iterator[PaguMismatch]:
    if _differs(pagu, rincian, toleransi):
        kode, nama, dok = d.get("kode"), d["nama"], d["dokumen"]
        yield PaguMismatch(
            n, d["kind"], kode, nama, dok, tahun, pagu, rincian, pagu - rincian, jenis
        )
