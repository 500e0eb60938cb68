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
    /** Whose name an organization takes: registries first, then lists, device records, analysts, inventories. */
    private static final List<String> SOURCE_RANK = List.of("gleif", "uk-psc", "ares", "bods", "ieee-oui", "fcc-grantees",
            "opensanctions", "csl", "fcc-covered", "wikidata", "devicecode", "curated", "inventory");
    private final Judgements judgements;

    /** A resolver without analysts' judgements. */
    public Resolver() {
        this(Judgements.none());
    }

    /** A resolver applying analysts' judgements (same / not same); a NOT_SAME judgement blocks a merge for good. */
    public Resolver(Judgements judgements) {
        this.judgements = judgements;
    }

    public ResolvedGraph resolve(DatasetGraph dsg) {
        return dsg.calculateRead(() -> resolve(StagedRecords.read(dsg)));
    }

    ResolvedGraph resolve(List<StagedRecord> records) {
        List<StagedRecord> orgs = records.stream().filter(r -> Tm.Organization.equals(r.type())).toList();
        Clusters clusters = new Clusters(orgs, judgements);
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
        edges.addAll(identifierLinks(records, orgs, orgId));
        return new ResolvedGraph(clusters.organizations(orgId), List.copyOf(products.values()), deployments, edges,
                basedIn, exceptions, flags, clusters.merges(orgId));
    }

    /**
     * Ties products to registrants by identifier: a product's MAC (or OUI prefix) to the organization the IEEE
     * registry assigns that OUI to, and its FCC ID to the organization holding the grantee code (the first 3
     * characters, or 5 when it starts with 2). Both are MAKER evidence (kind OUI_REGISTRANT / FCC_GRANTEE): the
     * registrant made the device or its radio. The hop's provenance is the registry record.
     */
    private static List<Edge> identifierLinks(List<StagedRecord> records, List<StagedRecord> orgs,
                                              Map<Node, String> orgId) {
        Map<String, StagedRecord> byOui = new HashMap<>();
        Map<String, StagedRecord> byGrantee = new HashMap<>();
        for (StagedRecord o : orgs) {
            o.texts(Tm.ouiAssignment).forEach(a -> byOui.putIfAbsent(a, o));
            o.texts(Tm.fccGranteeCode).forEach(c -> byGrantee.putIfAbsent(c, o));
        }
        List<Edge> links = new ArrayList<>();
        if (byOui.isEmpty() && byGrantee.isEmpty()) {
            return links;
        }
        for (StagedRecord p : records) {
            if (!Tm.Product.equals(p.type())) {
                continue;
            }
            String productId = p.text(Tm.productId);
            for (String mac : p.texts(Tm.mac)) {
                org.trustmap.crawler.Ouis.of(mac).map(byOui::get).ifPresent(o -> links.add(new Edge("MADE_BY",
                        productId, orgId.get(o.iri()), "OUI_REGISTRANT", null, null, o.provenance())));
            }
            for (String fccId : p.texts(Tm.fccId)) {
                org.trustmap.crawler.FccIds.granteeCode(fccId).map(byGrantee::get).ifPresent(o -> links.add(
                        new Edge("MADE_BY", productId, orgId.get(o.iri()), "FCC_GRANTEE", null, null, o.provenance())));
            }
        }
        return links;
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
    /** Union-find over organization records with the reasons of each union and the analysts' blocks. */
    private static final class Clusters {
        private final List<StagedRecord> records;
        private final int[] parent;
        private final String[] lei;
        private final boolean[] anchored;
        private final List<Set<Integer>> blocked;
        private final List<Set<String>> countryCache;
        private final List<Set<String>> nameCache;
        private final Map<Node, Integer> index = new HashMap<>();
        private final List<String[]> reasons = new ArrayList<>();
        private final Judgements judgements;

        Clusters(List<StagedRecord> records, Judgements judgements) {
            this.records = records;
            this.judgements = judgements;
            int n = records.size();
            this.parent = new int[n];
            this.lei = new String[n];
            this.anchored = new boolean[n];
            this.blocked = new ArrayList<>(n);
            this.countryCache = new ArrayList<>(n);
            this.nameCache = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                parent[i] = i;
                index.put(records.get(i).iri(), i);
                lei[i] = records.get(i).text(Tm.lei);
                countryCache.add(computeCountries(i));
                nameCache.add(computeNames(i));
                anchored[i] = !countryCache.get(i).isEmpty() || lei[i] != null;
                blocked.add(null);
            }
            applyNotSame();
            byLei();
            applySame();
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

        /** Joins two clusters unless they hold different LEIs or an analyst said they are not the same. */
        private boolean union(int a, int b, String reason) {
            int ra = find(a);
            int rb = find(b);
            if (ra == rb) {
                return false;
            }
            if (lei[ra] != null && lei[rb] != null && !lei[ra].equals(lei[rb])) {
                return false;
            }
            if (blocked.get(ra) != null && blocked.get(ra).stream().anyMatch(x -> find(x) == rb)
                    || blocked.get(rb) != null && blocked.get(rb).stream().anyMatch(x -> find(x) == ra)) {
                return false;
            }
            int root = Math.min(ra, rb);
            int child = Math.max(ra, rb);
            parent[child] = root;
            lei[root] = lei[root] != null ? lei[root] : lei[child];
            anchored[root] = anchored[root] || anchored[child];
            if (blocked.get(child) != null) {
                if (blocked.get(root) == null) {
                    blocked.set(root, new HashSet<>());
                }
                blocked.get(root).addAll(blocked.get(child));
            }
            reasons.add(new String[] {records.get(b).toString(), reason, records.get(a).toString()});
            return true;
        }

        private void applyNotSame() {
            for (Judgements.Judgement j : judgements.notSame()) {
                List<Integer> left = matching(j.left());
                List<Integer> right = matching(j.right());
                for (int l : left) {
                    for (int r : right) {
                        block(l, r);
                        block(r, l);
                    }
                }
            }
        }

        private void block(int a, int b) {
            if (blocked.get(a) == null) {
                blocked.set(a, new HashSet<>());
            }
            blocked.get(a).add(b);
        }

        private void applySame() {
            for (Judgements.Judgement j : judgements.same()) {
                List<Integer> left = matching(j.left());
                List<Integer> right = matching(j.right());
                if (!left.isEmpty() && !right.isEmpty()) {
                    for (int r : right) {
                        union(left.get(0), r, "analyst judgement SAME (" + j.where() + ")");
                    }
                }
            }
        }

        /** Records a judgement's reference names: {@code lei:X}, or a name (normalized) with an optional {@code @CC}. */
        private List<Integer> matching(Judgements.Ref ref) {
            List<Integer> out = new ArrayList<>();
            for (int i = 0; i < records.size(); i++) {
                if (ref.matches(lei[i], nameCache.get(i), countryCache.get(i))) {
                    out.add(i);
                }
            }
            return out;
        }

        private void byLei() {
            byIdentifier(Tm.lei, "same LEI ");
            byIdentifier(Tm.ouiAssignment, "same IEEE OUI assignment ");
            byIdentifier(Tm.fccGranteeCode, "same FCC grantee code ");
            byRegistration();
        }

        /** The same national registration number under the same authority (GB-COH 07434180, CZ-ICO ..., RA000602 ...). */
        private void byRegistration() {
            Map<String, Integer> first = new HashMap<>();
            for (int i = 0; i < records.size(); i++) {
                String authority = records.get(i).text(Tm.registrationAuthority);
                String number = records.get(i).text(Tm.registeredAs);
                if (authority != null && number != null) {
                    String key = authority.toUpperCase(Locale.ROOT) + " " + number.strip().toUpperCase(Locale.ROOT);
                    Integer f = first.putIfAbsent(key, i);
                    if (f != null) {
                        union(f, i, "same registration " + key);
                    }
                }
            }
        }

        private void byIdentifier(Node property, String reason) {
            Map<String, Integer> first = new HashMap<>();
            for (int i = 0; i < records.size(); i++) {
                for (String value : records.get(i).texts(property)) {
                    Integer f = first.putIfAbsent(value, i);
                    if (f != null) {
                        union(f, i, reason + value);
                    }
                }
            }
        }

        private Set<String> countries(int i) {
            return countryCache.get(i);
        }

        private Set<String> names(int i) {
            return nameCache.get(i);
        }

        private Set<String> computeCountries(int i) {
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

        private Set<String> legalNames(int i) {
            Set<String> n = new TreeSet<>();
            for (String name : records.get(i).texts(Tm.name)) {
                String norm = Names.normalize(name);
                if (Names.matchable(norm)) {
                    n.add(norm);
                }
            }
            return n;
        }

        private Set<String> computeNames(int i) {
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

        /**
         * Same legal name within a country. Aliases and previous names are left out here: a list's alias ("China
         * Telecom" for a group) can equal a subsidiary's legal name, and two registered entities must not merge on
         * it. Aliases still let a name-only reference find its organization (below).
         */
        private void byNameInCountry() {
            Map<String, Integer> first = new HashMap<>();
            for (int i = 0; i < records.size(); i++) {
                for (String c : countries(i)) {
                    for (String name : legalNames(i)) {
                        Integer f = first.putIfAbsent(c + "|" + name, i);
                        if (f != null) {
                            union(f, i, "same name '" + name + "' in " + c);
                        }
                    }
                }
            }
        }

        /**
         * Records with neither country nor LEI join the one anchored cluster (one with a country or LEI) that carries
         * one of their names. Repeated until nothing changes, so an alias that joined a cluster makes that alias a
         * name of the cluster for the next record. Then unanchored records with the same name join each other.
         */
        private void byNameAlone() {
            Map<String, Set<Integer>> rootsByName = new HashMap<>();
            for (int i = 0; i < records.size(); i++) {
                if (anchored[find(i)]) {
                    for (String name : names(i)) {
                        rootsByName.computeIfAbsent(name, k -> new HashSet<>()).add(find(i));
                    }
                }
            }
            boolean changed = true;
            while (changed) {
                changed = false;
                for (int i = 0; i < records.size(); i++) {
                    if (anchored[find(i)]) {
                        continue;
                    }
                    // the record's legal name decides first; an alias only when the legal name finds nothing
                    Match match = match(legalNames(i), rootsByName);
                    if (match == null) {
                        Set<String> aliases = new TreeSet<>(names(i));
                        aliases.removeAll(legalNames(i));
                        match = match(aliases, rootsByName);
                    }
                    if (match != null && union(match.root(), i,
                            "name '" + match.name() + "' matches the only organization carrying it")) {
                        int root = find(i);
                        for (String other : names(i)) {
                            rootsByName.computeIfAbsent(other, k -> new HashSet<>()).add(root);
                        }
                        changed = true;
                    }
                }
            }
            Map<String, Integer> floating = new HashMap<>();
            for (int i = 0; i < records.size(); i++) {
                if (anchored[find(i)]) {
                    continue;
                }
                for (String name : names(i)) {
                    Integer f = floating.putIfAbsent(name, i);
                    if (f != null && !anchored[find(f)]) {
                        union(f, i, "same name '" + name + "' (no country known)");
                    }
                }
            }
        }

        private record Match(int root, String name) {
        }

        /** The one anchored cluster these names lead to; null when none, or when they lead to several. */
        private Match match(Set<String> names, Map<String, Set<Integer>> rootsByName) {
            Match found = null;
            for (String name : names) {
                Set<Integer> roots = rootsByName.get(name);
                if (roots == null) {
                    continue;
                }
                Set<Integer> live = new HashSet<>();
                roots.forEach(x -> live.add(find(x)));
                if (live.size() != 1) {
                    return null;
                }
                int root = live.iterator().next();
                if (found != null && found.root() != root) {
                    return null;
                }
                found = found == null ? new Match(root, name) : found;
            }
            return found;
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

        List<Merge> merges(Map<Node, String> ids) {
            List<Merge> out = new ArrayList<>();
            for (String[] r : reasons) {
                StagedRecord rec = records.get(index.get(org.apache.jena.graph.NodeFactory.createURI(r[0])));
                out.add(new Merge(ids.get(rec.iri()), r[0], r[1] + " (joined " + r[2] + ")"));
            }
            return out;
        }
    }

}
