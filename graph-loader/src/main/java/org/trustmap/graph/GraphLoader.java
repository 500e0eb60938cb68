package org.trustmap.graph;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntFunction;

import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;
import org.trustmap.graph.internal.DigestFile;
import org.trustmap.graph.internal.KeyDigests;
import org.trustmap.graph.internal.StoredDigests;
import org.trustmap.graph.ResolvedGraph.BasedIn;
import org.trustmap.graph.ResolvedGraph.Deployment;
import org.trustmap.graph.ResolvedGraph.Edge;
import org.trustmap.graph.ResolvedGraph.ExceptionFact;
import org.trustmap.graph.ResolvedGraph.FlagFact;
import org.trustmap.graph.ResolvedGraph.Org;
import org.trustmap.graph.ResolvedGraph.Product;
import org.trustmap.graph.ResolvedGraph.Provenance;

/**
 * Writes the resolved graph to Neo4j through the driver, {@code UNWIND $rows AS row} in batches of {@link #BATCH},
 * each batch one managed (retried) write transaction, and writes only what changed: every row carries {@code h}, a
 * digest of its content, stored on its node or relationship; a row whose stored {@code h} is equal is not written
 * again. Relationships are found by their {@code key} through a relationship index (no {@code MERGE} that expands the
 * denser end's relationships) and created when missing. Facts and nodes a source no longer states are retired by
 * comparing the stored keys with this load's keys. A load repeated or resumed after a crash therefore leaves exactly
 * the graph a load into an empty database gives.
 *
 * <p>With a digest file ({@link #GraphLoader(Driver, String, Path)}) the stored keys and digests are read from the
 * file the previous load left ({@link DigestFile}) instead of from Neo4j, when the graph still carries that load's
 * stamp on its {@code (:LoadState)} node and Neo4j's counts per label and type are still the file's. The stamp is
 * removed before the first write and set again, after the new file is in place, at the end of a load that left the
 * graph holding exactly its rows; a load killed in between leaves no stamp, and the next one reads from Neo4j.
 */
public final class GraphLoader {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(GraphLoader.class);
    /** Rows per write transaction: 10k measured best on this machine (NEO4J-EMBEDDED.md). */
    static final int BATCH = 10_000;
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

    private static final String SHOW_CONSTRAINTS = "SHOW CONSTRAINTS YIELD name";
    private static final String SHOW_ONLINE_INDEXES = "SHOW INDEXES YIELD name, state WHERE state = 'ONLINE' RETURN name";

    /** A node label the loader owns, the property that keys it, and its upsert (rows with {@code h}). */
    private record NodeKind(String label, String keyProperty, String upsert) {
    }

    /** A relationship type the loader owns and the labels and key properties of its ends. */
    private record RelKind(String type, String fromLabel, String fromKey, String toLabel, String toKey) {
        String upsertChanged() {
            return "UNWIND $rows AS row\n"
                    + "MATCH ()-[r:" + type + " {key: row.key}]->() USING INDEX r:" + type + "(key)\n"
                    + "WHERE r.h IS NULL OR r.h <> row.h\n"
                    + "SET r = row.props SET r.key = row.key, r.h = row.h RETURN count(*) AS n";
        }

        /**
         * For a type with no relationship yet (a first load): plain {@code CREATE}, no look-up per row. One look-up per
         * batch keeps it idempotent: when the driver retries a batch whose commit went through but whose answer was
         * lost (the server went away), the batch's first key is there and the batch is not created twice.
         */
        String createAll() {
            return "OPTIONAL MATCH ()-[done:" + type + " {key: $rows[0].key}]->() USING INDEX done:" + type + "(key)\n"
                    + "WITH count(done) AS already WHERE already = 0\n"
                    + "UNWIND $rows AS row\n"
                    + "MATCH (a:" + fromLabel + " {" + fromKey + ": row.from}), (b:" + toLabel + " {" + toKey + ": row.to})\n"
                    + "CREATE (a)-[r:" + type + "]->(b) SET r = row.props SET r.key = row.key, r.h = row.h\n"
                    + "RETURN count(*) AS n";
        }

        String createMissing() {
            return "UNWIND $rows AS row\n"
                    + "OPTIONAL MATCH ()-[old:" + type + " {key: row.key}]->() USING INDEX old:" + type + "(key)\n"
                    + "WITH row, old WHERE old IS NULL\n"
                    + "MATCH (a:" + fromLabel + " {" + fromKey + ": row.from}), (b:" + toLabel + " {" + toKey + ": row.to})\n"
                    + "CREATE (a)-[r:" + type + "]->(b) SET r = row.props SET r.key = row.key, r.h = row.h\n"
                    + "RETURN count(*) AS n";
        }
    }

