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
import org.trustmap.crawler.SourceParser;
import org.trustmap.crawler.Tm;

/**
 * An operator's inventory as a CycloneDX JSON BOM (spec 1.2-1.6; SBOM, HBOM, OBOM, SaaSBOM).
 * <ul>
 *   <li>{@code metadata.component} is the deployed product; the deployment's operator and sector come from the
 *       properties {@code trustmap:operator} and {@code trustmap:sector} (of {@code metadata} or of the component).
 *       Without them the BOM is staged without a deployment and the gap is reported: the file name is not
 *       guessed from.</li>
 *   <li>{@code components[]} (nested too) are products the parent {@code CONTAINS}; each component's
 *       {@code manufacturer} (1.6), {@code supplier}, else {@code publisher}, is an organization it is
 *       {@code MADE_BY}.</li>
 *   <li>{@code services[]} (nested too) with a {@code provider}: the deployed product {@code SENDS_DATA_TO} the
 *       provider, the link carrying the service's {@code endpoints} ({@code tm:endpoint}) and {@code data[]} flows
 *       ({@code tm:dataFlow classification:flow}). A service without provider names no organization and gives no
 *       link.</li>
 * </ul>
 * Evidence is the BOM itself, dated with {@code metadata.timestamp}.
 */
public final class CycloneDxParser implements SourceParser {
    static final String OPERATOR = "trustmap:operator";
    static final String SECTOR = "trustmap:sector";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void parse(InputStream body, ParseContext context, RecordSink sink) throws IOException {
        JsonNode bom;
        try {
            bom = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw unreadable(context, "line " + e.getLocation().getLineNr(), "not JSON: " + e.getOriginalMessage(), e);
        }
        if (bom == null || !"CycloneDX".equals(text(bom, "bomFormat"))) {
            throw unreadable(context, "", "not a CycloneDX BOM (bomFormat is not \"CycloneDX\")", null);
        }
        new Bom(bom, context, sink).stage();
    }

    private static final class Bom {
        private final JsonNode bom;
        private final ParseContext context;
        private final RecordSink sink;
        private final String evidence;
        private final LocalDate date;
        private final Set<String> keys = new LinkedHashSet<>();

        Bom(JsonNode bom, ParseContext context, RecordSink sink) {
            this.bom = bom;
            this.context = context;
            this.sink = sink;
            this.evidence = context.capture().targetUri();
            this.date = timestamp(text(bom.path("metadata"), "timestamp"));
        }

        void stage() {
            JsonNode metadata = bom.path("metadata");
            JsonNode main = metadata.path("component");
            if (!main.isObject() || text(main, "name").isEmpty()) {
                throw unreadable(context, "metadata.component", "the BOM names no deployed product (metadata.component.name)", null);
            }
            Node product = product(main, "metadata.component", "product");
            madeBy(product, main, metadata, "metadata.component", "product");
            String operator = property(metadata, main, OPERATOR);
            String sector = property(metadata, main, SECTOR);
            if (operator.isEmpty() || sector.isEmpty()) {
                context.reject("metadata.properties", "no " + OPERATOR + " / " + SECTOR + " property: the product and "
                        + "its components are staged without a deployment");
            } else {
                Node d = sink.record(Tm.Deployment, "deployment", "metadata.component", evidence, date);
                sink.literal(d, Tm.operator, operator);
                sink.literal(d, Tm.sector, sector.toLowerCase(Locale.ROOT));
                sink.iri(d, Tm.product, product);
            }
            components(product, bom.path("components"), "components");
            services(product, bom.path("services"), "services");
        }

        private void components(Node parent, JsonNode list, String path) {
            int i = 0;
            for (JsonNode c : list) {
                String where = path + "[" + i++ + "]";
                if (text(c, "name").isEmpty()) {
                    context.reject(where, "component has no name");
                    continue;
                }
                Node component = product(c, where, where);
                Node link = sink.link(where + "/contained", parent, component, "CONTAINS", where, evidence, date);
                sink.literal(link, Tm.confidence, "inventory");
                madeBy(component, c, null, where, where);
                components(component, c.path("components"), where + ".components");
            }
        }

