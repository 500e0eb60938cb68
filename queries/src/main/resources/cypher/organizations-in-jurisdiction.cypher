// name: organizations-in-jurisdiction
// description: Organizations based in one jurisdiction (ISO code, e.g. CN), with the bases and evidence, their parent and how many products reach them directly.
// params: code
MATCH (o:Organization)-[b:BASED_IN]->(j:Jurisdiction)
WHERE j.code = toUpper(toString($code))
WITH o, collect(DISTINCT b.basis) AS bases, collect(DISTINCT b.source) AS sources,
     collect(DISTINCT b.evidence) AS evidence
RETURN o.id AS org_id, o.name AS name, o.lei AS lei, bases, sources, evidence,
       [(o)-[:CONTROLLED_BY]->(parent:Organization) | parent.name] AS parents,
       COUNT { (:Product)-[:MADE_BY|SENDS_DATA_TO|ADMINISTERED_BY]->(o) } AS products
ORDER BY name, org_id
