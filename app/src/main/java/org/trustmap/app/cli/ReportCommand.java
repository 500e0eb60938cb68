package org.trustmap.app.cli;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.trustmap.app.Workspace;
import org.trustmap.graph.Neo4jConnection;
import org.trustmap.queries.ReportFormat;
import org.trustmap.queries.SectorReport;
import org.trustmap.queries.SectorReportWriter;
import org.trustmap.queries.SectorReports;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code trustmap report --sector NAME}: the regulator's sector exposure report across operators' inventories. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write the sector exposure report (counts per operator, EXPOSED paths with evidence, gaps, flags).")
public class ReportCommand implements Callable<Integer> {
    @Mixin
    HomeOptions home;

    @Spec
    CommandSpec spec;

    @Option(names = "--sector", paramLabel = "NAME", required = true,
            description = "A sector of the inventories (energy, transport, ...) or 'all'.")
    String sector;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "html",
            description = "html, json or csv (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--out", paramLabel = "FILE", description = "Where to write it (default: standard output).")
    Path out;

    @Override
    public Integer call() throws Exception {
        ReportFormat f = ReportFormat.parse(format);
        try (Workspace workspace = home.workspace(0)) {
            Neo4jConnection neo4j = workspace.neo4j();
            SectorReport report = new SectorReports(neo4j.database()).read(neo4j.driver(), sector, Instant.now());
            var stdout = spec.commandLine().getOut();
            if (out == null) {
                SectorReportWriter.write(report, f, stdout);
            } else {
                write(report, f, out);
                stdout.println("report " + report.sector() + ": " + tally(report) + " -> " + out.toAbsolutePath());
            }
            stdout.flush();
        }
        return TrustmapCommand.OK;
    }

    /** Writes every sector's report and the {@code all} report as {@code dir/<sector>.<ext>}; returns the files. */
    static List<Path> writeAll(Workspace workspace, Path dir, ReportFormat format) throws IOException {
        Neo4jConnection neo4j = workspace.neo4j();
        SectorReports reports = new SectorReports(neo4j.database());
        Instant now = Instant.now();
        List<String> sectors = new ArrayList<>(reports.sectors(neo4j.driver()));
        sectors.add(SectorReports.ALL);
        List<Path> files = new ArrayList<>();
        for (String s : sectors) {
            Path file = dir.resolve(fileName(s) + "." + format.extension());
            write(reports.read(neo4j.driver(), s, now), format, file);
            files.add(file);
        }
        return files;
    }

    /** A sector as a file name: lower case, anything but letters, digits, '.', '_' and '-' as '-'. */
    static String fileName(String sector) {
        String name = sector.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-");
        return name.isEmpty() || name.startsWith(".") ? "sector-" + name : name;
    }

    /** "18 deployments, 10 EXPOSED, 7 UNDETERMINED, 1 NOT_FOUND". */
    static String tally(SectorReport report) {
        StringBuilder b = new StringBuilder().append(report.overall().deployments())
                .append(report.overall().deployments() == 1 ? " deployment" : " deployments");
        report.overall().verdicts().forEach((v, c) -> b.append(", ").append(c.deployments()).append(' ').append(v));
        return b.toString();
    }

    /** Writes through a temporary file in the same folder, so a reader never sees half a report. */
    private static void write(SectorReport report, ReportFormat format, Path file) throws IOException {
        Path target = file.toAbsolutePath();
        Files.createDirectories(target.getParent());
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            SectorReportWriter.write(report, format, w);
        }
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
