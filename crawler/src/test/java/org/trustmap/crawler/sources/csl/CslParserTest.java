package org.trustmap.crawler.sources.csl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.apache.jena.graph.Node;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.trustmap.crawler.SourceCatalog;
import org.trustmap.crawler.Tm;
import org.trustmap.crawler.sources.SourceFixture;

class CslParserTest {

    private static SourceFixture staged(String file) {
        return SourceFixture.parse("csl", file, new CslParser());
    }

    private static Node org(SourceFixture staged, String name) {
        var found = staged.where(Tm.Organization, Tm.name, name);
        assertThat(found).as(name).isNotEmpty();
        return found.get(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ita_webservices_el_expected_results.json", "ita_webservices_uvl_expected_results.json",
            "watchman_csl_consolidated_sample_2025.csv", "watchman_csl_2019.csv"})
    void everyFixtureStagesWithoutProblemsAndConforms(String file) {
        SourceFixture staged = staged(file);
        assertThat(staged.problems).isEmpty();
        assertThat(staged.count(Tm.Organization)).isPositive();
        assertThat(staged.conforms()).isTrue();
    }

    @Test
    void entityListRecordGivesNameAliasesCountryFlagDateAndListUrl() {
        SourceFixture csv = staged("watchman_csl_consolidated_sample_2025.csv");
        Node cetc = org(csv, "China Electronics Technology Group Corporation 13th Research Institute (CETC 13)");
        assertThat(csv.values(cetc, Tm.otherName)).containsExactlyInAnyOrder("Hebei Semiconductor Research Institute", "HSRI",
                "Hebei Institute of Semiconductors", "Hebei Semiconductor Institute", "Hebei Semiconductor",
                "CETC Research Institute 13");
        assertThat(csv.value(cetc, Tm.legalCountry)).isEqualTo("CN");
        assertThat(csv.values(cetc, Tm.flag)).containsExactly("US_BIS_ENTITY_LIST");
        assertThat(csv.value(cetc, Tm.evidenceDate)).isEqualTo("2018-08-01");
        assertThat(csv.value(cetc, Tm.evidenceUrl))
                .isEqualTo("https://www.bis.doc.gov/index.php/policy-guidance/lists-of-parties-of-concern/entity-list");
        assertThat(csv.value(cetc, Tm.recordRef)).startsWith("line 13 (id 99ed1b05");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Academy of Aerospace Solid Propulsion Technology (AASPT) | US_BIS_MEU",
            "Atlas Sanatgaran                                         | US_BIS_UVL",
            "Sinobright Import and Export Company                     | US_STATE_ISN",
            "ROSNEFT TRADE LIMITED                                    | US_TREASURY_SSI"})
    void theListBecomesAFlag(String name, String flag) {
        SourceFixture csv = staged("watchman_csl_consolidated_sample_2025.csv");
        assertThat(csv.values(org(csv, name), Tm.flag)).containsExactly(flag);
    }

    @Test
    void individualsAreNotOrganizationsAndTheSuccessorClauseIsNotPartOfTheName() {
        SourceFixture csv = staged("watchman_csl_consolidated_sample_2025.csv");
        assertThat(csv.subjects(Tm.Organization)).extracting(o -> csv.value(o, Tm.name))
                .doesNotContain("Mohammed ABU JHEISHEH", "RIM, Ryong Nam", "Evren KAYAKIRAN")
                .contains("Sinobright Import and Export Company", "SME BANK", "TNK Trading International S.A.");
    }

    @Test
    void apiJsonGivesHongKongAndMainlandCountriesOfUnverifiedListEntities() {
        SourceFixture uvl = staged("ita_webservices_uvl_expected_results.json");
        Node brilliance = org(uvl, "Brilliance Technology Ltd");
        assertThat(uvl.value(brilliance, Tm.legalCountry)).isEqualTo("HK");
        assertThat(uvl.values(brilliance, Tm.flag)).containsExactly("US_BIS_UVL");
        assertThat(uvl.value(brilliance, Tm.evidenceUrl)).isEqualTo("http://1.usa.gov/1iwwTSJ");
        assertThat(uvl.values(brilliance, Tm.evidenceDate)).isEmpty();
        assertThat(uvl.value(org(uvl, "China National Plant Import/Export Co."), Tm.legalCountry)).isEqualTo("CN");

        SourceFixture el = staged("ita_webservices_el_expected_results.json");
        Node farid = org(el, "Fazal Rahim Farid");
        assertThat(el.values(farid, Tm.otherName)).containsExactlyInAnyOrder("Fazel Rahim Farid", "Farid", "Engineer Idris");
        assertThat(el.value(farid, Tm.evidenceDate)).isEqualTo("2011-11-21");
    }

    @Test
    void addressesInSeveralCountriesGiveNoLegalCountry() {
        // constructed from a real 2025 row: a second address in another country added
        String csv = new String(SourceFixture.bytes("csl", "watchman_csl_consolidated_sample_2025.csv"),
                StandardCharsets.UTF_8).replace("\"Komitas 26/114, Yerevan, Armenia, AM\"",
                "\"Komitas 26/114, Yerevan, Armenia, AM; Tehran, IR\"");
        SourceFixture staged = SourceFixture.parse("csl", csv.getBytes(StandardCharsets.UTF_8),
                "file:///data/csl/consolidated.csv", new CslParser());
        assertThat(staged.values(org(staged, "Atlas Sanatgaran"), Tm.legalCountry)).isEmpty();
    }

    @Test
    void badRecordsAreReportedWithTheirLine() {
        // constructed: a row with a bad date and a row without a list abbreviation, between real rows
        String csv = """
                _id,source,type,name,addresses,start_date,source_list_url,alt_names
                1,Entity List (EL) - Bureau of Industry and Security,,Real Name Co.,"Beijing, CN",2018-13-01,https://www.bis.doc.gov/el,
                2,Some List - Someone,,Other Co.,,,,
                3,Unverified List (UVL) - Bureau of Industry and Security,,Third Co.,"Kowloon, HK",,,
                """;
        SourceFixture staged = SourceFixture.parse("csl", csv.getBytes(StandardCharsets.UTF_8),
                "file:///data/csl/c.csv", new CslParser());
        assertThat(staged.problems).extracting(p -> p.location() + ": " + p.reason()).containsExactly(
                "line 2 (id 1): start_date '2018-13-01' is not yyyy-mm-dd; kept without date",
                "line 3 (id 2): source 'Some List - Someone' names no list abbreviation in parentheses");
        assertThat(staged.subjects(Tm.Organization)).extracting(o -> staged.value(o, Tm.name))
                .containsExactlyInAnyOrder("Real Name Co.", "Third Co.");
        assertThat(staged.conforms()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Entity List (EL) - Bureau of Industry and Security                                | US_BIS_ENTITY_LIST",
            "Military End User (MEU) List - Bureau of Industry and Security                    | US_BIS_MEU",
            "Non-SDN Chinese Military-Industrial Complex Companies List (CMIC) - Treasury Department | US_TREASURY_NS_CMIC",
            "Capta List (CAP) - Treasury Department                                            | US_TREASURY_CAPTA",
            "Non-SDN Menu-Based Sanctions List (NS-MBS List) - Treasury Department             | US_TREASURY_NS_MBS",
            "Some New List (SNL) - Commerce                                                    | US_CSL_SNL"})
    void listNamesMapToFlagIds(String source, String flag) {
        assertThat(CslLists.flag(source)).contains(flag);
    }

    @Test
    void theCatalogKnowsTheSource() {
        assertThat(SourceCatalog.parser("csl")).get().isInstanceOf(CslParser.class);
    }
}
