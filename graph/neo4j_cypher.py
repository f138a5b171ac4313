"""The static Cypher the Neo4j store writes with: values only ever arrive as ``$params``."""

from __future__ import annotations

__all__ = ["CREATE_ELEMENTS", "KIND_LABELS", "SCHEMA", "WRITE_ELEMENTS"]

SCHEMA = (
    "CREATE CONSTRAINT selaras_element_id IF NOT EXISTS FOR (e:Element) REQUIRE e.id IS UNIQUE",
    "CREATE CONSTRAINT selaras_document_id IF NOT EXISTS FOR (d:Document) REQUIRE d.id IS UNIQUE",
    "CREATE INDEX selaras_element_dokumen IF NOT EXISTS FOR (e:Element) ON (e.dokumen)",
    "CREATE INDEX selaras_element_kind IF NOT EXISTS FOR (e:Element) ON (e.kind)",
    "CREATE INDEX selaras_element_pemda IF NOT EXISTS FOR (e:Element) ON (e.pemda)",
    "CREATE INDEX selaras_indicator_dokumen IF NOT EXISTS FOR (i:Indikator) ON (i.dokumen)",
    "CREATE INDEX selaras_reference_dokumen IF NOT EXISTS FOR (r:Rujukan) ON (r.dokumen)",
    "CREATE CONSTRAINT selaras_nomenklatur_versi_kode IF NOT EXISTS "
    "FOR (n:Nomenklatur) REQUIRE (n.versi, n.kode) IS UNIQUE",
    "CREATE INDEX selaras_nomenklatur_versi IF NOT EXISTS FOR (n:Nomenklatur) ON (n.versi)",
    "CREATE CONSTRAINT selaras_write_lock IF NOT EXISTS "
    "FOR (k:SelarasKunci) REQUIRE k.id IS UNIQUE",
    "CREATE CONSTRAINT selaras_nomenklatur_versi_id IF NOT EXISTS "
    "FOR (v:NomenklaturVersi) REQUIRE v.versi IS UNIQUE",
    "CREATE INDEX selaras_reference_pemda IF NOT EXISTS FOR (r:Rujukan) ON (r.pemda)",
    # the candidates of one level in one pemda and OPD (queries/cypher/orphan_suggestions)
    "CREATE INDEX selaras_element_level IF NOT EXISTS "
    "FOR (e:Element) ON (e.pemda, e.dokumen_jenis, e.kind, e.opd)",
)

# The kind label of each element kind (``:Sasaran``, ``:SubKegiatan`` …), from this closed list:
# written into the text of one CREATE statement per kind, or set as ``SET e:$(row.label)``.
KIND_LABELS = {
    "visi": "Visi",
    "misi": "Misi",
    "tujuan": "Tujuan",
    "sasaran": "Sasaran",
    "strategi": "Strategi",
    "arah_kebijakan": "ArahKebijakan",
    "prioritas": "Prioritas",
    "program": "Program",
    "kegiatan": "Kegiatan",
    "sub_kegiatan": "SubKegiatan",
}

