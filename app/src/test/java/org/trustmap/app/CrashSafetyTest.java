package org.trustmap.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;

/**
 * A refresh killed with SIGKILL at many points, in separate JVMs, resumes and ends with the same graph as a clean
 * run; and a refresh whose Neo4j server is killed during the load, and comes back, completes through the driver's
 * retried managed transactions with the same graph. The demo's inputs throughout.
 */
class CrashSafetyTest {
    private static final Pattern STEP = Pattern.compile("step (\\w+): (started|COMPLETED)");
    private static final List<String> STEPS = List.of("crawl", "stage", "resolve", "load", "derive", "report");
    private static final Duration RUN_LIMIT = Duration.ofMinutes(5);

    @TempDir
    static Path clean;
    private static String cleanGraph;

    @BeforeAll
    static void cleanRun() {
        CliRun run = CliRun.of(RefreshJobTest.demoArgs("refresh", clean));
        assertThat(run.exitCode()).as(run.toString()).isZero();
        cleanGraph = RefreshJobTest.withGraph(clean, RefreshJobTest::fingerprint);
    }

    /** A kill: at the first step at or after {@code step} (null: during start-up), {@code delayMs} after it began. */
    record KillPoint(String step, long delayMs) {
    }

    @Test
    void aRefreshKilledAtManyPointsResumesEachTimeAndEndsWithTheGraphOfACleanRun(@TempDir Path home) throws Exception {
        String[] args = RefreshJobTest.demoArgs("refresh", home);
        // each attempt costs a JVM and a Neo4j start: the default list keeps the suite short, -Dtrustmap.crash.soak=true
        // adds more points inside the steps
        List<KillPoint> points = Boolean.getBoolean("trustmap.crash.soak")
                ? List.of(new KillPoint(null, 2_500), new KillPoint("crawl", 0), new KillPoint("crawl", 150),
                        new KillPoint("stage", 100), new KillPoint("stage", 1_200), new KillPoint("resolve", 50),
                        new KillPoint("load", 100), new KillPoint("load", 700), new KillPoint("load", 3_000),
                        new KillPoint("derive", 30), new KillPoint("derive", 500), new KillPoint("report", 0))
                : List.of(new KillPoint(null, 2_000), new KillPoint("crawl", 0), new KillPoint("stage", 300),
                        new KillPoint("load", 500), new KillPoint("derive", 30), new KillPoint("report", 0));
        Set<String> interrupted = new LinkedHashSet<>();
        List<String> attempts = new ArrayList<>();
        int i = 0;
        for (KillPoint point : points) {
            try (ChildProcess child = ChildProcess.start(home.resolve("logs/attempt-" + (i++) + ".log"), args)) {
                boolean reached = point.step() == null || awaitStepAtOrAfter(child, point.step());
                Thread.sleep(point.delayMs());
                boolean alive = child.alive();
                child.kill();
                String killedIn = alive ? interruptedStep(child.log()) : "(already ended)";
                attempts.add(point + " -> " + killedIn);
                if (alive && reached) {
                    interrupted.add(killedIn);
                }
                if (!alive) {
                    break; // the job completed before this kill: nothing left to interrupt
                }
            }
        }

        CliRun resumed = CliRun.of(args);

        assertThat(resumed.exitCode()).as(resumed + "\nkills: " + attempts + "\n" + neo4jErrors(home)).isZero();
        // resumed, or (a kill between the job instance and its first execution left nothing to resume) a new run; the
        // run number is the job instance id, and H2 may skip ahead after a kill (its sequence cache, 32 values)
        assertThat(resumed.out()).as("kills: " + attempts)
                .containsPattern("refresh run-\\d{4}( \\(resumed after an interruption\\))?: COMPLETED");
        assertThat(interrupted).as("steps interrupted by a kill: " + attempts)
                .contains("crawl", "stage", "load", "derive");
        assertThat(RefreshJobTest.withGraph(home, RefreshJobTest::fingerprint)).as("kills: " + attempts)
                .isEqualTo(cleanGraph);
    }

