package org.trustmap.crawler.sources.gleif;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.trustmap.crawler.Tm;

class GleifXmlGoldenCopyTest {
    private static final GleifStaged LEI = GleifStaged.fixture("goldencopy_lei-data.xml");
    private static final GleifStaged RR = GleifStaged.fixture("goldencopy_rr-data.xml");
    private static final GleifStaged RR_QUANTIFIERS = GleifStaged.fixture("goldencopy_rr-with-quantifiers.xml");
    private static final GleifStaged REPEX = GleifStaged.fixture("goldencopy_repex-data.xml");

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            001GPB6A9XPE8XJICC14 | Fidelity Advisor Leveraged Company Stock Fund | US-MA | US | US | RA000665 | S000005113 | ACTIVE   | 2023-05-18
            004L5FPTUREIWK9T2N63 | Hutchin Hill Capital, LP                      | US-DE | US | US | RA000602 | 4386463    | ACTIVE   | 2020-07-17
            00TR8NKAEL48RGTZEW89 | ESG DOMESTIC OPPORTUNITY OFFSHORE FUND LTD.   | KY    | KY | CW | RA000087 | 574206     | INACTIVE | 2019-04-22
            """)
    void leiRecordCarriesTheRegistryValues(String lei, String name, String jurisdiction, String legalCountry,
                                           String hqCountry, String authority, String registeredAs, String status,
                                           LocalDate lastUpdate) {
        String key = "lei/" + lei;
        assertThat(LEI.value(key, Tm.lei)).isEqualTo(lei);
        assertThat(LEI.value(key, Tm.name)).isEqualTo(name);
        assertThat(LEI.value(key, Tm.legalJurisdiction)).isEqualTo(jurisdiction);
        assertThat(LEI.value(key, Tm.legalCountry)).isEqualTo(legalCountry);
        assertThat(LEI.value(key, Tm.hqCountry)).isEqualTo(hqCountry);
        assertThat(LEI.value(key, Tm.registrationAuthority)).isEqualTo(authority);
        assertThat(LEI.value(key, Tm.registeredAs)).isEqualTo(registeredAs);
        assertThat(LEI.value(key, Tm.entityStatus)).isEqualTo(status);
        assertThat(LEI.value(key, Tm.confidence)).isEqualTo("registry");
        assertThat(LEI.date(key, Tm.evidenceDate)).isEqualTo(lastUpdate);
        assertThat(LEI.value(key, Tm.evidenceUrl)).isEqualTo("https://search.gleif.org/#/record/" + lei);
        assertThat(LEI.value(key, Tm.recordRef)).isEqualTo("LEI " + lei);
        assertThat(LEI.values(key, Tm.source)).as("the capture's, stated on the capture").isEmpty();
    }

    @Test
    void everyOtherEntityNameBecomesAnOtherName() {
        assertThat(LEI.values("lei/00QDBXDXLLF3W3JJJO36", Tm.otherName)).containsExactlyInAnyOrder(
                "Jennison 20/20 Focus Fund", "Prudential 20/20 Focus Fund", "Prudential 20/20 Fund",
                "Prudential Jennison 20/20 Focus Fund");
    }

    @Test
    void registrationAuthorityWithoutEntityIdHasNoRegisteredAs() {
        assertThat(LEI.values("lei/00EHHQ2ZHDCFXJCPCL46", Tm.registeredAs)).isEmpty();
        assertThat(LEI.value("lei/00EHHQ2ZHDCFXJCPCL46", Tm.registrationAuthority)).isEqualTo("RA999999");
    }

    @Test
    void everyLeiRecordIsStagedWithoutProblems() {
        assertThat(LEI.problems).isEmpty();
        assertThat(LEI.count(Tm.Organization)).isEqualTo(LEI.summary.accepted()).isEqualTo(13);
    }

    @Test
    void consolidationRelationshipsBecomeControlledByLinks() {
        String direct = "rr/010CMKZ3VON21WF2ZD45/IS_DIRECTLY_CONSOLIDATED_BY/ZZG38T0MDR3QY1ETUA76";
        assertThat(RR.value(direct, Tm.relation)).isEqualTo("CONTROLLED_BY");
        assertThat(RR.value(direct, Tm.controlKind)).isEqualTo("DIRECT_CONSOLIDATION");
        assertThat(RR.value(direct, Tm.linkStatus)).isEqualTo("ACTIVE");
        assertThat(RR.date(direct, Tm.startDate)).isEqualTo(LocalDate.parse("2018-02-06"));
        assertThat(RR.date(direct, Tm.evidenceDate)).isEqualTo(LocalDate.parse("2022-06-04"));
        assertThat(RR.value(direct, Tm.evidenceUrl))
                .isEqualTo("https://search.gleif.org/#/record/010CMKZ3VON21WF2ZD45");
        assertThat(RR.value(direct, Tm.recordRef))
                .isEqualTo("relationship 010CMKZ3VON21WF2ZD45 IS_DIRECTLY_CONSOLIDATED_BY ZZG38T0MDR3QY1ETUA76");
        assertThat(RR.value(direct, Tm.confidence)).isEqualTo("registry");
        assertThat(RR.object(direct, Tm.from)).isEqualTo(RR.record("lei/010CMKZ3VON21WF2ZD45"));
        assertThat(RR.object(direct, Tm.to)).isEqualTo(RR.record("lei/ZZG38T0MDR3QY1ETUA76"));

        String ultimate = "rr/010CMKZ3VON21WF2ZD45/IS_ULTIMATELY_CONSOLIDATED_BY/3C7474T6CDKPR9K6YT90";
        assertThat(RR.value(ultimate, Tm.controlKind)).isEqualTo("ULTIMATE_CONSOLIDATION");
        assertThat(RR.value(ultimate, Tm.evidenceUrl)).isEqualTo(
                "https://www.sec.gov/ix?doc=/Archives/edgar/data/40545/000004054521000011/ge-20201231.htm");
        assertThat(RR.links()).hasSize(2);
    }

    @Test
    void relationshipNodesAreStubOrganizationsWithOnlyTheirLei() {
        String stub = "lei/ZZG38T0MDR3QY1ETUA76";
        assertThat(RR.value(stub, Tm.lei)).isEqualTo("ZZG38T0MDR3QY1ETUA76");
        assertThat(RR.values(stub, Tm.name)).isEmpty();
        assertThat(RR.value(stub, Tm.recordRef)).isEqualTo("LEI ZZG38T0MDR3QY1ETUA76");
        assertThat(RR.date(stub, Tm.evidenceDate)).as("file ContentDate").isEqualTo(LocalDate.parse("2023-06-05"));
    }

    @Test
    void fundManagementAndSubFundRelationshipsAreCountedButNotStaged() {
        assertThat(RR.problems).isEmpty();
        assertThat(RR.summary.skipped()).isEqualTo(8);
        assertThat(RR.has("lei/5493001Z012YSB2A0K51")).as("fund manager of a skipped relationship").isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            097900BJGO0000201513/IS_DIRECTLY_CONSOLIDATED_BY/9845002B9874D50A4531   | 1.00   | 2014-11-06
            097900BJGO0000201513/IS_ULTIMATELY_CONSOLIDATED_BY/9845002B9874D50A4531 | 1.00   | 2014-11-06
            2138002YAB7Z9KO21397/IS_DIRECTLY_CONSOLIDATED_BY/984500501A1B1045PB30   | 100.00 | 2019-06-30
            """)
    void percentageQuantifierBecomesTheShare(String link, BigDecimal share, LocalDate relationshipStart) {
        assertThat(RR_QUANTIFIERS.decimal("rr/" + link, Tm.share)).isEqualByComparingTo(share);
        assertThat(RR_QUANTIFIERS.date("rr/" + link, Tm.startDate)).as("RELATIONSHIP_PERIOD start")
                .isEqualTo(relationshipStart);
    }

    @Test
    void relationshipWithoutQuantifierHasNoShare() {
        assertThat(RR_QUANTIFIERS.values("rr/097900BHF50000076475/IS_DIRECTLY_CONSOLIDATED_BY/549300JB1P61FUTPEZ75",
                Tm.share)).isEmpty();
    }

    @Test
    void leiOfManyRelationshipsIsOneStubWithOneEvidenceDate() {
        assertThat(RR_QUANTIFIERS.values("lei/2138002YAB7Z9KO21397", Tm.evidenceDate)).containsExactly("2023-11-06");
        assertThat(RR_QUANTIFIERS.conforms()).isTrue();
    }

    @Test
    void aStubSharedByRelationshipsIsWrittenOnce() {
        for (GleifStaged rr : java.util.List.of(RR, RR_QUANTIFIERS)) {
            // every quad the parser wrote is new to the graph: no stub written a second time
            assertThat(rr.emitted).isEqualTo(rr.graph.size());
            // records written: the links and one stub per LEI they name
            assertThat(rr.summary.written()).isEqualTo(rr.count(Tm.Organization) + rr.count(Tm.Link));
        }
        // 2138002YAB7Z9KO21397 is a node of several relationships of this file
        assertThat(RR_QUANTIFIERS.graph.find().toList().stream()
                .filter(t -> (t.getPredicate().equals(Tm.from) || t.getPredicate().equals(Tm.to))
                        && t.getObject().getURI().endsWith("2138002YAB7Z9KO21397")).count()).isGreaterThan(1);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            001GPB6A9XPE8XJICC14 | DIRECT:NO_KNOWN_PERSON
            004L5FPTUREIWK9T2N63 | DIRECT:NON_CONSOLIDATING
            01370W6ZIY66KQ4J3570 | DIRECT:NON_PUBLIC
            """)
    void reportingExceptionBecomesParentException(String lei, String exception) {
        String key = "repex/" + lei + "/DIRECT_ACCOUNTING_CONSOLIDATION_PARENT";
        assertThat(REPEX.value(key, Tm.lei)).isEqualTo(lei);
        assertThat(REPEX.value(key, Tm.parentException)).isEqualTo(exception);
        assertThat(REPEX.date(key, Tm.evidenceDate)).isEqualTo(LocalDate.parse("2023-06-09"));
    }

    @Test
    void everyReportingExceptionIsStaged() {
        assertThat(REPEX.problems).isEmpty();
        assertThat(REPEX.count(Tm.Organization)).isEqualTo(10);
    }
}
