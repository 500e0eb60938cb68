package org.trustmap.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trustmap.graph.Pipeline.DEFAULT_PROFILE;
import static org.trustmap.graph.Pipeline.MAINLAND_PROFILE;

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
import org.trustmap.crawler.Capture;
import org.trustmap.crawler.ProductIds;

/**
 * Inputs through the real path (archive, staging with shapes, resolution, Bolt load, derivation), verdicts read back
 * with Cypher. Real facts restate rows of the shared fixtures; constructed ones say so (see the resources' README).
 */
@ExtendWith(Neo4jTestServer.class)
class ExposurePipelineTest {
    private static final String HIKVISION = "Hangzhou Hikvision Digital Technology Co., Ltd.";
    private static final String OUI_HIKVISION = "Hangzhou Hikvision Digital Technology Co.,Ltd.";
    private static final String OUI_URL = "https://standards-oui.ieee.org/oui/oui.csv";

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
    void cameraMadeByHikvisionIsExposedByMakerWithEveryHopEvidenced(Driver driver) throws Exception {
        Capture inventory = pipeline.inventory("cameras.csv");
        Capture curated = pipeline.curated("hikvision.csv");
        pipeline.refresh(driver);
        assertThat(pipeline.problems()).isEmpty();

        String camera = ProductIds.of(HIKVISION, "test-camera-1", "IP camera", null);
        StoredFinding f = StoredFinding.of(driver, camera, DEFAULT_PROFILE);
        assertThat(f.verdict()).isEqualTo("EXPOSED");
        assertThat(f.routes()).containsExactly("MAKER");
        assertThat(f.jurisdictions()).containsExactly("CN");

        List<Map<String, Object>> path = f.path("MAKER");
        assertThat(path).extracting(h -> h.get("relation")).containsExactly("MADE_BY", "BASED_IN");
        // the organization is shown by its best-ranked name (the curated record's IEEE spelling)
        assertThat(path).extracting(h -> h.get("to")).containsExactly(OUI_HIKVISION, "CN");
        for (Map<String, Object> hop : path) {
            assertThat(hop).as("hop %s", hop).containsKeys("source", "evidence", "date", "recordId");
            assertThat(hop.values()).as("hop %s", hop).doesNotContainNull();
        }
        Map<String, Object> madeBy = path.get(0);
        assertThat(madeBy).containsEntry("source", "inventory")
                .containsEntry("evidence", inventory.targetUri())
                .containsEntry("recordId", inventory.warcRecordId())
                .containsEntry("date", "2025-09-10");
        Map<String, Object> basedIn = path.get(1);
        assertThat(basedIn).containsEntry("from", OUI_HIKVISION).containsEntry("source", "curated")
                .containsEntry("evidence", OUI_URL).containsEntry("date", "2022-08-27")
                .containsEntry("recordId", curated.warcRecordId());

        // the same path, queried as an analyst would
        Record hop = driver.executableQuery("""
                MATCH (p:Product {id: $id})-[m:MADE_BY]->(o:Organization)-[b:BASED_IN]->(:Jurisdiction {code: 'CN'})
                RETURN o.names AS names, m.source AS ms, m.recordId AS mr, b.evidence AS be, b.date AS bd,
                       b.recordId AS br, b.basis AS basis""").withParameters(Map.of("id", camera)).execute()
                .records().get(0);
        assertThat(hop.get("names").asList(Value::asString)).containsExactlyInAnyOrder(HIKVISION, OUI_HIKVISION);
        assertThat(hop.get("ms").asString()).isEqualTo("inventory");
        assertThat(hop.get("mr").asString()).isEqualTo(inventory.warcRecordId());
        assertThat(hop.get("be").asString()).isEqualTo(OUI_URL);
        assertThat(hop.get("bd").asString()).isEqualTo("2022-08-27");
        assertThat(hop.get("br").asString()).isEqualTo(curated.warcRecordId());
        assertThat(hop.get("basis").asString()).isEqualTo("STATED");
        assertThat(f.reaches()).hasSize(1);
    }

