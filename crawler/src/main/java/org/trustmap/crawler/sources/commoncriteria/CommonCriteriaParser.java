package org.trustmap.crawler.sources.commoncriteria;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.jena.graph.Node;
import org.jsoup.parser.Parser;
import org.trustmap.crawler.ParseContext;
import org.trustmap.crawler.ParseProblem;
import org.trustmap.crawler.ProductIds;
import org.trustmap.crawler.RecordSink;
import org.trustmap.crawler.SourceParseException;
import org.trustmap.crawler.SourceParser;
import org.trustmap.crawler.Tm;

/**
 * The Common Criteria portal's certified-products CSV ({@code Category, Name, Manufacturer, Scheme, ...,
 * Certification Date, ...}): each certified product becomes a product record ({@code ProductIds.of(manufacturer,
 * name)}) {@code MADE_BY} an organization record named as the manufacturer column writes it, dated with the
 * certification date. {@code Scheme} is the certifying nation's scheme, not the manufacturer's country: it is not
 * staged as a jurisdiction. A product listed again for a maintenance report is staged once.
 */
public final class CommonCriteriaParser implements SourceParser {
    private static final DateTimeFormatter US_DATE = DateTimeFormatter.ofPattern("MM/dd/uuuu");

    @Override
    public void parse(InputStream body, ParseContext context, RecordSink sink) throws IOException {
        Reader reader = new InputStreamReader(body, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE));
        CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setIgnoreHeaderCase(true)
                .setTrim(true).build().parse(reader);
        for (String column : new String[] {"Name", "Manufacturer", "Certification Date"}) {
            if (csv.getHeaderMap().keySet().stream().noneMatch(column::equalsIgnoreCase)) {
                throw new SourceParseException(new ParseProblem(context.capture().sourceId(), context.document(),
                        "line 1", "no '" + column + "' column: not a Common Criteria certified-products CSV"));
            }
        }
        String evidence = context.capture().targetUri();
        Set<String> seen = new HashSet<>();
        Map<String, Node> makers = new HashMap<>();
        for (CSVRecord row : csv) {
            String where = "line " + (row.getRecordNumber() + 1);
            String name = text(row, "Name");
            String maker = text(row, "Manufacturer");
            if (name.isEmpty() || maker.isEmpty()) {
                context.reject(where, "a certified product needs a name and a manufacturer");
                continue;
            }
            String id = ProductIds.of(maker, name, null, null);
            if (!seen.add(id)) {
                continue;
            }
            LocalDate certified = date(text(row, "Certification Date"), where, context);
            Node product = sink.record(Tm.Product, "product/" + id, where + " (" + name + ")", evidence, certified);
            sink.literal(product, Tm.productId, id);
            sink.literal(product, Tm.name, name);
            sink.literal(product, Tm.vendor, maker);
            sink.literal(product, Tm.confidence, "registry");
            Node org = makers.computeIfAbsent(maker, m -> {
                Node o = sink.record(Tm.Organization, "manufacturer/" + m, where + " (" + m + ")", evidence, null);
                sink.literal(o, Tm.name, m);
                sink.literal(o, Tm.confidence, "registry");
                return o;
            });
            Node link = sink.link("product/" + id + "/manufacturer", product, org, "MADE_BY", where, evidence, certified);
            sink.literal(link, Tm.confidence, "registry");
        }
    }

    /** A cell with the HTML entities the portal leaves in names ({@code w&#x2f;}) decoded. */
    private static String text(CSVRecord row, String column) {
        if (!row.isMapped(column) || !row.isSet(column)) {
            return "";
        }
        return Parser.unescapeEntities(row.get(column), false).strip();
    }

    private static LocalDate date(String text, String where, ParseContext context) {
        if (text.isEmpty()) {
            return null;
        }
        try {
            return LocalDate.parse(text, US_DATE);
        } catch (DateTimeParseException e) {
            context.reject(where, "Certification Date '" + text + "' is not MM/DD/YYYY; staged without date");
            return null;
        }
    }
}
