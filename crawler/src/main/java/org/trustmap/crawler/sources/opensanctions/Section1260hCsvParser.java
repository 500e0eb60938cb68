package org.trustmap.crawler.sources.opensanctions;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
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
 * The US DoD Section 1260H list ("Chinese military companies") as OpenSanctions transcribes it, one row per company
 * and edition: {@code Name,Clean Name,Alias,Previous Name,Parent Name,Note,Start date,End date,Source Url}.
 *
 * <p>Each row becomes an organization record named by {@code Clean Name} with its aliases and previous names as
 * {@code tm:otherName}, dated by {@code Start date} (the edition), its evidence the row's {@code Source Url} (the DoD
 * notice) or, for the 2021 rows that have none, the dataset's release page. A row without {@code End date} is
 * flagged {@code US_DOD_1260H}; a delisted row keeps its names and parent (the statement was true as of its date) but
 * no flag. {@code Parent Name} gives a {@code CONTROLLED_BY} link (controlKind {@code STATED}) to a record of that
 * name. The list itself is no jurisdiction fact: no country is staged, except that a note stating ownership or control
 * by SASAC gives a {@code CONTROLLED_BY} link (controlKind {@code STATE}) to a SASAC record based in CN.</p>
 */
public final class Section1260hCsvParser implements SourceParser {
    /** The dataset's page (us_dod_chinese_milcorps.yml {@code url}); the evidence of rows without a Source Url. */
    public static final String DATASET_URL = "https://www.war.gov/News/Releases/Release/Article/4511232/"
            + "dow-releases-list-of-chinese-military-companies-in-accordance-with-section-1260/";
    public static final String FLAG = "US_DOD_1260H";
    static final List<String> COLUMNS = List.of("Name", "Clean Name", "Alias", "Previous Name", "Parent Name", "Note",
            "Start date", "End date", "Source Url");
    private static final String CONFIDENCE = "list";
    /** A trailing acronym in parentheses, e.g. "China Aerospace Science and Industry Corporation Limited (CASIC)". */
    private static final Pattern TRAILING_ACRONYM = Pattern.compile("^(.*\\S)\\s*\\(([A-Z0-9][A-Z0-9&\\-]{1,11})\\)$");
    /**
     * Separators of several names in one cell: ';' always, ',' only when no space and no legal form follows
     * ("Knownsec,Beijing Kownsec" is two names, "China Avionics Systems Co., Ltd." and "Co.,Ltd." one).
     */
    private static final Pattern NAME_SEPARATOR = Pattern.compile(";\\s*|,(?=[^\\s,])(?!(?i:ltd|inc|limited)\\b)");

    @Override
    public void parse(InputStream body, ParseContext context, RecordSink sink) throws IOException {
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true).get();
        try (CSVParser csv = CSVParser.parse(new InputStreamReader(body, StandardCharsets.UTF_8), format)) {
            checkHeader(csv.getHeaderMap(), context);
            for (CSVRecord row : csv) {
                String where = "line " + row.getParser().getCurrentLineNumber();
                try {
                    row(row, where, sink);
                } catch (IllegalArgumentException e) {
                    context.reject(where, e.getMessage());
                }
            }
        } catch (UncheckedIOException | IllegalStateException e) {
            throw new SourceParseException(new ParseProblem(context.capture().sourceId(), context.document(), "",
                    "not a readable 1260H CSV file: " + e.getMessage()), e);
        }
    }

    private static void row(CSVRecord row, String where, RecordSink sink) {
        if (!row.isConsistent()) {
            throw new IllegalArgumentException("has " + row.size() + " fields, the header has " + COLUMNS.size());
        }
        String name = row.get("Clean Name").strip();
        if (name.isEmpty()) {
            name = row.get("Name").replaceAll("\\*+$", "").strip();
        }
        if (name.isEmpty()) {
            throw new IllegalArgumentException("names no company (Name and Clean Name are empty)");
        }
        LocalDate start = date(row.get("Start date"), "Start date");
        LocalDate end = date(row.get("End date"), "End date");
        String url = row.get("Source Url").strip();
        if (!url.isEmpty() && !(url.startsWith("https://") || url.startsWith("http://"))) {
            throw new IllegalArgumentException("Source Url '" + url + "' is not an http(s) URL");
        }
        String evidence = url.isEmpty() ? DATASET_URL : url;
        String key = "line/" + row.getParser().getCurrentLineNumber();

        Node org = sink.record(Tm.Organization, key, where, evidence, start);
        sink.literal(org, Tm.name, name);
        for (String other : names(row.get("Alias"), row.get("Previous Name"))) {
            if (!other.equals(name)) {
                sink.literal(org, Tm.otherName, other);
            }
        }
        if (end == null) {
            sink.literal(org, Tm.flag, FLAG);
        }
        sink.literal(org, Tm.confidence, CONFIDENCE);

        String parentText = row.get("Parent Name").strip();
        if (!parentText.isEmpty()) {
            Matcher m = TRAILING_ACRONYM.matcher(parentText);
            String parentName = m.matches() ? m.group(1) : parentText;
            Node parent = sink.record(Tm.Organization, key + "/parent", where + " (Parent Name)", evidence, start);
            sink.literal(parent, Tm.name, parentName);
            sink.literal(parent, Tm.otherName, m.matches() ? m.group(2) : null);
            sink.literal(parent, Tm.confidence, CONFIDENCE);
            Node link = sink.link(key + "/parent-link", org, parent, "CONTROLLED_BY", where + " (Parent Name)",
                    evidence, start);
            sink.literal(link, Tm.controlKind, "STATED");
            sink.literal(link, Tm.confidence, CONFIDENCE);
        }

        Optional<String> state = StateOwnershipNote.sasacOwnership(row.get("Note"));
        if (state.isPresent()) {
            String ref = where + " (Note: " + state.get() + ")";
            Node sasac = sink.record(Tm.Organization, key + "/state", ref, evidence, start);
            sink.literal(sasac, Tm.name, StateOwnershipNote.SASAC_NAME);
            sink.literal(sasac, Tm.otherName, StateOwnershipNote.SASAC_ALIAS);
            sink.literal(sasac, Tm.basedIn, "CN");
            sink.literal(sasac, Tm.confidence, CONFIDENCE);
            Node link = sink.link(key + "/state-link", org, sasac, "CONTROLLED_BY", ref, evidence, start);
            sink.literal(link, Tm.controlKind, "STATE");
            sink.literal(link, Tm.confidence, CONFIDENCE);
        }
    }

    /** The names of one or more cells, split where a cell lists several; blanks dropped, order kept, no repeats. */
    static List<String> names(String... cells) {
        List<String> out = new ArrayList<>();
        for (String cell : cells) {
            if (cell == null) {
                continue;
            }
            for (String part : NAME_SEPARATOR.split(cell)) {
                String p = part.strip();
                if (!p.isEmpty() && !out.contains(p)) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    private static LocalDate date(String text, String column) {
        String t = text.strip();
        if (t.isEmpty()) {
            return null;
        }
        try {
            return LocalDate.parse(t);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(column + " '" + t + "' is not a date (yyyy-mm-dd)");
        }
    }

    private static void checkHeader(Map<String, Integer> header, ParseContext context) {
        if (header == null || !header.keySet().containsAll(COLUMNS)) {
            throw new SourceParseException(new ParseProblem(context.capture().sourceId(), context.document(),
                    "line 1", "1260H CSV header must have " + String.join(",", COLUMNS) + "; got "
                    + (header == null ? "nothing" : String.join(",", header.keySet()))));
        }
    }
}
