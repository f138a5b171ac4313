// Pagu tidak cocok dengan rinciannya / Pagu mismatches.
// Twin of queries/budget.py::pagu_mismatches; edges point child -> parent.
// Amounts are added in the order of the Python reference (children by id, years ascending).
CALL () {
  MATCH (p:Element)
  WHERE p.kind IN ['program', 'kegiatan']
    AND ($dokumen IS NULL OR p.dokumen = $dokumen) AND ($opd IS NULL OR p.opd IN $opd_spellings)
  WITH p, [k IN keys(p)
      WHERE k STARTS WITH 'pagu_' AND k =~ 'pagu_[0-9]{4}'
        AND (p[k] IS :: INTEGER NOT NULL OR p[k] IS :: FLOAT NOT NULL)
        AND ($tahun IS NULL OR k = 'pagu_' + toString($tahun))] AS years
  WHERE size(years) > 0
  WITH p, years, CASE p.kind WHEN 'program' THEN 'kegiatan' ELSE 'sub_kegiatan' END AS child_kind
  // c has no label, so the children are found by expanding from p: with (c:Element) the planner
  // now and then sought every element of the kind by index for each parent (10 s, not 0.1 s)
  WITH p, years, COLLECT {
      MATCH (c)-[:SUPPORTS]->(p)
      WITH DISTINCT c
      WHERE c.kind = child_kind AND c.dokumen = p.dokumen
      RETURN c ORDER BY c.id
    } AS children
  WHERE size(children) > 0
  UNWIND years AS k
  WITH p, k, [c IN children WHERE c[k] IS :: INTEGER NOT NULL OR c[k] IS :: FLOAT NOT NULL | c[k]]
    AS parts
  WHERE size(parts) > 0
  RETURN p, toInteger(substring(k, 5)) AS tahun, p[k] AS pagu,
         reduce(s = 0, v IN parts | s + v) AS rincian, 'rincian' AS jenis
  UNION ALL
  MATCH (p:Element)
  WHERE $tahun IS NULL
    AND p.pagu_total IS NOT NULL AND p.pagu_total IS :: INTEGER | FLOAT
    AND ($dokumen IS NULL OR p.dokumen = $dokumen) AND ($opd IS NULL OR p.opd IN $opd_spellings)
  WITH p, COLLECT {
      UNWIND keys(p) AS k
      WITH k
      WHERE k STARTS WITH 'pagu_' AND k =~ 'pagu_[0-9]{4}'
        AND (p[k] IS :: INTEGER NOT NULL OR p[k] IS :: FLOAT NOT NULL)
      RETURN p[k] AS v ORDER BY k
    } AS years
  // the sum over the years, or the last year's pagu: the two ways a table fills its total
  WHERE size(years) > 0 AND abs(p.pagu_total - years[-1]) >= 1
    AND abs(p.pagu_total - years[-1]) > $toleransi * abs(p.pagu_total)
  RETURN p, null AS tahun, p.pagu_total AS pagu, reduce(s = 0, v IN years | s + v) AS rincian,
         'total' AS jenis
}
WITH p, tahun, pagu, rincian, jenis
// a gap under one rupiah (MIN_SELISIH) is the rounding of amounts written with sen
WHERE abs(pagu - rincian) >= 1 AND abs(pagu - rincian) > $toleransi * abs(pagu)
RETURN p.id AS id, p.kind AS kind, p.kode AS kode, p.nama AS nama, p.dokumen AS dokumen,
       tahun, pagu, rincian AS pagu_rincian, pagu - rincian AS selisih, jenis
ORDER BY id, tahun
