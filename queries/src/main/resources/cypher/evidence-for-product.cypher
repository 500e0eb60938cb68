// name: evidence-for-product
// description: Every hop of every finding of one product (id or name): relation, source, evidence URL, date and archived record id.
// params: product
//
// Reads the current finding (latest run) and splits its JSON (compact Jackson output, as the deriver writes it):
// escaped quotes and backslashes are masked first and restored in the values returned.
MATCH (p:Product)
WHERE p.id = toString($product) OR p.name = toString($product)
CALL {
  WITH p
  OPTIONAL MATCH (f:ExposureFinding)-[:FOR]->(p)
  OPTIONAL MATCH (r:Run {id: f.runId})
  RETURN f
  ORDER BY r.startedAt IS NULL, r.startedAt DESC, f.runId DESC, f.profile
  LIMIT 1
}
WITH p, f
WHERE f IS NOT NULL
WITH p, f, split(replace(replace(coalesce(f.findings, '[]'), '\\\\', '\u0002'), '\\"', '\u0001'),
                 '{"route":') AS parts
UNWIND range(1, size(parts) - 1) AS finding
WITH p, f, finding, parts[finding] AS s
WITH p, f, finding, split(s, '"')[1] AS route, split(split(s, '"jurisdiction":')[1], '"')[1] AS jurisdiction,
     split(s, '{"from":') AS hops
UNWIND range(1, size(hops) - 1) AS hop
WITH p, f, finding, route, jurisdiction, hop, hops[hop] AS h
WITH p, f, finding, route, jurisdiction, hop,
     [key IN ['from', 'relation', 'to', 'source', 'evidence', 'date', 'recordId'] |
      CASE WHEN key = 'from' THEN CASE WHEN h STARTS WITH 'null' THEN null ELSE split(h, '"')[1] END
           WHEN size(split(h, '"' + key + '":')) < 2 THEN null
           WHEN split(h, '"' + key + '":')[1] STARTS WITH 'null' THEN null
           ELSE split(split(h, '"' + key + '":')[1], '"')[1]
      END] AS raw
WITH p, f, finding, route, jurisdiction, hop,
     [x IN raw | replace(replace(x, '\u0001', '"'), '\u0002', '\\')] AS v
RETURN p.id AS product_id, p.name AS product, f.verdict AS verdict, finding, route, jurisdiction, hop,
       v[0] AS from, v[1] AS relation, v[2] AS to, v[3] AS source, v[4] AS evidence, v[5] AS date,
       v[6] AS recordId, f.profile AS profile
ORDER BY product_id, finding, hop
