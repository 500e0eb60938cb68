package org.trustmap.crawler.sources.curated;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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
 * An analyst's curated facts: {@code subject,relation,object,share,evidence_url,evidence_date,note}.
 *
 * <p>Subjects and objects are {@code org:<name>}, {@code lei:<LEI>}, {@code product:<product id>} or, for
 * {@code BASED_IN}, {@code jurisdiction:<ISO code>}. Relations: {@code MADE_BY}, {@code CONTAINS},
 * {@code SENDS_DATA_TO}, {@code ADMINISTERED_BY}, {@code CONTROLLED_BY}, {@code BASED_IN} and
 * {@code ALSO_KNOWN_AS} (object {@code name:<alias>}, an other name the evidence gives) and
 * {@code PARENT_EXCEPTION} (object {@code reason:NATURAL_PERSONS} etc., closing or opening an ownership chain as
 * GLEIF's reporting exceptions do). Every fact cites a public http(s) URL and a date; a fact without them must say
 * {@code unverified} in its note and is kept with confidence {@code unverified}.</p>
 */
public final class CuratedFactsParser implements SourceParser {
    public static final List<String> COLUMNS =
            List.of("subject", "relation", "object", "share", "evidence_url", "evidence_date", "note");
    static final Set<String> LINKS = Set.of("MADE_BY", "CONTAINS", "SENDS_DATA_TO", "ADMINISTERED_BY", "CONTROLLED_BY");
    private static final Pattern LEI = Pattern.compile("^[A-Z0-9]{18}[0-9]{2}$");
    private static final Pattern ISO = Pattern.compile("^[A-Z]{2}$");

    @Override
    public void parse(InputStream body, ParseContext context, RecordSink sink) throws IOException {
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true).setTrim(true).setCommentMarker('#').get();
        try (CSVParser csv = CSVParser.parse(new InputStreamReader(body, StandardCharsets.UTF_8), format)) {
            Map<String, Integer> header = csv.getHeaderMap();
            List<String> missing = COLUMNS.stream().filter(c -> !header.containsKey(c)).toList();
            if (!missing.isEmpty()) {
                throw new SourceParseException(new ParseProblem(context.capture().sourceId(), context.document(),
                        "header", "curated facts header lacks column(s) " + String.join(", ", missing)
                        + "; expected " + String.join(",", COLUMNS)));
            }
            for (CSVRecord row : csv) {
                String where = "line " + row.getParser().getCurrentLineNumber();
                try {
                    fact(row, where, context, sink);
                } catch (IllegalArgumentException e) {
                    context.reject(where, e.getMessage());
                }
            }
        } catch (java.io.UncheckedIOException | IllegalStateException e) {
            throw new SourceParseException(new ParseProblem(context.capture().sourceId(), context.document(), "",
                    "not a readable CSV file: " + e.getMessage()), e);
        }
    }

    private static void fact(CSVRecord row, String where, ParseContext context, RecordSink sink) {
        if (!row.isConsistent()) {
            throw new IllegalArgumentException("has " + row.size() + " fields, the header has "
                    + row.getParser().getHeaderNames().size());
        }
        String relation = row.get("relation").toUpperCase(Locale.ROOT);
        String note = row.get("note");
        String url = row.get("evidence_url");
        String dateText = row.get("evidence_date");
        boolean unverified = note.toLowerCase(Locale.ROOT).contains("unverified");
        if (url.isEmpty() && !unverified) {
            throw new IllegalArgumentException("evidence_url is empty; cite a public URL or mark the note 'unverified'");
        }
        if (!url.isEmpty() && !(url.startsWith("https://") || url.startsWith("http://"))) {
            throw new IllegalArgumentException("evidence_url '" + url + "' is not an http(s) URL");
        }
        LocalDate date = null;
        if (!dateText.isEmpty()) {
            try {
                date = LocalDate.parse(dateText);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("evidence_date '" + dateText + "' is not a date (yyyy-mm-dd)");
            }
        } else if (!unverified) {
            throw new IllegalArgumentException("evidence_date is empty; give the date the evidence speaks for");
        }
        String evidence = url.isEmpty() ? context.capture().targetUri() : url;
        String confidence = unverified ? "unverified" : "curated";
        long n = row.getRecordNumber();
        String subject = row.get("subject");
        String object = row.get("object");
        switch (relation) {
            case "BASED_IN" -> {
                String code = ref(object, "jurisdiction").toUpperCase(Locale.ROOT);
                if (!ISO.matcher(code).matches()) {
                    throw new IllegalArgumentException("BASED_IN needs jurisdiction:<ISO 3166 code>, got '" + object + "'");
                }
                Node org = organization(subject, "fact/" + n + "/subject", where, evidence, date, confidence, sink);
                sink.literal(org, Tm.basedIn, code);
            }
            case "ALSO_KNOWN_AS" -> {
                String alias = ref(object, "name");
                if (alias.isEmpty()) {
                    throw new IllegalArgumentException("ALSO_KNOWN_AS needs name:<other name>");
                }
                Node org = organization(subject, "fact/" + n + "/subject", where, evidence, date, confidence, sink);
                sink.literal(org, Tm.otherName, alias);
            }
            case "PARENT_EXCEPTION" -> {
                String reason = ref(object, "reason").toUpperCase(Locale.ROOT);
                if (reason.isEmpty()) {
                    throw new IllegalArgumentException("PARENT_EXCEPTION needs reason:<GLEIF exception reason>");
                }
                Node org = organization(subject, "fact/" + n + "/subject", where, evidence, date, confidence, sink);
                sink.literal(org, Tm.parentException, "ULTIMATE:" + reason);
            }
            default -> {
                if (!LINKS.contains(relation)) {
                    throw new IllegalArgumentException("relation '" + row.get("relation") + "' is not one of "
                            + "MADE_BY, CONTAINS, SENDS_DATA_TO, ADMINISTERED_BY, CONTROLLED_BY, BASED_IN, ALSO_KNOWN_AS, PARENT_EXCEPTION");
                }
                boolean productSubject = !relation.equals("CONTROLLED_BY");
                boolean productObject = relation.equals("CONTAINS");
                Node from = productSubject
                        ? product(subject, "fact/" + n + "/subject", where, evidence, date, confidence, sink)
                        : organization(subject, "fact/" + n + "/subject", where, evidence, date, confidence, sink);
                Node to = productObject
                        ? product(object, "fact/" + n + "/object", where, evidence, date, confidence, sink)
                        : organization(object, "fact/" + n + "/object", where, evidence, date, confidence, sink);
                Node link = sink.link("fact/" + n, from, to, relation, where, evidence, date);
                sink.literal(link, Tm.confidence, confidence);
                sink.literal(link, Tm.controlKind, relation.equals("CONTROLLED_BY") ? "STATED" : null);
                String share = row.get("share");
                if (!share.isEmpty()) {
                    BigDecimal pct;
                    try {
                        pct = new BigDecimal(share.replace("%", "").strip());
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("share '" + share + "' is not a percentage");
                    }
                    if (pct.signum() < 0 || pct.compareTo(BigDecimal.valueOf(100)) > 0) {
                        throw new IllegalArgumentException("share " + share + " is outside 0..100");
                    }
                    sink.decimal(link, Tm.share, pct);
                }
            }
        }
    }

    private static String ref(String value, String kind) {
        String prefix = kind + ":";
        if (!value.regionMatches(true, 0, prefix, 0, prefix.length())) {
            throw new IllegalArgumentException("expected " + prefix + "<...>, got '" + value + "'");
        }
        return value.substring(prefix.length()).strip();
    }

    private static Node organization(String ref, String key, String where, String evidence, LocalDate date,
                                     String confidence, RecordSink sink) {
        Node org;
        if (ref.regionMatches(true, 0, "lei:", 0, 4)) {
            String lei = ref.substring(4).strip().toUpperCase(Locale.ROOT);
            if (!LEI.matcher(lei).matches()) {
                throw new IllegalArgumentException("'" + ref + "' is not a 20-character LEI");
            }
            org = sink.record(Tm.Organization, key, where, evidence, date);
            sink.literal(org, Tm.lei, lei);
        } else if (ref.regionMatches(true, 0, "org:", 0, 4) && !ref.substring(4).isBlank()) {
            org = sink.record(Tm.Organization, key, where, evidence, date);
            sink.literal(org, Tm.name, ref.substring(4));
        } else {
            throw new IllegalArgumentException("'" + ref + "' is not an organization reference (org:<name> or lei:<LEI>)");
        }
        sink.literal(org, Tm.confidence, confidence);
        return org;
    }

    private static Node product(String ref, String key, String where, String evidence, LocalDate date,
                                String confidence, RecordSink sink) {
        String id = ref(ref, "product");
        if (id.isEmpty()) {
            throw new IllegalArgumentException("'" + ref + "' names no product id");
        }
        Node p = sink.record(Tm.Product, key, where, evidence, date);
        sink.literal(p, Tm.productId, id.toLowerCase(Locale.ROOT));
        sink.literal(p, Tm.name, id);
        sink.literal(p, Tm.confidence, confidence);
        return p;
    }
}
