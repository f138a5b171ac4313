"""The nomenclature lists on Neo4j: the transaction work of :class:`~graph.neo4j_store.Neo4jStore`.

One ``(:NomenklaturVersi {versi, src_file, loaded_at})`` per version and one
``(:Nomenklatur {versi, kode, level, nama})`` per entry, never ``:Element`` and never linked to
the plans; the statements are in :mod:`graph.neo4j_cypher`, values only ever as ``$params``.
"""

from __future__ import annotations

from collections.abc import Sequence

from neo4j import ManagedTransaction

from graph import neo4j_cypher as cypher
from graph.errors import NotFound
from graph.model import Value
from graph.nomenclature import Entry, loaded_now, no_such_version, version_summary

__all__ = ["delete_version", "read_entries", "read_versions", "write_version"]

BATCH = 10_000


def write_version(
    tx: ManagedTransaction, versi: str, entries: Sequence[Entry], src_file: str
) -> None:
    """Delete version ``versi`` and write it anew (run again as is when the driver retries)."""
    tx.run(cypher.DELETE_NOMENCLATURE_ENTRIES, versi=versi).consume()
    tx.run(cypher.DELETE_NOMENCLATURE_VERSION, versi=versi).consume()
    props = {"versi": versi, "src_file": src_file, "loaded_at": loaded_now()}
    tx.run(cypher.WRITE_NOMENCLATURE_VERSION, props=props).consume()
    rows = [{"versi": versi, **e._asdict()} for e in entries]
    for start in range(0, len(rows), BATCH):
        tx.run(cypher.WRITE_NOMENCLATURE, rows=rows[start : start + BATCH]).consume()


def read_versions(tx: ManagedTransaction) -> list[dict[str, Value]]:
    """Every version with its counts per level, the most recently loaded last."""
    return [
        version_summary(
            r["versi"], r["src_file"], r["loaded_at"], {c["level"]: c["n"] for c in r["counts"]}
        )
        for r in tx.run(cypher.READ_NOMENCLATURE_VERSIONS)
    ]


def read_entries(tx: ManagedTransaction, versi: str) -> list[Entry]:
    """The entries of one version, in code order."""
    return [Entry(**r.data()) for r in tx.run(cypher.READ_NOMENCLATURE_ENTRIES, versi=versi)]


def delete_version(tx: ManagedTransaction, versi: str) -> None:
    """Delete one version with its entries; raises NotFound (rolling back) when there is none."""
    row = tx.run(cypher.DELETE_NOMENCLATURE_VERSION, versi=versi).single()
    if row is None or not row["deleted"]:
        raise NotFound(no_such_version(versi))
    tx.run(cypher.DELETE_NOMENCLATURE_ENTRIES, versi=versi).consume()