    @Test
    void usSubsidiaryControlledByAParentBasedInChinaIsExposedThroughTheControlHop(Driver driver) throws Exception {
        pipeline.inventory("control.csv");
        pipeline.curated("control-1260h.csv");
        pipeline.curated("control-constructed.csv");
        pipeline.refresh(driver);
        assertThat(pipeline.problems()).isEmpty();

        StoredFinding f = StoredFinding.of(driver,
                ProductIds.of("Complete Genomics, Inc.", "test-sequencer-1", null, null), DEFAULT_PROFILE);
        assertThat(f.verdict()).isEqualTo("EXPOSED");
        List<Map<String, Object>> path = f.path("MAKER");
        assertThat(path).extracting(h -> h.get("relation")).containsExactly("MADE_BY", "CONTROLLED_BY", "BASED_IN");
        assertThat(path.get(1)).containsEntry("from", "Complete Genomics, Inc.").containsEntry("to", "BGI Group")
                .containsEntry("source", "curated").containsEntry("date", "2026-06-08")
                .containsEntry("evidence", "https://media.defense.gov/2026/Jun/08/2003945537/-1/-1/1/"
                        + "ENTITIES-IDENTIFIED-AS-CHINESE-MILITARY-COMPANIES-OPERATING-IN-THE-UNITED-STATES-IN-"
                        + "ACCORDANCE-WITH-SECTION-1260H.PDF");
        assertThat(path.get(2)).containsEntry("from", "BGI Group").containsEntry("to", "CN");
        // the subsidiary itself is in the US: the concern is its parent, not its own basis
        assertThat(driver.executableQuery("""
                MATCH (o:Organization {name: 'Complete Genomics, Inc.'})-[:BASED_IN]->(j) RETURN collect(j.code) AS c""")
                .execute().records().get(0).get("c").asList(Value::asString)).containsExactly("US");
    }

    @Test
    void parentInTheUsIsNotExposedByItsSubsidiaryInChina(Driver driver) throws Exception {
        pipeline.inventory("control.csv");
        pipeline.curated("control-constructed.csv");
        pipeline.refresh(driver);
        assertThat(pipeline.problems()).isEmpty();

        // the subsidiary -> parent edge is there ...
        assertThat(driver.executableQuery("""
                MATCH (:Organization {name: 'Example Subsidiary (Shenzhen) Co., Ltd.'})-[r:CONTROLLED_BY]->
                      (:Organization {name: 'Example Parent Corp'}) RETURN r.share AS share""").execute().records())
                .singleElement().satisfies(r -> assertThat(r.get("share").asDouble()).isEqualTo(100.0));
        // ... but ownership points up: the parent's product does not reach the subsidiary
        StoredFinding parent = StoredFinding.of(driver,
                ProductIds.of("Example Parent Corp", "test-monitor-1", null, null), DEFAULT_PROFILE);
        assertThat(parent.verdict()).isEqualTo("NOT_FOUND");
        assertThat(parent.findings()).isEmpty();
        assertThat(parent.gaps()).isEmpty();
        assertThat(parent.reaches()).isEmpty();
        // while the subsidiary's own product is exposed
        StoredFinding subsidiary = StoredFinding.of(driver,
                ProductIds.of("Example Subsidiary (Shenzhen) Co., Ltd.", "test-analyzer-1", null, null), DEFAULT_PROFILE);
        assertThat(subsidiary.verdict()).isEqualTo("EXPOSED");
        assertThat(subsidiary.path("MAKER")).extracting(h -> h.get("relation")).containsExactly("MADE_BY", "BASED_IN");
    }

    @Test
    void productWithoutVendorOrMakerIsUndeterminedWithMakerUnknown(Driver driver) throws Exception {
        pipeline.inventory("gaps.csv");
        pipeline.refresh(driver);
        assertThat(pipeline.problems()).isEmpty();

        StoredFinding f = StoredFinding.of(driver, ProductIds.of("", "", "Unlabelled door controller", null),
                DEFAULT_PROFILE);
        assertThat(f.verdict()).isEqualTo("UNDETERMINED");
        assertThat(f.findings()).isEmpty();
        assertThat(f.gaps()).singleElement().asString().startsWith("maker unknown");
    }

    @Test
    void vendorMatchingNoKnownOrganizationIsUndeterminedWithEntityUnresolved(Driver driver) throws Exception {
        pipeline.inventory("gaps.csv");
        pipeline.curated("hikvision.csv");
        pipeline.refresh(driver);
        assertThat(pipeline.problems()).isEmpty();

        StoredFinding f = StoredFinding.of(driver,
                ProductIds.of("Nonexistent Example Vendor Ltd", "test-reader-1", null, null), DEFAULT_PROFILE);
        assertThat(f.verdict()).isEqualTo("UNDETERMINED");
        assertThat(f.gaps()).anySatisfy(g -> assertThat(g)
                .startsWith("entity unresolved: Nonexistent Example Vendor Ltd has no known jurisdiction"));
        assertThat(f.gaps()).noneMatch(g -> g.startsWith("maker unknown"));
    }

