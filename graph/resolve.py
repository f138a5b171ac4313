"""Links between documents, resolved from the chain over everything a store holds.

A store calls :func:`cross_document_links` after every write, so the order in which documents
are loaded does not matter: a Renja loaded before its Renstra is linked once the Renstra arrives.

Examples
--------
>>> from graph.model import Document, Element
>>> rpjmd = Document("r", "RPJMD", "Kota", 2025, 2029)
>>> renstra = Document("s", "RENSTRA", "Kota", 2025, 2029, opd="Dinkes")
>>> els = [
...     Element("r:program:dinkes/1.02.02", "program", "r", {"kode": "1.02.02", "opd": "Dinkes"}),
...     Element("s:program:1.02.02", "program", "s", {"kode": "1.02.02", "opd": "Dinkes"}),
... ]
>>> links, unresolved = cross_document_links({"r": rpjmd, "s": renstra}, els, [], load_chain())
>>> [(link.child, link.parent, link.basis) for link in links]
[('s:program:1.02.02', 'r:program:dinkes/1.02.02', 'kode')]
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from rapidfuzz import fuzz

from graph.chain import Chain, load_chain, split_level
from graph.codes import is_penunjang
from graph.ids import normalised_name, slug
from graph.model import NOMENCLATURE_KINDS, Document, Element, Link, Reference

__all__ = ["cross_document_links", "load_chain"]

PENUNJANG = "X.XX.01"
NAME_MATCH = 90.0  # rapidfuzz ratio of the normalised names, 0-100
NAME_MARGIN = 5.0  # lead over the next candidate


@dataclass(frozen=True)
class _Entry:
    id: str
    kind: str
    document: Document


class _Index:
    """Elements by (pemda, jenis, kind, opd, kode), by (pemda, jenis, ref-or-kode), and the
    elements without a nomenclature code by (pemda, jenis) with their normalised names."""

    def __init__(self, documents: Mapping[str, Document], elements: Iterable[Element]) -> None:
        self.by_code: dict[tuple[str, ...], list[_Entry]] = defaultdict(list)
        self.by_key: dict[tuple[str, ...], list[_Entry]] = defaultdict(list)
        self.by_name: dict[tuple[str, str], list[tuple[_Entry, str]]] = defaultdict(list)
        for e in elements:
            doc = documents[e.dokumen]
            entry = _Entry(e.id, e.kind, doc)
            pemda, kode = slug(doc.pemda), str(e.extra.get("kode") or "")
            opd = slug(str(e.extra.get("opd") or ""))
            if kode:
                self.by_code[(pemda, doc.jenis, e.kind, opd, kode)].append(entry)
            for key in {kode, str(e.extra.get("ref") or "")} - {""}:
                self.by_key[(pemda, doc.jenis, key)].append(entry)
            if e.kind not in NOMENCLATURE_KINDS:
                name = normalised_name(str(e.extra.get("nama") or ""))
                self.by_name[(pemda, doc.jenis)].append((entry, name))


def cross_document_links(
    documents: Mapping[str, Document],
    elements: Iterable[Element],
    references: Iterable[Reference],
    chain: Chain,
) -> tuple[list[Link], list[Reference]]:
    """The ``SUPPORTS`` links between documents, and the references that resolve to nothing.

    Parameters
    ----------
    documents : mapping of document id to Document
    elements : every element of the store
    references : every explicit cross-document reference (``induk`` such as ``RPJMD:S1.2``)
    chain : the chain whose ``by = "kode"`` rules link elements of the same OPD and code

    Returns
    -------
    (links, unresolved)
        Links sorted by (child, parent), and the references that matched no element.
    """
    elements = list(elements)
    index = _Index(documents, elements)
    links = {(lk.child, lk.parent): lk for lk in _code_links(documents, elements, index, chain)}
    unresolved: list[Reference] = []
    kinds = {e.id: e.kind for e in elements}
    for ref in references:
        child_doc = documents.get(ref.child.split(":", 1)[0])
        child_kind = kinds.get(ref.child)
        if child_doc is None or child_kind is None:
            unresolved.append(ref)
            continue
        level = (child_doc, child_kind)
        if ref.by_name is not None:
            found, missed = _resolve_by_name(ref, level, index, chain)
        else:
            found = _resolve_reference(ref, level, index, chain)
            missed = None if found else ref
        if missed is not None:
            unresolved.append(missed)
        for link in found:
            links[(link.child, link.parent)] = link
    return [links[k] for k in sorted(links)], unresolved


def _code_links(
    documents: Mapping[str, Document], elements: list[Element], index: _Index, chain: Chain
) -> Iterable[Link]:
    for e in elements:
        doc, kode = documents[e.dokumen], str(e.extra.get("kode") or "")
        rules = chain.rules_for(doc.jenis, e.kind, by="kode") if kode else []
        for rule in rules:
            jenis, kind = split_level(rule.parent)
            keys = [(slug(doc.pemda), jenis, kind, slug(str(e.extra.get("opd") or "")), kode)]
            if kind == "program" and is_penunjang(kode) and kode != PENUNJANG:
                keys.append((slug(doc.pemda), jenis, kind, "", PENUNJANG))
            for key in keys:
                for hit in index.by_code.get(key, ()):
                    if hit.document.overlaps(doc) and hit.id != e.id:
                        yield Link(e.id, hit.id, "kode")


def _resolve_reference(
    ref: Reference, level: tuple[Document, str], index: _Index, chain: Chain
) -> list[Link]:
    child_doc, child_kind = level
    hits = index.by_key.get((slug(child_doc.pemda), ref.target_jenis, ref.target_key), [])
    hits = [h for h in hits if h.document.overlaps(child_doc)]
    allowed = [
        h for h in hits if chain.allows(child_doc.jenis, child_kind, ref.target_jenis, h.kind)
    ]
    return [
        Link(ref.child, parent, "explicit", src_row=ref.src_row)
        for parent in sorted(h.id for h in (allowed or hits))
    ]


def _resolve_by_name(
    ref: Reference, level: tuple[Document, str], index: _Index, chain: Chain
) -> tuple[list[Link], Reference | None]:
    """The one element whose name clearly matches, as a ``nama`` link with its confidence.

    A match needs a score of at least NAME_MATCH and a lead of NAME_MARGIN over the next
    candidate; otherwise the reference comes back unresolved with its closest candidates.
    """
    child_doc, child_kind = level
    wanted = normalised_name(ref.by_name or "")
    scored = sorted(
        (
            (round(fuzz.ratio(wanted, name), 1), entry.id)
            for entry, name in index.by_name.get((slug(child_doc.pemda), ref.target_jenis), [])
            if entry.document.overlaps(child_doc)
            and chain.allows(child_doc.jenis, child_kind, ref.target_jenis, entry.kind)
        ),
        key=lambda s: (-s[0], s[1]),
    )
    if scored and scored[0][0] >= NAME_MATCH:
        runner_up = scored[1][0] if len(scored) > 1 else 0.0
        if scored[0][0] - runner_up >= NAME_MARGIN:
            best, parent = scored[0]
            return [Link(ref.child, parent, "nama", "", best / 100, src_row=ref.src_row)], None
    close = tuple(f"{parent} ({score:g})" for score, parent in scored[:3])
    return [], dataclasses.replace(ref, candidates=close)
