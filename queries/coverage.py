"""How much of each plan is traceable: the summary a Kepala Bappeda reads first."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, Literal, NamedTuple

import networkx as nx

from graph.chain import Chain, load_chain, split_level
from graph.model import DocumentKind
from graph.opd import OpdNames, opd_names
from queries.registry import canned
from queries.traversal import pagu, reach_down, reach_up_from_many

__all__ = ["Coverage", "coverage"]

TINGKAT = ("pemda", "opd", "dokumen")


class Coverage(NamedTuple):
    """The traceable shares of one pemda, one OPD of a pemda, or one document."""

    tingkat: str
    id: str
    activities: int
    linked: int
    share_linked: float | None
    priorities: int
    supported: int
    share_supported: float | None
    pagu: int | float
    pagu_traced: int | float
    share_pagu: float | None


@canned(
    "Traceability coverage",
    severity="info",
    brief=("tingkat", "id", "share_linked", "share_supported", "share_pagu"),
    keterangan=(
        "Per pemda, per OPD dan per dokumen: bagian kegiatan yang sampai ke jangkar rantai, "
        "bagian prioritas yang didukung kegiatan, dan bagian pagu (unit anggaran: sub kegiatan) "
        "yang dapat ditelusuri. Ringkasan pertama yang dibaca Kepala Bappeda."
    ),
)
def coverage(
    g: nx.DiGraph,
    tingkat: Literal["pemda", "opd", "dokumen"] | None = None,
    pagu_kind: Literal["sub_kegiatan", "kegiatan"] = "sub_kegiatan",
    jenis: DocumentKind | None = None,
) -> list[Coverage]:
    """Cakupan keterlacakan per pemda, OPD dan dokumen

    For each pemda, each OPD of a pemda (``id`` = ``pemda / opd``; one OPD however its tables
    spell or shorten it, named by the first of its names written out) and each document: the
    activities (kegiatan, sub kegiatan) and how many reach an anchor of the chain
    (``linked``), the priorities (RPJMD sasaran and programs, RKPD prioritas) and how many an
    activity supports (``supported``), and the pagu (all years) of the ``pagu_kind`` elements
    (the budget unit, sub kegiatan by default, so nothing is counted twice) and how much of it
    is traceable to an anchor (``pagu_traced``). A share is None where there is nothing to
    share. ``jenis`` counts the documents of one kind only: the pemda and OPD rows otherwise
    add the pagu of every document (Renstra, RKPD and Renja alike), so ``jenis=RENJA`` is the
    year's budget. Rows by tingkat (pemda, opd, dokumen), then id.

    Examples
    --------
    >>> from graph.demo import demo_graph
    >>> [(r.id, r.linked, r.activities) for r in coverage(demo_graph(), tingkat="pemda")]
    [('Kota Mini', 4, 5)]
    """
    chain = load_chain()
    anchors, activities, others = _anchors_and_activities(g, chain)
    linked = reach_down(g, anchors)
    supported = reach_up_from_many(g, activities, others)  # and the activities
    kinds = Kinds(
        frozenset(chain.activities),
        frozenset(chain.priorities),
        frozenset(split_level(p)[1] for p in chain.priorities),
        pagu_kind,
    )
    totals: dict[tuple[str, str], list[int | float]] = {}
    # the name a group is shown by: (short, name) of the first of its names (OpdNames.shown_order)
    names: dict[tuple[str, str], tuple[bool, str]] = {}
    places: dict[tuple[Any, Any, Any], tuple[list[int], list[list[int | float]]]] = {}
    opds = opd_names(g)
    for n, d in g._node.items():
        if jenis and d.get("dokumen_jenis") != jenis:
            continue
        place = (d.get("pemda"), d.get("opd"), d["dokumen"])
        found = places.get(place)
        if found is None:
            keys = []
            for row_key, name in _keys(d, opds):
                keys.append(totals.setdefault(row_key, [0] * 6))
                names[row_key] = min(name, names.get(row_key, name))
            found = places[place] = ([0] * 4, keys)
        _add(*found, n, d, kinds, linked, supported)
    for counts, keys in places.values():  # counts add up alike in any order
        for t in keys:
            for i, count in enumerate(counts):
                t[i] += count
    rows = [
        _row(key[0], names[key][1], t)
        for key, t in totals.items()
        if not tingkat or key[0] == tingkat
    ]
    return sorted(rows, key=lambda r: (TINGKAT.index(r.tingkat), r.id))


class Kinds(NamedTuple):
    """What an element's kind makes it count as."""

    activities: frozenset[str]
    priorities: frozenset[str]  # JENIS:kind
    priority_kinds: frozenset[str]  # the kinds of the priorities, to rule out most elements fast
    pagu_kind: str


def _anchors_and_activities(g: nx.DiGraph, chain: Chain) -> tuple[list[str], set[str], list[str]]:
    """The anchors of the chain, the activities and the other elements, in one pass."""
    levels = {split_level(a) for a in chain.anchors}
    kinds = frozenset(chain.activities)
    anchors, activities, others = [], set(), []
    for n, d in g._node.items():
        kind = d["kind"]
        if kind in kinds:
            activities.add(n)
        else:
            others.append(n)
        if (d.get("dokumen_jenis"), kind) in levels:
            anchors.append(n)
    return anchors, activities, others


def _add(
    counts: list[int],
    rows: list[list[int | float]],
    n: str,
    d: Mapping[str, Any],
    kinds: Kinds,
    linked: set[str],
    supported: set[str],
) -> None:
    """Count one element in its place (activity, linked, priority, supported) and add its pagu
    and traced pagu to its rows, in element order (floats depend on it).

    Only what is not 0 is added: adding 0 changes no sum (nor its type).
    """
    activities, priorities, priority_kinds, pagu_kind = kinds
    kind = d["kind"]
    if kind in activities:
        counts[0] += 1
        counts[1] += n in linked
    if kind in priority_kinds and f"{d.get('dokumen_jenis')}:{kind}" in priorities:
        counts[2] += 1
        counts[3] += kind in activities or n in supported
    if kind == pagu_kind:
        money = pagu(d)
        traced = n in linked
        for t in rows:
            t[4] += money
            if traced:
                t[5] += money


def _keys(
    d: Mapping[str, Any], names: OpdNames
) -> Iterator[tuple[tuple[str, str], tuple[bool, str]]]:
    """((tingkat, group), (short, name)) of each row the element counts in: an OPD is grouped
    by its key (one OPD however its tables spell or shorten it) and shown by the first of its
    names, a name written out before a short one (:meth:`graph.opd.OpdNames.shown_order`)."""
    pemda = str(d.get("pemda") or "")
    yield ("pemda", pemda), (False, pemda)
    if opd := d.get("opd"):
        yield ("opd", f"{pemda} / {names.key_of(d)}"), (names.is_short(opd), f"{pemda} / {opd}")
    dokumen = str(d["dokumen"])
    yield ("dokumen", dokumen), (False, dokumen)


def _row(tingkat: str, key: str, t: list[int | float]) -> Coverage:
    act, linked, prio, supported, total, traced = t
    return Coverage(
        tingkat,
        key,
        int(act),
        int(linked),
        _share(linked, act),
        int(prio),
        int(supported),
        _share(supported, prio),
        total,
        traced,
        _share(traced, total),
    )


def _share(part: float, whole: float) -> float | None:
    return part / whole if whole else None
