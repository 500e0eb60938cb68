package org.trustmap.crawler.sources.bods;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.apache.jena.graph.Node;
import org.junit.jupiter.api.Test;
import org.trustmap.crawler.SourceCatalog;
import org.trustmap.crawler.Tm;
import org.trustmap.crawler.sources.SourceFixture;

class BodsParserTest {
    private static SourceFixture parse(String name) {
        return SourceFixture.parse("bods", name, new BodsParser());
    }

    @Test
    void aStateOwnedEnterpriseChainEndsAtTheStateWithExactShares() {
        SourceFixture staged = parse("bods_example_bods-package-fi-soe.json");
        assertThat(staged.problems).isEmpty();
        String gasgrid = "statement/xregi-es-00002247037980570744606";
        assertThat(staged.value(gasgrid, Tm.name)).isEqualTo("Gasgrid Finland Oy");
        assertThat(staged.value(gasgrid, Tm.legalJurisdiction)).isEqualTo("FI");
        assertThat(staged.value(gasgrid, Tm.registeredAs)).isEqualTo("3007894-1");
        assertThat(staged.value(gasgrid, Tm.registrationAuthority)).isEqualTo("FI-PRO");
        assertThat(staged.value(gasgrid, Tm.evidenceDate)).isEqualTo("2022-02-14");
        assertThat(staged.values("statement/xregi-es-00001461827397290944606", Tm.otherName))
                .containsExactly("Finansministeriet");

        Node toSubsidiary = staged.link("CONTROLLED_BY", "Gasgrid Finland Oy", "Suomen Kaasuverkko Oy");
        assertThat(staged.value(toSubsidiary, Tm.controlKind)).isEqualTo("SHAREHOLDING");
        assertThat(staged.value(toSubsidiary, Tm.share)).isEqualTo("76.5");
        assertThat(staged.value(toSubsidiary, Tm.startDate)).isEqualTo("2020-01-01");
        // the ministry is a state body: its holdings are STATE control, with the share stated
        Node toMinistry = staged.link("CONTROLLED_BY", "Gasgrid Finland Oy", "Valtiovarainministerio");
        assertThat(staged.value(toMinistry, Tm.controlKind)).isEqualTo("STATE");
        assertThat(staged.value(toMinistry, Tm.share)).isEqualTo("23.5");
        assertThat(staged.value(staged.link("CONTROLLED_BY", "Suomen Kaasuverkko Oy", "Valtiovarainministerio"),
                Tm.share)).isEqualTo("100");
        Node ministryToState = staged.link("CONTROLLED_BY", "Valtiovarainministerio", "Suomen tasavalta");
        assertThat(staged.value(ministryToState, Tm.controlKind)).isEqualTo("STATE");
        assertThat(staged.values(ministryToState, Tm.share)).isEmpty(); // otherInfluenceOrControl
        // the summary of the chain is kept, marked indirect
        Node indirect = staged.record("statement/xregi-oocs-00005576684893527244606");
        assertThat(staged.value(indirect, Tm.recordRef)).endsWith("(indirect)");
        assertThat(staged.value(indirect, Tm.controlKind)).isEqualTo("STATE");
        assertThat(staged.conforms()).isTrue();
    }

    @Test
    void aShareRangeGivesItsLowerBound() {
        SourceFixture staged = parse("bods_example_bods-package-entity-owning-entity.json");
        assertThat(staged.problems).isEmpty();
        Node link = staged.link("CONTROLLED_BY", "JENEX LIMITED", "MVJ LIMITED");
        assertThat(staged.value(link, Tm.controlKind)).isEqualTo("SHAREHOLDING");
        assertThat(staged.value(link, Tm.share)).isEqualTo("75"); // minimum 75, exclusiveMaximum 100
        assertThat(staged.value("statement/ba2fcf1e-04d2-40ef-8508-d633404b43aa", Tm.registeredAs)).isEqualTo("03209885");
        assertThat(staged.value("statement/ba2fcf1e-04d2-40ef-8508-d633404b43aa", Tm.registrationAuthority))
                .isEqualTo("GB-COH");
        assertThat(staged.conforms()).isTrue();
    }

