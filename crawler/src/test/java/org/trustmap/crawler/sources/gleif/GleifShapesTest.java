package org.trustmap.crawler.sources.gleif;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every staged GLEIF graph passes {@code data/ontology/shapes.ttl}, whatever the format it came from. */
class GleifShapesTest {

    @ParameterizedTest
    @CsvSource({
            "goldencopy_lei-data.xml,            13",
            "goldencopy_rr-data.xml,             5",
            "goldencopy_rr-with-quantifiers.xml, 14",
            "goldencopy_repex-data.xml,          10",
            "goldencopy_lei2-constructed.csv,    5",
            "goldencopy_rr-constructed.csv,      14",
            "goldencopy_repex-constructed.csv,   10",
            "api_single_lei_record_549300YX4S1LLSMK2627.json, 1",
            "api_single_lei_record_335800CCCPHKUOXPC332.json, 1",
            "api_single_lei_record_INR2EJN1ERAN0W5ZP974.json, 1",
            "api_multi_lei_records.json,         12",
            "api_direct-parent-reporting-exception_335800CCCPHKUOXPC332.json,   1",
            "api_ultimate-parent-reporting-exception_INR2EJN1ERAN0W5ZP974.json, 1",
            "api_direct-parent-relationship_549300YX4S1LLSMK2627.json,          3"})
    void stagedGraphConformsToTheShapes(String fixture, long written) {
        GleifStaged staged = GleifStaged.fixture(fixture, "https://example.org/gleif/" + fixture);
        assertThat(staged.problems).isEmpty();
        assertThat(staged.summary.written()).isEqualTo(written);
        assertThat(staged.conforms()).isTrue();
    }
}
