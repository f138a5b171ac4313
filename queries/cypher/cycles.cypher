// Siklus dukungan / Cycles of support.
// Twin of queries/cycles.py::cycles; edges point child -> parent. A cycle holds a link whose
// parent does not outrank its child (rank: level, then the document kind, RENJA lowest); only
// from such links, when the parent reaches back to the child, is the component searched: the
// ancestors of the child that reach it. Exact whatever the ranks; the ranks bound the work.
MATCH (u:Element)-[:SUPPORTS]->(v:Element)
WITH u, v, coalesce(u.level, 0) AS lu, coalesce(v.level, 0) AS lv
WHERE lv < lu OR (lv = lu AND
  CASE v.dokumen_jenis WHEN 'RENJA' THEN 1 WHEN 'RKPD' THEN 2 WHEN 'RENSTRA' THEN 3
    WHEN 'RPJMD' THEN 4 WHEN 'RPJPD' THEN 5 WHEN 'RPJMN' THEN 6 ELSE 0 END
  <= CASE u.dokumen_jenis WHEN 'RENJA' THEN 1 WHEN 'RKPD' THEN 2 WHEN 'RENSTRA' THEN 3
    WHEN 'RPJMD' THEN 4 WHEN 'RPJPD' THEN 5 WHEN 'RPJMN' THEN 6 ELSE 0 END)
WITH DISTINCT u, v
WHERE EXISTS { MATCH (v)-[:SUPPORTS*0..]->(u) }
WITH DISTINCT u
CALL (u) {
  MATCH (u)-[:SUPPORTS*0..]->(x:Element)
  WITH DISTINCT x
  WHERE EXISTS { MATCH (x)-[:SUPPORTS*0..]->(u) }
  RETURN collect(x) AS members
}
WITH members, reduce(c = members[0].id, m IN members | CASE WHEN m.id < c THEN m.id ELSE c END) AS cycle
UNWIND members AS x
WITH DISTINCT cycle, size(members) AS size, x
WHERE $dokumen IS NULL OR x.dokumen = $dokumen
RETURN cycle, size, x.id AS id, x.kind AS kind, x.kode AS kode, x.nama AS nama,
       x.dokumen AS dokumen,
       COLLECT {
         MATCH (x)-[:SUPPORTS]->(m:Element)
         WHERE EXISTS { MATCH (m)-[:SUPPORTS*0..]->(x) }
         RETURN DISTINCT m.id AS parent ORDER BY parent
       } AS parents
ORDER BY cycle, id
