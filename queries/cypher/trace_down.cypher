// Telusur ke bawah / Trace down. Twin of queries/trace.py::trace_down.
MATCH (s:Element {id: $id})
MATCH path = (n:Element)-[:SUPPORTS*1..50]->(s)
WHERE length(path) <= $max_depth
WITH n, min(length(path)) AS distance
RETURN distance, n.id AS id, n.kind AS kind, n.kode AS kode, n.nama AS nama, n.opd AS opd,
       n.dokumen AS dokumen
ORDER BY distance, id
