package org.trustmap.graph;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;
import org.trustmap.graph.internal.GraphSnapshot;
import org.trustmap.graph.internal.GraphSnapshot.Fact;
import org.trustmap.graph.internal.StoredDigests;

/**
 * Computes one verdict per deployed product under a profile and materializes it as an {@code (:ExposureFinding)} node.
 *
 * <p>Routes start at the product (or a component it {@code CONTAINS}) with a {@code MADE_BY} (MAKER),
 * {@code SENDS_DATA_TO} (DATA_TRANSFER) or {@code ADMINISTERED_BY} (REMOTE_ADMIN) edge and go only upward to the
 * organizations that control it ({@link OwnershipWalk}: integrated share along every path, or control at every hop):
 * a subsidiary in a concern jurisdiction never exposes its parent's products.
 * EXPOSED when some organization on the way is based in a concern jurisdiction; NOT_FOUND when the maker is known
 * and every chain ends at a known ultimate parent or a closing reporting exception with a known jurisdiction;
 * UNDETERMINED otherwise, with the gaps named.</p>
 */
public final class ExposureDeriver {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ExposureDeriver.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_COMPONENT_DEPTH = 3;
    private static final Map<String, String> ROUTE_OF = Map.of("MADE_BY", "MAKER", "SENDS_DATA_TO", "DATA_TRANSFER",
            "ADMINISTERED_BY", "REMOTE_ADMIN");

    private final Driver driver;
    private final String database;

    public ExposureDeriver(Driver driver, String database) {
        this.driver = driver;
        this.database = database;
    }

    /** One hop of a path, with its evidence. */
    public record Hop(String from, String relation, String to, String source, String evidence, String date,
                      String recordId) {
    }

    /**
     * @param ownership how the ownership part of the path counts under the profile ("integrated share 54 % over 2
     *                  paths >= control 50 %", "control at every hop (...)"); null when the route's organization
     *                  itself is based in the concern jurisdiction
     */
    public record Finding(String route, String jurisdiction, List<Hop> path, String ownership) {
        public Finding {
            path = List.copyOf(path);
        }

        public Finding(String route, String jurisdiction, List<Hop> path) {
            this(route, jurisdiction, path, null);
        }
    }

    /**
     * @param flags the profile's flags on organizations met on the product's routes ("name: FLAG"); flags inform,
     *              they never decide the verdict
     */
    public record Verdict(String productId, String verdict, List<Finding> findings, List<String> gaps,
                          List<String> flags, List<String> reaches) {
        public Verdict {
            findings = List.copyOf(findings);
            gaps = List.copyOf(gaps);
            flags = List.copyOf(flags);
            reaches = List.copyOf(reaches);
        }
    }

    /** Counts per verdict of one derivation. */
    public record DeriveResult(Map<String, Integer> verdicts, int findings, int written) {
    }

