package org.trustmap.queries;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.trustmap.queries.internal.Cells;
import org.trustmap.queries.internal.TextTable;

/** Writes a {@link QueryResult} as an aligned table, a JSON array of objects, or RFC 4180 CSV with a header. */
public final class ResultWriter {
    /** Table cells longer than this are cut, ending in "…". */
    public static final int MAX_CELL = 60;

    private ResultWriter() {
    }

    /**
     * Writes {@code result} to {@code out}.
     * <ul>
     * <li>TABLE: a header, a separator line, one line per row (numbers right-aligned, lists and maps as compact
     * JSON, cells cut at {@value #MAX_CELL} characters), then {@code (N rows)}.</li>
     * <li>JSON: a pretty-printed array with one object per row, keys in column order.</li>
     * <li>CSV: RFC 4180 (CRLF line ends), a header line, lists and maps as compact JSON, null as an empty field.</li>
     * </ul>
     *
     * @throws UncheckedIOException when {@code out} fails
     */
    public static void write(QueryResult result, OutputFormat format, Appendable out) {
        try {
            switch (format) {
                case TABLE -> table(result, out);
                case JSON -> out.append(Cells.json(result.rows(), true)).append('\n');
                case CSV -> csv(result, out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void table(QueryResult result, Appendable out) throws IOException {
        TextTable table = new TextTable(result.columns(), MAX_CELL);
        for (int i = 0; i < result.columns().size(); i++) {
            String column = result.columns().get(i);
            boolean numeric = !result.rows().isEmpty() && result.rows().stream()
                    .map(r -> r.get(column)).allMatch(v -> v == null || v instanceof Number);
            if (numeric) {
                table.alignRight(i);
            }
        }
        for (Map<String, Object> row : result.rows()) {
            List<String> cells = new ArrayList<>();
            for (String column : result.columns()) {
                cells.add(Cells.text(row.get(column)));
            }
            table.add(cells);
        }
        table.writeTo(out);
        int n = result.size();
        out.append("(").append(String.valueOf(n)).append(n == 1 ? " row)" : " rows)").append('\n');
    }

    private static void csv(QueryResult result, Appendable out) throws IOException {
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader(result.columns().toArray(String[]::new)).get();
        CSVPrinter printer = new CSVPrinter(out, format);
        for (Map<String, Object> row : result.rows()) {
            List<String> cells = new ArrayList<>();
            for (String column : result.columns()) {
                cells.add(Cells.text(row.get(column)));
            }
            printer.printRecord(cells);
        }
        printer.flush(); // not close(): the caller owns out
    }
}
