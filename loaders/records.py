"""From element drafts to records: ids, the links inside the document, elements, indicators.

Every reader (the Selaras format, the table profiles) ends here, so ids, links by code prefix
and by ``induk``, the chain and cycle checks and the element properties are built one way.

Examples
--------
>>> from graph.chain import load_chain
>>> from graph.model import Document
>>> doc = Document("renja-x-2026", "RENJA", "Kota X", 2026, 2026, opd="Dinkes", src_file="a.csv")
>>> drafts = [Draft(2, "program", "Program Kesehatan", kode="1.02.02"),
...           Draft(3, "kegiatan", "Fasilitas", kode="1.02.02.2.01")]
>>> records = records_from_drafts(doc, drafts, load_chain(), "elemen")
>>> [e.id for e in records.elements][-1], len(records.links)
('renja-x-2026:kegiatan:1.02.02.2.01', 1)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from graph.chain import Chain
from graph.codes import opd_bidang
from graph.ids import element_id, search_key, slug
from graph.model import (
    NOMENCLATURE_KINDS,
    Document,
    Element,
    Indicator,
    Problem,
    Records,
    Scalar,
    Value,
)
from loaders.links import LinkBuilder
from loaders.rows import Draft
from loaders.similar import similar_programs

__all__ = ["MULTI_OPD", "Loaded", "periode_text", "records_from_drafts"]

MULTI_OPD = ("RPJMD", "RKPD", "RPJPD", "RPJMN")


@dataclass(frozen=True)
class Loaded(Records):
    """Records with how they were read: the profile, and where each identity value came from.

    ``identity`` maps ``jenis``, ``pemda``, ``periode``/``tahun``, ``opd`` … to
    ``{"value": …, "source": "given" | "detected" | "assumed"}``.
    """

    profile: str = "selaras"
    identity: Mapping[str, Mapping[str, str]] = field(default_factory=dict)


def records_from_drafts(
    doc: Document,
    drafts: list[Draft],
    chain: Chain,
    sheet: str,
    extra_links: Iterable[tuple[int, str, str]] = (),
    extra_sheet: str = "tautan",
    acyclic: bool = False,
) -> Records:
    """The records of one document's drafts (read from ``sheet``), with their problems.

    ``extra_links`` are ``(row, from, to)`` links written apart (the ``tautan`` sheet);
    ``acyclic`` says the drafts' parents cannot form a cycle (no need to look for one).
    """
    problems = _assign_ids(doc, drafts, sheet)
    links = LinkBuilder(doc, drafts, chain, sheet, acyclic)
    links.build()
    links.extra(extra_links, extra_sheet)
    similar = similar_programs(drafts)
    common: dict[str, Value] = {
        "pemda": doc.pemda,
        "periode": periode_text(doc),
        "dokumen_jenis": doc.jenis,
    }
    elements = [
        _element(doc, d, chain, similar.get(d.id, []), sheet, common, _bidang(d.opd_kode))
        for d in drafts
    ]
    indicators = [
        Indicator(d.id, seq, str(data.pop("nama")), data)
        for d in drafts
        for seq, data in enumerate(dict(i) for i in d.indicators)
    ]
    return Records(
        doc, elements, links.links, links.references, indicators, problems + links.problems
    )


def _assign_ids(doc: Document, drafts: list[Draft], sheet: str) -> list[Problem]:
    first: dict[str, int] = {}
    problems = []
    for d in drafts:
        d.opd = d.opd or doc.opd
        d.opd_kode = d.opd_kode or (doc.opd_kode if d.opd == doc.opd else None)
        d.id = element_id(doc.id, d.kind, _key(doc, d))
        if d.id in first:
            problems.append(
                Problem(
                    doc.src_file,
                    sheet,
                    d.row,
                    "kode",
                    "error",
                    f"Baris ini sama dengan baris {first[d.id]} (id {d.id}); "
                    "beri satu baris beberapa induk dengan ';' / duplicate of row "
                    f"{first[d.id]}: give one row several parents with ';'",
                )
            )
        first.setdefault(d.id, d.row)
    return problems


def _key(doc: Document, d: Draft) -> str:
    if d.key:
        return d.key
    if d.kind in NOMENCLATURE_KINDS and d.kode:
        own = doc.jenis in MULTI_OPD and d.opd
        return f"{slug(d.opd or '')}/{d.kode}" if own else d.kode
    return d.ref or d.kode or slug(d.nama) or str(d.row)


def _element(
    doc: Document,
    d: Draft,
    chain: Chain,
    similar: list[str],
    sheet: str,
    common: dict[str, Value],
    bidang: tuple[str, ...],
) -> Element:
    first = d.indicators[0] if d.indicators else {}
    props: dict[str, Value] = {
        "nama": d.nama,
        "kode": d.kode,
        "kode_asli": d.kode_asli,
        "ref": d.ref,
        "opd": d.opd,
        "opd_kode": d.opd_kode,
        "opd_bidang": _scalars(list(bidang)) if d.opd_kode else None,
        **common,
        "level": chain.levels.get(d.kind, 0),
        "indikator": first.get("nama"),
        "satuan": first.get("satuan"),
        "mirip": _scalars(similar),
        "cari": search_key(f"{d.kode or d.kode_asli or ''} {d.nama}"),
        "src_file": doc.src_file,
        "src_sheet": sheet,
        "src_row": d.row,
        **d.props,
    }
    for key in _OPTIONAL:  # the properties a row may lack, dropped where it does
        if props.get(key, 0) is None:
            del props[key]
    if None in props.values():  # a reader's own property that is None
        props = {k: v for k, v in props.items() if v is not None}
    return Element(d.id, d.kind, doc.id, props)


_OPTIONAL = ("nama", "kode", "kode_asli", "ref", "opd", "opd_kode", "opd_bidang", "indikator",
             "satuan", "mirip")  # fmt: skip


@lru_cache(maxsize=1024)
def _bidang(opd_kode: str | None) -> tuple[str, ...]:
    """:func:`opd_bidang`, worked out once per OPD code (every row of a Renja has the same)."""
    return tuple(opd_bidang(opd_kode))


def _scalars(values: list[str]) -> list[Scalar] | None:
    return list(values) or None


def periode_text(doc: Document) -> str:
    """``2026`` for one year, ``2025-2029`` for a period."""
    if doc.tahun_awal == doc.tahun_akhir:
        return str(doc.tahun_awal)
    return f"{doc.tahun_awal}-{doc.tahun_akhir}"