    @Test
    void anOwnerExemptFromDisclosureIsARecordedExceptionNotAGuess() {
        SourceFixture staged = parse("bods_example_listed-company-exempt-from-disclosure.json");
        assertThat(staged.problems).isEmpty();
        String ex = "statement/5b7273f7-6ca1-40f3-9146-646ce0f8b03e/subject";
        assertThat(staged.value(ex, Tm.name)).isEqualTo("Listed Company OS-17");
        assertThat(staged.values(ex, Tm.parentException)).containsExactly("ULTIMATE:SUBJECT_EXEMPT_FROM_DISCLOSURE");
        assertThat(staged.value(ex, Tm.evidenceDate)).isEqualTo("2019-05-10");
        assertThat(staged.count(Tm.Link)).isZero();
        assertThat(staged.conforms()).isTrue();
    }

    @Test
    void aPersonClosesTheChainAndIsNotStaged() {
        SourceFixture staged = parse("bods_example_indirect-ownership.json");
        assertThat(staged.problems).isEmpty();
        assertThat(staged.links("CONTROLLED_BY")).containsExactly("Company A -> Company B");
        assertThat(staged.where(Tm.Organization, Tm.parentException, "ULTIMATE:NATURAL_PERSONS"))
                .extracting(staged::label).containsOnly("Company A", "Company B");
        for (Node org : staged.subjects(Tm.Organization)) {
            assertThat(staged.label(org)).doesNotContain("Person 1");
        }
        assertThat(staged.conforms()).isTrue();
    }

    @Test
    void aRelationshipBeforeItsPartiesWaitsForThemAndBadStatementsAreReported() {
        // constructed (fictional names and LEI): the relationship comes first, then a statement without recordType, then the two entities
        String jsonl = """
                {"statementId": "r1", "statementDate": "2024-01-31", "recordId": "rel1", "recordType": "relationship", "recordDetails": {"subject": "e1", "interestedParty": "e2", "interests": [{"type": "shareholding", "directOrIndirect": "direct", "share": {"exact": 41.88}}]}}
                {"statementId": "x", "recordId": "y"}
                {"statementId": "s1", "statementDate": "2024-01-31", "recordId": "e1", "recordType": "entity", "recordDetails": {"entityType": {"type": "registeredEntity"}, "name": "Example Subsidiary Co., Ltd.", "jurisdiction": {"name": "China"}, "identifiers": [{"scheme": "XI-LEI", "id": "EXAMPLEEXAMPLEEXA000"}]}}
                {"statementId": "s2", "statementDate": "2024-01-31", "recordId": "e2", "recordType": "entity", "recordDetails": {"entityType": {"type": "registeredEntity"}, "name": "Example Parent Group Corporation", "addresses": [{"type": "registered", "country": {"name": "China", "code": "CN"}}]}}
                {"statementId": "r2", "recordId": "rel2", "recordType": "relationship", "recordDetails": {"subject": "e1", "interestedParty": "e404"}}
                """;
        SourceFixture staged = SourceFixture.parse("bods", jsonl.getBytes(StandardCharsets.UTF_8),
                "file:///data/bods.jsonl", new BodsParser());
        assertThat(staged.problems).extracting(p -> p.location() + ": " + p.reason()).containsExactly(
                "statement 2 (line 2): is no BODS 0.4 statement (recordType or recordId missing)",
                "statement 5 (line 5): interested party e404 is not stated in this document");
        Node link = staged.link("CONTROLLED_BY", "Example Subsidiary Co., Ltd.",
                "Example Parent Group Corporation");
        assertThat(staged.value(link, Tm.share)).isEqualTo("41.88");
        assertThat(staged.value("statement/s1", Tm.lei)).isEqualTo("EXAMPLEEXAMPLEEXA000");
        assertThat(staged.value("statement/s1", Tm.legalJurisdiction)).isEqualTo("CN");
        assertThat(staged.value("statement/s2", Tm.legalCountry)).isEqualTo("CN");
        assertThat(staged.conforms()).isTrue();
    }

    @Test
    void theCatalogKnowsTheSource() {
        assertThat(SourceCatalog.parser("bods")).get().isInstanceOf(BodsParser.class);
    }
}
