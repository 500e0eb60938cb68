package org.trustmap.crawler.sources.fccgrantees;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.apache.jena.graph.Node;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.trustmap.crawler.SourceCatalog;
import org.trustmap.crawler.SourceParseException;
import org.trustmap.crawler.Tm;
import org.trustmap.crawler.sources.SourceFixture;

class FccGranteesParserTest {

    private static SourceFixture staged(String file) {
        return SourceFixture.parse("fcc-grantees", file, new FccGranteesParser());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "fcc_eas_auth_search_2AJTB_shenzhen_zastone.xml | 2AJTB | Shenzhen Zastone Technology Co., Ltd. | CN",
            "fcc_eas_auth_search_2AZSA_xiamen_radtel.xml    | 2AZSA | Xiamen Radtel Electronics Co., Ltd     | CN",
            "fcc_eas_auth_search_WVT_quanzhou_wouxun.xml    | WVT   | Quanzhou Wouxun Electronics Co., Ltd.  | CN",
            "fcc_eas_auth_search_AXI_vertex_standard_usa.xml | AXI  | Vertex Standard USA, Inc.              | MY"})
    void theGranteeCodeBecomesOneOrganizationWithItsAddressCountry(String file, String code, String name, String country) {
        SourceFixture staged = staged(file);
        assertThat(staged.problems).isEmpty();
        assertThat(staged.count(Tm.Organization)).isEqualTo(1);
        assertThat(staged.value("grantee/" + code, Tm.name)).isEqualTo(name);
        assertThat(staged.value("grantee/" + code, Tm.fccGranteeCode)).isEqualTo(code);
        assertThat(staged.value("grantee/" + code, Tm.legalCountry)).isEqualTo(country);
        assertThat(staged.value("grantee/" + code, Tm.evidenceUrl)).isEqualTo("file:///data/fcc-grantees/" + file);
        assertThat(staged.conforms()).isTrue();
    }

    @Test
    void eachFccIdIsAProductMadeByItsGranteeDatedWithItsEarliestGrant() {
        SourceFixture zastone = staged("fcc_eas_auth_search_2AJTB_shenzhen_zastone.xml");
        // 8 rows: 2AJTBD500 is listed once per frequency range
        assertThat(zastone.count(Tm.Product)).isLessThan(8);
        assertThat(zastone.value("fcc-id/2AJTBX6", Tm.productId)).isEqualTo("fcc:2ajtbx6");
        assertThat(zastone.value("fcc-id/2AJTBX6", Tm.fccId)).isEqualTo("2AJTBX6");
        Node link = zastone.link("MADE_BY", "fcc:2ajtbx6", "Shenzhen Zastone Technology Co., Ltd.");
        assertThat(zastone.value(link, Tm.evidenceDate)).isEqualTo("2016-10-12");
        assertThat(zastone.value("fcc-id/2AJTBD500", Tm.evidenceDate)).isEqualTo("2025-11-19");
        assertThat(zastone.links("MADE_BY")).hasSize((int) zastone.count(Tm.Product));
    }

    @Test
    void badRowsAreReportedAndTheRestStaged() {
        // constructed: three rows in the export's form, the second without a valid FCC ID, the third with a bad date
        String xml = """
                <?xml version="1.0" encoding="ISO-8859-1" standalone="no"?>
                <Results>
                  <Row><applicant_name>Shenzhen Zastone Technology Co., Ltd.</applicant_name><country>China</country>
                       <fcc_id>2AJTBX6</fcc_id><grant_date>10/12/2016</grant_date></Row>
                  <Row><applicant_name>Shenzhen Zastone Technology Co., Ltd.</applicant_name><country>China</country>
                       <fcc_id>n/a</fcc_id><grant_date>10/12/2016</grant_date></Row>
                  <Row><applicant_name>Shenzhen Zastone Technology Co., Ltd.</applicant_name><country>China</country>
                       <fcc_id>2AJTBD500</fcc_id><grant_date>2025-11-19</grant_date></Row>
                </Results>
                """;
        SourceFixture staged = SourceFixture.parse("fcc-grantees", xml.getBytes(StandardCharsets.ISO_8859_1),
                "file:///data/eas.xml", new FccGranteesParser());
        assertThat(staged.problems).extracting(p -> p.location() + ": " + p.reason()).containsExactly(
                "row 2: fcc_id 'n/a' is not an FCC ID",
                "row 3: grant_date '2025-11-19' is not MM/DD/YYYY; the grant is kept without date");
        assertThat(staged.count(Tm.Product)).isEqualTo(2);
        assertThat(staged.conforms()).isTrue();
    }

    @Test
    void aDocumentWithoutRowsIsRefused() {
        assertThatThrownBy(() -> SourceFixture.parse("fcc-grantees", "<html><body>Search</body></html>"
                .getBytes(StandardCharsets.UTF_8), "file:///data/eas.xml", new FccGranteesParser()))
                .isInstanceOf(SourceParseException.class).hasMessageContaining("no <Row> elements");
    }

    @Test
    void theCatalogKnowsTheSource() {
        assertThat(SourceCatalog.parser("fcc-grantees")).get().isInstanceOf(FccGranteesParser.class);
    }
}
