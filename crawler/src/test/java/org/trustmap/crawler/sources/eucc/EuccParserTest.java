package org.trustmap.crawler.sources.eucc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.apache.jena.graph.Node;
import org.junit.jupiter.api.Test;
import org.trustmap.crawler.SourceCatalog;
import org.trustmap.crawler.SourceParseException;
import org.trustmap.crawler.Tm;
import org.trustmap.crawler.sources.SourceFixture;

class EuccParserTest {
    private static final String INFINEON = "Infineon Technologies AG";

    @Test
    void theCertificateHolderMakesTheCertifiedProductAndItsStreetAddressGivesNoCountry() {
        SourceFixture staged = SourceFixture.parse("eucc", "secerts_eucc_scraped_metadata.json", new EuccParser());
        assertThat(staged.problems).isEmpty();
        assertThat(staged.count(Tm.Product)).isEqualTo(1);
        assertThat(staged.value("holder/" + INFINEON, Tm.name)).isEqualTo(INFINEON);
        // "Am Campeon 1-15 85579 Neubiberg": no country named, none guessed
        assertThat(staged.values("holder/" + INFINEON, Tm.legalCountry)).isEmpty();
        Node product = staged.subjects(Tm.Product).get(0);
        assertThat(staged.value(product, Tm.name)).startsWith("Infineon Security Controller IFX_CCI_00000Fh");
        assertThat(staged.value(product, Tm.evidenceDate)).isEqualTo("2025-12-19");
        assertThat(staged.links("MADE_BY")).hasSize(1);
        assertThat(staged.value(product, Tm.recordRef)).isEqualTo("record 1 (EUCC-3087-2025-12-0001)");
        assertThat(staged.conforms()).isTrue();
    }

    @Test
    void anAddressThatNamesItsCountryGivesTheHolderALegalCountry() {
        // constructed from the real record: the address completed with its country, as many EUCC pages write it
        String json = """
                [{"certificate_id": "CERTIFICATE EUCC-3087-2025-12-0001", "product_name": "Security Controller",
                  "holder_name": "Infineon Technologies AG", "holder_address": "Am Campeon 1-15 85579 Neubiberg, Germany",
                  "issuance_date_full": "19/12/2025"},
                 {"certificate_id": "CERTIFICATE EUCC-0000-0000-00-0000", "product_name": "No holder"}]""";
        SourceFixture staged = SourceFixture.parse("eucc", json.getBytes(StandardCharsets.UTF_8),
                "file:///data/eucc.json", new EuccParser());
        assertThat(staged.value("holder/" + INFINEON, Tm.legalCountry)).isEqualTo("DE");
        assertThat(staged.problems).extracting(p -> p.location() + ": " + p.reason())
                .containsExactly("record 2: an EUCC certificate needs holder_name and product_name");
        assertThat(staged.conforms()).isTrue();
    }

    @Test
    void jsonThatIsNoCertificateIsRefused() {
        assertThatThrownBy(() -> SourceFixture.parse("eucc", "{\"bomFormat\": \"CycloneDX\"}"
                .getBytes(StandardCharsets.UTF_8), "file:///data/x.json", new EuccParser()))
                .isInstanceOf(SourceParseException.class).hasMessageContaining("not an EUCC certificate record");
        assertThat(SourceCatalog.parser("eucc")).get().isInstanceOf(EuccParser.class);
    }
}
