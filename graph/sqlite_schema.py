"""The SQLite tables of the embedded store: the durable truth the networkx graph is built from."""

from __future__ import annotations

import sqlite3
from collections.abc import Collection, Iterable, Iterator, Mapping
from typing import Any

import orjson

from graph.errors import InputError
from graph.model import Document, Element, Indicator, Link, Records, Reference, Value
from graph.nomenclature import Entry, Nomenclature, version_summary
from graph.resolve import RESOLVED_KEYS

__all__ = [
    "SCHEMA",
    "TABLES",
    "delete_document_rows",
    "delete_nomenclature_rows",
    "insert_nomenclature",
    "insert_records",
    "record_rows",
    "graph_edges",
    "graph_nodes",
    "read_all_indicators",
    "read_documents",
    "read_indicators",
    "read_nomenclature",
    "read_nomenclature_entries",
    "read_nomenclature_versions",
    "read_records",
    "read_elements",
    "read_link_keys",
    "read_links",
    "read_references",
]

# 16 KiB pages (set only while the file is empty; a store made with 4 KiB pages keeps them):
# a 200,000-row load is one third less of SQLite's time, 3.3 -> 2.2-2.8 s (docs/benchmarks.md)
SCHEMA = """
PRAGMA page_size = 16384;
CREATE TABLE IF NOT EXISTS documents (id TEXT PRIMARY KEY, props TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS elements (
    id TEXT PRIMARY KEY, dokumen TEXT NOT NULL, kind TEXT NOT NULL, props TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS elements_dokumen ON elements (dokumen);
CREATE TABLE IF NOT EXISTS links (
    child TEXT NOT NULL, parent TEXT NOT NULL, dokumen TEXT NOT NULL, props TEXT NOT NULL,
    PRIMARY KEY (child, parent, dokumen));
CREATE INDEX IF NOT EXISTS links_dokumen ON links (dokumen);
CREATE TABLE IF NOT EXISTS refs (
    child TEXT NOT NULL, jenis TEXT NOT NULL, key TEXT NOT NULL, dokumen TEXT NOT NULL,
    src_row INTEGER);
CREATE INDEX IF NOT EXISTS refs_dokumen ON refs (dokumen);
CREATE TABLE IF NOT EXISTS indicators (
    element TEXT NOT NULL, seq INTEGER NOT NULL, dokumen TEXT NOT NULL, props TEXT NOT NULL,
    PRIMARY KEY (element, seq));
CREATE INDEX IF NOT EXISTS indicators_dokumen ON indicators (dokumen);
CREATE TABLE IF NOT EXISTS nomenclature_versions (
    versi TEXT PRIMARY KEY, src_file TEXT NOT NULL, loaded_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS nomenclature (
    versi TEXT NOT NULL, kode TEXT NOT NULL, level TEXT NOT NULL, nama TEXT NOT NULL,
    PRIMARY KEY (versi, kode));
"""
TABLES = (
    "documents",
    "elements",
    "links",
    "refs",
    "indicators",
    "nomenclature_versions",
    "nomenclature",
)


def _loads(text: str) -> Any:
    return orjson.loads(text)


def _dumps(props: dict[str, Value]) -> str:
    try:
        return orjson.dumps(props, option=orjson.OPT_SORT_KEYS).decode()
    except orjson.JSONEncodeError as exc:  # an integer beyond 64 bits (loaders stop at 10^15)
        raise InputError(f"Bilangan di luar 64 bit / integer beyond 64 bits: {exc}") from exc


def _plain(props: Mapping[str, Value]) -> dict[str, Value]:
    """The properties as a dict (what orjson encodes), copied only when they are not one."""
    return props if type(props) is dict else dict(props)


