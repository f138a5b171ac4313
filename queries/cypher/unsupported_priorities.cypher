// Prioritas yang tidak didukung kegiatan apa pun / Unsupported priorities.
// Twin of queries/priorities.py::unsupported_priorities; edges point child -> parent.
MATCH (p:Element)
WHERE (p.dokumen_jenis + ':' + p.kind) IN $chain_priorities
  AND ($priority IS NULL OR p.dokumen_jenis + ':' + p.kind = $priority)
  AND ($dokumen IS NULL OR p.dokumen = $dokumen)
  AND NOT EXISTS {
    MATCH (a:Element)-[:SUPPORTS*1..]->(p)
    WHERE a.kind IN $chain_activities
      AND ($tahun IS NULL OR coalesce(a['pagu_' + toString($tahun)], 0) > 0)
  }
RETURN p.id AS id, p.kind AS kind, p.kode AS kode, p.nama AS nama, p.opd AS opd,
       p.dokumen AS dokumen, COUNT { (:Element)-[:SUPPORTS]->(p) } AS supporters
ORDER BY id