    private static final NodeKind ORGANIZATION = new NodeKind("Organization", "id", """
            UNWIND $rows AS row
            MERGE (o:Organization {id: row.id})
            WITH o, row WHERE o.h IS NULL OR o.h <> row.h
            SET o.name = row.name, o.names = row.names, o.lei = row.lei, o.legalJurisdiction = row.legalJurisdiction,
                o.legalCountry = row.legalCountry, o.hqCountry = row.hqCountry, o.sources = row.sources,
                o.records = row.records, o.h = row.h, o.stamp = null
            RETURN count(*) AS n""");
    private static final NodeKind PRODUCT = new NodeKind("Product", "id", """
            UNWIND $rows AS row
            MERGE (p:Product {id: row.id})
            WITH p, row WHERE p.h IS NULL OR p.h <> row.h
            SET p.name = row.name, p.vendor = row.vendor, p.model = row.model, p.cpe = row.cpe,
                p.fccId = row.fccId, p.mac = row.mac, p.h = row.h, p.stamp = null
            RETURN count(*) AS n""");
    private static final NodeKind JURISDICTION = new NodeKind("Jurisdiction", "code", """
            UNWIND $rows AS row
            MERGE (j:Jurisdiction {code: row.key})
            WITH j, row WHERE j.h IS NULL OR j.h <> row.h
            SET j.h = row.h, j.stamp = null RETURN count(*) AS n""");
    private static final NodeKind OPERATOR = new NodeKind("Operator", "name", """
            UNWIND $rows AS row
            MERGE (op:Operator {name: row.key})
            WITH op, row WHERE op.h IS NULL OR op.h <> row.h
            SET op.h = row.h, op.stamp = null RETURN count(*) AS n""");
    private static final NodeKind EXCEPTION = new NodeKind("ReportingException", "key", """
            UNWIND $rows AS row
            MERGE (x:ReportingException {key: row.key})
            WITH x, row WHERE x.h IS NULL OR x.h <> row.h
            SET x = row.props SET x.key = row.key, x.h = row.h RETURN count(*) AS n""");
    private static final NodeKind FLAG = new NodeKind("Flag", "id", """
            UNWIND $rows AS row
            MERGE (f:Flag {id: row.key})
            WITH f, row WHERE f.h IS NULL OR f.h <> row.h
            SET f.h = row.h, f.stamp = null RETURN count(*) AS n""");
    private static final List<NodeKind> NODE_KINDS = List.of(ORGANIZATION, PRODUCT, JURISDICTION, OPERATOR, EXCEPTION,
            FLAG);

    /** The node that carries the stamp of the load whose digest file is valid. */
    static final String STATE_LABEL = "LoadState";

    private final Driver driver;
    private final String database;
    private final Path digestFile;
    /** The digest file this load trusts; null when it reads the stored digests from Neo4j. */
    private DigestFile trusted;
    private boolean readFromFile;
    /** Time spent reading stored digests in the current load (for its log line). */
    private long readNanos;

    public GraphLoader(Driver driver, String database) {
        this(driver, database, null);
    }

    /** A loader that keeps what each load left in {@code digestFile} and reads it back at the next load. */
    public GraphLoader(Driver driver, String database, Path digestFile) {
        this.driver = driver;
        this.database = database;
        this.digestFile = digestFile;
    }

    /** Whether the last load read the stored digests of at least one label or type from the digest file. */
    public boolean readDigestsFromFile() {
        return readFromFile;
    }

    /**
     * Counts of what a load stated, wrote and retired.
     *
     * @param stamp   digest of every row of the load: equal inputs give an equal stamp
     * @param written nodes and relationships created or changed (unchanged rows are not written)
     */
    public record LoadResult(String stamp, int organizations, int products, int facts, long retired, long written) {
    }

    public void createSchema() {
        long t0 = System.nanoTime();
        try (Session s = session()) {
            // what exists already is not created again: one look-up instead of a statement each (a cold process plans
            // every statement it runs)
            Set<String> constraints = names(s, SHOW_CONSTRAINTS);
            Set<String> indexes = names(s, SHOW_ONLINE_INDEXES);
            for (String statement : SCHEMA) {
                String name = statement.split(" ")[2];
                if (statement.startsWith("CREATE CONSTRAINT") ? constraints.contains(name) && indexes.contains(name)
                        : indexes.contains(name)) {
                    continue;
                }
                // a managed transaction, so that it is retried like the writes when the server goes away
                try {
                    s.executeWriteWithoutResult(tx -> tx.run(statement).consume());
                } catch (org.neo4j.driver.exceptions.ClientException e) {
                    if (!statement.startsWith("CREATE CONSTRAINT") || e.getMessage() == null
                            || !e.getMessage().contains("already exists an index called '" + name + "'")) {
                        throw e;
                    }
                    // a constraint whose creation was killed can leave its backing index behind without the
                    // constraint: drop that index and create the constraint again
                    LOG.warn("schema: index {} left without its constraint (an interrupted creation); recreating", name);
                    s.executeWriteWithoutResult(tx -> tx.run("DROP INDEX " + name + " IF EXISTS").consume());
                    s.executeWriteWithoutResult(tx -> tx.run(statement).consume());
                }
            }
            for (String type : FACT_TYPES.stream().sorted().toList()) {
                if (indexes.contains("rel_key_" + type.toLowerCase(java.util.Locale.ROOT))) {
                    continue;
                }
                // one index per owned type: the relationship is looked up by its key, its ends are not expanded
                s.run("CREATE INDEX rel_key_" + type.toLowerCase(java.util.Locale.ROOT) + " IF NOT EXISTS FOR ()-[r:"
                        + checkedType(type) + "]-() ON (r.key)").consume();
            }
            s.run("CALL db.awaitIndexes(300)").consume();
        }
        LOG.debug("schema in {} ms", (System.nanoTime() - t0) / 1_000_000);
    }