# Replacing documents: the old ones go first (each label by its own index on ``dokumen``),
# then everything is written with one statement per kind of row, UNWIND-batched.
EXISTING_DOCUMENTS = "MATCH (d:Document) WHERE d.id IN $ids RETURN d.id AS id"
DELETE_DOCUMENTS = (
    "MATCH (n:Indikator) WHERE n.dokumen IN $ids DETACH DELETE n",
    "MATCH (n:Rujukan) WHERE n.dokumen IN $ids DETACH DELETE n",
    "MATCH (n:Element) WHERE n.dokumen IN $ids DETACH DELETE n",
    "MATCH (d:Document) WHERE d.id IN $ids DETACH DELETE d",
)
WRITE_DOCUMENTS = "UNWIND $rows AS props CREATE (d:Document) SET d = props"
# Elements of documents just deleted are new: CREATE, one static label per kind, no Eager.
CREATE_ELEMENTS = {
    kind: f"UNWIND $rows AS props CREATE (e:Element:{label}) SET e = props"
    for kind, label in KIND_LABELS.items()
}
# The same, each element's node (its elementId, valid within the transaction) sent back.
CREATE_ELEMENTS_RETURNING_NODES = {
    kind: f"{statement} RETURN e.id AS id, elementId(e) AS node"
    for kind, statement in CREATE_ELEMENTS.items()
}
# The careful path (ids that could already exist): MERGE, the kind label set dynamically.
WRITE_ELEMENTS = """
UNWIND $rows AS row
MERGE (e:Element {id: row.props.id})
SET e = row.props, e:$(row.label)
"""
WRITE_LINKS = """
UNWIND $rows AS row
MATCH (c:Element {id: row.child}), (p:Element {id: row.parent})
CREATE (c)-[r:SUPPORTS]->(p)
SET r = row.props
"""
WRITE_INDICATORS = """
UNWIND $rows AS row
MATCH (e:Element {id: row.element})
CREATE (i:Indikator)-[:MEASURES]->(e)
SET i = row.props
"""
# The same between nodes whose elementId the transaction knows: a seek by elementId, not by
# the unique index on id, which is several times slower in a transaction that deleted and
# created again the nodes of the ids it seeks (documents replaced; docs/benchmarks.md). Where
# nothing was deleted the index is as fast, and sending the elementIds back costs more.
WRITE_LINKS_BETWEEN_NODES = """
UNWIND $rows AS row
MATCH (c:Element) WHERE elementId(c) = row.child
MATCH (p:Element) WHERE elementId(p) = row.parent
CREATE (c)-[r:SUPPORTS]->(p)
SET r = row.props
"""
WRITE_INDICATORS_OF_NODES = """
UNWIND $rows AS row
MATCH (e:Element) WHERE elementId(e) = row.element
CREATE (i:Indikator)-[:MEASURES]->(e)
SET i = row.props
"""
WRITE_REFERENCES = """
UNWIND $rows AS row
CREATE (r:Rujukan)
SET r = row
"""
# Every write transaction first takes this one node's write lock, so writes run one after the
# other: two loads of one document never interleave, and the links resolved for a pemda always
# see every document of it (Neo4j's read-committed isolation alone allows neither).
WRITE_LOCK = "MERGE (k:SelarasKunci {id: 'tulis'}) SET k.writes = coalesce(k.writes, 0) + 1"
READ_DOCUMENTS_COUNTED = """
MATCH (d:Document)
RETURN d {.*, elements: COUNT { (e:Element) WHERE e.dokumen = d.id }} AS d ORDER BY d.id
"""
CLEAR = """
MATCH (n)
WHERE n:Element OR n:Document OR n:Indikator OR n:Rujukan OR n:Nomenklatur OR n:NomenklaturVersi
DETACH DELETE n
"""
READ_DOCUMENTS = "MATCH (d:Document) RETURN d {.*} AS props ORDER BY d.id"
READ_DOCUMENTS_NAMED = "MATCH (d:Document) WHERE d.id IN $ids RETURN d {.*} AS props"
READ_OPD_NAMES = """
MATCH (d:Document) WHERE NOT d.id IN $skip UNWIND d.opd_names AS opd RETURN DISTINCT opd
"""
READ_UNLISTED_DOCUMENTS = """
MATCH (d:Document) WHERE d.opd_names IS NULL AND NOT d.id IN $skip RETURN d.id AS id
"""
READ_PEMDAS = "MATCH (d:Document) RETURN DISTINCT d.pemda AS p ORDER BY p"
READ_ELEMENT_OPD_NAMES = """
MATCH (e:Element) WHERE e.dokumen IN $ids AND e.opd IS NOT NULL RETURN DISTINCT e.opd AS opd
"""
# What cross-document resolution needs of a pemda's elements and references, but those of the
# documents in $skip (just written: the store has them in memory); the store sorts them.
READ_PEMDA_ELEMENTS = """
MATCH (e:Element) WHERE e.pemda IN $pemda AND NOT e.dokumen IN $skip
RETURN e.id AS id, elementId(e) AS node, e.kind AS kind, e.dokumen AS dokumen,
       e {.kode, .ref, .opd,
          nama: CASE WHEN e.kind IN ['program', 'kegiatan', 'sub_kegiatan'] THEN null
                ELSE e.nama END} AS extra
"""
READ_PEMDA_REFERENCES = """
MATCH (r:Rujukan) WHERE r.pemda IN $pemda AND NOT r.dokumen IN $skip
RETURN r.child AS child, r.target_jenis AS target_jenis, r.target_key AS target_key,
       r.src_row AS src_row
"""
DELETE_DERIVED_LINKS = """
MATCH (c:Element)-[r:SUPPORTS {dokumen: ''}]->()
WHERE c.pemda IN $pemda AND NOT c.dokumen IN $skip
DELETE r
"""
COUNT = """
RETURN COUNT { (:Document) } AS documents, COUNT { (:Element) } AS elements,
       COUNT { ()-[:SUPPORTS]->() } AS links, COUNT { (:Indikator) } AS indicators
"""
READ_ELEMENT = """
MATCH (e:Element {id: $id})
RETURN e {.*} AS props,
  COLLECT { MATCH (i:Indikator)-[:MEASURES]->(e) RETURN i {.*} AS i ORDER BY i.seq } AS indicators,
  COLLECT { MATCH (e)-[r:SUPPORTS]->(p) RETURN r {.*, id: p.id} AS r ORDER BY p.id } AS parents,
  COLLECT { MATCH (c)-[r:SUPPORTS]->(e) RETURN r {.*, id: c.id} AS r ORDER BY c.id } AS children
"""
_STEP = "WHERE n.id IN $ids RETURN DISTINCT m.id AS id"
NEIGHBOURS = {
    "up": "MATCH (n:Element)-[:SUPPORTS]->(m:Element) " + _STEP,
    "down": "MATCH (n:Element)<-[:SUPPORTS]-(m:Element) " + _STEP,
    "both": "MATCH (n:Element)-[:SUPPORTS]-(m:Element) " + _STEP,
}
EXISTING = "MATCH (n:Element) WHERE n.id IN $ids RETURN n.id AS id"
SUBGRAPH = """
MATCH (n:Element) WHERE n.id IN $ids
WITH collect(n) AS nodes
RETURN [n IN nodes | n {.*}] AS nodes,
  COLLECT {
    MATCH (c:Element)-[r:SUPPORTS]->(p:Element) WHERE c.id IN $ids AND p.id IN $ids
    RETURN r {.*, source: c.id, target: p.id} AS r ORDER BY c.id, p.id
  } AS edges
"""
EXPORT_DOCUMENT = """
MATCH (d:Document {id: $id})
RETURN d {.*} AS document,
  COLLECT { MATCH (e:Element) WHERE e.dokumen = $id RETURN e {.*} AS e ORDER BY e.id } AS elements,
  COLLECT {
    MATCH (c:Element)-[r:SUPPORTS]->(p:Element) WHERE r.dokumen = $id
    RETURN r {.*, child: c.id, parent: p.id} AS r ORDER BY c.id, p.id
  } AS links,
  COLLECT {
    MATCH (r:Rujukan) WHERE r.dokumen = $id
    RETURN r {.child, .target_jenis, .target_key, .src_row} AS r
    ORDER BY r.child, r.target_jenis, r.target_key
  } AS references,
  COLLECT {
    MATCH (i:Indikator) WHERE i.dokumen = $id RETURN i {.*} AS i ORDER BY i.element, i.seq
  } AS indicators
"""
SEARCH = """
MATCH (e:Element)
WHERE e.cari CONTAINS $q
  AND ($kind IS NULL OR e.kind = $kind) AND ($opd IS NULL OR e.opd IN $opd_spellings)
  AND ($dokumen IS NULL OR e.dokumen = $dokumen)
WITH e ORDER BY e.id
WITH collect(e {.id, .kind, .kode, .nama, .opd, .dokumen}) AS hits
RETURN size(hits) AS total, hits[$offset..($offset + $limit)] AS rows
"""

