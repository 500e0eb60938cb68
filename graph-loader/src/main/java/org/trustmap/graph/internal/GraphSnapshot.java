package org.trustmap.graph.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.Value;

/**
 * The part of the graph the exposure rules read. {@link #read} fetches only what the products reach: every product
 * with its routes and components, then the organizations those routes reach and, level by level, their parents, each
 * with its jurisdictions, exceptions, flags and whether some organization names it as its ultimate parent. A GLEIF
 * golden copy of millions of entities behind an inventory of thousands of products is mostly never read.
 * {@link #readAll} reads every organization (the reference the reachable read is tested against).
 */
public final class GraphSnapshot {
    /** A fact edge with its provenance properties. */
    public record Fact(String from, String type, String to, Map<String, Object> props) {
        public Object prop(String key) {
            return props.get(key);
        }
    }

    public final Map<String, String> productNames = new TreeMap<>();
    /** Products some operator deploys: the ones that get a verdict (components are judged through them). */
    public final java.util.Set<String> deployed = new java.util.TreeSet<>();
    public final Map<String, String> orgNames = new HashMap<>();
    public final Map<String, List<Fact>> routesFrom = new HashMap<>();
    public final Map<String, List<Fact>> componentsOf = new HashMap<>();
    public final Map<String, List<Fact>> parentsOf = new HashMap<>();
    public final Map<String, List<Fact>> basedIn = new HashMap<>();
    public final Map<String, List<Fact>> exceptions = new HashMap<>();
    public final Map<String, List<Fact>> flags = new HashMap<>();
    /** Organizations that some GLEIF record names as an ultimate consolidating parent. */
    public final Map<String, Fact> ultimateParents = new HashMap<>();

    /** Organizations looked up per query while walking up from the products. */
    static final int BATCH = 10_000;

    /** What the products reach, read level by level (see the class comment). */
    public static GraphSnapshot read(Session session) {
        // a new snapshot per attempt: the driver retries this transaction when the server goes away mid-read
        return session.executeRead(tx -> {
            GraphSnapshot s = new GraphSnapshot();
            products(tx, s);
            java.util.Set<String> seen = new java.util.HashSet<>();
            java.util.TreeSet<String> next = new java.util.TreeSet<>();
            s.routesFrom.values().forEach(facts -> facts.forEach(f -> next.add(f.to())));
            while (!next.isEmpty()) {
                List<String> level = new ArrayList<>(next);
                next.clear();
                seen.addAll(level);
                for (int i = 0; i < level.size(); i += BATCH) {
                    Map<String, Object> ids = Map.of("ids", level.subList(i, Math.min(level.size(), i + BATCH)));
                    tx.run("UNWIND $ids AS id MATCH (o:Organization {id: id}) RETURN o.id AS id,"
                            + " coalesce(o.name, o.id) AS name", ids).forEachRemaining(
                            r -> s.orgNames.put(r.get("id").asString(), r.get("name").asString()));
                    tx.run("""
                            UNWIND $ids AS id MATCH (a:Organization {id: id})-[r:CONTROLLED_BY]->(b:Organization)
                            RETURN a.id AS from, type(r) AS type, b.id AS to, properties(r) AS props
                            ORDER BY from, to, r.key""", ids).forEachRemaining(r -> {
                        Fact f = fact(r);
                        add(s.parentsOf, f, true);
                        if (!seen.contains(f.to())) {
                            next.add(f.to());
                        }
                    });
                    tx.run("""
                            UNWIND $ids AS id MATCH (a:Organization)-[r:CONTROLLED_BY]->(b:Organization {id: id})
                            WHERE r.kind = 'ULTIMATE_CONSOLIDATION'
                            RETURN a.id AS from, type(r) AS type, b.id AS to, properties(r) AS props
                            ORDER BY from, to, r.key""", ids).forEachRemaining(r -> {
                        Fact f = fact(r);
                        s.ultimateParents.putIfAbsent(f.to(), f);
                    });
                    tx.run("""
                            UNWIND $ids AS id MATCH (o:Organization {id: id})-[r:BASED_IN]->(j:Jurisdiction)
                            RETURN o.id AS from, type(r) AS type, j.code AS to, properties(r) AS props
                            ORDER BY from, to, r.key""", ids).forEachRemaining(r -> add(s.basedIn, fact(r), true));
                    tx.run("""
                            UNWIND $ids AS id MATCH (o:Organization {id: id})-[:HAS_EXCEPTION]->(x:ReportingException)
                            RETURN o.id AS from, 'HAS_EXCEPTION' AS type, x.reason AS to, properties(x) AS props
                            ORDER BY from, to, x.key""", ids).forEachRemaining(r -> add(s.exceptions, fact(r), true));
                    tx.run("""
                            UNWIND $ids AS id MATCH (o:Organization {id: id})-[r:FLAGGED]->(f:Flag)
                            RETURN o.id AS from, 'FLAGGED' AS type, f.id AS to, properties(r) AS props
                            ORDER BY from, to, r.key""", ids).forEachRemaining(r -> add(s.flags, fact(r), true));
                }
            }
            return s;
        });
    }