    /**
     * The rows of one load: per node label and per relationship type, each row with its key and its digest
     * {@code h}. The bench writes the same rows as CSV for the bulk importer.
     *
     * @param nodes label to rows ({@code id} or {@code key} plus the node's properties)
     * @param relationships type to rows ({@code key}, {@code from}, {@code to}, {@code props})
     * @param ends type to its end labels and key properties: {@code fromLabel, fromKey, toLabel, toKey}
     */
    public record LoadRows(String stamp, Map<String, RowList> nodes, Map<String, RowList> relationships,
                           Map<String, List<String>> ends) {
        public int facts() {
            return relationships.values().stream().mapToInt(List::size).sum();
        }
    }

    public LoadResult load(ResolvedGraph graph) {
        return load(prepare(graph));
    }

    /**
     * Turns the resolved graph into rows, deduplicated by key, each with its digest. The rows are kept compact
     * ({@link RowList}): their maps are made when they are written.
     */
    public static LoadRows prepare(ResolvedGraph graph) {
        Rows rows = new Rows();
        Map<RowList.Builder<?>, List<Object>> items = new java.util.IdentityHashMap<>();
        for (List<?> list : List.of(graph.organizations(), graph.products(), graph.deployments(), graph.edges(),
                graph.basedIn(), graph.exceptions(), graph.flags())) {
            for (Object item : list) {
                items.computeIfAbsent(rows.add(item), k -> new ArrayList<>()).add(item);
            }
        }
        return rows.build(b -> items.getOrDefault(b, List.of())::get);
    }

    /**
     * The rows of the resolved graph in {@code resolvedJson} (as resolve writes it), read as a stream: the load holds
     * each row's key, digest and the place of its item in the file, and reads the item again when its row is
     * written; the rows are those {@link #prepare(ResolvedGraph)} gives for the same graph. The file must stay in place
     * while the rows are in use.
     */
    public static LoadRows prepare(Path resolvedJson) throws IOException {
        Rows rows = new Rows();
        ResolvedFile file = new ResolvedFile(resolvedJson);
        Map<RowList.Builder<?>, ResolvedFile.Places> places = new java.util.IdentityHashMap<>();
        file.stream(java.util.EnumSet.complementOf(java.util.EnumSet.of(ResolvedGraph.Section.MERGES)),
                (section, item, start, length) -> places.computeIfAbsent(rows.add(item),
                        k -> new ResolvedFile.Places(item.getClass())).add(start, length));
        return rows.build(b -> {
            ResolvedFile.Places p = places.get(b);
            return i -> p.read(file, i);
        });
    }

    /** The rows' builders, fed one item of the resolved graph after the other. */
    private static final class Rows {
        private final RowList.Builder<Org> organizations = new RowList.Builder<>(GraphLoader::row, Org::id, null);
        private final RowList.Builder<Product> products = new RowList.Builder<>(GraphLoader::row, Product::id, null);
        private final RowList.Builder<Deployment> deployments = keyed();
        private final RowList.Builder<BasedIn> basedIn = keyed();
        // the exception's facts live on its node, keyed like its HAS_EXCEPTION relationship
        private final RowList.Builder<ExceptionFact> exceptions = new RowList.Builder<>(GraphLoader::row, null,
                x -> {
                    Map<String, Object> r = row(x);
                    return Map.of("key", r.get("key"), "props", r.get("nodeProps"));
                });
        private final RowList.Builder<FlagFact> flags = keyed();
        private final Map<String, RowList.Builder<Edge>> edges = new LinkedHashMap<>();
        private final Set<String> jurisdictions = new java.util.TreeSet<>();
        private final Set<String> operators = new java.util.TreeSet<>();
        private final Set<String> flagged = new java.util.TreeSet<>();

        private static <T> RowList.Builder<T> keyed() {
            return new RowList.Builder<>(GraphLoader::rowOf, null, null);
        }

        /** Adds an item's rows; returns the builder it went to (the one whose item numbers it takes). */
        RowList.Builder<?> add(Object item) {
            if (item instanceof Org o) {
                organizations.add(o);
                return organizations;
            } else if (item instanceof Product p) {
                products.add(p);
                return products;
            } else if (item instanceof Deployment d) {
                operators.add(d.operator());
                deployments.add(d);
                return deployments;
            } else if (item instanceof Edge e) {
                RowList.Builder<Edge> b = edges.computeIfAbsent(checkedType(e.type()), t -> keyed());
                b.add(e);
                return b;
            } else if (item instanceof BasedIn b) {
                jurisdictions.add(b.code());
                basedIn.add(b);
                return basedIn;
            } else if (item instanceof ExceptionFact x) {
                exceptions.add(x);
                return exceptions;
            } else if (item instanceof FlagFact f) {
                flagged.add(f.flag());
                flags.add(f);
                return flags;
            }
            throw new IllegalArgumentException("not an item of a load: " + item);
        }

