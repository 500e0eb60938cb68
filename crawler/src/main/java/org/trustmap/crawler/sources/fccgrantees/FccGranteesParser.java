package org.trustmap.crawler.sources.fccgrantees;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.apache.jena.graph.Node;
import org.trustmap.crawler.Countries;
import org.trustmap.crawler.FccIds;
import org.trustmap.crawler.ParseContext;
import org.trustmap.crawler.ParseProblem;
import org.trustmap.crawler.RecordSink;
import org.trustmap.crawler.SourceParseException;
import org.trustmap.crawler.SourceParser;
import org.trustmap.crawler.Tm;

/**
 * FCC equipment authorization search exports (EAS {@code GenericSearch} XML: {@code <Results><Row>} with
 * {@code applicant_name, address, city, state, country, zip_code, fcc_id, application_purpose, grant_date}),
 * streamed row by row. Each grantee code (taken from the FCC ID: 3 characters, or 5 when it starts with '2') becomes
 * one organization record — applicant name as given, {@code tm:fccGranteeCode}, {@code tm:legalCountry} from the
 * applicant address's country — and each FCC ID one product record ({@code tm:productId fcc:<FCC ID>},
 * {@code tm:fccId}) {@code MADE_BY} its grantee, dated with its earliest grant date. A grant listed once per frequency
 * range is staged once. The evidence is the export itself (its URL, or the file when read with {@code --input}).
 */
public final class FccGranteesParser implements SourceParser {
    private static final DateTimeFormatter US_DATE = DateTimeFormatter.ofPattern("MM/dd/uuuu");

    @Override
    public void parse(InputStream body, ParseContext context, RecordSink sink) throws IOException {
        XMLStreamReader xml;
        try {
            xml = factory().createXMLStreamReader(body);
        } catch (XMLStreamException e) {
            throw unreadable(context, "", "not XML: " + e.getMessage(), e);
        }
        Map<String, Grant> grants = new LinkedHashMap<>();
        Map<String, Map<String, String>> grantees = new LinkedHashMap<>();
        int row = 0;
        try {
            while (xml.hasNext()) {
                if (xml.next() == XMLStreamConstants.START_ELEMENT && xml.getLocalName().equalsIgnoreCase("Row")) {
                    row++;
                    Map<String, String> fields = fields(xml);
                    accept(fields, "row " + row, grants, grantees, context);
                }
            }
        } catch (XMLStreamException e) {
            throw unreadable(context, "row " + (row + 1), "broken XML: " + e.getMessage(), e);
        }
        if (row == 0) {
            throw unreadable(context, "", "no <Row> elements: not an FCC EAS search export", null);
        }
        stage(grants, grantees, context, sink);
    }

    private record Grant(String fccId, String code, String where, LocalDate granted, String purpose) {
    }

    private static void accept(Map<String, String> f, String where, Map<String, Grant> grants,
                               Map<String, Map<String, String>> grantees, ParseContext context) {
        String raw = f.getOrDefault("fcc_id", "");
        Optional<String> fccId = FccIds.normalize(raw);
        if (fccId.isEmpty()) {
            context.reject(where, "fcc_id '" + raw + "' is not an FCC ID");
            return;
        }
        String name = f.getOrDefault("applicant_name", "").strip();
        if (name.isEmpty()) {
            context.reject(where, "FCC ID " + fccId.get() + " has no applicant_name");
            return;
        }
        LocalDate granted = null;
        String date = f.getOrDefault("grant_date", "").strip();
        if (!date.isEmpty()) {
            try {
                granted = LocalDate.parse(date, US_DATE);
            } catch (DateTimeParseException e) {
                context.reject(where, "grant_date '" + date + "' is not MM/DD/YYYY; the grant is kept without date");
            }
        }
        String code = FccIds.granteeCode(fccId.get()).orElseThrow();
        Map<String, String> first = grantees.putIfAbsent(code, withWhere(f, where));
        if (first != null && !first.get("applicant_name").strip().equals(name)) {
            context.reject(where, "grantee " + code + " is '" + name + "' here but '" + first.get("applicant_name").strip()
                    + "' at " + first.get("@where") + "; the first name is kept");
        }
        LocalDate when = granted;
        grants.merge(fccId.get(), new Grant(fccId.get(), code, where, granted, f.getOrDefault("application_purpose", "")),
                (a, b) -> a.granted() == null || (when != null && when.isBefore(a.granted())) ? b : a);
    }

