// name: ownership-chain
// description: The CONTROLLED_BY chains above one organization (id, LEI or name) up to each ultimate parent, with kind, share and evidence per hop.
// params: org
//
// One row per hop; chains are numbered when an organization has several parents. An organization without a
// parent on record gives one row with hop 0 and no parent.
MATCH (o:Organization)
WHERE o.id = toString($org) OR o.lei = toString($org) OR o.name = toString($org)
   OR toString($org) IN coalesce(o.names, [])
MATCH chain = (o)-[:CONTROLLED_BY*0..20]->(top:Organization)
WHERE NOT EXISTS {
  MATCH (top)-[up:CONTROLLED_BY]->(:Organization)
  WHERE NOT up IN relationships(chain)
}
WITH o, chain
ORDER BY o.id, length(chain) DESC, [n IN nodes(chain) | n.name]
WITH o, collect(chain) AS chains
UNWIND range(0, size(chains) - 1) AS c
WITH o, c + 1 AS chain, relationships(chains[c]) AS rels
UNWIND CASE WHEN size(rels) = 0 THEN [null] ELSE range(0, size(rels) - 1) END AS i
WITH o, chain, i, rels[i] AS r
WITH o, chain, i, r, CASE WHEN r IS NULL THEN o ELSE startNode(r) END AS child, endNode(r) AS parent
RETURN o.id AS org_id, chain, coalesce(i + 1, 0) AS hop,
       child.id AS from_id, child.name AS from, r.kind AS kind, r.share AS share,
       parent.id AS to_id, parent.name AS to,
       [(parent)-[:BASED_IN]->(j:Jurisdiction) | j.code] AS to_based_in,
       r.source AS source, r.evidence AS evidence, r.date AS date, r.recordId AS recordId
ORDER BY org_id, chain, hop
