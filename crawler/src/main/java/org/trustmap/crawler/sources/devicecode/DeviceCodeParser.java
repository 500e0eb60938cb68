package org.trustmap.crawler.sources.devicecode;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.jena.graph.Node;
import org.trustmap.crawler.FccIds;
import org.trustmap.crawler.Ouis;
import org.trustmap.crawler.ParseContext;
import org.trustmap.crawler.ParseProblem;
import org.trustmap.crawler.ProductIds;
import org.trustmap.crawler.RecordSink;
import org.trustmap.crawler.SourceParseException;
import org.trustmap.crawler.SourceParser;
import org.trustmap.crawler.Tm;

/**
 * Device records of the DeviceCode data set (github.com/armijnhemel/devicecode-data: WikiDevi and TechInfoDepot
 * infoboxes parsed to JSON; device data CC BY-SA 3.0, FCC overlays CC0). A document is one device object or an
 * array of them. Each device becomes:
 * <ul>
 *   <li>a product record: {@code brand} as vendor, {@code model.model} + {@code model.submodel} as model, the title
 *       as name, every FCC ID as {@code tm:fccId}, every Ethernet/wireless/radio OUI as {@code tm:mac}
 *       ({@code 78:C1:A7});</li>
 *   <li>{@code MADE_BY} links to the brand, to the ODM ({@code manufacturer.name}; {@code manufacturer.country}
 *       is where the device is made, not the ODM's nationality, and is not used) and to the grantee of each FCC ID
 *       (an organization record with the grantee name and {@code tm:fccGranteeCode}; the link's evidence date is
 *       the grant date);</li>
 *   <li>{@code CONTAINS} links to a component product record per chip (CPU, switch, RAM, flash, radio, network,
 *       additional), {@code MADE_BY} the chip vendor.</li>
 * </ul>
 * The evidence URL is the device's wiki page ({@code origins[].data_url}); records are named {@code record N}
 * with the device title.
 */
