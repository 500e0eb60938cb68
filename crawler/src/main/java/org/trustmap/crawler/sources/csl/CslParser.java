package org.trustmap.crawler.sources.csl;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.jena.graph.Node;
import org.trustmap.crawler.ParseContext;
import org.trustmap.crawler.ParseProblem;
import org.trustmap.crawler.RecordSink;
import org.trustmap.crawler.SourceParseException;
import org.trustmap.crawler.SourceParser;
import org.trustmap.crawler.Tm;

/**
 * The US Consolidated Screening List (trade.gov): the API's JSON ({@code {"results": [...]}} or a bare array) or
 * the bulk CSV ({@code consolidated.csv}, with or without {@code _id}). Each entity becomes an organization record:
 * {@code name}, {@code alt_names} as {@code tm:otherName}, the addresses' country as {@code tm:legalCountry} when all
 * addresses that have one agree, the list as a flag ({@code US_BIS_ENTITY_LIST}, {@code US_BIS_MEU},
 * {@code US_BIS_UVL}, {@code US_TREASURY_NS_CMIC} ... see {@link CslLists}), {@code start_date} as evidence date,
 * {@code source_list_url} (else {@code source_information_url}) as evidence URL. Records typed {@code Individual}
 * or {@code Vessel} are not organizations and are skipped (BIS lists carry no type: persons on them are staged as
 * listed). The CSL clause "; and any successor, sub-unit, or subsidiary thereof" is cut from names.
 */
public final class CslParser implements SourceParser {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CSV_COUNTRY = Pattern.compile(",\\s*([A-Z]{2})\\s*$");
    private static final Pattern SUCCESSOR_CLAUSE = Pattern.compile(";\\s*and any successor.*$", Pattern.CASE_INSENSITIVE);
    private static final Set<String> NOT_ORGANIZATIONS = Set.of("individual", "vessel", "aircraft");

    @Override
    public void parse(InputStream body, ParseContext context, RecordSink sink) throws IOException {
        BufferedInputStream in = new BufferedInputStream(body);
        in.mark(64);
        int first;
        do {
            first = in.read();
        } while (first == 0xEF || first == 0xBB || first == 0xBF || (first != -1 && Character.isWhitespace(first)));
        in.reset();
        Consumer<CslEntry> stage = e -> stage(e, context, sink);
        if (first == '{' || first == '[') {
            json(in, context, stage);
        } else {
            csv(in, context, stage);
        }
    }

