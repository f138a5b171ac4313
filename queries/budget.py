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
from collections.abc import Iterable, Iterator, Mapping
from functools import cache
from typing import Any, Literal, NamedTuple

import networkx as nx

from graph.ids import slug
from queries.registry import canned
from queries.traversal import Amount, is_amount, pagu_by_year

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
    sasaran = frozenset(t for t in targets if g.nodes[t]["kind"] == "sasaran")
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
) -> tuple[Totals, dict[tuple[str, int], Amount]]:
    totals: Totals = {}
    sums: dict[tuple[str, int], Amount] = defaultdict(int)
    for s in sources:  # in id order, as the Cypher twin adds them
        d = g.nodes[s]
        reached, reaches = above[s], not above[s].isdisjoint(sasaran)
        pemda = slug(str(d.get("pemda") or ""))
        for year, value in pagu_by_year(d).items():
            if tahun is not None and year != tahun:
                continue
            total = totals.get((pemda, year)) or totals.setdefault((pemda, year), [0, 0])
            total[0] += value
            total[1] += value if reaches else 0
            for t in reached:
                sums[t, year] += value
    return totals, sums


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
        d = g.nodes[n]
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


def targets_above(
    g: nx.DiGraph, sources: Iterable[str], targets: set[str]
) -> dict[str, frozenset[str]]:
    """For each element at or above the sources, the ``targets`` it reaches (itself included).

    A depth-first walk up from the sources that remembers every element's set, O(V + E) over
    what the sources support; equal sets are one object. A graph with a cycle above the sources
    is done instead over the whole graph, top down (:func:`_targets_top_down`).

    Examples
    --------
    >>> g = nx.DiGraph([("sub", "keg"), ("keg", "p"), ("p", "s"), ("keg", "s"), ("s", "t")])
    >>> sorted(targets_above(g, ["sub"], {"p", "s"})["sub"])
    ['p', 's']
    >>> g.add_edge("t", "keg")  # a cycle
    >>> sorted(targets_above(g, ["sub"], {"p", "s"})["sub"])
    ['p', 's']
    """
    succ, visiting = g.succ, set()
    above: dict[str, frozenset[str]] = {}
    shared: dict[frozenset[str], frozenset[str]] = {frozenset(): frozenset()}

    def visit(n: str) -> frozenset[str]:
        found = above.get(n)
        if found is None:
            if n in visiting:
                raise _Cycle(n)
            visiting.add(n)
            parents = [visit(p) for p in succ[n]]
            one = len(parents) == 1 and n not in targets
            found = above[n] = parents[0] if one else _merge([n], parents, targets, shared)
            visiting.discard(n)
        return found

    try:
        for s in sources:
            visit(s)
    except (_Cycle, RecursionError):
        return _targets_top_down(g, targets)
    return above


class _Cycle(Exception):
    """The walk up met an element it is still below."""


def _targets_top_down(g: nx.DiGraph, targets: set[str]) -> dict[str, frozenset[str]]:
    """:func:`targets_above` for every element: an element is done once all its parents are;
    what a cycle holds up is finished over the condensation of what is left."""
    succ, pred = dict(g.adjacency()), dict(g.reverse(copy=False).adjacency())
    pending = {n: len(parents) for n, parents in succ.items()}
    ready = [n for n, k in pending.items() if not k]
    above: dict[str, frozenset[str]] = {}
    shared: dict[frozenset[str], frozenset[str]] = {frozenset(): frozenset()}
    while ready:
        n = ready.pop()
        above[n] = _merge([n], [above[p] for p in succ[n]], targets, shared)
        for c in pred[n]:
            pending[c] -= 1
            if not pending[c]:
                ready.append(c)
    if len(above) < len(succ):
        _finish_cycles(g, set(succ) - above.keys(), above, targets, shared)
    return above


