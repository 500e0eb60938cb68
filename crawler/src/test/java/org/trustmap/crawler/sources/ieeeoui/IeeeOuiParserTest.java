package org.trustmap.crawler.sources.ieeeoui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;

import org.apache.jena.riot.system.StreamRDFLib;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.trustmap.crawler.Capture;
import org.trustmap.crawler.ErrorPolicy;
import org.trustmap.crawler.ParseContext;
import org.trustmap.crawler.RecordSink;
import org.trustmap.crawler.SourceCatalog;
import org.trustmap.crawler.SourceParseException;
import org.trustmap.crawler.Tm;
import org.trustmap.crawler.sources.SourceFixture;

class IeeeOuiParserTest {
    private static final String FIXTURE = "oui_subset_prc_vendors_plus.csv";

    private static SourceFixture fixture() {
        return SourceFixture.parse("ieee-oui", FIXTURE, new IeeeOuiParser());
    }

    @Test
    void everyAssignmentBecomesAnOrganizationWithItsRegisteredNameCountryAndAssignment() {
        SourceFixture staged = fixture();

        assertThat(staged.problems).isEmpty();
        assertThat(staged.value("oui/4447CC", Tm.name)).isEqualTo("Hangzhou Hikvision Digital Technology Co.,Ltd.");
        assertThat(staged.value("oui/4447CC", Tm.legalCountry)).isEqualTo("CN");
        assertThat(staged.value("oui/4447CC", Tm.ouiAssignment)).isEqualTo("4447CC");
        assertThat(staged.value("oui/4447CC", Tm.evidenceUrl)).isEqualTo(IeeeOuiParser.EVIDENCE_URL);
        assertThat(staged.values("oui/4447CC", Tm.evidenceDate)).isEmpty();
        assertThat(staged.value("oui/4447CC", Tm.recordRef)).startsWith("line ").endsWith("(MA-L 4447CC)");
        assertThat(staged.value("oui/4447CC", Tm.confidence)).isEqualTo("registry");
        assertThat(staged.where(Tm.Organization, Tm.name, "Hangzhou Hikvision Digital Technology Co.,Ltd."))
                .hasSize(50); // and "Prama Hikvision India Private Limited" (IN)
        assertThat(staged.conforms()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "AC199F | SUNGROW POWER SUPPLY CO.,LTD.                      | CN",
            "F0C1CE | GoodWe Technologies CO., Ltd                       | CN",
            "847D50 | Holley Metering Limited                            | CN",
            "D8803C | Anhui Huami Information Technology Company Limited | CN",
            "00A037 | Mindray DS USA, Inc.                               | US",
            "2446C8 | Motorola Mobility LLC, a Lenovo Company            | US",
            "1C90FF | Tuya Smart Inc.                                    | US",
            "F4BD9E | Cisco Systems, Inc                                 | US",
            "00219D | Adesys BV                                          | NL",
            "00501F | MRG SYSTEMS, LTD.                                  | GB",
            "00136D | Tentaculus AB                                      | SE"})
    void registeredAddressCountryIsTheIsoCodeBeforeThePostcode(String oui, String name, String country) {
        SourceFixture staged = fixture();
        assertThat(staged.value("oui/" + oui, Tm.name)).isEqualTo(name);
        assertThat(staged.value("oui/" + oui, Tm.legalCountry)).isEqualTo(country);
    }

    @Test
    void privateAssignmentsAreNotOrganizationsAndAddressesWithoutCodeGiveNoCountry() throws IOException {
        SourceFixture staged = fixture();
        assertThat(staged.has("oui/1100AA")).isFalse();
        assertThat(staged.values("oui/60C798", Tm.legalCountry)).isEmpty(); // "Santa Clara California 95054"
        assertThat(staged.values("oui/A0B045", Tm.legalCountry)).isEmpty(); // "... HK Tsuen Wan New Territories"

        OuiSummary summary = summary(SourceFixture.bytes("ieee-oui", FIXTURE));
        assertThat(summary.privates()).isEqualTo(1);
        assertThat(summary.rejected()).isZero();
        assertThat(summary.assignments()).isEqualTo(2583);
    }

    @Test
    void badRowsAreReportedWithTheirLineAndTheRestIsStaged() {
        // constructed: two broken rows between real ones
        String csv = """
                Registry,Assignment,Organization Name,Organization Address
                MA-L,4447CC,"Hangzhou Hikvision Digital Technology Co.,Ltd.",No.555 Qianmo Road Hangzhou Zhejiang CN 310052
                MA-L,44G7CC,Broken Assignment Ltd,Somewhere CN 100000
                MA-L,08EDED
                MA-L,AC199F,"SUNGROW POWER SUPPLY CO.,LTD.","NO.2 Tianhu Road Hefei Anhui CN 230088 "
                """;
        SourceFixture staged = SourceFixture.parse("ieee-oui", csv.getBytes(StandardCharsets.UTF_8),
                "https://standards-oui.ieee.org/oui/oui.csv", new IeeeOuiParser());
        assertThat(staged.problems).extracting(p -> p.location() + ": " + p.reason()).containsExactly(
                "line 3: assignment '44G7CC' is not 6, 7 or 9 hex digits",
                "line 4: has 2 fields, the header has 4");
        assertThat(staged.has("oui/4447CC")).isTrue();
        assertThat(staged.has("oui/AC199F")).isTrue();
        assertThat(staged.conforms()).isTrue();
    }

    @Test
    void aFileWithAnotherHeaderIsRefusedByName() {
        byte[] body = "a,b,c\n1,2,3\n".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> SourceFixture.parse("ieee-oui", body, "file:///x/oui.csv", new IeeeOuiParser()))
                .isInstanceOf(SourceParseException.class).hasMessageContaining("oui.csv line 1");
    }

    @Test
    void theWholeRegistryStreamsThroughWithoutRejects() throws IOException {
        var file = SourceFixture.shared("ieee_oui/oui.csv");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(file), "shared fixtures not mounted");
        OuiSummary summary = summary(Files.readAllBytes(file));
        assertThat(summary.rejected()).isZero();
        assertThat(summary.assignments() + summary.privates()).isEqualTo(32_530);
        assertThat(summary.noCountry()).isLessThan(60);
    }

    @Test
    void theCatalogKnowsTheSource() {
        assertThat(SourceCatalog.parser("ieee-oui")).get().isInstanceOf(IeeeOuiParser.class);
    }

    private static OuiSummary summary(byte[] body) throws IOException {
        Capture capture = new Capture("ieee-oui", "file:///data/oui.csv", "text/csv", Instant.now(),
                "<urn:uuid:1b6f0c4e-7d1a-4c52-9a1e-5c3f2d7e8a90>", "sha256:x", "a.warc.gz", 0);
        RecordSink sink = new RecordSink(StreamRDFLib.dataset(DatasetGraphFactory.create()), capture);
        try (InputStream in = new ByteArrayInputStream(body)) {
            return new IeeeOuiParser().stage(in, new ParseContext(capture, ErrorPolicy.collecting()), sink);
        }
    }
}
