"""The Neo4j store (5.26 LTS): a server, a cluster or Aura, behind the same interface.

Writes are managed write transactions (retried on transient errors): a batch of documents is
deleted and rewritten, and its pemda's cross-document links re-resolved, in one transaction,
which first takes the database's one write-lock node, so writes from any process run one after
the other. Neo4j reads are read-committed, so a read running across another transaction's commit
can see half of it: this store's own reads (one store serves all of ``selaras serve``) never run
beside its own writes (:mod:`graph.locks`); a write from another process can still be seen half
done by a read in flight. Reads are managed read transactions, routed to readers on a cluster.
Driver errors become the Selaras error tree here and nowhere else. User and password come from
``SELARAS_NEO4J_USER`` / ``SELARAS_NEO4J_PASSWORD``.
"""

from __future__ import annotations

import functools
import itertools
import os
import re
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

import neo4j
from neo4j import GraphDatabase, ManagedTransaction
from neo4j import exceptions as neo4j_errors

from graph import neo4j_cypher as cypher
from graph import neo4j_nomenclature as nomenclature
from graph.adhoc import check_params, check_text, plain
from graph.chain import Chain, load_chain
from graph.errors import BackendUnavailable, NotFound, QueryError, SelarasError, TooLarge
from graph.ids import search_key
from graph.locks import ReadWriteLock
from graph.model import (
    Document,
    Element,
    Indicator,
    Link,
    Records,
    Reference,
    Scalar,
    Value,
)
from graph.nomenclature import Entry, version_named
from graph.opd import OpdNames
from graph.resolve import RESOLVED_KEYS, cross_document_links
from graph.store import Judge, Page, RunnableQuery, Subgraph

__all__ = ["Neo4jStore"]

BATCH = 10_000
T = TypeVar("T")


