package org.trustmap.crawler.sources.opensanctions;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import org.apache.jena.graph.Node;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.trustmap.crawler.Tm;
import org.trustmap.crawler.sources.SourceFixture;

class FtmEntitiesTest {
    private static final String FTM = "ftm_zala_cluster_companies.ftm.json";
    private static final String CST = "entity/NK-abdzbEBkqyT29GyREbiURZ";
    private static final String KALASHNIKOV = "entity/NK-nR5AXM9AVPq4pQaSPSaVam";

    private static SourceFixture fixture() {
        return SourceFixture.parse("opensanctions", FTM, new OpenSanctionsParser());
    }

    @Test
    void companiesBecomeOrganizationsWithTheirRegisterJurisdictionNumbersAndListFlags() {
        SourceFixture staged = fixture();
        assertThat(staged.problems).isEmpty();
        assertThat(staged.count(Tm.Organization)).isEqualTo(11);
        assertThat(staged.value(CST, Tm.name)).isEqualTo("LLC CST");
        assertThat(staged.value(CST, Tm.legalJurisdiction)).isEqualTo("RU");
        assertThat(staged.values(CST, Tm.basedIn)).isEmpty(); // country ru = jurisdiction ru, said once
        assertThat(staged.value(CST, Tm.registeredAs)).isEqualTo("1091841000624");
        assertThat(staged.values(CST, Tm.flag)).contains("US_OFAC_SDN", "US_TRADE_CSL", "UA_NSDC_SANCTIONS",
                "EU_FSF").doesNotContain("EXT_RU_EGRUL", "PERMID");
        assertThat(staged.value(CST, Tm.evidenceUrl)).startsWith("https://");
        assertThat(staged.value(CST, Tm.evidenceDate)).matches("2026-04-\\d\\d");
        assertThat(staged.value(CST, Tm.recordRef)).endsWith("(entity NK-abdzbEBkqyT29GyREbiURZ)");
        assertThat(staged.conforms()).isTrue();
    }

    @Test
    void namesInSeveralScriptsAreKeptAsOtherNames() {
        SourceFixture staged = fixture();
        String holding = "entity/NK-DSxJ9ZzHxBBMyEMnnTBhai";
        assertThat(staged.value(holding, Tm.name)).isEqualTo("Акціонерне товариство \"ТрансКомплектХолдинг\"");
        assertThat(staged.values(holding, Tm.otherName)).contains("Joint-Stock Company \"TransKomplektHolding\"",
                "Акционерное общество \"ТрансКомплектХолдинг\"", "Aktsionerne tovarystvo \"TransKomplektKholdynh\"");
    }

