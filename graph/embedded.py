"""The embedded store: an SQLite file is the durable truth, a networkx graph is read from it.

Every write is one SQLite transaction (rollback journal, so a failed write leaves the file byte
for byte as it was). One store object may serve many threads (the API server): one lock lets
one of them at a time use the connection, so no reader sees a write half done and no two
writes interleave; a graph once built is never changed, only replaced, so queries run on it
outside the lock. The in-memory ``DiGraph`` is rebuilt after our own writes and whenever
another process has committed (``PRAGMA data_version``). Edges point child → parent; the
indicators of each element are in ``graph.graph["indicators"]`` (element id → list of
:class:`~graph.model.Indicator`), for the checks that read them, and the official nomenclature
lists in ``graph.graph["nomenclature"]`` (versi → {kode: (level, nama)}, in load order; see
:mod:`graph.nomenclature`): they are never nodes.

Examples
--------
>>> import tempfile, pathlib
>>> from graph.demo import demo_records
>>> path = pathlib.Path(tempfile.mkdtemp()) / "demo.db"
>>> with EmbeddedStore(str(path)) as store:
...     _ = store.replace_documents(demo_records())
...     store.stats()["elements"], store.graph.number_of_edges()
(12, 11)
"""

from __future__ import annotations

import gc
import sqlite3
import threading
from collections.abc import Callable, Collection, Mapping, Sequence
from itertools import chain as chain_iter
from pathlib import Path
from typing import Any, TypeVar

import networkx as nx

from graph import sqlite_schema as tables
from graph.chain import Chain, load_chain
from graph.collector import collector_paused
from graph.errors import BackendUnavailable, NotFound, Unsupported
from graph.ids import search_key
from graph.model import Records, Reference, Value
from graph.nomenclature import Entry, loaded_now, no_such_version, version_named
from graph.opd import opd_names
from graph.resolve import cross_document_links
from graph.store import SUMMARY, Judge, Page, RunnableQuery, Subgraph

__all__ = ["EmbeddedStore"]

T = TypeVar("T")


