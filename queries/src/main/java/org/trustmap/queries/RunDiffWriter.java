package org.trustmap.queries;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.trustmap.queries.RunDiff.Delta;
import org.trustmap.queries.RunDiff.ProductChange;
import org.trustmap.queries.internal.Cells;
import org.trustmap.queries.internal.TextTable;

/** Writes a {@link RunDiff} for {@code trustmap diff}. */
public final class RunDiffWriter {
    /** The CSV columns, in order: one row per product that changed. */
    public static final List<String> CSV_COLUMNS = List.of("from_run", "to_run", "product_id", "product", "change",
            "verdict_from", "verdict_to", "routes_added", "routes_removed", "jurisdictions_added",
            "jurisdictions_removed", "gaps_opened", "gaps_closed", "flags_added", "flags_removed");

    private RunDiffWriter() {
    }

    /**
     * Writes {@code diff}.
     * <ul>
     * <li>TABLE: one block of lines per product that changed (change, product, verdict {@code A -> B}, then one line
     * per route, jurisdiction, flag added ({@code +}) or removed ({@code -}) and gap opened or closed), then the
     * {@linkplain RunDiff#summaryLine() summary line}.</li>
     * <li>JSON: {@code {from, to: {id, profile, profileHash, finishedAt}, changed: bool, summary: {productsFrom,
     * productsTo, added, removed, verdictChanged, otherChanged, unchanged, transitions, profileChanged}, products:
     * [{id, name, change, verdict: {from, to}, routes: {added, removed}, jurisdictions: {added, removed}, gaps:
     * {opened, closed}, flags: {added, removed}}]}}; a nightly job checks {@code .changed}.</li>
     * <li>CSV: RFC 4180 with the header {@link #CSV_COLUMNS}, lists joined by "; ".</li>
     * </ul>
     */
    public static void write(RunDiff diff, OutputFormat format, Appendable out) {
        try {
            switch (format) {
                case JSON -> out.append(Cells.json(json(diff), true)).append('\n');
                case CSV -> csv(diff, out);
                case TABLE -> table(diff, out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Object> json(RunDiff d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("from", d.from());
        m.put("to", d.to());
        m.put("changed", d.changed());
        m.put("summary", d.summary());
        List<Map<String, Object>> products = new ArrayList<>();
        for (ProductChange c : d.changes()) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("id", c.productId());
            p.put("name", c.name());
            p.put("change", c.change().name());
            Map<String, Object> verdict = new LinkedHashMap<>();
            verdict.put("from", c.verdictFrom());
            verdict.put("to", c.verdictTo());
            p.put("verdict", verdict);
            p.put("routes", c.routes());
            p.put("jurisdictions", c.jurisdictions());
            Map<String, Object> gaps = new LinkedHashMap<>();
            gaps.put("opened", c.gaps().added());
            gaps.put("closed", c.gaps().removed());
            p.put("gaps", gaps);
            p.put("flags", c.flags());
            products.add(p);
        }
        m.put("products", products);
        return m;
    }

    private static void csv(RunDiff d, Appendable out) throws IOException {
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader(CSV_COLUMNS.toArray(String[]::new)).get();
        CSVPrinter printer = new CSVPrinter(out, format);
        for (ProductChange c : d.changes()) {
            printer.printRecord(d.from().id(), d.to().id(), c.productId(), c.name(), c.change().name(),
                    c.verdictFrom(), c.verdictTo(), join(c.routes().added()), join(c.routes().removed()),
                    join(c.jurisdictions().added()), join(c.jurisdictions().removed()), join(c.gaps().added()),
                    join(c.gaps().removed()), join(c.flags().added()), join(c.flags().removed()));
        }
        printer.flush(); // not close(): the caller owns out
    }

    private static void table(RunDiff d, Appendable out) throws IOException {
        if (d.changed()) {
            TextTable table = new TextTable(List.of("change", "product", "verdict", "what changed"),
                    ExposureWriter.MAX_CELL);
            for (ProductChange c : d.changes()) {
                List<String> details = new ArrayList<>();
                lines(details, "route", c.routes());
                lines(details, "jurisdiction", c.jurisdictions());
                c.gaps().added().forEach(g -> details.add("gap opened: " + g));
                c.gaps().removed().forEach(g -> details.add("gap closed: " + g));
                lines(details, "flag", c.flags());
                String product = c.name() == null ? c.productId() : c.name() + " (" + c.productId() + ")";
                String verdict = switch (c.change()) {
                    case ADDED -> c.verdictTo();
                    case REMOVED -> "was " + c.verdictFrom();
                    case CHANGED -> c.verdictChanged() ? c.verdictFrom() + " -> " + c.verdictTo() : c.verdictTo();
                };
                int n = Math.max(1, details.size());
                for (int i = 0; i < n; i++) {
                    table.add(List.of(i == 0 ? c.change().name() : "", i == 0 ? product : "", i == 0 ? verdict : "",
                            i < details.size() ? details.get(i) : ""));
                }
            }
            table.writeTo(out);
        }
        out.append(d.summaryLine()).append('\n');
    }

    private static void lines(List<String> details, String what, Delta delta) {
        delta.added().forEach(v -> details.add("+ " + what + " " + v));
        delta.removed().forEach(v -> details.add("- " + what + " " + v));
    }

    private static String join(List<String> values) {
        return String.join("; ", values);
    }
}
