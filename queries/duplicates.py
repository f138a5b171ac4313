"""Programs planned twice: the same code twice, outside the OPD's bidang, or near-identical names.

Program penunjang (``a.bb.01``, ``X.XX.01``) is never a duplicate by itself: every OPD runs it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping
from typing import Any, Literal, NamedTuple

import networkx as nx

from graph.codes import bidang_of, is_penunjang
from graph.opd import OpdNames, opd_names
from queries.nomenclature import name_key, version_in_force
from queries.registry import canned

__all__ = ["DuplicatedProgram", "duplicated_programs"]

Reason = Literal["kode_ganda", "bidang_lain", "nama_mirip"]


class DuplicatedProgram(NamedTuple):
    """One member of a group of programs that denote the same program."""

    group: str
    reason: str
    id: str
    kode: str | None
    nama: str
    opd: str | None
    dokumen: str


@canned(
    "Duplicated programs",
    severity="warning",
    brief=("reason", "id", "nama"),
    keterangan=(
        "Kelompok program yang sebenarnya sama: kode_ganda (satu program OPD di bawah dua "
        "sasaran), bidang_lain (kode yang sama dijalankan beberapa OPD di luar bidangnya), "
        "nama_mirip (nama hampir sama dengan kode berbeda dalam satu OPD, kecuali keduanya "
        "bernama resmi menurut nomenklatur yang berlaku). Program penunjang tidak pernah "
        "dianggap ganda."
    ),
)
def duplicated_programs(
    g: nx.DiGraph, reason: Reason | None = None, dokumen: str | None = None
) -> list[DuplicatedProgram]:
    """Program ganda

    Groups of programs that denote the same program: ``kode_ganda``, one OPD's program placed
    under two or more sasaran of its document; ``bidang_lain``, the same program code planned by
    several OPDs in documents of one kind, one of them outside its bidang; ``nama_mirip``,
    near-identical names with different codes in one OPD's document, unless both carry the
    official name of their code in the nomenclature in force (the most recently loaded; two
    official programs may differ by one word). Program penunjang is excluded.
    ``group`` is the reason and the smallest id of the group.

    Examples
    --------
    >>> from graph.demo import demo_graph
    >>> duplicated_programs(demo_graph())
    []
    """
    programs = {
        n: d
        for n, d in g._node.items()
        if d["kind"] == "program" and d.get("kode") and not is_penunjang(d["kode"])
    }
    official = _officially_named(g, programs)
    groups = [
        *_kode_ganda(g, programs),
        *_bidang_lain(programs, opd_names(g)),
        *_nama_mirip(programs, official),
    ]
    rows = [
        DuplicatedProgram(
            f"{why}:{min(members)}",
            why,
            n,
            programs[n].get("kode"),
            programs[n]["nama"],
            programs[n].get("opd"),
            programs[n]["dokumen"],
        )
        for why, members in groups
        for n in members
    ]
    rows = [r for r in rows if (reason is None or r.reason == reason)]
    return sorted(r for r in rows if dokumen is None or r.dokumen == dokumen)


Group = tuple[str, list[str]]


def _kode_ganda(g: nx.DiGraph, programs: Mapping[str, Any]) -> Iterator[Group]:
    node, succ = g._node, g._succ
    for n, d in programs.items():
        parents = succ[n]
        if len(parents) < 2:
            continue
        dok = d["dokumen"]
        sasaran = [p for p in parents if node[p]["kind"] == "sasaran" and node[p]["dokumen"] == dok]
        if len(sasaran) >= 2:
            yield "kode_ganda", [n]


def _bidang_lain(programs: Mapping[str, Any], names: OpdNames) -> Iterator[Group]:
    by_code: dict[tuple[Any, ...], list[str]] = defaultdict(list)
    for n, d in programs.items():
        by_code[(d.get("pemda"), d.get("dokumen_jenis"), d.get("periode"), d["kode"])].append(n)
    for members in by_code.values():
        opds = {names.key_of(programs[n]) for n in members}  # one OPD however spelled
        outside = [
            n
            for n in members
            if bidang_of(programs[n]["kode"]) not in (programs[n].get("opd_bidang") or [])
        ]
        if len(opds) >= 2 and outside:
            yield "bidang_lain", members


def _officially_named(g: nx.DiGraph, programs: Mapping[str, Any]) -> set[str]:
    """The programs whose name is their code's official name (as :func:`name_key` compares)
    in the nomenclature loaded last; none when no list is loaded."""
    lists: Mapping[str, Mapping[str, tuple[str, str]]] = g.graph.get("nomenclature") or {}
    versi = version_in_force(lists)
    if versi is None:
        return set()
    entries = lists[versi]
    return {
        n
        for n, d in programs.items()
        if (entry := entries.get(d["kode"])) and name_key(entry[1]) == name_key(d["nama"])
    }


def _nama_mirip(programs: Mapping[str, Any], official: set[str]) -> Iterator[Group]:
    seen: set[str] = set()
    for n, d in sorted(programs.items()):
        similar = [
            m
            for m in d.get("mirip") or []
            if m in programs and not (n in official and m in official)
        ]
        if similar and n not in seen:
            members = sorted({n, *similar})
            seen.update(members)
            yield "nama_mirip", members