        /** The rows, each builder's items fetched again through {@code items}. */
        LoadRows build(Function<RowList.Builder<?>, IntFunction<?>> items) {
            Map<String, RowList> nodes = new LinkedHashMap<>();
            nodes.put("Organization", build(organizations, items));
            nodes.put("Product", build(products, items));
            nodes.put("Jurisdiction", keysOnly(jurisdictions));
            nodes.put("Operator", keysOnly(operators));
            RowList hasException = build(exceptions, items);
            nodes.put("ReportingException", exceptions.second());
            nodes.put("Flag", keysOnly(flagged));
            Map<String, RowList> rels = new LinkedHashMap<>();
            Map<String, List<String>> ends = new LinkedHashMap<>();
            rels.put("DEPLOYS", build(deployments, items));
            ends.put("DEPLOYS", List.of("Operator", "name", "Product", "id"));
            rels.put("BASED_IN", build(basedIn, items));
            ends.put("BASED_IN", List.of("Organization", "id", "Jurisdiction", "code"));
            rels.put("HAS_EXCEPTION", hasException);
            ends.put("HAS_EXCEPTION", List.of("Organization", "id", "ReportingException", "key"));
            rels.put("FLAGGED", build(flags, items));
            ends.put("FLAGGED", List.of("Organization", "id", "Flag", "id"));
            edges.forEach((type, builder) -> {
                rels.put(type, build(builder, items));
                ends.put(type, List.of(type.equals("CONTROLLED_BY") ? "Organization" : "Product", "id",
                        type.equals("CONTAINS") ? "Product" : "Organization", "id"));
            });
            return new LoadRows(loadStamp(nodes, rels), nodes, rels, ends);
        }

        @SuppressWarnings("unchecked")
        private static <T> RowList build(RowList.Builder<T> builder,
                                         Function<RowList.Builder<?>, IntFunction<?>> items) {
            return builder.build((IntFunction<T>) items.apply(builder));
        }
    }

    /** The row of a keyed fact (a deployment, a jurisdiction, an exception, a flag or an edge). */
    private static Map<String, Object> rowOf(Object item) {
        if (item instanceof Deployment d) {
            return row(d);
        } else if (item instanceof BasedIn b) {
            return row(b);
        } else if (item instanceof ExceptionFact x) {
            return row(x);
        } else if (item instanceof FlagFact f) {
            return row(f);
        } else if (item instanceof Edge e) {
            return row(e);
        }
        throw new IllegalArgumentException("not a fact of a load: " + item);
    }

    /** Writes the rows that changed, creates the missing ones, retires what is no longer stated. */
    public LoadResult load(LoadRows rows) {
        long t0 = System.nanoTime();
        readNanos = 0;
        createSchema();
        Map<String, Long> counts = ownedCounts();
        trusted = trustedDigestFile(counts);
        readFromFile = false;
        clearStamp();
        long schemaNanos = System.nanoTime() - t0;
        Map<String, List<String>> gone = new LinkedHashMap<>();
        // a label or type of which the load states nothing and the graph holds nothing has nothing to retire
        Map<String, RowList> owned = owned(rows);
        counts.forEach((name, n) -> {
            if (n == 0 && owned.get(name).isEmpty()) {
                gone.put(name, List.of());
            }
        });
        long written = 0;
        for (NodeKind kind : NODE_KINDS) {
            written += writeNodes(kind, rows.nodes().getOrDefault(kind.label(), RowList.empty()), gone);
        }
        for (Map.Entry<String, RowList> e : rows.relationships().entrySet()) {
            List<String> end = rows.ends().get(e.getKey());
            written += writeRels(new RelKind(checkedType(e.getKey()), end.get(0), end.get(1), end.get(2), end.get(3)),
                    e.getValue(), gone);
        }
        long t1 = System.nanoTime();
        long retired = retire(gone);
        // the trusted file already describes the graph this load leaves: the same rows, nothing written or retired
        boolean fileCurrent = trusted != null && trusted.stamp().equals(rows.stamp()) && written == 0 && retired == 0;
        trusted = null;
        LOG.info("load: {} rows written, {} retired (stamp {}); {} s schema and digest-file check, {} s reading stored"
                        + " digests (from {}), {} s writing, {} s retiring", written, retired, rows.stamp(),
                Resolver.seconds(schemaNanos), Resolver.seconds(readNanos), readFromFile ? "the digest file" : "Neo4j",
                Resolver.seconds(t1 - t0 - schemaNanos - readNanos), Resolver.seconds(System.nanoTime() - t1));
        if (fileCurrent) {
            stamp(rows.stamp());
        } else {
            saveDigests(rows, ownedCounts());
        }
        return new LoadResult(rows.stamp(), rows.nodes().get("Organization").size(), rows.nodes().get("Product").size(),
                rows.facts(), retired, written);
    }

