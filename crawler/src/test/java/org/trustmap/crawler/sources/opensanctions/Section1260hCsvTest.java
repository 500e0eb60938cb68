package org.trustmap.crawler.sources.opensanctions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.apache.jena.graph.Node;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.trustmap.crawler.SourceCatalog;
import org.trustmap.crawler.SourceParseException;
import org.trustmap.crawler.Tm;
import org.trustmap.crawler.sources.SourceFixture;

class Section1260hCsvTest {
    private static final String CSV = "us_dod_chinese_milcorps_1260h_sanctions.csv";
    private static final String NOTICE_2025 = "https://media.defense.gov/2025/Jan/07/2003625471/-1/-1/1/"
            + "ENTITIES-IDENTIFIED-AS-CHINESE-MILITARY-COMPANIES-OPERATING-IN-THE-UNITED-STATES.PDF";
    private static final String NOTICE_2026 = "https://media.defense.gov/2026/Jun/08/2003945537/-1/-1/1/"
            + "ENTITIES-IDENTIFIED-AS-CHINESE-MILITARY-COMPANIES-OPERATING-IN-THE-UNITED-STATES-IN-ACCORDANCE-WITH-SECTION-1260H.PDF";
    private static SourceFixture staged;

    @BeforeAll
    static void parse() {
        staged = SourceFixture.parse("opensanctions", CSV, new OpenSanctionsParser());
    }

    @Test
    void everyRowIsAnOrganizationAndTheGraphPassesTheShapes() {
        assertThat(staged.problems).isEmpty();
        assertThat(staged.where(Tm.Organization, Tm.flag, "US_DOD_1260H")).hasSize(376); // 397 rows, 21 delisted
        assertThat(staged.has("line/398")).isTrue();
        assertThat(staged.conforms()).isTrue();
    }

    @Test
    void hikvisionIsFlaggedAndControlledByCetcOnTheEvidenceOfThe2025Notice() {
        assertThat(staged.value("line/165", Tm.name)).isEqualTo("Hangzhou Hikvision Digital Technology Co., Ltd.");
        assertThat(staged.values("line/165", Tm.otherName)).containsExactly("Hikvision");
        assertThat(staged.values("line/165", Tm.flag)).containsExactly("US_DOD_1260H");
        assertThat(staged.value("line/165", Tm.evidenceUrl)).isEqualTo(NOTICE_2025);
        assertThat(staged.value("line/165", Tm.evidenceDate)).isEqualTo("2025-01-07");
        assertThat(staged.value("line/165", Tm.recordRef)).isEqualTo("line 165");
        assertThat(staged.value("line/165", Tm.confidence)).isEqualTo("list");

        assertThat(staged.value("line/165/parent", Tm.name)).isEqualTo("China Electronics Technology Group Corporation");
        Node link = staged.record("line/165/parent-link");
        assertThat(staged.value(link, Tm.relation)).isEqualTo("CONTROLLED_BY");
        assertThat(staged.value(link, Tm.controlKind)).isEqualTo("STATED");
        assertThat(staged.value(link, Tm.evidenceUrl)).isEqualTo(NOTICE_2025);
        assertThat(staged.links("CONTROLLED_BY")).contains(
                "Hangzhou Hikvision Digital Technology Co., Ltd. -> China Electronics Technology Group Corporation",
                "Huawei Technologies Co., Ltd. -> Huawei Investment & Holding Co., Ltd.",
                "China Mobile Hong Kong (BVI) Limited -> China Mobile Communications Group Co., Ltd.",
                "China Unicom (Hong Kong) Limited -> China United Network Communications Group Co., Ltd.",
                "Shenzhen Dajiang Baiwang Technology Co., Ltd. -> Shenzhen DJI Innovation Technology Co., Ltd.");
    }

