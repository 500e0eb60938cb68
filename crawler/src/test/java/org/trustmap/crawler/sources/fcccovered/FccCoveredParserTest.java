package org.trustmap.crawler.sources.fcccovered;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.apache.jena.graph.Node;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.trustmap.crawler.Capture;
import org.trustmap.crawler.ErrorPolicy;
import org.trustmap.crawler.ParseContext;
import org.trustmap.crawler.SourceCatalog;
import org.trustmap.crawler.Tm;
import org.trustmap.crawler.sources.SourceFixture;

class FccCoveredParserTest {
    private static final String HTML = "fcc_covered_list_table_2026-03.html";
    private static final String CSV = "fcc_covered_list_table.csv";

    private static SourceFixture staged(String file) {
        return SourceFixture.parse("fcc-covered", file, new FccCoveredParser());
    }

    private static List<CoveredEntry> entries(String file) throws IOException {
        Capture capture = new Capture("fcc-covered", "file:///data/" + file, "text/html", Instant.now(),
                "<urn:uuid:2b6f0c4e-7d1a-4c52-9a1e-5c3f2d7e8a90>", "sha256:x", "a.warc.gz", 0);
        ErrorPolicy.Collecting errors = ErrorPolicy.collecting();
        List<CoveredEntry> entries = new FccCoveredParser().read(
                new ByteArrayInputStream(SourceFixture.bytes("fcc-covered", file)), new ParseContext(capture, errors));
        assertThat(errors.problems()).isEmpty();
        return entries;
    }

    @Test
    void htmlEntityNamesComeFromTheStrongElementsInsideTheFreeText() {
        SourceFixture html = staged(HTML);
        assertThat(html.problems).isEmpty();
        assertThat(html.subjects(Tm.Organization)).extracting(o -> html.value(o, Tm.name)).containsExactlyInAnyOrder(
                "Huawei Technologies Company", "ZTE Corporation", "Hytera Communications Corporation",
                "Hangzhou Hikvision Digital Technology Company", "Dahua Technology Company", "AO Kaspersky Lab",
                "China Mobile International USA Inc", "China Telecom (Americas) Corp.", "Pacific Networks Corp",
                "ComNet (USA) LLC", "China Unicom (Americas) Operations Limited", "Kaspersky Lab, Inc.");
        Node hikvision = html.where(Tm.Organization, Tm.name, "Hangzhou Hikvision Digital Technology Company").get(0);
        assertThat(html.values(hikvision, Tm.flag)).containsExactly("US_FCC_COVERED");
        assertThat(html.value(hikvision, Tm.evidenceDate)).isEqualTo("2021-03-12");
        assertThat(html.value(hikvision, Tm.evidenceUrl)).isEqualTo(FccCoveredParser.EVIDENCE_URL);
        assertThat(html.value(hikvision, Tm.recordRef)).isEqualTo("row 4");
        assertThat(html.values(hikvision, Tm.legalCountry)).isEmpty(); // a flag is not a jurisdiction
        assertThat(html.conforms()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {HTML, CSV})
    void aNamedWhollyOwnedSubsidiaryIsControlledByItsParentAndBlanketWordingLinksNoOne(String file) {
        SourceFixture staged = staged(file);
        assertThat(staged.links("CONTROLLED_BY")).containsExactly("ComNet (USA) LLC -> Pacific Networks Corp");
        Node link = staged.link("CONTROLLED_BY", "ComNet (USA) LLC", "Pacific Networks Corp");
        assertThat(staged.value(link, Tm.controlKind)).isEqualTo("STATED");
        assertThat(staged.value(link, Tm.evidenceDate)).isEqualTo("2022-09-20");
        assertThat(staged.conforms()).isTrue();
    }

    @Test
    void csvMirrorNamesAreFoundInTheTextUpToTheirQualifier() {
        SourceFixture csv = staged(CSV);
        assertThat(csv.problems).isEmpty();
        assertThat(csv.subjects(Tm.Organization)).extracting(o -> csv.value(o, Tm.name)).containsExactlyInAnyOrder(
                "Huawei Technologies Company", "ZTE Corporation", "Hytera Communications Corporation",
                "Hangzhou Hikvision Digital Technology Company", "Dahua Technology Company", "AO Kaspersky Lab",
                "China Mobile International USA Inc.", "China Telecom (Americas) Corp.", "Pacific Networks Corp",
                "ComNet (USA) LLC", "China Unicom (Americas) Operations Limited", "Kaspersky Lab, Inc.",
                "Digitalsystem Technology Inc.");
        Node digital = csv.where(Tm.Organization, Tm.name, "Digitalsystem Technology Inc.").get(0);
        assertThat(csv.value(digital, Tm.evidenceDate)).isEqualTo("2026-07-07");
        assertThat(csv.value(digital, Tm.recordRef)).isEqualTo("line 15");
    }

    @Test
    void categoryEntriesAreNotOrganizationsButCategoryFlagsWithTheirFirstDate() throws IOException {
        assertThat(entries(CSV)).filteredOn(CoveredEntry::isCategory)
                .extracting(CoveredEntry::category, CoveredEntry::included).containsExactly(
                        tuple("US_FCC_COVERED_CATEGORY_UAS", LocalDate.of(2025, 12, 22)),
                        tuple("US_FCC_COVERED_CATEGORY_ROUTERS", LocalDate.of(2026, 3, 23)),
                        tuple("US_FCC_COVERED_CATEGORY_POWER_INVERTERS", LocalDate.of(2026, 7, 28)),
                        tuple("US_FCC_COVERED_CATEGORY_ROBOTIC_DEVICES", LocalDate.of(2026, 7, 28)));
        assertThat(entries(HTML)).filteredOn(CoveredEntry::isCategory).extracting(CoveredEntry::category)
                .containsExactly("US_FCC_COVERED_CATEGORY_UAS", "US_FCC_COVERED_CATEGORY_ROUTERS");
        assertThat(staged(CSV).subjects(Tm.Organization)).noneMatch(o -> staged(CSV).value(o, Tm.name).contains("produced"));
    }

    @Test
    void aRowWithoutADateIsReportedAndTheOthersStaged() {
        // constructed: a real row with its date removed, then a real row
        String csv = """
                covered_equipment_or_services,date_of_inclusion_on_covered_list
                "Telecommunications equipment produced by ZTE Corporation, including telecommunications or video surveillance services provided by such entity or using such equipment.",
                "Telecommunications equipment produced by Huawei Technologies Company, including telecommunications or video surveillance services provided by such entity or using such equipment.","March 12, 2021"
                """;
        SourceFixture staged = SourceFixture.parse("fcc-covered", csv.getBytes(StandardCharsets.UTF_8),
                "https://www.fcc.gov/supplychain/coveredlist", new FccCoveredParser());
        assertThat(staged.problems).extracting(p -> p.location() + ": " + p.reason())
                .containsExactly("line 2: date of inclusion '' is not a date like 'March 12, 2021'");
        assertThat(staged.subjects(Tm.Organization)).extracting(o -> staged.value(o, Tm.name))
                .containsExactly("Huawei Technologies Company");
    }

    @Test
    void theCatalogKnowsTheSource() {
        assertThat(SourceCatalog.parser("fcc-covered")).get().isInstanceOf(FccCoveredParser.class);
    }
}