    /**
     * The load after the bulk importer wrote exactly {@code rows} into an empty database: creates the schema and
     * compares Neo4j's counts per label and per relationship type (from its count store, no row is read) with the
     * rows. When they agree, nothing is read back row by row (that the importer writes the graph the Bolt load writes
     * is the tests' job); when they do not, the ordinary load checks every row and writes what is missing.
     */
    public LoadResult loadImported(LoadRows rows) {
        long t0 = System.nanoTime();
        createSchema();
        Map<String, RowList> owned = owned(rows);
        long nodes = rows.nodes().values().stream().mapToLong(List::size).sum();
        long rels = rows.facts();
        Map<String, Long> counts = ownedCounts();
        List<String> differences = differences(counts, name -> owned.get(name).size());
        try (Session s = session()) {
            long allNodes = count(s, "MATCH (n) RETURN count(n) AS n");
            long allRels = count(s, "MATCH ()-[r]->() RETURN count(r) AS n");
            if (allNodes != nodes || allRels != rels) {
                differences.add("in all " + allNodes + " nodes and " + allRels + " relationships, rows " + nodes
                        + " and " + rels);
            }
        }
        if (!differences.isEmpty()) {
            LOG.warn("load: the imported store does not hold the load's rows ({}); checking every row over Bolt",
                    String.join(", ", differences));
            return load(rows);
        }
        LOG.info("load: the imported store holds the load's {} nodes and {} relationships by Neo4j's counts; schema"
                + " created in {} s", nodes, rels, Resolver.seconds(System.nanoTime() - t0));
        saveDigests(rows, counts);
        return new LoadResult(rows.stamp(), rows.nodes().get("Organization").size(),
                rows.nodes().get("Product").size(), rows.facts(), 0, 0);
    }

    private static long count(Session s, String cypher) {
        return s.executeRead(tx -> tx.run(cypher).single().get("n").asLong());
    }

    private static Set<String> names(Session s, String show) {
        return new java.util.HashSet<>(s.executeRead(tx -> tx.run(show).list(r -> r.get("name").asString())));
    }

    /** Runs the read-only look-ups a load starts with (schema, counts, stamp), so that their plans are cached. */
    public void warmUp() {
        try (Session s = session()) {
            names(s, SHOW_CONSTRAINTS);
            names(s, SHOW_ONLINE_INDEXES);
        }
        ownedCounts();
        storedStamp();
    }

    /** Every label and type the loader owns with this load's rows of it (none: an empty list). */
    private static Map<String, RowList> owned(LoadRows rows) {
        Map<String, RowList> owned = new LinkedHashMap<>();
        NODE_KINDS.forEach(kind -> owned.put(kind.label(), rows.nodes().getOrDefault(kind.label(), RowList.empty())));
        FACT_TYPES.stream().sorted().forEach(type -> owned.put(type,
                rows.relationships().getOrDefault(type, RowList.empty())));
        return owned;
    }

    /** Each name whose count in Neo4j differs from the expected one, as "NAME found (expected)". */
    private static List<String> differences(Map<String, Long> counts, java.util.function.ToLongFunction<String> expected) {
        List<String> differences = new ArrayList<>();
        counts.forEach((name, n) -> {
            if (n != expected.applyAsLong(name)) {
                differences.add(name + " " + n + " (expected " + expected.applyAsLong(name) + ")");
            }
        });
        return differences;
    }

