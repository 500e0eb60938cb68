package org.trustmap.crawler.sources.eucc;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.jena.graph.Node;
import org.trustmap.crawler.Countries;
import org.trustmap.crawler.ParseContext;
import org.trustmap.crawler.ParseProblem;
import org.trustmap.crawler.ProductIds;
import org.trustmap.crawler.RecordSink;
import org.trustmap.crawler.SourceParseException;
import org.trustmap.crawler.SourceParser;
import org.trustmap.crawler.Tm;

/**
 * EUCC certificate records (the EU cybersecurity certification scheme on Common Criteria; ENISA's certificate pages
 * as scraped to JSON by sec-certs: {@code certificate_id, product_name, holder_name, holder_address,
 * issuance_date_full, ...}), one object or an array. Each certificate gives a product record {@code MADE_BY} its
 * holder, an organization record named as the certificate writes it; the holder's {@code tm:legalCountry} comes from
 * its address through {@link Countries} only when the address names a country (a street and town alone give none:
 * no guessing from postcodes or towns). Dated with the issuance date.
 */
public final class EuccParser implements SourceParser {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter EU_DATE = DateTimeFormatter.ofPattern("dd/MM/uuuu");

    @Override
    public void parse(InputStream body, ParseContext context, RecordSink sink) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new SourceParseException(new ParseProblem(context.capture().sourceId(), context.document(), "",
                    "not JSON: " + e.getOriginalMessage()), e);
        }
        List<JsonNode> certificates = root != null && root.isArray() ? iterate(root) : root == null ? List.of() : List.of(root);
        if (certificates.isEmpty() || certificates.stream().noneMatch(c -> c.has("holder_name"))) {
            throw new SourceParseException(new ParseProblem(context.capture().sourceId(), context.document(), "",
                    "no object with holder_name: not an EUCC certificate record"));
        }
        int n = 0;
        for (JsonNode c : certificates) {
            n++;
            stage(c, "record " + n, context, sink);
        }
    }

    private static List<JsonNode> iterate(JsonNode array) {
        List<JsonNode> out = new java.util.ArrayList<>();
        array.forEach(out::add);
        return out;
    }

    private static void stage(JsonNode c, String where, ParseContext context, RecordSink sink) {
        String holder = text(c, "holder_name");
        String product = text(c, "product_name");
        String certificate = text(c, "certificate_id");
        if (holder == null || product == null) {
            context.reject(where, "an EUCC certificate needs holder_name and product_name");
            return;
        }
        String ref = where + (certificate == null ? "" : " (" + certificate.replaceFirst("(?i)^certificate\\s+", "") + ")");
        String evidence = context.capture().targetUri();
        LocalDate issued = null;
        String date = text(c, "issuance_date_full");
        if (date != null) {
            date = date.replaceAll("^'|'$", ""); // the scrape keeps the page's quotes: "'19/12/2025'"
            try {
                issued = LocalDate.parse(date, EU_DATE);
            } catch (DateTimeParseException e) {
                context.reject(where, "issuance_date_full '" + date + "' is not DD/MM/YYYY; staged without date");
            }
        }
        Node org = sink.record(Tm.Organization, "holder/" + holder, ref, evidence, issued);
        sink.literal(org, Tm.name, holder);
        Optional<String> country = Countries.code(text(c, "holder_address"));
        sink.literal(org, Tm.legalCountry, country.orElse(null));
        sink.literal(org, Tm.confidence, "registry");

        String id = ProductIds.of(holder, product, null, null);
        Node p = sink.record(Tm.Product, "product/" + id, ref, evidence, issued);
        sink.literal(p, Tm.productId, id);
        sink.literal(p, Tm.name, product);
        sink.literal(p, Tm.vendor, holder);
        sink.literal(p, Tm.confidence, "registry");
        Node link = sink.link("product/" + id + "/holder", p, org, "MADE_BY", ref, evidence, issued);
        sink.literal(link, Tm.confidence, "registry");
    }

    private static String text(JsonNode c, String field) {
        JsonNode v = c.get(field);
        return v == null || !v.isValueNode() || v.asText().isBlank() ? null : v.asText().strip();
    }
}
