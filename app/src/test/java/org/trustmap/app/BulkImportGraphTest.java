package org.trustmap.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.Session;
import org.trustmap.app.bench.BulkImport;
import org.trustmap.graph.GraphLoader;
import org.trustmap.graph.Neo4jConnection;
import org.trustmap.graph.ResolvedGraph;

/**
 * The bench's bulk-importer reference writes the same graph as the Bolt load: the demo's resolved graph, imported with
 * {@code neo4j-admin database import full} into a database of its own and opened with the embedded Neo4j, has the
 * fingerprint of the graph the refresh loaded over Bolt (less the findings derive adds after the load).
 */
class BulkImportGraphTest {
    @TempDir
    Path home;

    @TempDir
    Path bulk;

    @Test
    void theImportedDatabaseHoldsTheGraphTheBoltLoadWrote() throws Exception {
        CliRun run = CliRun.of(RefreshJobTest.demoArgs("refresh", home));
        assertThat(run.exitCode()).as(run.toString()).isZero();
        Path resolved;
        try (var runs = Files.list(home.resolve("runs"))) {
            resolved = runs.sorted().reduce((a, b) -> b).orElseThrow().resolve("resolved.json");
        }
        ResolvedGraph graph = new ObjectMapper().findAndRegisterModules().readValue(resolved.toFile(), ResolvedGraph.class);

        BulkImport.Outcome imported = BulkImport.run(GraphLoader.prepare(graph), bulk, "256M");
        assertThat(imported.exitCode()).as(imported.output()).isZero();
        assertThat(imported.nodes()).isPositive();
        assertThat(imported.relationships()).isPositive();

        List<String> bolt = RefreshJobTest.withGraph(home, s -> {
            // what derive and report add after the load is not the importer's part
            s.run("MATCH (n) WHERE n:ExposureFinding OR n:Run DETACH DELETE n").consume();
            return GraphFingerprint.lines(s);
        });
        List<String> fromImport;
        try (Neo4jConnection neo4j = Neo4jConnection.open(bulk.resolve("neo4j-home"), Optional.empty(), 0);
             Session s = neo4j.driver().session()) {
            fromImport = GraphFingerprint.lines(s);
        }
        assertThat(fromImport).hasSize((int) imported.rows());
        assertThat(fromImport).containsExactlyElementsOf(bolt);
    }
}
