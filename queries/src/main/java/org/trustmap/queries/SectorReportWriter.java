package org.trustmap.queries;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.trustmap.queries.ExposureEntry.Finding;
import org.trustmap.queries.ExposureEntry.Hop;
import org.trustmap.queries.SectorReport.OperatorTally;
import org.trustmap.queries.SectorReport.Tally;
import org.trustmap.queries.internal.Cells;
import org.trustmap.queries.internal.ReportHtml;

/** Writes a {@link SectorReport} for {@code trustmap report}. */
public final class SectorReportWriter {
    /** The CSV columns, in order: one row per deployment. */
    public static final List<String> CSV_COLUMNS = List.of("sector", "operator", "product_id", "product", "vendor",
            "units", "verdict", "routes", "jurisdictions", "paths", "evidence", "gaps", "flags", "profile",
            "profile_hash", "run_id", "generated_at");

    private SectorReportWriter() {
    }

    /**
     * Writes {@code report}.
     * <ul>
     * <li>HTML: one self-contained page (inline CSS, no scripts, no external resources) that prints on A4: the stamp,
     * tables of counts overall and per operator (per verdict, route, jurisdiction, flag), the EXPOSED deployments
     * with a table of hops (source, evidence URL, date, record id) per path, the UNDETERMINED ones with their gaps,
     * the NOT_FOUND ones and the list flags. All text is escaped by jsoup.</li>
     * <li>JSON: an object {@code sector}, {@code stamp {generatedAt, profiles [{name, hash}], runs [{id,
     * finishedAt}]}}, {@code summary} (a tally: {@code deployments, units, withoutCount, verdicts, routes,
     * jurisdictions, flags}, each map of {@code {deployments, units}}), {@code operators [{operator, sectors, ...a
     * tally}]}, {@code exposed}, {@code undetermined}, {@code notFound} (entries as {@code trustmap exposure --format
     * json} writes them, with {@code runId}), {@code flags [{flag, organization, products}]}.</li>
     * <li>CSV: RFC 4180 with the header {@link #CSV_COLUMNS}; one row per deployment; {@code paths} one line per
     * path ({@code MAKER (CN): A -MADE_BY-> B ...}), {@code evidence} one line per hop ({@code relation to | source |
     * URL | date | record id}), lists joined by "; ".</li>
     * </ul>
     *
     * @throws UncheckedIOException when {@code out} fails
     */
    public static void write(SectorReport report, ReportFormat format, Appendable out) {
        try {
            switch (format) {
                case HTML -> out.append(ReportHtml.render(report));
                case JSON -> out.append(Cells.json(json(report), true)).append('\n');
                case CSV -> csv(report, out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Object> json(SectorReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sector", r.sector());
        m.put("stamp", r.stamp());
        m.put("summary", r.overall());
        List<Map<String, Object>> operators = new ArrayList<>();
        for (OperatorTally o : r.operators()) {
            Map<String, Object> op = new LinkedHashMap<>();
            op.put("operator", o.operator());
            op.put("sectors", o.sectors());
            op.putAll(tally(o.tally()));
            operators.add(op);
        }
        m.put("operators", operators);
        m.put("exposed", entries(r.exposed()));
        m.put("undetermined", entries(r.undetermined()));
        m.put("notFound", entries(r.notFound()));
        m.put("flags", r.flags());
        return m;
    }

    private static Map<String, Object> tally(Tally t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("deployments", t.deployments());
        m.put("units", t.units());
        m.put("withoutCount", t.withoutCount());
        m.put("verdicts", t.verdicts());
        m.put("routes", t.routes());
        m.put("jurisdictions", t.jurisdictions());
        m.put("flags", t.flags());
        return m;
    }

    private static List<Map<String, Object>> entries(List<ExposureEntry> entries) {
        return entries.stream().map(e -> {
            Map<String, Object> m = ExposureWriter.json(e);
            m.put("runId", e.runId());
            return m;
        }).toList();
    }

    private static void csv(SectorReport r, Appendable out) throws IOException {
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader(CSV_COLUMNS.toArray(String[]::new)).get();
        CSVPrinter printer = new CSVPrinter(out, format);
        for (ExposureEntry e : r.entries()) {
            printer.printRecord(e.sector(), e.operator(), e.product().id(), e.product().name(), e.product().vendor(),
                    e.count(), e.verdict().name(),
                    distinct(e.findings().stream().map(Finding::route).toList()),
                    distinct(e.findings().stream().map(Finding::jurisdiction).toList()),
                    e.findings().stream().map(f -> f.route() + " (" + f.jurisdiction() + "): "
                            + ExposureWriter.pathText(f.path())).collect(Collectors.joining("\n")),
                    e.findings().stream().flatMap(f -> f.path().stream()).map(SectorReportWriter::evidence)
                            .distinct().collect(Collectors.joining("\n")),
                    String.join("; ", e.gaps()),
                    String.join("; ", e.flags()),
                    e.profile() == null ? null : e.profile().name(),
                    e.profile() == null ? null : e.profile().hash(),
                    e.runId(), r.stamp().generatedAt());
        }
        printer.flush(); // not close(): the caller owns out
    }

    private static String evidence(Hop h) {
        return h.relation() + " " + h.to() + " | " + nz(h.source()) + " | " + nz(h.evidence()) + " | " + nz(h.date())
                + " | " + nz(h.recordId());
    }

    private static String distinct(List<String> values) {
        return values.stream().filter(Objects::nonNull).distinct().collect(Collectors.joining("; "));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
