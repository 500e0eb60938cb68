package org.trustmap.crawler.sources.nvdcpe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.apache.jena.graph.Node;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.trustmap.crawler.ProductIds;
import org.trustmap.crawler.SourceCatalog;
import org.trustmap.crawler.SourceParseException;
import org.trustmap.crawler.Tm;
import org.trustmap.crawler.sources.SourceFixture;

class NvdCpeParserTest {
    private static final String HW = "cpe:2.3:h:tp-link:archer_ax21:-:*:*:*:*:*:*:*";
    private static final String FW = "cpe:2.3:o:tp-link:archer_ax21_firmware:*:*:*:*:*:*:*:*";

    @Test
    void theCveRecordsCpesAreProductsMadeByOneVendorTokenWithoutIdentityOrCountry() {
        SourceFixture staged = SourceFixture.parse("nvd-cpe", "nvd_cve_api2_CVE-2023-1389_tp-link.json",
                new NvdCpeParser());
        assertThat(staged.problems).isEmpty();
        assertThat(staged.count(Tm.Organization)).isEqualTo(1);
        Node tpLink = staged.record("vendor/tp-link");
        assertThat(staged.value(tpLink, Tm.name)).isEqualTo("tp-link");
        assertThat(staged.values(tpLink, Tm.otherName)).containsExactly("tp-link");
        // a token is a name: no identifier, no country
        assertThat(staged.values(tpLink, Tm.registeredAs)).isEmpty();
        assertThat(staged.values(tpLink, Tm.legalCountry)).isEmpty();
        assertThat(staged.value(tpLink, Tm.confidence)).isEqualTo("unverified");

        assertThat(staged.links("MADE_BY")).containsExactlyInAnyOrder(FW + " -> tp-link", HW + " -> tp-link");
        // the product id is what an inventory row with that CPE gets
        assertThat(staged.value("cpe/" + HW, Tm.productId)).isEqualTo(ProductIds.of("", "", "", HW));
        assertThat(staged.value("cpe/" + HW, Tm.name)).isEqualTo("tp-link archer ax21");
        Node link = staged.link("MADE_BY", HW, "tp-link");
        assertThat(staged.value(link, Tm.evidenceUrl)).isEqualTo("https://nvd.nist.gov/vuln/detail/CVE-2023-1389");
        assertThat(staged.value(link, Tm.evidenceDate)).isEqualTo("2025-10-21");
        assertThat(staged.conforms()).isTrue();
    }

    @Test
    void aCpeApiProductsPageIsReadToo() {
        // constructed in the CPE API 2.0 response form around a real CPE name of the fixture
        String json = """
                {"resultsPerPage": 2, "format": "NVD_CPE", "version": "2.0", "products": [
                  {"cpe": {"cpeName": "%s", "lastModified": "2023-03-20T16:03:42.650",
                           "titles": [{"title": "TP-Link Archer AX21", "lang": "en"}]}},
                  {"cpe": {"cpeName": "cpe:2.3:h:*:thing:-:*:*:*:*:*:*:*"}}]}""".formatted(HW);
        SourceFixture staged = SourceFixture.parse("nvd-cpe", json.getBytes(StandardCharsets.UTF_8),
                "https://services.nvd.nist.gov/rest/json/cpes/2.0?keywordSearch=archer", new NvdCpeParser());
        assertThat(staged.problems).extracting(p -> p.location() + ": " + p.reason())
                .containsExactly("product 2: 'cpe:2.3:h:*:thing:-:*:*:*:*:*:*:*' is not a CPE 2.3 name with a vendor");
        assertThat(staged.links("MADE_BY")).containsExactly(HW + " -> tp-link");
        assertThat(staged.value("cpe/" + HW, Tm.evidenceDate)).isEqualTo("2023-03-20");
        assertThat(staged.conforms()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "tp-link | tp-link",
            "western_digital | western digital",
            "at\\&t | at&t"})
    void vendorTokensReadAsWords(String token, String words) {
        assertThat(NvdCpeParser.readable(token)).isEqualTo(words);
    }

    @Test
    void jsonThatIsNotNvdIsRefused() {
        assertThatThrownBy(() -> SourceFixture.parse("nvd-cpe", "{\"bomFormat\": \"CycloneDX\"}"
                .getBytes(StandardCharsets.UTF_8), "file:///data/x.json", new NvdCpeParser()))
                .isInstanceOf(SourceParseException.class).hasMessageContaining("not NVD JSON");
        assertThat(SourceCatalog.parser("nvd-cpe")).get().isInstanceOf(NvdCpeParser.class);
    }
}
