package org.trustmap.crawler.sources.ieeeoui;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

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
 * The IEEE Registration Authority's public listing {@code oui.csv} (also {@code mam.csv}, {@code oui36.csv}):
 * {@code Registry,Assignment,Organization Name,Organization Address}. Each assignment becomes one organization
 * record with the name exactly as registered, {@code tm:ouiAssignment} and, when the address ends with an ISO
 * country code, {@code tm:legalCountry} (the registered address). "Private" assignments name no organization and
 * are counted, not staged. The file is streamed row by row.
 */
public final class IeeeOuiParser implements SourceParser {
    /** The registry's public file; the evidence of every record when the document is a local copy of it. */
    public static final String EVIDENCE_URL = "https://standards-oui.ieee.org/oui/oui.csv";
    static final List<String> COLUMNS = List.of("Registry", "Assignment", "Organization Name", "Organization Address");
    private static final Pattern ASSIGNMENT = Pattern.compile("^[0-9A-F]{6}([0-9A-F]{1,3})?$");

    @Override
    public void parse(InputStream body, ParseContext context, RecordSink sink) throws IOException {
        stage(body, context, sink);
    }

    /** Parses like {@link #parse} and tells what the file gave. */
    public OuiSummary stage(InputStream body, ParseContext context, RecordSink sink) throws IOException {
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true).get();
        String evidence = evidenceUrl(context);
        long staged = 0;
        long privates = 0;
        long rejected = 0;
        long noCountry = 0;
        try (CSVParser csv = CSVParser.parse(new InputStreamReader(body, StandardCharsets.UTF_8), format)) {
            checkHeader(csv.getHeaderMap(), context);
            for (CSVRecord row : csv) {
                String where = "line " + row.getParser().getCurrentLineNumber();
                if (!row.isConsistent()) {
                    context.reject(where, "has " + row.size() + " fields, the header has 4");
                    rejected++;
                    continue;
                }
                String assignment = row.get(1).strip().toUpperCase(Locale.ROOT);
                String name = row.get(2).strip();
                if (!ASSIGNMENT.matcher(assignment).matches()) {
                    context.reject(where, "assignment '" + row.get(1) + "' is not 6, 7 or 9 hex digits");
                    rejected++;
                    continue;
                }
                if (name.isEmpty() || name.equalsIgnoreCase("Private")) {
                    privates++;
                    continue;
                }
                Optional<String> country = OuiAddress.country(row.get(3));
                Node org = sink.record(Tm.Organization, "oui/" + assignment, where + " (" + row.get(0).strip()
                        + " " + assignment + ")", evidence, null);
                sink.literal(org, Tm.name, name);
                sink.literal(org, Tm.ouiAssignment, assignment.substring(0, 6).equals(assignment) ? assignment : null);
                sink.literal(org, Tm.registeredAs, row.get(0).strip() + ":" + assignment);
                sink.literal(org, Tm.registrationAuthority, "IEEE RA");
                sink.literal(org, Tm.legalCountry, country.orElse(null));
                sink.literal(org, Tm.confidence, "registry");
                if (country.isEmpty()) {
                    noCountry++;
                }
                staged++;
            }
        } catch (UncheckedIOException | IllegalStateException e) {
            throw new SourceParseException(new ParseProblem(context.capture().sourceId(), context.document(), "",
                    "not a readable CSV file: " + e.getMessage()), e);
        }
        return new OuiSummary(staged, privates, rejected, noCountry);
    }

    private static String evidenceUrl(ParseContext context) {
        String uri = context.capture().targetUri();
        return uri.startsWith("https://") || uri.startsWith("http://") ? uri : EVIDENCE_URL;
    }

    private static void checkHeader(Map<String, Integer> header, ParseContext context) {
        if (header == null || !header.keySet().containsAll(COLUMNS)) {
            throw new SourceParseException(new ParseProblem(context.capture().sourceId(), context.document(),
                    "line 1", "IEEE registry header must be " + String.join(",", COLUMNS) + "; got "
                    + (header == null ? "nothing" : String.join(",", header.keySet()))));
        }
    }
}