    private static void products(org.neo4j.driver.TransactionContext tx, GraphSnapshot s) {
        tx.run("MATCH (p:Product) RETURN p.id AS id, coalesce(p.name, p.id) AS name").forEachRemaining(
                r -> s.productNames.put(r.get("id").asString(), r.get("name").asString()));
        tx.run("MATCH (:Operator)-[:DEPLOYS]->(p:Product) RETURN DISTINCT p.id AS id").forEachRemaining(
                r -> s.deployed.add(r.get("id").asString()));
        tx.run("""
                MATCH (p:Product)-[r:MADE_BY|SENDS_DATA_TO|ADMINISTERED_BY]->(o:Organization)
                RETURN p.id AS from, type(r) AS type, o.id AS to, properties(r) AS props
                ORDER BY from, type, to, r.key""").forEachRemaining(r -> add(s.routesFrom, fact(r), true));
        tx.run("""
                MATCH (p:Product)-[r:CONTAINS]->(c:Product)
                RETURN p.id AS from, type(r) AS type, c.id AS to, properties(r) AS props
                ORDER BY from, to, r.key""").forEachRemaining(r -> add(s.componentsOf, fact(r), true));
    }

    /** Every organization and fact of the graph, in a few queries. */
    public static GraphSnapshot readAll(Session session) {
        // a new snapshot per attempt: the driver retries this transaction when the server goes away mid-read
        return session.executeRead(tx -> {
            GraphSnapshot s = new GraphSnapshot();
            products(tx, s);
            tx.run("MATCH (o:Organization) RETURN o.id AS id, coalesce(o.name, o.id) AS name").forEachRemaining(
                    r -> s.orgNames.put(r.get("id").asString(), r.get("name").asString()));
            tx.run("""
                    MATCH (a:Organization)-[r:CONTROLLED_BY]->(b:Organization)
                    RETURN a.id AS from, type(r) AS type, b.id AS to, properties(r) AS props
                    ORDER BY from, to, r.key""").forEachRemaining(r -> {
                Fact f = fact(r);
                add(s.parentsOf, f, true);
                if ("ULTIMATE_CONSOLIDATION".equals(f.prop("kind"))) {
                    s.ultimateParents.putIfAbsent(f.to(), f);
                }
            });
            tx.run("""
                    MATCH (o:Organization)-[r:BASED_IN]->(j:Jurisdiction)
                    RETURN o.id AS from, type(r) AS type, j.code AS to, properties(r) AS props
                    ORDER BY from, to, r.key""").forEachRemaining(r -> add(s.basedIn, fact(r), true));
            tx.run("""
                    MATCH (o:Organization)-[:HAS_EXCEPTION]->(x:ReportingException)
                    RETURN o.id AS from, 'HAS_EXCEPTION' AS type, x.reason AS to, properties(x) AS props
                    ORDER BY from, to, x.key""").forEachRemaining(r -> add(s.exceptions, fact(r), true));
            tx.run("""
                    MATCH (o:Organization)-[r:FLAGGED]->(f:Flag)
                    RETURN o.id AS from, 'FLAGGED' AS type, f.id AS to, properties(r) AS props
                    ORDER BY from, to, r.key""").forEachRemaining(r -> add(s.flags, fact(r), true));
            return s;
        });
    }

    private static Fact fact(Record r) {
        Map<String, Object> props = new HashMap<>();
        Value v = r.get("props");
        v.asMap().forEach(props::put);
        return new Fact(r.get("from").asString(), r.get("type").asString(), r.get("to").asString(), props);
    }

    private static void add(Map<String, List<Fact>> map, Fact f, boolean byFrom) {
        map.computeIfAbsent(byFrom ? f.from() : f.to(), k -> new ArrayList<>()).add(f);
    }
}