public final class DeviceCodeParser implements SourceParser {
    static final String TECHINFODEPOT = "https://techinfodepot.shoutwiki.com/wiki/";
    static final String WIKIDEVI = "https://wikidevi.wi-cat.ru/";
    private static final String CONFIDENCE = "community";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] CHIP_GROUPS = {"cpus", "switch", "ram", "flash", "additional_chips"};

    @Override
    public void parse(InputStream body, ParseContext context, RecordSink sink) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new SourceParseException(new ParseProblem(context.capture().sourceId(), context.document(),
                    "line " + e.getLocation().getLineNr(), "not JSON: " + e.getOriginalMessage()), e);
        }
        if (root == null || !(root.isObject() || root.isArray())) {
            throw new SourceParseException(new ParseProblem(context.capture().sourceId(), context.document(), "",
                    "expected a DeviceCode device object or an array of them"));
        }
        if (root.isObject()) {
            device(root, 1, context, sink);
        } else {
            int n = 0;
            for (JsonNode d : root) {
                device(d, ++n, context, sink);
            }
        }
    }

    private static void device(JsonNode d, int n, ParseContext context, RecordSink sink) {
        String title = text(d, "title");
        String where = "record " + n + (title.isEmpty() ? "" : " (" + title + ")");
        if (!d.isObject()) {
            context.reject(where, "is not a device object");
            return;
        }
        String brand = text(d, "brand");
        String model = join(text(d.path("model"), "model"), text(d.path("model"), "submodel"));
        if (brand.isEmpty() || (model.isEmpty() && title.isEmpty())) {
            context.reject(where, "a device needs a brand and a model or title");
            return;
        }
        String evidence = evidenceUrl(d).orElse(context.capture().targetUri());
        String key = "device/" + n;
        String id = ProductIds.of(brand, model, title, null);
        Node product = sink.record(Tm.Product, key, where, evidence, null);
        sink.literal(product, Tm.productId, id);
        sink.literal(product, Tm.name, title.isEmpty() ? brand + " " + model : title);
        sink.literal(product, Tm.vendor, brand);
        sink.literal(product, Tm.model, model);
        sink.literal(product, Tm.confidence, CONFIDENCE);
        for (String oui : ouis(d)) {
            sink.literal(product, Tm.mac, oui);
        }

        madeBy(product, key + "/brand", brand, where, evidence, null, null, sink);
        String odm = text(d.path("manufacturer"), "name");
        if (!odm.isEmpty() && !odm.equalsIgnoreCase(brand)) {
            madeBy(product, key + "/odm", odm, where + " manufacturer", evidence, null, null, sink);
        }
        fccIds(d, product, key, where, evidence, context, sink);
        chips(d, product, key, where, evidence, sink);
    }

    private static void fccIds(JsonNode d, Node product, String key, String where, String evidence,
                               ParseContext context, RecordSink sink) {
        for (JsonNode f : d.path("regulatory").path("fcc_ids")) {
            String raw = text(f, "fcc_id");
            Optional<String> fccId = FccIds.normalize(raw);
            if (fccId.isEmpty()) {
                context.reject(where + " regulatory.fcc_ids", "'" + raw + "' is not an FCC ID (grantee code and product code)");
                continue;
            }
            sink.literal(product, Tm.fccId, fccId.get());
            String grantee = text(f, "grantee");
            if (grantee.isEmpty()) {
                continue; // the FCC ID alone still ties the product to its grantee code
            }
            LocalDate granted = null;
            String date = text(f, "fcc_date");
            if (!date.isEmpty()) {
                try {
                    granted = LocalDate.parse(date);
                } catch (DateTimeParseException e) {
                    context.reject(where + " FCC ID " + fccId.get(), "fcc_date '" + date + "' is not yyyy-mm-dd; kept without date");
                }
            }
            madeBy(product, key + "/fcc/" + fccId.get(), grantee, where + " FCC ID " + fccId.get(), evidence, granted,
                    FccIds.granteeCode(fccId.get()).orElseThrow(), sink);
        }
    }

    private static void chips(JsonNode d, Node product, String key, String where, String evidence, RecordSink sink) {
        Map<String, JsonNode> chips = new LinkedHashMap<>();
        for (String group : CHIP_GROUPS) {
            for (JsonNode c : d.path(group)) {
                chip(c, group, chips);
            }
        }
        for (JsonNode radio : d.path("radios")) {
            for (JsonNode c : radio.path("chips")) {
                chip(c, "radio", chips);
            }
        }
        for (JsonNode c : d.path("network").path("chips")) {
            chip(c, "network", chips);
        }
        for (Map.Entry<String, JsonNode> e : chips.entrySet()) {
            JsonNode c = e.getValue();
            String vendor = text(c, "manufacturer");
            String model = text(c, "model");
            String id = e.getKey();
            String ckey = key + "/chip/" + URLEncoder.encode(id, StandardCharsets.UTF_8);
            String cwhere = where + " chip " + (vendor + " " + model).strip();
            Node component = sink.record(Tm.Product, ckey, cwhere, evidence, null);
            sink.literal(component, Tm.productId, id);
            sink.literal(component, Tm.name, model.isEmpty() ? vendor + " " + text(c, "role") + " chip"
                    : (vendor + " " + model).strip());
            sink.literal(component, Tm.vendor, vendor);
            sink.literal(component, Tm.model, model);
            sink.literal(component, Tm.confidence, CONFIDENCE);
            Node contains = sink.link(ckey + "/contains", product, component, "CONTAINS", cwhere, evidence, null);
            sink.literal(contains, Tm.confidence, CONFIDENCE);
            if (!vendor.isEmpty()) {
                madeBy(component, ckey + "/vendor", vendor, cwhere, evidence, null, null, sink);
            }
        }
    }

    /** Adds a chip under its product id, once per device (the same chip is often listed as CPU and radio). */
    private static void chip(JsonNode c, String role, Map<String, JsonNode> chips) {
        String vendor = text(c, "manufacturer");
        String model = text(c, "model");
        if (vendor.isEmpty() && model.isEmpty()) {
            return;
        }
        String id = model.isEmpty() ? ProductIds.of(vendor, null, role + " chip", null) : ProductIds.of(vendor, model, null, null);
        if (!chips.containsKey(id)) {
            chips.put(id, ((com.fasterxml.jackson.databind.node.ObjectNode) c.deepCopy()).put("role", role));
        }
    }

    private static void madeBy(Node product, String key, String orgName, String where, String evidence,
                               LocalDate date, String granteeCode, RecordSink sink) {
        Node org = sink.record(Tm.Organization, key, where, evidence, date);
        sink.literal(org, Tm.name, orgName);
        sink.literal(org, Tm.fccGranteeCode, granteeCode);
        sink.literal(org, Tm.confidence, CONFIDENCE);
        Node link = sink.link(key + "/made-by", product, org, "MADE_BY", where, evidence, date);
        sink.literal(link, Tm.confidence, CONFIDENCE);
    }

    private static Set<String> ouis(JsonNode d) {
        Set<String> out = new LinkedHashSet<>();
        for (JsonNode o : d.path("network").path("ethernet_oui")) {
            Ouis.colon(text(o, "oui")).ifPresent(out::add);
        }
        for (JsonNode o : d.path("network").path("wireless_oui")) {
            Ouis.colon(text(o, "oui")).ifPresent(out::add);
        }
        for (JsonNode radio : d.path("radios")) {
            for (JsonNode o : radio.path("oui")) {
                Ouis.colon(text(o, "oui")).ifPresent(out::add);
            }
        }
        return out;
    }

    /** The device's wiki page, from {@code origins[]} or {@code web}. */
    static Optional<String> evidenceUrl(JsonNode d) {
        for (JsonNode o : d.path("origins")) {
            String page = text(o, "data_url");
            if (page.isEmpty()) {
                continue;
            }
            String enc = URLEncoder.encode(page.replace(' ', '_'), StandardCharsets.UTF_8).replace("%2F", "/");
            switch (text(o, "origin")) {
                case "TechInfoDepot":
                    return Optional.of(TECHINFODEPOT + enc);
                case "WikiDevi":
                    return Optional.of(WIKIDEVI + enc);
                default:
                    break;
            }
        }
        return Optional.empty();
    }

    private static String join(String a, String b) {
        if (b.isEmpty()) {
            return a;
        }
        return b.startsWith("(") ? a + " " + b : a + b;
    }

    static String text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isValueNode() && !v.isNull() ? v.asText().strip() : "";
    }
}
