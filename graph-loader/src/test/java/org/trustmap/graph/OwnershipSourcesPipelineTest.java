package org.trustmap.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trustmap.graph.Pipeline.DEFAULT_PROFILE;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.trustmap.crawler.Capture;
import org.trustmap.crawler.ProductIds;

/**
 * Issue 4's end-to-end cases on the ownership sources' real fixtures, through the real path (archive, stage with
 * the SHACL shapes, resolve, load into the embedded Neo4j through the driver, derive): the Section 1260H list gives a
 * deployed Hikvision camera its maker's parent chain up to SASAC, based in CN; BODS and UK PSC files load their
 * control chains with shares and bands. The one inventory row is constructed (an "Example ..." operator).
 */
@ExtendWith(Neo4jTestServer.class)
class OwnershipSourcesPipelineTest {
    private static final Path CRAWLER_FIXTURES = Path.of("../crawler/src/test/resources/fixtures");
    private static final String INVENTORY_HEADER = "operator,sector,product,vendor,model,cpe,fcc_id,mac,count\n";
    private static final String HIKVISION = "Hangzhou Hikvision Digital Technology Co., Ltd.";
    private static final String CETC = "China Electronics Technology Group Corporation";
    private static final String SASAC = "State-owned Assets Supervision and Administration Commission of the State Council";

    private Pipeline pipeline;

    @BeforeEach
    void start(Driver driver, @TempDir Path dir) throws Exception {
        Neo4jTestServer.clear(driver);
        pipeline = new Pipeline(dir);
    }

    @AfterEach
    void stop() throws Exception {
        pipeline.close();
    }

    private static List<Record> controls(Driver driver, String childName) {
        return driver.executableQuery("""
                MATCH (c:Organization)-[e:CONTROLLED_BY]->(p:Organization) WHERE c.name = $name
                RETURN p.name AS parent, e.kind AS kind, e.share AS share, e.status AS status, e.source AS source,
                       e.evidence AS evidence, e.recordId AS recordId
                ORDER BY parent, kind""").withParameters(Map.of("name", childName)).execute().records();
    }

    @Test
    void hikvisionCameraIsExposedThroughThe1260hParentChainToSasac(Driver driver) throws Exception {
        pipeline.inventoryText("cameras.csv", INVENTORY_HEADER
                + "Example Water Utility,water,IP camera,\"" + HIKVISION + "\",test-camera-1,,,,12\n");
        Capture list = pipeline.source("opensanctions",
                CRAWLER_FIXTURES.resolve("opensanctions/us_dod_chinese_milcorps_1260h_sanctions.csv"));
        pipeline.refresh(driver);
        assertThat(pipeline.problems()).isEmpty();

        List<Record> hikvision = controls(driver, HIKVISION);
        assertThat(hikvision).extracting(r -> r.get("parent").asString() + " " + r.get("kind").asString())
                .contains(CETC + " STATED", SASAC + " STATE");
        for (Record r : hikvision) {
            assertThat(r.get("source").asString()).isEqualTo("opensanctions");
            assertThat(r.get("recordId").asString()).isEqualTo(list.warcRecordId());
            assertThat(r.get("evidence").asString()).startsWith("https://");
        }
        assertThat(controls(driver, CETC)).extracting(r -> r.get("parent").asString() + " " + r.get("kind").asString())
                .contains(SASAC + " STATE");
        assertThat(driver.executableQuery("""
                MATCH (o:Organization {name: $name})-[:BASED_IN]->(j:Jurisdiction) RETURN collect(DISTINCT j.code) AS codes""")
                .withParameters(Map.of("name", SASAC)).execute().records().get(0).get("codes").asList(v -> v.asString()))
                .containsExactly("CN");
        assertThat(driver.executableQuery("""
                MATCH (o:Organization {name: $name})-[:FLAGGED]->(f) RETURN count(f) AS n""")
                .withParameters(Map.of("name", HIKVISION)).execute().records().get(0).get("n").asLong()).isPositive();

        String camera = ProductIds.of(HIKVISION, "test-camera-1", null, null);
        StoredFinding f = StoredFinding.of(driver, camera, DEFAULT_PROFILE);
        assertThat(f.verdict()).isEqualTo("EXPOSED");
        assertThat(f.routes()).containsExactly("MAKER");
        assertThat(f.jurisdictions()).containsExactly("CN");
        List<Map<String, Object>> path = f.path("MAKER");
        assertThat(path).extracting(h -> h.get("relation")).startsWith("MADE_BY").endsWith("BASED_IN")
                .contains("CONTROLLED_BY");
        assertThat(path.get(0)).containsEntry("to", HIKVISION).containsEntry("source", "inventory");
        assertThat(path).extracting(h -> h.get("from") + " -> " + h.get("to"))
                .contains(HIKVISION + " -> " + SASAC, SASAC + " -> CN");
        for (Map<String, Object> hop : path.subList(1, path.size())) {
            assertThat(hop).as("hop %s", hop).containsEntry("source", "opensanctions")
                    .containsEntry("recordId", list.warcRecordId()).containsKeys("evidence", "date");
        }
        // the list is a flag beside the verdict, never a jurisdiction fact of Hikvision itself
        assertThat(driver.executableQuery("""
                MATCH (o:Organization {name: $name})-[:BASED_IN]->(j) RETURN count(j) AS n""")
                .withParameters(Map.of("name", HIKVISION)).execute().records().get(0).get("n").asLong()).isZero();
    }

