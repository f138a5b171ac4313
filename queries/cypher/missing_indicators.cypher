// Indikator, satuan atau target belum lengkap / Missing indicators or targets.
// Twin of queries/indicators.py::missing_indicators. The years due are those of the periode,
// less the years without pagu when the element has pagu in other years (a one-year document
// needs its year either way). A value is blank when absent, or text that trims to '' or '-'.
// The years and keys are worked out once per periode (there are few), not once per element.
MATCH (e:Element)
WHERE e.kind IN ['tujuan', 'sasaran', 'program', 'kegiatan', 'sub_kegiatan']
  AND ($kind IS NULL OR e.kind = $kind)
  AND ($dokumen IS NULL OR e.dokumen = $dokumen)
  AND ($jenis IS NULL OR e.dokumen_jenis = $jenis)
WITH toString(e.periode) AS periode, collect(e) AS elements
WITH elements, CASE WHEN periode =~ '[0-9]{4}(-[0-9]{4})?'
          THEN range(toInteger(left(periode, 4)), toInteger(right(periode, 4)))
          ELSE [] END AS years
WITH elements, [y IN years | 'pagu_' + toString(y)] AS pagu,
     [y IN years | 'target_' + toString(y)] AS target
UNWIND elements AS e
WITH e, target, CASE WHEN size(target) < 2 THEN [] ELSE
    [j IN range(0, size(pagu) - 1) WHERE e[pagu[j]] > 0 OR e[pagu[j]] < 0 | target[j]]
  END AS planned
WITH e, ['satuan'] + CASE WHEN size(planned) > 0 THEN planned ELSE target END AS expected
OPTIONAL MATCH (i:Indikator)-[:MEASURES]->(e)
WITH e, i, CASE WHEN i IS NULL THEN ['indikator'] ELSE
    [key IN expected WHERE i[key] IS NULL OR trim(toStringOrNull(i[key])) IN ['', '-']]
  END AS kurang
WHERE size(kurang) > 0
RETURN e.id AS id, e.kind AS kind, e.kode AS kode, e.nama AS nama, e.opd AS opd,
       e.dokumen AS dokumen, i.seq AS seq, i.nama AS indikator, kurang
ORDER BY id, seq
