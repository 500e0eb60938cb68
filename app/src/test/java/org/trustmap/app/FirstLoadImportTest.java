package org.trustmap.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.Session;
import org.trustmap.app.bench.BulkImport;
import org.trustmap.graph.GraphLoader;
import org.trustmap.graph.Neo4jConnection;
import org.trustmap.graph.ResolvedGraph;

/**
 * The bulk importer writes the graph the Bolt load writes: (1) the bench's reference import of the demo's resolved
 * graph, opened with the embedded Neo4j, has the Bolt-loaded graph's fingerprint (less what derive adds), and the load
 * after an import writes nothing when Neo4j's counts agree with the rows and mends a store that lacks one; (2) a refresh
 * whose first load goes through the importer ({@code trustmap.load.import-first-load}) ends with the very graph of a
 * Bolt-only refresh, and the next refresh of the same home loads through Bolt.
 */
class FirstLoadImportTest {
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    @TempDir
    static Path boltHome;

    @TempDir
    Path tmp;

    @BeforeAll
    static void boltOnlyRefresh() {
        // the demo's load is far below trustmap.load.import-min-rows: the Bolt path
        CliRun run = CliRun.of(RefreshJobTest.demoArgs("refresh", boltHome));
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(lastRun(boltHome).resolve("import.json")).doesNotExist();
    }

    @Test
    void theBenchImportOfTheResolvedGraphHoldsTheGraphTheBoltLoadWrote() throws Exception {
        ResolvedGraph graph = JSON.readValue(lastRun(boltHome).resolve("resolved.json").toFile(), ResolvedGraph.class);
        BulkImport.Outcome imported = BulkImport.run(GraphLoader.prepare(graph), tmp.resolve("bulk"), "256M");
        assertThat(imported.exitCode()).as(imported.output()).isZero();
        assertThat(imported.nodes()).isPositive();
        assertThat(imported.relationships()).isPositive();

        // what derive and report add after the load is not the importer's part
        List<String> bolt = RefreshJobTest.withGraph(boltHome, s -> GraphFingerprint.lines(s, "ExposureFinding"));
        List<String> fromImport;
        GraphLoader.LoadRows rows = GraphLoader.prepare(graph);
        try (Neo4jConnection neo4j = Neo4jConnection.open(tmp.resolve("bulk/neo4j-home"), Optional.empty(), 0);
             Session s = neo4j.driver().session()) {
            fromImport = GraphFingerprint.lines(s);
            GraphLoader loader = new GraphLoader(neo4j.driver(), neo4j.database());
            // Neo4j's counts agree with the rows: the schema is created, nothing is written
            GraphLoader.LoadResult checked = loader.loadImported(rows);
            assertThat(checked.written()).isZero();
            assertThat(checked.stamp()).isEqualTo(rows.stamp());
            assertThat(s.run("SHOW CONSTRAINTS YIELD name WHERE name = 'organization_id' RETURN count(*) AS n")
                    .single().get("n").asLong()).isOne();
            assertThat(GraphFingerprint.lines(s)).containsExactlyElementsOf(fromImport);
            // a store that lacks one of the rows (here: one relationship taken out) is checked row by row and mended
            s.run("MATCH ()-[r:BASED_IN]->() WITH r LIMIT 1 DELETE r").consume();
            assertThat(loader.loadImported(rows).written()).isOne();
            assertThat(GraphFingerprint.lines(s)).containsExactlyElementsOf(fromImport);
        }
        assertThat(fromImport).hasSize((int) imported.rows());
        assertThat(fromImport).containsExactlyElementsOf(bolt);
    }

    @Test
    void theImporterInAJvmOfItsOwnWritesTheGraphTheImporterInThisJvmWrites() throws Exception {
        ResolvedGraph graph = JSON.readValue(lastRun(boltHome).resolve("resolved.json").toFile(), ResolvedGraph.class);
        BulkImport.Prepared prepared = BulkImport.prepare(GraphLoader.prepare(graph), tmp.resolve("own"), "256M");
        BulkImport.Outcome own = BulkImport.execute(prepared, true);
        assertThat(own.exitCode()).as(own.output()).isZero();
        // the child's own output, not this JVM's: it went to the import log of the folder
        assertThat(own.output()).contains("IMPORT DONE");
        List<String> fromOwn = fingerprint(tmp.resolve("own/neo4j-home"));
        BulkImport.Outcome here = BulkImport.execute(prepared, false);
        assertThat(here.exitCode()).as(here.output()).isZero();
        assertThat(fromOwn).hasSize((int) own.rows()).containsExactlyElementsOf(fingerprint(tmp.resolve("own/neo4j-home")));
    }

    private static List<String> fingerprint(java.nio.file.Path neo4jHome) throws Exception {
        try (Neo4jConnection neo4j = Neo4jConnection.open(neo4jHome, Optional.empty(), 0);
             Session s = neo4j.driver().session()) {
            return GraphFingerprint.lines(s);
        }
    }

    @Test
    void aFirstLoadThroughTheImporterEndsWithTheBoltGraphAndTheNextLoadGoesThroughBolt() throws Exception {
        Path home = tmp.resolve("import-home");
        System.setProperty("trustmap.load.import-min-rows", "0");
        try {
            CliRun first = CliRun.of(RefreshJobTest.demoArgs("refresh", home));
            assertThat(first.exitCode()).as(first.toString()).isZero();
            Path run = lastRun(home);
            assertThat(run.resolve("import.json")).exists();
            assertThat(JSON.readTree(run.resolve("import.json").toFile()).path("imported").asLong()).isPositive();
            assertThat(run.resolve("import")).doesNotExist();
            String bolt = RefreshJobTest.withGraph(boltHome, RefreshJobTest::fingerprint);
            assertThat(RefreshJobTest.withGraph(home, RefreshJobTest::fingerprint)).isEqualTo(bolt);
            // the store is not empty any more: the nightly load goes through Bolt and changes nothing
            String[] again = RefreshJobTest.demoArgs("refresh", home);
            CliRun second = CliRun.of(again);
            assertThat(second.exitCode()).as(second.toString()).isZero();
            assertThat(lastRun(home)).isNotEqualTo(run);
            assertThat(lastRun(home).resolve("import.json")).doesNotExist();
            assertThat(JSON.readTree(lastRun(home).resolve("load.json").toFile()).path("written").asLong()).isZero();
            assertThat(RefreshJobTest.withGraph(home, RefreshJobTest::fingerprint)).isEqualTo(bolt);
        } finally {
            System.clearProperty("trustmap.load.import-min-rows");
        }
    }

    private static Path lastRun(Path home) {
        try (var runs = Files.list(home.resolve("runs"))) {
            return runs.sorted().reduce((a, b) -> b).orElseThrow();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
