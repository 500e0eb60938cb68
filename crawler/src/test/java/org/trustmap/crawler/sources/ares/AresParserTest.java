package org.trustmap.crawler.sources.ares;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.jena.graph.Node;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.trustmap.crawler.SourceCatalog;
import org.trustmap.crawler.SourceParseException;
import org.trustmap.crawler.Tm;
import org.trustmap.crawler.sources.SourceFixture;

/** On CONSTRUCTED responses (see fixtures/ares/SOURCES.md): invented companies, the real API's schemas. */
class AresParserTest {

    @Test
    void commercialRegisterShareholdersAreControlLinksWithTheShareAsAresWritesIt() {
        SourceFixture staged = SourceFixture.parse("ares", "constructed_vr_response.json", new AresParser());
        assertThat(staged.problems).isEmpty();
        assertThat(staged.value("vr/99999991", Tm.name)).isEqualTo("Constructed Example s.r.o."); // current name
        assertThat(staged.value("vr/99999991", Tm.registeredAs)).isEqualTo("99999991");
        assertThat(staged.value("vr/99999991", Tm.registrationAuthority)).isEqualTo("CZ-ICO");
        assertThat(staged.value("vr/99999991", Tm.evidenceUrl))
                .isEqualTo("https://ares.gov.cz/ekonomicke-subjekty-v-be/rest/ekonomicke-subjekty-vr/99999991");

        Node foreign = staged.link("CONTROLLED_BY", "Constructed Example s.r.o.", "Constructed Parent Co., Ltd.");
        assertThat(staged.value(foreign, Tm.controlKind)).isEqualTo("SHAREHOLDING");
        assertThat(staged.value(foreign, Tm.share)).isEqualTo("60.50"); // "60;50"
        assertThat(staged.value(foreign, Tm.startDate)).isEqualTo("2021-07-01");
        Node parent = staged.where(Tm.Organization, Tm.name, "Constructed Parent Co., Ltd.").get(0);
        assertThat(staged.value(parent, Tm.legalCountry)).isEqualTo("CN");

        Node czech = staged.link("CONTROLLED_BY", "Constructed Example s.r.o.", "Constructed Investor a.s.");
        assertThat(staged.value(czech, Tm.share)).isEqualTo("25.00"); // ZLOMEK "1/4"; the struck-out 100 % is history

        assertThat(staged.links("CONTROLLED_BY")).hasSize(2); // the struck-out shareholder is gone
        assertThat(staged.values("vr/99999991", Tm.parentException)).containsExactly("ULTIMATE:NATURAL_PERSONS");
        for (Node org : staged.subjects(Tm.Organization)) {
            assertThat(staged.label(org)).doesNotContain("PERSON");
        }
        assertThat(staged.conforms()).isTrue();
    }

    @Test
    void theBasicRecordGivesNameNumberAndSeatCountry() {
        SourceFixture staged = SourceFixture.parse("ares", "constructed_basic_response.json", new AresParser());
        assertThat(staged.problems).isEmpty();
        assertThat(staged.value("ico/99999991", Tm.name)).isEqualTo("Constructed Example s.r.o.");
        assertThat(staged.value("ico/99999991", Tm.legalCountry)).isEqualTo("CZ");
        assertThat(staged.value("ico/99999991", Tm.evidenceDate)).isEqualTo("2026-04-30");
        assertThat(staged.conforms()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "PROCENTA | 60;50 | 60.50",
            "PROCENTA | 100   | 100",
            "PROCENTA | 33,3  | 33.3",
            "ZLOMEK   | 1/2   | 50.00",
            "ZLOMEK   | 2/3   | 66.67",
            "KORUNY   | 200000| -"})
    void shareSizesReadAsAresWritesThem(String type, String value, String share) throws Exception {
        var obnos = new ObjectMapper().readTree("{\"typObnos\":\"" + type + "\",\"hodnota\":\"" + value + "\"}");
        var pct = AresParser.share(obnos);
        assertThat(pct == null ? null : pct.toPlainString()).isEqualTo(share);
    }

    @Test
    void aBadShareIsReportedWithTheShareholderAndTheRestIsStaged() {
        String json = """
                {"icoId": "99999993", "zaznamy": [{"primarniZaznam": true,
                  "ico": [{"hodnota": "99999993"}], "obchodniJmeno": [{"hodnota": "Constructed Broken s.r.o."}],
                  "spolecnici": [{"spolecnik": [
                    {"osoba": {"pravnickaOsoba": {"obchodniJmeno": "Constructed A s.r.o."}}, "podil": [{"velikostPodilu": {"typObnos": "PROCENTA", "hodnota": "sixty"}}]},
                    {"osoba": {"pravnickaOsoba": {"obchodniJmeno": "Constructed B s.r.o."}}, "podil": [{"velikostPodilu": {"typObnos": "PROCENTA", "hodnota": "40"}}]}]}]}]}
                """;
        SourceFixture staged = SourceFixture.parse("ares", json.getBytes(StandardCharsets.UTF_8),
                "file:///data/ares.json", new AresParser());
        assertThat(staged.problems).extracting(p -> p.location() + ": " + p.reason())
                .containsExactly("ico 99999993 spolecnik 1: velikostPodilu PROCENTA 'sixty' is not a share");
        assertThat(staged.links("CONTROLLED_BY")).containsExactly("Constructed Broken s.r.o. -> Constructed B s.r.o.");
        assertThat(staged.conforms()).isTrue();
    }

    @Test
    void aDocumentThatIsNoAresResponseIsRefused() {
        assertThatThrownBy(() -> SourceFixture.parse("ares", "{\"kod\": \"CHYBA\"}".getBytes(StandardCharsets.UTF_8),
                "file:///x/other.json", new AresParser())).isInstanceOf(SourceParseException.class)
                .hasMessageContaining("other.json");
    }

    @Test
    void theCatalogKnowsTheSource() {
        assertThat(SourceCatalog.parser("ares")).get().isInstanceOf(AresParser.class);
    }
}
