// Kegiatan dan sub kegiatan yatim / Orphaned activities.
// Twin of queries/orphans.py::orphaned_activities; edges point child -> parent.
// One walk down from the anchors marks what reaches one (never a search up from each
// activity); an activity is orphaned when only the unmarked stream holds it.
CALL () {
  MATCH (a:Element)
  WHERE a.kind IN $chain_activities
    AND ($kind IS NULL OR a.kind = $kind)
    AND ($dokumen IS NULL OR a.dokumen = $dokumen)
    AND ($jenis IS NULL OR a.dokumen_jenis = $jenis)
    AND ($opd IS NULL OR a.opd IN $opd_spellings)
  RETURN a, 0 AS linked
  UNION ALL
  MATCH (t:Element {kind: split($anchor, ':')[1]})
  WHERE t.dokumen_jenis = split($anchor, ':')[0]
  MATCH (t)<-[:SUPPORTS*0..]-(a)
  RETURN DISTINCT a, 1 AS linked
}
WITH a, max(linked) AS linked
WHERE linked = 0
WITH a, COLLECT {
    MATCH (a)-[:SUPPORTS*0..]->(top:Element)
    WHERE NOT EXISTS { (top)-[:SUPPORTS]->() }
    WITH DISTINCT top
    RETURN top ORDER BY top.level DESC, top.id LIMIT 1
  } AS tops
WITH a, tops[0] AS top
RETURN a.id AS id, a.kind AS kind, a.kode AS kode, a.nama AS nama, a.opd AS opd,
       a.dokumen AS dokumen,
       reduce(s = 0, k IN [k IN keys(a) WHERE k STARTS WITH 'pagu_' AND k =~ 'pagu_[0-9]{4}']
              | s + coalesce(a[k], 0)) AS pagu,
       CASE WHEN EXISTS { (a)-[:SUPPORTS]->() } THEN 'inherited' ELSE 'direct' END AS break_type,
       top.id AS break_id, top.kind AS break_kind, top.nama AS break_nama
ORDER BY id
