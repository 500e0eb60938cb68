package org.trustmap.graph;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;
import org.trustmap.crawler.Tm;
import org.trustmap.graph.ResolvedGraph.BasedIn;
import org.trustmap.graph.ResolvedGraph.Deployment;
import org.trustmap.graph.ResolvedGraph.Edge;
import org.trustmap.graph.ResolvedGraph.ExceptionFact;
import org.trustmap.graph.ResolvedGraph.FlagFact;
import org.trustmap.graph.ResolvedGraph.Merge;
import org.trustmap.graph.ResolvedGraph.Org;
import org.trustmap.graph.ResolvedGraph.Product;
import org.trustmap.graph.internal.Names;
import org.trustmap.graph.internal.StagedRecord;
import org.trustmap.graph.internal.StagedRecords;

/**
 * Clusters staged records that name the same organization or product and turns their statements into edges between
 * canonical ids. Organizations: same LEI first; then the same normalized name (legal name or other names) within a
 * country; a record with a name but no country and no LEI (an inventory vendor, a curated reference) joins the one
 * organization that carries that name, and stays on its own when several countries share it. Records with
 * different LEIs never merge. Products: same product id. The result is deterministic for the same records.
 */
public final class Resolver {
    private static final List<String> SOURCE_RANK = List.of("gleif", "curated", "inventory");

    public ResolvedGraph resolve(DatasetGraph dsg) {
        return dsg.calculateRead(() -> resolve(StagedRecords.read(dsg)));
    }

    ResolvedGraph resolve(List<StagedRecord> records) {
        List<StagedRecord> orgs = records.stream().filter(r -> Tm.Organization.equals(r.type())).toList();
        Clusters clusters = new Clusters(orgs);
        Map<Node, String> orgId = clusters.assignIds();

        Map<String, Product> products = new TreeMap<>();
        Map<Node, String> productOf = new HashMap<>();
        // a product's own inventory row names it best; curated facts only refer to it by id
        records.stream().filter(r -> Tm.Product.equals(r.type()))
                .sorted(Comparator.comparing((StagedRecord r) -> "inventory".equals(r.text(Tm.source)) ? 0 : 1 + rank(r.text(Tm.source)))
                        .thenComparing(StagedRecord::toString))
                .forEach(r -> {
                    String id = r.text(Tm.productId);
                    productOf.put(r.iri(), id);
                    products.merge(id, new Product(id, r.text(Tm.name), r.text(Tm.vendor), r.text(Tm.model),
                            r.text(Tm.cpe), r.text(Tm.fccId), r.text(Tm.mac)), Resolver::fill);
                });

        List<Deployment> deployments = new ArrayList<>();
        List<Edge> edges = new ArrayList<>();
        List<BasedIn> basedIn = new ArrayList<>();
        List<ExceptionFact> exceptions = new ArrayList<>();
        List<FlagFact> flags = new ArrayList<>();
        for (StagedRecord r : records) {
            if (Tm.Deployment.equals(r.type())) {
                String count = r.text(Tm.count);
                deployments.add(new Deployment(r.text(Tm.operator), r.text(Tm.sector), productOf.get(r.node(Tm.product)),
                        count == null ? null : Long.valueOf(count), r.provenance()));
            } else if (Tm.Link.equals(r.type())) {
                Node from = r.node(Tm.from);
                Node to = r.node(Tm.to);
                String f = orgId.getOrDefault(from, productOf.get(from));
                String t = orgId.getOrDefault(to, productOf.get(to));
                if (f == null || t == null) {
                    continue; // an end was dropped by the shapes; that record is already reported
                }
                String share = r.text(Tm.share);
                edges.add(new Edge(r.text(Tm.relation), f, t, r.text(Tm.controlKind),
                        share == null ? null : new BigDecimal(share), r.text(Tm.linkStatus), r.provenance()));
            } else if (Tm.Organization.equals(r.type())) {
                String id = orgId.get(r.iri());
                String jurisdiction = r.text(Tm.legalJurisdiction);
                if (jurisdiction != null) {
                    basedIn.add(new BasedIn(id, country(jurisdiction), "LEGAL_JURISDICTION", jurisdiction, r.provenance()));
                }
                if (r.text(Tm.legalCountry) != null) {
                    basedIn.add(new BasedIn(id, r.text(Tm.legalCountry), "LEGAL_ADDRESS", null, r.provenance()));
                }
                if (r.text(Tm.hqCountry) != null) {
                    basedIn.add(new BasedIn(id, r.text(Tm.hqCountry), "HEADQUARTERS", null, r.provenance()));
                }
                for (String code : r.texts(Tm.basedIn)) {
                    basedIn.add(new BasedIn(id, code, "STATED", null, r.provenance()));
                }
                for (String flag : r.texts(Tm.flag)) {
                    flags.add(new FlagFact(id, flag, r.provenance()));
                }
                for (String ex : r.texts(Tm.parentException)) {
                    int colon = ex.indexOf(':');
                    exceptions.add(new ExceptionFact(id, colon > 0 ? ex.substring(0, colon) : "ULTIMATE",
                            colon > 0 ? ex.substring(colon + 1) : ex, r.provenance()));
                }
            }
        }
        return new ResolvedGraph(clusters.organizations(orgId), List.copyOf(products.values()), deployments, edges,
                basedIn, exceptions, flags, clusters.merges());
    }

