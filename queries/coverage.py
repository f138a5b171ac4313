"""How much of each plan is traceable: the summary a Kepala Bappeda reads first."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping
from typing import Any, Literal, NamedTuple

import networkx as nx

from graph.chain import load_chain, split_level
from graph.model import DocumentKind
from queries.registry import canned
from queries.traversal import pagu, reach_down, reach_up

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

    For each pemda, each OPD of a pemda (``id`` = ``pemda / opd``) and each document: the
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
    anchors = {split_level(a) for a in chain.anchors}
    nodes = g.nodes
    linked = reach_down(
        g, [n for n, d in nodes(data=True) if (d.get("dokumen_jenis"), d["kind"]) in anchors]
    )
    supported = reach_up(g, [n for n, d in nodes(data=True) if d["kind"] in chain.activities])
    totals: dict[tuple[str, str], list[int | float]] = defaultdict(lambda: [0] * 6)
    for n, d in nodes(data=True):
        if jenis and d.get("dokumen_jenis") != jenis:
            continue
        counts = _counts(n, d, chain.activities, chain.priorities, linked, supported, pagu_kind)
        for key in _keys(d):
            totals[key] = [a + b for a, b in zip(totals[key], counts, strict=True)]
    rows = [_row(*key, t) for key, t in totals.items() if not tingkat or key[0] == tingkat]
    return sorted(rows, key=lambda r: (TINGKAT.index(r.tingkat), r.id))


def _counts(
    n: str,
    d: Mapping[str, Any],
    activities: tuple[str, ...],
    priorities: tuple[str, ...],
    linked: set[str],
    supported: set[str],
    pagu_kind: str,
) -> list[int | float]:
    """One element's part of a row: activity, linked, priority, supported, pagu, traced."""
    is_act = d["kind"] in activities
    is_prio = f"{d.get('dokumen_jenis')}:{d['kind']}" in priorities
    money = pagu(d) if d["kind"] == pagu_kind else 0
    return [
        int(is_act),
        int(is_act and n in linked),
        int(is_prio),
        int(is_prio and n in supported),
        money,
        money if n in linked else 0,
    ]


def _keys(d: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    pemda = str(d.get("pemda") or "")
    yield "pemda", pemda
    if d.get("opd"):
        yield "opd", f"{pemda} / {d['opd']}"
    yield "dokumen", str(d["dokumen"])


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
