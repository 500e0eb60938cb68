package org.trustmap.crawler.sources.wikidata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.apache.jena.graph.Node;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.trustmap.crawler.SourceCatalog;
import org.trustmap.crawler.SourceParseException;
import org.trustmap.crawler.Tm;
import org.trustmap.crawler.sources.SourceFixture;

/**
 * Results parsing on real WDQS result documents (format only: films and authors); the mapping on a CONSTRUCTED result
 * with fake item ids (see fixtures/wikidata/SOURCES.md).
 */
class WikidataParserTest {
    static final String CONSTRUCTED = "constructed_organizations_results.json";

    @Test
    void realResultsAreReadWithJenaIncludingBlankNodesAndTypedLiterals() {
        SparqlResults results = SparqlResults.read(new ByteArrayInputStream(
                SourceFixture.bytes("wikidata", "wdqs_multi_vars_results.wikibase-sdk.json")));
        assertThat(results.vars()).containsExactly("entity", "entityLabel", "year");
        List<Map<String, Node>> rows = results.all();
        assertThat(rows).hasSize(3);
        assertThat(SparqlResults.text(rows.get(0), "entity")).hasValue("http://www.wikidata.org/entity/Q3731207");
        assertThat(rows.get(0).get("entityLabel").getLiteralLanguage()).isEqualTo("en");
        assertThat(rows.get(0).get("year").getLiteralDatatypeURI()).endsWith("#integer");
        assertThat(rows.get(1).get("entity").isBlank()).isTrue();
        assertThat(SparqlResults.text(rows.get(1), "entity")).isEmpty();
        assertThat(WikidataParser.qid(rows.get(2), "entity")).hasValue("Q505932");
    }

    @Test
    void unboundOptionalVariablesAreAbsentFromTheRow() {
        SparqlResults results = SparqlResults.read(new ByteArrayInputStream(
                SourceFixture.bytes("wikidata", "wdqs_results_with_optional_values.wikibase-sdk.json")));
        assertThat(results.vars()).contains("countryOfOrigin", "countryOfOriginLabel", "musicBrainzRGId");
        List<Map<String, Node>> rows = results.all();
        assertThat(rows).isNotEmpty();
        assertThat(rows.get(0)).containsKey("countryOfOrigin").doesNotContainKey("musicBrainzRGId");
        assertThat(rows.get(0).get("label").getLiteralLanguage()).isEqualTo("fr");
        assertThat(SparqlResults.text(rows.get(0), "publicationDate")).hasValue("2013-01-01T00:00:00Z");
    }

    @Test
    void resultsOfAnotherQueryAreRejectedNamingTheMissingVariable() {
        assertThatThrownBy(() -> SourceFixture.parse("wikidata", "wdqs_multi_vars_results.wikibase-sdk.json",
                new WikidataParser()))
                .isInstanceOf(SourceParseException.class).hasMessageContaining("no ?item variable");
    }

    @Test
    void notJsonResultsAreAParseFailureOfTheDocument() {
        assertThatThrownBy(() -> SourceFixture.parse("wikidata", "<html>busy</html>".getBytes(StandardCharsets.UTF_8),
                "https://query.wikidata.org/sparql?query=x", new WikidataParser()))
                .isInstanceOf(SourceParseException.class).hasMessageContaining("not SPARQL JSON results");
    }

    @Test
    void itemsBecomeOrganizationsWithCountriesFromIsoCodesAndLowerConfidence() {
        SourceFixture staged = SourceFixture.parse("wikidata", CONSTRUCTED, new WikidataParser());
        String camera = "item/Q0000001";
        assertThat(staged.value(camera, Tm.name)).isEqualTo("Constructed Camera Co., Ltd.");
        assertThat(staged.values(camera, Tm.otherName)).containsExactlyInAnyOrder("ConCam", "Constructed Camera");
        assertThat(staged.value(camera, Tm.basedIn)).isEqualTo("CN");
        assertThat(staged.value(camera, Tm.hqCountry)).isEqualTo("CN");
        assertThat(staged.value(camera, Tm.registeredAs)).isEqualTo("Q0000001");
        assertThat(staged.value(camera, Tm.registrationAuthority)).isEqualTo("WIKIDATA");
        assertThat(staged.value(camera, Tm.confidence)).isEqualTo("wikidata");
        assertThat(staged.value(camera, Tm.evidenceUrl)).isEqualTo("https://www.wikidata.org/wiki/Q0000001");
        assertThat(staged.value(camera, Tm.evidenceDate)).isEqualTo("2026-04-30");
        assertThat(staged.values(camera, Tm.warcRecordId)).as("the capture's, stated on the capture").isEmpty();
        assertThat(staged.value("item/Q0000007", Tm.lei)).isEqualTo("CONSTRUCTED000000100");
        assertThat(staged.value("item/Q0000007", Tm.basedIn)).isEqualTo("DE");
        assertThat(staged.conforms()).isTrue();
    }

