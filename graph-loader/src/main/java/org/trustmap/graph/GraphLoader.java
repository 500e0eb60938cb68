package org.trustmap.graph;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;
import org.trustmap.graph.ResolvedGraph.BasedIn;
import org.trustmap.graph.ResolvedGraph.Deployment;
import org.trustmap.graph.ResolvedGraph.Edge;
import org.trustmap.graph.ResolvedGraph.ExceptionFact;
import org.trustmap.graph.ResolvedGraph.FlagFact;
import org.trustmap.graph.ResolvedGraph.Org;
import org.trustmap.graph.ResolvedGraph.Product;
import org.trustmap.graph.ResolvedGraph.Provenance;

/**
 * Writes the resolved graph to Neo4j through the driver: {@code UNWIND $rows AS row MERGE ...} on constrained keys,
 * in batches, each batch one managed (retried) write transaction. Every fact carries a stamp (the hash of the
 * resolved graph); after a load, facts with another stamp are no longer stated by any source and are retired. A load
 * repeated or resumed after a crash therefore leaves exactly the same graph.
 */
public final class GraphLoader {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(GraphLoader.class);
    static final int BATCH = 5_000;
    static final Set<String> FACT_TYPES = Set.of("MADE_BY", "CONTAINS", "SENDS_DATA_TO", "ADMINISTERED_BY",
            "CONTROLLED_BY", "BASED_IN", "DEPLOYS", "HAS_EXCEPTION", "FLAGGED");

    private static final List<String> SCHEMA = List.of(
            "CREATE CONSTRAINT organization_id IF NOT EXISTS FOR (n:Organization) REQUIRE n.id IS UNIQUE",
            "CREATE CONSTRAINT product_id IF NOT EXISTS FOR (n:Product) REQUIRE n.id IS UNIQUE",
            "CREATE CONSTRAINT jurisdiction_code IF NOT EXISTS FOR (n:Jurisdiction) REQUIRE n.code IS UNIQUE",
            "CREATE CONSTRAINT operator_name IF NOT EXISTS FOR (n:Operator) REQUIRE n.name IS UNIQUE",
            "CREATE CONSTRAINT exception_key IF NOT EXISTS FOR (n:ReportingException) REQUIRE n.key IS UNIQUE",
            "CREATE CONSTRAINT finding_id IF NOT EXISTS FOR (n:ExposureFinding) REQUIRE n.id IS UNIQUE",
            "CREATE CONSTRAINT flag_id IF NOT EXISTS FOR (n:Flag) REQUIRE n.id IS UNIQUE",
            "CREATE CONSTRAINT run_id IF NOT EXISTS FOR (n:Run) REQUIRE n.id IS UNIQUE",
            "CREATE INDEX organization_lei IF NOT EXISTS FOR (n:Organization) ON (n.lei)",
            "CREATE INDEX organization_name IF NOT EXISTS FOR (n:Organization) ON (n.name)",
            "CREATE INDEX finding_product IF NOT EXISTS FOR (n:ExposureFinding) ON (n.productId)");

    private final Driver driver;
    private final String database;

    public GraphLoader(Driver driver, String database) {
        this.driver = driver;
        this.database = database;
    }

    /** Counts of what a load wrote and retired. */
    public record LoadResult(String stamp, int organizations, int products, int facts, long retired) {
    }

    public void createSchema() {
        long t0 = System.nanoTime();
        try (Session s = session()) {
            for (String statement : SCHEMA) {
                // a managed transaction, so that it is retried like the writes when the server goes away
                s.executeWriteWithoutResult(tx -> tx.run(statement).consume());
            }
        }
        LOG.debug("schema in {} ms", (System.nanoTime() - t0) / 1_000_000);
    }