    @Test
    void rowsWithoutSourceUrlCiteTheDatasetPageAndTheirEdition() {
        // line 25: the 2021-06-03 edition, no Source Url in the transcription
        assertThat(staged.value("line/25", Tm.evidenceUrl)).isEqualTo(Section1260hCsvParser.DATASET_URL);
        assertThat(staged.value("line/25", Tm.evidenceDate)).isEqualTo("2021-06-03");
        assertThat(staged.value("line/25/parent-link", Tm.evidenceUrl)).isEqualTo(Section1260hCsvParser.DATASET_URL);
    }

    @Test
    void delistedRowsKeepTheirNamesAndParentButLoseTheFlag() {
        // line 43: China Marine Information Electronics Company Limited, 2021-06-03 .. 2025-01-07
        assertThat(staged.value("line/43", Tm.name)).isEqualTo("China Marine Information Electronics Company Limited");
        assertThat(staged.values("line/43", Tm.flag)).isEmpty();
        assertThat(staged.values("line/43", Tm.endDate)).isEmpty();
        assertThat(staged.value(staged.link("CONTROLLED_BY", "China Marine Information Electronics Company Limited",
                "China State Shipbuilding Corporation Limited"), Tm.controlKind)).isEqualTo("STATED");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "14  | Knownsec; Beijing Kownsec",
            "88  | China Avionics Systems Co., Ltd.",
            "224 | Zhonghang Electronic Measuring Instruments Company Limited; ZEMIC",
            "365 | Phoenix Optics Company Limited"})
    void aliasesAndPreviousNamesAreOtherNamesSplitWhereTheCellListsSeveral(int line, String others) {
        assertThat(staged.values("line/" + line, Tm.otherName)).containsExactlyInAnyOrder(others.split("; "));
    }

    @Test
    void aParentsTrailingAcronymIsAnOtherNameNotPartOfItsName() {
        // line 108: Parent Name "China Aerospace Science and Industry Corporation Limited (CASIC)"
        assertThat(staged.value("line/108/parent", Tm.name))
                .isEqualTo("China Aerospace Science and Industry Corporation Limited");
        assertThat(staged.values("line/108/parent", Tm.otherName)).containsExactly("CASIC");
        // "(Limited)" is part of a name, not an acronym
        assertThat(staged.value("line/262/parent", Tm.name)).isEqualTo("China Communications Construction Group (Limited)");
    }

    @Test
    void aNoteStatingOwnershipBySasacLinksTheCompanyToSasacBasedInChina() {
        // line 353 Note: "Hikvision is indirectly owned by SASAC and is directly affiliated with the PLA (Section
        // 1260H(g)(2)(B)(i)(I)). ..." - the 2026-06-08 notice's own words, not an inference from the listing
        assertThat(staged.value("line/353/state", Tm.name)).isEqualTo(StateOwnershipNote.SASAC_NAME);
        assertThat(staged.values("line/353/state", Tm.otherName)).containsExactly("SASAC");
        assertThat(staged.values("line/353/state", Tm.basedIn)).containsExactly("CN");
        assertThat(staged.value("line/353/state", Tm.evidenceUrl)).isEqualTo(NOTICE_2026);
        Node link = staged.record("line/353/state-link");
        assertThat(staged.value(link, Tm.controlKind)).isEqualTo("STATE");
        assertThat(staged.value(link, Tm.recordRef)).isEqualTo("line 353 (Note: indirectly owned by SASAC)");
        assertThat(staged.value(link, Tm.evidenceDate)).isEqualTo("2026-06-08");
        // line 285 Note: "CETC is directly owned and controlled by SASAC, ..."
        assertThat(staged.value("line/285/state-link", Tm.recordRef))
                .isEqualTo("line 285 (Note: directly owned and controlled by SASAC)");
    }

    @Test
    void affiliationIsNotOwnershipAndTheListItselfStatesNoCountry() {
        // line 214 Note: "Alibaba is indirectly affiliated with SASAC (Section 1260H(g)(2)(B)(i)(I)). ..."
        assertThat(staged.has("line/214")).isTrue();
        assertThat(staged.has("line/214/state")).isFalse();
        for (Node org : staged.subjects(Tm.Organization)) {
            if (!staged.values(org, Tm.name).contains(StateOwnershipNote.SASAC_NAME)) {
                assertThat(staged.values(org, Tm.basedIn)).as(staged.label(org)).isEmpty();
                assertThat(staged.values(org, Tm.legalCountry)).as(staged.label(org)).isEmpty();
                assertThat(staged.values(org, Tm.legalJurisdiction)).as(staged.label(org)).isEmpty();
            }
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // notes quoted verbatim from the CSV's Note column
            "CH UAV is indirectly owned by the State-Owned Assets Supervision and Administration Commission of the State Council (SASAC) and is directly affiliated with the People’s Liberation Army (PLA) | indirectly owned by the State-Owned Assets Supervision and Administration Commission of the State Council (SASAC)",
            "Aerosun is indirectly owned by the SASAC and is indirectly affiliated with SASAC (Section 1260H(g)(2)(B)(i)(I)). | indirectly owned by the SASAC",
            "CCTC is directly controlled by SASAC (Section 1260H(g)(2)(B)(i)(I)). | directly controlled by SASAC",
            "CloudWalk is indirectly owned by and indirectly affiliated with SASAC (Section 1260H(g)(2)(B)(i)(I)). | indirectly owned by and indirectly affiliated with SASAC",
            "SDIC Intelligence is indirectly owned and controlled by SASAC and is indirectly affiliated with Chinese security forces | indirectly owned and controlled by SASAC",
            "Alibaba is indirectly affiliated with SASAC (Section 1260H(g)(2)(B)(i)(I)). | ''",
            "Tencent is indirectly affiliated with the PLA (Section 1260H(g)(2)(B)(i)(I)). | ''",
            "No longer owned by SMIC | ''",
            "Hesai Group is directly affiliated with MIIT and is indirectly affiliated with SASAC of the State Council and the PLA | ''"})
    void onlyWordsOfOwnershipOrControlBySasacCount(String note, String phrase) {
        if (phrase.isEmpty()) {
            assertThat(StateOwnershipNote.sasacOwnership(note)).isEmpty();
        } else {
            assertThat(StateOwnershipNote.sasacOwnership(note)).contains(phrase);
        }
    }

    @Test
    void badRowsAreReportedWithTheirLineAndTheRestIsStaged() {
        // constructed: a real row, a row with a broken date, a row naming nothing, a real row
        String csv = """
                Name,Clean Name,Alias,Previous Name,Parent Name,Note,Start date,End date,Source Url
                "Huawei Technologies Co., Ltd. (Huawei)","Huawei Technologies Co., Ltd.",Huawei,,"Huawei Investment & Holding Co., Ltd.",,2026-06-08,,%s
                Broken Date Co,Broken Date Co,,,,,08/06/2026,,
                ,,,,,,2026-06-08,,
                BYD Company Limited,BYD Company Limited,,,,,2025-01-07,,
                """.formatted(NOTICE_2026);
        SourceFixture bad = SourceFixture.parse("opensanctions", csv.getBytes(StandardCharsets.UTF_8),
                "file:///data/sanctions.csv", new OpenSanctionsParser());
        assertThat(bad.problems).extracting(p -> p.location() + ": " + p.reason()).containsExactly(
                "line 3: Start date '08/06/2026' is not a date (yyyy-mm-dd)",
                "line 4: names no company (Name and Clean Name are empty)");
        assertThat(bad.links("CONTROLLED_BY"))
                .containsExactly("Huawei Technologies Co., Ltd. -> Huawei Investment & Holding Co., Ltd.");
        assertThat(bad.has("line/5")).isTrue();
        assertThat(bad.conforms()).isTrue();
    }

    @Test
    void aCsvWithAnotherHeaderIsRefusedByName() {
        byte[] body = "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> SourceFixture.parse("opensanctions", body, "file:///x/other.csv",
                new OpenSanctionsParser())).isInstanceOf(SourceParseException.class)
                .hasMessageContaining("other.csv line 1");
    }

    @Test
    void theCatalogKnowsTheSource() {
        assertThat(SourceCatalog.parser("opensanctions")).get().isInstanceOf(OpenSanctionsParser.class);
    }
}
