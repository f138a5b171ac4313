// Renja tidak selaras dengan RKPD / Renja and RKPD mismatches.
// Twin of queries/consistency.py::renja_rkpd_mismatches.
// Elements are grouped by pemda as written, OPD key (one OPD however spelled), periode and
// jenis; each group's pemda is slugged once, written out as graph/ids.py::slug does it (NFKD,
// ASCII letters and digits kept, every other run of ASCII characters one '-').
// Codes are then compared within one pemda, OPD and year at a time.
// $opd_keys maps each OPD name as spelled to its key (graph/neo4j_store.py::_opd_keys).
MATCH (e:Element)
WHERE e.dokumen_jenis IN ['RENJA', 'RKPD'] AND e.periode =~ '[0-9]+(-[0-9]+)*'
WITH e.pemda AS raw_pemda, coalesce($opd_keys[e.opd], '') AS opd, e.periode AS periode,
     e.dokumen_jenis AS jenis, collect(e) AS els
WITH jenis, els, opd, toInteger(split(periode, '-')[0]) AS tahun,
    reduce(acc = '', c IN split(normalize(coalesce(raw_pemda, ''), NFKD), '') |
      CASE
        WHEN c =~ '[A-Za-z0-9]' THEN acc + toLower(c)
        WHEN c < '\u0080' AND acc <> '' AND NOT acc ENDS WITH '-' THEN acc + '-'
        ELSE acc
      END) AS raw_slug
WHERE $tahun IS NULL OR tahun = $tahun
WITH CASE WHEN raw_slug ENDS WITH '-' THEN left(raw_slug, size(raw_slug) - 1) ELSE raw_slug END
       AS pemda, tahun, collect({opd: opd, jenis: jenis, els: els}) AS groups
WITH pemda, tahun, groups, any(g IN groups WHERE g.jenis = 'RKPD') AS has_rkpd
UNWIND groups AS g
WITH pemda, tahun, has_rkpd, g
WHERE $opd IS NULL OR g.opd = $opd_key
WITH pemda, tahun, has_rkpd, g.opd AS opd,
     reduce(acc = [], x IN collect(CASE WHEN g.jenis = 'RENJA' THEN g.els END) | acc + x)
       AS renja_els,
     reduce(acc = [], x IN collect(CASE WHEN g.jenis = 'RKPD' THEN g.els END) | acc + x) AS rkpd_els
WHERE size(renja_els) > 0
CALL (tahun, has_rkpd, renja_els, rkpd_els) {
  UNWIND renja_els + rkpd_els AS e
  WITH e
  WHERE e.kind IN ['program', 'kegiatan', 'sub_kegiatan'] AND coalesce(e.kode, '') <> ''
  WITH e.kind AS kind, e.kode AS kode,
       collect(CASE WHEN e.dokumen_jenis = 'RENJA' THEN e END) AS renja,
       collect(CASE WHEN e.dokumen_jenis = 'RKPD' THEN e END) AS rkpd
  UNWIND CASE
      WHEN size(rkpd) = 0 AND has_rkpd THEN [x IN renja | ['tidak_di_rkpd', x, null]]
      WHEN size(renja) = 0 THEN [x IN rkpd | ['tidak_di_renja', x, null]]
      ELSE reduce(acc = [], x IN renja | acc + [k IN rkpd | ['pagu_beda', x, k]])
    END AS found
  WITH found[0] AS jenis, found[1] AS x, found[2] AS pasangan
  WITH jenis, x, pasangan, 'pagu_' + toString(tahun) AS key
  WITH jenis, x, pasangan,
       CASE WHEN jenis = 'tidak_di_renja' THEN null ELSE x[key] END AS a,
       CASE WHEN jenis = 'tidak_di_renja' THEN x[key] ELSE pasangan[key] END AS b
  WITH jenis, x, pasangan,
       CASE WHEN a IS :: INTEGER NOT NULL OR a IS :: FLOAT NOT NULL THEN a END AS pagu_renja,
       CASE WHEN b IS :: INTEGER NOT NULL OR b IS :: FLOAT NOT NULL THEN b END AS pagu_rkpd
  WHERE jenis <> 'pagu_beda'
     OR (pagu_renja IS NOT NULL AND pagu_rkpd IS NOT NULL
         AND abs(pagu_renja - pagu_rkpd) > $toleransi * abs(pagu_rkpd))
  RETURN jenis, x, pasangan, pagu_renja, pagu_rkpd
}
WITH jenis, x, tahun, pasangan, pagu_renja, pagu_rkpd
WHERE $dokumen IS NULL OR x.dokumen = $dokumen
RETURN x.id AS id, jenis, x.kode AS kode, x.nama AS nama, x.opd AS opd, x.dokumen AS dokumen,
       tahun, pagu_renja, pagu_rkpd,
       CASE WHEN pasangan IS NULL THEN null ELSE pagu_renja - pagu_rkpd END AS selisih,
       pasangan.id AS pasangan
ORDER BY id, pasangan