def delete_document_rows(db: sqlite3.Connection, document_id: str) -> None:
    """Delete a document and everything it declared (not the links resolved to it)."""
    for table in ("elements", "links", "refs", "indicators"):
        db.execute(f"DELETE FROM {table} WHERE dokumen = ?", (document_id,))
    db.execute("DELETE FROM documents WHERE id = ?", (document_id,))


def insert_records(db: sqlite3.Connection, records: Records) -> None:
    """Insert one document's records (the caller deleted the old ones in this transaction)."""
    for sql, rows in record_rows(records):
        db.executemany(sql, rows)


def record_rows(records: Records) -> list[tuple[str, Iterable[tuple[Any, ...]]]]:
    """Each ``INSERT`` of one document's records with its rows, encoded as they are consumed
    (the benchmark encodes them first, to time SQLite's own share of a load).

    >>> from graph.model import Document, Element
    >>> doc = Document("renja-x-2026", "RENJA", "Kota X", 2026, 2026)
    >>> parts = record_rows(Records(doc, [Element("renja-x-2026:program:1.02.02", "program",
    ...                                           doc.id, {"nama": "P"})]))
    >>> [(sql.split(" INTO ")[1].split()[0], len(list(rows))) for sql, rows in parts]
    [('documents', 1), ('elements', 1), ('links', 0), ('refs', 0), ('indicators', 0)]
    """
    doc = records.document
    return [
        ("INSERT INTO documents VALUES (?, ?)", [(doc.id, _dumps(doc.properties()))]),
        (
            "INSERT INTO elements VALUES (?, ?, ?, ?)",
            ((e.id, e.dokumen, e.kind, _dumps(_plain(e.extra))) for e in records.elements),
        ),
        (_INSERT_LINK, _link_rows(records.links)),
        (
            "INSERT INTO refs VALUES (?, ?, ?, ?, ?)",
            (
                (r.child, r.target_jenis, r.target_key, doc.id, r.src_row)
                for r in records.references
            ),
        ),
        (
            "INSERT INTO indicators VALUES (?, ?, ?, ?)",
            ((i.element, i.seq, doc.id, _dumps(i.properties())) for i in records.indicators),
        ),
    ]


_INSERT_LINK = "INSERT OR REPLACE INTO links VALUES (?, ?, ?, ?)"


def insert_links(db: sqlite3.Connection, links: Iterable[Link]) -> None:
    """Insert links (replacing an identical child/parent/document triple)."""
    db.executemany(_INSERT_LINK, _link_rows(links))


def _link_rows(links: Iterable[Link]) -> Iterator[tuple[str, str, str, str]]:
    return ((lk.child, lk.parent, lk.dokumen, _dumps(lk.properties())) for lk in links)


def read_documents(db: sqlite3.Connection) -> dict[str, Document]:
    """Every document, by id."""
    docs = {}
    for (props,) in db.execute("SELECT props FROM documents ORDER BY id"):
        data = _loads(props)
        data.pop("tahun", None)
        data.pop("periode", None)
        docs[data["id"]] = Document(**data)
    return docs


def read_elements(db: sqlite3.Connection) -> Iterator[Element]:
    """Every element, in id order."""
    rows = db.execute("SELECT id, kind, dokumen, props FROM elements ORDER BY id")
    for id_, kind, dokumen, props in rows:
        yield Element(id_, kind, dokumen, _loads(props))