    @Test
    void aFirstLoadThroughTheBulkImporterKilledDuringTheImportAndTheStoreSwapResumesWithTheGraphOfACleanRun(
            @TempDir Path home) throws Exception {
        String[] args = RefreshJobTest.demoArgs("refresh", home);
        // the demo's load is small: make its first load take the importer path
        java.util.Map<String, String> env = java.util.Map.of("TRUSTMAP_LOAD_IMPORTMINROWS", "0");
        // (marker, delay): while the CSV files are written or the importer runs, at the store swap, in the schema and
        // count check after it
        List<String[]> points = List.of(new String[] {"step load: started", "200"},
                new String[] {"stopping the embedded database", "0"}, new String[] {"the imported store is open", "300"});
        List<String> attempts = killAtMarkers(home, "import", env, args, points, new StringBuilder());
        ChildProcess resumed = ChildProcess.start(home.resolve("logs/import-resumed.log"), env, args);
        try (resumed) {
            assertThat(resumed.await(RUN_LIMIT)).as(resumed.log() + "\nkills: " + attempts).contains(0);
        }
        assertThat(String.join("\n", attempts)).as("the kills hit the load").contains("killed in load");
        assertThat(resumed.log()).contains("(resumed after an interruption): COMPLETED");
        assertThat(RefreshJobTest.withGraph(home, RefreshJobTest::fingerprint)).as("kills: " + attempts)
                .isEqualTo(cleanGraph);
    }

    @Test
    void everyCaptureStagedAsABulkCaptureAndKilledDuringTheStageEndsWithTheGraphOfACleanRun(@TempDir Path home)
            throws Exception {
        String[] args = RefreshJobTest.demoArgs("refresh", home);
        // every document of the demo is a bulk capture: its triples in its records copy only, none in TDB2's indexes
        java.util.Map<String, String> env = java.util.Map.of("TRUSTMAP_STAGE_BULKSOURCES", "*");
        // (marker, delay): early in the stage, just after the first bulk capture was committed, as resolve starts
        List<String[]> points = List.of(new String[] {"step stage: started", "150"},
                new String[] {"kept in its records copy", "0"}, new String[] {"step resolve: started", "0"});
        StringBuilder logs = new StringBuilder();
        List<String> attempts = killAtMarkers(home, "bulk", env, args, points, logs);
        // the staged graphs' copies lost while the job waits to resume: a bulk graph is nothing without its copy, so
        // resolve stages those graphs again before it reads (or, when the job repository's H2 had not yet written the
        // stage step's end to disk at the kill (it writes commits within half a second), the redone stage does)
        List<Path> copies;
        try (var files = java.nio.file.Files.list(home.resolve("staging-records"))) {
            copies = files.filter(f -> f.toString().endsWith(".rt")).toList();
        }
        assertThat(copies).isNotEmpty();
        for (Path copy : copies) {
            java.nio.file.Files.delete(copy);
        }
        ChildProcess resumed = ChildProcess.start(home.resolve("logs/bulk-resumed.log"), env, args);
        try (resumed) {
            assertThat(resumed.await(RUN_LIMIT)).as(resumed.log() + "\nkills: " + attempts).contains(0);
            logs.append(resumed.log());
            assertThat(resumed.log()).as("kills: " + attempts).contains("(resumed after an interruption): COMPLETED")
                    .containsAnyOf("was missing; staged it again", "(bulk: kept in its records copy");
        }
        assertThat(String.join("\n", attempts)).as("the kills hit the stage").contains("killed in stage");
        assertThat(logs.toString()).contains("(bulk: kept in its records copy, not in TDB2's indexes)");
        assertThat(RefreshJobTest.withGraph(home, RefreshJobTest::fingerprint)).as("kills: " + attempts)
                .isEqualTo(cleanGraph);
    }

