package org.trustmap.crawler.sources.nvdcpe;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.jena.graph.Node;
import org.trustmap.crawler.ParseContext;
import org.trustmap.crawler.ParseProblem;
import org.trustmap.crawler.RecordSink;
import org.trustmap.crawler.SourceParseException;
import org.trustmap.crawler.SourceParser;
import org.trustmap.crawler.Tm;
import org.trustmap.crawler.sources.JsonValues;

/**
 * NVD JSON (API 2.0): the CPE dictionary's {@code products[].cpe.cpeName}, and the CPEs a CVE record's
 * {@code configurations[].nodes[].cpeMatch[].criteria} names (a {@code vulnerabilities[].cve} page or one bare
 * {@code cve} object). Each distinct CPE 2.3 name becomes a product record ({@code tm:productId} = the CPE in lower
 * case, as an inventory's CPE column gives it) {@code MADE_BY} an organization record for its vendor token. A vendor
 * token ("tp-link", "western_digital") is NVD's short name for a vendor, not an identity: the record carries the
 * token as {@code tm:otherName} and its readable form as {@code tm:name}, no identifier and no country, confidence
 * {@code unverified}; tying it to a registered company is the resolver's (name) work or an analyst's judgement.
 */
public final class NvdCpeParser implements SourceParser {
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Cpe(String name, String part, String vendor, String product, String version, String where,
                       String evidence, LocalDate date) {
    }

    @Override
    public void parse(InputStream body, ParseContext context, RecordSink sink) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw refused(context, "not JSON: " + e.getOriginalMessage());
        }
        Map<String, Cpe> cpes = new LinkedHashMap<>();
        if (root != null && root.has("products")) {
            int n = 0;
            for (JsonNode p : JsonValues.iterable(root.get("products"))) {
                n++;
                JsonNode cpe = p.path("cpe");
                add(JsonValues.text(cpe.get("cpeName")), "product " + n, context.capture().targetUri(),
                        JsonValues.date(JsonValues.text(cpe.get("lastModified"))), cpes, context);
            }
        } else if (root != null && (root.has("vulnerabilities") || root.has("configurations"))) {
            List<JsonNode> cves = new ArrayList<>();
            if (root.has("configurations")) {
                cves.add(root);
            }
            JsonValues.iterable(root.get("vulnerabilities")).forEach(v -> cves.add(v.path("cve")));
            for (JsonNode cve : cves) {
                String id = JsonValues.text(cve.get("id"));
                String evidence = id == null ? context.capture().targetUri() : "https://nvd.nist.gov/vuln/detail/" + id;
                LocalDate date = JsonValues.date(JsonValues.text(cve.get("lastModified")));
                for (JsonNode config : JsonValues.iterable(cve.get("configurations"))) {
                    for (JsonNode node : JsonValues.iterable(config.get("nodes"))) {
                        for (JsonNode match : JsonValues.iterable(node.get("cpeMatch"))) {
                            add(JsonValues.text(match.get("criteria")), id == null ? "cve" : id, evidence, date, cpes,
                                    context);
                        }
                    }
                }
            }
        } else {
            throw refused(context, "neither products[] (CPE API) nor a CVE record: not NVD JSON");
        }
        stage(cpes, context, sink);
    }

    private static void add(String name, String where, String evidence, LocalDate date, Map<String, Cpe> cpes,
                            ParseContext context) {
        if (name == null) {
            context.reject(where, "no CPE name");
            return;
        }
        List<String> parts = split(name);
        if (parts.size() < 6 || !parts.get(0).equals("cpe") || !parts.get(1).equals("2.3")
                || parts.get(3).isEmpty() || parts.get(3).equals("*") || parts.get(3).equals("-")) {
            context.reject(where, "'" + name + "' is not a CPE 2.3 name with a vendor");
            return;
        }
        cpes.putIfAbsent(name.toLowerCase(Locale.ROOT), new Cpe(name, parts.get(2), parts.get(3), parts.get(4),
                parts.get(5), where, evidence, date));
    }

    private static void stage(Map<String, Cpe> cpes, ParseContext context, RecordSink sink) {
        Map<String, Node> vendors = new HashMap<>();
        for (Map.Entry<String, Cpe> e : cpes.entrySet()) {
            Cpe c = e.getValue();
            Node org = vendors.computeIfAbsent(c.vendor(), v -> {
                Node o = sink.record(Tm.Organization, "vendor/" + v, c.where() + " (vendor " + v + ")", c.evidence(),
                        null);
                sink.literal(o, Tm.name, readable(v));
                sink.literal(o, Tm.otherName, v);
                sink.literal(o, Tm.confidence, "unverified");
                return o;
            });
            String version = c.version().equals("*") || c.version().equals("-") ? "" : " " + readable(c.version());
            Node product = sink.record(Tm.Product, "cpe/" + e.getKey(), c.where() + " (" + c.name() + ")",
                    c.evidence(), c.date());
            sink.literal(product, Tm.productId, e.getKey());
            sink.literal(product, Tm.name, readable(c.vendor()) + " " + readable(c.product()) + version);
            sink.literal(product, Tm.cpe, c.name());
            sink.literal(product, Tm.vendor, readable(c.vendor()));
            sink.literal(product, Tm.model, readable(c.product()));
            sink.literal(product, Tm.confidence, "unverified");
            Node link = sink.link("cpe/" + e.getKey() + "/vendor", product, org, "MADE_BY", c.where(), c.evidence(),
                    c.date());
            sink.literal(link, Tm.confidence, "unverified");
        }
    }

    /** The CPE 2.3 formatted string's components: split at unescaped ':', escapes ({@code \:}, {@code \.}) kept. */
    static List<String> split(String cpe) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < cpe.length(); i++) {
            char ch = cpe.charAt(i);
            if (ch == '\\' && i + 1 < cpe.length()) {
                cur.append(ch).append(cpe.charAt(++i));
            } else if (ch == ':') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        out.add(cur.toString());
        return out;
    }

    /** A token as words: escapes dropped, '_' as space ("western_digital" -> "western digital"). */
    static String readable(String token) {
        return token.replaceAll("\\\\(.)", "$1").replace('_', ' ').strip();
    }

    private static SourceParseException refused(ParseContext context, String reason) {
        return new SourceParseException(new ParseProblem(context.capture().sourceId(), context.document(), "", reason));
    }
}
