// Sub kegiatan ganda / Duplicated sub kegiatan.
// Twin of queries/subkegiatan.py::duplicated_sub_kegiatan: rows of one pemda, document kind,
// year, OPD and code first; only those groups are split by lokasi and sumber dana (trimmed,
// case-blind), and the lines with two rows or more are returned.
MATCH (e:Element {kind: 'sub_kegiatan'})
WHERE e.dokumen_jenis IN ['RENJA', 'RKPD'] AND e.kode IS NOT NULL AND e.kode <> ''
  AND ($jenis IS NULL OR e.dokumen_jenis = $jenis)
  AND ($opd IS NULL OR e.opd IN $opd_spellings)
WITH e.pemda AS pemda, e.dokumen_jenis AS jenis, e.periode AS periode,
     coalesce($opd_keys[e.opd], '') AS opd, e.kode AS kode, collect(e) AS same_code
WHERE size(same_code) >= 2
UNWIND same_code AS e
WITH pemda, jenis, periode, opd, kode,
     toLower(trim(coalesce(toString(e.lokasi), ''))) AS lokasi,
     toLower(trim(coalesce(toString(e.sumber_dana), ''))) AS sumber_dana,
     collect(e) AS members
WHERE size(members) >= 2
WITH members, reduce(m = members[0].id, x IN members | CASE WHEN x.id < m THEN x.id ELSE m END) AS group
UNWIND members AS e
RETURN group, e.id AS id, e.kode AS kode, e.nama AS nama, e.opd AS opd, e.dokumen AS dokumen,
       e.lokasi AS lokasi, e.sumber_dana AS sumber_dana,
       reduce(s = 0, k IN [k IN keys(e) WHERE k STARTS WITH 'pagu_' AND k =~ 'pagu_[0-9]{4}']
              | s + coalesce(e[k], 0)) AS pagu
ORDER BY group, id
