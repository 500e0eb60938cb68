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
import org.trustmap.graph.ResolvedGraph.Provenance;
import org.trustmap.graph.internal.Names;
import org.trustmap.graph.internal.SortedStrings;
import org.trustmap.graph.internal.StagedRecord;
import org.trustmap.graph.internal.StagedRecords;

/**
 * Clusters staged records that name the same organization or product and turns their statements into edges between
 * canonical ids. Organizations: same LEI first; then the same normalized name (legal name or other names) within a
 * country, then a scored name match within a country ({@link Names#similarity}, threshold from
 * {@link ResolutionSettings}); a record with a name but no country and no LEI (an inventory vendor, a curated
 * reference) joins the one organization that carries that name (or, failing that, the one organization whose name
 * scores at or above the threshold), and stays on its own when several countries share it. Records with different
 * LEIs never merge; records with different registration numbers under the same authority never merge on a name.
 * Products: same product id, and a product record of another source joins the inventory's product by CPE, brand +
 * model number or FCC ID. The result is deterministic for the same records.
 */
public final class Resolver {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Resolver.class);
    /** Whose name an organization takes: registries first, then lists, device records, analysts, inventories. */
    private static final List<String> SOURCE_RANK = List.of("gleif", "uk-psc", "ares", "bods", "ieee-oui", "fcc-grantees",
            "opensanctions", "csl", "fcc-covered", "wikidata", "devicecode", "curated", "inventory");
    private final Judgements judgements;
    private final ResolutionSettings settings;

    /** A resolver without analysts' judgements. */
    public Resolver() {
        this(Judgements.none());
    }

    /** A resolver applying analysts' judgements (same / not same); a NOT_SAME judgement blocks a merge for good. */
    public Resolver(Judgements judgements) {
        this(judgements, ResolutionSettings.defaults());
    }

    /** A resolver with judgements and resolution settings (the scored name match's threshold). */
    public Resolver(Judgements judgements, ResolutionSettings settings) {
        this.judgements = judgements;
        this.settings = settings;
    }

    public ResolvedGraph resolve(DatasetGraph dsg) {
        return resolve(dsg, graph -> java.util.Optional.empty());
    }

    /** Resolves what a staging store holds, reading each capture graph from its sequential copy where it has one. */
    public ResolvedGraph resolve(org.trustmap.crawler.StagingStore store) {
        ResolvedGraph.Collector graph = new ResolvedGraph.Collector();
        resolve(store, graph);
        return graph.graph();
    }

    /**
     * Resolves what a staging store holds into {@code out} as it goes (see {@link #resolve(List, ResolvedGraph.Sink)}),
     * reading each capture graph from its sequential copy where it has one.
     */
    public void resolve(org.trustmap.crawler.StagingStore store, ResolvedGraph.Sink out) {
        resolve(store.dataset(), store::recordsCopy, out);
    }

    private ResolvedGraph resolve(DatasetGraph dsg,
                                  java.util.function.Function<String, java.util.Optional<java.nio.file.Path>> copies) {
        ResolvedGraph.Collector graph = new ResolvedGraph.Collector();
        resolve(dsg, copies, graph);
        return graph.graph();
    }

    private void resolve(DatasetGraph dsg,
                         java.util.function.Function<String, java.util.Optional<java.nio.file.Path>> copies,
                         ResolvedGraph.Sink out) {
        dsg.executeRead(() -> {
            long t0 = System.nanoTime();
            List<StagedRecord> records = StagedRecords.read(dsg, copies);
            long t1 = System.nanoTime();
            resolve(records, out);
            LOG.info("resolve: read {} staged records in {} s, clustered and resolved in {} s", records.size(),
                    seconds(t1 - t0), seconds(System.nanoTime() - t1));
        });
    }

    static String seconds(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.1f", nanos / 1e9);
    }

    ResolvedGraph resolve(List<StagedRecord> records) {
        ResolvedGraph.Collector graph = new ResolvedGraph.Collector();
        resolve(records, graph);
        return graph.graph();
    }

    /**
     * Resolves the records into {@code out}, one section after the other in the order of {@link ResolvedGraph}'s
     * lists, each fact made as it is handed over: a caller that writes them out as they come (resolve's step writing
     * {@code resolved.json}) never holds the resolved graph besides the records.
     */
    void resolve(List<StagedRecord> records, ResolvedGraph.Sink out) {
        // the organizations by their numbers in records: a list of the records (a table, see StagedRecords.read) makes
        // a record's object when it is asked for, and a list of 9 M of those objects would hold them all
        int[] orgNumbers = java.util.stream.IntStream.range(0, records.size())
                .filter(i -> Tm.Organization.equals(records.get(i).type())).toArray();
        List<StagedRecord> orgs = new Subset(records, orgNumbers);
        Clusters clusters = new Clusters(orgs, judgements, settings.nameMatchThreshold());
        clusters.assignIds();
        java.util.function.Function<Node, String> orgId = clusters::id;

        Map<String, Product> products = new TreeMap<>();
        Map<Node, String> productOf = new HashMap<>();
        // a product's own inventory row names it best; curated facts only refer to it by id
        List<StagedRecord> productRecords = records.stream().filter(r -> Tm.Product.equals(r.type()))
                .sorted(Comparator.comparing((StagedRecord r) -> "inventory".equals(r.text(Tm.source)) ? 0 : 1 + rank(r.text(Tm.source)))
                        .thenComparing(StagedRecord::toString)).toList();
        ProductKeys keys = new ProductKeys(productRecords);
        for (StagedRecord r : productRecords) {
            String id = keys.idOf(r);
            productOf.put(r.iri(), id);
            products.merge(id, new Product(id, r.text(Tm.name), r.text(Tm.vendor), r.text(Tm.model),
                    r.text(Tm.cpe), r.text(Tm.fccId), r.text(Tm.mac)), Resolver::fill);
        }

        out.section(ResolvedGraph.Section.ORGANIZATIONS);
        clusters.organizations(out::item);
        out.section(ResolvedGraph.Section.PRODUCTS);
        products.values().forEach(out::item);
        out.section(ResolvedGraph.Section.DEPLOYMENTS);
        inOrder(records.size(), i -> {
            StagedRecord r = records.get(i);
            if (!Tm.Deployment.equals(r.type())) {
                return List.of();
            }
            String count = r.text(Tm.count);
            return List.of(new Deployment(r.text(Tm.operator), r.text(Tm.sector), productOf.get(r.node(Tm.product)),
                    count == null ? null : Long.valueOf(count), r.provenance()));
        }, out::item);
        out.section(ResolvedGraph.Section.EDGES);
        inOrder(records.size(), i -> {
            StagedRecord r = records.get(i);
            if (!Tm.Link.equals(r.type())) {
                return List.of();
            }
            Node from = r.node(Tm.from);
            Node to = r.node(Tm.to);
            String f = or(orgId.apply(from), productOf.get(from));
            String t = or(orgId.apply(to), productOf.get(to));
            if (f == null || t == null) {
                return List.of(); // an end was dropped by the shapes; that record is already reported
            }
            String share = r.text(Tm.share);
            return List.of(new Edge(r.text(Tm.relation), f, t, r.text(Tm.controlKind),
                    share == null ? null : new BigDecimal(share), r.text(Tm.linkStatus), r.provenance()));
        }, out::item);
        identifierLinks(records, orgs, orgId, productOf).forEach(out::item);
        out.section(ResolvedGraph.Section.BASED_IN);
        inOrder(orgs.size(), i -> {
            StagedRecord r = orgs.get(i);
            String id = clusters.id(i);
            Provenance p = r.provenance();
            List<BasedIn> made = new ArrayList<>(2);
            String jurisdiction = r.text(Tm.legalJurisdiction);
            if (jurisdiction != null) {
                made.add(new BasedIn(id, country(jurisdiction), "LEGAL_JURISDICTION", jurisdiction, p));
            }
            String legal = r.text(Tm.legalCountry);
            if (legal != null) {
                made.add(new BasedIn(id, legal, "LEGAL_ADDRESS", null, p));
            }
            String hq = r.text(Tm.hqCountry);
            if (hq != null) {
                made.add(new BasedIn(id, hq, "HEADQUARTERS", null, p));
            }
            for (String code : r.texts(Tm.basedIn)) {
                made.add(new BasedIn(id, code, "STATED", null, p));
            }
            return made;
        }, out::item);
        out.section(ResolvedGraph.Section.EXCEPTIONS);
        inOrder(orgs.size(), i -> {
            List<String> stated = orgs.get(i).texts(Tm.parentException);
            if (stated.isEmpty()) {
                return List.of();
            }
            Provenance p = orgs.get(i).provenance();
            List<ExceptionFact> made = new ArrayList<>(stated.size());
            for (String ex : stated) {
                int colon = ex.indexOf(':');
                made.add(new ExceptionFact(clusters.id(i), colon > 0 ? ex.substring(0, colon) : "ULTIMATE",
                        colon > 0 ? ex.substring(colon + 1) : ex, p));
            }
            return made;
        }, out::item);
        out.section(ResolvedGraph.Section.FLAGS);
        inOrder(orgs.size(), i -> {
            List<String> flags = orgs.get(i).texts(Tm.flag);
            if (flags.isEmpty()) {
                return List.of();
            }
            Provenance p = orgs.get(i).provenance();
            return flags.stream().map(flag -> new FlagFact(clusters.id(i), flag, p)).toList();
        }, out::item);
        out.section(ResolvedGraph.Section.MERGES);
        clusters.merges(out::item);
        out.end();
    }

    /** Some of a list's records, by their numbers in it. */
    private static final class Subset extends java.util.AbstractList<StagedRecord> implements java.util.RandomAccess {
        private final List<StagedRecord> all;
        private final int[] numbers;

        Subset(List<StagedRecord> all, int[] numbers) {
            this.all = all;
            this.numbers = numbers;
        }

        @Override
        public StagedRecord get(int i) {
            return all.get(numbers[i]);
        }

        @Override
        public int size() {
            return numbers.length;
        }
    }

    /** Records a block is made of for {@link #inOrder}: small enough to hold its results, big enough to share out. */
    private static final int BLOCK = 8_192;

    /** What each of {@code n} records gives, made on every core and handed to {@code out} in order ({@link InOrder}). */
    static <T> void inOrder(int n, java.util.function.IntFunction<List<? extends T>> make,
                            java.util.function.Consumer<? super T> out) {
        org.trustmap.graph.internal.InOrder.each(n, BLOCK, make, out);
    }

    /**
     * Ties products to registrants by identifier: a product's MAC (or OUI prefix) to the organization the IEEE
     * registry assigns that OUI to, and its FCC ID to the organization holding the grantee code (the first 3
     * characters, or 5 when it starts with 2). Both are MAKER evidence (kind OUI_REGISTRANT / FCC_GRANTEE): the
     * registrant made the device or its radio. The hop's provenance is the registry record.
     */
    private static List<Edge> identifierLinks(List<StagedRecord> records, List<StagedRecord> orgs,
                                              java.util.function.Function<Node, String> orgId,
                                              Map<Node, String> productOf) {
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
            String productId = productOf.get(p.iri());
            for (String mac : p.texts(Tm.mac)) {
                org.trustmap.crawler.Ouis.of(mac).map(byOui::get).ifPresent(o -> links.add(new Edge("MADE_BY",
                        productId, orgId.apply(o.iri()), "OUI_REGISTRANT", null, null, o.provenance())));
            }
            for (String fccId : p.texts(Tm.fccId)) {
                org.trustmap.crawler.FccIds.granteeCode(fccId).map(byGrantee::get).ifPresent(o -> links.add(
                        new Edge("MADE_BY", productId, orgId.apply(o.iri()), "FCC_GRANTEE", null, null, o.provenance())));
            }
        }
        return links;
    }

    /**
     * Which inventory product a product record of another source (a device record, a certification, an FCC grant)
     * is: its own id when an inventory row has it; else the one inventory product with the same CPE, the same brand
     * and model number ({@link Names#brandKey} + {@link Names#modelKey}: "ROSEWILL INC." "RNX AC750RT" is Rosewill
     * "RNX-AC750RT") or the same FCC ID. Several inventory products with one key match none. Inventory rows keep
     * their own ids (the ids operators and the command line use).
     */
    private static final class ProductKeys {
        private final Set<String> inventoryIds = new HashSet<>();
        private final Map<String, String> byCpe = new HashMap<>();
        private final Map<String, String> byModel = new HashMap<>();
        private final Map<String, String> byFccId = new HashMap<>();

        ProductKeys(List<StagedRecord> products) {
            for (StagedRecord r : products) {
                if ("inventory".equals(r.text(Tm.source))) {
                    String id = r.text(Tm.productId);
                    inventoryIds.add(id);
                    r.texts(Tm.cpe).forEach(c -> put(byCpe, c.toLowerCase(Locale.ROOT), id));
                    modelKey(r).ifPresent(k -> put(byModel, k, id));
                    r.texts(Tm.fccId).forEach(f -> put(byFccId, f.toUpperCase(Locale.ROOT), id));
                }
            }
        }

        private static void put(Map<String, String> map, String key, String id) {
            String was = map.putIfAbsent(key, id);
            if (was != null && !was.equals(id)) {
                map.put(key, ""); // ambiguous: several inventory products
            }
        }

        private static java.util.Optional<String> modelKey(StagedRecord r) {
            String brand = Names.brandKey(r.text(Tm.vendor));
            String model = Names.modelKey(r.text(Tm.model));
            return brand.isEmpty() || model.isEmpty() ? java.util.Optional.empty()
                    : java.util.Optional.of(brand + "|" + model);
        }

        String idOf(StagedRecord r) {
            String own = r.text(Tm.productId);
            if (inventoryIds.contains(own) || "inventory".equals(r.text(Tm.source))) {
                return own;
            }
            for (String c : r.texts(Tm.cpe)) {
                String id = byCpe.get(c.toLowerCase(Locale.ROOT));
                if (id != null && !id.isEmpty()) {
                    return id;
                }
            }
            String byKey = modelKey(r).map(byModel::get).orElse(null);
            if (byKey != null && !byKey.isEmpty()) {
                return byKey;
            }
            for (String f : r.texts(Tm.fccId)) {
                String id = byFccId.get(f.toUpperCase(Locale.ROOT));
                if (id != null && !id.isEmpty()) {
                    return id;
                }
            }
            return own;
        }
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

    /**
     * Union-find over organization records with the reasons of each union and the analysts' blocks.
     *
     * <p>Two records that both carry an LEI never join on a name: they hold the same LEI (and joined on it) or
     * different ones (and never join). So a name can only join records when at least one of the two has no LEI, and
     * of a record with an LEI (almost every record of GLEIF's 3.4 M) only the names and words that some record
     * without an LEI also carries are kept and compared: the result is the one comparing everything gives, and the
     * name look-ups and scored pairs grow with the records without an LEI, not with the whole registry.
     */
    private static final class Clusters {
        private final List<StagedRecord> records;
        private final int[] parent;
        /**
         * Which record's LEI each record (and, once it is a root, its cluster) carries: its own number, another's
         * once it took that LEI from a record it absorbed, or -1 for none. The LEI itself is read from that record
         * when two are compared, so no LEI string is held per record.
         */
        private final int[] leiOf;
        private final boolean[] anchored;
        /** Records an analyst said are not the same, by record (cluster root once merged); only records with some. */
        private final Map<Integer, Set<Integer>> blocked = new HashMap<>();
        /**
         * What each record can be matched on ({@link Keyed}); null for a record with nothing to match on, which is
         * most records with an LEI (their name keys are kept only where a record without an LEI shares them).
         */
        private final Keyed[] keyed;
        private final Map<Judgements.Ref, Integer> refs = new HashMap<>();
        /**
         * The registrations (authority -> number) of the cluster roots that absorbed a record with one, to keep apart
         * what registries say are two; any other root's registration is its own record's, read when needed.
         */
        private final Map<Integer, Map<String, String>> registrations = new HashMap<>();
        /**
         * Record number by IRI, only when the records are not sorted by IRI (a list built by hand); null when they
         * are (what {@link StagedRecords#read} returns), looked up then by binary search on the records themselves.
         */
        private final Map<Node, Integer> index;
        private final Reasons reasons = new Reasons();
        private final Judgements judgements;
        private final double threshold;
        private final Set<String> none = SortedStrings.of(new TreeSet<>());

        /**
         * One record's keys: its countries and legal names (of records without an LEI only), all its names (of a
         * record with an LEI, those an unanchored record also carries), its scorable legal names for the match of an
         * unanchored record, its country + legal name keys ({@code CC|name}) for the same name in a country, its
         * scorable legal names in each of its countries for the scored match there (of an LEI record, only those
         * such a match can find), and which of {@link #refs} (the judgements' references) it matches (null for none).
         */
        private record Keyed(Set<String> countries, Set<String> names, Set<String> legal, List<Named> scorable,
                             String[] inCountryKeys, List<Placed> placed, int[] matches) {
        }

        Clusters(List<StagedRecord> records, Judgements judgements, double threshold) {
            this.records = records;
            this.judgements = judgements;
            this.threshold = threshold;
            int n = records.size();
            this.parent = new int[n];
            this.leiOf = new int[n];
            this.anchored = new boolean[n];
            for (Judgements.Judgement j : judgements.judgements()) {
                refs.putIfAbsent(j.left(), refs.size());
                refs.putIfAbsent(j.right(), refs.size());
            }
            List<Judgements.Ref> refList = new ArrayList<>(refs.keySet());
            refList.sort(Comparator.comparing(refs::get));
            java.util.stream.IntStream.range(0, n).parallel()
                    .forEach(i -> leiOf[i] = records.get(i).text(Tm.lei) == null ? -1 : i);
            Keyed[] keys = new Keyed[n];
            // what each record's names, countries and numbers are does not depend on the others: worked out on
            // every core, each record into its own slot; first the records without an LEI, whose names and words
            // are all a name match can look up
            java.util.stream.IntStream.range(0, n).filter(i -> leiOf[i] < 0).parallel().forEach(i -> {
                Profile p = new Profile(i, records.get(i), refList);
                keys[i] = new Keyed(SortedStrings.of(p.countries), SortedStrings.of(p.names), SortedStrings.of(p.legal),
                        p.scorable, p.inCountryKeys(null), p.placed(null), p.matches);
                anchored[i] = !p.countries.isEmpty();
            });
            Profiles wanted = new Profiles();
            for (int i = 0; i < n; i++) {
                if (leiOf[i] < 0) {
                    Keyed k = keys[i];
                    wanted.add(k.inCountryKeys(), k.placed(), anchored[i] ? null : k.names(),
                            anchored[i] ? null : k.scorable());
                }
            }
            this.wordsForScoredMatch = wanted.aloneWords;
            this.wordsInCountry = wanted.wordsInCountry;
            // a word that more than MAX_BLOCK scorable names of LEI records carry (every LEI record is anchored) is
            // dropped from the candidate index of the unanchored records' match (and per country, from the scored
            // match's): counted first, so that an LEI record keeps only the names such a match can find
            CommonWords common = commonWords(records, leiOf, wanted);
            this.tooCommon = common.alone();
            this.tooCommonInCountry = common.inCountry();
            java.util.function.Predicate<String> lookedUp = this::lookedUp;
            java.util.function.Predicate<String> lookedUpInCountry = this::lookedUpInCountry;
            java.util.stream.IntStream.range(0, n).filter(i -> leiOf[i] >= 0).parallel().forEach(i -> {
                Profile p = new Profile(i, records.get(i), refList);
                java.util.SortedSet<String> shared = new TreeSet<>(p.names);
                shared.retainAll(wanted.aloneNames);
                Set<String> names = shared.isEmpty() ? none : SortedStrings.of(shared);
                List<Named> near = p.scorable.stream().filter(x -> x.words().stream().anyMatch(lookedUp)).toList();
                String[] inCountry = p.inCountryKeys(wanted.inCountry);
                List<Placed> placed = p.placed(lookedUpInCountry);
                keys[i] = names.isEmpty() && near.isEmpty() && inCountry.length == 0 && placed.isEmpty()
                        && p.matches == null ? null
                        : new Keyed(none, names, none, near.isEmpty() ? List.of() : near, inCountry, placed, p.matches);
                anchored[i] = true;
            });
            this.keyed = keys;
            this.index = sortedByIri(records) ? null : new HashMap<>();
            for (int i = 0; i < n; i++) {
                parent[i] = i;
                if (index != null) {
                    index.put(records.get(i).iri(), i);
                }
            }
            applyNotSame();
            byLei();
            applySame();
            byNameInCountry();
            byScoredNameInCountry();
            byNameAlone();
        }

        /** True when the records' IRIs are all URIs, strictly ascending (so a record is found by binary search). */
        private static boolean sortedByIri(List<StagedRecord> records) {
            String previous = null;
            for (StagedRecord r : records) {
                Node iri = r.iri();
                if (!iri.isURI()) {
                    return false;
                }
                String uri = iri.getURI();
                if (previous != null && previous.compareTo(uri) >= 0) {
                    return false;
                }
                previous = uri;
            }
            return true;
        }

        /** The words of the unanchored records' scorable names: the only ones their scored match looks up. */
        private final Set<String> wordsForScoredMatch;
        /** {@code CC|word} of the scorable names of records without an LEI: the only ones a scored pair needs. */
        private final Set<String> wordsInCountry;
        /** Of {@link #wordsForScoredMatch}, those more than MAX_BLOCK scorable names of LEI records carry. */
        private final Set<String> tooCommon;
        /** Of {@link #wordsInCountry}, those more than MAX_BLOCK scorable names of LEI records carry in the country. */
        private final Set<String> tooCommonInCountry;

        /** A word the unanchored records' scored match finds candidates by. */
        private boolean lookedUp(String word) {
            return wordsForScoredMatch.contains(word) && !tooCommon.contains(word);
        }

        /** A {@code CC|word} the scored match within a country finds candidates by. */
        private boolean lookedUpInCountry(String countryWord) {
            return wordsInCountry.contains(countryWord) && !tooCommonInCountry.contains(countryWord);
        }

        private record CommonWords(Set<String> alone, Set<String> inCountry) {
        }

        /**
         * The looked-up words (and {@code CC|word}s) that more than MAX_BLOCK scorable legal names of LEI records
         * carry, each name counted once per word as {@link #wordIndex} lists it. Every LEI record is anchored, so the
         * index of anchored names holds at least these: such a word's list is dropped there whatever else it holds,
         * and an LEI record's name that only such words would find can never be a candidate.
         */
        private static CommonWords commonWords(List<StagedRecord> records, int[] leiOf, Profiles wanted) {
            if (wanted.aloneWords.isEmpty() && wanted.wordsInCountry.isEmpty()) {
                return new CommonWords(Set.of(), Set.of());
            }
            java.util.concurrent.ConcurrentHashMap<String, java.util.concurrent.atomic.LongAdder> alone =
                    new java.util.concurrent.ConcurrentHashMap<>();
            java.util.concurrent.ConcurrentHashMap<String, java.util.concurrent.atomic.LongAdder> inCountry =
                    new java.util.concurrent.ConcurrentHashMap<>();
            java.util.stream.IntStream.range(0, records.size()).filter(i -> leiOf[i] >= 0).parallel().forEach(i -> {
                StagedRecord r = records.get(i);
                List<Named> scorable = computeScorableLegalNames(i, r, null);
                if (scorable.isEmpty()) {
                    return;
                }
                java.util.SortedSet<String> countries = wanted.wordsInCountry.isEmpty() ? new TreeSet<>()
                        : computeCountries(r);
                for (Named name : scorable) {
                    for (String w : new TreeSet<>(name.words())) {
                        if (wanted.aloneWords.contains(w)) {
                            alone.computeIfAbsent(w, k -> new java.util.concurrent.atomic.LongAdder()).increment();
                        }
                        for (String c : countries) {
                            String key = c + "|" + w;
                            if (wanted.wordsInCountry.contains(key)) {
                                inCountry.computeIfAbsent(key, k -> new java.util.concurrent.atomic.LongAdder())
                                        .increment();
                            }
                        }
                    }
                }
            });
            return new CommonWords(over(alone), over(inCountry));
        }

        private static Set<String> over(Map<String, java.util.concurrent.atomic.LongAdder> counts) {
            Set<String> out = new HashSet<>();
            counts.forEach((w, count) -> {
                if (count.sum() > MAX_BLOCK) {
                    out.add(w);
                }
            });
            return out;
        }

        private static final String[] NO_KEYS = new String[0];

        /** One record's countries and names, worked out once. */
        private static final class Profile {
            final java.util.SortedSet<String> countries;
            final java.util.SortedSet<String> names;
            final java.util.SortedSet<String> legal;
            final List<Named> scorable;
            final int[] matches;

            Profile(int i, StagedRecord r, List<Judgements.Ref> refs) {
                countries = computeCountries(r);
                // a name is normalized once for its uses below (the same string held once)
                Map<String, String> normalized = new HashMap<>(8);
                java.util.function.Function<String, String> norm =
                        name -> normalized.computeIfAbsent(name, Names::normalize);
                names = computeNames(r, norm);
                legal = computeLegalNames(r, norm);
                scorable = computeScorableLegalNames(i, r, norm);
                String lei = r.text(Tm.lei);
                int[] found = java.util.stream.IntStream.range(0, refs.size())
                        .filter(k -> refs.get(k).matches(lei, names, countries)).toArray();
                matches = found.length == 0 ? null : found;
            }

            /** {@code CC|name} for each country and legal name, in that order; only those in {@code wanted} if given. */
            String[] inCountryKeys(Set<String> wanted) {
                List<String> out = new ArrayList<>();
                for (String c : countries) {
                    for (String name : legal) {
                        String key = c + "|" + name;
                        if (wanted == null || wanted.contains(key)) {
                            out.add(key);
                        }
                    }
                }
                return out.isEmpty() ? NO_KEYS : out.toArray(String[]::new);
            }

            /**
             * Each scorable legal name in each country, in that order; only those with a word that {@code wanted}
             * takes for the country ({@code CC|word}) if given.
             */
            List<Placed> placed(java.util.function.Predicate<String> wanted) {
                List<Placed> out = new ArrayList<>();
                for (String c : countries) {
                    for (Named name : scorable) {
                        if (wanted == null || name.words().stream().anyMatch(w -> wanted.test(c + "|" + w))) {
                            out.add(new Placed(c, name));
                        }
                    }
                }
                return out.isEmpty() ? List.of() : out;
            }
        }

        /** The keys the records without an LEI can be looked up by. */
        private static final class Profiles {
            final Set<String> inCountry = new HashSet<>();
            final Set<String> wordsInCountry = new HashSet<>();
            final Set<String> aloneNames = new HashSet<>();
            final Set<String> aloneWords = new HashSet<>();

            void add(String[] keys, List<Placed> placed, Set<String> unanchoredNames, List<Named> unanchoredScorable) {
                inCountry.addAll(List.of(keys));
                for (Placed p : placed) {
                    p.name().words().forEach(w -> wordsInCountry.add(p.country() + "|" + w));
                }
                if (unanchoredNames != null) {
                    aloneNames.addAll(unanchoredNames);
                    unanchoredScorable.forEach(x -> aloneWords.addAll(x.words()));
                }
            }
        }

        /** A scorable legal name of a record in one of its countries. */
        private record Placed(String country, Named name) {
        }

        private int find(int i) {
            while (parent[i] != i) {
                parent[i] = parent[parent[i]];
                i = parent[i];
            }
            return i;
        }

        /**
         * Authorities whose numbers are assignments an organization holds many of (an IEEE MA-L block per row), not
         * the one number of a legal entity: two of them say nothing about two entities.
         */
        private static final Set<String> ASSIGNING_AUTHORITIES = Set.of("IEEE RA");

        private static Map<String, String> registration(StagedRecord r) {
            String authority = r.text(Tm.registrationAuthority);
            String number = r.text(Tm.registeredAs);
            return authority == null || number == null
                    || ASSIGNING_AUTHORITIES.contains(authority.toUpperCase(Locale.ROOT)) ? null
                    : Map.of(authority.toUpperCase(Locale.ROOT), number.strip().toUpperCase(Locale.ROOT));
        }

        /** The registrations of the cluster with root {@code root}; null for none. */
        private Map<String, String> registrationOf(int root) {
            Map<String, String> merged = registrations.get(root);
            return merged != null ? merged : registration(records.get(root));
        }

        /** True when the two clusters hold different numbers under the same registration authority. */
        private boolean registeredApart(int ra, int rb) {
            Map<String, String> x = registrationOf(ra);
            Map<String, String> y = registrationOf(rb);
            if (x == null || y == null) {
                return false;
            }
            return x.entrySet().stream().anyMatch(e -> y.containsKey(e.getKey()) && !y.get(e.getKey()).equals(e.getValue()));
        }

        /** Joins two clusters unless they hold different LEIs or an analyst said they are not the same. */
        private boolean union(int a, int b, String reason) {
            return union(a, b, reason, null, -1, null);
        }

        /**
         * A union on names (exact or scored, {@code score} null for exact): also refused when the two clusters hold
         * different registration numbers under the same authority.
         */
        private boolean unionOnName(int a, int b, String reason, Double score) {
            if (registeredApart(find(a), find(b))) {
                return false;
            }
            return union(a, b, reason, null, -1, score);
        }

        /**
         * A union whose reason is {@code reason} followed by the {@code valueIndex}-th value of {@code property} of
         * record {@code b} (the identifier both hold; nothing when {@code property} is null), kept as that reference:
         * at 3.4 M GLEIF records 5.6 M unions on an LEI would otherwise each hold a copy of it. {@code score} is the
         * scored name match's, null for other reasons.
         */
        private boolean union(int a, int b, String reason, Node property, int valueIndex, Double score) {
            int ra = find(a);
            int rb = find(b);
            if (ra == rb) {
                return false;
            }
            if (leiOf[ra] >= 0 && leiOf[rb] >= 0 && leiOf[ra] != leiOf[rb] && !lei(ra).equals(lei(rb))) {
                return false;
            }
            if (blocked.get(ra) != null && blocked.get(ra).stream().anyMatch(x -> find(x) == rb)
                    || blocked.get(rb) != null && blocked.get(rb).stream().anyMatch(x -> find(x) == ra)) {
                return false;
            }
            int root = Math.min(ra, rb);
            int child = Math.max(ra, rb);
            Map<String, String> childRegistration = registrationOf(child);
            parent[child] = root;
            leiOf[root] = leiOf[root] >= 0 ? leiOf[root] : leiOf[child];
            anchored[root] = anchored[root] || anchored[child];
            if (blocked.get(child) != null) {
                blocked.computeIfAbsent(root, k -> new HashSet<>()).addAll(blocked.get(child));
            }
            registrations.remove(child); // no longer a root: never looked up again
            if (childRegistration != null) {
                Map<String, String> merged = new HashMap<>(childRegistration);
                Map<String, String> rootRegistration = registrationOf(root);
                if (rootRegistration != null) {
                    merged.putAll(rootRegistration);
                }
                registrations.put(root, merged);
            }
            reasons.add(b, a, reason, property, valueIndex, score);
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
            blocked.computeIfAbsent(a, k -> new HashSet<>()).add(b);
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
            int k = refs.get(ref);
            List<Integer> out = new ArrayList<>();
            for (int i = 0; i < records.size(); i++) {
                int[] matches = keyed[i] == null ? null : keyed[i].matches();
                if (matches != null && java.util.Arrays.stream(matches).anyMatch(m -> m == k)) {
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
            inOrder(records.size(), i -> {
                String authority = records.get(i).text(Tm.registrationAuthority);
                String number = records.get(i).text(Tm.registeredAs);
                return authority == null || number == null ? List.of() : List.of(new Values(i, List.of(
                        authority.toUpperCase(Locale.ROOT) + " " + number.strip().toUpperCase(Locale.ROOT))));
            }, (Values x) -> {
                String key = x.values().get(0);
                Integer f = first.putIfAbsent(key, x.record());
                if (f != null) {
                    union(f, x.record(), "same registration " + key);
                }
            });
        }

        /** A record's values of one property, worked out on every core and taken in the records' order. */
        private record Values(int record, List<String> values) {
        }

        private void byIdentifier(Node property, String reason) {
            Map<String, Integer> first = new HashMap<>();
            inOrder(records.size(), i -> {
                List<String> values = records.get(i).texts(property);
                return values.isEmpty() ? List.of() : List.of(new Values(i, values));
            }, (Values x) -> {
                for (int k = 0; k < x.values().size(); k++) {
                    Integer f = first.putIfAbsent(x.values().get(k), x.record());
                    if (f != null) {
                        union(f, x.record(), reason, property, k, null);
                    }
                }
            });
        }

        /** The LEI that record {@code i} (a cluster root: its cluster) carries; null for none. */
        private String lei(int i) {
            return leiOf[i] < 0 ? null : records.get(leiOf[i]).text(Tm.lei);
        }

        private Set<String> countries(int i) {
            return keyed[i] == null ? none : keyed[i].countries();
        }

        private Set<String> names(int i) {
            return keyed[i] == null ? none : keyed[i].names();
        }

        private String[] inCountryKeys(int i) {
            return keyed[i] == null ? NO_KEYS : keyed[i].inCountryKeys();
        }

        private List<Placed> scoredInCountry(int i) {
            return keyed[i] == null ? List.of() : keyed[i].placed();
        }

        private static java.util.SortedSet<String> computeCountries(StagedRecord r) {
            java.util.SortedSet<String> c = new TreeSet<>();
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
            return keyed[i] == null ? none : keyed[i].legal();
        }

        private static java.util.SortedSet<String> computeLegalNames(StagedRecord r,
                                                                     java.util.function.Function<String, String> normalize) {
            java.util.SortedSet<String> n = new TreeSet<>();
            for (String name : r.texts(Tm.name)) {
                String norm = normalize.apply(name);
                if (Names.matchable(norm)) {
                    n.add(norm);
                }
            }
            return n;
        }

        private static java.util.SortedSet<String> computeNames(StagedRecord r,
                                                                java.util.function.Function<String, String> normalize) {
            java.util.SortedSet<String> n = new TreeSet<>();
            for (String name : concat(r.texts(Tm.name), r.texts(Tm.otherName))) {
                String norm = normalize.apply(name);
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
                for (String key : inCountryKeys(i)) {
                    Integer f = first.putIfAbsent(key, i);
                    if (f != null) {
                        int bar = key.indexOf('|');
                        unionOnName(f, i, "same name '" + key.substring(bar + 1) + "' in " + key.substring(0, bar),
                                null);
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
                    String reason = match == null ? null
                            : "name '" + match.name() + "' matches the only organization carrying it";
                    Double score = null;
                    if (match == null) {
                        match = scoredMatch(i);
                        if (match != null) {
                            score = match.score();
                            reason = "name '" + match.name() + "' scored " + score(score) + " (threshold "
                                    + score(threshold) + ") against '" + match.against()
                                    + "', the only organization near it";
                        }
                    }
                    if (match != null && unionOnName(match.root(), i, reason, score)) {
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
                        unionOnName(f, i, "same name '" + name + "' (no country known)", null);
                    }
                }
            }
        }

        private record Match(int root, String name, Double score, String against) {
            Match(int root, String name) {
                this(root, name, null, null);
            }
        }

        /**
         * Why each record joined a cluster, in the order of the unions: four ints a union (the record, the record it
         * joined, its reason's text, kept once for all unions of that text, and which value of the record completes
         * it) and the score of the few scored ones.
         */
        private static final class Reasons {
            private int[] record = new int[1_024];
            private int[] joined = new int[1_024];
            private int[] text = new int[1_024];
            private int[] value = new int[1_024];
            private int size;
            private final List<String> texts = new ArrayList<>();
            private final List<Node> properties = new ArrayList<>();
            /** Each text's number, by the property its detail is a value of (null: none), then by the text. */
            private final Map<Node, Map<String, Integer>> textNumbers = new HashMap<>();
            private final Map<Integer, Double> scores = new HashMap<>();

            void add(int b, int a, String reason, Node property, int k, Double score) {
                if (size == record.length) {
                    int grown = size + (size >> 1);
                    record = java.util.Arrays.copyOf(record, grown);
                    joined = java.util.Arrays.copyOf(joined, grown);
                    text = java.util.Arrays.copyOf(text, grown);
                    value = java.util.Arrays.copyOf(value, grown);
                }
                // by property, then text: no key string built for each of millions of unions
                Map<String, Integer> ofProperty = textNumbers.computeIfAbsent(property, p -> new HashMap<>());
                Integer t = ofProperty.get(reason);
                if (t == null) {
                    t = texts.size();
                    texts.add(reason);
                    properties.add(property);
                    ofProperty.put(reason, t);
                }
                record[size] = b;
                joined[size] = a;
                text[size] = t;
                value[size] = k;
                if (score != null) {
                    scores.put(size, score);
                }
                size++;
            }

            int size() {
                return size;
            }
        }

        /** One legal name of one record, with its normalized form and the words it is scored on. */
        private record Named(int record, String name, String normalized, List<String> words) {
        }

        /** Words that appear in more names of a block than this are too common to find candidates by. */
        private static final int MAX_BLOCK = 500;

        private List<Named> scorableLegalNames(int i) {
            return keyed[i] == null ? List.of() : keyed[i].scorable();
        }

        private static List<Named> computeScorableLegalNames(int i, StagedRecord r,
                                                            java.util.function.Function<String, String> normalize) {
            List<Named> out = new ArrayList<>();
            for (String name : new TreeSet<>(r.texts(Tm.name))) {
                List<String> words = Names.words(name);
                if (Names.scorable(words)) {
                    out.add(new Named(i, name, normalize == null ? null : normalize.apply(name), words));
                }
            }
            return out.isEmpty() ? List.of() : out;
        }

        /**
         * Candidates by shared word: each name meets only the names it shares a word with, common words left out.
         * Only the words {@code looked} up are indexed (their lists hold every name with the word, so what is common
         * is counted on all of them).
         */
        private static Map<String, List<Named>> wordIndex(List<Named> names,
                                                          java.util.function.Predicate<String> looked) {
            Map<String, List<Named>> byWord = new HashMap<>();
            for (Named n : names) {
                for (String w : new TreeSet<>(n.words())) {
                    if (looked.test(w)) {
                        byWord.computeIfAbsent(w, k -> new ArrayList<>()).add(n);
                    }
                }
            }
            byWord.values().removeIf(l -> l.size() > MAX_BLOCK);
            return byWord;
        }

        private static Set<Named> candidates(Named n, Map<String, List<Named>> byWord) {
            Set<Named> out = new LinkedHashSet<>();
            for (String w : new TreeSet<>(n.words())) {
                out.addAll(byWord.getOrDefault(w, List.of()));
            }
            return out;
        }

        private static String score(double s) {
            return String.format(Locale.ROOT, "%.3f", s);
        }

        /**
         * Legal names within a country that are not equal after normalization but score at or above the threshold
         * ({@link Names#similarity}); the best-scoring pairs are joined first, each union still subject to LEIs,
         * registration numbers and NOT_SAME judgements.
         */
        private void byScoredNameInCountry() {
            Map<String, List<Named>> byCountry = new TreeMap<>();
            for (int i = 0; i < records.size(); i++) {
                for (Placed p : scoredInCountry(i)) {
                    byCountry.computeIfAbsent(p.country(), k -> new ArrayList<>()).add(p.name());
                }
            }
            record Pair(double score, Named a, Named b, String country) {
            }
            List<Pair> pairs = new ArrayList<>();
            for (Map.Entry<String, List<Named>> e : byCountry.entrySet()) {
                String c = e.getKey();
                Map<String, List<Named>> byWord = wordIndex(e.getValue(), w -> lookedUpInCountry(c + "|" + w));
                // a pair needs a record without an LEI: it is found from that record's name (from the first one's
                // when both have none), and written first record first, as comparing every pair wrote it
                for (Named x : e.getValue()) {
                    if (leiOf[x.record()] >= 0) {
                        continue;
                    }
                    for (Named y : candidates(x, byWord)) {
                        if (y.record() == x.record() || leiOf[y.record()] < 0 && y.record() < x.record()) {
                            continue;
                        }
                        Named a = x.record() < y.record() ? x : y;
                        Named b = a == x ? y : x;
                        if (find(a.record()) == find(b.record()) || a.normalized().equals(b.normalized())) {
                            continue;
                        }
                        java.util.OptionalDouble s = Names.similarity(a.name(), b.name());
                        if (s.isPresent() && s.getAsDouble() >= threshold) {
                            pairs.add(new Pair(s.getAsDouble(), a, b, c));
                        }
                    }
                }
            }
            pairs.sort(Comparator.comparingDouble(Pair::score).reversed()
                    .thenComparing(p -> records.get(p.a().record()).toString())
                    .thenComparing(p -> records.get(p.b().record()).toString())
                    .thenComparing(Pair::country).thenComparing(p -> p.a().name()).thenComparing(p -> p.b().name()));
            for (Pair p : pairs) {
                unionOnName(p.a().record(), p.b().record(), "name '" + p.b().name() + "' scored " + score(p.score())
                        + " (threshold " + score(threshold) + ") against '" + p.a().name() + "' in " + p.country(),
                        p.score());
            }
        }

        private Map<String, List<Named>> anchoredIndex;

        /**
         * The one anchored cluster whose legal names score at or above the threshold against this record's legal
         * names; null when none does or when several clusters do.
         */
        private Match scoredMatch(int i) {
            if (anchoredIndex == null) {
                List<Named> anchoredNames = new ArrayList<>();
                for (int j = 0; j < records.size(); j++) {
                    if (anchored[find(j)]) {
                        anchoredNames.addAll(scorableLegalNames(j));
                    }
                }
                anchoredIndex = wordIndex(anchoredNames, this::lookedUp);
            }
            Match best = null;
            Set<Integer> roots = new HashSet<>();
            for (Named n : scorableLegalNames(i)) {
                for (Named other : candidates(n, anchoredIndex)) {
                    java.util.OptionalDouble s = Names.similarity(n.name(), other.name());
                    if (s.isPresent() && s.getAsDouble() >= threshold) {
                        int root = find(other.record());
                        roots.add(root);
                        if (best == null || s.getAsDouble() > best.score()) {
                            best = new Match(root, n.name(), s.getAsDouble(), other.name());
                        }
                    }
                }
            }
            return roots.size() == 1 ? best : null;
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

        /** Each record's organization id, by record number; set by {@link #assignIds}. */
        private String[] ids;

        /**
         * Gives every cluster its id: its LEI, else a name and countries. Clusters are taken in the order of their
         * roots, each cluster's records in their order (a counting sort by root: no boxed map of all records).
         */
        void assignIds() {
            int n = records.size();
            Members clustered = members();
            int[] start = clustered.start();
            int[] members = clustered.members();
            int[] roots = clustered.roots();
            ids = new String[n];
            Set<String> used = new HashSet<>();
            // each cluster's id from its own records, on every core; made unique below, in the order of the roots
            String[] names = new String[roots.length];
            java.util.stream.IntStream.range(0, roots.length).parallel().forEach(k -> names[k] = clusterId(
                    java.util.Arrays.stream(members, start[roots[k]], start[roots[k] + 1]).boxed().toList()));
            for (int k = 0; k < roots.length; k++) {
                int r = roots[k];
                List<Integer> cluster = java.util.Arrays.stream(members, start[r], start[r + 1]).boxed().toList();
                String named = names[k];
                // clusters that stayed apart (a generic name, a name several countries share) must not become one
                // node through equal ids: the later one gets a suffix from its first record's IRI
                String id = used.add(named) ? named
                        : named + "~" + GraphLoader.sha1(records.get(cluster.get(0)).toString()).substring(0, 8);
                used.add(id);
                cluster.forEach(i -> ids[i] = id);
            }
        }

        /**
         * The records of each cluster: those of the cluster with root {@code r} are {@code members[start[r]]} up to
         * {@code members[start[r + 1]]}, in their order; {@code roots} in ascending order.
         */
        private record Members(int[] start, int[] members, int[] roots) {
        }

        /** Each cluster's records (a counting sort by root: no boxed map of all records). */
        private Members members() {
            int n = records.size();
            int[] root = new int[n];
            int[] start = new int[n + 1];
            for (int i = 0; i < n; i++) {
                root[i] = find(i);
                start[root[i] + 1]++;
            }
            for (int r = 0; r < n; r++) {
                start[r + 1] += start[r];
            }
            int[] members = new int[n];
            int[] next = java.util.Arrays.copyOf(start, n);
            for (int i = 0; i < n; i++) {
                members[next[root[i]]++] = i;
            }
            int[] roots = java.util.stream.IntStream.range(0, n).filter(r -> start[r] != start[r + 1]).toArray();
            return new Members(start, members, roots);
        }

        /** The organization id of record {@code i}. */
        String id(int i) {
            return ids[i];
        }

        /** The organization id of the record {@code iri}; null when it is not an organization record. */
        String id(Node iri) {
            if (index != null) {
                Integer i = index.get(iri);
                return i == null ? null : ids[i];
            }
            if (iri == null || !iri.isURI()) {
                return null; // every record's IRI is a URI
            }
            String uri = iri.getURI();
            int lo = 0;
            int hi = records.size() - 1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                int c = records.get(mid).iri().getURI().compareTo(uri);
                if (c < 0) {
                    lo = mid + 1;
                } else if (c > 0) {
                    hi = mid - 1;
                } else {
                    return ids[mid];
                }
            }
            return null;
        }

        private String clusterId(List<Integer> cluster) {
            for (int i : cluster) {
                if (leiOf[i] >= 0) {
                    return "lei:" + lei(i);
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

        /** Each cluster's organization, in the order of their ids, handed over one by one. */
        void organizations(java.util.function.Consumer<Org> orgs) {
            Members clustered = members();
            int[] start = clustered.start();
            int[] members = clustered.members();
            int[] roots = clustered.roots();
            // the clusters in the order of their ids (as a map by id took them); the records of an id, in their
            // order, are one organization: one cluster's, as ids are made unique (were two the same, both clusters')
            Integer[] byId = new Integer[roots.length];
            for (int k = 0; k < roots.length; k++) {
                byId[k] = roots[k];
            }
            java.util.Arrays.parallelSort(byId, Comparator.comparing((Integer r) -> ids[r]));
            int[] first = java.util.stream.IntStream.range(0, byId.length)
                    .filter(k -> k == 0 || !ids[byId[k]].equals(ids[byId[k - 1]])).toArray();
            // each organization from its cluster's records on every core, handed over in the order of the ids
            inOrder(first.length, g -> {
                int from = first[g];
                int to = g + 1 < first.length ? first[g + 1] : byId.length;
                java.util.stream.IntStream own = java.util.stream.IntStream.empty();
                for (int k = from; k < to; k++) {
                    own = java.util.stream.IntStream.concat(own,
                            java.util.Arrays.stream(members, start[byId[k]], start[byId[k] + 1]));
                }
                List<StagedRecord> rs = own.sorted().mapToObj(records::get).toList();
                return List.of(organization(Map.entry(ids[byId[from]], rs)));
            }, orgs);
        }

        /** One cluster's organization: its records' names, sources and identifiers, the best-ranked source first. */
        private static Org organization(Map.Entry<String, List<StagedRecord>> e) {
            List<StagedRecord> rs = new ArrayList<>(e.getValue());
            rs.sort(Comparator.comparing((StagedRecord r) -> rank(r.text(Tm.source))).thenComparing(StagedRecord::toString));
            Set<String> names = new LinkedHashSet<>();
            Set<String> sources = new TreeSet<>();
            String lei = null;
            String jurisdiction = null;
            String legal = null;
            String hq = null;
            for (StagedRecord r : rs) {
                String name = r.text(Tm.name);
                if (name != null) {
                    names.add(name);
                }
                names.addAll(r.texts(Tm.otherName));
                sources.add(r.text(Tm.source));
                lei = or(lei, r.text(Tm.lei));
                jurisdiction = or(jurisdiction, r.text(Tm.legalJurisdiction));
                legal = or(legal, r.text(Tm.legalCountry));
                hq = or(hq, r.text(Tm.hqCountry));
            }
            String name = names.isEmpty() ? (lei == null ? e.getKey() : lei) : names.iterator().next();
            return new Org(e.getKey(), name, List.copyOf(names), lei, jurisdiction, legal, hq, List.copyOf(sources),
                    rs.size());
        }

        /** Why each record joined its cluster, in the order of the unions, handed over one by one. */
        void merges(java.util.function.Consumer<Merge> out) {
            for (int u = 0; u < reasons.size(); u++) {
                int record = reasons.record[u];
                Node property = reasons.properties.get(reasons.text[u]);
                String detail = property == null ? "" : records.get(record).texts(property).get(reasons.value[u]);
                out.accept(new Merge(ids[record], records.get(record).toString(), reasons.texts.get(reasons.text[u])
                        + detail + " (joined " + records.get(reasons.joined[u]) + ")", reasons.scores.get(u)));
            }
        }
    }

}