def read_link_keys(db: sqlite3.Connection, skip: Collection[str] = ()) -> Iterator[Element]:
    """Every element of the documents not in ``skip``, with only the properties links between
    documents are resolved by (``graph.resolve.RESOLVED_KEYS``; ``None`` when absent):
    SQLite picks them out of the JSON, so the rest is never decoded.

    >>> db = sqlite3.connect(":memory:")
    >>> _ = db.executescript(SCHEMA)
    >>> for doc in ("a", "b"):
    ...     element = Element(f"{doc}:program:1.02.02", "program", doc,
    ...                       {"kode": "1.02.02", "nama": "Program", "pagu_2026": 5})
    ...     insert_records(db, Records(Document(doc, "RENJA", "Kota", 2026, 2026), [element]))
    >>> [(e.id, dict(e.extra)) for e in read_link_keys(db, skip={"a"})]
    [('b:program:1.02.02', {'kode': '1.02.02', 'opd': None, 'ref': None, 'nama': 'Program'})]
    """
    others = [d for (d,) in db.execute("SELECT id FROM documents ORDER BY id") if d not in skip]
    if not others:
        return
    rows = db.execute(
        f"SELECT id, kind, dokumen, json_extract(props, {_LINK_PATHS}) FROM elements "
        "WHERE dokumen IN (SELECT value FROM json_each(?))",
        (orjson.dumps(others).decode(),),
    )
    for id_, kind, dokumen, values in rows:
        yield Element(id_, kind, dokumen, dict(zip(RESOLVED_KEYS, _loads(values), strict=True)))


def read_opd_names(db: sqlite3.Connection, skip: Collection[str] = ()) -> set[str]:
    """Every OPD name the elements carry, but those of the documents in ``skip``.

    >>> db = sqlite3.connect(":memory:")
    >>> _ = db.executescript(SCHEMA)
    >>> for doc, opd in (("a", "Dinkes"), ("b", "Dinas Kesehatan")):
    ...     element = Element(f"{doc}:program:1.02.02", "program", doc, {"opd": opd})
    ...     insert_records(db, Records(Document(doc, "RENJA", "Kota", 2026, 2026), [element]))
    >>> read_opd_names(db, skip={"a"})
    {'Dinas Kesehatan'}
    """
    rows = db.execute(
        "SELECT DISTINCT json_extract(props, '$.opd') FROM elements "
        "WHERE dokumen NOT IN (SELECT value FROM json_each(?))",
        (orjson.dumps(sorted(skip)).decode(),),
    )
    return {str(opd) for (opd,) in rows if opd}


_LINK_PATHS = ", ".join(f"'$.{key}'" for key in RESOLVED_KEYS)


def read_links(db: sqlite3.Connection) -> Iterator[Link]:
    """Every link, declared and resolved, in (child, parent, document) order."""
    rows = db.execute("SELECT child, parent, props FROM links ORDER BY child, parent, dokumen")
    for child, parent, props in rows:
        yield Link(child, parent, **_loads(props))


