// Prioritas yang tidak didukung kegiatan apa pun / Unsupported priorities.
// Twin of queries/priorities.py::unsupported_priorities; edges point child -> parent.
// The priorities are sought by the index on kind (the kind of each level asked for), not
// found by reading every element's level.
MATCH (p:Element)
WHERE p.kind IN [level IN CASE WHEN $priority IS NULL THEN $chain_priorities ELSE [$priority] END
                 | split(level, ':')[1]]
WITH p, p.dokumen_jenis + ':' + p.kind AS level
WHERE ($priority IS NULL AND level IN $chain_priorities OR level = $priority)
  AND ($dokumen IS NULL OR p.dokumen = $dokumen)
  AND NOT EXISTS {  // a without a label: expanded from p, never sought by index
    MATCH (a)-[:SUPPORTS*1..]->(p)
    WHERE ($pendukung IS NULL AND a.kind IN $chain_activities
           OR a.dokumen_jenis + ':' + a.kind = $pendukung)
      AND ($tahun IS NULL OR coalesce(a['pagu_' + toString($tahun)], 0) > 0)
  }
RETURN p.id AS id, p.kind AS kind, p.kode AS kode, p.nama AS nama, p.opd AS opd,
       p.dokumen AS dokumen, COUNT { (:Element)-[:SUPPORTS]->(p) } AS supporters
ORDER BY id
