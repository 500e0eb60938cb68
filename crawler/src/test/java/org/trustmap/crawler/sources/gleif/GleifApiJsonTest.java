package org.trustmap.crawler.sources.gleif;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.trustmap.crawler.Tm;

class GleifApiJsonTest {
    private static final String API = "https://api.gleif.org/api/v1/lei-records/";
    private static final String APPLE_ENERGY = "549300YX4S1LLSMK2627";
    private static final String APPLE_INC = "HWUPKR0MPOU8FGXBT394";

    @Test
    void leiRecordOfAppleEnergy() {
        GleifStaged staged = GleifStaged.fixture("api_single_lei_record_549300YX4S1LLSMK2627.json",
                API + APPLE_ENERGY);
        String key = "lei/" + APPLE_ENERGY;
        assertThat(staged.problems).isEmpty();
        assertThat(staged.value(key, Tm.name)).isEqualTo("APPLE ENERGY LLC");
        assertThat(staged.value(key, Tm.legalJurisdiction)).isEqualTo("US-DE");
        assertThat(staged.value(key, Tm.legalCountry)).isEqualTo("US");
        assertThat(staged.value(key, Tm.hqCountry)).isEqualTo("US");
        assertThat(staged.value(key, Tm.registrationAuthority)).isEqualTo("RA000602");
        assertThat(staged.value(key, Tm.registeredAs)).isEqualTo("6021863");
        assertThat(staged.value(key, Tm.entityStatus)).isEqualTo("ACTIVE");
        assertThat(staged.date(key, Tm.evidenceDate)).isEqualTo(LocalDate.parse("2025-03-04"));
        assertThat(staged.links()).isEmpty();
        assertThat(staged.conforms()).isTrue();
    }

    @ParameterizedTest
    @CsvSource({
            "direct-parent,   IS_DIRECTLY_CONSOLIDATED_BY,   DIRECT_CONSOLIDATION",
            "ultimate-parent, IS_ULTIMATELY_CONSOLIDATED_BY, ULTIMATE_CONSOLIDATION"})
    void parentResponseLinksTheRequestedLeiToTheReturnedParent(String endpoint, String type, String kind) {
        String uri = API + APPLE_ENERGY + "/" + endpoint;
        GleifStaged staged = GleifStaged.fixture("api_" + endpoint + "_" + APPLE_ENERGY + ".json", uri);
        String link = "rr/" + APPLE_ENERGY + "/" + type + "/" + APPLE_INC;

        assertThat(staged.problems).isEmpty();
        assertThat(staged.value("lei/" + APPLE_INC, Tm.name)).isEqualTo("Apple Inc.");
        assertThat(staged.value("lei/" + APPLE_INC, Tm.otherName)).isEqualTo("Apple Computer, Inc.");
        assertThat(staged.value("lei/" + APPLE_INC, Tm.legalJurisdiction)).isEqualTo("US-CA");
        assertThat(staged.value("lei/" + APPLE_ENERGY, Tm.lei)).isEqualTo(APPLE_ENERGY);
        assertThat(staged.value(link, Tm.relation)).isEqualTo("CONTROLLED_BY");
        assertThat(staged.value(link, Tm.controlKind)).isEqualTo(kind);
        assertThat(staged.value(link, Tm.evidenceUrl)).isEqualTo(uri);
        assertThat(staged.object(link, Tm.from)).isEqualTo(staged.record("lei/" + APPLE_ENERGY));
        assertThat(staged.object(link, Tm.to)).isEqualTo(staged.record("lei/" + APPLE_INC));
        assertThat(staged.conforms()).isTrue();
    }

