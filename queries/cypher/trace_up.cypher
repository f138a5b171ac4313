// Telusur ke atas / Trace up. Twin of queries/trace.py::trace_up.
MATCH (s:Element {id: $id})
MATCH path = (s)-[:SUPPORTS*1..50]->(n:Element)
WHERE length(path) <= $max_depth
WITH n, min(length(path)) AS distance
RETURN distance, n.id AS id, n.kind AS kind, n.kode AS kode, n.nama AS nama, n.opd AS opd,
       n.dokumen AS dokumen
ORDER BY distance, id
