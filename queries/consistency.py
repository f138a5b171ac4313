"""The annual plans against the plans they follow: Renja against Renstra, Renja against RKPD.

Elements are matched as the store links documents (``graph/resolve.py``): same pemda and OPD
(compared as slugs: case, spaces and punctuation do not matter), same kind and code.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping
from typing import Any, NamedTuple

import networkx as nx

from graph.ids import slug
from graph.model import NOMENCLATURE_KINDS
from graph.opd import opd_names
from queries.budget import period_span
from queries.registry import canned
from queries.traversal import Amount, is_amount

__all__ = [
    "RenjaNotInRenstra",
    "RenjaRkpdMismatch",
    "renja_not_in_renstra",
    "renja_rkpd_mismatches",
]

Key = tuple[str, str]  # (pemda slug, OPD key: graph/opd.py::OpdNames)


Span = tuple[int, int] | None
Place = tuple[Key, Span]  # the OPD key and the period of an element


class _Places:
    """Each element's OPD key and period (its :data:`Place`), worked out once per (pemda,
    opd, periode) as written."""

    def __init__(self, g: nx.DiGraph) -> None:
        self.names = opd_names(g)
        self._seen: dict[tuple[Any, Any, Any], Place] = {}

    def of(self, d: Mapping[str, Any]) -> Place:
        raw = (d.get("pemda"), d.get("opd"), d.get("periode"))
        found = self._seen.get(raw)
        if found is None:
            key = slug(str(d.get("pemda") or "")), self.names.key_of(d)
            found = self._seen[raw] = (key, period_span(d.get("periode")))
        return found


def _coded(d: Mapping[str, Any], jenis: str) -> bool:
    return (
        d.get("dokumen_jenis") == jenis and d["kind"] in NOMENCLATURE_KINDS and bool(d.get("kode"))
    )


def _overlaps(a: tuple[int, int] | None, b: tuple[int, int] | None) -> bool:
    return a is not None and b is not None and a[0] <= b[1] and b[0] <= a[1]


def _year_pagu(d: Mapping[str, Any], tahun: int) -> Amount | None:
    value = d.get(f"pagu_{tahun}")
    return value if is_amount(value) else None


class RenjaNotInRenstra(NamedTuple):
    """One Renja program, kegiatan or sub kegiatan whose code its OPD's Renstra lacks."""

    id: str
    kind: str
    kode: str
    nama: str
    opd: str | None
    dokumen: str
    tahun: int
    pagu: Amount | None


@canned(
    "Renja items not in the Renstra",
    severity="warning",
    brief=("id", "kode", "nama", "pagu"),
    keterangan=(
        "Program, kegiatan dan sub kegiatan Renja (OPD, kode) yang tidak ada di Renstra OPD itu "
        "(pemda sama, periode mencakup tahun Renja); hanya bila Renstra OPD itu dimuat."
    ),
)
def renja_not_in_renstra(
    g: nx.DiGraph, dokumen: str | None = None, opd: str | None = None, tahun: int | None = None
) -> list[RenjaNotInRenstra]:
    """Renja yang tidak ada di Renstra

    Programs, kegiatan and sub kegiatan of a Renja whose code (of the same kind) is absent from
    the Renstra of the same OPD and pemda whose period covers the Renja year. An OPD with no
    Renstra covering that year is not reported here: the check needs both documents (see the
    coverage of the documents loaded). ``pagu`` is the Renja pagu of its year; OPDs are
    compared by their key (one OPD however spelled). Rows by ``id``.

    Examples
    --------
    >>> from graph.demo import demo_graph
    >>> [(r.kind, r.kode) for r in renja_not_in_renstra(demo_graph())]
    [('sub_kegiatan', '1.02.02.2.09.0001')]
    """
    places = _Places(g)
    has_renstra, codes = _renstra_index(g, places)
    covered: dict[Place, bool] = {}  # the OPD has a Renstra for the period
    rows = []
    for n, d, place in _renja(g, dokumen, opd, tahun, places):
        (key, span), kind, kode = place, d["kind"], d["kode"]
        if place not in covered:
            covered[place] = any(_overlaps(s, span) for s in has_renstra.get(key, ()))
        if covered[place] and not any(_overlaps(s, span) for s in codes.get((key, kind, kode), ())):
            year = span[0] if span else 0
            pagu = _year_pagu(d, year)
            rows.append(
                RenjaNotInRenstra(n, kind, kode, d["nama"], d.get("opd"), d["dokumen"], year, pagu)
            )
    return sorted(rows)


def _renstra_index(
    g: nx.DiGraph, places: _Places
) -> tuple[dict[Key, set[Span]], dict[tuple[Key, str, str], set[Span]]]:
    """The periods of each OPD's Renstra, and of each (OPD, kind, kode) in a Renstra."""
    has_renstra: dict[Key, set[Span]] = defaultdict(set)
    codes: dict[tuple[Key, str, str], set[Span]] = defaultdict(set)
    for d in g._node.values():
        if d.get("dokumen_jenis") == "RENSTRA":
            key, span = places.of(d)
            has_renstra[key].add(span)
            if d["kind"] in NOMENCLATURE_KINDS and d.get("kode"):
                codes[key, d["kind"], d["kode"]].add(span)
    return has_renstra, codes


def _renja(
    g: nx.DiGraph, dokumen: str | None, opd: str | None, tahun: int | None, places: _Places
) -> Iterator[tuple[str, Mapping[str, Any], Place]]:
    wanted = places.names.key(opd) if opd else None
    for n, d in g._node.items():
        if not _coded(d, "RENJA") or (dokumen and d["dokumen"] != dokumen):
            continue
        place = places.of(d)
        if wanted is not None and place[0][1] != wanted:
            continue
        span = place[1]
        if tahun is None or (span is not None and span[0] == tahun):
            yield n, d, place


