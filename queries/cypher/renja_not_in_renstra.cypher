// Renja yang tidak ada di Renstra / Renja items not in the Renstra.
// Twin of queries/consistency.py::renja_not_in_renstra.
// Elements are grouped by pemda as written, OPD key (one OPD however spelled), periode and
// jenis; each group's pemda is slugged once, written out as graph/ids.py::slug does it (NFKD,
// ASCII letters and digits kept, every other run of ASCII characters one '-').
// Codes are then compared within one pemda and OPD at a time.
// $opd_keys maps each OPD name as spelled to its key (graph/neo4j_store.py::_opd_keys).
MATCH (e:Element)
WHERE e.dokumen_jenis IN ['RENJA', 'RENSTRA'] AND e.periode =~ '[0-9]+(-[0-9]+)*'
WITH e.pemda AS raw_pemda, coalesce($opd_keys[e.opd], '') AS opd, e.periode AS periode,
     e.dokumen_jenis AS jenis, collect(e) AS els
WHERE $opd IS NULL OR opd = $opd_key
WITH periode, jenis, els, opd,
    reduce(acc = '', c IN split(normalize(coalesce(raw_pemda, ''), NFKD), '') |
      CASE
        WHEN c =~ '[A-Za-z0-9]' THEN acc + toLower(c)
        WHEN c < '\u0080' AND acc <> '' AND NOT acc ENDS WITH '-' THEN acc + '-'
        ELSE acc
      END) AS raw_slug
WITH CASE WHEN raw_slug ENDS WITH '-' THEN left(raw_slug, size(raw_slug) - 1) ELSE raw_slug END
       AS pemda, opd,
     collect(CASE WHEN jenis = 'RENSTRA' THEN periode END) AS renstra,
     reduce(acc = [], x IN collect(CASE WHEN jenis = 'RENJA' THEN els END) | acc + x) AS renja_els,
     reduce(acc = [], x IN collect(CASE WHEN jenis = 'RENSTRA' THEN els END) | acc + x)
       AS renstra_els
WHERE size(renstra) > 0 AND size(renja_els) > 0
CALL (renstra, renja_els, renstra_els) {
  UNWIND renja_els + renstra_els AS e
  WITH e
  WHERE e.kind IN ['program', 'kegiatan', 'sub_kegiatan'] AND coalesce(e.kode, '') <> ''
  WITH e.kind AS kind, e.kode AS kode,
       collect(CASE WHEN e.dokumen_jenis = 'RENJA' THEN e END) AS renja,
       collect(CASE WHEN e.dokumen_jenis = 'RENSTRA' THEN e.periode END) AS same_code
  UNWIND renja AS r
  WITH r, same_code,
       toInteger(split(r.periode, '-')[0]) AS awal, toInteger(last(split(r.periode, '-'))) AS akhir
  WHERE ($dokumen IS NULL OR r.dokumen = $dokumen) AND ($tahun IS NULL OR awal = $tahun)
    AND any(p IN renstra
            WHERE toInteger(split(p, '-')[0]) <= akhir AND awal <= toInteger(last(split(p, '-'))))
    AND NOT any(p IN same_code
                WHERE toInteger(split(p, '-')[0]) <= akhir AND awal <= toInteger(last(split(p, '-'))))
  RETURN r, awal
}
WITH r, awal, r['pagu_' + toString(awal)] AS pagu
RETURN r.id AS id, r.kind AS kind, r.kode AS kode, r.nama AS nama, r.opd AS opd,
       r.dokumen AS dokumen, awal AS tahun,
       CASE WHEN pagu IS :: INTEGER NOT NULL OR pagu IS :: FLOAT NOT NULL THEN pagu END AS pagu
ORDER BY id
