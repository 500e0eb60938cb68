package org.trustmap.crawler.sources.ukpsc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.apache.jena.graph.Node;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.trustmap.crawler.SourceCatalog;
import org.trustmap.crawler.Tm;
import org.trustmap.crawler.sources.SourceFixture;

class UkPscParserTest {
    private static SourceFixture parse(String name) {
        return SourceFixture.parse("uk-psc", name, new UkPscParser());
    }

    @Test
    void aCorporatePscControlsTheCompanyWithTheLowerBoundOfItsBand() {
        SourceFixture staged = parse("psc-data-2.json");
        assertThat(staged.problems).isEmpty(); // the totals line is no PSC and no error
        Node link = staged.link("CONTROLLED_BY", "GB-COH-07434180", "Robert Hitchins Limited");
        assertThat(staged.value(link, Tm.controlKind)).isEqualTo("SHAREHOLDING_BAND"); // 75-to-100-percent
        assertThat(staged.value(link, Tm.share)).isEqualTo("75");
        assertThat(staged.value(link, Tm.startDate)).isEqualTo("2016-04-06");
        assertThat(staged.value(link, Tm.evidenceUrl)).isEqualTo(
                "https://find-and-update.company-information.service.gov.uk/company/07434180/persons-with-significant-control");
        assertThat(staged.value(link, Tm.evidenceDate)).isEqualTo("2024-12-19");

        Node psc = staged.where(Tm.Organization, Tm.name, "Robert Hitchins Limited").get(0);
        assertThat(staged.value(psc, Tm.legalCountry)).isEqualTo("GB"); // "England & Wales"
        assertThat(staged.value(psc, Tm.registeredAs)).isEqualTo("00686734");
        assertThat(staged.value(psc, Tm.registrationAuthority)).isEqualTo("GB-COH");
        assertThat(staged.values(psc, Tm.basedIn)).isEmpty(); // address "England" says nothing more

        Node company = staged.where(Tm.Organization, Tm.name, "GB-COH-07434180").get(0);
        assertThat(staged.value(company, Tm.registeredAs)).isEqualTo("07434180");
        assertThat(staged.value(company, Tm.registrationAuthority)).isEqualTo("GB-COH");
        assertThat(staged.value(company, Tm.legalJurisdiction)).isEqualTo("GB");
        assertThat(staged.count(Tm.Organization)).isEqualTo(2);
        assertThat(staged.conforms()).isTrue();
    }

    @Test
    void aForeignCorporatePscsFreeTextCountryIsNormalized() {
        SourceFixture staged = parse("psc-data-15.json");
        assertThat(staged.problems).isEmpty();
        Node psc = staged.where(Tm.Organization, Tm.name, "St. Paul Fire & Marine Insurance Company").get(0);
        assertThat(staged.value(psc, Tm.legalCountry)).isEqualTo("US"); // "Minnesota, Usa"
        assertThat(staged.value(psc, Tm.registeredAs)).isEqualTo("41-0406690");
        assertThat(staged.value(psc, Tm.registrationAuthority)).isEqualTo("Connecticut");
        assertThat(staged.value(staged.link("CONTROLLED_BY", "GB-COH-02847483",
                "St. Paul Fire & Marine Insurance Company"), Tm.share)).isEqualTo("75");
        assertThat(staged.conforms()).isTrue();
    }