    @Test
    void theNeo4jServerKilledDuringTheLoadComesBackAndTheRefreshCompletesWithTheSameGraph(@TempDir Path dir)
            throws Exception {
        Path serverHome = dir.resolve("server");
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        String[] serve = {"serve", "--home", serverHome.toString(), "--data", RefreshJobTest.DATA.toString(),
                "--bolt-port", String.valueOf(port)};
        List<String> refreshArgs = new ArrayList<>(List.of(RefreshJobTest.demoArgs("refresh", dir.resolve("job"))));
        refreshArgs.addAll(List.of("--neo4j-uri", "bolt://127.0.0.1:" + port));

        ChildProcess server = ChildProcess.start(dir.resolve("logs/server-1.log"), serve);
        ChildProcess second = null;
        assertThat(server.awaitLog("trustmap: serving", RUN_LIMIT)).as(server.log()).isTrue();
        try (ChildProcess refresh = ChildProcess.start(dir.resolve("logs/refresh.log"),
                refreshArgs.toArray(String[]::new))) {
            assertThat(refresh.awaitLog("step load: started", RUN_LIMIT)).as(refresh.log()).isTrue();
            server.kill();
            boolean loadDoneAtKill = refresh.log().contains("step load: COMPLETED");
            second = ChildProcess.start(dir.resolve("logs/server-2.log"), serve);
            assertThat(second.awaitLog("trustmap: serving", RUN_LIMIT)).as(second.log()).isTrue();

            assertThat(refresh.await(RUN_LIMIT)).as(refresh.log()).contains(0);
            assertThat(loadDoneAtKill).as("the server was killed after the load had ended:\n" + refresh.log()).isFalse();
            assertThat(refresh.log()).contains("run-0001: COMPLETED");
            try (Driver driver = GraphDatabase.driver("bolt://127.0.0.1:" + port, AuthTokens.none())) {
                assertThat(GraphFingerprint.of(driver)).isEqualTo(cleanGraph);
            }
        } finally {
            server.close();
            if (second != null) {
                second.close();
            }
        }
    }

    /**
     * Starts the refresh once per (log marker, delay in ms) point and kills it that long after the marker appears in
     * its log; returns what each kill hit, and appends each attempt's log to {@code logs}.
     */
    private static List<String> killAtMarkers(Path home, String name, java.util.Map<String, String> env, String[] args,
                                              List<String[]> points, StringBuilder logs) throws Exception {
        List<String> attempts = new ArrayList<>();
        int i = 0;
        for (String[] point : points) {
            try (ChildProcess child = ChildProcess.start(home.resolve("logs/" + name + "-" + (i++) + ".log"), env,
                    args)) {
                boolean reached = child.awaitLog(point[0], RUN_LIMIT);
                Thread.sleep(Long.parseLong(point[1]));
                boolean alive = child.alive();
                child.kill();
                attempts.add(point[0] + " +" + point[1] + " ms -> " + (reached ? "" : "marker not seen, ")
                        + (alive ? "killed in " + interruptedStep(child.log()) : "already ended"));
                logs.append(child.log());
            }
        }
        return attempts;
    }

    /** The error lines of the embedded Neo4j's debug log, to say why a start failed. */
    private static String neo4jErrors(Path home) throws java.io.IOException {
        Path log = home.resolve("neo4j/logs/debug.log");
        if (!java.nio.file.Files.exists(log)) {
            return "(no " + log + ")";
        }
        List<String> errors = java.nio.file.Files.readAllLines(log).stream()
                .filter(l -> l.contains("ERROR") || l.contains("Caused by")).toList();
        return String.join("\n", errors.subList(Math.max(0, errors.size() - 30), errors.size()));
    }

    /** Waits for the first "step X: started" with X at or after {@code step}; false when the job ended first. */
    private static boolean awaitStepAtOrAfter(ChildProcess child, String step) throws Exception {
        int wanted = STEPS.indexOf(step);
        long deadline = System.nanoTime() + RUN_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher m = STEP.matcher(child.log());
            while (m.find()) {
                if (m.group(2).equals("started") && STEPS.indexOf(m.group(1)) >= wanted) {
                    return true;
                }
            }
            if (!child.alive()) {
                return false;
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException("step " + step + " never started:\n" + child.log());
    }

    /** The step that was running when the process died: the last one started and not completed in its log. */
    private static String interruptedStep(String log) {
        String running = "(start-up)";
        Matcher m = STEP.matcher(log);
        while (m.find()) {
            running = m.group(2).equals("started") ? m.group(1) : "(between steps)";
        }
        return running;
    }
}
