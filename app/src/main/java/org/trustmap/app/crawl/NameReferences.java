package org.trustmap.app.crawl;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The organizations a curated-facts CSV names without an LEI but with a country: {@code org:<name>} subjects of a
 * {@code BASED_IN jurisdiction:<CC>} fact. A targeted GLEIF crawl searches them by name and country. A name with no
 * stated country is not searched (a search result could not be told apart from a namesake elsewhere); rows that are
 * not such facts, or that the curated parser would reject, are passed over here (the parser reports them).
 */
public final class NameReferences {
    private static final Pattern ISO = Pattern.compile("[A-Z]{2}");

    /** An organization name with the country the facts place it in. */
    public record NamedOrganization(String name, String country) {
    }

    private NameReferences() {
    }

    /** The named organizations of these files, in the order first met, each name and country once. */
    public static Set<NamedOrganization> in(Iterable<Path> files) throws IOException {
        Set<NamedOrganization> names = new LinkedHashSet<>();
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true).setTrim(true).setCommentMarker('#').setAllowMissingColumnNames(true).get();
        for (Path file : files) {
            try (Reader r = new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8);
                 CSVParser csv = CSVParser.parse(r, format)) {
                if (!csv.getHeaderMap().keySet().containsAll(Set.of("subject", "relation", "object"))) {
                    continue;
                }
                for (CSVRecord row : csv) {
                    if (!row.isConsistent()) {
                        continue;
                    }
                    String subject = row.get("subject");
                    String object = row.get("object");
                    if (row.get("relation").equalsIgnoreCase("BASED_IN") && subject.startsWith("org:")
                            && object.startsWith("jurisdiction:")) {
                        String name = subject.substring(4).strip();
                        String country = object.substring("jurisdiction:".length()).strip().toUpperCase(Locale.ROOT);
                        if (!name.isEmpty() && ISO.matcher(country).matches()) {
                            names.add(new NamedOrganization(name, country));
                        }
                    }
                }
            } catch (IllegalArgumentException | IllegalStateException | java.io.UncheckedIOException e) {
                // not a readable CSV: the curated parser reports it with its line
                CrawlLog.LOG.warn("gleif: {} could not be read for organization names ({}); none searched from it",
                        file, e.getMessage());
            }
        }
        return names;
    }
}
