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
from typing import NamedTuple

from rapidfuzz import fuzz

from graph.chain import Chain, load_chain, split_level
from graph.codes import is_penunjang
from graph.ids import normalised_name, slug
from graph.model import NOMENCLATURE_KINDS, Document, Element, Link, Records, Reference
from graph.opd import OpdNames, name_key

__all__ = ["RESOLVED_KEYS", "cross_document_links", "load_chain", "unresolved_references"]

PENUNJANG = "X.XX.01"
NAME_MATCH = 90.0  # rapidfuzz ratio of the normalised names, 0-100
NAME_MARGIN = 5.0  # lead over the next candidate
# The only element properties resolution reads: a store need read back no others.
RESOLVED_KEYS = ("kode", "opd", "ref", "nama")


class _Entry(NamedTuple):
    id: str
    kind: str
    document: Document


_new_entry = tuple.__new__  # an _Entry built in C: NamedTuple's own __new__ is Python code

# A child of a code link: the element, its document, the pemda's slug, the OPD's key, its code.
_Child = tuple[Element, Document, str, str, str]


class _Index:
    """What the links between documents are looked up in, holding only what some lookup can
    ask for: elements by (pemda, jenis, kind, opd key, kode) where a ``by = "kode"`` rule has
    their level as parent; by (pemda, jenis, ref-or-kode) and, without a nomenclature code,
    by (pemda, jenis) with their normalised names, where a reference names their jenis;
    ``children`` the elements a ``by = "kode"`` rule starts from, by (pemda, jenis, kind);
    ``kinds`` the kind of each element a reference starts from. The OPD key is the one
    ``opd_names`` gives (by default, that of every OPD name the elements carry)."""

    def __init__(
        self,
        documents: Mapping[str, Document],
        elements: Iterable[Element],
        references: list[Reference],
        chain: Chain,
        opd_names: OpdNames | None = None,
    ) -> None:
        self.by_code: dict[tuple[str, ...], list[_Entry]] = defaultdict(list)
        self.by_key: dict[tuple[str, ...], list[_Entry]] = defaultdict(list)
        # (entry, normalised name, name as written) by (pemda, jenis)
        self.by_name: dict[tuple[str, str], list[tuple[_Entry, str, str]]] = defaultdict(list)
        self.children: dict[tuple[str, str, str], list[_Child]] = defaultdict(list)
        self.kinds: dict[str, str] = {}
        ways = _Ways(chain, references)
        documents_seen: dict[str, tuple[Document, str]] = {}
        opds: dict[str, str] = {}  # every OPD name the elements carry, to its name_key
        for e in elements:
            if (known := documents_seen.get(e.dokumen)) is None:
                doc = documents[e.dokumen]
                known = documents_seen[e.dokumen] = (doc, slug(doc.pemda))
            doc, pemda = known
            if e.id in ways.referring:
                self.kinds[e.id] = e.kind
            opd_name = str(e.extra.get("opd") or "")
            if (opd := opds.get(opd_name)) is None:
                opd = opds[opd_name] = name_key(opd_name)
            kode = str(e.extra.get("kode") or "")
            coded = bool(kode) and (doc.jenis, e.kind) in ways.coded
            keyed, named = doc.jenis in ways.keyed, doc.jenis in ways.named
            if not (coded or keyed or named):
                continue
            entry = _new_entry(_Entry, (e.id, e.kind, doc))
            if coded:
                if (doc.jenis, e.kind) in ways.code_parents:
                    self.by_code[(pemda, doc.jenis, e.kind, opd, kode)].append(entry)
                if (doc.jenis, e.kind) in ways.code_children:
                    self.children[(pemda, doc.jenis, e.kind)].append((e, doc, pemda, opd, kode))
            if keyed:
                ref = str(e.extra.get("ref") or "")
                for key in (kode, ref) if ref != kode else (kode,):
                    if key:
                        self.by_key[(pemda, doc.jenis, key)].append(entry)
            if named and e.kind not in NOMENCLATURE_KINDS:
                nama = str(e.extra.get("nama") or "")
                self.by_name[(pemda, doc.jenis)].append((entry, normalised_name(nama), nama))
        shortened = (opd_names or OpdNames(opds)).short_for
        if shortened:
            self._read_short_forms(shortened)

    def _read_short_forms(self, short_for: Mapping[str, str]) -> None:
        """Each short OPD name's lookups under the key of the name it shortens."""
        by_code: dict[tuple[str, ...], list[_Entry]] = defaultdict(list)
        for (pemda, jenis, kind, opd, kode), entries in self.by_code.items():
            by_code[(pemda, jenis, kind, short_for.get(opd, opd), kode)] += entries
        self.by_code = by_code
        for level, children in self.children.items():
            self.children[level] = [(e, d, p, short_for.get(o, o), k) for e, d, p, o, k in children]