    @Test
    void aCompanyThatIsNoSanctionsTargetCarriesNoFlagAndNoEvidencePageOfItsOwnIsInvented() {
        SourceFixture staged = fixture();
        String izhtelecom = "entity/NK-56Edov9bas9puzaChH5pBy"; // target false, datasets [ext_ru_egrul]
        assertThat(staged.values(izhtelecom, Tm.flag)).isEmpty();
        assertThat(staged.value(izhtelecom, Tm.evidenceUrl))
                .isEqualTo("https://www.opensanctions.org/entities/NK-56Edov9bas9puzaChH5pBy/");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            // Ownership entity                         | owner record | kind         | share | start      | end
            "ru-29477727b21c0f44d9c8b2e0c3697b8e028f8f5f | NK-nR5AXM9AVPq4pQaSPSaVam | SHAREHOLDING | 49 | 2016-03-29 | -",
            "NK-3NyeuT6JeJDLhGEyH3JD52                   | NK-nR5AXM9AVPq4pQaSPSaVam | STATED       | -  | -          | -",
            "ru-1de03979d6d800891cc047a737d0609600fff99f | NK-DSxJ9ZzHxBBMyEMnnTBhai | SHAREHOLDING | 2  | 2019-05-24 | 2023-12-21"})
    void ownershipsAreControlLinksFromTheAssetToTheOwnerWithShareAndDates(String id, String owner, String kind,
                                                                          String share, String start, String end) {
        SourceFixture staged = fixture();
        Node link = staged.record("entity/" + id);
        assertThat(staged.value(link, Tm.relation)).isEqualTo("CONTROLLED_BY");
        assertThat(staged.values(link, Tm.from)).containsExactly(staged.record(CST).getURI());
        assertThat(staged.values(link, Tm.to)).containsExactly(staged.record("entity/" + owner).getURI());
        assertThat(staged.value(link, Tm.controlKind)).isEqualTo(kind);
        assertThat(staged.values(link, Tm.share)).containsExactlyElementsOf(listOf(share));
        assertThat(staged.values(link, Tm.startDate)).containsExactlyElementsOf(listOf(start));
        assertThat(staged.values(link, Tm.endDate)).containsExactlyElementsOf(listOf(end));
        assertThat(staged.values(link, Tm.linkStatus)).containsExactlyElementsOf(listOf(end == null ? null : "INACTIVE"));
        assertThat(staged.value(link, Tm.evidenceUrl))
                .isEqualTo("https://www.opensanctions.org/entities/NK-abdzbEBkqyT29GyREbiURZ/");
    }

    private static java.util.List<String> listOf(String value) {
        return value == null ? java.util.List.of() : java.util.List.of(value);
    }

    @Test
    void theFullExportStagesNoPersonAndSkipsOwnershipByPersonsQuietly() throws Exception {
        var file = SourceFixture.shared("opensanctions/ftm_zala_cluster_entities.ftm.json");
        Assumptions.assumeTrue(Files.exists(file), "shared fixtures not mounted");
        SourceFixture staged = SourceFixture.parse("opensanctions", Files.readAllBytes(file),
                "file:///data/opensanctions/entities.ftm.json", new OpenSanctionsParser());
        assertThat(staged.problems).isEmpty();
        assertThat(staged.count(Tm.Organization)).isEqualTo(11); // 6 Person entities are not staged
        assertThat(staged.count(Tm.Link)).isEqualTo(3); // 11 of the 14 ownerships have a person as owner
        for (Node org : staged.subjects(Tm.Organization)) {
            assertThat(staged.label(org)).doesNotContainIgnoringCase("zakharov");
        }
        assertThat(staged.conforms()).isTrue();
    }

    @Test
    void badLinesAreReportedWithTheirLineAndTheRestIsStaged() {
        // constructed: a broken line, an ownership whose owner is not in the document, then a good company
        String jsonl = """
                {"id": "x-1", "schema": "Company", "caption": "Hangzhou Hikvision Digital Technology Co., Ltd.", "properties": {"name": ["Hangzhou Hikvision Digital Technology Co., Ltd."], "country": ["cn"], "leiCode": ["not-an-lei"]}, "datasets": ["us_dod_chinese_milcorps"], "target": true, "last_seen": "2026-04-29T12:00:00"}
                {"id": "x-2", "schema": "Company", "properties": {
                {"id": "x-3", "schema": "Ownership", "properties": {"owner": ["x-404"], "asset": ["x-1"], "percentage": ["41.88"]}}
                {"id": "x-4", "schema": "Company", "caption": "China Electronics Technology Group Corporation", "properties": {"name": ["China Electronics Technology Group Corporation"], "jurisdiction": ["China"]}}
                """;
        SourceFixture staged = SourceFixture.parse("opensanctions", jsonl.getBytes(StandardCharsets.UTF_8),
                "file:///data/entities.ftm.json", new OpenSanctionsParser());
        assertThat(staged.problems).extracting(p -> p.location()).containsExactly("line 2", "line 3 (Ownership x-3)");
        assertThat(staged.problems.get(1).reason()).isEqualTo("owner x-404 is no organization in this document");
        assertThat(staged.values("entity/x-1", Tm.flag)).containsExactly("US_DOD_1260H");
        assertThat(staged.values("entity/x-1", Tm.basedIn)).containsExactly("CN");
        assertThat(staged.values("entity/x-1", Tm.lei)).isEmpty();
        assertThat(staged.value("entity/x-4", Tm.legalJurisdiction)).isEqualTo("CN");
        assertThat(staged.conforms()).isTrue();
    }
}