    @Test
    void bodsStateOwnedChainLoadsWithExactSharesAndStateControl(Driver driver) throws Exception {
        Capture bods = pipeline.source("bods", CRAWLER_FIXTURES.resolve("bods/bods_example_bods-package-fi-soe.json"));
        pipeline.refresh(driver);
        assertThat(pipeline.problems()).isEmpty();

        List<Record> gasgrid = controls(driver, "Gasgrid Finland Oy");
        assertThat(gasgrid).extracting(r -> r.get("parent").asString() + " " + r.get("kind").asString() + " "
                + r.get("share").asDouble())
                .contains("Suomen Kaasuverkko Oy SHAREHOLDING 76.5", "Valtiovarainministerio STATE 23.5");
        assertThat(gasgrid).allSatisfy(r -> {
            assertThat(r.get("source").asString()).isEqualTo("bods");
            assertThat(r.get("recordId").asString()).isEqualTo(bods.warcRecordId());
        });
        assertThat(controls(driver, "Suomen Kaasuverkko Oy")).extracting(r -> r.get("parent").asString() + " "
                + r.get("share").asDouble()).contains("Valtiovarainministerio 100.0");
        assertThat(controls(driver, "Valtiovarainministerio")).extracting(r -> r.get("parent").asString() + " "
                + r.get("kind").asString()).contains("Suomen tasavalta STATE");
    }

    @Test
    void bodsShareRangeLoadsItsLowerBound(Driver driver) throws Exception {
        pipeline.source("bods", CRAWLER_FIXTURES.resolve("bods/bods_example_bods-package-entity-owning-entity.json"));
        pipeline.refresh(driver);
        assertThat(pipeline.problems()).isEmpty();

        assertThat(controls(driver, "JENEX LIMITED")).extracting(r -> r.get("parent").asString() + " "
                + r.get("kind").asString() + " " + r.get("share").asDouble())
                .containsExactly("MVJ LIMITED SHAREHOLDING 75.0");
    }

    @Test
    void ukPscCorporateAndGovernmentPscsLoadWithTheirBands(Driver driver) throws Exception {
        Capture corporate = pipeline.source("uk-psc", CRAWLER_FIXTURES.resolve("uk-psc/psc-data-2.json"));
        Capture government = pipeline.source("uk-psc", CRAWLER_FIXTURES.resolve("uk-psc/psc-data-5.json"));
        pipeline.refresh(driver);
        assertThat(pipeline.problems()).isEmpty();

        List<Record> hitchins = controls(driver, "GB-COH-07434180");
        assertThat(hitchins).extracting(r -> r.get("parent").asString() + " " + r.get("kind").asString() + " "
                + r.get("share").asDouble()).containsExactly("Robert Hitchins Limited SHAREHOLDING_BAND 75.0");
        assertThat(hitchins.get(0).get("recordId").asString()).isEqualTo(corporate.warcRecordId());

        List<Record> safe = controls(driver, "GB-COH-07102351");
        assertThat(safe).extracting(r -> r.get("parent").asString() + " " + r.get("kind").asString() + " "
                + r.get("share").asDouble()).containsExactly("State Administration Of Foreign Exchange STATE 75.0");
        assertThat(safe.get(0).get("recordId").asString()).isEqualTo(government.warcRecordId());
        assertThat(driver.executableQuery("""
                MATCH (o:Organization {name: 'State Administration Of Foreign Exchange'})-[:BASED_IN]->(j:Jurisdiction)
                RETURN collect(DISTINCT j.code) AS codes""").execute().records().get(0).get("codes").asList(v -> v.asString()))
                .containsExactly("CN");
    }

    @Test
    void wikidataItemsMergeByQidAndABrandLeadsToItsOwnersCountry(Driver driver) throws Exception {
        // CONSTRUCTED results with fake QIDs (crawler fixtures/wikidata/SOURCES.md); the inventory row is constructed
        pipeline.inventoryText("brand.csv", INVENTORY_HEADER
                + "Example Water Utility,water,IP camera,ConBrand,test-camera-2,,,,3\n");
        Capture results = pipeline.source("wikidata",
                CRAWLER_FIXTURES.resolve("wikidata/constructed_organizations_results.json"));
        pipeline.refresh(driver);
        assertThat(pipeline.problems()).hasSize(3); // the constructed file's deliberately bad rows

        // the item and the records naming it as maker or owner are one organization (same QID)
        assertThat(driver.executableQuery("""
                MATCH (o:Organization) WHERE o.name = 'Constructed Camera Co., Ltd.' RETURN count(o) AS n""")
                .execute().records().get(0).get("n").asLong()).isEqualTo(1);
        assertThat(controls(driver, "Constructed Camera Co., Ltd.")).extracting(r -> r.get("parent").asString()
                + " " + r.get("kind").asString() + (r.get("share").isNull() ? "" : " " + r.get("share").asDouble()))
                .contains("Constructed Holding Group SHAREHOLDING 42.0", "Constructed Holding Group STATED",
                        "Constructed Investment Fund SHAREHOLDING 10.0");
        assertThat(controls(driver, "Constructed Europe GmbH")).extracting(r -> r.get("parent").asString())
                .contains("Constructed Camera Co., Ltd.");

        String camera = ProductIds.of("ConBrand", "test-camera-2", null, null);
        StoredFinding f = StoredFinding.of(driver, camera, DEFAULT_PROFILE);
        assertThat(f.verdict()).isEqualTo("EXPOSED");
        assertThat(f.path("MAKER")).extracting(h -> h.get("from") + " -> " + h.get("to")).contains(
                "ConBrand -> Constructed Camera Co., Ltd.");
        assertThat(f.path("MAKER").get(1)).containsEntry("source", "wikidata")
                .containsEntry("recordId", results.warcRecordId());
    }
}