class Neo4jStore:
    """Selaras on Neo4j; ``target`` is a ``neo4j://``, ``neo4j+s://`` or ``bolt://`` URI."""

    kind = "neo4j"

    def __init__(self, target: str, chain: Chain | None = None, timeout: float = 60.0) -> None:
        self.target, self.chain, self.timeout = target, chain or load_chain(), timeout
        self._lock = ReadWriteLock()
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
    def _translated(self, writing: bool = False) -> Iterator[None]:
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
        except neo4j_errors.TransientError as exc:
            if (over := _over_memory(exc, self.target, writing)) is not None:
                raise over from exc
            raise BackendUnavailable(f"Neo4j {self.target}: {exc}") from exc
        except (neo4j_errors.Neo4jError, neo4j_errors.DriverError) as exc:
            raise BackendUnavailable(f"Neo4j {self.target}: {exc}") from exc

    def _read(self, work: Callable[[ManagedTransaction], T]) -> T:
        """``work`` in a read transaction, beside other reads but never beside this store's
        own writes (see :mod:`graph.locks`)."""
        with self._lock.reading(), self._translated():
            with self._driver.session(database=self.database) as session:
                return session.execute_read(_not_retried_over_memory(work, self.target, False))

    def _write(self, work: Callable[[ManagedTransaction], T]) -> T:
        """``work`` in a write transaction, alone among this store's reads and writes, that
        takes the database's write lock node first (other processes' writes wait for it)."""

        def locked(tx: ManagedTransaction) -> T:
            tx.run(cypher.WRITE_LOCK).consume()
            return work(tx)

        with self._lock.writing(), self._translated(writing=True):
            with self._driver.session(database=self.database) as session:
                return session.execute_write(_not_retried_over_memory(locked, self.target, True))

    def replace_documents(
        self, batch: Sequence[Records], judge: Judge | None = None
    ) -> list[Reference]:
        """Replace each document and re-resolve its pemda's cross-document links, atomically.

        One write transaction. When every record names only its own document's elements (as
        loaders make them), the old documents are deleted, the new ones created with one
        UNWIND statement per kind of row, and the pemda's links resolved from the records in
        memory plus only the pemda's *other* documents read back. Otherwise each document is
        replaced in turn with ``MERGE``, and the whole pemda read back. ``judge`` sees the
        batch's unresolved references before the commit.
        """
        batch = _last_of_each(batch)
        ids = {r.document.id for r in batch}
        pemda = sorted({r.document.pemda for r in batch})
        fresh = _self_contained(batch)

        def work(tx: ManagedTransaction) -> list[Reference]:
            before = _opd_names(tx)
            if fresh:
                replaced = _delete(tx, sorted(ids))
                nodes = _create(tx, batch, by_node=replaced)
                resolved = self._resolve(tx, pemda, before, batch, nodes)
            else:
                for records in batch:
                    _delete(tx, [records.document.id])
                    _merge(tx, records)
                resolved = self._resolve(tx, pemda, before)
            unresolved = [r for r in resolved if r.child.split(":", 1)[0] in ids]
            if judge is not None:
                judge(unresolved)
            return unresolved

        return self._write(work)

    def delete_document(self, document_id: str) -> None:
        """Remove a document; raises NotFound if there is none by that id."""

        def work(tx: ManagedTransaction) -> None:
            props = tx.run(
                "MATCH (d:Document {id: $id}) RETURN d.pemda AS p", id=document_id
            ).single()
            if props is None:
                raise NotFound(f"Dokumen tidak ada / no such document: {document_id}")
            before = _opd_names(tx)
            _delete(tx, [document_id])
            self._resolve(tx, [props["p"]], before)

        self._write(work)

    def _resolve(
        self,
        tx: ManagedTransaction,
        pemda: list[str],
        before: OpdNames,
        written: Sequence[Records] = (),
        nodes: dict[str, str] | None = None,
    ) -> list[Reference]:
        """Re-resolve the pemda's derived links; ``written`` documents are taken from memory.

        ``nodes`` (the elementId of each element written, by id) asks for the links to be
        made between nodes found by elementId: the other documents' are read back with theirs.

        Links by code pair one OPD however spelled or shortened, as the store's OPD names
        decide (:class:`graph.opd.OpdNames`): when the write changed what a short name stands
        for (``before`` it), every pemda is resolved again, as the embedded store always does."""
        names = _opd_names(tx)
        if (names.short_for, names.ambiguous) != (before.short_for, before.ambiguous):
            pemda = [str(r["p"]) for r in tx.run(cypher.READ_PEMDAS)]
        skip = [r.document.id for r in written]
        others = []
        for r in tx.run(cypher.READ_PEMDA_ELEMENTS, pemda=pemda, skip=skip):
            extra = {k: v for k, v in r["extra"].items() if v}
            others.append(Element(r["id"], r["kind"], r["dokumen"], extra))
            if nodes is not None:
                nodes[r["id"]] = r["node"]
        refs = [
            Reference(**r.data())
            for r in tx.run(cypher.READ_PEMDA_REFERENCES, pemda=pemda, skip=skip)
        ]
        refs = sorted(refs + _references(written), key=_reference_order)
        documents = {r.document.id: r.document for r in written}
        wanted = {e.dokumen for e in others} | {r.child.split(":", 1)[0] for r in refs}
        documents |= _documents_named(tx, sorted(wanted - documents.keys()))
        elements = sorted(others + _resolvable(written, pemda), key=lambda e: e.id)
        links, unresolved = cross_document_links(documents, elements, refs, self.chain, names)
        if others:  # elements just created have no derived links yet
            tx.run(cypher.DELETE_DERIVED_LINKS, pemda=pemda, skip=skip).consume()
        _write_links(tx, links, nodes)
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
        return [{**_document(r).properties(), "elements": r["elements"]} for r in _whole(rows)]

    def opd_names(self, skip: Collection[str] = ()) -> set[str]:
        """Every OPD name the elements carry, but those of the documents in ``skip``."""
        return self._read(lambda tx: _opd_spellings(tx, skip))

    def element(self, element_id: str) -> dict[str, Any]:
        """One element's properties, indicators, parents and children (with link properties)."""
        row = self._read(lambda tx: tx.run(cypher.READ_ELEMENT, id=element_id).single())
        if row is None or not _whole([row["props"]]):
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
            nodes = sorted(_whole(sub["nodes"]), key=lambda n: n["id"])
            kept = {n["id"] for n in nodes}
            edges = [e for e in sub["edges"] if e["source"] in kept and e["target"] in kept]
            return {"nodes": nodes, "edges": edges}

        return self._read(work)

    def search(self, text: str, filters: Mapping[str, str | None], limit: int, offset: int) -> Page:
        """Elements whose code or name contains ``text``, filtered (the OPD however spelled),
        one page in id order."""
        args: dict[str, Any] = {"q": search_key(text), "limit": limit, "offset": offset}
        args |= {k: filters.get(k) or None for k in ("kind", "opd", "dokumen")}

        def work(tx: ManagedTransaction) -> neo4j.Record | None:
            args.update(_opd_args(tx, args["opd"], grouped=False))
            return tx.run(cypher.SEARCH, args).single()

        row = self._read(work)
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
        grouped = "$opd_keys" in query.cypher

        @neo4j.unit_of_work(timeout=self.timeout)
        def work(tx: ManagedTransaction) -> list[dict[str, Any]]:
            args.update(_opd_args(tx, params.get("opd"), grouped))
            return [r.data() for r in tx.run(query.cypher, args)]

        return [query.row(r) for r in self._read(work)]

    def export(self, documents: Collection[str] | None = None) -> list[Records]:
        """Every document (or those of ``documents``) with its elements, declared links,
        references and indicators.

        Not the nomenclature lists: :func:`graph.store.copy_store` copies those itself.
        """

        def work(tx: ManagedTransaction) -> list[Records]:
            ids = [r["props"]["id"] for r in tx.run(cypher.READ_DOCUMENTS)]
            if documents is not None:
                ids = [i for i in ids if i in documents]
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


