package org.trustmap.crawler.sources.gleif;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.trustmap.crawler.Tm;

/** The golden-copy CSV files state the same as the XML files they were transcribed from. */
class GleifCsvGoldenCopyTest {
    private static final GleifStaged LEI_CSV = GleifStaged.fixture("goldencopy_lei2-constructed.csv");
    private static final GleifStaged LEI_XML = GleifStaged.fixture("goldencopy_lei-data.xml");
    private static final GleifStaged RR_CSV = GleifStaged.fixture("goldencopy_rr-constructed.csv");
    private static final GleifStaged RR_XML = GleifStaged.fixture("goldencopy_rr-with-quantifiers.xml");
    private static final GleifStaged REPEX_CSV = GleifStaged.fixture("goldencopy_repex-constructed.csv");

    @Test
    void leiRowCarriesTheRegistryValues() {
        String key = "lei/001GPB6A9XPE8XJICC14";
        assertThat(LEI_CSV.problems).isEmpty();
        assertThat(LEI_CSV.value(key, Tm.name)).isEqualTo("Fidelity Advisor Leveraged Company Stock Fund");
        assertThat(LEI_CSV.value(key, Tm.otherName))
                .isEqualTo("FIDELITY ADVISOR SERIES I - Fidelity Advisor Leveraged Company Stock Fund");
        assertThat(LEI_CSV.value(key, Tm.legalJurisdiction)).isEqualTo("US-MA");
        assertThat(LEI_CSV.value(key, Tm.legalCountry)).isEqualTo("US");
        assertThat(LEI_CSV.value(key, Tm.hqCountry)).isEqualTo("US");
        assertThat(LEI_CSV.value(key, Tm.registeredAs)).isEqualTo("S000005113");
        assertThat(LEI_CSV.date(key, Tm.evidenceDate)).isEqualTo(LocalDate.parse("2023-05-18"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"001GPB6A9XPE8XJICC14", "004L5FPTUREIWK9T2N63", "00EHHQ2ZHDCFXJCPCL46",
            "00GBW0Z2GYIER7DHDS71", "00KLB2PFTM3060S2N216"})
    void leiRowStatesWhatItsXmlRecordStates(String lei) {
        for (var property : new org.apache.jena.graph.Node[] {Tm.lei, Tm.name, Tm.otherName, Tm.legalJurisdiction,
                Tm.legalCountry, Tm.hqCountry, Tm.registeredAs, Tm.registrationAuthority, Tm.entityStatus,
                Tm.confidence, Tm.evidenceUrl, Tm.evidenceDate}) {
            assertThat(LEI_CSV.values("lei/" + lei, property)).as(property.getLocalName())
                    .containsExactlyInAnyOrderElementsOf(LEI_XML.values("lei/" + lei, property));
        }
    }

    @Test
    void relationshipRowsGiveTheLinksOfTheXmlRecords() {
        assertThat(RR_CSV.problems).isEmpty();
        assertThat(RR_CSV.links()).hasSameSizeAs(RR_XML.links()).hasSize(7);
        assertThat(RR_CSV.summary.skipped()).isEqualTo(RR_XML.summary.skipped()).isEqualTo(4);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            097900BJGO0000201513/IS_DIRECTLY_CONSOLIDATED_BY/9845002B9874D50A4531   | 1.00   | 2014-11-06 | 2020-07-16
            2138002YAB7Z9KO21397/IS_ULTIMATELY_CONSOLIDATED_BY/984500501A1B1045PB30 | 100.00 | 2019-06-30 | 2023-01-11
            """)
    void relationshipRowCarriesShareStartAndDate(String link, BigDecimal share, LocalDate start, LocalDate updated) {
        String key = "rr/" + link;
        assertThat(RR_CSV.value(key, Tm.relation)).isEqualTo("CONTROLLED_BY");
        assertThat(RR_CSV.decimal(key, Tm.share)).isEqualByComparingTo(share);
        assertThat(RR_CSV.date(key, Tm.startDate)).isEqualTo(start);
        assertThat(RR_CSV.date(key, Tm.evidenceDate)).isEqualTo(updated);
    }

    @Test
    void reportingExceptionRowsBecomeParentExceptions() {
        assertThat(REPEX_CSV.problems).isEmpty();
        assertThat(REPEX_CSV.count(Tm.Organization)).isEqualTo(10);
        assertThat(REPEX_CSV.value("repex/00KLB2PFTM3060S2N216/DIRECT_ACCOUNTING_CONSOLIDATION_PARENT",
                Tm.parentException)).isEqualTo("DIRECT:NO_KNOWN_PERSON");
        assertThat(REPEX_CSV.values("repex/00KLB2PFTM3060S2N216/DIRECT_ACCOUNTING_CONSOLIDATION_PARENT",
                Tm.evidenceDate)).as("a CSV file has no header date").isEmpty();
    }
}
