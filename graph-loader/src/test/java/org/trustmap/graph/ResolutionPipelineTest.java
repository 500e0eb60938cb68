package org.trustmap.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trustmap.graph.Pipeline.GLEIF_API;

import java.nio.charset.StandardCharsets;
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
import org.neo4j.driver.Value;

/** Which staged records become one organization node, checked in Neo4j after a real load. */
@ExtendWith(Neo4jTestServer.class)
class ResolutionPipelineTest {
    private static final String APPLE_ENERGY = "549300YX4S1LLSMK2627";

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

    @Test
    void recordsWithTheSameLeiFromTwoCapturesMerge(Driver driver) throws Exception {
        pipeline.gleif("api_single_lei_record_" + APPLE_ENERGY + ".json", GLEIF_API + APPLE_ENERGY);
        pipeline.gleif("api_multi_lei_records.json", GLEIF_API + "?filter%5Blei%5D=" + APPLE_ENERGY);
        pipeline.load(driver);
        assertThat(pipeline.problems()).isEmpty();

        List<Record> orgs = driver.executableQuery("""
                MATCH (o:Organization {lei: $lei}) RETURN o.id AS id, o.records AS records, o.name AS name""")
                .withParameters(Map.of("lei", APPLE_ENERGY)).execute().records();
        assertThat(orgs).singleElement().satisfies(o -> {
            assertThat(o.get("id").asString()).isEqualTo("lei:" + APPLE_ENERGY);
            assertThat(o.get("records").asInt()).isEqualTo(2);
            assertThat(o.get("name").asString()).isEqualTo("APPLE ENERGY LLC");
        });
    }

    @Test
    void spellingsOfHikvisionsNameInChinaMergeWithTheInventoryVendor(Driver driver) throws Exception {
        pipeline.curated("resolution.csv");
        pipeline.inventory("resolution.csv");
        pipeline.load(driver);
        assertThat(pipeline.problems()).isEmpty();

        List<Record> orgs = driver.executableQuery("""
                MATCH (o:Organization) WHERE toLower(o.name) STARTS WITH 'hangzhou hikvision'
                RETURN o.names AS names, o.records AS records, o.sources AS sources""").execute().records();
        assertThat(orgs).singleElement().satisfies(o -> {
            assertThat(o.get("names").asList(Value::asString)).containsExactlyInAnyOrder(
                    "Hangzhou Hikvision Digital Technology Co., Ltd.",
                    "Hangzhou Hikvision Digital Technology Co.,Ltd.",
                    "HANGZHOU HIKVISION DIGITAL TECHNOLOGY CO.,LTD.");
            // two BASED_IN facts, the subject of the 1260H parent fact, and the inventory vendor
            assertThat(o.get("records").asInt()).isEqualTo(4);
            assertThat(o.get("sources").asList(Value::asString)).containsExactly("curated", "inventory");
        });
    }

    @Test
    void sameNameInTwoCountriesDoesNotMergeAndLeavesACountrylessReferenceUnresolved(Driver driver) throws Exception {
        pipeline.curated("resolution.csv");
        pipeline.inventory("resolution.csv");
        pipeline.load(driver);

        List<Record> orgs = driver.executableQuery("""
                MATCH (o:Organization) WHERE o.name STARTS WITH 'Example Optics'
                OPTIONAL MATCH (o)-[:BASED_IN]->(j:Jurisdiction)
                RETURN o.id AS id, collect(j.code) AS countries ORDER BY id""").execute().records();
        assertThat(orgs).extracting(o -> o.get("id").asString() + " " + o.get("countries").asList(Value::asString))
                .containsExactly("org:cn:example-optics [CN]", "org:de:example-optics [DE]",
                        "org:xx:example-optics []");
    }

    @Test
    void genericOneWordNameNeverMerges(Driver driver) throws Exception {
        pipeline.curated("resolution.csv");
        pipeline.inventory("resolution.csv");
        pipeline.load(driver);

        List<Record> orgs = driver.executableQuery("""
                MATCH (o:Organization {name: 'Technology'}) RETURN o.id AS id, o.records AS records""")
                .execute().records();
        // two curated records in CN and one inventory vendor, each its own organization
        assertThat(orgs).hasSize(3).allSatisfy(o -> assertThat(o.get("records").asInt()).isEqualTo(1));
        assertThat(orgs).extracting(o -> o.get("id").asString()).doesNotHaveDuplicates();
    }

    @Test
    void recordsWithDifferentLeisAndTheSameNameDoNotMerge(Driver driver) throws Exception {
        // constructed: two fictional entities of the same name in CN, with valid LEI check digits
        String page = """
                {"data": [
                  {"type": "lei-records", "attributes": {"lei": "TESTEXAMPLEOPTIC0163", "entity": {
                    "legalName": {"name": "Example Sensors Co., Ltd."}, "jurisdiction": "CN",
                    "legalAddress": {"country": "CN"}, "headquartersAddress": {"country": "CN"}}}},
                  {"type": "lei-records", "attributes": {"lei": "TESTEXAMPLEOPTIC0260", "entity": {
                    "legalName": {"name": "EXAMPLE SENSORS CO.,LTD."}, "jurisdiction": "CN",
                    "legalAddress": {"country": "CN"}, "headquartersAddress": {"country": "CN"}}}}
                ]}""";
        // a record look-up of both (a name search's answer is not staged: GleifJsonReader.isSearch)
        pipeline.gleifBytes(GLEIF_API + "?filter%5Blei%5D=TESTEXAMPLEOPTIC0163%2CTESTEXAMPLEOPTIC0260",
                page.getBytes(StandardCharsets.UTF_8));
        pipeline.load(driver);
        assertThat(pipeline.problems()).isEmpty();

        assertThat(driver.executableQuery("""
                MATCH (o:Organization) WHERE toLower(o.name) STARTS WITH 'example sensors'
                RETURN o.id AS id ORDER BY id""").execute().records())
                .extracting(r -> r.get("id").asString())
                .containsExactly("lei:TESTEXAMPLEOPTIC0163", "lei:TESTEXAMPLEOPTIC0260");
    }
}