def _merge(
    members: list[str],
    parents: list[frozenset[str]],
    targets: set[str],
    shared: dict[frozenset[str], frozenset[str]],
) -> frozenset[str]:
    """The union of the parents' sets and the members that are targets, one object per value."""
    own = [m for m in members if m in targets]
    if not own and parents and all(p is parents[0] for p in parents[1:]):
        return parents[0]
    merged = frozenset(own).union(*parents)
    return shared.setdefault(merged, merged)


def _finish_cycles(
    g: nx.DiGraph,
    rest: set[str],
    above: dict[str, frozenset[str]],
    targets: set[str],
    shared: dict[frozenset[str], frozenset[str]],
) -> None:
    cond = nx.condensation(g.subgraph(rest))
    for c in reversed(list(nx.topological_sort(cond))):
        members = cond.nodes[c]["members"]
        parents = [above[p] for m in members for p in g.successors(m) if p not in members]
        merged = _merge(sorted(members), parents, targets, shared)
        above.update(dict.fromkeys(members, merged))


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
        "(di luar toleransi, bagian dari pagu induk), dan pagu_total ≠ Σ pagu per tahun."
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
    ``pagu``; 0 reports any difference). ``jenis`` is ``rincian`` when a program's pagu of a year
    differs from the sum over its kegiatan, or a kegiatan's from the sum over its sub kegiatan
    (children in the same document), compared only when the parent has that year's pagu and at
    least one child has one; ``total`` when ``pagu_total`` differs from the sum over the years
    (then ``tahun`` is null; not reported when ``tahun`` is given). ``pagu_rincian`` is the sum,
    ``selisih`` is ``pagu - pagu_rincian``. Rows by ``id``, then ``tahun``.

    Examples
    --------
    >>> from graph.demo import demo_graph
    >>> [(r.kode, r.tahun, r.selisih) for r in pagu_mismatches(demo_graph())]
    []
    """
    rows: list[PaguMismatch] = []
    data = dict(g.nodes(data=True))
    for n, d in data.items():
        if (dokumen and d["dokumen"] != dokumen) or (opd and d.get("opd") != opd):
            continue
        if d["kind"] in CHILD_KIND:
            rows.extend(_breakdown_rows(g, data, n, toleransi, tahun))
        if tahun is None and is_amount(d.get("pagu_total")):
            rows.extend(_total_rows(n, d, toleransi))
    return sorted(rows, key=lambda r: (r.id, r.tahun is None, r.tahun or 0))


def _breakdown_rows(
    g: nx.DiGraph,
    data: Mapping[str, Mapping[str, Any]],
    n: str,
    toleransi: float,
    tahun: int | None,
) -> Iterator[PaguMismatch]:
    d = data[n]
    years = pagu_by_year(d)
    if tahun is not None:
        years = {tahun: years[tahun]} if tahun in years else {}
    kind, dok = CHILD_KIND[d["kind"]], d["dokumen"]
    children = [
        c
        for c in (data[p] for p in (sorted(g.predecessors(n)) if years else ()))
        if c["kind"] == kind and c["dokumen"] == dok
    ]
    for year, pagu in years.items() if children else ():
        key = f"pagu_{year}"
        parts: list[Amount] = [c[key] for c in children if is_amount(c.get(key))]
        if parts:
            yield from _mismatch(n, d, year, pagu, sum(parts), "rincian", toleransi)


def _total_rows(n: str, d: Mapping[str, Any], toleransi: float) -> Iterator[PaguMismatch]:
    years = pagu_by_year(d)
    if years:
        total = sum(years[y] for y in sorted(years))
        yield from _mismatch(n, d, None, d["pagu_total"], total, "total", toleransi)


def _mismatch(
    n: str,
    d: Mapping[str, Any],
    tahun: int | None,
    pagu: Amount,
    rincian: Amount,
    jenis: str,
    toleransi: float,
) -> Iterator[PaguMismatch]:
    if abs(pagu - rincian) > toleransi * abs(pagu):
        kode, nama, dok = d.get("kode"), d["nama"], d["dokumen"]
        yield PaguMismatch(
            n, d["kind"], kode, nama, dok, tahun, pagu, rincian, pagu - rincian, jenis
        )
