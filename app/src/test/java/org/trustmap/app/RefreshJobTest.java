package org.trustmap.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.trustmap.graph.Neo4jConnection;

/**
 * The refresh job end to end through the command line: real WARC archive, TDB2 staging with SHACL, H2 job
 * repository, embedded Neo4j reached over Bolt by the driver.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RefreshJobTest {
    static final Path DATA = Path.of("../data").toAbsolutePath().normalize();
    static final Path DEMO = DATA.resolve("demo");
    static final Path BAD = Path.of("src/test/resources/bad").toAbsolutePath();

    @TempDir
    static Path home;

    /** The demo's inputs, as {@code trustmap demo} reads them: one folder per source, curated facts, inventory. */
    static String[] demoArgs(String command, Path home) {
        List<String> args = new java.util.ArrayList<>(List.of(command, "--home", home.toString(), "--data", DATA.toString()));
        for (String source : List.of("devicecode", "fcc-covered", "gleif", "ieee-oui", "opensanctions")) {
            args.addAll(List.of("--input", source + "=" + DEMO.resolve("snapshot").resolve(source)));
        }
        args.addAll(List.of("--input", "curated=" + DEMO.resolve("curated-facts.csv"),
                "--inventory", DEMO.resolve("inventory.csv").toString(),
                "--inventory", DEMO.resolve("inventory-boms").toString()));
        return args.toArray(String[]::new);
    }

    static <T> T withGraph(Path home, java.util.function.Function<Session, T> action) {
        try (Neo4jConnection neo4j = Neo4jConnection.open(home.resolve("neo4j"), Optional.empty(), 0);
             Session s = neo4j.driver().session()) {
            return action.apply(s);
        }
    }

    static String verdict(Session s, String productName) {
        return s.run("MATCH (f:ExposureFinding)-[:FOR]->(p:Product {name: $n}) RETURN f.verdict AS v",
                Map.of("n", productName)).single().get("v").asString();
    }

    @Test
    @Order(1)
    void demoInputsGiveTheExpectedVerdictsWithEvidenceOnEveryHop() throws Exception {
        CliRun run = CliRun.of(demoArgs("refresh", home));

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("COMPLETED").doesNotContain("FAILED");
        withGraph(home, s -> {
            assertThat(verdict(s, "Platform CCTV camera")).isEqualTo("EXPOSED");
            assertThat(verdict(s, "Office laptop OS")).isEqualTo("NOT_FOUND");
            assertThat(verdict(s, "Infusion pump")).isEqualTo("UNDETERMINED");
            assertThat(verdict(s, "Patient monitor")).isEqualTo("UNDETERMINED");
            // the CycloneDX inventory: DATA_TRANSFER through its service provider, COMPONENT through a camera inside
            List<String> routes = s.run("""
                    MATCH (f:ExposureFinding)-[:FOR]->(p:Product) WHERE p.name STARTS WITH 'Clinical Notes Assistant' RETURN f.routes AS r""")
                    .single().get("r").asList(v -> v.asString());
            assertThat(routes).contains("DATA_TRANSFER", "COMPONENT");
            // the CONTROL route: Hikvision -> CETC, stated by the DoD's 1260H list of 2025-01-07
            Record hop = s.run("""
                    MATCH (:Organization {id: $hik})-[r:CONTROLLED_BY]->(:Organization {name: 'China Electronics Technology Group Corporation'})
                    WHERE r.date = '2025-01-07'
                    RETURN r.source AS source, r.evidence AS evidence, r.date AS date, r.recordId AS record""",
                    Map.of("hik", hikvisionId(s))).single();
            assertThat(hop.get("source").asString()).isEqualTo("opensanctions");
            assertThat(hop.get("evidence").asString()).startsWith("https://media.defense.gov/2025/Jan/07/");
            assertThat(hop.get("record").asString()).startsWith("<urn:uuid:");
            // the list is a flag on the organization, never its jurisdiction
            assertThat(s.run("MATCH (:Organization {id: $hik})-[:FLAGGED]->(f:Flag) RETURN collect(f.id) AS f",
                    Map.of("hik", hikvisionId(s))).single().get("f").asList(v -> v.asString())).contains("US_DOD_1260H");
            // the MAC prefix ties the camera to the IEEE registrant of 44:47:CC, with the registry as evidence
            Record oui = s.run("""
                    MATCH (:Product {name: 'Platform CCTV camera'})-[r:MADE_BY {kind: 'OUI_REGISTRANT'}]->(o:Organization)
                    RETURN o.name AS name, r.source AS source, r.recordRef AS ref""").single();
            assertThat(oui.get("name").asString()).isEqualTo("Hangzhou Hikvision Digital Technology Co.,Ltd.");
            assertThat(oui.get("source").asString()).isEqualTo("ieee-oui");
            List<String> gaps = s.run("MATCH (f:ExposureFinding)-[:FOR]->(:Product {name: 'Infusion pump'}) RETURN f.gaps AS g")
                    .single().get("g").asList(v -> v.asString());
            assertThat(gaps.stream().anyMatch(g -> g.startsWith("maker unknown"))).as(gaps.toString()).isTrue();
            return null;
        });
        Path runs = home.resolve("runs");
        assertThat(Files.list(runs).count()).isEqualTo(1);
        assertThat(runs.resolve("run-0001/summary.json")).exists();
        assertThat(runs.resolve("run-0001/verdicts.json")).exists();
    }

    @Test
    @Order(2)
    void aSecondRunOfTheSameInputsGivesTheSameGraph() throws Exception {
        String before = withGraph(home, s -> fingerprint(s));

        CliRun run = CliRun.of(demoArgs("refresh", home));

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("run-0002").contains("0 retired");
        String after = withGraph(home, s -> fingerprint(s));
        assertThat(after).isEqualTo(before);
        // every capture was staged by this build already: none is parsed again, counts and refusals are kept
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        var first = json.readTree(home.resolve("runs/run-0001/stage.json").toFile());
        var second = json.readTree(home.resolve("runs/run-0002/stage.json").toFile());
        assertThat(first.get("reusedGraphs").asInt()).isZero();
        assertThat(second.get("reusedGraphs").asInt()).isEqualTo(second.get("graphs").asInt()).isPositive();
        assertThat(second.get("records")).isEqualTo(first.get("records"));
        assertThat(second.get("problems")).isEqualTo(first.get("problems"));
        assertThat(run.out()).containsPattern("stage +COMPLETED +read 0, written 0");
        // the completed second run removed the first run's resolve hand-over, and kept its verdicts for diff
        assertThat(home.resolve("runs/run-0001/resolved.json")).doesNotExist();
        assertThat(home.resolve("runs/run-0001/verdicts.json")).exists();
        assertThat(home.resolve("runs/run-0002/resolved.json")).exists();
        // written without indentation
        assertThat(Files.readString(home.resolve("runs/run-0002/resolved.json"))).doesNotContain("\n  ");
    }

    @Test
    @Order(3)
    void exposureJsonHasTheDocumentedShape() throws Exception {
        CliRun run = CliRun.of("exposure", "--home", home.toString(), "--data", DATA.toString(), "--format", "json");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(run.out());
        assertThat(json.isArray()).isTrue();
        var camera = java.util.stream.StreamSupport.stream(json.spliterator(), false)
                .filter(n -> n.path("product").path("name").asText().equals("Platform CCTV camera")).findFirst().orElseThrow();
        assertThat(camera.path("product").path("id").asText()).isEqualTo("hikvision/platform-cctv-camera");
        assertThat(camera.path("product").path("vendor").asText()).isEqualTo("Hikvision");
        assertThat(camera.path("operator").asText()).isEqualTo("Demo Rail Transport");
        assertThat(camera.path("sector").asText()).isEqualTo("transport");
        assertThat(camera.path("verdict").asText()).isEqualTo("EXPOSED");
        assertThat(camera.path("profile").path("name").asText()).isEqualTo("nukib-2025-09-03");
        assertThat(camera.path("profile").path("hash").asText()).hasSize(64);
        var finding = camera.path("findings").get(0);
        assertThat(finding.path("route").asText()).isEqualTo("MAKER");
        var firstHop = finding.path("path").get(0);
        assertThat(firstHop.path("from").asText()).isEqualTo("Platform CCTV camera");
        assertThat(firstHop.path("relation").asText()).isEqualTo("MADE_BY");
        assertThat(firstHop.path("source").asText()).isIn("inventory", "ieee-oui");
        assertThat(firstHop.has("evidence")).isTrue();
        assertThat(firstHop.has("date")).isTrue();
        assertThat(camera.path("gaps").isArray()).isTrue();
    }

    @Test
    @Order(4)
    void queryRunsCypherOverBoltAndRefusesWrites() {
        CliRun ok = CliRun.of("query", "--home", home.toString(), "--data", DATA.toString(), "--cypher",
                "MATCH (o:Organization {lei: $lei}) RETURN o.name AS name", "--param", "lei=INR2EJN1ERAN0W5ZP974",
                "--format", "csv");
        assertThat(ok.exitCode()).as(ok.toString()).isZero();
        assertThat(ok.out()).contains("name").contains("MICROSOFT CORPORATION");

        CliRun write = CliRun.of("query", "--home", home.toString(), "--data", DATA.toString(), "--cypher",
                "CREATE (:Evil)");
        assertThat(write.exitCode()).isEqualTo(2);
        assertThat(write.err()).contains("Cypher rejected");
    }

    @Test
    @Order(5)
    void badRowsAndABadSourceFileAreReportedWithFileAndLineWhileTheRestLoads(@TempDir Path other) {
        CliRun run = CliRun.of("refresh", "--home", other.toString(), "--data", DATA.toString(),
                "--input", "gleif=" + BAD.resolve("gleif-garbage.xml"),
                "--input", "gleif=" + DEMO.resolve("snapshot/gleif/api_single_lei_record_INR2EJN1ERAN0W5ZP974.json"),
                "--input", "curated=" + BAD.resolve("curated-with-bad-rows.csv"),
                "--inventory", BAD.resolve("inventory-with-bad-rows.csv").toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.out()).contains("COMPLETED");
        assertThat(run.err())
                .contains("inventory-with-bad-rows.csv line 4: count 'many' is not a whole number")
                .contains("inventory-with-bad-rows.csv line 5: operator, sector and product are required")
                .contains("inventory-with-bad-rows.csv line 6: mac 'not-a-mac'")
                .contains("curated-with-bad-rows.csv line 6: relation 'OWNS' is not one of")
                .contains("curated-with-bad-rows.csv line 7: evidence_url is empty")
                .contains("gleif-garbage.xml");
        withGraph(other, s -> {
            assertThat(verdict(s, "Good inverter")).isEqualTo("EXPOSED");
            assertThat(verdict(s, "Good camera")).isEqualTo("EXPOSED");
            assertThat(s.run("MATCH (p:Product) RETURN count(p) AS n").single().get("n").asLong()).isEqualTo(2);
            assertThat(s.run("MATCH (o:Organization {lei: 'INR2EJN1ERAN0W5ZP974'}) RETURN count(o) AS n")
                    .single().get("n").asLong()).isEqualTo(1);
            return null;
        });
    }

    @Test
    @Order(6)
    void aRunThatFailedIsResumedByTheNextRefreshOfTheSameRequest(@TempDir Path other) throws Exception {
        String[] args = demoArgs("refresh", other);
        java.util.List<String> unreachable = new java.util.ArrayList<>(List.of(args));
        // an external Neo4j that is not there: the job fails at load, after crawl, stage and resolve completed
        try (java.net.ServerSocket closed = new java.net.ServerSocket(0)) {
            unreachable.addAll(List.of("--neo4j-uri", "bolt://127.0.0.1:" + closed.getLocalPort()));
        }
        CliRun failed = CliRun.of(unreachable.toArray(String[]::new));
        assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(1);
        assertThat(failed.out()).contains("FAILED");

        CliRun resumed = CliRun.of(args);

        assertThat(resumed.exitCode()).as(resumed.toString()).isZero();
        assertThat(resumed.out()).contains("run-0001 (resumed after an interruption): COMPLETED");
        String resumedGraph = withGraph(other, RefreshJobTest::fingerprint);
        String cleanRun = withGraph(home, RefreshJobTest::fingerprint);
        assertThat(resumedGraph).isEqualTo(cleanRun);
    }

    @Test
    @Order(7)
    void badUsageExitsWithTwoAndNamesTheProblem() {
        CliRun profile = CliRun.of("refresh", "--home", home.toString(), "--data", DATA.toString(), "--profile", "nope");
        assertThat(profile.exitCode()).isEqualTo(2);
        assertThat(profile.err()).contains("nope.yml").contains("no such profile");

        CliRun source = CliRun.of("refresh", "--home", home.toString(), "--data", DATA.toString(),
                "--input", "nosuch=" + DEMO.resolve("inventory.csv"));
        assertThat(source.exitCode()).isEqualTo(2);
        assertThat(source.err()).contains("unknown source 'nosuch'");

        CliRun missing = CliRun.of("refresh", "--home", home.toString(), "--data", DATA.toString(),
                "--inventory", "/nonexistent/inventory.csv");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("/nonexistent/inventory.csv: no such file");

        CliRun option = CliRun.of("refresh", "--no-such-option");
        assertThat(option.exitCode()).isEqualTo(2);
    }

    @Test
    @Order(8)
    void anIncrementalRefreshGivesTheSameGraphAsAFullRebuildFromTheSameInputs(@TempDir Path fresh) {
        // the shared home holds the demo graph; the next refresh drops the 1260H list
        List<String> withoutCurated = new java.util.ArrayList<>(List.of(demoArgs("refresh", home)));
        int at = withoutCurated.indexOf("opensanctions=" + DEMO.resolve("snapshot/opensanctions"));
        withoutCurated.remove(at);
        withoutCurated.remove(at - 1);
        CliRun incremental = CliRun.of(withoutCurated.toArray(String[]::new));
        assertThat(incremental.exitCode()).as(incremental.toString()).isZero();
        assertThat(incremental.out()).doesNotContain(" 0 retired");

        withoutCurated.set(withoutCurated.indexOf(home.toString()), fresh.toString());
        CliRun full = CliRun.of(withoutCurated.toArray(String[]::new));
        assertThat(full.exitCode()).as(full.toString()).isZero();

        String incrementalGraph = withGraph(home, RefreshJobTest::fingerprint);
        String fullGraph = withGraph(fresh, RefreshJobTest::fingerprint);
        assertThat(incrementalGraph).isEqualTo(fullGraph);
        withGraph(home, s -> {
            // without the DoD list, Hikvision's CONTROL route and its flag are gone
            assertThat(s.run("MATCH ()-[r:CONTROLLED_BY]->(:Organization {name: 'China Electronics Technology Group Corporation'}) RETURN count(r) AS n")
                    .single().get("n").asLong()).isZero();
            return null;
        });
    }

    @Test
    @Order(9)
    void restagingEverythingGoesIntoAFreshStagingDatasetAndGivesTheSameGraph(@TempDir Path other) throws Exception {
        CliRun first = CliRun.of(demoArgs("refresh", other));
        assertThat(first.exitCode()).as(first.toString()).isZero();
        String before = withGraph(other, RefreshJobTest::fingerprint);
        Object dataset = Files.readAttributes(other.resolve("staging/Data-0001/GSPO.dat"),
                java.nio.file.attribute.BasicFileAttributes.class).fileKey();
        long copiesBefore = recordsCopies(other);

        // every capture staged again (as after a new build): the staged records to replace outnumber those kept
        System.setProperty("trustmap.stage.reuse-staged", "false");
        CliRun again;
        try {
            again = CliRun.of(demoArgs("refresh", other));
        } finally {
            System.clearProperty("trustmap.stage.reuse-staged");
        }

        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(withGraph(other, RefreshJobTest::fingerprint)).isEqualTo(before);
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        var staged = json.readTree(other.resolve("runs/run-0002/stage.json").toFile());
        var clean = json.readTree(other.resolve("runs/run-0001/stage.json").toFile());
        assertThat(staged.get("reusedGraphs").asInt()).isZero();
        assertThat(staged.get("records")).isEqualTo(clean.get("records"));
        assertThat(staged.get("problems")).isEqualTo(clean.get("problems"));
        // a new dataset took the old one's place, and nothing of the swap is left beside it
        assertThat(Files.readAttributes(other.resolve("staging/Data-0001/GSPO.dat"),
                java.nio.file.attribute.BasicFileAttributes.class).fileKey()).isNotNull().isNotEqualTo(dataset);
        try (var left = Files.list(other)) {
            assertThat(left.map(f -> f.getFileName().toString()))
                    .noneMatch(n -> n.startsWith("staging.") || n.endsWith(".fresh") || n.endsWith(".old"));
        }
        // the graphs have their records copies again
        assertThat(recordsCopies(other)).isEqualTo(copiesBefore).isPositive();
    }

    private static long recordsCopies(Path home) throws java.io.IOException {
        try (var copies = Files.list(home.resolve("staging-records"))) {
            return copies.filter(f -> f.toString().endsWith(".rt")).count();
        }
    }

    static String hikvisionId(Session s) {
        return s.run("MATCH (o:Organization) WHERE 'Hangzhou Hikvision Digital Technology Co.,Ltd.' IN o.names RETURN o.id AS id")
                .single().get("id").asString();
    }

    static String fingerprint(Session s) {
        try {
            return GraphFingerprint.of(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
