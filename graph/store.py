"""The store interface, and :func:`open_store` that picks the embedded store or Neo4j.

Examples
--------
>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "selaras.db"
>>> with open_store(str(path)) as store:
...     store.stats()["elements"]
0
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from typing import Any, Protocol

from graph.chain import Chain
from graph.model import Records, Reference, Value
from graph.nomenclature import Entry

__all__ = [
    "DEFAULT_STORE",
    "SUMMARY",
    "GraphStore",
    "Judge",
    "Page",
    "RunnableQuery",
    "Subgraph",
    "copy_store",
    "open_store",
]

Judge = Callable[[Sequence[Reference]], None]
"""Shown a write's unresolved references before it commits; raising rolls the write back."""

DEFAULT_STORE = "selaras.db"
NEO4J_SCHEMES = ("neo4j://", "neo4j+s://", "neo4j+ssc://", "bolt://", "bolt+s://", "bolt+ssc://")

Subgraph = dict[str, list[dict[str, Value]]]
Page = dict[str, Any]  # {"total": int, "rows": [element summary, ...]}
SUMMARY = ("id", "kind", "kode", "nama", "opd", "dokumen")


class RunnableQuery(Protocol):
    """What a store needs of a canned query (see ``queries.registry.CannedQuery``)."""

    @property
    def name(self) -> str:
        """The query's name."""
        ...

    def reference(self, g: Any, params: Mapping[str, Any]) -> list[Any]:
        """Run the Python reference over a networkx graph."""
        ...

    @property
    def cypher(self) -> str:
        """The Cypher twin."""
        ...

    def row(self, record: Mapping[str, Any]) -> Any:
        """Build one result row from a Cypher record."""
        ...


class GraphStore(Protocol):
    """What every store offers: the embedded store and the Neo4j store."""

    kind: str
    chain: Chain  # the rules its links between documents are resolved by

    def replace_documents(
        self, batch: Sequence[Records], judge: Judge | None = None
    ) -> list[Reference]:
        """Replace (or add) each document with its records, all in one transaction.

        Returns the cross-document references of these documents that resolve to nothing yet.
        ``judge`` is shown them inside the transaction, before it commits: if it raises, the
        whole write is rolled back and the error goes on to the caller (``load --strict``).
        """
        ...

    def delete_document(self, document_id: str) -> None:
        """Remove a document with its elements, links and indicators."""
        ...

    def documents(self) -> list[dict[str, Value]]:
        """Every document's properties, sorted by id."""
        ...

    def opd_names(self, skip: Collection[str] = ()) -> set[str]:
        """Every OPD name the elements carry, as spelled (but those of the documents in
        ``skip``): what :class:`graph.opd.OpdNames` reads a short name against."""
        ...

    def element(self, element_id: str) -> dict[str, Any]:
        """One element with its indicators, parents and children; raises NotFound."""
        ...

    def neighbourhood(self, ids: Sequence[str], depth: int, direction: str) -> Subgraph:
        """Nodes and edges within ``depth`` hops ``up``, ``down`` or ``both``."""
        ...

    def search(self, text: str, filters: Mapping[str, str | None], limit: int, offset: int) -> Page:
        """Elements whose code or name contains ``text`` (accent- and case-insensitive),
        filtered by ``kind``, ``opd`` and ``dokumen``, in id order, one page of them."""
        ...

    def cypher(
        self, text: str, params: Mapping[str, Any], limit: int, timeout: float = 10.0
    ) -> dict[str, Any]:
        """Read-only ad-hoc Cypher: ``{columns, rows, truncated}``; raises Unsupported or
        QueryError (also when it runs longer than ``timeout`` seconds)."""
        ...

    def run(self, query: RunnableQuery, params: Mapping[str, Any]) -> list[Any]:
        """Run a canned query with checked parameters; rows in the query's total order."""
        ...

    def export(self, documents: Collection[str] | None = None) -> list[Records]:
        """Every document (or those of the ids in ``documents`` the store has) as the records it
        was loaded from (for ``selaras copy``); not the nomenclature lists, which
        :func:`copy_store` copies version by version."""
        ...

    def replace_nomenclature(
        self, versi: str, entries: Sequence[Entry], src_file: str = ""
    ) -> dict[str, Value]:
        """Replace (or add) one official nomenclature version, in one transaction; its summary
        as :meth:`nomenclature_versions` lists it. Entries are never planning elements."""
        ...

    def nomenclature_versions(self) -> list[dict[str, Value]]:
        """Every nomenclature version (``versi``, ``src_file``, ``loaded_at``, ``entries`` and a
        count per level), the most recently loaded last."""
        ...

    def nomenclature_entries(self, versi: str) -> list[Entry]:
        """The entries of one nomenclature version, in code order; raises NotFound."""
        ...

    def delete_nomenclature(self, versi: str) -> None:
        """Remove one nomenclature version; raises NotFound."""
        ...

    def stats(self) -> dict[str, int]:
        """Counts of documents, elements, links and indicators."""
        ...

    def close(self) -> None:
        """Release the store."""
        ...

    def __enter__(self) -> GraphStore: ...

    def __exit__(self, *exc: object) -> None: ...


def open_store(target: str | None = None) -> GraphStore:
    """Open the store at ``target``: a file path (embedded) or a Neo4j URI.

    Raises
    ------
    BackendUnavailable
        When the store cannot be opened or reached.
    """
    target = target or DEFAULT_STORE
    if target.startswith(NEO4J_SCHEMES):
        from graph.neo4j_store import Neo4jStore

        return Neo4jStore(target)
    from graph.embedded import EmbeddedStore

    return EmbeddedStore(target)


def copy_store(source: GraphStore, target: GraphStore) -> dict[str, int]:
    """Copy every document of ``source`` into ``target`` in one write; the target's counts.

    Documents the target already holds under the same ids are replaced; others are kept.
    Then each nomenclature version is copied in its own write, oldest load first (so the most
    recently loaded stays the most recent); a failure there leaves the documents copied.
    """
    target.replace_documents(source.export())
    for version in source.nomenclature_versions():
        versi = str(version["versi"])
        entries = source.nomenclature_entries(versi)
        target.replace_nomenclature(versi, entries, str(version["src_file"]))
    return target.stats()