        private void services(Node product, JsonNode list, String path) {
            int i = 0;
            for (JsonNode s : list) {
                String where = path + "[" + i++ + "]";
                String provider = text(s.path("provider"), "name");
                if (!provider.isEmpty()) {
                    Node org = organization(where + "/provider", provider, where + ".provider");
                    Node link = sink.link(where + "/sends-data-to", product, org, "SENDS_DATA_TO", where, evidence, date);
                    sink.literal(link, Tm.confidence, "inventory");
                    for (JsonNode e : s.path("endpoints")) {
                        sink.literal(link, Tm.endpoint, e.asText());
                    }
                    for (JsonNode d : s.path("data")) {
                        String classification = text(d, "classification");
                        String flow = text(d, "flow");
                        if (!classification.isEmpty() || !flow.isEmpty()) {
                            sink.literal(link, Tm.dataFlow, classification + ":" + flow);
                        }
                    }
                }
                services(product, s.path("services"), where + ".services");
            }
        }

        private Node product(JsonNode c, String where, String key) {
            String vendor = maker(c, null);
            String name = text(c, "name");
            String cpe = text(c, "cpe");
            String id = ProductIds.of(vendor.isEmpty() ? text(c, "group") : vendor, name, null, cpe);
            Node p = sink.record(Tm.Product, unique(key), where, evidence, date);
            sink.literal(p, Tm.productId, id);
            sink.literal(p, Tm.name, (name + " " + text(c, "version")).strip());
            sink.literal(p, Tm.vendor, vendor);
            sink.literal(p, Tm.model, name);
            sink.literal(p, Tm.cpe, cpe);
            sink.literal(p, Tm.confidence, "inventory");
            return p;
        }

        private void madeBy(Node product, JsonNode c, JsonNode metadata, String where, String key) {
            String maker = maker(c, metadata);
            if (!maker.isEmpty()) {
                Node org = organization(key + "/maker", maker, where);
                Node link = sink.link(key + "/made-by", product, org, "MADE_BY", where, evidence, date);
                sink.literal(link, Tm.confidence, "inventory");
            }
        }

        private Node organization(String key, String name, String where) {
            Node org = sink.record(Tm.Organization, unique(key), where, evidence, date);
            sink.literal(org, Tm.name, name);
            sink.literal(org, Tm.confidence, "inventory");
            return org;
        }

        private String unique(String key) {
            String k = key;
            for (int n = 2; !keys.add(k); n++) {
                k = key + "#" + n;
            }
            return k;
        }
    }

    /** manufacturer (1.6) / supplier / publisher of a component; for the main component also metadata's. */
    private static String maker(JsonNode c, JsonNode metadata) {
        for (String field : new String[] {"manufacturer", "supplier"}) {
            String name = text(c.path(field), "name");
            if (!name.isEmpty()) {
                return name;
            }
        }
        if (metadata != null) {
            for (String field : new String[] {"manufacturer", "manufacture", "supplier"}) {
                String name = text(metadata.path(field), "name");
                if (!name.isEmpty()) {
                    return name;
                }
            }
        }
        return text(c, "publisher");
    }

    private static String property(JsonNode metadata, JsonNode component, String name) {
        for (JsonNode holder : new JsonNode[] {metadata, component}) {
            for (JsonNode p : holder.path("properties")) {
                if (name.equals(text(p, "name")) && !text(p, "value").isEmpty()) {
                    return text(p, "value");
                }
            }
        }
        return "";
    }

    private static LocalDate timestamp(String text) {
        if (text.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toLocalDate();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static String text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isValueNode() && !v.isNull() ? v.asText().strip() : "";
    }

    private static SourceParseException unreadable(ParseContext context, String where, String reason, Throwable cause) {
        ParseProblem p = new ParseProblem(context.capture().sourceId(), context.document(), where, reason);
        return cause == null ? new SourceParseException(p) : new SourceParseException(p, cause);
    }
}
