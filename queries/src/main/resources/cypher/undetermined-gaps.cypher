// name: undetermined-gaps
// description: Products whose current verdict is UNDETERMINED (or not derived yet), one row per named gap, with who deploys them.
// params: none
MATCH (p:Product)
CALL {
  WITH p
  OPTIONAL MATCH (f:ExposureFinding)-[:FOR]->(p)
  OPTIONAL MATCH (r:Run {id: f.runId})
  RETURN f
  ORDER BY r.startedAt IS NULL, r.startedAt DESC, f.runId DESC, f.profile
  LIMIT 1
}
WITH p, f
WHERE f IS NULL OR f.verdict = 'UNDETERMINED'
WITH p, f, CASE WHEN f IS NULL THEN ['not derived yet']
                WHEN size(coalesce(f.gaps, [])) = 0 THEN ['no gap named']
                ELSE f.gaps END AS gaps
UNWIND gaps AS gap
RETURN p.id AS product_id, p.name AS product, p.vendor AS vendor, gap,
       [(op:Operator)-[:DEPLOYS]->(p) | op.name] AS deployed_by, f.profile AS profile
ORDER BY product, product_id, gap
