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
import org.trustmap.crawler.Capture;
import org.trustmap.crawler.ProductIds;

/**
 * Issue 5's end-to-end cases on the product-side sources' real fixtures: a white-label router reaches its PRC maker
 * through its device record, a radio whose only grantee is outside the PRC does not, and a CycloneDX service whose
 * provider is registered in the PRC gives a DATA_TRANSFER finding, and so does a chat assistant whose privacy policy
 * names a controller registered in China (the Mistral counterexample does not); an SPDX inventory whose contained camera
 * is supplied by a company registered in the PRC gives a COMPONENT finding. Inventories are constructed (see the resources'
 * README); device records, grant exports and registry rows are the crawler's real fixtures or verbatim rows of them.
 */
@ExtendWith(Neo4jTestServer.class)
class ProductSourcesPipelineTest {
    private static final Path CRAWLER_FIXTURES = Path.of("../crawler/src/test/resources/fixtures");
    private static final String OUI_URL = "https://standards-oui.ieee.org/oui/oui.csv";
    private static final String OUI_TP_LINK = "TP-LINK TECHNOLOGIES CO.,LTD.";
    private static final String OUI_HIKVISION = "Hangzhou Hikvision Digital Technology Co.,Ltd.";
    private static final String INVENTORY_HEADER = "operator,sector,product,vendor,model,cpe,fcc_id,mac,count\n";

    private Pipeline pipeline;

    @BeforeEach
    void start(Driver driver, @TempDir Path dir) throws Exception {
        Neo4jTestServer.clear(driver);
        pipeline = new Pipeline(dir);
    }

    @AfterEach
    void stop() throws Exception {
        System.clearProperty("trustmap.vendor-pages");
        pipeline.close();
    }

    @Test
    void whiteLabelRouterIsExposedByMakerThroughItsDeviceRecordsTpLinkGrant(Driver driver) throws Exception {
        pipeline.inventoryText("routers.csv", INVENTORY_HEADER
                + "Example Grid Operator,energy,Substation Wi-Fi router,Rosewill,RNX-AC750RT,,,,8\n");
        Capture device = pipeline.source("devicecode",
                CRAWLER_FIXTURES.resolve("devicecode/tid_Rosewill_RNX-AC750RT.json"));
        Capture oui = pipeline.sourceResource("ieee-oui", "oui-rows.csv");
        pipeline.refresh(driver);
        assertThat(pipeline.problems()).isEmpty();

        String router = ProductIds.of("Rosewill", "RNX-AC750RT", null, null);
        assertThat(router).isEqualTo("rosewill/rnx-ac750rt");
        StoredFinding f = StoredFinding.of(driver, router, DEFAULT_PROFILE);
        assertThat(f.verdict()).isEqualTo("EXPOSED");
        assertThat(f.routes()).containsExactly("MAKER");
        assertThat(f.jurisdictions()).containsExactly("CN");

        List<Map<String, Object>> path = f.path("MAKER");
        assertThat(path).extracting(h -> h.get("relation")).containsExactly("MADE_BY", "BASED_IN");
        Map<String, Object> madeBy = path.get(0);
        // the white label's real maker (the TE7C2 grantee), on the device record's evidence (its wiki page)
        assertThat(madeBy).containsEntry("from", "Substation Wi-Fi router").containsEntry("to", OUI_TP_LINK)
                .containsEntry("source", "devicecode")
                .containsEntry("evidence", "https://techinfodepot.shoutwiki.com/wiki/Rosewill_RNX-AC750RT")
                .containsEntry("recordId", device.warcRecordId());
        assertThat(path.get(1)).containsEntry("from", OUI_TP_LINK).containsEntry("to", "CN")
                .containsEntry("source", "ieee-oui").containsEntry("evidence", OUI_URL)
                .containsEntry("recordId", oui.warcRecordId());
        for (Map<String, Object> hop : path) {
            assertThat(hop).as("hop %s", hop).containsKeys("source", "evidence", "recordId");
        }
    }

    @Test
    void radioWhoseOnlyGranteeIsInMalaysiaIsNotExposed(Driver driver) throws Exception {
        pipeline.inventoryText("radios.csv", INVENTORY_HEADER
                + "Example Port Authority,transport,Handheld radio,Vertex Standard,,,AXI11464620,,20\n");
        pipeline.source("fcc-grantees",
                CRAWLER_FIXTURES.resolve("fcc-grantees/fcc_eas_auth_search_AXI_vertex_standard_usa.xml"));
        pipeline.refresh(driver);
        assertThat(pipeline.problems()).isEmpty();

        // the grant export's applicant address gives the grantee its country
        assertThat(driver.executableQuery("""
                MATCH (o:Organization)-[:BASED_IN]->(j:Jurisdiction) WHERE 'Vertex Standard USA, Inc.' IN o.names
                RETURN collect(j.code) AS codes""").execute().records().get(0).get("codes").asList(v -> v.asString()))
                .containsExactly("MY");
        String radio = ProductIds.of("Vertex Standard", "", "Handheld radio", null);
        assertThat(driver.executableQuery("""
                MATCH (:Product {id: $id})-[m:MADE_BY]->(o:Organization) WHERE m.kind = 'FCC_GRANTEE'
                RETURN o.name AS name""").withParameters(Map.of("id", radio)).execute().records())
                .extracting(r -> r.get("name").asString()).containsExactly("Vertex Standard USA, Inc.");

        StoredFinding f = StoredFinding.of(driver, radio, DEFAULT_PROFILE);
        assertThat(f.verdict()).isNotEqualTo("EXPOSED");
        assertThat(f.findings()).isEmpty();
        assertThat(f.reaches()).isEmpty();
    }

