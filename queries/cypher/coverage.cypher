// Cakupan keterlacakan per pemda, OPD dan dokumen / Traceability coverage.
// Twin of queries/coverage.py::coverage; edges point child -> parent.
// The elements that reach an anchor, found once: a walk down from each anchor, in which the
// planner visits an element once per anchor above it (a pruning breadth-first expand, as only
// distinct elements are kept), instead of a walk up from every activity.
CALL () {
  MATCH (t:Element)
  WHERE t.kind IN [anchor IN $chain_anchors | split(anchor, ':')[1]]  // by the index on kind
    AND (t.dokumen_jenis + ':' + t.kind) IN $chain_anchors
  MATCH (a)-[:SUPPORTS*0..]->(t)
  RETURN collect(DISTINCT a) AS reaching
}
MATCH (e:Element)
WHERE $jenis IS NULL OR e.dokumen_jenis = $jenis
WITH e, reaching, e.kind IN $chain_activities AS is_act,
     (e.dokumen_jenis + ':' + e.kind) IN $chain_priorities AS is_prio
WITH e, is_act, is_prio,
     is_act AND e IN reaching AS is_linked,
     CASE WHEN is_prio THEN EXISTS {  // a without a label: expanded from e, never sought by index
       MATCH (a)-[:SUPPORTS*1..]->(e) WHERE a.kind IN $chain_activities
     } ELSE false END AS is_supported,
     CASE WHEN e.kind = $pagu_kind
       THEN reduce(s = 0, k IN [k IN keys(e) WHERE k STARTS WITH 'pagu_' AND k =~ 'pagu_[0-9]{4}']
                   | s + e[k])
       ELSE 0 END AS money
// First one row per place (pemda, OPD as written, document), then each place into its groups:
// the group keys are strings, made a few thousand times rather than three times per element.
WITH e.pemda AS pemda, e.opd AS opd, e.dokumen AS dokumen,
     sum(CASE WHEN is_act THEN 1 ELSE 0 END) AS activities,
     sum(CASE WHEN is_linked THEN 1 ELSE 0 END) AS linked,
     sum(CASE WHEN is_prio THEN 1 ELSE 0 END) AS priorities,
     sum(CASE WHEN is_supported THEN 1 ELSE 0 END) AS supported,
     sum(money) AS pagu,
     sum(CASE WHEN is_linked THEN money ELSE 0 END) AS pagu_traced
WITH activities, linked, priorities, supported, pagu, pagu_traced,
     [['pemda', coalesce(pemda, ''), coalesce(pemda, ''), coalesce(pemda, '')],
      ['dokumen', dokumen, dokumen, dokumen]]
     // an OPD grouped by its key, shown by the first of its names written out ($opd_short:
     // the names read as short for another), or of all its names if none is
     + CASE WHEN coalesce(opd, '') <> ''
         THEN [['opd', coalesce(pemda, '') + ' / ' + $opd_keys[opd],
                CASE WHEN opd IN $opd_short THEN null ELSE coalesce(pemda, '') + ' / ' + opd END,
                coalesce(pemda, '') + ' / ' + opd]] ELSE [] END AS keys
UNWIND keys AS key
WITH key[0] AS tingkat, key[1] AS group, coalesce(min(key[2]), min(key[3])) AS id,
     sum(activities) AS activities, sum(linked) AS linked, sum(priorities) AS priorities,
     sum(supported) AS supported, sum(pagu) AS pagu, sum(pagu_traced) AS pagu_traced
WHERE $tingkat IS NULL OR tingkat = $tingkat
RETURN tingkat, id, activities, linked,
       CASE WHEN activities = 0 THEN null ELSE toFloat(linked) / activities END AS share_linked,
       priorities, supported,
       CASE WHEN priorities = 0 THEN null ELSE toFloat(supported) / priorities END
         AS share_supported,
       pagu, pagu_traced,
       CASE WHEN pagu = 0 THEN null ELSE toFloat(pagu_traced) / pagu END AS share_pagu
ORDER BY CASE tingkat WHEN 'pemda' THEN 0 WHEN 'opd' THEN 1 ELSE 2 END, id