def graph_nodes(db: sqlite3.Connection) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every element as a networkx node: ``(id, properties)``, no record objects in between."""
    rows = db.execute("SELECT id, kind, dokumen, props FROM elements")
    for id_, kind, dokumen, props in rows:
        yield id_, {"id": id_, "kind": kind, "dokumen": dokumen, **_loads(props)}


def graph_edges(db: sqlite3.Connection) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """Every link as a networkx edge, a pair's resolved link before the one a document declared
    (so, added in this order, the declared link's properties are the ones kept)."""
    rows = db.execute("SELECT child, parent, props FROM links ORDER BY child, parent, dokumen")
    for child, parent, props in rows:
        yield child, parent, _loads(props)


def read_references(db: sqlite3.Connection) -> list[Reference]:
    """Every explicit cross-document reference."""
    rows = db.execute("SELECT child, jenis, key, src_row FROM refs ORDER BY child, jenis, key")
    return [Reference(*row) for row in rows]


def read_indicators(db: sqlite3.Connection, element_id: str) -> list[Indicator]:
    """The indicators of one element, in sheet order."""
    rows = db.execute("SELECT props FROM indicators WHERE element = ? ORDER BY seq", (element_id,))
    return [Indicator.from_properties(_loads(props)) for (props,) in rows]


def read_all_indicators(db: sqlite3.Connection) -> dict[str, list[Indicator]]:
    """Every indicator, grouped by the element it measures, each group in sheet order."""
    out: dict[str, list[Indicator]] = {}
    for (props,) in db.execute("SELECT props FROM indicators ORDER BY element, seq"):
        indicator = Indicator.from_properties(_loads(props))
        out.setdefault(indicator.element, []).append(indicator)
    return out


def read_records(db: sqlite3.Connection, ids: Collection[str] | None = None) -> list[Records]:
    """Every document (or those of ``ids``) with what it declared: what ``selaras copy`` moves
    to another store."""
    out = []
    for doc in read_documents(db).values():
        if ids is not None and doc.id not in ids:
            continue
        elements = db.execute(
            "SELECT id, kind, dokumen, props FROM elements WHERE dokumen = ? ORDER BY id", (doc.id,)
        )
        links = db.execute(
            "SELECT child, parent, props FROM links WHERE dokumen = ? ORDER BY child, parent",
            (doc.id,),
        )
        refs = db.execute(
            "SELECT child, jenis, key, src_row FROM refs WHERE dokumen = ? "
            "ORDER BY child, jenis, key",
            (doc.id,),
        )
        indicators = db.execute(
            "SELECT props FROM indicators WHERE dokumen = ? ORDER BY element, seq", (doc.id,)
        )
        out.append(
            Records(
                doc,
                [Element(i, k, d, _loads(p)) for i, k, d, p in elements],
                [Link(c, p, **_loads(props)) for c, p, props in links],
                [Reference(*row) for row in refs],
                [Indicator.from_properties(_loads(p)) for (p,) in indicators],
            )
        )
    return out


def delete_nomenclature_rows(db: sqlite3.Connection, versi: str) -> bool:
    """Delete one nomenclature version with its entries; False when there was none."""
    db.execute("DELETE FROM nomenclature WHERE versi = ?", (versi,))
    return db.execute("DELETE FROM nomenclature_versions WHERE versi = ?", (versi,)).rowcount > 0


def insert_nomenclature(
    db: sqlite3.Connection, versi: str, entries: Iterable[Entry], src_file: str, loaded_at: str
) -> None:
    """Insert one version and its entries (the caller deleted the old ones in this transaction)."""
    db.execute("INSERT INTO nomenclature_versions VALUES (?, ?, ?)", (versi, src_file, loaded_at))
    db.executemany(
        "INSERT INTO nomenclature VALUES (?, ?, ?, ?)",
        ((versi, e.kode, e.level, e.nama) for e in entries),
    )


def _versions(db: sqlite3.Connection) -> list[tuple[str, str, str]]:
    """(versi, src_file, loaded_at) in load order, the most recently loaded last."""
    rows = db.execute(
        "SELECT versi, src_file, loaded_at FROM nomenclature_versions ORDER BY loaded_at, versi"
    )
    return list(rows)


def read_nomenclature_versions(db: sqlite3.Connection) -> list[dict[str, Value]]:
    """Every version with its entry counts per level, in load order."""
    counts: dict[str, dict[str, int]] = {}
    for versi, level, n in db.execute(
        "SELECT versi, level, count(*) FROM nomenclature GROUP BY versi, level"
    ):
        counts.setdefault(versi, {})[level] = n
    return [version_summary(v, f, t, counts.get(v, {})) for v, f, t in _versions(db)]


def read_nomenclature_entries(db: sqlite3.Connection, versi: str) -> list[Entry]:
    """The entries of one version, in code order."""
    rows = db.execute(
        "SELECT kode, level, nama FROM nomenclature WHERE versi = ? ORDER BY kode", (versi,)
    )
    return [Entry(*row) for row in rows]


def read_nomenclature(db: sqlite3.Connection) -> Nomenclature:
    """Every version as versi → {kode: (level, nama)}, versions in load order."""
    out: Nomenclature = {versi: {} for versi, _, _ in _versions(db)}
    for versi, kode, level, nama in db.execute("SELECT versi, kode, level, nama FROM nomenclature"):
        out[versi][kode] = (level, nama)
    return out
