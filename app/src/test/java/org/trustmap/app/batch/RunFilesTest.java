package org.trustmap.app.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trustmap.graph.ResolvedGraph;
import org.trustmap.graph.ResolvedGraph.BasedIn;
import org.trustmap.graph.ResolvedGraph.Edge;
import org.trustmap.graph.ResolvedGraph.Org;
import org.trustmap.graph.ResolvedGraph.Provenance;

/** The hand-over files: a resolved graph read back with shared strings is the graph written, values held once. */
class RunFilesTest {
    @TempDir
    Path tmp;

    @Test
    void aResolvedGraphReadWithSharedStringsIsTheGraphWrittenWithRepeatedValuesHeldOnce() throws Exception {
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

        ResolvedGraph read = RunFiles.readShared(file, ResolvedGraph.class);

        assertThat(read).isEqualTo(graph);
        Provenance a = read.basedIn().get(0).provenance();
        Provenance b = read.basedIn().get(1).provenance();
        assertThat(b.evidence()).isSameAs(a.evidence());
        assertThat(b.recordRef()).isSameAs(a.recordRef());
        assertThat(read.edges().get(0).provenance().source()).isSameAs(a.source());
        assertThat(read.basedIn().get(0).code()).isSameAs(read.organizations().get(0).legalJurisdiction());
        // the plain read gives each value its own string
        ResolvedGraph plain = RunFiles.read(file, ResolvedGraph.class);
        assertThat(plain.basedIn().get(1).provenance().evidence())
                .isNotSameAs(plain.basedIn().get(0).provenance().evidence());
    }

    @Test
    void aSlotHoldsTheLatestValueAndNeverGivesAnUnequalOne() {
        RunFiles.SharedStrings shared = new RunFiles.SharedStrings();
        // "Aa" and "BB" share a hash code, so they share a slot
        String aa = new String("Aa");
        String bb = new String("BB");
        assertThat(shared.shared(aa)).isSameAs(aa);
        assertThat(shared.shared(bb)).isSameAs(bb);
        String again = new String("Aa");
        assertThat(shared.shared(again)).isEqualTo("Aa").isSameAs(again);
        assertThat(shared.shared(new String("Aa"))).isSameAs(again);
        assertThat(shared.shared(null)).isNull();
    }
}