    public LoadResult load(ResolvedGraph graph) {
        createSchema();
        List<Map<String, Object>> orgRows = graph.organizations().stream().map(GraphLoader::row).toList();
        List<Map<String, Object>> productRows = graph.products().stream().map(GraphLoader::row).toList();
        List<Map<String, Object>> jurisdictions = graph.basedIn().stream().map(BasedIn::code).distinct().sorted()
                .map(c -> Map.<String, Object>of("code", c)).toList();
        List<Map<String, Object>> deployments = dedupe(graph.deployments().stream().map(GraphLoader::row).toList());
        List<Map<String, Object>> basedIn = dedupe(graph.basedIn().stream().map(GraphLoader::row).toList());
        List<Map<String, Object>> exceptions = dedupe(graph.exceptions().stream().map(GraphLoader::row).toList());
        List<Map<String, Object>> flags = dedupe(graph.flags().stream().map(GraphLoader::row).toList());
        Map<String, List<Map<String, Object>>> edgesByType = new LinkedHashMap<>();
        for (Edge e : graph.edges()) {
            edgesByType.computeIfAbsent(e.type(), k -> new ArrayList<>()).add(row(e));
        }
        edgesByType.replaceAll((k, v) -> dedupe(v));
        String stamp = stamp(orgRows, productRows, deployments, basedIn, exceptions, flags, edgesByType);

        write("""
                UNWIND $rows AS row
                MERGE (o:Organization {id: row.id})
                SET o.name = row.name, o.names = row.names, o.lei = row.lei, o.legalJurisdiction = row.legalJurisdiction,
                    o.legalCountry = row.legalCountry, o.hqCountry = row.hqCountry, o.sources = row.sources,
                    o.records = row.records, o.stamp = $stamp
                """, orgRows, stamp);
        write("""
                UNWIND $rows AS row
                MERGE (p:Product {id: row.id})
                SET p.name = row.name, p.vendor = row.vendor, p.model = row.model, p.cpe = row.cpe,
                    p.fccId = row.fccId, p.mac = row.mac, p.stamp = $stamp
                """, productRows, stamp);
        write("UNWIND $rows AS row MERGE (j:Jurisdiction {code: row.code}) SET j.stamp = $stamp", jurisdictions, stamp);
        write("""
                UNWIND $rows AS row
                MERGE (op:Operator {name: row.operator}) SET op.stamp = $stamp
                WITH op, row
                MATCH (p:Product {id: row.productId})
                MERGE (op)-[r:DEPLOYS {key: row.key}]->(p)
                SET r += row.props, r.stamp = $stamp
                """, deployments, stamp);
        write("""
                UNWIND $rows AS row
                MATCH (o:Organization {id: row.orgId}), (j:Jurisdiction {code: row.code})
                MERGE (o)-[r:BASED_IN {key: row.key}]->(j)
                SET r += row.props, r.stamp = $stamp
                """, basedIn, stamp);
        write("""
                UNWIND $rows AS row
                MATCH (o:Organization {id: row.orgId})
                MERGE (x:ReportingException {key: row.key})
                SET x += row.props, x.stamp = $stamp
                MERGE (o)-[r:HAS_EXCEPTION {key: row.key}]->(x)
                SET r.stamp = $stamp
                """, exceptions, stamp);
        write("""
                UNWIND $rows AS row
                MATCH (o:Organization {id: row.orgId})
                MERGE (f:Flag {id: row.flag}) SET f.stamp = $stamp
                MERGE (o)-[r:FLAGGED {key: row.key}]->(f)
                SET r += row.props, r.stamp = $stamp
                """, flags, stamp);
        for (Map.Entry<String, List<Map<String, Object>>> e : edgesByType.entrySet()) {
            boolean toProduct = e.getKey().equals("CONTAINS");
            boolean fromOrg = e.getKey().equals("CONTROLLED_BY");
            // the relationship type comes from the closed set checked by the staging shapes, never from free text
            String type = checkedType(e.getKey());
            write("UNWIND $rows AS row\n"
                    + "MATCH (a:" + (fromOrg ? "Organization" : "Product") + " {id: row.from}), (b:"
                    + (toProduct ? "Product" : "Organization") + " {id: row.to})\n"
                    + "MERGE (a)-[r:" + type + " {key: row.key}]->(b)\n"
                    + "SET r += row.props, r.stamp = $stamp", e.getValue(), stamp);
        }
        long retired = retire(stamp);
        int facts = deployments.size() + basedIn.size() + exceptions.size() + flags.size()
                + edgesByType.values().stream().mapToInt(List::size).sum();
        return new LoadResult(stamp, orgRows.size(), productRows.size(), facts, retired);
    }