def _whole(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows of nodes still there: one deleted by a write that committed while a statement
    read it comes back with no properties (Neo4j reads are read-committed), and is left out.

    >>> _whole([{"id": "a"}, {}, {"id": None}])
    [{'id': 'a'}]
    """
    return [r for r in rows if r.get("id") is not None]


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


def _opd_names(tx: ManagedTransaction) -> OpdNames:
    """Every OPD name the elements carry, as :class:`graph.opd.OpdNames` (a short form read as
    the one name it shortens), the same names the Python references read off the graph."""
    return OpdNames(_opd_spellings(tx))


def _opd_spellings(tx: ManagedTransaction, skip: Collection[str] = ()) -> set[str]:
    """Every OPD name the elements carry, but those of the documents in ``skip``. Read from
    the documents' ``opd_names``; a document written before those were kept has its elements
    read instead."""
    skip = sorted(skip)
    names = {str(r["opd"]) for r in tx.run(cypher.READ_OPD_NAMES, skip=skip)}
    unlisted = [r["id"] for r in tx.run(cypher.READ_UNLISTED_DOCUMENTS, skip=skip)]
    if unlisted:
        names.update(r["opd"] for r in tx.run(cypher.READ_ELEMENT_OPD_NAMES, ids=unlisted))
    return names


def _opd_args(tx: ManagedTransaction, opd: Any, grouped: bool) -> dict[str, Any]:
    """What the twins group, compare and filter OPDs by, as the Python references do by
    :class:`graph.opd.OpdNames`: ``$opd_keys`` (every OPD name as spelled to its key; they
    group by ``$opd_keys[e.opd]``), ``$opd_short`` (the names read as short for another: an
    OPD is shown by a name written out), ``$opd_key`` (the key of the ``opd`` asked for) and
    ``$opd_spellings`` (its names; they filter by ``e.opd IN $opd_spellings``). The OPD names
    are read only for a query that groups by OPD or asks for one."""
    if not grouped and not opd:
        return {"opd_keys": {}, "opd_short": [], "opd_key": None, "opd_spellings": []}
    names = _opd_names(tx)
    return {
        "opd_keys": {name: names.key(name) for name in names.names},
        "opd_short": sorted(name for name in names.names if names.is_short(name)),
        "opd_key": names.key(opd) if opd else None,
        "opd_spellings": sorted(names.spellings(str(opd))) if opd else [],
    }


def _document_row(records: Records) -> dict[str, Value]:
    """The document node's properties: the document's, and ``opd_names``, the OPD names its
    elements carry (for :func:`_opd_names`, not read back into a Document)."""
    names = sorted({str(e.extra["opd"]) for e in records.elements if e.extra.get("opd")})
    return {**records.document.properties(), "opd_names": list[Scalar](names)}


def _last_of_each(batch: Sequence[Records]) -> list[Records]:
    """The batch with one Records per document id, the last (as replacing them in turn)."""
    return list({r.document.id: r for r in batch}.values())


def _self_contained(batch: Sequence[Records]) -> bool:
    """True when every element, link and indicator of each record belongs to its own document
    (ids ``<document>:…``, unique in the batch), so creating them all at once after the
    delete gives what replacing the documents one after the other with MERGE gives."""
    seen: set[str] = set()
    for r in batch:
        doc = r.document.id
        prefix = doc + ":"
        ids = [e.id for e in r.elements]
        seen.update(ids)
        if (
            ":" in doc
            or not all(e.dokumen == doc and e.id.startswith(prefix) for e in r.elements)
            or not all(i.element.startswith(prefix) for i in r.indicators)
            or not all(
                lk.dokumen == doc and lk.child.startswith(prefix) and lk.parent.startswith(prefix)
                for lk in r.links
            )
        ):
            return False
    return len(seen) == sum(len(r.elements) for r in batch)


def _delete(tx: ManagedTransaction, document_ids: list[str]) -> bool:
    """Delete the documents and everything of theirs; whether any node was deleted."""
    deleted = 0
    for statement in cypher.DELETE_DOCUMENTS:
        deleted += tx.run(statement, ids=document_ids).consume().counters.nodes_deleted
    return deleted > 0


def _chunks(rows: list[T]) -> Iterator[list[T]]:
    for start in range(0, len(rows), BATCH):
        yield rows[start : start + BATCH]


class _Rows(list[Any]):
    """Rows for ``UNWIND $rows``, shown by their count: the driver formats every statement's
    parameters for its debug log even when that log is off (``repr`` of 10,000 rows costs
    more than packing them); a list whose ``repr`` is short keeps that free."""

    def __repr__(self) -> str:
        return f"<{len(self)} rows>"


def _write_rows(tx: ManagedTransaction, statement: str, rows: list[Any]) -> None:
    for chunk in _chunks(rows):
        tx.run(statement, rows=_Rows(chunk)).consume()


def _create(
    tx: ManagedTransaction, batch: Sequence[Records], by_node: bool
) -> dict[str, str] | None:
    """Write new documents: one statement per kind of row, each UNWIND-batched.

    With ``by_node`` (the transaction deleted nodes first) links and indicators are made to
    the elements' nodes as the creation sent them back (elementId by id, returned for the
    cross-document links); otherwise to the elements found by id, and None is returned."""
    _write_rows(tx, cypher.WRITE_DOCUMENTS, [_document_row(r) for r in batch])
    by_kind: dict[str, list[dict[str, Value]]] = {}
    for records in batch:
        for e in records.elements:
            by_kind.setdefault(e.kind, []).append(e.properties())
    nodes: dict[str, str] = {}
    create = cypher.CREATE_ELEMENTS_RETURNING_NODES if by_node else cypher.CREATE_ELEMENTS
    for kind, rows in by_kind.items():
        for chunk in _chunks(rows):
            result = tx.run(create[kind], rows=_Rows(chunk))
            nodes.update((r["id"], r["node"]) for r in result)
    _write_links(tx, [lk for r in batch for lk in r.links], nodes)
    _write_indicators(tx, [row for r in batch for row in _indicator_rows(r)], nodes)
    _write_rows(tx, cypher.WRITE_REFERENCES, [row for r in batch for row in _reference_rows(r)])
    return nodes if by_node else None


def _merge(tx: ManagedTransaction, records: Records) -> None:
    """Write one document whose element ids may already exist: MERGE on the id."""
    _write_rows(tx, cypher.WRITE_DOCUMENTS, [_document_row(records)])
    elements: list[dict[str, Any]] = [
        {"label": cypher.KIND_LABELS[e.kind], "props": e.properties()} for e in records.elements
    ]
    _write_rows(tx, cypher.WRITE_ELEMENTS, elements)
    _write_links(tx, records.links)
    _write_rows(tx, cypher.WRITE_INDICATORS, _indicator_rows(records))
    _write_rows(tx, cypher.WRITE_REFERENCES, _reference_rows(records))


def _indicator_rows(records: Records) -> list[dict[str, Any]]:
    doc = records.document.id
    return [
        {"element": i.element, "props": {**i.properties(), "dokumen": doc}}
        for i in records.indicators
    ]


def _reference_rows(records: Records) -> list[dict[str, Any]]:
    doc = records.document
    return [
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


def _write_indicators(
    tx: ManagedTransaction, rows: list[dict[str, Any]], nodes: Mapping[str, str]
) -> None:
    """Create the indicators, of ``nodes`` (elementId by element id) where their element is
    there, otherwise of the element found by id."""
    by_node, by_id = [], []
    for row in rows:
        node = nodes.get(row["element"])
        if node:
            by_node.append({**row, "element": node})
        else:
            by_id.append(row)
    _write_rows(tx, cypher.WRITE_INDICATORS_OF_NODES, by_node)
    _write_rows(tx, cypher.WRITE_INDICATORS, by_id)


def _write_links(
    tx: ManagedTransaction, links: Sequence[Link], nodes: Mapping[str, str] | None = None
) -> None:
    """Create the links; between ``nodes`` (elementId by element id) when both ends are there,
    otherwise between the elements found by id."""
    nodes = nodes or {}
    by_node, by_id = [], []
    for lk in links:
        props = {k: v for k, v in lk.properties().items() if v is not None}
        child, parent = nodes.get(lk.child), nodes.get(lk.parent)
        if child and parent:
            by_node.append({"child": child, "parent": parent, "props": props})
        else:
            by_id.append({"child": lk.child, "parent": lk.parent, "props": props})
    _write_rows(tx, cypher.WRITE_LINKS_BETWEEN_NODES, by_node)
    _write_rows(tx, cypher.WRITE_LINKS, by_id)


def _documents_named(tx: ManagedTransaction, ids: list[str]) -> dict[str, Document]:
    if not ids:
        return {}
    rows = tx.run(cypher.READ_DOCUMENTS_NAMED, ids=ids)
    return {r["props"]["id"]: _document(r["props"]) for r in rows}


def _resolvable(written: Sequence[Records], pemda: list[str]) -> list[Element]:
    """The written elements of ``pemda`` with only the properties resolution reads
    (:data:`graph.resolve.RESOLVED_KEYS`), empty ones left out, as the other documents' are
    read back (:data:`cypher.READ_PEMDA_ELEMENTS`)."""
    wanted = set(pemda)
    out = []
    for r in written:
        for e in r.elements:
            extra = e.extra
            if extra.get("pemda") in wanted:
                kept = {k: v for k in RESOLVED_KEYS if (v := extra.get(k))}
                out.append(Element(e.id, e.kind, e.dokumen, kept))
    return out


def _references(written: Sequence[Records]) -> list[Reference]:
    """The written references as :data:`cypher.READ_PEMDA_REFERENCES` reads them back."""
    return [
        Reference(r.child, r.target_jenis, r.target_key, r.src_row)
        for records in written
        for r in records.references
    ]


def _reference_order(ref: Reference) -> tuple[str, str, str]:
    return (ref.child, ref.target_jenis, ref.target_key)


def _not_retried_over_memory(
    work: Callable[[ManagedTransaction], T], target: str, writing: bool
) -> Callable[[ManagedTransaction], T]:
    """``work``, raising the Selaras error of a transaction over the server's memory limit
    instead of the driver's: the driver retries its transient errors for 30 s, and this one
    would only fail again (a limit met at the commit is still retried, then translated).
    ``work``'s time limit and metadata (``neo4j.unit_of_work``) are kept:

    >>> @neo4j.unit_of_work(timeout=2.5)
    ... def work(tx): ...
    >>> _not_retried_over_memory(work, "neo4j://db:7687", writing=False).timeout
    2.5
    """

    @functools.wraps(work)
    def guarded(tx: ManagedTransaction) -> T:
        try:
            return work(tx)
        except neo4j_errors.TransientError as exc:
            if (over := _over_memory(exc, target, writing)) is not None:
                raise over from exc
            raise

    return guarded


def _over_memory(exc: neo4j_errors.Neo4jError, target: str, writing: bool) -> SelarasError | None:
    """The error of a transaction over the server's memory limit; None for any other error."""
    if "MemoryPoolOutOfMemoryError" not in str(exc.code):
        return None
    return _memory_limit_error(exc.message or "", target, writing)


