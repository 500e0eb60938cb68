package org.trustmap.crawler.sources.wikidata;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.jena.graph.Node;
import org.trustmap.crawler.ParseContext;
import org.trustmap.crawler.ParseProblem;
import org.trustmap.crawler.RecordSink;
import org.trustmap.crawler.SourceParseException;
import org.trustmap.crawler.SourceParser;
import org.trustmap.crawler.Tm;

/**
 * Results of the organizations query ({@link WikidataQuery}, {@code application/sparql-results+json}) read with Jena
 * and grouped by item:
 * <ul>
 * <li>an item -> an organization record: English label as {@code tm:name}, English aliases as {@code tm:otherName},
 * P1278 as {@code tm:lei}, the QID as {@code tm:registeredAs} ({@code tm:registrationAuthority WIKIDATA}); the ISO
 * code (P297) of its country P17 as {@code tm:basedIn}, of its headquarters' (P159) country as {@code tm:hqCountry}.</li>
 * <li>parent organization P749 -> {@code CONTROLLED_BY} the parent, controlKind {@code STATED}.</li>
 * <li>owned by P127 (deprecated statements left out) -> {@code CONTROLLED_BY} the owner, controlKind
 * {@code SHAREHOLDING} with the proportion P1107 as {@code tm:share} (Wikidata states a proportion 0..1: 0.51 ->
 * 51; a value above 1 was entered as a percentage and is taken as one), or {@code STATED} without it; start P580 and
 * end P582 as dates, {@code tm:linkStatus INACTIVE} once ended. An owner that is a human (P31 Q5) is not staged:
 * the item gets {@code ULTIMATE:NATURAL_PERSONS}.</li>
 * <li>manufacturer P176 -> the item is a product (product id {@code wikidata:Q...}) {@code MADE_BY} the maker.</li>
 * <li>brand P1716 -> the brand is an organization record {@code CONTROLLED_BY} the item, controlKind
 * {@code BRAND_OWNER}: products sold under the brand lead to its owner.</li>
 * </ul>
 * Every record's evidence is the item's Wikidata page; confidence {@code wikidata} (below the registries').
 */
public final class WikidataParser implements SourceParser {
    public static final String AUTHORITY = "WIKIDATA";
    public static final String CONFIDENCE = "wikidata";
    private static final Pattern ENTITY = Pattern.compile("^https?://www\\.wikidata\\.org/entity/(Q[0-9]+)$");
    private static final Pattern LEI = Pattern.compile("^[A-Z0-9]{18}[0-9]{2}$");
    private static final Pattern ISO = Pattern.compile("^[A-Z]{2}$");
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    @Override
    public void parse(InputStream body, ParseContext context, RecordSink sink) throws IOException {
        Map<String, Item> items = new LinkedHashMap<>();
        try {
            SparqlResults results = SparqlResults.read(body);
            if (!results.vars().contains("item")) {
                throw new SourceParseException(new ParseProblem(context.capture().sourceId(), context.document(),
                        "head", "not the organizations query: no ?item variable in " + results.vars()));
            }
            Iterator<Map<String, Node>> rows = results.rows();
            int n = 0;
            while (rows.hasNext()) {
                n++;
                Map<String, Node> row = rows.next();
                Optional<String> qid = qid(row, "item");
                if (qid.isEmpty()) {
                    Node item = row.get("item");
                    context.reject("row " + n, "?item is not a Wikidata item ("
                            + (item == null ? "unbound" : item.isBlank() ? "a blank node" : item.toString()) + ")");
                    continue;
                }
                items.computeIfAbsent(qid.get(), Item::new).add(row, "row " + n, context);
            }
        } catch (SparqlResults.MalformedResults e) {
            throw new SourceParseException(new ParseProblem(context.capture().sourceId(), context.document(), "",
                    "not SPARQL JSON results: " + e.getMessage()), e);
        }
        for (Item item : items.values()) {
            item.stage(context, sink);
        }
    }

    /** An entity's page, the evidence for what the query read about it. */
    public static String page(String qid) {
        return "https://www.wikidata.org/wiki/" + qid;
    }