    @Test
    void sameLeiRecordFetchedOutsideAParentEndpointStatesNoLink() {
        GleifStaged staged = GleifStaged.fixture("api_direct-parent_" + APPLE_ENERGY + ".json", API + APPLE_INC);
        assertThat(staged.links()).isEmpty();
        assertThat(staged.has("lei/" + APPLE_ENERGY)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
            "'lei-records?filter%5Bentity.legalName%5D=Microsoft%20Corporation&filter%5Bentity.legalAddress.country%5D=US', 0",
            "'lei-records?filter[fulltext]=Commerzbank', 0",
            "'lei-records?filter%5Blei%5D=549300YX4S1LLSMK2627%2CINR2EJN1ERAN0W5ZP974&page%5Bsize%5D=200', 12"})
    void searchAnswersAreEvidenceOfTheLookUpAndStageNothing(String query, int organizations) {
        // the real multi-record page, as the answer to a search and to a record look-up
        GleifStaged staged = GleifStaged.fixture("api_multi_lei_records.json",
                "https://api.gleif.org/api/v1/" + query);
        assertThat(staged.problems).isEmpty();
        assertThat(staged.has("lei/INR2EJN1ERAN0W5ZP974")).isEqualTo(organizations > 0);
        assertThat(staged.summary.accepted()).isEqualTo(organizations);
    }

    @Test
    void relationshipRecordBecomesAControlledByLink() {
        GleifStaged staged = GleifStaged.fixture("api_direct-parent-relationship_" + APPLE_ENERGY + ".json",
                API + APPLE_ENERGY + "/direct-parent-relationship");
        String link = "rr/" + APPLE_ENERGY + "/IS_DIRECTLY_CONSOLIDATED_BY/" + APPLE_INC;
        assertThat(staged.problems).isEmpty();
        assertThat(staged.value(link, Tm.controlKind)).isEqualTo("DIRECT_CONSOLIDATION");
        assertThat(staged.value(link, Tm.linkStatus)).isEqualTo("ACTIVE");
        assertThat(staged.date(link, Tm.startDate)).isEqualTo(LocalDate.parse("2018-04-10"));
        assertThat(staged.date(link, Tm.evidenceDate)).isEqualTo(LocalDate.parse("2025-03-04"));
        assertThat(staged.value(link, Tm.evidenceUrl)).isEqualTo("https://search.gleif.org/#/record/" + APPLE_ENERGY);
        assertThat(staged.conforms()).isTrue();
    }

    @ParameterizedTest
    @CsvSource({
            "api_direct-parent-reporting-exception_335800CCCPHKUOXPC332.json,   335800CCCPHKUOXPC332, "
                    + "DIRECT_ACCOUNTING_CONSOLIDATION_PARENT,   DIRECT:NATURAL_PERSONS",
            "api_ultimate-parent-reporting-exception_INR2EJN1ERAN0W5ZP974.json, INR2EJN1ERAN0W5ZP974, "
                    + "ULTIMATE_ACCOUNTING_CONSOLIDATION_PARENT, ULTIMATE:NON_CONSOLIDATING"})
    void reportingExceptionBecomesParentException(String fixture, String lei, String category, String exception) {
        GleifStaged staged = GleifStaged.fixture(fixture, API + lei + "/direct-parent-reporting-exception");
        String key = "repex/" + lei + "/" + category;
        assertThat(staged.problems).isEmpty();
        assertThat(staged.value(key, Tm.lei)).isEqualTo(lei);
        assertThat(staged.value(key, Tm.parentException)).isEqualTo(exception);
        assertThat(staged.date(key, Tm.evidenceDate)).as("goldenCopy publishDate").isEqualTo(LocalDate.parse("2025-05-15"));
        assertThat(staged.conforms()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            254900LNRYNOQ9YPU758 | Amazon Digital UK Limited | GB
            INR2EJN1ERAN0W5ZP974 | MICROSOFT CORPORATION     | US-WA
            529900GRZ2BQY5ZM9N49 | PUMA SE                   | DE
            """)
    void everyRecordOfAPageIsStaged(String lei, String name, String jurisdiction) {
        GleifStaged staged = GleifStaged.fixture("api_multi_lei_records.json", API + "?filter%5Blei%5D=...");
        assertThat(staged.problems).isEmpty();
        assertThat(staged.count(Tm.Organization)).isEqualTo(12);
        assertThat(staged.value("lei/" + lei, Tm.name)).isEqualTo(name);
        assertThat(staged.value("lei/" + lei, Tm.legalJurisdiction)).isEqualTo(jurisdiction);
    }
}
