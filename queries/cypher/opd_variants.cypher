// Nama OPD yang mungkin sama / Probable OPD name variants.
// Twin of queries/opd_names.py::opd_variants. $opd_keys maps each OPD name as spelled to its
// key (graph/neo4j_store.py::_opd_args); an OPD is shown by the first of its names written
// out ($opd_short: those read as short for another).
MATCH (e:Element)
WHERE coalesce(e.opd, '') <> '' AND coalesce($opd_keys[e.opd], '') <> ''
WITH coalesce(e.pemda, '') AS pemda, $opd_keys[e.opd] AS key,
     coalesce(min(CASE WHEN e.opd IN $opd_short THEN null ELSE e.opd END), min(e.opd)) AS opd,
     count(*) AS n
WITH pemda, collect({key: key, opd: opd, n: n}) AS opds
UNWIND opds AS a
UNWIND opds AS b
WITH pemda, a, b
WHERE a.key < b.key
WITH pemda, a, b,
     reduce(u = [], w IN split(a.key, ' ') | CASE WHEN w IN u THEN u ELSE u + w END) AS aw,
     reduce(u = [], w IN split(b.key, ' ') | CASE WHEN w IN u THEN u ELSE u + w END) AS bw
WITH pemda, a, b, size([w IN aw WHERE w IN bw]) AS both, size(aw) + size(bw) AS sizes
WITH pemda, a, b, toFloat(both) / (sizes - both) AS skor
WHERE skor >= $min_skor
RETURN pemda + ' / ' + a.opd AS id, pemda, a.opd AS opd, b.opd AS varian, skor,
       a.n AS elemen, b.n AS elemen_varian
ORDER BY id, varian