    @Test
    void hongKongMakerIsExposedUnderTheDefaultProfileAndNotUnderTheMainlandOne(Driver driver) throws Exception {
        pipeline.inventory("profiles.csv");
        pipeline.curated("profiles.csv");
        pipeline.load(driver);
        pipeline.derive(driver, DEFAULT_PROFILE);
        pipeline.derive(driver, MAINLAND_PROFILE);
        assertThat(pipeline.problems()).isEmpty();

        String phone = ProductIds.of("VTech Telecommunications Ltd.", "test-phone-1", null, null);
        StoredFinding byDefault = StoredFinding.of(driver, phone, DEFAULT_PROFILE);
        assertThat(byDefault.verdict()).isEqualTo("EXPOSED");
        assertThat(byDefault.jurisdictions()).containsExactly("HK");
        assertThat(byDefault.path("MAKER").get(1)).containsEntry("to", "HK")
                .containsEntry("evidence", OUI_URL).containsEntry("date", "2022-08-27");

        StoredFinding mainland = StoredFinding.of(driver, phone, MAINLAND_PROFILE);
        assertThat(mainland.verdict()).isNotEqualTo("EXPOSED");
        assertThat(mainland.findings()).isEmpty();
        assertThat(profileHashes(driver, phone)).hasSize(2);
    }

    @Test
    void thirtyPercentShareholdingByAChineseParentCountsOnlyUnderTheMainland25Profile(Driver driver) throws Exception {
        pipeline.inventory("profiles.csv");
        pipeline.curated("profiles.csv");
        pipeline.load(driver);
        pipeline.derive(driver, DEFAULT_PROFILE);
        pipeline.derive(driver, MAINLAND_PROFILE);
        assertThat(pipeline.problems()).isEmpty();

        String inverter = ProductIds.of("Example Inverter Europe s.r.o.", "test-inverter-1", null, null);
        StoredFinding byDefault = StoredFinding.of(driver, inverter, DEFAULT_PROFILE);
        assertThat(byDefault.verdict()).isNotEqualTo("EXPOSED");
        assertThat(byDefault.findings()).isEmpty();

        StoredFinding mainland = StoredFinding.of(driver, inverter, MAINLAND_PROFILE);
        assertThat(mainland.verdict()).isEqualTo("EXPOSED");
        assertThat(mainland.jurisdictions()).containsExactly("CN");
        assertThat(mainland.path("MAKER")).extracting(h -> h.get("relation"))
                .containsExactly("MADE_BY", "CONTROLLED_BY", "BASED_IN");
        assertThat(mainland.path("MAKER").get(1)).containsEntry("to", "Example Energy (Shenzhen) Co., Ltd.");
        assertThat(driver.executableQuery("""
                MATCH (:Organization {name: 'Example Inverter Europe s.r.o.'})-[r:CONTROLLED_BY]->() RETURN r.share AS s""")
                .execute().records().get(0).get("s").asDouble()).isEqualTo(30.0);
    }

    @Test
    void findingReachesOnlyTheOrganizationOnItsPathWhenAnotherHasTheSameName(Driver driver) throws Exception {
        // constructed: a fictional maker registered in CN and a same-named organization in HK, kept apart
        pipeline.gleifBytes(Pipeline.GLEIF_API + "TESTEXAMPLEOPTIC0163", """
                {"data": {"type": "lei-records", "attributes": {"lei": "TESTEXAMPLEOPTIC0163", "entity": {
                  "legalName": {"name": "Example Optics Co., Ltd."}, "jurisdiction": "CN",
                  "legalAddress": {"country": "CN"}, "headquartersAddress": {"country": "CN"}}}}}"""
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        pipeline.curatedText("same-name.csv", """
                subject,relation,object,share,evidence_url,evidence_date,note
                "org:Example Optics Co., Ltd.",BASED_IN,jurisdiction:HK,,,,"constructed test fact, unverified"
                product:test-lens-1,MADE_BY,lei:TESTEXAMPLEOPTIC0163,,,,"constructed test fact, unverified"
                """);
        pipeline.inventoryText("lens.csv", """
                operator,sector,product,vendor,model,cpe,fcc_id,mac,count
                Test Operator,healthcare,Test lens 1,,,,,,1
                """);
        pipeline.refresh(driver);
        assertThat(pipeline.problems()).isEmpty();
        assertThat(driver.executableQuery("MATCH (o:Organization {name: 'Example Optics Co., Ltd.'}) RETURN count(o) AS n")
                .execute().records().get(0).get("n").asLong()).isEqualTo(2);

        StoredFinding f = StoredFinding.of(driver, "test-lens-1", DEFAULT_PROFILE);
        assertThat(f.verdict()).isEqualTo("EXPOSED");
        assertThat(f.jurisdictions()).containsExactly("CN");
        assertThat(f.reaches()).containsExactly("lei:TESTEXAMPLEOPTIC0163");
    }

    private static List<String> profileHashes(Driver driver, String productId) {
        return driver.executableQuery("""
                MATCH (f:ExposureFinding {productId: $id}) RETURN f.profileHash AS h ORDER BY f.profile""")
                .withParameters(Map.of("id", productId)).execute().records().stream()
                .map(r -> r.get("h").asString()).distinct().toList();
    }
}
