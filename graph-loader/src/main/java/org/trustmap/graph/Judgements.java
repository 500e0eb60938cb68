package org.trustmap.graph;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.trustmap.graph.internal.Names;

/**
 * Analysts' judgements on resolution, kept in a CSV file under version control ({@code data/judgements.csv}):
 * {@code left,right,judgement,analyst,date,note}. {@code judgement} is {@code SAME} (merge the organizations the two
 * references name) or {@code NOT_SAME} (never merge them, whatever the names or identifiers say — except the same
 * LEI). A reference is {@code lei:<LEI>} or {@code name:<name>} with an optional {@code @CC} country suffix; names
 * are compared normalized. Removing a line reverses the judgement on the next refresh.
 */
public record Judgements(List<Judgement> judgements) {
    public Judgements {
        judgements = List.copyOf(judgements);
    }

    public static Judgements none() {
        return new Judgements(List.of());
    }

    /** One judgement and where it was written. */
    public record Judgement(Ref left, Ref right, boolean same, String where) {
    }

    /** A reference to the records a judgement is about. */
    public record Ref(String lei, String name, String country) {
        boolean matches(String recordLei, Set<String> recordNames, Set<String> recordCountries) {
            if (lei != null) {
                return lei.equals(recordLei);
            }
            return recordNames.contains(name) && (country == null || recordCountries.contains(country));
        }

        static Ref parse(String text, String where) {
            String t = text.strip();
            if (t.regionMatches(true, 0, "lei:", 0, 4)) {
                return new Ref(t.substring(4).strip().toUpperCase(Locale.ROOT), null, null);
            }
            if (t.regionMatches(true, 0, "name:", 0, 5)) {
                String name = t.substring(5);
                String country = null;
                int at = name.lastIndexOf('@');
                if (at > 0 && name.length() - at == 3) {
                    country = name.substring(at + 1).toUpperCase(Locale.ROOT);
                    name = name.substring(0, at);
                }
                String normalized = Names.normalize(name);
                if (normalized.isEmpty()) {
                    throw new JudgementsException(where + ": '" + text + "' names nothing after normalization");
                }
                return new Ref(null, normalized, country);
            }
            throw new JudgementsException(where + ": '" + text + "' is not lei:<LEI> or name:<name>[@CC]");
        }
    }

    public List<Judgement> same() {
        return judgements.stream().filter(Judgement::same).toList();
    }

    public List<Judgement> notSame() {
        return judgements.stream().filter(j -> !j.same()).toList();
    }

    /** Reads the file; a missing file means no judgements. Errors name the file and line. */
    public static Judgements load(Path file) throws IOException {
        if (!Files.exists(file)) {
            return none();
        }
        List<Judgement> out = new ArrayList<>();
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                .setIgnoreEmptyLines(true).setCommentMarker('#').get();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser csv = CSVParser.parse(reader, format)) {
            for (String column : List.of("left", "right", "judgement")) {
                if (!csv.getHeaderMap().containsKey(column)) {
                    throw new JudgementsException(file + ": header lacks column '" + column
                            + "'; expected left,right,judgement,analyst,date,note");
                }
            }
            for (CSVRecord row : csv) {
                String where = file.getFileName() + " line " + row.getParser().getCurrentLineNumber();
                String judgement = row.get("judgement").toUpperCase(Locale.ROOT);
                if (!judgement.equals("SAME") && !judgement.equals("NOT_SAME")) {
                    throw new JudgementsException(where + ": judgement '" + row.get("judgement")
                            + "' is not SAME or NOT_SAME");
                }
                out.add(new Judgement(Ref.parse(row.get("left"), where), Ref.parse(row.get("right"), where),
                        judgement.equals("SAME"), where));
            }
        }
        return new Judgements(out);
    }

    /** A judgements file that cannot be used. */
    public static final class JudgementsException extends RuntimeException {
        public JudgementsException(String message) {
            super(message);
        }
    }
}