class _Ways:
    """The levels and jenis a lookup can ask for: ``code_parents`` and ``code_children``
    (``(jenis, kind)`` at either end of a ``by = "kode"`` rule, ``coded`` both), ``keyed`` and
    ``named`` (the jenis references name by key and by name), ``referring`` (the elements
    references start from)."""

    def __init__(self, chain: Chain, references: list[Reference]) -> None:
        rules = [r for r in chain.rules if r.by == "kode"]
        self.code_parents = {split_level(r.parent) for r in rules}
        self.code_children = {split_level(r.child) for r in rules}
        self.coded = self.code_parents | self.code_children
        self.keyed = {r.target_jenis for r in references if r.by_name is None}
        self.named = {r.target_jenis for r in references if r.by_name is not None}
        self.referring = {r.child for r in references}


def cross_document_links(
    documents: Mapping[str, Document],
    elements: Iterable[Element],
    references: Iterable[Reference],
    chain: Chain,
    opd_names: OpdNames | None = None,
) -> tuple[list[Link], list[Reference]]:
    """The ``SUPPORTS`` links between documents, and the references that resolve to nothing.

    Parameters
    ----------
    documents : mapping of document id to Document
    elements : every element of the store
    references : every explicit cross-document reference (``induk`` such as ``RPJMD:S1.2``)
    chain : the chain whose ``by = "kode"`` rules link elements of the same OPD and code
    opd_names : the OPD names of the whole store, when ``elements`` are not all of them (by
        default, those the elements carry): one OPD however spelled or shortened

    Returns
    -------
    (links, unresolved)
        Links sorted by (child, parent), and the references that matched no element.
    """
    references = list(references)
    index = _Index(documents, elements, references, chain, opd_names)
    links = {(lk.child, lk.parent): lk for lk in _code_links(index, chain)}
    unresolved: list[Reference] = []
    for ref in references:
        child_doc = documents.get(ref.child.split(":", 1)[0])
        child_kind = index.kinds.get(ref.child)
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


def unresolved_references(records: Iterable[Records], chain: Chain) -> list[Reference]:
    """The references of ``records`` (every document of a store, as ``export()`` gives them)
    that resolve to nothing, each name reference with its closest candidates: what a load
    reported as warnings, asked again later without loading anything.

    >>> doc = Document("renstra-kab-x-2025-2029", "RENSTRA", "Kab. X", 2025, 2029, "Bappeda")
    >>> s = Element(f"{doc.id}:sasaran:S1", "sasaran", doc.id, {"nama": "Mutu", "pemda": "Kab. X"})
    >>> ref = Reference(s.id, "RPJMD", "S9.9")
    >>> [r.target_key for r in unresolved_references([Records(doc, [s], references=[ref])],
    ...                                                load_chain())]
    ['S9.9']
    """
    batch = list(records)
    documents = {r.document.id: r.document for r in batch}
    elements = [e for r in batch for e in r.elements]
    references = [ref for r in batch for ref in r.references]
    return cross_document_links(documents, elements, references, chain)[1]


def _code_links(index: _Index, chain: Chain) -> Iterable[Link]:
    targets = {(key[0], key[1]) for key in index.by_code}  # (pemda, jenis) with coded elements
    for (pemda, jenis, kind), children in index.children.items():
        rules = chain.rules_for(jenis, kind, by="kode")
        parents = [split_level(r.parent) for r in rules]
        parents = [(j, k) for j, k in parents if (pemda, j) in targets]
        for e, doc, _, opd, kode in children if parents else ():
            for parent_jenis, parent_kind in parents:
                yield from _same_code(index, e, doc, (pemda, parent_jenis, parent_kind), opd, kode)


def _same_code(
    index: _Index, e: Element, doc: Document, level: tuple[str, str, str], opd: str, kode: str
) -> Iterable[Link]:
    """Links from ``e`` to the elements of the same code and OPD at the parent ``level``
    (pemda, jenis, kind); a program penunjang also to the level's ``X.XX.01``."""
    keys = [(*level, opd, kode)]
    if level[2] == "program" and is_penunjang(kode) and kode != PENUNJANG:
        keys.append((*level, "", PENUNJANG))
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
    candidate; otherwise the reference comes back unresolved with its closest candidates, each
    as ``<id> '<name as written>' (<score>)`` for whoever decides.
    """
    child_doc, child_kind = level
    wanted = normalised_name(ref.by_name or "")
    scored = sorted(
        (
            (round(fuzz.ratio(wanted, name), 1), entry.id, nama)
            for entry, name, nama in index.by_name.get(
                (slug(child_doc.pemda), ref.target_jenis), []
            )
            if entry.document.overlaps(child_doc)
            and chain.allows(child_doc.jenis, child_kind, ref.target_jenis, entry.kind)
        ),
        key=lambda s: (-s[0], s[1]),
    )
    if scored and scored[0][0] >= NAME_MATCH:
        runner_up = scored[1][0] if len(scored) > 1 else 0.0
        if scored[0][0] - runner_up >= NAME_MARGIN:
            best, parent, _ = scored[0]
            return [Link(ref.child, parent, "nama", "", best / 100, src_row=ref.src_row)], None
    close = tuple(f"{parent} '{nama}' ({score:g})" for score, parent, nama in scored[:3])
    return [], dataclasses.replace(ref, candidates=close)