class RenjaRkpdMismatch(NamedTuple):
    """One code in the Renja or the RKPD only, or one pagu that differs between them."""

    id: str
    jenis: str
    kode: str
    nama: str
    opd: str | None
    dokumen: str
    tahun: int
    pagu_renja: Amount | None
    pagu_rkpd: Amount | None
    selisih: Amount | None
    pasangan: str | None


GroupKey = tuple[str, str, int, str, str]  # (pemda slug, OPD key, year, kind, kode)
Group = tuple[list[str], list[str]]  # the Renja ids and the RKPD ids of one GroupKey


@canned(
    "Renja and RKPD mismatches",
    severity="warning",
    brief=("jenis", "id", "nama", "pagu_renja", "pagu_rkpd"),
    keterangan=(
        "Untuk pemda, OPD dan tahun yang sama: kode yang ada di Renja tetapi tidak di RKPD "
        "(tidak_di_rkpd) atau sebaliknya (tidak_di_renja), atau pagu yang berbeda melebihi "
        "toleransi (pagu_beda)."
    ),
)
def renja_rkpd_mismatches(
    g: nx.DiGraph,
    toleransi: float = 0.05,
    dokumen: str | None = None,
    opd: str | None = None,
    tahun: int | None = None,
) -> list[RenjaRkpdMismatch]:
    """Renja tidak selaras dengan RKPD

    Programs, kegiatan and sub kegiatan of one pemda, OPD and year compared between the OPD's
    Renja and the RKPD by kind and code. ``jenis`` is ``tidak_di_rkpd`` for a Renja element
    with no RKPD counterpart, ``tidak_di_renja`` for an RKPD element (``id`` and ``dokumen``
    are then the RKPD's) with no Renja counterpart, ``pagu_beda`` when the two pagu of the year
    differ by more than ``toleransi`` (a fraction of the RKPD pagu, 5 % by default: the Renja's
    final pagu may move a little from the RKPD's indicative one; compared only when both have
    one); ``pasangan`` is the RKPD counterpart and ``selisih`` is ``pagu_renja -
    pagu_rkpd``. Only an OPD with a Renja for the year and a year with an RKPD are compared:
    the check needs both documents. OPDs are compared by their key; ``dokumen`` keeps the rows
    of that document. Rows by ``id``, then ``pasangan``.

    Examples
    --------
    >>> from graph.demo import demo_graph
    >>> renja_rkpd_mismatches(demo_graph())
    []
    """
    groups, renja_opds, rkpd_years = _renja_rkpd_groups(g)
    wanted = opd_names(g).key(opd) if opd else None
    rows = []
    for (p, o, year, _, _), (renja, rkpd) in groups.items():
        if (p, o, year) not in renja_opds or (wanted is not None and o != wanted):
            continue
        if tahun is None or year == tahun:
            rows += _compare(g, year, renja, rkpd, (p, year) in rkpd_years, toleransi)
    rows = [r for r in rows if dokumen is None or r.dokumen == dokumen]
    return sorted(rows, key=lambda r: (r.id, r.pasangan or ""))


def _renja_rkpd_groups(
    g: nx.DiGraph,
) -> tuple[dict[GroupKey, Group], set[tuple[str, str, int]], set[tuple[str, int]]]:
    groups: dict[GroupKey, Group] = {}
    renja_opds: set[tuple[str, str, int]] = set()
    rkpd_years: set[tuple[str, int]] = set()
    places = _Places(g)
    for n, d in g._node.items():
        jenis = d.get("dokumen_jenis")
        if jenis != "RENJA" and jenis != "RKPD":
            continue
        (p, o), span = places.of(d)
        if span is None:
            continue
        year = span[0]
        if jenis == "RENJA":
            renja_opds.add((p, o, year))
        else:
            rkpd_years.add((p, year))
        if d["kind"] in NOMENCLATURE_KINDS and d.get("kode"):
            key = (p, o, year, d["kind"], d["kode"])
            group = groups.get(key) or groups.setdefault(key, ([], []))
            group[jenis == "RKPD"].append(n)
    return groups, renja_opds, rkpd_years


def _compare(
    g: nx.DiGraph, year: int, renja: list[str], rkpd: list[str], has_rkpd: bool, toleransi: float
) -> list[RenjaRkpdMismatch]:
    nodes = g._node
    if not rkpd:
        return [
            _row(g, r, "tidak_di_rkpd", year, _year_pagu(nodes[r], year), None)
            for r in renja
            if has_rkpd
        ]
    if not renja:
        return [_row(g, k, "tidak_di_renja", year, None, _year_pagu(nodes[k], year)) for k in rkpd]
    rows = []
    for r in renja:
        for k in rkpd:
            a, b = _year_pagu(nodes[r], year), _year_pagu(nodes[k], year)
            if a is not None and b is not None and abs(a - b) > toleransi * abs(b):
                rows.append(_row(g, r, "pagu_beda", year, a, b, k))
    return rows


def _row(
    g: nx.DiGraph,
    n: str,
    jenis: str,
    year: int,
    renja: Amount | None,
    rkpd: Amount | None,
    pasangan: str | None = None,
) -> RenjaRkpdMismatch:
    d = g._node[n]
    selisih = renja - rkpd if pasangan and renja is not None and rkpd is not None else None
    return RenjaRkpdMismatch(
        n,
        jenis,
        d["kode"],
        d["nama"],
        d.get("opd"),
        d["dokumen"],
        year,
        renja,
        rkpd,
        selisih,
        pasangan,
    )
