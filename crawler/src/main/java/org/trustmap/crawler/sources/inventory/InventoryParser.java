package org.trustmap.crawler.sources.inventory;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.jena.graph.Node;
import org.trustmap.crawler.ParseContext;
import org.trustmap.crawler.ParseProblem;
import org.trustmap.crawler.ProductIds;
import org.trustmap.crawler.RecordSink;
import org.trustmap.crawler.SourceParseException;
import org.trustmap.crawler.SourceParser;
import org.trustmap.crawler.Tm;

/**
 * An operator's inventory: a JSON document (recognized by its first byte '{'), either an SPDX 2.x document
 * ({@link SpdxParser}, told by its {@code spdxVersion}) or a CycloneDX BOM ({@link CycloneDxParser}); or a CSV: {@code operator,sector,product,vendor,model,cpe,fcc_id,mac,count} (further columns are
 * allowed and ignored; lines starting with {@code #} are comments). Each row becomes a deployment of a product record; a non-empty vendor becomes an
 * organization record the product is {@code MADE_BY} (the MAKER route: made, designed or sold by), with the row as
 * its evidence.
 */
public final class InventoryParser implements SourceParser {
    public static final List<String> COLUMNS =
            List.of("operator", "sector", "product", "vendor", "model", "cpe", "fcc_id", "mac", "count");
    private static final Pattern MAC = Pattern.compile("^[0-9A-Fa-f]{2}([:-]?[0-9A-Fa-f]{2}){2,5}$");
    private static final Pattern CPE = Pattern.compile("^cpe:(2\\.3:[aho](:[^:]*){10}|/[aho](:[^:]*)*)$");

    @Override
    public void parse(InputStream body, ParseContext context, RecordSink sink) throws IOException {
        java.io.BufferedInputStream in = new java.io.BufferedInputStream(body);
        if (startsWithJsonObject(in)) {
            JsonNode json = BomRecords.read(in, context);
            if (json.has("spdxVersion")) {
                SpdxParser.stage(json, context, sink);
            } else if (json.has("bomFormat")) {
                CycloneDxParser.stage(json, context, sink);
            } else {
                throw BomRecords.unreadable(context, "", "a JSON inventory must be a CycloneDX BOM (bomFormat) or an "
                        + "SPDX 2.x document (spdxVersion)", null);
            }
            return;
        }
        parseCsv(in, context, sink);
    }

    /** True when the first byte after a BOM and white space is '{': a JSON inventory, not CSV. */
    private static boolean startsWithJsonObject(java.io.BufferedInputStream in) throws IOException {
        in.mark(4096);
        try {
            for (int i = 0; i < 4096; i++) {
                int b = in.read();
                if (b == -1) {
                    return false;
                }
                if (b == 0xEF || b == 0xBB || b == 0xBF || Character.isWhitespace(b)) {
                    continue;
                }
                return b == '{';
            }
            return false;
        } finally {
            in.reset();
        }
    }

    private void parseCsv(InputStream body, ParseContext context, RecordSink sink) throws IOException {
        Reader reader = new InputStreamReader(body, StandardCharsets.UTF_8);
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
                .setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).setTrim(true).setCommentMarker('#').get();
        try (CSVParser csv = CSVParser.parse(reader, format)) {
            checkHeader(csv.getHeaderMap(), context);
            for (CSVRecord row : csv) {
                row(row, context, sink);
            }
        } catch (java.io.UncheckedIOException | IllegalStateException e) {
            throw new SourceParseException(new ParseProblem(context.capture().sourceId(), context.document(), "",
                    "not a readable CSV file: " + e.getMessage()), e);
        }
    }

    private static void checkHeader(Map<String, Integer> header, ParseContext context) {
        List<String> missing = COLUMNS.stream().filter(c -> !header.containsKey(c)).toList();
        if (!missing.isEmpty()) {
            throw new SourceParseException(new ParseProblem(context.capture().sourceId(), context.document(),
                    "line 1", "inventory header lacks column(s) " + String.join(", ", missing)
                    + "; expected " + String.join(",", COLUMNS)));
        }
    }

    private static void row(CSVRecord row, ParseContext context, RecordSink sink) {
        String where = "line " + (row.getParser().getCurrentLineNumber());
        if (!row.isConsistent()) {
            context.reject(where, "has " + row.size() + " fields, the header has " + row.getParser().getHeaderNames().size());
            return;
        }
        String operator = row.get("operator");
        String sector = row.get("sector");
        String product = row.get("product");
        String vendor = row.get("vendor");
        String model = row.get("model");
        String cpe = row.get("cpe");
        String fccId = row.get("fcc_id");
        String mac = row.get("mac");
        String count = row.get("count");
        if (operator.isEmpty() || sector.isEmpty() || product.isEmpty()) {
            context.reject(where, "operator, sector and product are required");
            return;
        }
        Long n = null;
        if (!count.isEmpty()) {
            try {
                n = Long.parseLong(count);
            } catch (NumberFormatException e) {
                n = -1L;
            }
            if (n < 0) {
                context.reject(where, "count '" + count + "' is not a whole number >= 0");
                return;
            }
        }
        if (!mac.isEmpty() && !MAC.matcher(mac).matches()) {
            context.reject(where, "mac '" + mac + "' is not a MAC address or OUI prefix (e.g. 44:47:CC or 4447CC)");
            return;
        }
        if (!cpe.isEmpty() && !CPE.matcher(cpe).matches()) {
            context.reject(where, "cpe '" + cpe + "' is not a CPE 2.3 formatted string or CPE URI");
            return;
        }
        String id = ProductIds.of(vendor, model, product, cpe);
        String evidence = context.capture().targetUri();
        Node p = sink.record(Tm.Product, "product/" + id, where, evidence, null);
        sink.literal(p, Tm.productId, id);
        sink.literal(p, Tm.name, product);
        sink.literal(p, Tm.vendor, vendor);
        sink.literal(p, Tm.model, model);
        sink.literal(p, Tm.cpe, cpe);
        sink.literal(p, Tm.fccId, fccId);
        sink.literal(p, Tm.mac, mac);
        sink.literal(p, Tm.confidence, "inventory");

        Node d = sink.record(Tm.Deployment, "deployment/" + row.getRecordNumber(), where, evidence, null);
        sink.literal(d, Tm.operator, operator);
        sink.literal(d, Tm.sector, sector.toLowerCase(java.util.Locale.ROOT));
        sink.iri(d, Tm.product, p);
        if (n != null) {
            sink.integer(d, Tm.count, n);
        }
        if (!vendor.isEmpty()) {
            Node v = sink.record(Tm.Organization, "vendor/" + row.getRecordNumber(), where, evidence, null);
            sink.literal(v, Tm.name, vendor);
            sink.literal(v, Tm.confidence, "inventory");
            Node link = sink.link("made-by/" + row.getRecordNumber(), p, v, "MADE_BY", where, evidence, null);
            sink.literal(link, Tm.confidence, "inventory");
        }
    }
}