class EmbeddedStore:
    """networkx over an SQLite file; the default store, nothing to install."""

    kind = "embedded"

    def __init__(self, path: str, chain: Chain | None = None) -> None:
        self.path = Path(path)
        self.chain = chain or load_chain()
        try:
            self._db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            if not self._has_schema():
                self._db.executescript(tables.SCHEMA)
        except sqlite3.Error as exc:
            raise BackendUnavailable(
                f"Tidak bisa membuka / cannot open {self.path}: {exc}"
            ) from exc
        self._version = -1
        self._graph: nx.DiGraph = nx.DiGraph()
        self._lock = threading.RLock()

    def _has_schema(self) -> bool:
        names = {r[0] for r in self._db.execute("SELECT name FROM sqlite_master")}
        return set(tables.TABLES) <= names

    @property
    def graph(self) -> nx.DiGraph:
        """The graph as the file holds it now (rebuilt if another process wrote)."""
        with self._lock:
            return self._current_graph()

    def _current_graph(self) -> nx.DiGraph:
        """The cached graph, read again when the file changed.

        A graph is millions of long-lived objects: once built it is frozen out of the cyclic
        garbage collector's sight (``gc.freeze``), so a full collection during a query does not
        walk it again (seconds at 100 pemda). Before the next one is read, everything frozen is
        handed back (``gc.unfreeze``) and collected, so an old graph no longer used is freed.
        """
        version = self._db.execute("PRAGMA data_version").fetchone()[0]
        if version != self._version:
            self._graph = nx.DiGraph()
            gc.unfreeze()
            gc.collect()  # the old graph, if nothing else holds it (its views make cycles)
            self._graph = self._read_graph()
            self._version = version
            gc.freeze()
        return self._graph

    def _read_graph(self) -> nx.DiGraph:
        with collector_paused():  # a million small objects and no cycles
            return self._built_graph()

    def _built_graph(self) -> nx.DiGraph:
        g = nx.DiGraph(
            indicators=tables.read_all_indicators(self._db),
            nomenclature=tables.read_nomenclature(self._db),
        )
        g.add_nodes_from(tables.graph_nodes(self._db))
        g.add_edges_from(tables.graph_edges(self._db))
        return g

    def replace_documents(
        self, batch: Sequence[Records], judge: Judge | None = None
    ) -> list[Reference]:
        """Replace each document of the batch and re-resolve cross-document links, atomically;
        ``judge`` sees the batch's unresolved references before the commit."""
        ids = {r.document.id for r in batch}
        with collector_paused(), self._transaction():
            for records in batch:
                tables.delete_document_rows(self._db, records.document.id)
                tables.insert_records(self._db, records)
            unresolved = [r for r in self._resolve(batch) if r.child.split(":", 1)[0] in ids]
            if judge is not None:
                judge(unresolved)
        return unresolved

    def delete_document(self, document_id: str) -> None:
        """Remove a document; raises NotFound if there is none by that id."""
        with self._transaction():
            if not self._db.execute(
                "SELECT 1 FROM documents WHERE id = ?", (document_id,)
            ).fetchone():
                raise NotFound(f"Dokumen tidak ada / no such document: {document_id}")
            tables.delete_document_rows(self._db, document_id)
            self._resolve()

    def _resolve(self, written: Sequence[Records] = ()) -> list[Reference]:
        """Resolve every link between documents again; the references that found nothing.

        The elements just ``written`` are taken as they are in memory (of a document written
        twice, the last), the others read with only the properties resolution looks at."""
        self._db.execute("DELETE FROM links WHERE dokumen = ''")
        fresh = {r.document.id: r.elements for r in written}
        elements = chain_iter(*fresh.values(), tables.read_link_keys(self._db, fresh))
        links, unresolved = cross_document_links(
            tables.read_documents(self._db),
            elements,
            tables.read_references(self._db),
            self.chain,
        )
        tables.insert_links(self._db, links)
        return unresolved

    def replace_nomenclature(
        self, versi: str, entries: Sequence[Entry], src_file: str = ""
    ) -> dict[str, Value]:
        """Replace (or add) one nomenclature version with its entries, atomically; its summary."""
        with self._transaction():
            tables.delete_nomenclature_rows(self._db, versi)
            tables.insert_nomenclature(self._db, versi, entries, src_file, loaded_now())
        return version_named(self.nomenclature_versions(), versi)

    def nomenclature_versions(self) -> list[dict[str, Value]]:
        """Every nomenclature version with counts per level, the most recently loaded last."""
        return self._read(tables.read_nomenclature_versions)

    def nomenclature_entries(self, versi: str) -> list[Entry]:
        """The entries of one version in code order; raises NotFound."""
        version_named(self.nomenclature_versions(), versi)
        return self._read(lambda db: tables.read_nomenclature_entries(db, versi))

    def delete_nomenclature(self, versi: str) -> None:
        """Remove one nomenclature version; raises NotFound if there is none by that name."""
        with self._transaction():
            if not tables.delete_nomenclature_rows(self._db, versi):
                raise NotFound(no_such_version(versi))

    def _transaction(self) -> _Transaction:
        return _Transaction(self)

    def _read(self, work: Callable[[sqlite3.Connection], T]) -> T:
        """``work`` on the connection while no other thread uses it (nor writes half done)."""
        with self._lock:
            return work(self._db)

    def documents(self) -> list[dict[str, Value]]:
        """Every document with its element count, sorted by id."""
        with self._lock:
            counts = dict(
                self._db.execute("SELECT dokumen, count(*) FROM elements GROUP BY dokumen")
            )
            docs = tables.read_documents(self._db).values()
        return [{**d.properties(), "elements": counts.get(d.id, 0)} for d in docs]

    def opd_names(self, skip: Collection[str] = ()) -> set[str]:
        """Every OPD name the elements carry, but those of the documents in ``skip``."""
        with self._lock:
            return tables.read_opd_names(self._db, skip)

    def element(self, element_id: str) -> dict[str, Any]:
        """One element's properties, indicators, parents and children (with link properties)."""
        with self._lock:  # the graph and the indicators of one moment
            g = self.graph
            if element_id not in g:
                raise NotFound(f"Elemen tidak ada / no such element: {element_id}")
            indicators = tables.read_indicators(self._db, element_id)
        return {
            **g.nodes[element_id],
            "indicators": [i.properties() for i in indicators],
            "parents": [
                {"id": p, **g.edges[element_id, p]} for p in sorted(g.successors(element_id))
            ],
            "children": [
                {"id": c, **g.edges[c, element_id]} for c in sorted(g.predecessors(element_id))
            ],
        }

    def neighbourhood(self, ids: Sequence[str], depth: int, direction: str = "both") -> Subgraph:
        """Nodes and edges within ``depth`` hops of ``ids``: ``up``, ``down`` or ``both``."""
        g = self.graph
        missing = [i for i in ids if i not in g]
        if missing:
            raise NotFound(f"Elemen tidak ada / no such element: {', '.join(missing)}")
        view = {"up": g, "down": g.reverse(copy=False), "both": g.to_undirected(as_view=True)}
        seen: set[str] = set()
        for source in ids:
            seen |= set(nx.single_source_shortest_path_length(view[direction], source, depth))
        sub = g.subgraph(seen)
        return {
            "nodes": [dict(sub.nodes[n]) for n in sorted(sub)],
            "edges": [{"source": c, "target": p, **d} for c, p, d in sorted(sub.edges(data=True))],
        }

    def search(self, text: str, filters: Mapping[str, str | None], limit: int, offset: int) -> Page:
        """Elements whose code or name contains ``text``, filtered (the OPD however spelled),
        one page in id order."""
        key = search_key(text)
        wanted = {k: v for k, v in filters.items() if v and k != "opd"}
        opd, g = filters.get("opd"), self.graph
        names = opd_names(g)
        hits = [
            d
            for _, d in sorted(g.nodes(data=True))
            if key in str(d.get("cari", ""))
            and all(d.get(k) == v for k, v in wanted.items())
            and names.matches(d, opd)
        ]
        rows = [{k: d.get(k) for k in SUMMARY} for d in hits[offset : offset + limit]]
        return {"total": len(hits), "rows": rows}

    def cypher(
        self, text: str, params: Mapping[str, Any], limit: int, timeout: float = 10.0
    ) -> dict[str, Any]:
        """Not on the embedded store: ad-hoc Cypher needs Neo4j."""
        raise Unsupported(
            "Cypher ad-hoc hanya di penyimpanan Neo4j / ad-hoc Cypher needs the Neo4j store "
            "(selaras copy --from selaras.db --to neo4j://…)"
        )

    def run(self, query: RunnableQuery, params: Mapping[str, Any]) -> list[Any]:
        """Run the query's Python reference over the graph."""
        return query.reference(self.graph, params)

    def export(self, documents: Collection[str] | None = None) -> list[Records]:
        """Every document (or those of ``documents``) with its elements, declared links,
        references and indicators.

        Not the nomenclature lists: :func:`graph.store.copy_store` copies those itself.
        """
        return self._read(lambda db: tables.read_records(db, documents))

    def stats(self) -> dict[str, int]:
        """Counts of documents, elements, links and indicators in the file."""
        tables_ = ("documents", "elements", "links", "indicators")
        with self._lock:
            return {t: self._db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables_}

    def close(self) -> None:
        """Close the SQLite connection (after any other thread's turn)."""
        with self._lock:
            self._db.close()

    def __enter__(self) -> EmbeddedStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class _Transaction:
    """The store's lock, ``BEGIN IMMEDIATE`` … ``COMMIT`` (or ``ROLLBACK`` on any error), then
    the graph marked stale and the lock let go."""

    def __init__(self, store: EmbeddedStore) -> None:
        self.store = store

    def __enter__(self) -> None:
        self.store._lock.acquire()
        try:
            self.store._db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:  # another writer kept the file past the timeout
            self.store._lock.release()
            raise BackendUnavailable(
                f"Penyimpanan {self.store.path} sedang dipakai penulis lain / is locked by "
                f"another writer; coba lagi / try again ({exc})"
            ) from exc

    def __exit__(self, exc_type: object, *exc: object) -> None:
        try:
            self.store._db.execute("ROLLBACK" if exc_type else "COMMIT")
            self.store._version = -1
        finally:
            self.store._lock.release()