    private static String checkedType(String type) {
        if (!FACT_TYPES.contains(type)) {
            throw new IllegalArgumentException("unknown relationship type " + type);
        }
        return type;
    }

    /** Deletes facts and nodes a source no longer states (their stamp is not this load's). */
    private long retire(String stamp) {
        long n = 0;
        try (Session s = session()) {
            n += s.executeWrite(tx -> tx.run("""
                    MATCH ()-[r:MADE_BY|CONTAINS|SENDS_DATA_TO|ADMINISTERED_BY|CONTROLLED_BY|BASED_IN|DEPLOYS|HAS_EXCEPTION|FLAGGED]->()
                    WHERE r.stamp <> $stamp DELETE r RETURN count(*) AS n""", Map.of("stamp", stamp))
                    .single().get("n").asLong());
            n += s.executeWrite(tx -> tx.run("""
                    MATCH (x) WHERE (x:Organization OR x:Product OR x:Jurisdiction OR x:Operator OR x:ReportingException OR x:Flag)
                      AND x.stamp <> $stamp
                    DETACH DELETE x RETURN count(*) AS n""", Map.of("stamp", stamp)).single().get("n").asLong());
        }
        return n;
    }

    private void write(String cypher, List<Map<String, Object>> rows, String stamp) {
        long t0 = System.nanoTime();
        try (Session s = session()) {
            for (int i = 0; i < rows.size(); i += BATCH) {
                List<Map<String, Object>> batch = rows.subList(i, Math.min(rows.size(), i + BATCH));
                s.executeWrite(tx -> tx.run(cypher, Map.of("rows", batch, "stamp", stamp)).consume());
            }
        }
        LOG.debug("{} rows in {} ms: {}", rows.size(), (System.nanoTime() - t0) / 1_000_000,
                cypher.lines().skip(1).findFirst().orElse(cypher).strip());
    }

    private Session session() {
        return driver.session(SessionConfig.forDatabase(database));
    }

    private static List<Map<String, Object>> dedupe(List<Map<String, Object>> rows) {
        Map<Object, Map<String, Object>> byKey = new LinkedHashMap<>();
        for (Map<String, Object> r : rows) {
            byKey.putIfAbsent(r.get("key"), r);
        }
        return List.copyOf(byKey.values());
    }

    private static Map<String, Object> row(Org o) {
        Map<String, Object> m = new HashMap<>();
        m.put("id", o.id());
        m.put("name", o.name());
        m.put("names", o.names());
        m.put("lei", o.lei());
        m.put("legalJurisdiction", o.legalJurisdiction());
        m.put("legalCountry", o.legalCountry());
        m.put("hqCountry", o.hqCountry());
        m.put("sources", o.sources());
        m.put("records", o.records());
        return m;
    }

    private static Map<String, Object> row(Product p) {
        Map<String, Object> m = new HashMap<>();
        m.put("id", p.id());
        m.put("name", p.name());
        m.put("vendor", p.vendor());
        m.put("model", p.model());
        m.put("cpe", p.cpe());
        m.put("fccId", p.fccId());
        m.put("mac", p.mac());
        return m;
    }

