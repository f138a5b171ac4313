// Tautan yang melanggar rantai perencanaan / Links the chain does not allow.
// Twin of queries/chain_checks.py::chain_violations; edges point child -> parent.
// Where a pair has a declared and a derived link, the declared one speaks (as in the
// embedded graph, which keeps one edge per pair).
MATCH (c:Element)-[r:SUPPORTS]->(p:Element)
WHERE $dokumen IS NULL OR c.dokumen = $dokumen
WITH c, p, collect(r) AS links
WITH c, p, links,
     CASE
       WHEN c.pemda IS NULL <> (p.pemda IS NULL) OR c.pemda <> p.pemda THEN 'lintas_pemda'
       WHEN NOT (c.dokumen_jenis + ':' + c.kind + '>' + p.dokumen_jenis + ':' + p.kind)
            IN $chain_rules THEN 'tidak_diatur'
     END AS reason
WHERE reason IS NOT NULL AND ($alasan IS NULL OR reason = $alasan)
WITH c, p, reason, [x IN links WHERE x.dokumen <> ''] + links AS links  // declared first
RETURN c.id AS id, c.kind AS kind, c.dokumen AS dokumen, p.id AS parent_id,
       p.kind AS parent_kind, p.dokumen AS parent_dokumen, links[0].basis AS basis,
       reason AS alasan
ORDER BY id, parent_id
