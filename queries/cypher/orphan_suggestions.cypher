// Usulan induk untuk kegiatan yatim / Candidate parents for orphaned activities.
// Twin of queries/suggestions.py::orphan_suggestions; edges point child -> parent.
// score = 0.5 * score_kode + 0.2 * score_opd + 0.3 * score_nama, computed in that order.
// Candidates are sought per rule, never over the whole pemda (a null seek value where the rule
// is found another way): in the orphan's document (found by code prefix); by pemda, level and
// OPD on the selaras_element_level index (found by code); by pemda and level (named by the
// workbook, or an orphan without OPD).
MATCH (o:Element)
WHERE o.kind IN $chain_activities AND NOT EXISTS { (o)-[:SUPPORTS]->() }
  AND ($dokumen IS NULL OR o.dokumen = $dokumen)
WITH o, o.dokumen_jenis + ':' + o.kind AS level,
     [w IN split(toLower(replace(replace(replace(replace(replace(replace(replace(replace(
        replace(replace(o.nama, ',', ' '), '.', ' '), '/', ' '), '(', ' '), ')', ' '), '-', ' '),
        ':', ' '), ';', ' '), '"', ' '), "'", ' ')), ' ') WHERE w <> ''] AS ow
UNWIND [r IN $chain_ways WHERE r[0] = level] AS rule
WITH o, ow, rule, split(rule[1], ':') AS parent, coalesce($opd_keys[o.opd], '') AS opd
// the spellings of the orphan's OPD: sought as they are on the index, which needs c.opd
WITH o, ow, rule, parent, opd, [n IN keys($opd_keys) WHERE $opd_keys[n] = opd] AS spellings
CALL (o, rule, parent, opd, spellings) {
  MATCH (c:Element {dokumen: CASE WHEN rule[2] = 'prefix' THEN o.dokumen END})
  WHERE c.kind = parent[1] AND c.dokumen_jenis = parent[0] AND c.pemda = o.pemda
  RETURN c
  UNION
  MATCH (c:Element)
  WHERE c.pemda = CASE WHEN rule[2] = 'kode' AND opd <> '' THEN o.pemda END
    AND c.dokumen_jenis = parent[0] AND c.kind = parent[1]
    AND c.opd IN spellings
  RETURN c
  UNION
  MATCH (c:Element {pemda: CASE WHEN rule[2] = 'induk' OR rule[2] = 'kode' AND opd = ''
                                THEN o.pemda END})
  WHERE c.dokumen_jenis = parent[0] AND c.kind = parent[1]
    AND (rule[2] <> 'kode' OR coalesce($opd_keys[c.opd], '') = '')
  RETURN c
}
WITH DISTINCT o, ow, c,
     [w IN split(toLower(replace(replace(replace(replace(replace(replace(replace(replace(
        replace(replace(c.nama, ',', ' '), '.', ' '), '/', ' '), '(', ' '), ')', ' '), '-', ' '),
        ':', ' '), ';', ' '), '"', ' '), "'", ' ')), ' ') WHERE w <> ''] AS cw,
     split(coalesce(o.kode, ''), '.') AS os, split(coalesce(c.kode, ''), '.') AS cs
WITH o, c,
     CASE WHEN o.kode IS NULL OR c.kode IS NULL OR o.kode = '' OR c.kode = '' THEN 0.0
       ELSE toFloat(size([i IN range(0, size(cs) - 1)
         WHERE i < size(os) AND all(j IN range(0, i) WHERE os[j] = cs[j])])) / size(cs)
     END AS k,
     CASE WHEN coalesce($opd_keys[c.opd], '') <> ''
            AND $opd_keys[c.opd] = coalesce($opd_keys[o.opd], '')
       THEN 1 ELSE 0 END AS op,
     reduce(u = [], w IN ow | CASE WHEN w IN u THEN u ELSE u + w END) AS ow,
     reduce(u = [], w IN cw | CASE WHEN w IN u THEN u ELSE u + w END) AS cw
WITH o, c, k, op, size([w IN ow WHERE w IN cw]) AS both, size(ow) + size(cw) AS sizes
WITH o, c, k, op,
     CASE WHEN sizes - both = 0 THEN 0.0 ELSE toFloat(both) / (sizes - both) END AS nm
WITH o, c, k, op, nm, 0.5 * k + 0.2 * op + 0.3 * nm AS score
WHERE score > 0
ORDER BY o.id, score DESC, c.id
WITH o, collect({c: c, score: score, k: k, op: op, nm: nm})[..$limit] AS best
UNWIND range(0, size(best) - 1) AS i
WITH o, i + 1 AS rank, best[i] AS b
RETURN o.id AS id, o.kind AS kind, o.kode AS kode, o.nama AS nama, o.dokumen AS dokumen,
       rank, b.c.id AS candidate_id, b.c.kind AS candidate_kind, b.c.nama AS candidate_nama,
       b.score AS score, b.k AS score_kode, b.op AS score_opd, b.nm AS score_nama
ORDER BY id, rank