    private static void json(InputStream in, ParseContext context, Consumer<CslEntry> out) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(in);
        } catch (JsonProcessingException e) {
            throw new SourceParseException(new ParseProblem(context.capture().sourceId(), context.document(),
                    "line " + e.getLocation().getLineNr(), "not JSON: " + e.getOriginalMessage()), e);
        }
        JsonNode results = root.isArray() ? root : root.path("results");
        if (!results.isArray()) {
            throw new SourceParseException(new ParseProblem(context.capture().sourceId(), context.document(), "",
                    "expected a CSL API response with results[] or an array of CSL records"));
        }
        int n = 0;
        for (JsonNode r : results) {
            n++;
            List<String> countries = new ArrayList<>();
            for (JsonNode a : r.path("addresses")) {
                countries.add(text(a, "country").toUpperCase(Locale.ROOT));
            }
            List<String> alt = new ArrayList<>();
            for (JsonNode a : r.path("alt_names")) {
                alt.add(a.asText());
            }
            String id = text(r, "id").isEmpty() ? text(r, "_id") : text(r, "id");
            out.accept(new CslEntry("record " + n, id, text(r, "source"), text(r, "type"), text(r, "name"), alt,
                    countries, text(r, "start_date"), text(r, "source_list_url"), text(r, "source_information_url")));
        }
    }

    private static void csv(InputStream in, ParseContext context, Consumer<CslEntry> out) throws IOException {
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true).get();
        try (CSVParser csv = CSVParser.parse(new InputStreamReader(in, StandardCharsets.UTF_8), format)) {
            List<String> header = csv.getHeaderNames();
            if (!header.contains("source") || !header.contains("name") || !header.contains("addresses")) {
                throw new SourceParseException(new ParseProblem(context.capture().sourceId(), context.document(),
                        "line 1", "expected the CSL CSV header (source, name, addresses, alt_names, start_date, "
                        + "source_list_url ...); got " + String.join(",", header)));
            }
            for (CSVRecord row : csv) {
                String where = "line " + row.getParser().getCurrentLineNumber();
                if (!row.isConsistent()) {
                    context.reject(where, "has " + row.size() + " fields, the header has " + header.size());
                    continue;
                }
                List<String> countries = new ArrayList<>();
                for (String address : split(row.get("addresses"))) {
                    Matcher m = CSV_COUNTRY.matcher(address);
                    countries.add(m.find() ? m.group(1) : "");
                }
                out.accept(new CslEntry(where, get(row, "_id"), row.get("source"), get(row, "type"), row.get("name"),
                        split(get(row, "alt_names")), countries, get(row, "start_date"), get(row, "source_list_url"),
                        get(row, "source_information_url")));
            }
        } catch (UncheckedIOException | IllegalStateException e) {
            throw new SourceParseException(new ParseProblem(context.capture().sourceId(), context.document(), "",
                    "not a readable CSV file: " + e.getMessage()), e);
        }
    }

    private static void stage(CslEntry e, ParseContext context, RecordSink sink) {
        String where = e.location() + (e.id().isEmpty() ? "" : " (id " + e.id() + ")");
        if (NOT_ORGANIZATIONS.contains(e.type().toLowerCase(Locale.ROOT))) {
            return; // persons and vessels are not organizations
        }
        String name = SUCCESSOR_CLAUSE.matcher(e.name().strip()).replaceFirst("").strip();
        if (name.isEmpty()) {
            context.reject(where, "has no name");
            return;
        }
        Optional<String> flag = CslLists.flag(e.source());
        if (flag.isEmpty()) {
            context.reject(where, "source '" + e.source() + "' names no list abbreviation in parentheses");
            return;
        }
        LocalDate date = null;
        if (!e.startDate().isEmpty()) {
            try {
                date = LocalDate.parse(e.startDate());
            } catch (DateTimeParseException ex) {
                context.reject(where, "start_date '" + e.startDate() + "' is not yyyy-mm-dd; kept without date");
            }
        }
        String evidence = !e.listUrl().isEmpty() ? e.listUrl()
                : !e.infoUrl().isEmpty() ? e.infoUrl() : context.capture().targetUri();
        Node org = sink.record(Tm.Organization, "csl/" + (e.id().isEmpty() ? e.location() : e.id()) + "/" + e.location(),
                where, evidence, date);
        sink.literal(org, Tm.name, name);
        Set<String> others = new LinkedHashSet<>();
        for (String alt : e.altNames()) {
            String a = alt.strip().replaceFirst("^(?i)and\\s+", "");
            if (!a.isEmpty() && !a.equals(name)) {
                others.add(a);
            }
        }
        others.forEach(a -> sink.literal(org, Tm.otherName, a));
        Set<String> countries = new LinkedHashSet<>();
        for (String c : e.countries()) {
            if (c.matches("[A-Z]{2}")) {
                countries.add(c);
            }
        }
        if (countries.size() == 1) {
            sink.literal(org, Tm.legalCountry, countries.iterator().next());
        }
        sink.literal(org, Tm.flag, flag.get());
        sink.literal(org, Tm.registeredAs, e.id().isEmpty() ? null : "CSL:" + e.id());
        sink.literal(org, Tm.confidence, "list");
    }

    /** CSL CSV multi-values are separated by "; ". */
    private static List<String> split(String value) {
        List<String> out = new ArrayList<>();
        if (value == null || value.isBlank()) {
            return out;
        }
        for (String part : value.split(";\\s*")) {
            if (!part.isBlank()) {
                out.add(part.strip());
            }
        }
        return out;
    }

    private static String get(CSVRecord row, String column) {
        return row.isMapped(column) ? row.get(column).strip() : "";
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isValueNode() && !v.isNull() ? v.asText().strip() : "";
    }
}