    static Optional<String> qid(Map<String, Node> row, String var) {
        Node n = row.get(var);
        if (n == null || !n.isURI()) {
            return Optional.empty();
        }
        Matcher m = ENTITY.matcher(n.getURI());
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** A proportion as Wikidata states it (0..1), or a percentage someone entered (above 1): as a percentage. */
    static BigDecimal share(String text) {
        BigDecimal v;
        try {
            v = new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("P1107 '" + text + "' is not a number");
        }
        if (v.signum() < 0 || v.compareTo(HUNDRED) > 0) {
            throw new IllegalArgumentException("P1107 '" + text + "' is outside 0..1 (or 0..100 %)");
        }
        BigDecimal pct = v.compareTo(BigDecimal.ONE) <= 0 ? v.multiply(HUNDRED) : v;
        pct = pct.stripTrailingZeros();
        return pct.scale() < 0 ? pct.setScale(0) : pct;
    }

    static LocalDate date(String text) {
        if (text == null || text.length() < 10) {
            return null;
        }
        try {
            return LocalDate.parse(text.substring(0, 10));
        } catch (DateTimeParseException e) {
            return null; // BCE dates and unknown precision say nothing we use
        }
    }

    private static String text(Map<String, Node> row, String var) {
        return SparqlResults.text(row, var).orElse(null);
    }

    /** Another entity a fact points to: its QID, English label, countries and whether it is a human. */
    private static final class Party {
        final String qid;
        String label;
        final Set<String> countries = new LinkedHashSet<>();
        boolean human;

        Party(String qid) {
            this.qid = qid;
        }

        void add(Map<String, Node> row, String prefix) {
            label = label != null ? label : text(row, prefix + "Label");
            String iso = text(row, prefix + "Iso");
            if (iso != null && ISO.matcher(iso).matches()) {
                countries.add(iso);
            }
            human |= "true".equals(text(row, prefix + "Human"));
        }
    }

    private record Ownership(String owner, String share, String start, String end) {
    }

    /** What the rows say about one item. */
    private static final class Item {
        final String qid;
        String label;
        String where;
        LocalDate modified;
        final Set<String> aliases = new LinkedHashSet<>();
        final Set<String> leis = new LinkedHashSet<>();
        final Set<String> countries = new LinkedHashSet<>();
        final Set<String> hqCountries = new LinkedHashSet<>();
        final Map<String, Party> parties = new LinkedHashMap<>();
        final Set<String> parents = new LinkedHashSet<>();
        final Set<Ownership> owners = new LinkedHashSet<>();
        final Set<String> makers = new LinkedHashSet<>();
        final Set<String> brands = new LinkedHashSet<>();

        Item(String qid) {
            this.qid = qid;
        }

        void add(Map<String, Node> row, String at, ParseContext context) {
            where = where != null ? where : at;
            label = label != null ? label : text(row, "itemLabel");
            modified = modified != null ? modified : date(text(row, "modified"));
            SparqlResults.text(row, "alias").ifPresent(aliases::add);
            SparqlResults.text(row, "lei").ifPresent(leis::add);
            iso(row, "countryIso", at, context).ifPresent(countries::add);
            iso(row, "hqCountryIso", at, context).ifPresent(hqCountries::add);
            party(row, "parent").ifPresent(parents::add);
            party(row, "owner").ifPresent(o -> owners.add(new Ownership(o, text(row, "share"), text(row, "start"),
                    text(row, "end"))));
            party(row, "manufacturer").ifPresent(makers::add);
            party(row, "brand").ifPresent(brands::add);
        }

        private Optional<String> party(Map<String, Node> row, String var) {
            Optional<String> q = qid(row, var);
            q.ifPresent(p -> parties.computeIfAbsent(p, Party::new).add(row, var));
            return q;
        }

        private Optional<String> iso(Map<String, Node> row, String var, String at, ParseContext context) {
            String iso = text(row, var);
            if (iso != null && !ISO.matcher(iso).matches()) {
                context.reject(at + " " + qid, var + " '" + iso + "' is not an ISO 3166-1 alpha-2 code");
                return Optional.empty();
            }
            return Optional.ofNullable(iso);
        }

        void stage(ParseContext context, RecordSink sink) {
            String ref = qid + " (" + where + ")";
            if (label == null && leis.isEmpty()) {
                context.reject(ref, "no English label and no LEI: nothing to name it by");
                return;
            }
            String name = label != null ? label : qid;
            if (!makers.isEmpty()) {
                Node product = sink.record(Tm.Product, "product/" + qid, ref, page(qid), modified);
                sink.literal(product, Tm.productId, "wikidata:" + qid);
                sink.literal(product, Tm.name, name);
                sink.literal(product, Tm.confidence, CONFIDENCE);
                for (String maker : makers) {
                    Node org = party(maker, ref, sink);
                    if (org != null) {
                        Node link = sink.link("product/" + qid + "/P176/" + maker, product, org, "MADE_BY",
                                ref + " P176 " + maker, page(qid), modified);
                        sink.literal(link, Tm.confidence, CONFIDENCE);
                    } else {
                        context.reject(ref, "manufacturer " + maker + " has no English label");
                    }
                }
                return;
            }
            Node org = sink.record(Tm.Organization, "item/" + qid, ref, page(qid), modified);
            sink.literal(org, Tm.name, name);
            aliases.stream().filter(a -> !a.equals(name)).forEach(a -> sink.literal(org, Tm.otherName, a));
            identity(org, qid, sink);
            if (leis.size() == 1 && LEI.matcher(leis.iterator().next()).matches()) {
                sink.literal(org, Tm.lei, leis.iterator().next());
            } else if (!leis.isEmpty()) {
                context.reject(ref, "P1278 " + leis + " is not one valid LEI; none is staged");
            }
            countries.forEach(c -> sink.literal(org, Tm.basedIn, c));
            if (hqCountries.size() == 1) {
                sink.literal(org, Tm.hqCountry, hqCountries.iterator().next());
            } else if (hqCountries.size() > 1) {
                context.reject(ref, "headquarters (P159) in several countries " + hqCountries + "; none is staged");
            }
            for (String parent : parents) {
                Node to = party(parent, ref, sink);
                if (to == null) {
                    context.reject(ref, "parent organization " + parent + " has no English label");
                    continue;
                }
                Node link = sink.link("item/" + qid + "/P749/" + parent, org, to, "CONTROLLED_BY",
                        ref + " P749 " + parent, page(qid), modified);
                sink.literal(link, Tm.controlKind, "STATED");
                sink.literal(link, Tm.confidence, CONFIDENCE);
            }
            int n = 0;
            boolean persons = false;
            for (Ownership o : owners) {
                n++;
                if (parties.get(o.owner()).human) {
                    persons = true; // natural persons are not staged
                    continue;
                }
                String at = ref + " P127 " + o.owner();
                try {
                    BigDecimal share = o.share() == null ? null : share(o.share());
                    Node to = party(o.owner(), ref, sink);
                    if (to == null) {
                        context.reject(at, "owner has no English label");
                        continue;
                    }
                    Node link = sink.link("item/" + qid + "/P127/" + n, org, to, "CONTROLLED_BY", at, page(qid),
                            modified);
                    sink.literal(link, Tm.controlKind, share == null ? "STATED" : "SHAREHOLDING");
                    sink.decimal(link, Tm.share, share);
                    sink.date(link, Tm.startDate, date(o.start()));
                    LocalDate end = date(o.end());
                    sink.date(link, Tm.endDate, end);
                    if (end != null) {
                        sink.literal(link, Tm.linkStatus, "INACTIVE");
                    }
                    sink.literal(link, Tm.confidence, CONFIDENCE);
                } catch (IllegalArgumentException e) {
                    context.reject(at, e.getMessage());
                }
            }
            if (persons) {
                sink.literal(org, Tm.parentException, "ULTIMATE:NATURAL_PERSONS");
            }
            for (String brand : brands) {
                Node b = party(brand, ref, sink);
                if (b == null) {
                    context.reject(ref, "brand " + brand + " has no English label");
                    continue;
                }
                Node link = sink.link("item/" + qid + "/P1716/" + brand, b, org, "CONTROLLED_BY",
                        ref + " P1716 " + brand, page(qid), modified);
                sink.literal(link, Tm.controlKind, "BRAND_OWNER");
                sink.literal(link, Tm.confidence, CONFIDENCE);
            }
        }

        /** The record of another entity, once per capture; null when it has no label to name it by. */
        private Node party(String other, String ref, RecordSink sink) {
            Party p = parties.get(other);
            if (p.label == null) {
                return null;
            }
            Node n = sink.record(Tm.Organization, "item/" + qid + "/party/" + other, ref + " -> " + other,
                    page(other), modified);
            sink.literal(n, Tm.name, p.label);
            identity(n, other, sink);
            p.countries.forEach(c -> sink.literal(n, Tm.basedIn, c));
            return n;
        }

        private static void identity(Node org, String qid, RecordSink sink) {
            sink.literal(org, Tm.registeredAs, qid);
            sink.literal(org, Tm.registrationAuthority, AUTHORITY);
            sink.literal(org, Tm.confidence, CONFIDENCE);
        }
    }
}
