// Prioritas RPJMD yang menjadi tanggung jawab OPD / Priorities of an OPD.
// Twin of queries/opd_brief.py::opd_priorities; edges point child -> parent.
MATCH (p:Element {kind: 'program', dokumen_jenis: 'RPJMD'})
WHERE coalesce(p.opd, '') <> '' AND ($opd IS NULL OR p.opd IN $opd_spellings)
// s and k without a label: expanded from p, never sought by index for each p
WITH p,
     COLLECT {
       MATCH (p)-[:SUPPORTS]->(s) WHERE s.kind = 'sasaran' RETURN DISTINCT s.id AS s ORDER BY s
     } AS sasaran,
     COLLECT {
       MATCH (k)-[:SUPPORTS*1..]->(p)
       WHERE k.kind = 'kegiatan' AND k.dokumen_jenis IN ['RENSTRA', 'RENJA']
         AND (k.dokumen_jenis = 'RENSTRA' OR $tahun IS NULL OR k.periode = toString($tahun))
       WITH DISTINCT k
       WITH k, CASE WHEN $tahun IS NULL
                 THEN reduce(s = 0, key IN [x IN keys(k)
                                            WHERE x STARTS WITH 'pagu_' AND x =~ 'pagu_[0-9]{4}']
                             | s + k[key])
                 ELSE coalesce(k['pagu_' + toString($tahun)], 0) END AS money
       WHERE money > 0
       RETURN {jenis: k.dokumen_jenis, money: money} AS k
     } AS funded
WITH p, sasaran, [k IN funded WHERE k.jenis = 'RENSTRA'] AS renstra,
     [k IN funded WHERE k.jenis = 'RENJA'] AS renja
RETURN p.id AS id, p.kode AS kode, p.nama AS nama, p.opd AS opd, sasaran,
       size(renstra) AS renstra_kegiatan, size(renja) AS renja_kegiatan,
       reduce(s = 0, k IN renja | s + k.money) AS pagu_renja,
       CASE
         WHEN size(renstra) > 0 AND size(renja) > 0 THEN 'lengkap'
         WHEN size(renstra) > 0 THEN 'tanpa_renja'
         WHEN size(renja) > 0 THEN 'tanpa_renstra'
         ELSE 'tanpa_keduanya'
       END AS status
ORDER BY opd, id
