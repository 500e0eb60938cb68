package org.trustmap.queries;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.Value;
import org.neo4j.driver.types.TypeSystem;
import org.trustmap.queries.ExposureEntry.Product;
import org.trustmap.queries.ExposureEntry.Profile;
import org.trustmap.queries.internal.FindingsJson;

/**
 * Reads one {@link ExposureEntry} per deployment: each (operator, sector, product) joined to the product's
 * current {@code (:ExposureFinding)} — the one of the latest run when several profiles left one.
 */
public final class ExposureReport {
    private static final String DEPLOYMENTS = """
            MATCH (op:Operator)-[d:DEPLOYS]->(p:Product)
            WHERE $productId IS NULL OR p.id = $productId
            WITH op, p, d.sector AS sector, count(toInteger(d.count)) AS counted, sum(toInteger(d.count)) AS units
            CALL {
              WITH p
              OPTIONAL MATCH (f:ExposureFinding)-[:FOR]->(p)
              OPTIONAL MATCH (r:Run {id: f.runId})
              RETURN f
              ORDER BY r.startedAt IS NULL, r.startedAt DESC, f.runId DESC, f.profile
              LIMIT 1
            }
            RETURN p.id AS id, p.name AS name, p.vendor AS vendor, op.name AS operator, sector,
                   CASE WHEN counted = 0 THEN null ELSE units END AS count,
                   f.id AS findingId, f.verdict AS verdict, f.findings AS findings, f.gaps AS gaps, f.flags AS flags,
                   f.profile AS profile, f.profileHash AS profileHash, f.runId AS runId
            """;

    private static final Comparator<String> TEXT = Comparator.nullsLast(String.CASE_INSENSITIVE_ORDER);

    /** Report order: verdict (EXPOSED first), sector, operator, product name, product id. */
    public static final Comparator<ExposureEntry> ORDER = Comparator.comparing(ExposureEntry::verdict)
            .thenComparing(ExposureEntry::sector, TEXT)
            .thenComparing(ExposureEntry::operator, TEXT)
            .thenComparing(e -> e.product().name(), TEXT)
            .thenComparing(e -> e.product().id(), TEXT);

    private final String database;

    /** Reads from the server's default database. */
    public ExposureReport() {
        this(null);
    }

    /** Reads from {@code database}; {@code null} means the server's default database. */
    public ExposureReport(String database) {
        this.database = database;
    }

    /**
     * Every deployment, or only those of {@code productId}, in {@link #ORDER}.
     *
     * @throws IllegalStateException when a stored finding is malformed (naming the finding)
     */
    public List<ExposureEntry> read(Driver driver, Optional<String> productId) {
        SessionConfig config = database == null ? SessionConfig.defaultConfig() : SessionConfig.forDatabase(database);
        Map<String, Object> params = new HashMap<>(); // Map.of refuses the null that means "every product"
        params.put("productId", productId.orElse(null));
        List<ExposureEntry> entries;
        try (Session session = driver.session(config)) {
            entries = session.executeRead(tx -> tx.run(DEPLOYMENTS, params).list(ExposureReport::entry));
        }
        List<ExposureEntry> sorted = new ArrayList<>(entries);
        sorted.sort(ORDER);
        return List.copyOf(sorted);
    }

    private static ExposureEntry entry(Record r) {
        Product product = new Product(str(r.get("id")), str(r.get("name")), str(r.get("vendor")));
        Value count = r.get("count");
        String findingId = str(r.get("findingId"));
        if (findingId == null && r.get("verdict").isNull()) {
            return new ExposureEntry(product, str(r.get("operator")), str(r.get("sector")),
                    count.isNull() ? null : count.asLong(), Verdict.UNDETERMINED, List.of(),
                    List.of(ExposureEntry.NOT_DERIVED), new Profile(null, null));
        }
        Verdict verdict;
        try {
            verdict = Verdict.of(str(r.get("verdict")));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("ExposureFinding " + findingId + ": " + e.getMessage(), e);
        }
        List<String> gaps = r.get("gaps").isNull() ? List.of() : r.get("gaps").asList(v -> v.isNull() ? "" : str(v));
        return new ExposureEntry(product, str(r.get("operator")), str(r.get("sector")),
                count.isNull() ? null : count.asLong(), verdict,
                FindingsJson.parse(findingId, str(r.get("findings"))), gaps,
                new Profile(str(r.get("profile")), str(r.get("profileHash"))),
                r.get("flags").isNull() ? List.of() : r.get("flags").asList(v -> str(v)), str(r.get("runId")));
    }

    private static String str(Value v) {
        if (v == null || v.isNull()) {
            return null;
        }
        return v.hasType(TypeSystem.getDefault().STRING()) ? v.asString() : v.toString();
    }
}
