package org.trustmap.queries;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.neo4j.driver.Driver;
import org.trustmap.graph.Neo4jTestServer;

/** Runs every catalog query against {@link TestGraph}, with parameters as they arrive from the command line. */
@ExtendWith(Neo4jTestServer.class)
class CatalogQueriesTest {
    private static final QueryCatalog CATALOG = QueryCatalog.load();

    @BeforeAll
    static void graph(Driver driver) {
        Neo4jTestServer.clear(driver);
        TestGraph.write(driver);
    }

    private static QueryResult run(Driver driver, String name, String... params) {
        NamedQuery q = CATALOG.find(name).orElseThrow();
        Map<String, Object> p = QueryRunner.parseParams(List.of(params));
        assertThat(q.missing(p)).isEmpty();
        return new QueryRunner().run(driver, q.cypher(), p);
    }

    @Test
    void exposedProductsListsEachDeploymentWithRouteAndJurisdiction(Driver driver) {
        QueryResult result = run(driver, "exposed-products");
        assertThat(result.rows()).extracting(r -> List.of(r.get("operator"), r.get("sector"), r.get("product_id"),
                        r.get("route"), r.get("jurisdiction"), r.get("count")))
                .containsExactly(
                        List.of("Energo Example", "energy", "cam-1", "DATA_TRANSFER", "HK", 3L),
                        List.of("Energo Example", "energy", "cam-1", "MAKER", "CN", 3L),
                        List.of("Nemocnice Example", "healthcare", "cam-1", "DATA_TRANSFER", "HK", 12L),
                        List.of("Nemocnice Example", "healthcare", "cam-1", "MAKER", "CN", 12L));
        assertThat(result.rows()).allSatisfy(r -> assertThat(r).containsEntry("profile", TestGraph.PROFILE)
                .containsEntry("paths", 1L));
    }

    @Test
    void ownershipChainFollowsControlUpwardWithEvidencePerHop(Driver driver) {
        QueryResult result = run(driver, "ownership-chain", "org=300300CS4E8FYOQ1JY41");
        assertThat(result.rows()).extracting(r -> List.of(r.get("chain"), r.get("hop"), r.get("from"), r.get("to")))
                .containsExactly(
                        List.of(1L, 1L, "Hangzhou Hikvision Digital Technology Co.,Ltd.",
                                "CETC Investment Holdings Co., Ltd."),
                        List.of(1L, 2L, "CETC Investment Holdings Co., Ltd.",
                                "China Electronics Technology Group Corporation"));
        Map<String, Object> first = result.rows().get(0);
        assertThat(first).containsEntry("kind", "direct").containsEntry("share", 41.88)
                .containsEntry("source", "opensanctions-1260h").containsEntry("evidence", TestGraph.MILCORPS)
                .containsEntry("date", "2025-01-07").containsEntry("recordId", "urn:uuid:rec-hik-inv")
                .containsEntry("to_based_in", List.of());
        assertThat(result.rows().get(1)).containsEntry("to_based_in", List.of("CN"));
    }

    @Test
    void ownershipChainFindsAnOrganizationByIdOrOtherName(Driver driver) {
        assertThat(run(driver, "ownership-chain", "org=org-cetc-inv").rows()).hasSize(1);
        assertThat(run(driver, "ownership-chain", "org=Hikvision").rows()).hasSize(2);
    }

    @Test
    void ownershipChainOfAnOrganizationWithoutParentIsOneRowWithoutHop(Driver driver) {
        QueryResult result = run(driver, "ownership-chain", "org=CETC");
        assertThat(result.rows()).singleElement().satisfies(r -> assertThat(r)
                .containsEntry("hop", 0L).containsEntry("from", "China Electronics Technology Group Corporation")
                .containsEntry("to", null).containsEntry("kind", null));
    }

