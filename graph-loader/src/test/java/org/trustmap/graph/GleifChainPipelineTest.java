package org.trustmap.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trustmap.graph.Pipeline.DEFAULT_PROFILE;
import static org.trustmap.graph.Pipeline.GLEIF_API;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.trustmap.crawler.ProductIds;

/** Real GLEIF API captures (APPLE ENERGY LLC and its parent Apple Inc.) through the whole pipeline. */
@ExtendWith(Neo4jTestServer.class)
class GleifChainPipelineTest {
    private static final String APPLE_ENERGY = "549300YX4S1LLSMK2627";
    private static final String APPLE_INC = "HWUPKR0MPOU8FGXBT394";
    private static final String PRODUCT = ProductIds.of("APPLE ENERGY LLC", "test-supply-1", null, null);

    private Pipeline pipeline;

    @BeforeEach
    void start(Driver driver, @TempDir Path dir) throws Exception {
        Neo4jTestServer.clear(driver);
        pipeline = new Pipeline(dir);
        pipeline.inventory("apple.csv");
        pipeline.gleif("api_single_lei_record_" + APPLE_ENERGY + ".json", GLEIF_API + APPLE_ENERGY);
        pipeline.gleif("api_direct-parent_" + APPLE_ENERGY + ".json", GLEIF_API + APPLE_ENERGY + "/direct-parent");
    }

    @AfterEach
    void stop() throws Exception {
        pipeline.close();
    }

    @Test
    void directParentResponseBecomesAControlledByEdgeFromTheGleifRecord(Driver driver) {
        pipeline.refresh(driver);
        assertThat(pipeline.problems()).isEmpty();

        Record r = driver.executableQuery("""
                MATCH (c:Organization {lei: $child})-[e:CONTROLLED_BY]->(p:Organization {lei: $parent})
                RETURN c.id AS child, c.name AS childName, p.name AS parentName, e.kind AS kind, e.source AS source,
                       e.evidence AS evidence, e.date AS date, e.recordId AS recordId""")
                .withParameters(Map.of("child", APPLE_ENERGY, "parent", APPLE_INC)).execute().records().get(0);
        assertThat(r.get("child").asString()).isEqualTo("lei:" + APPLE_ENERGY);
        assertThat(r.get("childName").asString()).isEqualTo("APPLE ENERGY LLC");
        assertThat(r.get("parentName").asString()).isEqualTo("Apple Inc.");
        assertThat(r.get("kind").asString()).isEqualTo("DIRECT_CONSOLIDATION");
        assertThat(r.get("source").asString()).isEqualTo("gleif");
        assertThat(r.get("evidence").asString()).isEqualTo(GLEIF_API + APPLE_ENERGY + "/direct-parent");
        assertThat(r.get("date").asString()).isEqualTo("2025-05-15");
        assertThat(r.get("recordId").asString()).startsWith("<urn:uuid:");
        // the inventory's vendor name joined the GLEIF record
        assertThat(driver.executableQuery("""
                MATCH (:Product {id: $id})-[:MADE_BY]->(o:Organization) RETURN o.id AS id""")
                .withParameters(Map.of("id", PRODUCT)).execute().records())
                .singleElement().satisfies(m -> assertThat(m.get("id").asString()).isEqualTo("lei:" + APPLE_ENERGY));
    }

    @Test
    void chainEndingAtAParentWithoutParentOrExceptionIsUndetermined(Driver driver) {
        pipeline.refresh(driver);

        StoredFinding f = StoredFinding.of(driver, PRODUCT, DEFAULT_PROFILE);
        assertThat(f.verdict()).isEqualTo("UNDETERMINED");
        assertThat(f.findings()).isEmpty();
        assertThat(f.gaps()).containsExactly(
                "chain broken at Apple Inc.: no parent and no reporting exception on record");
    }

    @Test
    void ultimateParentResponseClosesTheChainToNotFound(Driver driver) throws Exception {
        pipeline.gleif("api_ultimate-parent_" + APPLE_ENERGY + ".json", GLEIF_API + APPLE_ENERGY + "/ultimate-parent");
        pipeline.refresh(driver);
        assertThat(pipeline.problems()).isEmpty();

        StoredFinding f = StoredFinding.of(driver, PRODUCT, DEFAULT_PROFILE);
        assertThat(f.verdict()).isEqualTo("NOT_FOUND");
        assertThat(f.gaps()).isEmpty();
        assertThat(driver.executableQuery("""
                MATCH (:Organization {lei: $child})-[e:CONTROLLED_BY]->(:Organization {lei: $parent})
                RETURN e.kind AS kind ORDER BY kind""")
                .withParameters(Map.of("child", APPLE_ENERGY, "parent", APPLE_INC)).execute().records())
                .extracting(r -> r.get("kind").asString())
                .containsExactly("DIRECT_CONSOLIDATION", "ULTIMATE_CONSOLIDATION");
    }

    @Test
    void closingReportingExceptionOnTheParentClosesTheChainToNotFound(Driver driver) throws Exception {
        pipeline.curated("apple-exception.csv");
        pipeline.refresh(driver);
        assertThat(pipeline.problems()).isEmpty();

        StoredFinding f = StoredFinding.of(driver, PRODUCT, DEFAULT_PROFILE);
        assertThat(f.verdict()).isEqualTo("NOT_FOUND");
        assertThat(f.gaps()).isEmpty();
        assertThat(driver.executableQuery("""
                MATCH (:Organization {lei: $parent})-[:HAS_EXCEPTION]->(x:ReportingException)
                RETURN x.reason AS reason, x.confidence AS confidence""")
                .withParameters(Map.of("parent", APPLE_INC)).execute().records())
                .singleElement().satisfies(x -> {
                    assertThat(x.get("reason").asString()).isEqualTo("NATURAL_PERSONS");
                    assertThat(x.get("confidence").asString()).isEqualTo("unverified");
                });
    }
}