    static String country(String jurisdiction) {
        String j = jurisdiction.strip().toUpperCase(Locale.ROOT);
        return j.length() >= 2 ? j.substring(0, 2) : j;
    }

    private static int rank(String source) {
        int i = SOURCE_RANK.indexOf(source);
        return i < 0 ? SOURCE_RANK.size() : i;
    }

    private static Product fill(Product a, Product b) {
        return new Product(a.id(), or(a.name(), b.name()), or(a.vendor(), b.vendor()), or(a.model(), b.model()),
                or(a.cpe(), b.cpe()), or(a.fccId(), b.fccId()), or(a.mac(), b.mac()));
    }

    private static String or(String a, String b) {
        return a != null ? a : b;
    }

    /** Union-find over organization records with the reasons of each union. */
    private static final class Clusters {
        private final List<StagedRecord> records;
        private final int[] parent;
        private final Map<Node, Integer> index = new HashMap<>();
        private final List<String[]> reasons = new ArrayList<>();

        Clusters(List<StagedRecord> records) {
            this.records = records;
            this.parent = new int[records.size()];
            for (int i = 0; i < parent.length; i++) {
                parent[i] = i;
                index.put(records.get(i).iri(), i);
            }
            byLei();
            byNameInCountry();
            byNameAlone();
        }

        private int find(int i) {
            while (parent[i] != i) {
                parent[i] = parent[parent[i]];
                i = parent[i];
            }
            return i;
        }

        private void union(int a, int b, String reason) {
            int ra = find(a);
            int rb = find(b);
            if (ra == rb) {
                return;
            }
            parent[Math.max(ra, rb)] = Math.min(ra, rb);
            reasons.add(new String[] {records.get(b).toString(), reason, records.get(a).toString()});
        }

        private void byLei() {
            Map<String, Integer> first = new HashMap<>();
            for (int i = 0; i < records.size(); i++) {
                String lei = records.get(i).text(Tm.lei);
                if (lei != null) {
                    Integer f = first.putIfAbsent(lei, i);
                    if (f != null) {
                        union(f, i, "same LEI " + lei);
                    }
                }
            }
        }

        private Set<String> countries(int i) {
            StagedRecord r = records.get(i);
            Set<String> c = new TreeSet<>();
            if (r.text(Tm.legalJurisdiction) != null) {
                c.add(country(r.text(Tm.legalJurisdiction)));
            }
            if (r.text(Tm.legalCountry) != null) {
                c.add(r.text(Tm.legalCountry));
            }
            if (r.text(Tm.hqCountry) != null) {
                c.add(r.text(Tm.hqCountry));
            }
            c.addAll(r.texts(Tm.basedIn));
            return c;
        }

