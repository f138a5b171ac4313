// Sasaran lintas OPD / Crosscutting sasaran.
// Twin of queries/ownership.py::crosscutting; edges point child -> parent. Each counted program
// searches upwards (its ancestors are few) for the RPJMD sasaran it serves, never downwards
// from a sasaran through all its activities.
MATCH (p:Element {kind: 'program'})
WHERE p.opd IS NOT NULL AND p.opd <> '' AND coalesce(split(p.kode, '.')[2], '') <> '01'
  AND ($jenis IS NULL OR p.dokumen_jenis = $jenis)
CALL (p) {
  MATCH (p)-[:SUPPORTS*1..]->(s:Element)
  WITH DISTINCT s
  WHERE s.kind = 'sasaran' AND s.dokumen_jenis = 'RPJMD'
  RETURN s
}
// one OPD however its tables spell it ($opd_keys: name as spelled -> graph/opd.py::OpdNames),
// shown by the first of its names written out ($opd_short: those read as short for another)
WITH s, $opd_keys[p.opd] AS key,
     coalesce(min(CASE WHEN p.opd IN $opd_short THEN null ELSE p.opd END), min(p.opd)) AS opd,
     collect(DISTINCT p) AS programs
WITH s, collect({opd: opd, programs: programs}) AS serving
WHERE size(serving) >= 2
UNWIND serving AS o
RETURN s.id AS id, s.kode AS kode, s.nama AS nama, s.dokumen AS dokumen,
       size(serving) AS opd_count, o.opd AS opd,
       COLLECT {
         UNWIND o.programs AS q
         WITH DISTINCT q.kode AS k WHERE k IS NOT NULL AND k <> ''
         RETURN k ORDER BY k
       } AS programs,
       reduce(total = 0, q IN o.programs |
         total + reduce(t = 0, k IN [k IN keys(q)
                                     WHERE k STARTS WITH 'pagu_' AND k =~ 'pagu_[0-9]{4}']
                        | t + coalesce(q[k], 0))
       ) AS pagu
ORDER BY id, opd
