// name: exposed-products
// description: Products whose current verdict is EXPOSED, with who deploys them in which sector and the route and jurisdiction of each finding.
// params: none
//
// The current finding of a product is the one of the latest run. Routes and jurisdictions are read from the
// finding's JSON (compact Jackson output, as the deriver writes it): escaped quotes and backslashes are masked
// first, so values containing them cannot be mistaken for keys.
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
WHERE f.verdict = 'EXPOSED'
WITH p, f, replace(replace(coalesce(f.findings, '[]'), '\\\\', '\u0002'), '\\"', '\u0001') AS json
WITH p, f, [s IN tail(split(json, '{"route":')) |
            {route: split(s, '"')[1], jurisdiction: split(split(s, '"jurisdiction":')[1], '"')[1]}] AS routes
OPTIONAL MATCH (op:Operator)-[d:DEPLOYS]->(p)
UNWIND CASE WHEN size(routes) = 0 THEN [{}] ELSE routes END AS route
RETURN p.id AS product_id, p.name AS product, p.vendor AS vendor, op.name AS operator, d.sector AS sector,
       d.count AS count, route.route AS route, route.jurisdiction AS jurisdiction, count(*) AS paths,
       f.profile AS profile
ORDER BY sector, operator, product, product_id, route, jurisdiction
