// Every element for the OpenFastTrace export (queries/oft.py, not a catalogue query).
// Edges point child -> parent: parents are what the element supports, supporters its children.
MATCH (e:Element)
RETURN e.id AS id, e.kind AS kind, e.dokumen AS dokumen, e.dokumen_jenis AS jenis,
       coalesce(e.nama, '') AS nama,
       [(e)-[:SUPPORTS]->(p:Element) | [p.id, p.dokumen_jenis, p.kind]] AS parents,
       [(c:Element)-[:SUPPORTS]->(e) | [c.dokumen_jenis, c.kind]] AS supporters
ORDER BY dokumen, id