        private Set<String> names(int i) {
            StagedRecord r = records.get(i);
            Set<String> n = new TreeSet<>();
            for (String name : concat(r.texts(Tm.name), r.texts(Tm.otherName))) {
                String norm = Names.normalize(name);
                if (Names.matchable(norm)) {
                    n.add(norm);
                }
            }
            return n;
        }

        private static List<String> concat(List<String> a, List<String> b) {
            List<String> all = new ArrayList<>(a);
            all.addAll(b);
            return all;
        }

        /** LEIs present in each cluster, to refuse merging two clusters with different LEIs. */
        private String leiOf(int root) {
            for (int i = 0; i < records.size(); i++) {
                if (find(i) == root && records.get(i).text(Tm.lei) != null) {
                    return records.get(i).text(Tm.lei);
                }
            }
            return null;
        }

        private boolean leiConflict(int a, int b) {
            String la = leiOf(find(a));
            String lb = leiOf(find(b));
            return la != null && lb != null && !la.equals(lb);
        }

        private void byNameInCountry() {
            Map<String, Integer> first = new HashMap<>();
            for (int i = 0; i < records.size(); i++) {
                for (String country : countries(i)) {
                    for (String name : names(i)) {
                        String key = country + "|" + name;
                        Integer f = first.putIfAbsent(key, i);
                        if (f != null && !leiConflict(f, i)) {
                            union(f, i, "same name '" + name + "' in " + country);
                        }
                    }
                }
            }
        }

        private boolean anchoredRecord(int i) {
            return !countries(i).isEmpty() || records.get(i).text(Tm.lei) != null;
        }

        /**
         * Records with neither country nor LEI join the one anchored cluster (one with a country or LEI) that carries
         * one of their names. Repeated until nothing changes, so an alias that joined a cluster makes that alias a
         * name of the cluster for the next record.
         */
        private void byNameAlone() {
            boolean changed = true;
            while (changed) {
                changed = false;
                Set<Integer> anchoredRoots = new HashSet<>();
                for (int i = 0; i < records.size(); i++) {
                    if (anchoredRecord(i)) {
                        anchoredRoots.add(find(i));
                    }
                }
                Map<String, Set<Integer>> rootsByName = new HashMap<>();
                for (int i = 0; i < records.size(); i++) {
                    if (anchoredRoots.contains(find(i))) {
                        for (String name : names(i)) {
                            rootsByName.computeIfAbsent(name, k -> new TreeSet<>()).add(find(i));
                        }
                    }
                }
                for (int i = 0; i < records.size(); i++) {
                    if (anchoredRoots.contains(find(i))) {
                        continue;
                    }
                    for (String name : names(i)) {
                        Set<Integer> roots = rootsByName.get(name);
                        if (roots != null && roots.size() == 1) {
                            union(roots.iterator().next(), i,
                                    "name '" + name + "' matches the only organization carrying it");
                            changed = true;
                            break;
                        }
                    }
                    if (changed) {
                        break;
                    }
                }
            }
            Map<String, Integer> floating = new HashMap<>();
            for (int i = 0; i < records.size(); i++) {
                if (anchoredRecord(i)) {
                    continue;
                }
                for (String name : names(i)) {
                    Integer f = floating.putIfAbsent(name, i);
                    if (f != null && find(f) != find(i) && !isAnchored(find(f)) && !isAnchored(find(i))) {
                        union(f, i, "same name '" + name + "' (no country known)");
                    }
                }
            }
        }

        private boolean isAnchored(int root) {
            for (int i = 0; i < records.size(); i++) {
                if (find(i) == root && anchoredRecord(i)) {
                    return true;
                }
            }
            return false;
        }

