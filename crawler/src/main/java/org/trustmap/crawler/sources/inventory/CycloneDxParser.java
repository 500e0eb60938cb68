package org.trustmap.crawler.sources.inventory;

import static org.trustmap.crawler.sources.inventory.BomRecords.text;

import java.io.IOException;
import java.io.InputStream;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.jena.graph.Node;
import org.trustmap.crawler.ParseContext;
import org.trustmap.crawler.RecordSink;
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
    @Override
    public void parse(InputStream body, ParseContext context, RecordSink sink) throws IOException {
        stage(BomRecords.read(body, context), context, sink);
    }

    /** Stages a BOM already read as JSON (the inventory source reads it once to tell CycloneDX from SPDX). */
    static void stage(JsonNode bom, ParseContext context, RecordSink sink) {
        if (!"CycloneDX".equals(text(bom, "bomFormat"))) {
            throw BomRecords.unreadable(context, "", "not a CycloneDX BOM (bomFormat is not \"CycloneDX\")", null);
        }
        new Bom(bom, context, sink).stage();
    }

    private static final class Bom {
        private final JsonNode bom;
        private final ParseContext context;
        private final BomRecords records;

        Bom(JsonNode bom, ParseContext context, RecordSink sink) {
            this.bom = bom;
            this.context = context;
            this.records = new BomRecords(context, sink, text(bom.path("metadata"), "timestamp"));
        }

        void stage() {
            JsonNode metadata = bom.path("metadata");
            JsonNode main = metadata.path("component");
            if (!main.isObject() || text(main, "name").isEmpty()) {
                throw BomRecords.unreadable(context, "metadata.component",
                        "the BOM names no deployed product (metadata.component.name)", null);
            }
            Node product = records.product(entry(main), "metadata.component", "product");
            records.madeBy(product, maker(main, metadata), "metadata.component", "product");
            records.deployment(product, property(metadata, main, BomRecords.OPERATOR),
                    property(metadata, main, BomRecords.SECTOR), "metadata.component", "metadata.properties", "property");
            components(product, bom.path("components"), "components");
            services(product, bom.path("services"), "services");
        }

        private void components(Node parent, JsonNode list, String path) {
            int i = 0;
            for (JsonNode c : list) {
                String where = path + "[" + i++ + "]";
                if (text(c, "name").isEmpty()) {
                    records.reject(where, "component has no name");
                    continue;
                }
                Node component = records.product(entry(c), where, where);
                records.contains(parent, component, where, where);
                records.madeBy(component, maker(c, null), where, where);
                components(component, c.path("components"), where + ".components");
            }
        }

        private void services(Node product, JsonNode list, String path) {
            int i = 0;
            for (JsonNode s : list) {
                String where = path + "[" + i++ + "]";
                String provider = text(s.path("provider"), "name");
                if (!provider.isEmpty()) {
                    Node org = records.organization(where + "/provider", provider, where + ".provider");
                    Node link = records.link(where + "/sends-data-to", product, org, "SENDS_DATA_TO", where);
                    for (JsonNode e : s.path("endpoints")) {
                        records.literal(link, Tm.endpoint, e.asText());
                    }
                    for (JsonNode d : s.path("data")) {
                        String classification = text(d, "classification");
                        String flow = text(d, "flow");
                        if (!classification.isEmpty() || !flow.isEmpty()) {
                            records.literal(link, Tm.dataFlow, classification + ":" + flow);
                        }
                    }
                }
                services(product, s.path("services"), where + ".services");
            }
        }
    }

    private static BomRecords.Entry entry(JsonNode c) {
        return new BomRecords.Entry(maker(c, null), text(c, "group"), text(c, "name"), text(c, "version"),
                text(c, "cpe"));
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
}