    @Test
    void evidenceForProductGivesEveryHopOfEveryFinding(Driver driver) {
        QueryResult result = run(driver, "evidence-for-product", "product=cam-1");
        assertThat(result.rows()).extracting(r -> List.of(r.get("finding"), r.get("hop"), r.get("route"),
                        r.get("relation"), r.get("to")))
                .containsExactly(
                        List.of(1L, 1L, "MAKER", "MADE_BY", "Hangzhou Hikvision Digital Technology Co.,Ltd."),
                        List.of(1L, 2L, "MAKER", "CONTROLLED_BY", "CETC Investment Holdings Co., Ltd."),
                        List.of(1L, 3L, "MAKER", "CONTROLLED_BY", "China Electronics Technology Group Corporation"),
                        List.of(1L, 4L, "MAKER", "BASED_IN", "CN"),
                        List.of(2L, 1L, "DATA_TRANSFER", "SENDS_DATA_TO", TestGraph.CLOUD),
                        List.of(2L, 2L, "DATA_TRANSFER", "BASED_IN", "HK"));
        assertThat(result.rows().get(0)).containsEntry("from", "DS-2CD2143G2-I").containsEntry("source", "ieee-oui")
                .containsEntry("evidence", TestGraph.OUI).containsEntry("date", "2025-10-01")
                .containsEntry("recordId", "urn:uuid:rec-cam-hik").containsEntry("jurisdiction", "CN")
                .containsEntry("verdict", "EXPOSED");
        Map<String, Object> last = result.rows().get(5);
        assertThat(last).containsEntry("from", TestGraph.CLOUD).containsEntry("evidence", TestGraph.POLICY)
                .containsEntry("date", null).containsEntry("recordId", null).containsEntry("jurisdiction", "HK");
    }

    @Test
    void evidenceForProductAcceptsTheProductName(Driver driver) {
        assertThat(run(driver, "evidence-for-product", "product=DS-2CD2143G2-I").rows()).hasSize(6);
        assertThat(run(driver, "evidence-for-product", "product=plug-1").rows()).isEmpty();
    }

    @Test
    void sectorExposureCountsProductsByVerdictAndSumsUnits(Driver driver) {
        QueryResult result = run(driver, "sector-exposure");
        assertThat(result.columns()).containsExactly("sector", "operators", "products", "exposed", "undetermined",
                "not_found", "units", "exposed_units");
        assertThat(result.rows()).extracting(r -> List.copyOf(r.values())).containsExactly(
                List.of("energy", 1L, 3L, 1L, 1L, 1L, 143L, 3L),
                List.of("healthcare", 1L, 1L, 1L, 0L, 0L, 12L, 12L),
                List.of("public administration", 1L, 1L, 0L, 1L, 0L, 0L, 0L));
    }

    @Test
    void undeterminedGapsListsEachGapAndProductsNotDerivedYet(Driver driver) {
        QueryResult result = run(driver, "undetermined-gaps");
        assertThat(result.rows()).extracting(r -> List.of(r.get("product_id"), r.get("gap"), r.get("deployed_by")))
                .containsExactly(
                        List.of("router-1", "not derived yet", List.of("Město Example")),
                        List.of("inv-1", "maker unknown", List.of("Energo Example")),
                        List.of("inv-1", "no MAC OUI on record", List.of("Energo Example")));
    }

    @Test
    void organizationsInJurisdictionTakesTheCodeInAnyCase(Driver driver) {
        QueryResult result = run(driver, "organizations-in-jurisdiction", "code=cn");
        assertThat(result.rows()).extracting(r -> r.get("org_id")).containsExactly("org-cetc", "org-hik");
        assertThat(result.rows().get(1)).containsEntry("bases", List.of("legalJurisdiction"))
                .containsEntry("evidence", List.of(TestGraph.GLEIF))
                .containsEntry("parents", List.of("CETC Investment Holdings Co., Ltd."))
                .containsEntry("products", 1L);
    }

    @Test
    void everyCatalogQueryWritesAsTableJsonAndCsv(Driver driver) {
        for (NamedQuery q : CATALOG.list()) {
            Map<String, Object> params = Map.of("org", "Hikvision", "product", "cam-1", "code", "CN");
            QueryResult result = new QueryRunner().run(driver, q.cypher(), params);
            for (OutputFormat format : OutputFormat.values()) {
                StringBuilder out = new StringBuilder();
                ResultWriter.write(result, format, out);
                assertThat(out).as(q.name() + " as " + format).isNotEmpty();
            }
            assertThat(result.rows()).as(q.name()).isNotEmpty();
        }
    }
}
