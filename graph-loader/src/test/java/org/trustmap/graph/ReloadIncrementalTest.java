package org.trustmap.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.neo4j.driver.Driver;
import org.trustmap.graph.ResolvedGraph.BasedIn;
import org.trustmap.graph.ResolvedGraph.Deployment;
import org.trustmap.graph.ResolvedGraph.Edge;
import org.trustmap.graph.ResolvedGraph.ExceptionFact;
import org.trustmap.graph.ResolvedGraph.FlagFact;
import org.trustmap.graph.ResolvedGraph.Org;
import org.trustmap.graph.ResolvedGraph.Product;
import org.trustmap.graph.ResolvedGraph.Provenance;

/**
 * A load over a loaded graph writes only the rows that changed, retires what is no longer stated, and leaves the
 * same graph as a load of the same input into an empty database. The graphs are CONSTRUCTED (made-up ids, no real
 * organizations).
 */
@ExtendWith(Neo4jTestServer.class)
class ReloadIncrementalTest {
    private static final Provenance EVIDENCE = new Provenance("constructed", "file:///constructed.csv", "2026-12-01",
            "<urn:uuid:constructed>", "line 2", "constructed");

    @BeforeEach
    void clear(Driver driver) {
        Neo4jTestServer.clear(driver);
    }

    @Test
    void incrementalLoadWritesOnlyChangesAndEqualsAFullLoad(Driver driver) {
        GraphLoader loader = new GraphLoader(driver, "neo4j");
        GraphLoader.LoadResult first = loader.load(graph(false));
        assertThat(first.written()).isPositive();

        GraphLoader.LoadResult same = loader.load(graph(false));
        assertThat(same.written()).as("nothing changed, nothing written").isZero();
        assertThat(same.retired()).isZero();
        assertThat(same.stamp()).isEqualTo(first.stamp());

        GraphLoader.LoadResult changed = loader.load(graph(true));
        // one organization renamed, one share changed; the link to org:c and org:c itself are no longer stated
        assertThat(changed.written()).isEqualTo(2);
        assertThat(changed.retired()).isEqualTo(2);
        List<String> incremental = ReloadPipelineTest.fingerprint(driver, Set.of());
        assertThat(incremental).anyMatch(l -> l.contains("name=Org A renamed"))
                .anyMatch(l -> l.startsWith("[org:b]-[CONTROLLED_BY") && l.contains("share=75.0"))
                .noneMatch(l -> l.contains("org:c"));

        Neo4jTestServer.clear(driver);
        loader.load(graph(true));
        List<String> full = ReloadPipelineTest.fingerprint(driver, Set.of());
        assertThat(incremental).containsExactlyElementsOf(full);
    }

    @Test
    void aGraphLoadedWithStampsIsRewrittenWithoutThem(Driver driver) {
        GraphLoader loader = new GraphLoader(driver, "neo4j");
        loader.load(graph(false));
        // a graph written by the earlier loader: stamps on everything, no row digests
        driver.executableQuery("MATCH (n) SET n.stamp = 'old' REMOVE n.h").execute();
        driver.executableQuery("MATCH ()-[r]->() SET r.stamp = 'old' REMOVE r.h").execute();
        loader.load(graph(false));
        List<String> upgraded = ReloadPipelineTest.fingerprint(driver, Set.of());

        Neo4jTestServer.clear(driver);
        loader.load(graph(false));
        assertThat(upgraded).containsExactlyElementsOf(ReloadPipelineTest.fingerprint(driver, Set.of()))
                .noneMatch(l -> l.contains("stamp="));
    }

    static ResolvedGraph graph(boolean changed) {
        List<Org> orgs = new ArrayList<>(List.of(
                org("org:a", changed ? "Org A renamed" : "Org A", "CN"),
                org("org:b", "Org B", "US")));
        List<Edge> edges = new ArrayList<>(List.of(
                new Edge("CONTROLLED_BY", "org:b", "org:a", "DIRECT", new BigDecimal(changed ? "75" : "60"), null, EVIDENCE),
                new Edge("MADE_BY", "product:cam", "org:b", null, null, null, EVIDENCE)));
        if (!changed) {
            orgs.add(org("org:c", "Org C", "DE"));
            edges.add(new Edge("CONTROLLED_BY", "org:c", "org:a", "DIRECT", null, null, EVIDENCE));
        }
        return new ResolvedGraph(orgs,
                List.of(new Product("product:cam", "Camera", "Org B", "X1", null, null, null)),
                List.of(new Deployment("Operator 1", "energy", "product:cam", 3L, EVIDENCE)),
                edges,
                List.of(new BasedIn("org:a", "CN", "LEGAL_JURISDICTION", "CN", EVIDENCE),
                        new BasedIn("org:b", "US", "LEGAL_JURISDICTION", "US", EVIDENCE)),
                List.of(new ExceptionFact("org:a", "ULTIMATE", "NATURAL_PERSONS", EVIDENCE)),
                List.of(new FlagFact("org:a", "US_DOD_1260H", EVIDENCE)),
                List.of());
    }

    private static Org org(String id, String name, String country) {
        return new Org(id, name, List.of(name), null, country, country, null, List.of("constructed"), 1);
    }
}
