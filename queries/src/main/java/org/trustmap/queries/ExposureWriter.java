package org.trustmap.queries;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.trustmap.queries.ExposureEntry.Finding;
import org.trustmap.queries.ExposureEntry.Hop;
import org.trustmap.queries.internal.Cells;
import org.trustmap.queries.internal.TextTable;

/** Writes exposure entries for {@code trustmap exposure}: JSON for tools, CSV for spreadsheets, a table for people. */
public final class ExposureWriter {
    /** The CSV columns, in order. */
    public static final List<String> CSV_COLUMNS = List.of("operator", "sector", "product_id", "product", "vendor",
            "verdict", "routes", "jurisdictions", "first_path", "evidence", "gaps", "profile", "profile_hash", "flags");

    /** Table cells longer than this are cut with "…"; wider than query tables, as path summaries are long. */
    public static final int MAX_CELL = 100;

    private ExposureWriter() {
    }

    /**
     * Writes {@code entries} in their order.
     * <ul>
     * <li>JSON: an array; each object has {@code product {id, name, vendor}}, {@code operator}, {@code sector},
     * {@code count}, {@code verdict}, {@code findings [{route, jurisdiction, path: [{from, relation, to, source,
     * evidence, date, recordId}]}]}, {@code gaps}, {@code profile {name, hash}}.</li>
     * <li>CSV: RFC 4180 with the header {@link #CSV_COLUMNS}; one row per deployment; multiple values joined by
     * "; ", the first path as {@code A -MADE_BY-> B -CONTROLLED_BY-> C}, its evidence URLs joined by a space.</li>
     * <li>TABLE: verdict, sector, operator, product, one line per finding ({@code MAKER: Hikvision -> CETC (CN)};
     * a long one is cut in the middle so that the route and the jurisdiction stay) and per gap, then one line
     * counting the deployments per verdict.</li>
     * </ul>
     *
     * @throws UncheckedIOException when {@code out} fails
     */
    public static void write(List<ExposureEntry> entries, OutputFormat format, Appendable out) {
        try {
            switch (format) {
                case JSON -> out.append(Cells.json(entries.stream().map(ExposureWriter::json).toList(), true))
                        .append('\n');
                case CSV -> csv(entries, out);
                case TABLE -> table(entries, out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Object> json(ExposureEntry e) {
        Map<String, Object> product = new LinkedHashMap<>();
        product.put("id", e.product().id());
        product.put("name", e.product().name());
        product.put("vendor", e.product().vendor());
        List<Map<String, Object>> findings = new ArrayList<>();
        for (Finding f : e.findings()) {
            Map<String, Object> finding = new LinkedHashMap<>();
            finding.put("route", f.route());
            finding.put("jurisdiction", f.jurisdiction());
            if (f.ownership() != null) {
                finding.put("ownership", f.ownership());
            }
            List<Map<String, Object>> path = new ArrayList<>();
            for (Hop h : f.path()) {
                Map<String, Object> hop = new LinkedHashMap<>();
                hop.put("from", h.from());
                hop.put("relation", h.relation());
                hop.put("to", h.to());
                hop.put("source", h.source());
                hop.put("evidence", h.evidence());
                hop.put("date", h.date());
                hop.put("recordId", h.recordId());
                path.add(hop);
            }
            finding.put("path", path);
            findings.add(finding);
        }
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("name", e.profile() == null ? null : e.profile().name());
        profile.put("hash", e.profile() == null ? null : e.profile().hash());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("product", product);
        m.put("operator", e.operator());
        m.put("sector", e.sector());
        m.put("count", e.count());
        m.put("verdict", e.verdict().name());
        m.put("findings", findings);
        m.put("gaps", e.gaps());
        m.put("flags", e.flags());
        m.put("profile", profile);
        return m;
    }

    private static void csv(List<ExposureEntry> entries, Appendable out) throws IOException {
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader(CSV_COLUMNS.toArray(String[]::new)).get();
        CSVPrinter printer = new CSVPrinter(out, format);
        for (ExposureEntry e : entries) {
            List<Hop> first = e.findings().isEmpty() ? List.of() : e.findings().get(0).path();
            printer.printRecord(e.operator(), e.sector(), e.product().id(), e.product().name(), e.product().vendor(),
                    e.verdict().name(),
                    distinct(e.findings().stream().map(Finding::route).toList()),
                    distinct(e.findings().stream().map(Finding::jurisdiction).toList()),
                    pathText(first),
                    first.stream().map(Hop::evidence).filter(Objects::nonNull).distinct()
                            .collect(Collectors.joining(" ")),
                    String.join("; ", e.gaps()),
                    e.profile() == null ? null : e.profile().name(),
                    e.profile() == null ? null : e.profile().hash(),
                    String.join("; ", e.flags()));
        }
        printer.flush(); // not close(): the caller owns out
    }

    private static String distinct(List<String> values) {
        return values.stream().filter(Objects::nonNull).distinct().collect(Collectors.joining("; "));
    }

    /** {@code A -MADE_BY-> B -CONTROLLED_BY-> C}; empty for no path. */
    public static String pathText(List<Hop> path) {
        if (path.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder(String.valueOf(path.get(0).from()));
        for (Hop h : path) {
            b.append(" -").append(h.relation()).append("-> ").append(h.to());
        }
        return b.toString();
    }

    /**
     * {@code MAKER: Hikvision -> CETC (CN)}: the route, the organizations (and components) after the product, and
     * the jurisdiction; the product itself and the final BASED_IN hop are left out.
     */
    public static String summary(Finding f) {
        List<String> names = f.path().stream().filter(h -> !"BASED_IN".equals(h.relation())).map(Hop::to).toList();
        StringBuilder b = new StringBuilder(String.valueOf(f.route()));
        if (!names.isEmpty()) {
            b.append(": ").append(String.join(" -> ", names));
        }
        return b.append(" (").append(f.jurisdiction()).append(")").toString();
    }

    private static void table(List<ExposureEntry> entries, Appendable out) throws IOException {
        TextTable table = new TextTable(List.of("verdict", "sector", "operator", "product", "route / path", "gaps / flags"),
                MAX_CELL).cutInTheMiddle(4);
        Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
        for (Verdict v : Verdict.values()) {
            counts.put(v, 0);
        }
        for (ExposureEntry e : entries) {
            counts.merge(e.verdict(), 1, Integer::sum);
            String product = e.product().name() != null ? e.product().name() : e.product().id();
            List<String> notes = new java.util.ArrayList<>(e.gaps());
            e.flags().forEach(f -> notes.add("flag " + f));
            int lines = Math.max(1, Math.max(e.findings().size(), notes.size()));
            for (int i = 0; i < lines; i++) {
                boolean first = i == 0;
                table.add(List.of(first ? e.verdict().name() : "", first ? nz(e.sector()) : "",
                        first ? nz(e.operator()) : "", first ? nz(product) : "",
                        i < e.findings().size() ? summary(e.findings().get(i)) : "",
                        i < notes.size() ? notes.get(i) : ""));
            }
        }
        table.writeTo(out);
        String tally = counts.entrySet().stream().map(c -> c.getValue() + " " + c.getKey().name())
                .collect(Collectors.joining(", "));
        out.append(tally).append(" (").append(String.valueOf(entries.size()))
                .append(entries.size() == 1 ? " deployment)" : " deployments)").append('\n');
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