    /**
     * Neo4j's count of every label and type the loader owns, from its count store (no item is read), in one query:
     * a cold process plans each distinct query once, at 0.1-0.4 s each.
     */
    private Map<String, Long> ownedCounts() {
        List<String> parts = new ArrayList<>();
        for (NodeKind kind : NODE_KINDS) {
            parts.add("MATCH (n:" + kind.label() + ") RETURN '" + kind.label() + "' AS k, count(n) AS n");
        }
        for (String type : FACT_TYPES.stream().sorted().toList()) {
            parts.add("MATCH ()-[r:" + type + "]->() RETURN '" + type + "' AS k, count(r) AS n");
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        NODE_KINDS.forEach(kind -> counts.put(kind.label(), 0L));
        FACT_TYPES.stream().sorted().forEach(type -> counts.put(type, 0L));
        try (Session s = session()) {
            // a label or type the database has never held gives no row (Neo4j 5.26), not a row with 0
            s.executeRead(tx -> tx.run(String.join(" UNION ALL ", parts)).list())
                    .forEach(r -> counts.put(r.get("k").asString(), r.get("n").asLong()));
        }
        return counts;
    }

    /**
     * The digest file, if the graph carries the stamp it names and still holds as many items of every label and
     * type as it did when the file was written; else null (and the reason logged).
     */
    private DigestFile trustedDigestFile(Map<String, Long> counts) {
        if (digestFile == null || !Files.exists(digestFile)) {
            return null;
        }
        DigestFile file;
        try {
            file = DigestFile.open(digestFile);
        } catch (IOException e) {
            LOG.warn("load: {}; reading the stored digests from Neo4j", e.getMessage());
            return null;
        }
        String stamp = storedStamp();
        if (!file.stamp().equals(stamp)) {
            LOG.info("load: the digest file {} is of load {}, the graph carries {}; reading the stored digests from"
                    + " Neo4j", digestFile, file.stamp(), stamp == null ? "no finished load's stamp" : stamp);
            return null;
        }
        List<String> differences = differences(counts, name -> file.sections().containsKey(name)
                ? file.sections().get(name).count() : 0);
        if (!differences.isEmpty()) {
            LOG.info("load: the graph changed since the load that wrote {} ({}); reading the stored digests from Neo4j",
                    digestFile, String.join(", ", differences));
            return null;
        }
        return file;
    }

    /** The stamp of the finished load whose digest file describes the graph, or null. */
    private String storedStamp() {
        try (Session s = session()) {
            return s.executeRead(tx -> tx.run("MATCH (s:" + STATE_LABEL + " {id: 'graph-loader'}) RETURN s.stamp AS s")
                    .list(r -> r.get("s").isNull() ? null : r.get("s").asString()))
                    .stream().findFirst().orElse(null);
        }
    }

    /** Marks the graph as the one the digest file of load {@code stamp} describes. */
    private void stamp(String stamp) {
        try (Session s = session()) {
            s.executeWriteWithoutResult(tx -> tx.run("MERGE (s:" + STATE_LABEL + " {id: 'graph-loader'})"
                    + " SET s.stamp = $stamp", Map.of("stamp", stamp)).consume());
        }
    }

    /**
     * Removes the finished load's stamp before this load writes anything: a digest file no longer describes the
     * graph. Loaders without a digest file remove it too, so a file is never trusted after another load.
     */
    private void clearStamp() {
        try (Session s = session()) {
            s.executeWriteWithoutResult(tx -> tx.run("MATCH (s:" + STATE_LABEL + ") DELETE s").consume());
        }
    }

    /**
     * After a load: when Neo4j holds exactly the load's rows of every owned label and type (by its {@code counts},
     * read after the load), writes them to the digest file and then stamps the graph with the load's stamp;
     * otherwise removes the file.
     */
    private void saveDigests(LoadRows rows, Map<String, Long> counts) {
        if (digestFile == null) {
            return;
        }
        long t0 = System.nanoTime();
        Map<String, RowList> sections = owned(rows);
        List<String> differences = differences(counts, name -> sections.get(name).size());
        try {
            if (!differences.isEmpty()) {
                Files.deleteIfExists(digestFile);
                LOG.info("load: the graph holds items besides this load's rows ({}); no digest file kept, the next"
                        + " load reads the stored digests from Neo4j", String.join(", ", differences));
                return;
            }
            DigestFile.write(digestFile, rows.stamp(), sections, counts);
        } catch (IOException e) {
            LOG.warn("load: the digest file {} could not be written ({}); the next load reads the stored digests from"
                    + " Neo4j", digestFile, e.toString());
            return;
        }
        stamp(rows.stamp());
        LOG.info("load: digest file {} written in {} s", digestFile, Resolver.seconds(System.nanoTime() - t0));
    }

    private static String checkedType(String type) {
        if (!FACT_TYPES.contains(type)) {
            throw new IllegalArgumentException("unknown relationship type " + type);
        }
        return type;
    }

    /**
     * Writes one label's missing or changed rows. {@code gone} gets the label's stored keys this load no longer states
     * (read in the same pass as the stored digests; the writes only add stated keys, so the set stays right).
     */
    private long writeNodes(NodeKind kind, RowList rows, Map<String, List<String>> gone) {
        if (rows.isEmpty()) {
            return 0; // retire() reads what is stored of this label
        }
        KeyDigests stated = statedKeys(rows);
        // only what is missing or changed travels to the database
        Stored stored = stored(kind.label(), "MATCH (x:" + kind.label() + ") RETURN x." + kind.keyProperty() + " AS k,"
                + " x.h AS h, x.h IS NOT NULL OR x.stamp IS NOT NULL AS owned", stated);
        gone.put(kind.label(), stored.gone());
        IntList send = new IntList();
        for (int i = 0; i < rows.size(); i++) {
            if (stored.digests().status(rows.keyDigest(i), StoredDigests.contentDigest(rows.hValue(i)))
                    != StoredDigests.Status.SAME) {
                send.add(i);
            }
        }
        return write(kind.upsert(), send.of(rows));
    }

    /** The digests of the rows' keys, worked out on every core (a fact's key is its own digest, see KeyDigests). */
    private static KeyDigests statedKeys(RowList rows) {
        long[] digests = new long[rows.size()];
        java.util.stream.IntStream.range(0, rows.size()).parallel().forEach(i -> digests[i] = rows.keyDigest(i));
        return KeyDigests.of(digests);
    }

    /** The stored keys and content digests of one label or type, and its loader-written keys not {@code stated}. */
    private record Stored(StoredDigests digests, List<String> gone) {
    }

    /**
     * Reads {@code k}, {@code h}, {@code owned} columns: digests of every stored item, keys of owned unstated ones;
     * from the trusted digest file's {@code section} when there is one (everything in it is the loader's).
     */
    private Stored stored(String section, String cypher, KeyDigests stated) {
        long t0 = System.nanoTime();
        if (trusted != null && trusted.sections().containsKey(section)) {
            try {
                StoredDigests d = new StoredDigests(trusted.sections().get(section).entries());
                List<String> gone = new ArrayList<>();
                trusted.read(section, (key, h, text) -> {
                    d.putKeyDigest(key, h);
                    if (!stated.containsDigest(key)) {
                        gone.add(text.text());
                    }
                });
                readFromFile = true;
                return new Stored(d, gone);
            } catch (IOException e) {
                LOG.warn("load: {}; reading {} from Neo4j instead", e.getMessage(), section);
            } finally {
                readNanos += System.nanoTime() - t0;
            }
        }
        t0 = System.nanoTime();
        try (Session s = session()) {
            // a fresh table per attempt: the driver retries this read when the server goes away
            return s.executeRead(tx -> {
                StoredDigests d = new StoredDigests();
                List<String> gone = new ArrayList<>();
                tx.run(cypher).forEachRemaining(r -> {
                    String k = r.get("k").isNull() ? null : String.valueOf(r.get("k").asObject());
                    if (k != null) {
                        long key = KeyDigests.digest(k);
                        d.putKeyDigest(key, StoredDigests.contentDigest(r.get("h").isNull() ? null : r.get("h").asString()));
                        if (r.get("owned").asBoolean() && !stated.containsDigest(key)) {
                            gone.add(k);
                        }
                    }
                });
                return new Stored(d, gone);
            });
        } finally {
            readNanos += System.nanoTime() - t0;
        }
    }

    private long writeRels(RelKind kind, RowList rows, Map<String, List<String>> gone) {
        if (rows.isEmpty()) {
            return 0;
        }
        KeyDigests stated = statedKeys(rows);
        Stored stored = stored(kind.type(), "MATCH ()-[r:" + kind.type() + "]->() RETURN r.key AS k, r.h AS h,"
                + " r.h IS NOT NULL OR r.stamp IS NOT NULL AS owned", stated);
        gone.put(kind.type(), stored.gone());
        if (stored.digests().size() == 0) {
            // rows are distinct by key and batches run one after another: nothing to look up; a load resumed after a
            // crash finds relationships of this type and takes the path below
            return write(kind.createAll(), rows);
        }
        // only what is missing or changed travels to the database; unchanged rows cost one look-up here, none there
        IntList changed = new IntList();
        IntList missing = new IntList();
        for (int i = 0; i < rows.size(); i++) {
            switch (stored.digests().status(rows.keyDigest(i), StoredDigests.contentDigest(rows.hValue(i)))) {
                case CHANGED -> changed.add(i);
                case MISSING -> missing.add(i);
                case SAME -> { }
            }
        }
        return write(kind.upsertChanged(), changed.of(rows)) + write(kind.createMissing(), missing.of(rows));
    }

    /**
     * Deletes facts and nodes no source states any more: stored keys (of loader-written items) not in this load,
     * relationships first. {@code gone} holds them for the labels and types this load wrote; the others are read.
     */
    private long retire(Map<String, List<String>> gone) {
        long n = 0;
        for (String type : FACT_TYPES.stream().sorted().toList()) {
            List<String> keys = gone.containsKey(type) ? gone.get(type)
                    : stale("MATCH ()-[r:" + checkedType(type) + "]->() WHERE r.h IS NOT NULL OR r.stamp IS NOT NULL"
                    + " RETURN r.key AS k");
            n += write("UNWIND $rows AS k MATCH ()-[r:" + type + " {key: k}]->() USING INDEX r:" + type + "(key)"
                    + " DELETE r RETURN count(*) AS n", keys);
        }
        for (NodeKind kind : NODE_KINDS) {
            List<String> keys = gone.containsKey(kind.label()) ? gone.get(kind.label())
                    : stale("MATCH (x:" + kind.label() + ") WHERE x.h IS NOT NULL OR x.stamp IS NOT NULL"
                    + " RETURN x." + kind.keyProperty() + " AS k");
            n += write("UNWIND $rows AS k MATCH (x:" + kind.label() + " {" + kind.keyProperty() + ": k})"
                    + " DETACH DELETE x RETURN count(*) AS n", keys);
        }
        return n;
    }

    /** Every stored key of a label or type this load states nothing of ({@code k} column). */
    private List<String> stale(String cypher) {
        try (Session s = session()) {
            // a fresh list per attempt: the driver retries this read when the server goes away
            return s.executeRead(tx -> {
                List<String> gone = new ArrayList<>();
                tx.run(cypher).forEachRemaining(r -> {
                    if (!r.get("k").isNull()) {
                        gone.add(r.get("k").asString());
                    }
                });
                return gone;
            });
        }
    }

    private long write(String cypher, List<?> rows) {
        long t0 = System.nanoTime();
        long n = 0;
        try (Session s = session()) {
            for (int i = 0; i < rows.size(); i += BATCH) {
                List<?> batch = rows.subList(i, Math.min(rows.size(), i + BATCH));
                n += s.executeWrite(tx -> tx.run(cypher, Map.of("rows", batch)).single().get("n").asLong());
            }
        }
        LOG.debug("{} rows, {} written in {} ms: {}", rows.size(), n, (System.nanoTime() - t0) / 1_000_000,
                cypher.lines().skip(1).findFirst().orElse(cypher).strip());
        return n;
    }

    private Session session() {
        return driver.session(SessionConfig.forDatabase(database));
    }

    /** Rows of nodes that have only a key (jurisdictions, operators, flags), distinct and sorted. */
    private static RowList keysOnly(Set<String> keys) {
        return RowList.of(List.copyOf(keys), k -> Map.<String, Object>of("key", k), k -> k);
    }

    /** Row numbers picked out of a {@link RowList} (the rows to send), without making their maps. */
    private static final class IntList {
        private int[] values = new int[16];
        private int size;

        void add(int v) {
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        /** The picked rows of {@code rows}, each made when it is read (a batch being sent). */
        List<Map<String, Object>> of(RowList rows) {
            int[] picked = values;
            int n = size;
            return new java.util.AbstractList<>() {
                @Override
                public Map<String, Object> get(int i) {
                    return rows.get(picked[java.util.Objects.checkIndex(i, n)]);
                }

                @Override
                public int size() {
                    return n;
                }
            };
        }
    }

    private static Map<String, Object> row(Org o) {
        Map<String, Object> m = new HashMap<>();
        m.put("id", o.id());
        m.put("name", o.name());
        // no property rather than an empty list, as the bulk importer writes an empty cell (the graphs stay equal)
        m.put("names", o.names().isEmpty() ? null : o.names());
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
                d.provenance().evidence(), d.provenance().recordRef(), Map.of("from", d.operator(),
                        "to", d.productId()));
    }

    private static Map<String, Object> row(BasedIn b) {
        Map<String, Object> props = provenance(b.provenance());
        props.put("basis", b.basis());
        props.put("detail", b.detail());
        return keyed(props, "BASED_IN", b.orgId(), b.code(), b.basis(), b.provenance().source(),
                b.provenance().evidence(), b.provenance().recordRef(), Map.of("from", b.orgId(), "to", b.code()));
    }

    private static Map<String, Object> row(ExceptionFact x) {
        Map<String, Object> props = provenance(x.provenance());
        props.put("category", x.category());
        props.put("reason", x.reason());
        Map<String, Object> row = keyed(props, "EXCEPTION", x.orgId(), x.category(), x.reason(),
                x.provenance().source(), x.provenance().evidence(), "", Map.of("from", x.orgId()));
        // the exception's facts live on its node; the HAS_EXCEPTION relationship carries only its key
        row.put("nodeProps", row.get("props"));
        row.put("to", row.get("key"));
        row.put("props", Map.of());
        return row;
    }

    private static Map<String, Object> row(FlagFact f) {
        Map<String, Object> props = provenance(f.provenance());
        return keyed(props, "FLAGGED", f.orgId(), f.flag(), "", f.provenance().source(), f.provenance().evidence(),
                f.provenance().recordRef(), Map.of("from", f.orgId(), "to", f.flag()));
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

    /**
     * The load's stamp: a digest of every label's and type's rows, each by its digest {@code h} (which covers all of
     * the row), in the order of the resolved graph, so equal inputs give an equal stamp.
     */
    private static String loadStamp(Map<String, RowList> nodes, Map<String, RowList> rels) {
        MessageDigest md = sha1();
        for (Map<String, RowList> side : List.of(nodes, rels)) {
            for (Map.Entry<String, RowList> e : side.entrySet()) {
                md.update(e.getKey().getBytes(StandardCharsets.UTF_8));
                md.update((byte) '|');
                RowList rows = e.getValue();
                for (int i = 0; i < rows.size(); i++) {
                    md.update(rows.h(i).getBytes(StandardCharsets.US_ASCII));
                    md.update((byte) ',');
                }
                md.update((byte) ';');
            }
        }
        return HexFormat.of().formatHex(md.digest()).substring(0, 16);
    }

    /** A digest of the parts (map keys sorted, lists in order): equal content gives an equal digest. */
    static String digestOf(Object... parts) {
        MessageDigest md = sha1();
        for (Object part : parts) {
            digest(md, part);
            md.update((byte) '|');
        }
        return HexFormat.of().formatHex(md.digest()).substring(0, 16);
    }

    private static void digest(MessageDigest md, Object value) {
        if (value instanceof Map<?, ?> map) {
            // keys in their natural (String) order, as a TreeMap would give them, without copying the map
            String[] keys = new String[map.size()];
            int i = 0;
            for (Object k : map.keySet()) {
                keys[i++] = (String) k;
            }
            java.util.Arrays.sort(keys);
            for (String k : keys) {
                md.update(k.getBytes(StandardCharsets.UTF_8));
                md.update((byte) '=');
                digest(md, map.get(k));
                md.update((byte) ';');
            }
        } else if (value instanceof List<?> list) {
            list.forEach(v -> {
                digest(md, v);
                md.update((byte) ',');
            });
        } else {
            md.update(String.valueOf(value).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** One SHA-1 per thread, reset before each use (looking the algorithm up per row cost more than digesting). */
    private static final ThreadLocal<MessageDigest> SHA1 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    private static MessageDigest sha1() {
        MessageDigest md = SHA1.get();
        md.reset();
        return md;
    }

    static String sha1(String s) {
        return HexFormat.of().formatHex(sha1().digest(s.getBytes(StandardCharsets.UTF_8)));
    }
}
