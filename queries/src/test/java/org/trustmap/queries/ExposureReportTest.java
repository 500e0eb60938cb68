package org.trustmap.queries;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.neo4j.driver.Driver;
import org.trustmap.graph.Neo4jTestServer;
import org.trustmap.queries.ExposureEntry.Hop;

@ExtendWith(Neo4jTestServer.class)
class ExposureReportTest {

    @BeforeAll
    static void graph(Driver driver) {
        Neo4jTestServer.clear(driver);
        TestGraph.write(driver);
    }

    @Test
    void oneEntryPerDeploymentOrderedByVerdictSectorOperatorProduct(Driver driver) {
        List<ExposureEntry> entries = new ExposureReport().read(driver, Optional.empty());
        assertThat(entries).extracting(e -> List.of(e.verdict().name(), e.sector(), e.operator(), e.product().id()))
                .containsExactly(
                        List.of("EXPOSED", "energy", "Energo Example", "cam-1"),
                        List.of("EXPOSED", "healthcare", "Nemocnice Example", "cam-1"),
                        List.of("UNDETERMINED", "energy", "Energo Example", "inv-1"),
                        List.of("UNDETERMINED", "public administration", "Město Example", "router-1"),
                        List.of("NOT_FOUND", "energy", "Energo Example", "plug-1"));
    }

    @Test
    void anExposedEntryCarriesEveryPathWithItsEvidence(Driver driver) {
        ExposureEntry cam = new ExposureReport().read(driver, Optional.of("cam-1")).get(1);
        assertThat(cam.operator()).isEqualTo("Nemocnice Example");
        assertThat(cam.count()).isEqualTo(12L);
        assertThat(cam.product()).isEqualTo(new ExposureEntry.Product("cam-1", "DS-2CD2143G2-I", "Hikvision"));
        assertThat(cam.profile()).isEqualTo(new ExposureEntry.Profile(TestGraph.PROFILE, TestGraph.HASH));
        assertThat(cam.findings()).extracting(ExposureEntry.Finding::route).containsExactly("MAKER", "DATA_TRANSFER");
        assertThat(cam.findings().get(0).path()).extracting(Hop::relation)
                .containsExactly("MADE_BY", "CONTROLLED_BY", "CONTROLLED_BY", "BASED_IN");
        assertThat(cam.findings().get(0).path().get(1)).isEqualTo(new Hop(
                "Hangzhou Hikvision Digital Technology Co.,Ltd.", "CONTROLLED_BY", "CETC Investment Holdings Co., Ltd.",
                "opensanctions-1260h", TestGraph.MILCORPS, "2025-01-07", "urn:uuid:rec-hik-inv"));
        assertThat(cam.findings().get(1).path().get(0).to()).isEqualTo(TestGraph.CLOUD);
        assertThat(cam.gaps()).isEmpty();
    }

    @Test
    void theLatestRunsFindingWinsAndAProductWithoutFindingIsNotDerivedYet(Driver driver) {
        ExposureEntry inverter = new ExposureReport().read(driver, Optional.of("inv-1")).get(0);
        assertThat(inverter.verdict()).isEqualTo(Verdict.UNDETERMINED);
        assertThat(inverter.gaps()).containsExactly("maker unknown", "no MAC OUI on record");
        assertThat(inverter.profile().name()).isEqualTo(TestGraph.PROFILE);

        ExposureEntry router = new ExposureReport().read(driver, Optional.of("router-1")).get(0);
        assertThat(router.verdict()).isEqualTo(Verdict.UNDETERMINED);
        assertThat(router.gaps()).containsExactly(ExposureEntry.NOT_DERIVED);
        assertThat(router.count()).isNull();
        assertThat(router.profile()).isEqualTo(new ExposureEntry.Profile(null, null));
    }

    @Test
    void anUnknownProductHasNoEntries(Driver driver) {
        assertThat(new ExposureReport().read(driver, Optional.of("no-such-product"))).isEmpty();
    }

    @Test
    void jsonOfTheReportHasTheDocumentedStructure(Driver driver) throws Exception {
        StringBuilder out = new StringBuilder();
        ExposureWriter.write(new ExposureReport().read(driver, Optional.empty()), OutputFormat.JSON, out);
        JsonNode root = new ObjectMapper().readTree(out.toString());
        assertThat(root).hasSize(5);
        JsonNode cam = root.get(0);
        assertThat(cam.at("/product/id").asText()).isEqualTo("cam-1");
        assertThat(cam.at("/product/vendor").asText()).isEqualTo("Hikvision");
        assertThat(cam.at("/operator").asText()).isEqualTo("Energo Example");
        assertThat(cam.at("/sector").asText()).isEqualTo("energy");
        assertThat(cam.at("/verdict").asText()).isEqualTo("EXPOSED");
        assertThat(cam.at("/findings/0/route").asText()).isEqualTo("MAKER");
        assertThat(cam.at("/findings/0/jurisdiction").asText()).isEqualTo("CN");
        assertThat(cam.at("/findings/0/path/0/evidence").asText()).isEqualTo(TestGraph.OUI);
        assertThat(cam.at("/findings/0/path/0/recordId").asText()).isEqualTo("urn:uuid:rec-cam-hik");
        assertThat(cam.at("/findings/1/path/1/date").isNull()).isTrue();
        assertThat(cam.at("/profile/hash").asText()).isEqualTo(TestGraph.HASH);
        assertThat(root.get(3).at("/gaps/0").asText()).isEqualTo("not derived yet");
    }

    @Test
    void csvOfTheReportHasOneRowPerDeployment(Driver driver) throws Exception {
        StringBuilder out = new StringBuilder();
        ExposureWriter.write(new ExposureReport().read(driver, Optional.empty()), OutputFormat.CSV, out);
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(out.toString())).getRecords();
        assertThat(rows).hasSize(5);
        CSVRecord cam = rows.get(0);
        assertThat(cam.get("routes")).isEqualTo("MAKER; DATA_TRANSFER");
        assertThat(cam.get("jurisdictions")).isEqualTo("CN; HK");
        assertThat(cam.get("first_path")).isEqualTo("DS-2CD2143G2-I -MADE_BY-> Hangzhou Hikvision Digital Technology "
                + "Co.,Ltd. -CONTROLLED_BY-> CETC Investment Holdings Co., Ltd. -CONTROLLED_BY-> China Electronics "
                + "Technology Group Corporation -BASED_IN-> CN");
        assertThat(cam.get("evidence")).isEqualTo(TestGraph.OUI + " " + TestGraph.MILCORPS + " " + TestGraph.GLEIF);
        assertThat(rows.get(2).get("gaps")).isEqualTo("maker unknown; no MAC OUI on record");
        assertThat(rows.get(4).get("verdict")).isEqualTo("NOT_FOUND");
    }

    @Test
    void tableOfTheReportSummarizesPathsAndCountsVerdicts(Driver driver) {
        StringBuilder out = new StringBuilder();
        ExposureWriter.write(new ExposureReport().read(driver, Optional.empty()), OutputFormat.TABLE, out);
        String table = out.toString();
        // too long for a cell: cut in the middle, so the route and the jurisdiction stay visible
        assertThat(table).containsPattern("\\| MAKER: Hangzhou Hikvision[^|]*…[^|]*Group Corporation \\(CN\\) \\|");
        assertThat(table).contains("DATA_TRANSFER: " + TestGraph.CLOUD + " (HK)");
        assertThat(table.lines().toList().get(0)).startsWith("verdict ");
        assertThat(table).endsWith("2 EXPOSED, 2 UNDETERMINED, 1 NOT_FOUND (5 deployments)\n");
    }
}
