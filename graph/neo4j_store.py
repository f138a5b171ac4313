"""The Neo4j store (5.26 LTS): a server, a cluster or Aura, behind the same interface.

Writes are managed write transactions (retried on transient errors): a batch of documents is
deleted and rewritten, and its pemda's cross-document links re-resolved, in one transaction, so
a concurrent reader sees the old documents or the new ones, never half. Reads are managed read
transactions, routed to readers on a cluster. Driver errors become the Selaras error tree here
and nowhere else. User and password come from ``SELARAS_NEO4J_USER`` / ``SELARAS_NEO4J_PASSWORD``.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

import neo4j
from neo4j import GraphDatabase, ManagedTransaction
from neo4j import exceptions as neo4j_errors

from graph import neo4j_cypher as cypher
from graph import neo4j_nomenclature as nomenclature
from graph.adhoc import check_params, check_text, plain
from graph.chain import Chain, load_chain
from graph.errors import BackendUnavailable, NotFound, QueryError, SelarasError
from graph.ids import search_key
from graph.model import Document, Element, Indicator, Link, Records, Reference, Value
from graph.nomenclature import Entry, version_named
from graph.resolve import cross_document_links
from graph.store import Page, RunnableQuery, Subgraph

__all__ = ["Neo4jStore"]

BATCH = 10_000
T = TypeVar("T")


class Neo4jStore:
    """Selaras on Neo4j; ``target`` is a ``neo4j://``, ``neo4j+s://`` or ``bolt://`` URI."""

    kind = "neo4j"

    def __init__(self, target: str, chain: Chain | None = None, timeout: float = 60.0) -> None:
        self.target, self.chain, self.timeout = target, chain or load_chain(), timeout
        user, password = (
            os.environ.get("SELARAS_NEO4J_USER"),
            os.environ.get("SELARAS_NEO4J_PASSWORD"),
        )
        self.database = os.environ.get("SELARAS_NEO4J_DATABASE") or None
        auth = (user or "neo4j", password) if password else None
        with self._translated():
            self._driver = GraphDatabase.driver(
                target, auth=auth, connection_timeout=10.0, notifications_min_severity="OFF"
            )
        try:
            with self._translated():
                self._driver.verify_connectivity()
                for statement in cypher.SCHEMA:
                    self._driver.execute_query(statement, database_=self.database)
        except SelarasError:
            self._driver.close()
            raise

    @contextmanager
    def _translated(self) -> Iterator[None]:
        try:
            yield
        except SelarasError:
            raise
        except neo4j_errors.AuthError as exc:
            raise BackendUnavailable(
                f"Neo4j {self.target}: pengguna/kata sandi ditolak / authentication failed "
                "(SELARAS_NEO4J_USER, SELARAS_NEO4J_PASSWORD)"
            ) from exc
        except (neo4j_errors.ServiceUnavailable, neo4j_errors.SessionExpired, OSError) as exc:
            raise BackendUnavailable(
                f"Neo4j {self.target} tidak terjangkau / unreachable: {exc}"
            ) from exc
        except neo4j_errors.ClientError as exc:
            if "TransactionTimedOut" in str(exc.code):
                raise QueryError(
                    "Kueri melewati batas waktu (waktu habis / timed out); persempit kueri "
                    "atau naikkan --timeout / narrow the query or raise --timeout"
                ) from exc
            raise QueryError(f"Neo4j menolak kueri / rejected the query: {exc.message}") from exc
        except (neo4j_errors.Neo4jError, neo4j_errors.DriverError) as exc:
            raise BackendUnavailable(f"Neo4j {self.target}: {exc}") from exc

    def _read(self, work: Callable[[ManagedTransaction], T]) -> T:
        with self._translated(), self._driver.session(database=self.database) as session:
            return session.execute_read(work)

    def _write(self, work: Callable[[ManagedTransaction], T]) -> T:
        with self._translated(), self._driver.session(database=self.database) as session:
            return session.execute_write(work)

    def replace_documents(self, batch: Sequence[Records]) -> list[Reference]:
        """Replace each document and re-resolve its pemda's cross-document links, atomically."""
        ids = {r.document.id for r in batch}
        pemda = sorted({r.document.pemda for r in batch})

        def work(tx: ManagedTransaction) -> list[Reference]:
            for records in batch:
                _delete(tx, records.document.id)
                _insert(tx, records)
            return self._resolve(tx, pemda)

        return [r for r in self._write(work) if r.child.split(":", 1)[0] in ids]

    def delete_document(self, document_id: str) -> None:
        """Remove a document; raises NotFound if there is none by that id."""

        def work(tx: ManagedTransaction) -> None:
            props = tx.run(
                "MATCH (d:Document {id: $id}) RETURN d.pemda AS p", id=document_id
            ).single()
            if props is None:
                raise NotFound(f"Dokumen tidak ada / no such document: {document_id}")
            _delete(tx, document_id)
            self._resolve(tx, [props["p"]])

        self._write(work)

    def _resolve(self, tx: ManagedTransaction, pemda: list[str]) -> list[Reference]:
        documents = {r["props"]["id"]: _document(r["props"]) for r in tx.run(cypher.READ_DOCUMENTS)}
        elements = [
            Element(r["id"], r["kind"], r["dokumen"], {k: v for k, v in r["extra"].items() if v})
            for r in tx.run(cypher.READ_PEMDA_ELEMENTS, pemda=pemda)
        ]
        refs = [Reference(**r.data()) for r in tx.run(cypher.READ_PEMDA_REFERENCES, pemda=pemda)]
        links, unresolved = cross_document_links(documents, elements, refs, self.chain)
        tx.run(cypher.DELETE_DERIVED_LINKS, pemda=pemda).consume()
        _write_links(tx, links)
        return unresolved

    def replace_nomenclature(
        self, versi: str, entries: Sequence[Entry], src_file: str = ""
    ) -> dict[str, Value]:
        """Replace (or add) one nomenclature version with its entries, atomically; its summary."""
        self._write(lambda tx: nomenclature.write_version(tx, versi, entries, src_file))
        return version_named(self.nomenclature_versions(), versi)

    def nomenclature_versions(self) -> list[dict[str, Value]]:
        """Every nomenclature version with counts per level, the most recently loaded last."""
        return self._read(nomenclature.read_versions)

    def nomenclature_entries(self, versi: str) -> list[Entry]:
        """The entries of one version in code order; raises NotFound."""
        version_named(self.nomenclature_versions(), versi)
        return self._read(lambda tx: nomenclature.read_entries(tx, versi))

    def delete_nomenclature(self, versi: str) -> None:
        """Remove one nomenclature version; raises NotFound if there is none by that name."""
        self._write(lambda tx: nomenclature.delete_version(tx, versi))

    def documents(self) -> list[dict[str, Value]]:
        """Every document with its element count, sorted by id."""
        rows = self._read(lambda tx: [r["d"] for r in tx.run(cypher.READ_DOCUMENTS_COUNTED)])
        return [{**_document(r).properties(), "elements": r["elements"]} for r in rows]

    def element(self, element_id: str) -> dict[str, Any]:
        """One element's properties, indicators, parents and children (with link properties)."""
        row = self._read(lambda tx: tx.run(cypher.READ_ELEMENT, id=element_id).single())
        if row is None:
            raise NotFound(f"Elemen tidak ada / no such element: {element_id}")
        return {
            **row["props"],
            "indicators": row["indicators"],
            "parents": row["parents"],
            "children": row["children"],
        }

    def neighbourhood(self, ids: Sequence[str], depth: int, direction: str = "both") -> Subgraph:
        """Nodes and edges within ``depth`` hops of ``ids``: ``up``, ``down`` or ``both``."""

        def work(tx: ManagedTransaction) -> Subgraph:
            seen = {r["id"] for r in tx.run(cypher.EXISTING, ids=list(ids))}
            missing = sorted(set(ids) - seen)
            if missing:
                raise NotFound(f"Elemen tidak ada / no such element: {', '.join(missing)}")
            frontier = set(seen)
            for _ in range(depth):  # breadth first, one hop a query: never a path explosion
                step = {r["id"] for r in tx.run(cypher.NEIGHBOURS[direction], ids=list(frontier))}
                frontier = step - seen
                seen |= frontier
                if not frontier:
                    break
            sub = tx.run(cypher.SUBGRAPH, ids=sorted(seen)).single()
            assert sub is not None
            return {"nodes": sorted(sub["nodes"], key=lambda n: n["id"]), "edges": sub["edges"]}

        return self._read(work)

    def search(self, text: str, filters: Mapping[str, str | None], limit: int, offset: int) -> Page:
        """Elements whose code or name contains ``text``, filtered, one page in id order."""
        args = {"q": search_key(text), "limit": limit, "offset": offset}
        args |= {k: filters.get(k) or None for k in ("kind", "opd", "dokumen")}
        row = self._read(lambda tx: tx.run(cypher.SEARCH, args).single())
        assert row is not None
        return {"total": row["total"], "rows": row["rows"]}

    def cypher(
        self, text: str, params: Mapping[str, Any], limit: int, timeout: float = 10.0
    ) -> dict[str, Any]:
        """Read-only ad-hoc Cypher (see :mod:`graph.adhoc`), stopped after ``timeout`` s."""
        check_text(text)
        check_params(dict(params))

        @neo4j.unit_of_work(timeout=timeout)
        def work(tx: ManagedTransaction) -> dict[str, Any]:
            plan = tx.run("EXPLAIN " + text, dict(params)).consume()
            if plan.query_type != "r":
                raise QueryError("Hanya kueri baca / only read-only Cypher is allowed")
            result = tx.run(text, dict(params))
            records = itertools.islice(result, limit + 1)
            rows = [{k: plain(r[k]) for k in r.keys()} for r in records]
            return {
                "columns": list(result.keys()),
                "rows": rows[:limit],
                "truncated": len(rows) > limit,
            }

        return self._read(work)

    def run(self, query: RunnableQuery, params: Mapping[str, Any]) -> list[Any]:
        """Run the query's Cypher twin in a read transaction; rows built by its row type."""
        args = {**params, **self.chain.cypher_params()}

        @neo4j.unit_of_work(timeout=self.timeout)
        def work(tx: ManagedTransaction) -> list[dict[str, Any]]:
            return [r.data() for r in tx.run(query.cypher, args)]

        return [query.row(r) for r in self._read(work)]

    def export(self) -> list[Records]:
        """Every document with its elements, declared links, references and indicators.

        Not the nomenclature lists: :func:`graph.store.copy_store` copies those itself.
        """

        def work(tx: ManagedTransaction) -> list[Records]:
            ids = [r["props"]["id"] for r in tx.run(cypher.READ_DOCUMENTS)]
            return [_records(tx.run(cypher.EXPORT_DOCUMENT, id=i).single()) for i in ids]

        return self._read(work)

    def stats(self) -> dict[str, int]:
        """Counts of documents, elements, links and indicators."""
        row = self._read(lambda tx: tx.run(cypher.COUNT).single())
        assert row is not None
        return dict(row.data())

    def clear(self) -> None:
        """Delete every Selaras node and relationship, nomenclature lists included (the tests
        start each case from empty)."""
        self._write(lambda tx: tx.run(cypher.CLEAR).consume())

    def close(self) -> None:
        """Close the driver."""
        self._driver.close()

    def __enter__(self) -> Neo4jStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _document(props: Mapping[str, Any]) -> Document:
    fields = Document.__dataclass_fields__
    return Document(**{k: v for k, v in props.items() if k in fields})