    public DeriveResult derive(Profile profile, String runId) {
        long t0 = System.nanoTime();
        GraphSnapshot g;
        try (Session s = driver.session(SessionConfig.forDatabase(database))) {
            g = GraphSnapshot.read(s);
        }
        long t1 = System.nanoTime();
        List<Map<String, Object>> rows = new ArrayList<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        int findings = 0;
        int written;
        for (String productId : g.deployed) {
            Verdict v = evaluate(g, profile, productId);
            counts.merge(v.verdict(), 1, Integer::sum);
            findings += v.findings().size();
            Map<String, Object> row = row(v, profile);
            // the digest covers the row and the profile's version, which is stored with it
            row.put("h", GraphLoader.digestOf(row, profile.hash()));
            rows.add(row);
        }
        long t2 = System.nanoTime();
        try (Session s = driver.session(SessionConfig.forDatabase(database))) {
            // a finding whose content (and profile version) is what is stored is not written again
            StoredDigests stored = s.executeRead(tx -> {
                StoredDigests d = new StoredDigests();
                tx.run("MATCH (f:ExposureFinding {profile: $profile}) RETURN f.id AS k, f.h AS h",
                        Map.of("profile", profile.name())).forEachRemaining(r -> d.put(r.get("k").asString(null),
                        r.get("h").asString(null)));
                return d;
            });
            List<Map<String, Object>> changed = rows.stream()
                    .filter(r -> stored.status((String) r.get("id"), (String) r.get("h")) != StoredDigests.Status.SAME)
                    .toList();
            for (int i = 0; i < changed.size(); i += GraphLoader.BATCH) {
                List<Map<String, Object>> batch = changed.subList(i, Math.min(changed.size(), i + GraphLoader.BATCH));
                s.executeWrite(tx -> tx.run("""
                        UNWIND $rows AS row
                        MATCH (p:Product {id: row.productId})
                        MERGE (f:ExposureFinding {id: row.id})
                        SET f.productId = row.productId, f.verdict = row.verdict, f.findings = row.findings,
                            f.gaps = row.gaps, f.flags = row.flags, f.routes = row.routes, f.jurisdictions = row.jurisdictions,
                            f.profile = $profile, f.profileHash = $hash, f.runId = $runId, f.h = row.h
                        MERGE (f)-[:FOR]->(p)
                        WITH f, row
                        OPTIONAL MATCH (f)-[old:REACHES]->()
                        DELETE old
                        WITH DISTINCT f, row
                        UNWIND row.reaches AS orgId
                        MATCH (o:Organization {id: orgId})
                        MERGE (f)-[:REACHES]->(o)
                        """, Map.of("rows", batch, "profile", profile.name(), "hash", profile.hash(),
                        "runId", runId)).consume());
            }
            // every finding of this profile is this run's verdict, changed or not
            s.executeWrite(tx -> tx.run("""
                    MATCH (f:ExposureFinding {profile: $profile}) WHERE f.runId IS NULL OR f.runId <> $runId
                    SET f.runId = $runId""", Map.of("profile", profile.name(), "runId", runId)).consume());
            written = changed.size();
            // findings of this profile for products no longer deployed, or of an earlier version of the profile
            s.executeWrite(tx -> tx.run("""
                    MATCH (f:ExposureFinding {profile: $profile})
                    WHERE f.profileHash <> $hash OR NOT f.productId IN $deployed
                    DETACH DELETE f""", Map.of("profile", profile.name(), "hash", profile.hash(),
                    "deployed", List.copyOf(g.deployed))).consume());
        }
        LOG.info("derive: {} of {} findings written (the others unchanged); graph read in {} s, verdicts in {} s,"
                        + " written in {} s", written, rows.size(), Resolver.seconds(t1 - t0), Resolver.seconds(t2 - t1),
                Resolver.seconds(System.nanoTime() - t2));
        return new DeriveResult(counts, findings, written);
    }

    /** The verdict of one product under a profile, from a snapshot of the graph. */
    public static Verdict evaluate(GraphSnapshot g, Profile profile, String productId) {
        List<Finding> findings = new ArrayList<>();
        Set<String> gaps = new LinkedHashSet<>();
        Set<String> seenFinding = new HashSet<>();
        Set<String> flags = new java.util.TreeSet<>();
        Set<String> reaches = new LinkedHashSet<>();
        boolean makerKnown = false;

        // starts: (route, path so far, organization)
        record Start(String route, List<Hop> prefix, String orgId) {
        }
        List<Start> starts = new ArrayList<>();
        Deque<Object[]> products = new ArrayDeque<>();
        products.add(new Object[] {productId, List.<Hop>of(), 0});
        Set<String> visitedProducts = new HashSet<>();
        while (!products.isEmpty()) {
            Object[] cur = products.poll();
            String pid = (String) cur[0];
            @SuppressWarnings("unchecked")
            List<Hop> prefix = (List<Hop>) cur[1];
            int depth = (int) cur[2];
            if (!visitedProducts.add(pid)) {
                continue;
            }
            for (Fact f : g.routesFrom.getOrDefault(pid, List.of())) {
                String route = depth == 0 ? ROUTE_OF.get(f.type()) : "COMPONENT";
                if (depth == 0 && f.type().equals("MADE_BY")) {
                    makerKnown = true;
                }
                if (profile.routes().contains(route)) {
                    starts.add(new Start(route, append(prefix, hop(g, f, true)), f.to()));
                }
            }
            if (depth < MAX_COMPONENT_DEPTH) {
                for (Fact f : g.componentsOf.getOrDefault(pid, List.of())) {
                    products.add(new Object[] {f.to(), append(prefix, hop(g, f, false)), depth + 1});
                }
            }
        }
        if (!makerKnown) {
            gaps.add("maker unknown: no MADE_BY fact for the product");
        }

        for (Start start : starts) {
            // upward only: the organizations that control the route's organization, by integrated share or by a
            // chain of control, each with the shortest path of ownership edges to it
            OwnershipWalk walk = OwnershipWalk.from(g, profile, start.orgId());
            for (OwnershipWalk.Controller c : walk.controllers()) {
                String org = c.org();
                List<Hop> path = start.prefix();
                for (Fact edge : c.path()) {
                    path = append(path, hop(g, edge, false));
                }
                for (Fact flag : g.flags.getOrDefault(org, List.of())) {
                    if (profile.flags().contains(flag.to())) {
                        flags.add(g.orgNames.getOrDefault(org, org) + ": " + flag.to());
                    }
                }
                List<Fact> concern = g.basedIn.getOrDefault(org, List.of()).stream()
                        .filter(b -> profile.basedInBases().contains((String) b.prop("basis")))
                        .filter(b -> profile.concernJurisdictions().contains(b.to())).toList();
                for (Fact b : concern) {
                    String key = start.route() + "|" + org + "|" + b.to();
                    if (seenFinding.add(key)) {
                        findings.add(new Finding(start.route(), b.to(), append(path, hop(g, b, false)), c.basis()));
                        reaches.add(org);
                    }
                    break;
                }
                boolean known = g.basedIn.getOrDefault(org, List.of()).stream()
                        .anyMatch(b -> profile.basedInBases().contains((String) b.prop("basis")));
                if (!known) {
                    gaps.add("entity unresolved: " + g.orgNames.getOrDefault(org, org)
                            + " has no known jurisdiction (" + org + ")");
                }
                if (walk.controllingParents(org).isEmpty()) {
                    closed(g, profile, org).ifPresent(gaps::add);
                }
            }
            gaps.addAll(walk.unknownShareGaps());
        }
        if (!findings.isEmpty()) {
            // a complete path settles it; what is unknown further up no longer changes the verdict
            return new Verdict(productId, "EXPOSED", findings, List.of(), List.copyOf(flags), List.copyOf(reaches));
        }
        return new Verdict(productId, gaps.isEmpty() ? "NOT_FOUND" : "UNDETERMINED", findings, List.copyOf(gaps),
                List.copyOf(flags), List.of());
    }

