// Pagu per sasaran dan program RPJMD / Budget roll-up to RPJMD priorities.
// Twin of queries/budget.py::budget_rollup; edges point child -> parent.
// One stream, one grouping: each source sub kegiatan (in id order, as the Python reference adds
// them) gives its pagu of a year to its pemda's total (t null) and to each RPJMD target it
// reaches; each target gives 0 to every year of its period, so it is listed even when nothing
// reaches it, and only for those years. Pemda are compared as slugs, written out as
// graph/ids.py::slug does it (NFKD, ASCII letters and digits kept, every other run of ASCII
// characters one '-'), each distinct name slugged once. The targets reached carry no label in
// the pattern on purpose: with `:Element` the planner, on a small or fresh graph, seeks every
// RPJMD target by index and tests a path into each from every source (1 pemda: 40 million db
// hits, 22 s); without it, it can only expand from the source (0.1 s).
CALL () {
  MATCH (s:Element {kind: 'sub_kegiatan'})
  WHERE s.dokumen_jenis = $sumber
  WITH s.pemda AS raw, collect(s) AS members
  WITH members, reduce(acc = '', c IN split(normalize(coalesce(raw, ''), NFKD), '') |
    CASE
      WHEN c =~ '[A-Za-z0-9]' THEN acc + toLower(c)
      WHEN c < '\u0080' AND acc <> '' AND NOT acc ENDS WITH '-' THEN acc + '-'
      ELSE acc
    END) AS slugged
  UNWIND members AS s
  WITH CASE WHEN slugged ENDS WITH '-' THEN left(slugged, size(slugged) - 1) ELSE slugged END
         AS pemda, s
    ORDER BY s.id
  WITH pemda, s, [k IN keys(s)
      WHERE k STARTS WITH 'pagu_' AND k =~ 'pagu_[0-9]{4}'
        AND (s[k] IS :: INTEGER NOT NULL OR s[k] IS :: FLOAT NOT NULL)
        AND ($tahun IS NULL OR k = 'pagu_' + toString($tahun))] AS years
  WHERE size(years) > 0
  WITH pemda, s, years, COLLECT {
      MATCH (s)-[:SUPPORTS*]->(t)
      WHERE t.kind IN ['sasaran', 'program'] AND t.dokumen_jenis = 'RPJMD'
      RETURN DISTINCT t
    } AS reached
  UNWIND years AS k
  WITH pemda, toInteger(substring(k, 5)) AS tahun, s[k] AS pagu, reached,
       any(t IN reached WHERE t.kind = 'sasaran') AS hits_sasaran
  UNWIND [null] + reached AS t
  RETURN pemda, tahun, t, pagu, CASE WHEN hits_sasaran THEN pagu ELSE 0 END AS to_sasaran,
         0 AS listed
  UNION ALL
  MATCH (t:Element)
  WHERE t.kind IN ['sasaran', 'program'] AND t.dokumen_jenis = 'RPJMD'
    AND t.periode =~ '[0-9]+(-[0-9]+)*'
  WITH t.pemda AS raw, collect(t) AS members
  WITH members, reduce(acc = '', c IN split(normalize(coalesce(raw, ''), NFKD), '') |
    CASE
      WHEN c =~ '[A-Za-z0-9]' THEN acc + toLower(c)
      WHEN c < '\u0080' AND acc <> '' AND NOT acc ENDS WITH '-' THEN acc + '-'
      ELSE acc
    END) AS slugged
  UNWIND members AS t
  UNWIND range(toInteger(split(t.periode, '-')[0]), toInteger(last(split(t.periode, '-'))))
    AS tahun
  WITH slugged, t, tahun
  WHERE $tahun IS NULL OR tahun = $tahun
  RETURN CASE WHEN slugged ENDS WITH '-' THEN left(slugged, size(slugged) - 1) ELSE slugged END
           AS pemda, tahun, t, 0 AS pagu, 0 AS to_sasaran, 1 AS listed
}
WITH pemda, tahun, t, sum(pagu) AS pagu, sum(to_sasaran) AS to_sasaran, max(listed) AS listed
WITH pemda, tahun, collect(CASE WHEN t IS NULL THEN [pagu, to_sasaran] END)[0] AS total,
     collect(CASE WHEN listed = 1 THEN t END) AS targets,
     collect(CASE WHEN listed = 1 THEN pagu END) AS pagus
WHERE total IS NOT NULL
UNWIND range(0, size(targets)) AS i
WITH tahun, total[0] AS pagu_sumber, CASE WHEN i = 0 THEN null ELSE targets[i - 1] END AS t,
     CASE WHEN i = 0 THEN total[1] ELSE pagus[i - 1] END AS pagu, pemda
RETURN tahun, coalesce(t.id, '*total:' + pemda) AS id, coalesce(t.kind, 'total') AS kind,
       t.kode AS kode,
       coalesce(t.nama, 'Total: pagu yang mencapai sasaran RPJMD / total reaching an RPJMD sasaran')
         AS nama,
       pagu, pagu_sumber,
       CASE WHEN pagu_sumber = 0 THEN null ELSE toFloat(pagu) / pagu_sumber END AS share
ORDER BY tahun, id
