package org.trustmap.graph;

import java.math.BigDecimal;
import java.util.List;

/**
 * The canonical graph that resolution makes of the staged records: one organization per real entity, one product
 * per product id, and every stated fact as an edge between canonical ids with its provenance.
 */
public record ResolvedGraph(List<Org> organizations, List<Product> products, List<Deployment> deployments,
                            List<Edge> edges, List<BasedIn> basedIn, List<ExceptionFact> exceptions,
                            List<FlagFact> flags, List<Merge> merges) {
    public ResolvedGraph {
        organizations = List.copyOf(organizations);
        products = List.copyOf(products);
        deployments = List.copyOf(deployments);
        edges = List.copyOf(edges);
        basedIn = List.copyOf(basedIn);
        exceptions = List.copyOf(exceptions);
        flags = List.copyOf(flags);
        merges = List.copyOf(merges);
    }

    /** Where a fact comes from: source id, public evidence URL, its date, the WARC record and the location. */
    public record Provenance(String source, String evidence, String date, String recordId, String recordRef,
                             String confidence) {
    }

    public record Org(String id, String name, List<String> names, String lei, String legalJurisdiction,
                      String legalCountry, String hqCountry, List<String> sources, int records) {
        public Org {
            names = List.copyOf(names);
            sources = List.copyOf(sources);
        }
    }

    public record Product(String id, String name, String vendor, String model, String cpe, String fccId,
                          String mac) {
    }

    public record Deployment(String operator, String sector, String productId, Long count, Provenance provenance) {
    }

    /**
     * A stated edge between canonical ids: {@code MADE_BY}, {@code CONTAINS}, {@code SENDS_DATA_TO},
     * {@code ADMINISTERED_BY} (product to organization or product) or {@code CONTROLLED_BY} (organization to
     * organization, with its kind and share).
     */
    public record Edge(String type, String fromId, String toId, String kind, BigDecimal share, String status,
                       Provenance provenance) {
    }

    /** An organization is based in a jurisdiction on one basis (legal jurisdiction, legal address, HQ, stated). */
    public record BasedIn(String orgId, String code, String basis, String detail, Provenance provenance) {
    }

    /** A GLEIF-style reporting exception on an organization's parent: category DIRECT or ULTIMATE and reason. */
    public record ExceptionFact(String orgId, String category, String reason, Provenance provenance) {
    }

    /** An organization is on a list (a flag such as US_DOD_1260H), with the listing as evidence. */
    public record FlagFact(String orgId, String flag, Provenance provenance) {
    }

    /** Why a record joined an organization; {@code score} is the scored name match's (0..1), null for other reasons. */
    public record Merge(String orgId, String record, String reason, Double score) {
    }

    /** The graph's lists, in the order they are resolved and written. */
    public enum Section {
        ORGANIZATIONS("organizations"), PRODUCTS("products"), DEPLOYMENTS("deployments"), EDGES("edges"),
        BASED_IN("basedIn"), EXCEPTIONS("exceptions"), FLAGS("flags"), MERGES("merges");

        private final String field;

        Section(String field) {
            this.field = field;
        }

        /** The list's name in {@code resolved.json}. */
        public String field() {
            return field;
        }
    }

    /**
     * Where resolution hands the graph over, one section after the other ({@link Section} order, each announced
     * before its items), then {@link #end()}.
     */
    public interface Sink {
        void section(Section section);

        /** The next item of the section announced last. */
        void item(Object item);

        void end();
    }

    /** A sink that keeps everything: the resolved graph in memory. */
    public static final class Collector implements Sink {
        private final java.util.Map<Section, List<Object>> lists = new java.util.EnumMap<>(Section.class);
        private List<Object> current;

        public Collector() {
            for (Section s : Section.values()) {
                lists.put(s, new java.util.ArrayList<>());
            }
        }

        @Override
        public void section(Section section) {
            current = lists.get(section);
        }

        @Override
        public void item(Object item) {
            current.add(item);
        }

        @Override
        public void end() {
        }

        @SuppressWarnings("unchecked")
        private <T> List<T> list(Section s) {
            return (List<T>) (List<?>) lists.get(s);
        }

        public ResolvedGraph graph() {
            return new ResolvedGraph(list(Section.ORGANIZATIONS), list(Section.PRODUCTS), list(Section.DEPLOYMENTS),
                    list(Section.EDGES), list(Section.BASED_IN), list(Section.EXCEPTIONS), list(Section.FLAGS),
                    list(Section.MERGES));
        }
    }
}