# Official nomenclature lists: one (:NomenklaturVersi {versi, src_file, loaded_at}) per version
# and one (:Nomenklatur {versi, kode, level, nama}) per entry; never :Element, never linked.
DELETE_NOMENCLATURE_ENTRIES = "MATCH (n:Nomenklatur {versi: $versi}) DELETE n"
DELETE_NOMENCLATURE_VERSION = """
MATCH (v:NomenklaturVersi {versi: $versi}) DELETE v RETURN count(*) AS deleted
"""
WRITE_NOMENCLATURE_VERSION = "CREATE (v:NomenklaturVersi) SET v = $props"
WRITE_NOMENCLATURE = "UNWIND $rows AS row CREATE (n:Nomenklatur) SET n = row"
READ_NOMENCLATURE_VERSIONS = """
MATCH (v:NomenklaturVersi)
RETURN v.versi AS versi, v.src_file AS src_file, v.loaded_at AS loaded_at,
  COLLECT {
    MATCH (n:Nomenklatur {versi: v.versi})
    WITH n.level AS level, count(*) AS n
    RETURN {level: level, n: n}
  } AS counts
ORDER BY loaded_at, versi
"""
READ_NOMENCLATURE_ENTRIES = """
MATCH (n:Nomenklatur {versi: $versi})
RETURN n.kode AS kode, n.level AS level, n.nama AS nama
ORDER BY kode
"""
