package org.trustmap.crawler.sources.gleif;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVRecord;

/** The header of a golden-copy CSV file: named columns and the numbered groups ({@code ...Period.1.startDate}). */
final class CsvColumns {
    private final Map<String, Integer> header;

    CsvColumns(Map<String, Integer> header) {
        this.header = Map.copyOf(header);
    }

    boolean has(String name) {
        return header.containsKey(name);
    }

    /** The first of the names present in the header, or null. */
    String firstOf(String... names) {
        for (String name : names) {
            if (has(name)) {
                return name;
            }
        }
        return null;
    }

    /** Numbers N of the columns {@code prefix + N + suffix}, ascending. */
    List<Integer> numbers(String prefix, String suffix) {
        Pattern p = Pattern.compile(Pattern.quote(prefix) + "(\\d+)" + Pattern.quote(suffix));
        List<Integer> numbers = new ArrayList<>();
        for (String name : header.keySet()) {
            Matcher m = p.matcher(name);
            if (m.matches()) {
                numbers.add(Integer.parseInt(m.group(1)));
            }
        }
        numbers.sort(null);
        return List.copyOf(numbers);
    }

    /** The value of a column in a row, stripped; null when the column is absent or the cell is blank. */
    String get(CSVRecord row, String name) {
        Integer i = name == null ? null : header.get(name);
        return i == null || i >= row.size() ? null : GleifValues.blankToNull(row.get(i));
    }
}
