"""Links inside one document: by code prefix, by ``induk`` reference, and the cycle check.

A prefix link always goes to a shorter code (and an element's id holds its code), so a cycle
needs an ``induk`` link; the check looks only where one could be: not at all when there is no
``induk`` link, or when ``acyclic=True`` says the reader built none that can loop.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import networkx as nx

from graph.chain import Chain
from graph.codes import parent_kode
from graph.ids import slug
from graph.model import (
    DOCUMENT_KINDS,
    NOMENCLATURE_KINDS,
    Document,
    Link,
    Problem,
    Reference,
    Severity,
)
from loaders.rows import Draft

__all__ = ["LinkBuilder"]


class LinkBuilder:
    """Builds one document's links and references from its drafts, collecting problems."""

    def __init__(
        self, doc: Document, drafts: list[Draft], chain: Chain, sheet: str, acyclic: bool = False
    ) -> None:
        self.doc, self.drafts, self.chain, self.sheet = doc, drafts, chain, sheet
        self.acyclic = acyclic
        self.by_id = {d.id: d for d in drafts}
        self.by_key: dict[str, list[Draft]] = defaultdict(list)
        self.by_code: dict[tuple[str, str], Draft] = {}
        self.slugs: dict[str, str] = {}
        for d in drafts:
            if d.ref:
                self.by_key[d.ref].append(d)
            if d.kode and d.kode != d.ref:
                self.by_key[d.kode].append(d)
            if d.kode and d.kind in NOMENCLATURE_KINDS:
                self.by_code[(self._slug(d.opd), d.kode)] = d
        self.links: list[Link] = []
        self.references: list[Reference] = []
        self.problems: list[Problem] = []
        self._explicit = False  # an induk link was made: a cycle is possible

    def problem(self, row: int | None, column: str, message: str, warn: bool = False) -> None:
        """Record one problem of the elements sheet."""
        severity: Severity = "warning" if warn else "error"
        self.problems.append(Problem(self.doc.src_file, self.sheet, row, column, severity, message))

    def build(self) -> None:
        """Every prefix link and ``induk`` link, then the chain and cycle checks."""
        for d in self.drafts:
            self._prefix(d)
            for ref in d.induk:
                self._induk(d, ref, *d.induk_at.get(ref, (d.row, d.induk_column)))
        if self._explicit and not self.acyclic:
            self._check_cycles()

    def _slug(self, opd: str | None) -> str:
        """The OPD's slug, computed once per name."""
        text = opd or ""
        if text not in self.slugs:
            self.slugs[text] = slug(text)
        return self.slugs[text]

    def extra(self, rows: Iterable[tuple[int, str, str]], sheet: str) -> None:
        """Links from the ``tautan`` sheet: (row, from, to)."""
        for row, source, target in rows:
            found = self._local(source)
            if found is None:
                self.problems.append(
                    Problem(
                        self.doc.src_file,
                        sheet,
                        row,
                        "dari",
                        "error",
                        f"'{source}' tidak ditemukan / not found",
                    )
                )
                continue
            self._induk(found, target, row, "ke", sheet)

    def _prefix(self, d: Draft) -> None:
        parent = parent_kode(d.kode) if d.kode and d.kind in ("kegiatan", "sub_kegiatan") else None
        if parent is None:
            return
        hit = self.by_code.get((self._slug(d.opd), parent))
        if hit is None:
            self.problem(
                d.row,
                "kode",
                f"Induk dengan kode {parent} tidak ada di dokumen ini / "
                f"no parent with code {parent} in this document",
                warn=True,
            )
            return
        self.links.append(
            Link(d.id, hit.id, "kode", self.doc.id, 1.0, self.doc.src_file, self.sheet, d.row)
        )

    def _induk(self, d: Draft, ref: str, row: int, column: str, sheet: str | None = None) -> None:
        jenis, sep, key = ref.partition(":")
        other = jenis.strip().upper()
        if sep and other in DOCUMENT_KINDS and other != self.doc.jenis:
            self.references.append(
                Reference(
                    d.id, other, key.strip(), row, src_sheet=sheet or self.sheet, src_column=column
                )
            )
            return
        target = self._local(key.strip() if sep else ref)
        if target is None:
            self.problems.append(
                Problem(
                    self.doc.src_file,
                    sheet or self.sheet,
                    row,
                    column,
                    "error",
                    f"Induk '{ref}' tidak ditemukan / parent not found",
                )
            )
            return
        if not self.chain.allows(self.doc.jenis, d.kind, self.doc.jenis, target.kind):
            self.problem(
                row,
                column,
                f"{d.kind} → {target.kind} tidak diatur rantai / not allowed by the chain",
                warn=True,
            )
        self._explicit = True
        self.links.append(
            Link(
                d.id,
                target.id,
                "explicit",
                self.doc.id,
                1.0,
                self.doc.src_file,
                sheet or self.sheet,
                row,
            )
        )

    def _local(self, key: str) -> Draft | None:
        hits = self.by_key.get(key) or ([self.by_id[key]] if key in self.by_id else [])
        return hits[0] if hits else None

    def _check_cycles(self) -> None:
        g = nx.DiGraph((lk.child, lk.parent) for lk in self.links)
        cycles = [sorted(c) for c in nx.strongly_connected_components(g) if len(c) > 1]
        cycles += [[n] for n in nx.nodes_with_selfloops(g)]
        for cycle in cycles:
            rows = sorted(self.by_id[n].row for n in cycle)
            self.problem(
                rows[0],
                "induk",
                "Rantai melingkar / cycle of SUPPORTS through rows " + ", ".join(map(str, rows)),
            )
