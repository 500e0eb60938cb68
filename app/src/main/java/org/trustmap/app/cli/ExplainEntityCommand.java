package org.trustmap.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.trustmap.graph.ResolvedGraph;
import org.trustmap.graph.ResolvedGraph.Org;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code trustmap explain-entity ID}: why records were merged into an organization, and what it is based on. */
@Command(name = "explain-entity", mixinStandardHelpOptions = true,
        description = "Explain an organization of the last refresh: its records, why they were merged, its jurisdictions and parents.")
public class ExplainEntityCommand implements Callable<Integer> {
    @Mixin
    HomeOptions home;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "ID", description = "Organization id (lei:..., org:...), an LEI, or part of a name.")
    String query;

    @Override
    public Integer call() throws Exception {
        Path resolved = latestResolved(home.home.toAbsolutePath().normalize());
        ResolvedGraph graph = new ObjectMapper().findAndRegisterModules().readValue(resolved.toFile(), ResolvedGraph.class);
        String q = query.strip();
        List<Org> hits = graph.organizations().stream().filter(o -> o.id().equals(q) || q.equalsIgnoreCase(o.lei())
                || o.id().equals("lei:" + q.toUpperCase(Locale.ROOT))).toList();
        if (hits.isEmpty()) {
            String lower = q.toLowerCase(Locale.ROOT);
            hits = graph.organizations().stream()
                    .filter(o -> o.names().stream().anyMatch(n -> n.toLowerCase(Locale.ROOT).contains(lower))).toList();
        }
        PrintWriter out = spec.commandLine().getOut();
        if (hits.isEmpty()) {
            throw new BadInputException("no organization matches '" + q + "' in " + resolved);
        }
        if (hits.size() > 1) {
            out.println(hits.size() + " organizations match '" + q + "'; pass one id:");
            hits.forEach(o -> out.printf("  %-60s %s%n", o.id(), o.name()));
            out.flush();
            return TrustmapCommand.OK;
        }
        explain(graph, hits.get(0), out);
        out.flush();
        return TrustmapCommand.OK;
    }

    private static void explain(ResolvedGraph g, Org o, PrintWriter out) {
        out.println(o.id() + "  " + o.name());
        out.println("  names:    " + String.join(" | ", o.names()));
        out.printf("  LEI %s, legal jurisdiction %s, legal address %s, headquarters %s%n", dash(o.lei()),
                dash(o.legalJurisdiction()), dash(o.legalCountry()), dash(o.hqCountry()));
        out.println("  records:  " + o.records() + " from " + String.join(", ", o.sources()));
        g.basedIn().stream().filter(b -> b.orgId().equals(o.id())).forEach(b -> out.printf(
                "  based in  %s (%s) — %s, %s, %s%n", b.code(), b.basis(), b.provenance().source(),
                b.provenance().evidence(), dash(b.provenance().date())));
        g.edges().stream().filter(e -> e.type().equals("CONTROLLED_BY") && e.fromId().equals(o.id())).forEach(e ->
                out.printf("  parent    %s (%s%s) — %s, %s, %s%n", e.toId(), dash(e.kind()),
                        e.share() == null ? "" : ", " + e.share().toPlainString() + " %", e.provenance().source(),
                        e.provenance().evidence(), dash(e.provenance().date())));
        g.exceptions().stream().filter(x -> x.orgId().equals(o.id())).forEach(x -> out.printf(
                "  exception %s parent: %s — %s, %s%n", x.category(), x.reason(), x.provenance().source(),
                x.provenance().evidence()));
        g.flags().stream().filter(f -> f.orgId().equals(o.id())).forEach(f -> out.printf(
                "  flag      %s — %s, %s, %s%n", f.flag(), f.provenance().source(), f.provenance().evidence(),
                dash(f.provenance().date())));
        List<ResolvedGraph.Merge> merges = g.merges().stream().filter(m -> m.orgId().equals(o.id())).toList();
        out.println("  merges:   " + (merges.isEmpty() ? "none (one record)" : merges.size()));
        for (ResolvedGraph.Merge m : merges) {
            out.println("    " + m.record() + "\n      because " + m.reason());
            if (m.score() != null) {
                out.printf(Locale.ROOT, "      scored name match %.3f%n", m.score());
            }
        }
    }

    private static String dash(String s) {
        return s == null ? "-" : s;
    }

    static Path latestResolved(Path home) throws IOException {
        Path runs = home.resolve("runs");
        if (!Files.isDirectory(runs)) {
            throw new BadInputException("no refresh has run under " + home + " yet");
        }
        try (Stream<Path> s = Files.list(runs)) {
            Optional<Path> latest = s.filter(p -> Files.exists(p.resolve("resolved.json")))
                    .max(Comparator.comparing(p -> p.getFileName().toString()));
            return latest.map(p -> p.resolve("resolved.json"))
                    .orElseThrow(() -> new BadInputException("no resolved run under " + runs));
        }
    }
}
