// Program di luar bidang urusan OPD / Programs outside their OPD's bidang.
// Twin of queries/ownership.py::opd_bidang_mismatches. bidang = the first two code segments;
// program penunjang (third segment 01), X.XX and programs without opd_bidang are left out.
MATCH (p:Element {kind: 'program'})
WHERE p.kode IS NOT NULL AND p.kode <> '' AND size(coalesce(p.opd_bidang, [])) > 0
  AND ($dokumen IS NULL OR p.dokumen = $dokumen)
  AND ($opd IS NULL OR p.opd IN $opd_spellings)
WITH p, split(p.kode, '.') AS parts
WITH p, parts, parts[0] + coalesce('.' + parts[1], '') AS bidang
WHERE coalesce(parts[2], '') <> '01' AND bidang <> 'X.XX' AND NOT bidang IN p.opd_bidang
RETURN p.id AS id, p.kode AS kode, p.nama AS nama, bidang, p.opd AS opd,
       p.opd_bidang AS opd_bidang, p.dokumen AS dokumen
ORDER BY id