    private static Map<String, Object> row(Deployment d) {
        Map<String, Object> props = provenance(d.provenance());
        props.put("sector", d.sector());
        props.put("count", d.count());
        return keyed(props, "DEPLOYS", d.operator(), d.productId(), d.sector(), d.provenance().source(),
                d.provenance().evidence(), d.provenance().recordRef(), Map.of("operator", d.operator(),
                        "productId", d.productId()));
    }

    private static Map<String, Object> row(BasedIn b) {
        Map<String, Object> props = provenance(b.provenance());
        props.put("basis", b.basis());
        props.put("detail", b.detail());
        return keyed(props, "BASED_IN", b.orgId(), b.code(), b.basis(), b.provenance().source(),
                b.provenance().evidence(), b.provenance().recordRef(), Map.of("orgId", b.orgId(), "code", b.code()));
    }

    private static Map<String, Object> row(ExceptionFact x) {
        Map<String, Object> props = provenance(x.provenance());
        props.put("category", x.category());
        props.put("reason", x.reason());
        return keyed(props, "EXCEPTION", x.orgId(), x.category(), x.reason(), x.provenance().source(),
                x.provenance().evidence(), "", Map.of("orgId", x.orgId()));
    }

    private static Map<String, Object> row(FlagFact f) {
        Map<String, Object> props = provenance(f.provenance());
        return keyed(props, "FLAGGED", f.orgId(), f.flag(), "", f.provenance().source(), f.provenance().evidence(),
                f.provenance().recordRef(), Map.of("orgId", f.orgId(), "flag", f.flag()));
    }

    private static Map<String, Object> row(Edge e) {
        Map<String, Object> props = provenance(e.provenance());
        props.put("kind", e.kind());
        props.put("share", e.share() == null ? null : e.share().doubleValue());
        props.put("status", e.status());
        return keyed(props, e.type(), e.fromId(), e.toId(), e.kind(), e.provenance().source(),
                e.provenance().evidence(), e.provenance().recordRef(), Map.of("from", e.fromId(), "to", e.toId()));
    }

    private static Map<String, Object> provenance(Provenance p) {
        Map<String, Object> m = new HashMap<>();
        m.put("source", p.source());
        m.put("evidence", p.evidence());
        m.put("date", p.date());
        m.put("recordId", p.recordId());
        m.put("recordRef", p.recordRef());
        m.put("confidence", p.confidence());
        return m;
    }


    private static Map<String, Object> keyed(Map<String, Object> props, String type, String a, String b, String c,
                                             String source, String evidence, String ref, Map<String, Object> ends) {
        Map<String, Object> row = new HashMap<>(ends);
        row.put("key", sha1(String.join("|", type, a, b, String.valueOf(c), String.valueOf(source),
                String.valueOf(evidence), String.valueOf(ref))));
        props.values().removeIf(java.util.Objects::isNull);
        row.put("props", props);
        return row;
    }

    /** A digest of every row to load, row by row (keys sorted), so equal inputs give an equal stamp. */
    private static String stamp(Object... parts) {
        MessageDigest md = sha1();
        for (Object part : parts) {
            digest(md, part);
            md.update((byte) '|');
        }
        return HexFormat.of().formatHex(md.digest()).substring(0, 16);
    }

    private static void digest(MessageDigest md, Object value) {
        if (value instanceof Map<?, ?> map) {
            new java.util.TreeMap<Object, Object>(map).forEach((k, v) -> {
                md.update(String.valueOf(k).getBytes(StandardCharsets.UTF_8));
                md.update((byte) '=');
                digest(md, v);
                md.update((byte) ';');
            });
        } else if (value instanceof List<?> list) {
            list.forEach(v -> {
                digest(md, v);
                md.update((byte) ',');
            });
        } else {
            md.update(String.valueOf(value).getBytes(StandardCharsets.UTF_8));
        }
    }

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha1(String s) {
        return HexFormat.of().formatHex(sha1().digest(s.getBytes(StandardCharsets.UTF_8)));
    }
}
