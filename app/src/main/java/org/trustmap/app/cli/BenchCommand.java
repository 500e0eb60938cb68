package org.trustmap.app.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.neo4j.driver.Session;
import org.neo4j.driver.Values;
import org.springframework.batch.core.step.StepExecution;
import org.trustmap.app.Workspace;
import org.trustmap.app.batch.RefreshRequest;
import org.trustmap.app.batch.RefreshRunner;
import org.trustmap.app.bench.GoldenCopyGenerator;
import org.trustmap.app.bench.BulkImport;
import org.trustmap.app.bench.HeapSampler;
import org.trustmap.graph.GraphLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code trustmap bench}: generates SYNTHETIC GLEIF golden-copy files and an inventory, runs the real refresh on them
 * with the configured Neo4j, and prints one table of per-step figures and the exposure query latencies.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmark: generate synthetic GLEIF golden-copy files of N entities, run refresh on them, print per-step figures.")
public class BenchCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Mixin
    HomeOptions home;

    @Spec
    CommandSpec spec;

    @Option(names = "--entities", required = true, paramLabel = "N", description = "Synthetic LEI records to generate.")
    int entities;

    @Option(names = "--products", paramLabel = "M", defaultValue = "1000", description = "Inventory rows (default: ${DEFAULT-VALUE}).")
    int products;

    @Option(names = "--seed", defaultValue = "17442", description = "Generator seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--queries", defaultValue = "1000", description = "Products to query for the latency figures (default: ${DEFAULT-VALUE}).")
    int queries;

    @Option(names = "--zip", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Zip each generated golden-copy file as GLEIF ships them (default: ${DEFAULT-VALUE}; --no-zip for plain XML).")
    boolean zip;

    @Option(names = "--bulk-import", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Also run neo4j-admin database import full on the same nodes and relationships, into a database of its own (default: ${DEFAULT-VALUE}).")
    boolean bulkImport;

    @Option(names = "--import-memory", defaultValue = "1G", description = "--max-off-heap-memory of the bulk importer (default: ${DEFAULT-VALUE}).")
    String importMemory;

    @Option(names = "--change-percent", defaultValue = "0", paramLabel = "P",
            description = "After the full run, regenerate the input with P %% of the LEI records changed and refresh again (incremental run; default: ${DEFAULT-VALUE} = skip).")
    int changePercent;

    /** How the first refresh loads the empty database. */
    enum FirstLoad { bolt, importer }

    @Option(names = "--first-load", defaultValue = "bolt", paramLabel = "PATH",
            description = "bolt: the first refresh loads through Bolt (the Bolt load's figures); importer: it takes the"
                    + " production path for a large first load into an empty embedded database, the bulk importer then"
                    + " the schema and count check (trustmap.load.import-first-load) (default: ${DEFAULT-VALUE}).")
    FirstLoad firstLoad;

    /** How the incremental run's changed records arrive. */
    enum ChangeMode { delta, republish }

    @Option(names = "--change-mode", defaultValue = "delta", paramLabel = "MODE",
            description = "delta: the golden copy stays as it was and a LastDay-style delta file holds the changed records"
                    + " (how GLEIF publishes daily changes); republish: the golden-copy files are regenerated in place"
                    + " with the changes (default: ${DEFAULT-VALUE}).")
    ChangeMode changeMode;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (entities < 1 || products < 1) {
            throw new BadInputException("--entities and --products must be at least 1");
        }
        Path homeDir = home.home.toAbsolutePath().normalize();
        Outcome full = refresh(homeDir, 0, out, err);
        if (full.code() != 0) {
            return full.code();
        }
        try (Workspace workspace = home.workspace(0)) {
            printQueries(workspace, out);
        }
        if (bulkImport) {
            printBulkImport(homeDir, full, out);
        }
        if (changePercent > 0) {
            out.printf("%nbench: incremental run, %d %% of the LEI records changed (headquarters moved to SG), %s%n",
                    changePercent, changeMode == ChangeMode.delta ? "as a LastDay-style delta file beside the unchanged golden copy"
                            : "republished in the golden-copy files");
            Outcome incremental = refresh(homeDir, changePercent, out, err);
            if (incremental.code() != 0) {
                return incremental.code();
            }
            JsonNode load = readJson(incremental.runDir().resolve("load.json"));
            out.printf("incremental vs full: whole refresh %.1f s vs %.1f s (%.0f %%); load %.1f s vs %.1f s (%.0f %%),"
                            + " %d of %d rows written%n", incremental.seconds(), full.seconds(),
                    100 * incremental.seconds() / full.seconds(), incremental.loadSeconds(), full.loadSeconds(),
                    100 * incremental.loadSeconds() / full.loadSeconds(), load == null ? -1 : load.path("written").asLong(),
                    incremental.loadRows());
        }
        printMachine(out);
        out.flush();
        return 0;
    }

    /** What one refresh of the bench took. */
    private record Outcome(int code, Path runDir, double seconds, double loadSeconds, long loadRows) {
    }

    private Outcome refresh(Path homeDir, int changed, PrintWriter out, PrintWriter err) throws Exception {
        // the incremental run rewrites the same files: a nightly download replaces the previous one in place
        Path input = homeDir.resolve("bench-input").resolve("n" + entities + "-m" + products + "-s" + seed
                + (zip ? "-zip" : ""));
        long g0 = System.nanoTime();
        Workspace.deleteTree(input);
        boolean delta = changed > 0 && changeMode == ChangeMode.delta;
        GoldenCopyGenerator.Generated gen = new GoldenCopyGenerator(seed, delta ? 0 : changed)
                .generate(input, entities, products);
        if (zip) {
            GoldenCopyGenerator.zip(gen.gleifFolder());
        }
        Path deltaFolder = input.resolveSibling(input.getFileName() + "-delta");
        Workspace.deleteTree(deltaFolder);
        if (delta) {
            int n = new GoldenCopyGenerator(seed, changed).generateDelta(deltaFolder, entities);
            if (zip) {
                GoldenCopyGenerator.zip(deltaFolder.resolve("gleif"));
            }
            out.printf("bench: delta file with %d changed LEI records under %s (SYNTHETIC)%n", n, deltaFolder);
        }
        out.printf("bench: generated %d LEI records (%d %% changed), %d relationship records, %d reporting exceptions, %d inventory rows%s in %.1f s under %s (SYNTHETIC)%n",
                gen.entities(), changed, gen.relationships(), gen.exceptions(), gen.products(), zip ? " (zipped)" : "",
                secs(System.nanoTime() - g0), input);
        out.printf("bench: load average before the refresh %s%n", loadAverage());
        out.flush();
        List<RefreshRequest.Input> inputs = new java.util.ArrayList<>(List.of(
                new RefreshRequest.Input("gleif", gen.gleifFolder().toString()),
                new RefreshRequest.Input("inventory", gen.inventory().toString())));
        if (delta) {
            inputs.add(new RefreshRequest.Input("gleif", deltaFolder.resolve("gleif").toString()));
        }
        RefreshRequest request = RefreshSupport.request(inputs, null, "nukib-2025-09-03", Map.of(), false);
        AtomicReference<RefreshRunner.Outcome> outcome = new AtomicReference<>();
        HeapSampler heap = HeapSampler.start(20);
        long r0 = System.nanoTime();
        int code;
        try {
            code = RefreshSupport.run(request, home, out, err, outcome::set, List.of(
                    "--trustmap.load.import-first-load=" + (firstLoad == FirstLoad.importer),
                    "--trustmap.load.import-min-rows=0"));
        } finally {
            heap.stop();
        }
        double refreshSeconds = secs(System.nanoTime() - r0);
        if (outcome.get() == null || code == TrustmapCommand.JOB_FAILED) {
            return new Outcome(code == 0 ? TrustmapCommand.JOB_FAILED : code, null, refreshSeconds, 0, 0);
        }
        Path runDir = homeDir.resolve("runs").resolve(outcome.get().runId());
        double[] load = printSteps(outcome.get(), runDir, heap, refreshSeconds, out);
        out.printf("bench: load average after the refresh %s%n", loadAverage());
        return new Outcome(code, runDir, refreshSeconds, load[0], (long) load[1]);
    }

    private void printBulkImport(Path homeDir, Outcome full, PrintWriter out) throws Exception {
        GraphLoader.LoadRows rows = GraphLoader.prepare(full.runDir().resolve("resolved.json"));
        BulkImport.Prepared prepared = BulkImport.prepare(rows, homeDir.resolve("bulk-import"), importMemory);
        rows = null;
        // the reference: neo4j-admin as the distribution runs it, in a JVM of its own; then the same files in this one
        BulkImport.Outcome imported = BulkImport.execute(prepared, true);
        out.println();
        if (imported.exitCode() != 0) {
            out.printf("bulk import (neo4j-admin database import full, own JVM) FAILED, exit code %d:%n%s%n",
                    imported.exitCode(), imported.output());
            return;
        }
        BulkImport.Outcome warm = BulkImport.execute(prepared, false);
        double rate = imported.rows() / imported.importSeconds();
        double bolt = imported.rows() / full.loadSeconds();
        out.printf("bulk import (neo4j-admin database import full in a JVM of its own, -Xmx1g, --max-off-heap-memory=%s,"
                        + " 2 threads, separate database): %d nodes + %d relationships in %.2f s = %.0f rows/s (CSV"
                        + " writing %.2f s more)%n",
                importMemory, imported.nodes(), imported.relationships(), imported.importSeconds(), rate,
                imported.csvSeconds());
        if (warm.exitCode() == 0) {
            out.printf("  the same import again inside this JVM (the importer's code already compiled): %.2f s; the load"
                    + " step takes %.1fx that%n", warm.importSeconds(), full.loadSeconds() / warm.importSeconds());
        } else {
            out.printf("  the same import inside this JVM FAILED, exit code %d%n", warm.exitCode());
        }
        String how = firstLoad == FirstLoad.importer
                ? "Load step (first load through the importer, then the schema and count check)"
                : "Bolt load step";
        out.printf("%s: the same %d nodes + relationships in %.2f s = %.0f rows/s; the load step takes %.1fx the"
                + " importer's time (own JVM)%n", how, imported.rows(), full.loadSeconds(), bolt,
                full.loadSeconds() / imported.importSeconds());
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (java.io.IOException e) {
            return String.valueOf(java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    /** Prints the step table; returns the load step's seconds and rows. */
    private double[] printSteps(RefreshRunner.Outcome outcome, Path runDir, HeapSampler heap, double total, PrintWriter out)
            throws Exception {
        double[] loadStep = {0, 0};
        JsonNode load = readJson(runDir.resolve("load.json"));
        JsonNode summary = readJson(runDir.resolve("summary.json"));
        long verdicts = 0;
        if (summary != null && summary.has("verdicts")) {
            for (JsonNode v : summary.get("verdicts")) {
                verdicts += v.asLong();
            }
        }
        out.println();
        out.printf("%-8s %10s %9s %10s %14s%n", "step", "rows", "seconds", "rows/s", "peak heap MiB");
        for (StepExecution step : outcome.execution().getStepExecutions()) {
            long rows = Math.max(step.getReadCount(), step.getWriteCount());
            if (step.getStepName().equals("load") && load != null) {
                rows = load.path("organizations").asLong() + load.path("products").asLong() + load.path("facts").asLong();
            } else if (step.getStepName().equals("derive") || step.getStepName().equals("report")) {
                rows = verdicts;
            }
            long start = step.getStartTime().atZone(ZoneId.systemDefault()).toInstant().toEpochMilli();
            long end = step.getEndTime() == null ? System.currentTimeMillis()
                    : step.getEndTime().atZone(ZoneId.systemDefault()).toInstant().toEpochMilli();
            double seconds = (end - start) / 1000.0;
            if (step.getStepName().equals("load")) {
                loadStep[0] = seconds;
                loadStep[1] = rows;
            }
            out.printf("%-8s %10d %9.2f %10s %14d%n", step.getStepName(), rows, seconds,
                    seconds > 0 ? String.format("%.0f", rows / seconds) : "-", heap.peakBetween(start, end) >> 20);
        }
        out.printf("%-8s %10s %9.2f %10s %14d%n", "refresh", "", total, "", heap.peakPools() >> 20);
        out.println("(refresh: whole command incl. Spring and Neo4j start/stop; its peak heap is the JVM's heap pool peak;"
                + " per-step peaks are the max of heap-used samples every 20 ms)");
        if (load != null && load.has("written")) {
            out.printf("load wrote %d rows (created or changed) and retired %d%n", load.path("written").asLong(),
                    load.path("retired").asLong());
        }
        return loadStep;
    }

    private void printQueries(Workspace workspace, PrintWriter out) {
        try (Session s = workspace.neo4j().driver().session()) {
            List<String> ids = s.run("MATCH (f:ExposureFinding) RETURN DISTINCT f.productId AS id ORDER BY id LIMIT $n",
                    Values.parameters("n", queries)).list(r -> r.get("id").asString());
            String cypher = """
                    MATCH (f:ExposureFinding {productId: $id})
                    OPTIONAL MATCH (f)-[:REACHES]->(o)
                    RETURN f.verdict AS verdict, f.findings AS findings, collect(coalesce(o.name, o.id)) AS reaches""";
            // warm up: the first queries compile the plan and fault pages in
            for (int i = 0; i < Math.min(50, ids.size()); i++) {
                s.run(cypher, Values.parameters("id", ids.get(i))).consume();
            }
            long[] nanos = new long[ids.size()];
            for (int i = 0; i < ids.size(); i++) {
                long t = System.nanoTime();
                s.run(cypher, Values.parameters("id", ids.get(i))).list();
                nanos[i] = System.nanoTime() - t;
            }
            Arrays.sort(nanos);
            out.println();
            if (nanos.length > 0) {
                out.printf("exposure query per product (%d products, Bolt, one session): p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                        nanos.length, pct(nanos, 50), pct(nanos, 95), pct(nanos, 99), nanos[nanos.length - 1] / 1e6);
            }
            long t = System.nanoTime();
            int n = s.run("""
                    MATCH (f:ExposureFinding)-[:FOR]->(p:Product)
                    RETURN p.id AS product, f.verdict AS verdict, f.findings AS findings ORDER BY product""").list().size();
            out.printf("list all verdicts: %d rows in %.2f s%n", n, secs(System.nanoTime() - t));
        }
    }

    private static void printMachine(PrintWriter out) {
        Runtime rt = Runtime.getRuntime();
        out.printf("machine: %d cores, max heap %d MiB, Java %s (%s), %s %s%n", rt.availableProcessors(),
                rt.maxMemory() >> 20, System.getProperty("java.version"), System.getProperty("java.vm.name"),
                System.getProperty("os.name"), System.getProperty("os.arch"));
    }

    private static double pct(long[] sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }

    private static double secs(long nanos) {
        return nanos / 1e9;
    }

    private static JsonNode readJson(Path file) throws java.io.IOException {
        return Files.isRegularFile(file) ? JSON.readTree(file.toFile()) : null;
    }
}