    @Test
    void chatAssistantWhosePrivacyPolicyNamesAControllerRegisteredInChinaGivesADataTransferFinding(Driver driver)
            throws Exception {
        // the catalog's parser reads the rules from data/vendor-pages of the working folder (the module here)
        System.setProperty("trustmap.vendor-pages", "../data/vendor-pages");
        pipeline.inventoryText("assistants.csv", INVENTORY_HEADER
                + "Example Ministry,public-administration,Chat assistant,DeepSeek,DeepSeek Chat,,,,1\n"
                + "Example Ministry,public-administration,Chat assistant (EU),Mistral AI,Le Chat,,,,1\n");
        Capture deepseek = pipeline.source("vendor-pages",
                CRAWLER_FIXTURES.resolve("vendor-pages/deepseek_privacy_policy.snapshot.html"));
        pipeline.source("vendor-pages", CRAWLER_FIXTURES.resolve("vendor-pages/mistral_le_chat_privacy_policy.snapshot.html"));
        pipeline.refresh(driver);
        assertThat(pipeline.problems()).isEmpty();

        StoredFinding f = StoredFinding.of(driver, "deepseek/deepseek-chat", DEFAULT_PROFILE);
        assertThat(f.verdict()).isEqualTo("EXPOSED");
        assertThat(f.routes()).containsExactly("DATA_TRANSFER");
        assertThat(f.jurisdictions()).containsExactly("CN");
        List<Map<String, Object>> path = f.path("DATA_TRANSFER");
        assertThat(path).extracting(h -> h.get("relation")).containsExactly("SENDS_DATA_TO", "BASED_IN");
        assertThat(path.get(0)).containsEntry("to", "Hangzhou DeepSeek Artificial Intelligence Co., Ltd.")
                .containsEntry("source", "vendor-pages").containsEntry("recordId", deepseek.warcRecordId());
        assertThat(path.get(1)).containsEntry("to", "CN").containsEntry("source", "vendor-pages");

        StoredFinding mistral = StoredFinding.of(driver, "mistral-ai/le-chat", DEFAULT_PROFILE);
        assertThat(mistral.verdict()).isNotEqualTo("EXPOSED");
        assertThat(mistral.findings()).isEmpty();
    }

    @Test
    void cycloneDxServiceWhoseProviderIsRegisteredInChinaGivesADataTransferFinding(Driver driver) throws Exception {
        Capture bom = pipeline.inventory("constructed-cyclonedx-camera-cloud.json");
        Capture oui = pipeline.sourceResource("ieee-oui", "oui-rows.csv");
        pipeline.refresh(driver);
        assertThat(pipeline.problems()).isEmpty();

        String gateway = ProductIds.of("Example Video Systems GmbH", "test-video-gateway-1", null, null);
        StoredFinding f = StoredFinding.of(driver, gateway, DEFAULT_PROFILE);
        assertThat(f.verdict()).isEqualTo("EXPOSED");
        assertThat(f.routes()).containsExactly("DATA_TRANSFER");
        assertThat(f.jurisdictions()).containsExactly("CN");
        List<Map<String, Object>> path = f.path("DATA_TRANSFER");
        assertThat(path).extracting(h -> h.get("relation")).containsExactly("SENDS_DATA_TO", "BASED_IN");
        assertThat(path.get(0)).containsEntry("to", OUI_HIKVISION).containsEntry("source", "inventory")
                .containsEntry("recordId", bom.warcRecordId()).containsEntry("date", "2026-05-04");
        assertThat(path.get(1)).containsEntry("to", "CN").containsEntry("source", "ieee-oui")
                .containsEntry("recordId", oui.warcRecordId());
        assertThat(driver.executableQuery("""
                MATCH (:Product {id: $id})-[s:SENDS_DATA_TO]->(:Organization) RETURN s.source AS source""")
                .withParameters(Map.of("id", gateway)).execute().records())
                .extracting(r -> r.get("source").asString()).containsExactly("inventory");
    }

    @Test
    void spdxInventoryWhoseContainedCameraIsSuppliedByACompanyRegisteredInChinaGivesAComponentFinding(Driver driver)
            throws Exception {
        Capture doc = pipeline.source("inventory",
                CRAWLER_FIXTURES.resolve("inventory/constructed_spdx_2.3_substation_video_gateway.json"));
        Capture oui = pipeline.sourceResource("ieee-oui", "oui-rows.csv");
        pipeline.refresh(driver);
        assertThat(pipeline.problems()).extracting(p -> p.location()).containsExactly("packages[5]");

        String gateway = ProductIds.of("Example Energy Systems GmbH", "test-substation-video-gateway-1", null, null);
        StoredFinding f = StoredFinding.of(driver, gateway, DEFAULT_PROFILE);
        assertThat(f.verdict()).isEqualTo("EXPOSED");
        assertThat(f.routes()).containsExactly("COMPONENT");
        assertThat(f.jurisdictions()).containsExactly("CN");
        List<Map<String, Object>> path = f.path("COMPONENT");
        assertThat(path).extracting(h -> h.get("relation")).containsExactly("CONTAINS", "MADE_BY", "BASED_IN");
        assertThat(path.get(0)).containsEntry("source", "inventory").containsEntry("recordId", doc.warcRecordId())
                .containsEntry("date", "2026-05-06");
        assertThat(path.get(1)).containsEntry("to", OUI_HIKVISION).containsEntry("recordId", doc.warcRecordId());
        assertThat(path.get(2)).containsEntry("to", "CN").containsEntry("source", "ieee-oui")
                .containsEntry("recordId", oui.warcRecordId());
    }
}
