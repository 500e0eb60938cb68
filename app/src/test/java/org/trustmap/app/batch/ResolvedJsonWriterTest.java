package org.trustmap.app.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trustmap.graph.GraphLoader;
import org.trustmap.graph.ResolvedGraph;
import org.trustmap.graph.ResolvedGraph.BasedIn;
import org.trustmap.graph.ResolvedGraph.Deployment;
import org.trustmap.graph.ResolvedGraph.Edge;
import org.trustmap.graph.ResolvedGraph.ExceptionFact;
import org.trustmap.graph.ResolvedGraph.FlagFact;
import org.trustmap.graph.ResolvedGraph.Merge;
import org.trustmap.graph.ResolvedGraph.Org;
import org.trustmap.graph.ResolvedGraph.Product;
import org.trustmap.graph.ResolvedGraph.Provenance;
import org.trustmap.graph.ResolvedGraph.Section;

/**
 * resolved.json written item by item is the file the whole graph gave, byte for byte, appears only whole, and gives
 * the load the rows of the graph.
 */
class ResolvedJsonWriterTest {
    private static final Provenance P = new Provenance("gleif", "https://search.gleif.org/#/record/X1", "2026-01-01",
            "urn:uuid:1", "LEI X1", "registry");

    @TempDir
    Path tmp;

    static ResolvedGraph full() {
        return new ResolvedGraph(
                List.of(new Org("org:a", "A", List.of("A", "A Holdings"), "X1", "CN", "CN", "HK", List.of("gleif"), 2),
                        new Org("org:b", "B", List.of(), null, null, null, null, List.of("inventory"), 1)),
                List.of(new Product("p/1", "Camera", "A", "C-1", null, "2ABC-1", "00:11:22:33:44:55")),
                List.of(new Deployment("Op", "energy", "p/1", 3L, P), new Deployment("Op", "energy", "p/1", null, P)),
                List.of(new Edge("MADE_BY", "p/1", "org:a", "INVENTORY", null, null, P),
                        new Edge("CONTROLLED_BY", "org:a", "org:b", "DIRECT", new BigDecimal("51.5"), "ACTIVE", P)),
                List.of(new BasedIn("org:a", "CN", "LEGAL_JURISDICTION", "CN", P)),
                List.of(new ExceptionFact("org:b", "ULTIMATE", "NATURAL_PERSONS", P)),
                List.of(new FlagFact("org:a", "US_DOD_1260H", P)),
                List.of(new Merge("org:a", "urn:trustmap:rec:r1", "same LEI", null),
                        new Merge("org:a", "urn:trustmap:rec:r2", "scored name", 0.93)));
    }

    private static void feed(ResolvedGraph g, ResolvedGraph.Sink out, boolean announceEmpty) {
        for (Section s : Section.values()) {
            List<?> items = switch (s) {
                case ORGANIZATIONS -> g.organizations();
                case PRODUCTS -> g.products();
                case DEPLOYMENTS -> g.deployments();
                case EDGES -> g.edges();
                case BASED_IN -> g.basedIn();
                case EXCEPTIONS -> g.exceptions();
                case FLAGS -> g.flags();
                case MERGES -> g.merges();
            };
            if (items.isEmpty() && !announceEmpty) {
                continue;
            }
            out.section(s);
            items.forEach(out::item);
        }
        out.end();
    }

    /** The whole graph written at once, without indentation: the reference the streamed file must equal. */
    private static void writeWhole(Path file, ResolvedGraph graph) throws java.io.IOException {
        RunFiles.JSON.writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                .writeValue(file.toFile(), graph);
    }

    @Test
    void theLoadReadsFromTheFileTheRowsOfTheGraph() throws Exception {
        ResolvedGraph graph = full();
        Path file = tmp.resolve("resolved.json");
        try (ResolvedJsonWriter out = new ResolvedJsonWriter(file)) {
            feed(graph, out, true);
        }

        GraphLoader.LoadRows streamed = GraphLoader.prepare(file);
        GraphLoader.LoadRows held = GraphLoader.prepare(graph);
        assertThat(streamed.stamp()).isEqualTo(held.stamp());
        assertThat(streamed.nodes()).isEqualTo(held.nodes());
        assertThat(streamed.relationships()).isEqualTo(held.relationships());
    }

    @Test
    void theFileIsTheOneTheWholeGraphGivesAndReadsBackAsIt() throws Exception {
        ResolvedGraph graph = full();
        Path whole = tmp.resolve("whole.json");
        writeWhole(whole, graph);
        Path streamed = tmp.resolve("resolved.json");

        try (ResolvedJsonWriter out = new ResolvedJsonWriter(streamed)) {
            feed(graph, out, true);
            assertThat(out.count(Section.MERGES)).isEqualTo(2);
            assertThat(out.count(Section.EDGES)).isEqualTo(2);
        }

        assertThat(Files.readAllBytes(streamed)).isEqualTo(Files.readAllBytes(whole));
        assertThat(RunFiles.read(streamed, ResolvedGraph.class)).isEqualTo(graph);
        assertThat(tmp.resolve("resolved.json.tmp")).doesNotExist();
    }

    @Test
    void sectionsNobodyAnnouncedAreWrittenEmpty() throws Exception {
        ResolvedGraph graph = new ResolvedGraph(full().organizations(), List.of(), List.of(), full().edges(),
                List.of(), List.of(), List.of(), List.of());
        Path whole = tmp.resolve("whole.json");
        writeWhole(whole, graph);
        Path streamed = tmp.resolve("resolved.json");

        try (ResolvedJsonWriter out = new ResolvedJsonWriter(streamed)) {
            feed(graph, out, false);
        }

        assertThat(Files.readString(streamed)).isEqualTo(Files.readString(whole));
    }

    @Test
    void aResolutionThatFailsLeavesNoFileAndNoPart() throws Exception {
        Path file = tmp.resolve("resolved.json");
        try (ResolvedJsonWriter out = new ResolvedJsonWriter(file)) {
            out.section(Section.ORGANIZATIONS);
            out.item(full().organizations().get(0));
            // the resolver fails here: end() is never called
        }

        assertThat(file).doesNotExist();
        assertThat(tmp.resolve("resolved.json.tmp")).doesNotExist();
    }

    @Test
    void aSectionCannotComeBack() throws Exception {
        try (ResolvedJsonWriter out = new ResolvedJsonWriter(tmp.resolve("resolved.json"))) {
            out.section(Section.EDGES);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> out.section(Section.PRODUCTS))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("PRODUCTS after EDGES");
        }
        assertThat(tmp.resolve("resolved.json")).doesNotExist();
    }
}