def _memory_limit_error(message: str, target: str, writing: bool) -> SelarasError:
    """What a transaction over the server's memory limit means, and what to do about it:
    TooLarge for a write (nothing was written), QueryError for a read.

    >>> error = _memory_limit_error(
    ...     "The allocation of an extra 2.0 MiB would use more than the limit 512.0 MiB. "
    ...     "Currently using 510.0 MiB. db.memory.transaction.max threshold reached",
    ...     "neo4j://db:7687", writing=True)
    >>> type(error).__name__, str(error)[:80]
    ('TooLarge', 'Neo4j neo4j://db:7687: transaksi melebihi batas memori server (db.memory.transac')
    >>> str(error)[80:114]
    'tion.max, 512.0 MiB) / the transac'
    """
    setting = re.search(r"db\.memory\.[a-z.]+[a-z]", message)
    limit = re.search(r"limit ([\d.]+ \w+)", message)
    named = ", ".join(part for part in (setting and setting[0], limit and limit[1]) if part)
    said = f"Neo4j {target}: transaksi melebihi batas memori server ({named or 'db.memory'}) / "
    if writing:
        return TooLarge(
            said + "the transaction exceeds the server's memory limit; tidak ada yang ditulis / "
            "nothing was written. Muat lebih sedikit berkas sekaligus (mis. satu pemda per "
            "`selaras load`) atau naikkan batas itu di server / load fewer files at once (e.g. "
            "one pemda per `selaras load`) or raise that limit on the server"
        )
    return QueryError(
        said + "the query exceeds the server's memory limit. Persempit kueri atau naikkan batas "
        "itu di server / narrow the query or raise that limit on the server"
    )
