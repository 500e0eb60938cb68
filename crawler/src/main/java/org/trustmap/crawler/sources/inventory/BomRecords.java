package org.trustmap.crawler.sources.inventory;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.jena.graph.Node;
import org.trustmap.crawler.ParseContext;
import org.trustmap.crawler.ParseProblem;
import org.trustmap.crawler.ProductIds;
import org.trustmap.crawler.RecordSink;
import org.trustmap.crawler.SourceParseException;
import org.trustmap.crawler.Tm;

/**
 * The records a bill of materials stages, whichever its format (CycloneDX, SPDX): products, the organizations that
 * make them, containment, the deployment. The BOM document itself is the evidence of every record, dated with the
 * BOM's creation time; every record and link says {@code confidence inventory}.
 */
final class BomRecords {
    static final String OPERATOR = "trustmap:operator";
    static final String SECTOR = "trustmap:sector";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One entry of a BOM as a product.
     *
     * @param maker   the organization that makes (designs, sells) it, empty when the BOM names none
     * @param group   what stands in for the maker in the product id when there is none (CycloneDX group, purl namespace)
     * @param name    the entry's name (the product's model)
     * @param version the entry's version, empty when unknown
     * @param cpe     the entry's CPE, empty when none
     */
    record Entry(String maker, String group, String name, String version, String cpe) {
        String productId() {
            return ProductIds.of(maker.isEmpty() ? group : maker, name, null, cpe);
        }
    }

    private final ParseContext context;
    private final RecordSink sink;
    private final String evidence;
    private final LocalDate date;
    private final Set<String> keys = new LinkedHashSet<>();

    BomRecords(ParseContext context, RecordSink sink, String timestamp) {
        this.context = context;
        this.sink = sink;
        this.evidence = context.capture().targetUri();
        this.date = date(timestamp);
    }

    Node product(Entry entry, String where, String key) {
        Node p = sink.record(Tm.Product, unique(key), where, evidence, date);
        sink.literal(p, Tm.productId, entry.productId());
        sink.literal(p, Tm.name, (entry.name() + " " + entry.version()).strip());
        sink.literal(p, Tm.vendor, entry.maker());
        sink.literal(p, Tm.model, entry.name());
        sink.literal(p, Tm.cpe, entry.cpe());
        sink.literal(p, Tm.confidence, "inventory");
        return p;
    }

    /** {@code product MADE_BY maker} unless the maker is empty. */
    void madeBy(Node product, String maker, String where, String key) {
        if (!maker.isEmpty()) {
            link(key + "/made-by", product, organization(key + "/maker", maker, where), "MADE_BY", where);
        }
    }

    void contains(Node parent, Node component, String where, String key) {
        link(key + "/contained", parent, component, "CONTAINS", where);
    }

    Node link(String key, Node from, Node to, String relation, String where) {
        Node link = sink.link(unique(key), from, to, relation, where, evidence, date);
        sink.literal(link, Tm.confidence, "inventory");
        return link;
    }

    Node organization(String key, String name, String where) {
        Node org = sink.record(Tm.Organization, unique(key), where, evidence, date);
        sink.literal(org, Tm.name, name);
        sink.literal(org, Tm.confidence, "inventory");
        return org;
    }

    /**
     * A deployment of {@code product} by {@code operator} in {@code sector}; when either is empty, no deployment and
     * the gap reported at {@code gapWhere}: the file name is not guessed from.
     *
     * @param carrier what should have carried them, for the message ("property", "annotation")
     */
    void deployment(Node product, String operator, String sector, String where, String gapWhere, String carrier) {
        if (operator.isEmpty() || sector.isEmpty()) {
            context.reject(gapWhere, "no " + OPERATOR + " / " + SECTOR + " " + carrier + ": the product and "
                    + "its components are staged without a deployment");
            return;
        }
        Node d = sink.record(Tm.Deployment, unique("deployment"), where, evidence, date);
        sink.literal(d, Tm.operator, operator);
        sink.literal(d, Tm.sector, sector.toLowerCase(Locale.ROOT));
        sink.iri(d, Tm.product, product);
    }

    void literal(Node subject, Node property, String value) {
        sink.literal(subject, property, value);
    }

    void reject(String where, String reason) {
        context.reject(where, reason);
    }

    private String unique(String key) {
        String k = key;
        for (int n = 2; !keys.add(k); n++) {
            k = key + "#" + n;
        }
        return k;
    }

    static JsonNode read(InputStream body, ParseContext context) throws IOException {
        try {
            JsonNode tree = JSON.readTree(body);
            if (tree == null || !tree.isObject()) {
                throw unreadable(context, "", "not a JSON object", null);
            }
            return tree;
        } catch (JsonProcessingException e) {
            throw unreadable(context, "line " + e.getLocation().getLineNr(), "not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static LocalDate date(String timestamp) {
        if (timestamp.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(timestamp).toLocalDate();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static String text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isValueNode() && !v.isNull() ? v.asText().strip() : "";
    }

    static SourceParseException unreadable(ParseContext context, String where, String reason, Throwable cause) {
        ParseProblem p = new ParseProblem(context.capture().sourceId(), context.document(), where, reason);
        return cause == null ? new SourceParseException(p) : new SourceParseException(p, cause);
    }
}