    private static Map<String, String> withWhere(Map<String, String> f, String where) {
        Map<String, String> copy = new HashMap<>(f);
        copy.put("@where", where);
        return copy;
    }

    private static void stage(Map<String, Grant> grants, Map<String, Map<String, String>> grantees,
                              ParseContext context, RecordSink sink) {
        String evidence = context.capture().targetUri();
        Map<String, Node> orgs = new HashMap<>();
        for (Map.Entry<String, Map<String, String>> e : grantees.entrySet()) {
            Map<String, String> f = e.getValue();
            String where = f.get("@where") + " (grantee " + e.getKey() + ")";
            Node org = sink.record(Tm.Organization, "grantee/" + e.getKey(), where, evidence, null);
            sink.literal(org, Tm.name, f.get("applicant_name"));
            sink.literal(org, Tm.fccGranteeCode, e.getKey());
            String country = f.getOrDefault("country", "");
            Optional<String> code = Countries.code(country);
            if (code.isEmpty() && !country.isBlank() && !country.strip().equalsIgnoreCase("N/A")) {
                context.reject(where, "country '" + country.strip() + "' is not a known country name; staged without country");
            }
            sink.literal(org, Tm.legalCountry, code.orElse(null));
            sink.literal(org, Tm.confidence, "registry");
            orgs.put(e.getKey(), org);
        }
        for (Grant g : grants.values()) {
            String where = g.where() + " (FCC ID " + g.fccId() + ")";
            Node product = sink.record(Tm.Product, "fcc-id/" + g.fccId(), where, evidence, g.granted());
            sink.literal(product, Tm.productId, "fcc:" + g.fccId().toLowerCase(java.util.Locale.ROOT));
            sink.literal(product, Tm.name, "FCC ID " + g.fccId());
            sink.literal(product, Tm.fccId, g.fccId());
            sink.literal(product, Tm.confidence, "registry");
            Node link = sink.link("fcc-id/" + g.fccId() + "/grantee", product, orgs.get(g.code()), "MADE_BY", where,
                    evidence, g.granted());
            sink.literal(link, Tm.confidence, "registry");
        }
    }

    /** The text of each child element of the current {@code <Row>}, by lower-case name. */
    private static Map<String, String> fields(XMLStreamReader xml) throws XMLStreamException {
        Map<String, String> fields = new HashMap<>();
        int depth = 1;
        String current = null;
        StringBuilder text = new StringBuilder();
        while (depth > 0 && xml.hasNext()) {
            switch (xml.next()) {
                case XMLStreamConstants.START_ELEMENT -> {
                    depth++;
                    current = xml.getLocalName().toLowerCase(java.util.Locale.ROOT);
                    text.setLength(0);
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> text.append(xml.getText());
                case XMLStreamConstants.END_ELEMENT -> {
                    depth--;
                    if (current != null && depth == 1) {
                        fields.put(current, text.toString().strip());
                    }
                    current = null;
                }
                default -> {
                }
            }
        }
        return fields;
    }

    private static XMLInputFactory factory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        return factory;
    }

    private static SourceParseException unreadable(ParseContext context, String where, String reason, Throwable cause) {
        ParseProblem p = new ParseProblem(context.capture().sourceId(), context.document(), where, reason);
        return cause == null ? new SourceParseException(p) : new SourceParseException(p, cause);
    }
}