    @Test
    void parentAndOwnersAreControlLinksWithSharesAsPercentages() {
        SourceFixture staged = SourceFixture.parse("wikidata", CONSTRUCTED, new WikidataParser());
        String camera = "Constructed Camera Co., Ltd.";
        List<Node> toHolding = staged.where(Tm.Link, Tm.relation, "CONTROLLED_BY").stream()
                .filter(l -> staged.label(staged.graph.find(l, Tm.to, Node.ANY).next().getObject())
                        .equals("Constructed Holding Group")).toList();
        assertThat(toHolding).extracting(l -> staged.value(l, Tm.controlKind))
                .containsExactlyInAnyOrder("STATED", "SHAREHOLDING"); // P749 and P127
        Node owned = toHolding.stream().filter(l -> staged.values(l, Tm.share).size() == 1).findFirst().orElseThrow();
        assertThat(staged.value(owned, Tm.share)).isEqualTo("42");
        assertThat(staged.value(owned, Tm.startDate)).isEqualTo("2015-03-01");
        assertThat(staged.values(owned, Tm.linkStatus)).isEmpty();

        Node ended = staged.link("CONTROLLED_BY", camera, "Constructed Investment Fund");
        assertThat(staged.value(ended, Tm.share)).isEqualTo("10");
        assertThat(staged.value(ended, Tm.endDate)).isEqualTo("2019-06-30");
        assertThat(staged.value(ended, Tm.linkStatus)).isEqualTo("INACTIVE");
        Node fund = staged.graph.find(ended, Tm.to, Node.ANY).next().getObject();
        assertThat(staged.value(fund, Tm.basedIn)).isEqualTo("HK");

        Node noShare = staged.link("CONTROLLED_BY", "Constructed Europe GmbH", camera);
        assertThat(staged.value(noShare, Tm.controlKind)).isEqualTo("STATED");
        assertThat(staged.values(noShare, Tm.share)).isEmpty();
        Node percent = staged.link("CONTROLLED_BY", "Constructed Europe GmbH", "Constructed Minority Partner");
        assertThat(staged.value(percent, Tm.share)).isEqualTo("49"); // entered as a percentage
        assertThat(staged.value(percent, Tm.confidence)).isEqualTo("wikidata");
    }

    @Test
    void humanOwnersAreNotStagedAndCloseTheChainAtNaturalPersons() {
        SourceFixture staged = SourceFixture.parse("wikidata", CONSTRUCTED, new WikidataParser());
        assertThat(staged.where(Tm.Organization, Tm.name, "Constructed Founder")).isEmpty();
        assertThat(staged.values("item/Q0000001", Tm.parentException)).containsExactly("ULTIMATE:NATURAL_PERSONS");
    }

    @Test
    void manufacturerMakesTheItemAProductAndBrandsLeadToTheirOwner() {
        SourceFixture staged = SourceFixture.parse("wikidata", CONSTRUCTED, new WikidataParser());
        assertThat(staged.value("product/Q0000006", Tm.productId)).isEqualTo("wikidata:Q0000006");
        assertThat(staged.links("MADE_BY")).containsExactly("wikidata:Q0000006 -> Constructed Camera Co., Ltd.");
        assertThat(staged.has("item/Q0000006")).isFalse();
        Node brand = staged.link("CONTROLLED_BY", "ConBrand", "Constructed Camera Co., Ltd.");
        assertThat(staged.value(brand, Tm.controlKind)).isEqualTo("BRAND_OWNER");
    }

    @Test
    void badValuesAreReportedWithTheItemAndTheRestIsStaged() {
        SourceFixture staged = SourceFixture.parse("wikidata", CONSTRUCTED, new WikidataParser());
        assertThat(staged.problems).extracting(p -> p.location() + ": " + p.reason()).containsExactlyInAnyOrder(
                "row 21: ?item is not a Wikidata item (a blank node)",
                "row 19 Q0000009: hqCountryIso 'China' is not an ISO 3166-1 alpha-2 code",
                "Q0000009 (row 18) P127 Q0000010: P1107 '250' is outside 0..1 (or 0..100 %)");
        assertThat(staged.value("item/Q0000009", Tm.name)).isEqualTo("Constructed Broken Ltd");
        assertThat(staged.values("item/Q0000009", Tm.hqCountry)).isEmpty();
        assertThat(staged.conforms()).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"0.51, 51", "1, 100", "0, 0", "0.255, 25.5", "51, 51", "100, 100"})
    void proportionsArePercentages(String p1107, String share) {
        assertThat(WikidataParser.share(p1107).toPlainString()).isEqualTo(share);
    }

    @Test
    void theQueryIsValidSparqlForABatchOfItemsAndAsksForIsoCodes() {
        String text = WikidataQuery.text(List.of("Q0000001", "Q0000002"));
        Query query = QueryFactory.create(text);
        assertThat(query.isSelectType()).isTrue();
        assertThat(query.getResultVars()).contains("item", "itemLabel", "countryIso", "hqCountryIso", "parent",
                "owner", "share", "start", "end", "manufacturer", "brand", "lei");
        assertThat(text).contains("wd:Q0000001 wd:Q0000002", "wdt:P297", "pq:P1107", "wdt:P1278", "wdt:P176",
                "wdt:P1716", "wdt:P159", "wdt:P749");
        String url = WikidataQuery.url(WikidataQuery.ENDPOINT, List.of("Q0000001")).toString();
        assertThat(url).startsWith("https://query.wikidata.org/sparql?format=json&query=");
        assertThat(URLDecoder.decode(url.substring(url.indexOf("query=") + 6), StandardCharsets.UTF_8))
                .isEqualTo(WikidataQuery.text(List.of("Q0000001")));
        assertThatThrownBy(() -> WikidataQuery.text(List.of("Q1 } DROP")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void registeredInTheCatalog() {
        assertThat(SourceCatalog.parser("wikidata")).get().isInstanceOf(WikidataParser.class);
    }
}