        Map<Node, String> assignIds() {
            Map<Integer, List<Integer>> members = new TreeMap<>();
            for (int i = 0; i < records.size(); i++) {
                members.computeIfAbsent(find(i), k -> new ArrayList<>()).add(i);
            }
            Map<Node, String> ids = new HashMap<>();
            Set<String> used = new HashSet<>();
            for (List<Integer> cluster : members.values()) {
                String named = clusterId(cluster);
                // clusters that stayed apart (a generic name, a name several countries share) must not become one
                // node through equal ids: the later one gets a suffix from its first record's IRI
                String id = used.add(named) ? named
                        : named + "~" + GraphLoader.sha1(records.get(cluster.get(0)).toString()).substring(0, 8);
                used.add(id);
                cluster.forEach(i -> ids.put(records.get(i).iri(), id));
            }
            return ids;
        }

        private String clusterId(List<Integer> cluster) {
            for (int i : cluster) {
                String lei = records.get(i).text(Tm.lei);
                if (lei != null) {
                    return "lei:" + lei;
                }
            }
            StagedRecord best = best(cluster);
            Set<String> countries = new TreeSet<>();
            cluster.forEach(i -> countries.addAll(countries(i)));
            String name = Names.normalize(best.text(Tm.name));
            if (name.isEmpty()) {
                name = best.text(Tm.name) == null ? best.toString() : best.text(Tm.name).toLowerCase(Locale.ROOT);
            }
            return "org:" + (countries.isEmpty() ? "xx" : String.join("-", countries).toLowerCase(Locale.ROOT)) + ":"
                    + name.replace(' ', '-');
        }

        private StagedRecord best(List<Integer> cluster) {
            return cluster.stream().map(records::get).filter(r -> r.text(Tm.name) != null)
                    .min(Comparator.comparing((StagedRecord r) -> rank(r.text(Tm.source)))
                            .thenComparing(StagedRecord::toString))
                    .orElse(records.get(cluster.get(0)));
        }

        List<Org> organizations(Map<Node, String> ids) {
            Map<String, List<StagedRecord>> byId = new TreeMap<>();
            for (StagedRecord r : records) {
                byId.computeIfAbsent(ids.get(r.iri()), k -> new ArrayList<>()).add(r);
            }
            List<Org> orgs = new ArrayList<>();
            for (Map.Entry<String, List<StagedRecord>> e : byId.entrySet()) {
                List<StagedRecord> rs = new ArrayList<>(e.getValue());
                rs.sort(Comparator.comparing((StagedRecord r) -> rank(r.text(Tm.source))).thenComparing(StagedRecord::toString));
                Set<String> names = new LinkedHashSet<>();
                Set<String> sources = new TreeSet<>();
                String lei = null;
                String jurisdiction = null;
                String legal = null;
                String hq = null;
                for (StagedRecord r : rs) {
                    if (r.text(Tm.name) != null) {
                        names.add(r.text(Tm.name));
                    }
                    names.addAll(r.texts(Tm.otherName));
                    sources.add(r.text(Tm.source));
                    lei = or(lei, r.text(Tm.lei));
                    jurisdiction = or(jurisdiction, r.text(Tm.legalJurisdiction));
                    legal = or(legal, r.text(Tm.legalCountry));
                    hq = or(hq, r.text(Tm.hqCountry));
                }
                String name = names.isEmpty() ? (lei == null ? e.getKey() : lei) : names.iterator().next();
                orgs.add(new Org(e.getKey(), name, List.copyOf(names), lei, jurisdiction, legal, hq,
                        List.copyOf(sources), rs.size()));
            }
            return orgs;
        }

        List<Merge> merges() {
            Map<Node, String> ids = assignIds();
            List<Merge> out = new ArrayList<>();
            for (String[] r : reasons) {
                StagedRecord rec = records.get(index.get(org.apache.jena.graph.NodeFactory.createURI(r[0])));
                out.add(new Merge(ids.get(rec.iri()), r[0], r[1] + " (joined " + r[2] + ")"));
            }
            return out;
        }
    }

}
