// Kode dan nama tidak sesuai nomenklatur / Nomenclature mismatches.
// Twin of queries/nomenclature.py::nomenclature_mismatches. The official lists are
// (:Nomenklatur {versi, kode, level, nama}) nodes, never :Element; the version in force is
// $versi, or the most recently loaded (:NomenklaturVersi).
MATCH (v:NomenklaturVersi)
WHERE $versi IS NULL OR v.versi = $versi
WITH v.versi AS versi ORDER BY v.loaded_at DESC, v.versi DESC LIMIT 1
MATCH (e:Element)
WHERE e.kind IN ['program', 'kegiatan', 'sub_kegiatan'] AND e.kode IS NOT NULL AND e.kode <> ''
  AND toUpper(split(e.kode, '.')[0]) <> 'X'
  AND ($dokumen IS NULL OR e.dokumen = $dokumen)
WITH versi, e, split(e.kode, '.') AS parts
// program penunjang of an OPD (a.bb.01...) is also looked up as its generic X.XX.01... code
WITH versi, e, parts,
     CASE WHEN size(parts) >= 3 AND parts[2] = '01'
          THEN 'X.XX.' + reduce(s = '', p IN parts[2..] |
            s + CASE s WHEN '' THEN '' ELSE '.' END + p) END AS generic_kode
OPTIONAL MATCH (exact:Nomenklatur {versi: versi, kode: e.kode})
  USING INDEX SEEK exact:Nomenklatur(versi, kode)
OPTIONAL MATCH (generic:Nomenklatur {versi: versi, kode: generic_kode})
  USING INDEX SEEK generic:Nomenklatur(versi, kode)
WITH versi, e, parts, coalesce(exact, generic) AS n,
     split(replace(toLower(trim(coalesce(e.pemda, ''))), '.', ' '), ' ')[0] AS pemda_word
// name keys (queries/nomenclature.py::name_key): lower case, all but a-z0-9 a space, spaces single
WITH versi, e, parts, n,
     CASE WHEN pemda_word IN ['provinsi', 'prov'] THEN '1'
          WHEN pemda_word IN ['kabupaten', 'kab', 'kota'] THEN '2' END AS expected,
     CASE WHEN n IS NOT NULL THEN [name IN [e.nama, n.nama] |
       reduce(s = '', w IN [w IN split(reduce(t = '', c IN split(toLower(name), '') |
           t + CASE WHEN c =~ '[a-z0-9]' THEN c ELSE ' ' END), ' ') WHERE w <> ''] |
         s + CASE s WHEN '' THEN '' ELSE ' ' END + w)] END AS keys
WITH versi, e, parts, n, expected, keys,
     CASE WHEN keys IS NOT NULL AND keys[0] <> keys[1]
          THEN [split(keys[0], ''), split(keys[1], '')] END AS chars
// similarity (rapidfuzz fuzz.ratio, rounded down): 200 * LCS / (sum of the key lengths).
// LCS = common prefix + common suffix + LCS of what is between them (x, y), whose table is
// filled one anti-diagonal (i + j = k) at a time, keeping the last two, so each step is one
// list comprehension: d[0] is diagonal k - 2, d[1] diagonal k - 1, both indexed by i.
WITH versi, e, parts, n, expected, keys, chars,
     CASE WHEN chars IS NULL THEN 0
          WHEN size(chars[0]) < size(chars[1]) THEN size(chars[0]) ELSE size(chars[1]) END AS m
WITH versi, e, parts, n, expected, keys, chars, m,
     head([i IN range(0, m - 1) WHERE chars[0][i] <> chars[1][i]] + [m]) AS pre
WITH versi, e, parts, n, expected, keys, chars, pre,
     head([i IN range(0, m - pre - 1)
           WHERE chars[0][size(chars[0]) - 1 - i] <> chars[1][size(chars[1]) - 1 - i]]
          + [m - pre]) AS suf
WITH versi, e, parts, n, expected, keys, pre + suf AS same,
     chars[0][pre..size(chars[0]) - suf] AS x, chars[1][pre..size(chars[1]) - suf] AS y
WITH versi, e, parts, n, expected, keys, same, x, y, size(x) AS nx, size(y) AS ny
WITH versi, e, parts, n, expected,
     CASE WHEN keys IS NULL THEN null
          WHEN keys[0] = keys[1] THEN 100
          ELSE 200 * (same + reduce(d = [[i IN range(0, nx) | 0], [i IN range(0, nx) | 0]],
                                    k IN range(1, nx + ny) |
            [d[1], [i IN range(0, nx) |
              CASE WHEN i = 0 OR k - i < 1 OR k - i > ny THEN 0
                   WHEN x[i - 1] = y[k - i - 1] THEN d[0][i - 1] + 1
                   WHEN d[1][i - 1] >= d[1][i] THEN d[1][i - 1]
                   ELSE d[1][i] END]])[1][nx])
            / (size(keys[0]) + size(keys[1])) END AS score
UNWIND [
  CASE WHEN n IS NULL THEN 'tidak_ada' END,
  CASE WHEN score < $kemiripan THEN 'nama_beda' END,
  CASE WHEN e.kind <> 'program' AND expected IS NOT NULL AND size(parts) >= 5
            AND parts[3] <> expected THEN 'kewenangan' END
] AS jenis
WITH versi, e, n, score, jenis
WHERE jenis IS NOT NULL AND ($jenis IS NULL OR jenis = $jenis)
RETURN e.id AS id, e.kind AS kind, e.kode AS kode, e.nama AS nama, e.opd AS opd,
       e.dokumen AS dokumen, jenis, n.nama AS nama_resmi,
       CASE jenis WHEN 'nama_beda' THEN score END AS kemiripan, versi
ORDER BY jenis, id
