// Program ganda / Duplicated programs.
// Twin of queries/duplicates.py::duplicated_programs; edges point child -> parent.
// Program penunjang (third code segment 01) is excluded everywhere.
CALL () {
  MATCH (p:Element {kind: 'program'})
  WHERE p.kode IS NOT NULL AND split(p.kode, '.')[2] <> '01'
    AND COUNT {
      (p)-[:SUPPORTS]->(s:Element {kind: 'sasaran'}) WHERE s.dokumen = p.dokumen
    } >= 2
  RETURN 'kode_ganda' AS reason, p.id AS group_id, p AS member
  UNION
  MATCH (p:Element {kind: 'program'})
  WHERE p.kode IS NOT NULL AND split(p.kode, '.')[2] <> '01'
  WITH p.pemda AS pemda, p.dokumen_jenis AS jenis, p.periode AS periode, p.kode AS kode,
       collect(p) AS members
  WITH members, [m IN members | coalesce($opd_keys[m.opd], '')] AS opds  // one OPD however spelled
  WHERE size(reduce(o = [], k IN opds | CASE WHEN k IN o THEN o ELSE o + [k] END)) >= 2
    AND any(m IN members WHERE NOT substring(m.kode, 0, 4) IN coalesce(m.opd_bidang, []))
  UNWIND members AS member
  WITH members, member
  UNWIND members AS m
  WITH member, min(m.id) AS group_id
  RETURN 'bidang_lain' AS reason, group_id, member
  UNION
  // programs named as the nomenclature in force (loaded last) names their code: two of them are
  // two programs however alike their names (name keys as queries/nomenclature.py::name_key)
  OPTIONAL MATCH (v:NomenklaturVersi)
  WITH v ORDER BY v.loaded_at DESC, v.versi DESC LIMIT 1
  OPTIONAL MATCH (o:Element {kind: 'program'}), (n:Nomenklatur {versi: v.versi, kode: o.kode})
  WITH o, [name IN [o.nama, n.nama] | [w IN split(reduce(t = '', c IN split(toLower(name), '') |
      t + CASE WHEN c =~ '[a-z0-9]' THEN c ELSE ' ' END), ' ') WHERE w <> '']] AS keys
  WITH collect(CASE WHEN keys[0] = keys[1] THEN o.id END) AS official
  MATCH (p:Element {kind: 'program'})
  WHERE p.kode IS NOT NULL AND split(p.kode, '.')[2] <> '01' AND size(coalesce(p.mirip, [])) > 0
  WITH p, [m IN p.mirip WHERE NOT (p.id IN official AND m IN official) AND EXISTS {
      MATCH (q:Element {id: m, kind: 'program'}) WHERE split(q.kode, '.')[2] <> '01'
    }] AS similar
  WHERE size(similar) > 0
  UNWIND [p.id] + similar AS g
  WITH p, min(g) AS group_id
  RETURN 'nama_mirip' AS reason, group_id, p AS member
}
WITH reason, group_id, member
WHERE ($reason IS NULL OR reason = $reason)
  AND ($dokumen IS NULL OR member.dokumen = $dokumen)
RETURN reason + ':' + group_id AS group, reason, member.id AS id, member.kode AS kode,
       member.nama AS nama, member.opd AS opd, member.dokumen AS dokumen
ORDER BY group, reason, id
