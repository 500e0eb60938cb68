package org.trustmap.app.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trustmap.graph.GraphLoader;
import org.trustmap.graph.ResolvedGraph;
import org.trustmap.graph.ResolvedGraph.BasedIn;
import org.trustmap.graph.ResolvedGraph.Edge;
import org.trustmap.graph.ResolvedGraph.Org;
import org.trustmap.graph.ResolvedGraph.Provenance;

/**
 * The hand-over files: a resolved graph written compact reads back as the graph written, and the load's rows read from
 * it as a stream are the rows of the graph in memory.
 */
class RunFilesTest {
    @TempDir
    Path tmp;

    @Test
    void aResolvedGraphWrittenCompactGivesTheLoadTheRowsOfTheGraph() throws Exception {
        Provenance p = new Provenance("gleif", "https://search.gleif.org/#/record/X1", "2026-01-01", "urn:uuid:1",
                "LEI X1", "registry");
        ResolvedGraph graph = new ResolvedGraph(
                List.of(new Org("org:a", "A", List.of("A", "A Holdings"), "X1", "CN", "CN", "HK", List.of("gleif"), 1)),
                List.of(), List.of(),
                List.of(new Edge("CONTROLLED_BY", "org:a", "org:b", "DIRECT", new BigDecimal("0.5"), null, p)),
                List.of(new BasedIn("org:a", "CN", "LEGAL_JURISDICTION", "CN", p),
                        new BasedIn("org:a", "HK", "HEADQUARTERS", null, p)),
                List.of(), List.of(), List.of());
        Path file = tmp.resolve("resolved.json");
        RunFiles.writeCompact(file, graph);

        assertThat(RunFiles.read(file, ResolvedGraph.class)).isEqualTo(graph);
        GraphLoader.LoadRows streamed = GraphLoader.prepare(file);
        GraphLoader.LoadRows held = GraphLoader.prepare(graph);
        assertThat(streamed.stamp()).isEqualTo(held.stamp());
        assertThat(streamed.nodes()).isEqualTo(held.nodes());
        assertThat(streamed.relationships()).isEqualTo(held.relationships());
    }
}
