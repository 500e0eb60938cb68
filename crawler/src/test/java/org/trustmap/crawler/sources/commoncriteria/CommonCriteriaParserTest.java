package org.trustmap.crawler.sources.commoncriteria;

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

class CommonCriteriaParserTest {
    private static final String FILE = "secerts_cc_cc_products_active.csv";

    private static SourceFixture staged() {
        return SourceFixture.parse("common-criteria", FILE, new CommonCriteriaParser());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "netiq-corporation/netiq-identity-manager-4-7 | NetIQ Identity Manager 4.7 | NetIQ Corporation | 2020-06-15",
            "dreamsecurity-co-ltd/magic-sso-v4-0 | Magic SSO V4.0 | Dreamsecurity Co., Ltd. | 2019-11-15",
            "fortinet-inc/fortinet-fortigate-w-fortios-v5-6-7 | Fortinet FortiGate w/ FortiOS v5.6.7 | Fortinet, Inc. | 2019-05-22"})
    void eachCertifiedProductIsMadeByItsManufacturerOnTheCertificationDate(String id, String name, String maker,
                                                                          String date) {
        SourceFixture staged = staged();
        assertThat(staged.problems).isEmpty();
        assertThat(staged.value("product/" + id, Tm.productId)).isEqualTo(id);
        assertThat(staged.value("product/" + id, Tm.name)).isEqualTo(name);
        assertThat(staged.value("product/" + id, Tm.evidenceDate)).isEqualTo(date);
        Node link = staged.link("MADE_BY", id, maker);
        assertThat(staged.value(link, Tm.evidenceDate)).isEqualTo(date);
        assertThat(staged.conforms()).isTrue();
    }

    @Test
    void theMaintenanceRowIsNotASecondProductAndTheSchemeIsNoCountry() {
        SourceFixture staged = staged();
        assertThat(staged.count(Tm.Product)).isEqualTo(3);
        assertThat(staged.count(Tm.Organization)).isEqualTo(3);
        assertThat(staged.links("MADE_BY")).hasSize(3);
        // "Scheme" SE / KR / CA is the certifying nation, not where NetIQ, Dreamsecurity or Fortinet are based
        assertThat(staged.subjects(Tm.Organization))
                .allSatisfy(o -> assertThat(staged.values(o, Tm.legalCountry)).isEmpty());
    }

    @Test
    void aCsvWithoutTheManufacturerColumnIsRefused() {
        assertThatThrownBy(() -> SourceFixture.parse("common-criteria",
                "Category,Name\nX,Y\n".getBytes(StandardCharsets.UTF_8), "file:///data/cc.csv",
                new CommonCriteriaParser()))
                .isInstanceOf(SourceParseException.class).hasMessageContaining("no 'Manufacturer' column");
    }

    @Test
    void theCatalogKnowsTheSource() {
        assertThat(SourceCatalog.parser("common-criteria")).get().isInstanceOf(CommonCriteriaParser.class);
    }
}
