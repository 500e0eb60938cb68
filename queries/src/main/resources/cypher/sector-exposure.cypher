// name: sector-exposure
// description: Per sector: operators, deployed products by current verdict (not derived yet counts as undetermined), and units deployed (sum of count).
// params: none
MATCH (op:Operator)-[d:DEPLOYS]->(p:Product)
CALL {
  WITH p
  OPTIONAL MATCH (f:ExposureFinding)-[:FOR]->(p)
  OPTIONAL MATCH (r:Run {id: f.runId})
  RETURN f
  ORDER BY r.startedAt IS NULL, r.startedAt DESC, f.runId DESC, f.profile
  LIMIT 1
}
WITH coalesce(d.sector, '(no sector)') AS sector, op, p, d, coalesce(f.verdict, 'UNDETERMINED') AS verdict
RETURN sector,
       count(DISTINCT op) AS operators,
       count(DISTINCT p) AS products,
       count(DISTINCT CASE WHEN verdict = 'EXPOSED' THEN p END) AS exposed,
       count(DISTINCT CASE WHEN verdict = 'UNDETERMINED' THEN p END) AS undetermined,
       count(DISTINCT CASE WHEN verdict = 'NOT_FOUND' THEN p END) AS not_found,
       sum(coalesce(toInteger(d.count), 0)) AS units,
       sum(CASE WHEN verdict = 'EXPOSED' THEN coalesce(toInteger(d.count), 0) ELSE 0 END) AS exposed_units
ORDER BY sector