    /** Control kinds that mean influence, not control, when no share says otherwise. */
    static final Set<String> INFLUENCE_KINDS = Set.of("SIGNIFICANT_INFLUENCE", "OTHER_INFLUENCE");

    /** Empty when the chain legitimately ends at this organization; else the gap that leaves it open. */
    private static java.util.Optional<String> closed(GraphSnapshot g, Profile profile, String org) {
        if (g.ultimateParents.containsKey(org)) {
            return java.util.Optional.empty();
        }
        List<Fact> exceptions = g.exceptions.getOrDefault(org, List.of());
        for (Fact x : exceptions) {
            if (profile.closingExceptions().contains(x.to())) {
                return java.util.Optional.empty();
            }
        }
        String name = g.orgNames.getOrDefault(org, org);
        if (!exceptions.isEmpty()) {
            return java.util.Optional.of("chain broken at " + name + ": reporting exception "
                    + exceptions.get(0).to() + " does not name the parent");
        }
        if (!g.parentsOf.getOrDefault(org, List.of()).isEmpty()) {
            return java.util.Optional.of("chain broken at " + name + ": its known owners do not count as control under"
                    + " the profile (ended, influence only or below the threshold); no controlling parent or"
                    + " reporting exception on record");
        }
        return java.util.Optional.of("chain broken at " + name + ": no parent and no reporting exception on record");
    }

    private static Hop hop(GraphSnapshot g, Fact f, boolean fromProduct) {
        String from = fromProduct || f.type().equals("CONTAINS") ? g.productNames.getOrDefault(f.from(), f.from())
                : g.orgNames.getOrDefault(f.from(), f.from());
        String to = switch (f.type()) {
            case "BASED_IN" -> f.to();
            case "CONTAINS" -> g.productNames.getOrDefault(f.to(), f.to());
            default -> g.orgNames.getOrDefault(f.to(), f.to());
        };
        return new Hop(from, f.type(), to, str(f.prop("source")), str(f.prop("evidence")), str(f.prop("date")),
                str(f.prop("recordId")));
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }

    private static List<Hop> append(List<Hop> path, Hop hop) {
        List<Hop> p = new ArrayList<>(path);
        p.add(hop);
        return List.copyOf(p);
    }

    private static Map<String, Object> row(Verdict v, Profile profile) {
        Map<String, Object> m = new HashMap<>();
        m.put("id", v.productId() + "|" + profile.name());
        m.put("productId", v.productId());
        m.put("verdict", v.verdict());
        m.put("gaps", v.gaps());
        m.put("flags", v.flags());
        m.put("routes", v.findings().stream().map(Finding::route).distinct().sorted().toList());
        m.put("jurisdictions", v.findings().stream().map(Finding::jurisdiction).distinct().sorted().toList());
        m.put("reaches", v.reaches());
        try {
            m.put("findings", JSON.writeValueAsString(v.findings()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return m;
    }
}