    @Test
    void aGovernmentDepartmentAsLegalPersonIsStateControlUnderItsLegalAuthority() {
        SourceFixture staged = parse("psc-data-5.json");
        assertThat(staged.problems).isEmpty();
        Node psc = staged.where(Tm.Organization, Tm.name, "State Administration Of Foreign Exchange").get(0);
        assertThat(staged.value(psc, Tm.legalJurisdiction)).isEqualTo("CN"); // legal_authority "People'S Republic Of China"
        assertThat(staged.values(psc, Tm.basedIn)).isEmpty(); // address country "China" is the same
        Node link = staged.link("CONTROLLED_BY", "GB-COH-07102351", "State Administration Of Foreign Exchange");
        assertThat(staged.value(link, Tm.controlKind)).isEqualTo("STATE"); // legal_form "Government Department"
        assertThat(staged.value(link, Tm.share)).isEqualTo("75");
        assertThat(staged.conforms()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "ownership-of-shares-25-to-50-percent                                   | SHAREHOLDING_BAND     | 25",
            "ownership-of-shares-50-to-75-percent,voting-rights-75-to-100-percent    | SHAREHOLDING_BAND     | 50",
            "voting-rights-50-to-75-percent                                         | VOTING_RIGHTS_BAND    | 50",
            "ownership-of-shares-more-than-25-percent                               | SHAREHOLDING_BAND     | 25",
            "right-to-share-surplus-assets-75-to-100-percent-limited-liability-partnership | SHAREHOLDING_BAND | 75",
            "right-to-appoint-and-remove-directors                                  | BOARD_APPOINTMENT     | -",
            "significant-influence-or-control                                       | SIGNIFICANT_INFLUENCE | -",
            "ownership-of-shares-25-to-50-percent-as-trust                          | SHAREHOLDING_BAND     | 25"})
    void naturesOfControlGiveTheStrongestKindAndTheBandsLowerBound(String natures, String kind, String share) {
        NaturesOfControl control = NaturesOfControl.of(java.util.List.of(natures.split(",")));
        assertThat(control.kind()).isEqualTo(kind);
        assertThat(control.share() == null ? null : control.share().toPlainString()).isEqualTo(share);
    }

    @Test
    void individualsCloseTheChainWithoutStagingThemAndBadLinesAreReported() {
        // constructed lines in the snapshot's shape; no names or personal data
        String jsonl = """
                {"company_number":"01234567","data":{"kind":"individual-person-with-significant-control","natures_of_control":["ownership-of-shares-75-to-100-percent"],"notified_on":"2016-04-06"}}
                {"company_number":"SC123456","data":{"kind":"persons-with-significant-control-statement","statement":"no-individual-or-entity-with-signficant-control","notified_on":"2016-04-06"}}
                {"company_number":"NI000001","data":{"kind":"individual-person-with-significant-control","ceased_on":"2020-01-01","natures_of_control":["significant-influence-or-control"]}}
                {"company_number":"123","data":{"kind":"corporate-entity-person-with-significant-control","name":"Example Holdings Limited","natures_of_control":["ownership-of-shares-75-to-100-percent"]}}
                {"company_number":"01234568","data":{"kind":"corporate-entity-person-with-significant-control","name":"Example Holdings Limited","natures_of_control":["ownership-of-shares-25-to-50-percent"],"identification":{"country_registered":"Hong Kong"},"ceased_on":"2022-03-31"}}
                {"company_number":"01234569","data":{"kind":"something-else"}}
                {"data":{"kind":"totals#persons-of-significant-control-snapshot","persons_of_significant_control_count":3}}
                """;
        SourceFixture staged = SourceFixture.parse("uk-psc", jsonl.getBytes(StandardCharsets.UTF_8),
                "file:///data/psc-snapshot.txt", new UkPscParser());
        assertThat(staged.problems).extracting(p -> p.location() + ": " + p.reason()).containsExactly(
                "line 4: company_number '123' is not 8 letters or digits",
                "line 6: data.kind 'something-else' is not a PSC kind");
        assertThat(staged.where(Tm.Organization, Tm.parentException, "ULTIMATE:NATURAL_PERSONS"))
                .extracting(staged::label).containsExactly("GB-COH-01234567");
        assertThat(staged.where(Tm.Organization, Tm.parentException, "ULTIMATE:NO_KNOWN_PERSON"))
                .extracting(staged::label).containsExactly("GB-COH-SC123456");
        assertThat(staged.where(Tm.Organization, Tm.name, "GB-COH-NI000001")).isEmpty(); // ceased: closes nothing
        Node ceased = staged.link("CONTROLLED_BY", "GB-COH-01234568", "Example Holdings Limited");
        assertThat(staged.value(ceased, Tm.endDate)).isEqualTo("2022-03-31");
        assertThat(staged.value(ceased, Tm.linkStatus)).isEqualTo("INACTIVE");
        assertThat(staged.value(ceased, Tm.share)).isEqualTo("25");
        assertThat(staged.values(staged.where(Tm.Organization, Tm.name, "Example Holdings Limited").get(0),
                Tm.legalCountry)).containsExactly("HK");
        assertThat(staged.conforms()).isTrue();
    }

    @Test
    void theCatalogKnowsTheSource() {
        assertThat(SourceCatalog.parser("uk-psc")).get().isInstanceOf(UkPscParser.class);
    }
}