def _records(row: neo4j.Record | None) -> Records:
    assert row is not None
    return Records(
        _document(row["document"]),
        [Element.from_properties(e) for e in row["elements"]],
        [Link(**r) for r in row["links"]],
        [Reference(**r) for r in row["references"]],
        [Indicator.from_properties(i) for i in row["indicators"]],
    )


def _delete(tx: ManagedTransaction, document_id: str) -> None:
    tx.run(cypher.DELETE_DOCUMENT_NODES, id=document_id).consume()
    tx.run(cypher.DELETE_DOCUMENT_NODE, id=document_id).consume()


def _chunks(rows: list[T]) -> Iterator[list[T]]:
    for start in range(0, len(rows), BATCH):
        yield rows[start : start + BATCH]


def _insert(tx: ManagedTransaction, records: Records) -> None:
    doc = records.document
    tx.run(cypher.WRITE_DOCUMENT, props=doc.properties()).consume()
    elements: list[dict[str, Any]] = [
        {"label": cypher.KIND_LABELS[e.kind], "props": e.properties()} for e in records.elements
    ]
    for rows in _chunks(elements):
        tx.run(cypher.WRITE_ELEMENTS, rows=rows).consume()
    _write_links(tx, records.links)
    indicators = [
        {"element": i.element, "props": {**i.properties(), "dokumen": doc.id}}
        for i in records.indicators
    ]
    for rows in _chunks(indicators):
        tx.run(cypher.WRITE_INDICATORS, rows=rows).consume()
    refs = [
        {
            "child": r.child,
            "target_jenis": r.target_jenis,
            "target_key": r.target_key,
            "src_row": r.src_row,
            "dokumen": doc.id,
            "pemda": doc.pemda,
        }
        for r in records.references
    ]
    for rows in _chunks(refs):
        tx.run(cypher.WRITE_REFERENCES, rows=rows).consume()


def _write_links(tx: ManagedTransaction, links: Sequence[Link]) -> None:
    rows = [
        {
            "child": lk.child,
            "parent": lk.parent,
            "props": {k: v for k, v in lk.properties().items() if v is not None},
        }
        for lk in links
    ]
    for chunk in _chunks(rows):
        tx.run(cypher.WRITE_LINKS, rows=chunk).consume()
