package org.trustmap.graph.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.junit.jupiter.api.Test;

/** One node per distinct literal of a property while a graph is read; never a value swapped for a different one. */
class SharedValuesTest {
    private static final Node DATE = NodeFactory.createURI("urn:trustmap:ns:evidenceDate");
    private static final Node NAME = NodeFactory.createURI("urn:trustmap:ns:name");

    @Test
    void equalLiteralsAreOneNode() {
        SharedValues shared = new SharedValues();
        Node first = shared.of(DATE, NodeFactory.createLiteralDT("2026-01-01", XSDDatatype.XSDdate));
        Node again = shared.of(DATE, NodeFactory.createLiteralDT("2026-01-01", XSDDatatype.XSDdate));
        assertThat(again).isSameAs(first);
    }

    @Test
    void literalsThatDifferInDatatypeOrLanguageStayApart() {
        SharedValues shared = new SharedValues();
        Node date = shared.of(DATE, NodeFactory.createLiteralDT("2026-01-01", XSDDatatype.XSDdate));
        Node plain = shared.of(DATE, NodeFactory.createLiteralString("2026-01-01"));
        Node english = shared.of(NAME, NodeFactory.createLiteralLang("Acme", "en"));
        Node german = shared.of(NAME, NodeFactory.createLiteralLang("Acme", "de"));

        assertThat(plain).isNotEqualTo(date);
        assertThat(plain.getLiteralDatatypeURI()).isEqualTo(XSDDatatype.XSDstring.getURI());
        assertThat(german.getLiteralLanguage()).isEqualTo("de");
        assertThat(english.getLiteralLanguage()).isEqualTo("en");
    }

    @Test
    void aPropertyOfMostlyDistinctValuesStopsCollectingButKeepsSharingWhatItHas() {
        SharedValues shared = new SharedValues();
        Node early = shared.of(NAME, NodeFactory.createLiteralString("name 0"));
        for (int i = 1; i < SharedValues.LIMIT + 10; i++) {
            shared.of(NAME, NodeFactory.createLiteralString("name " + i));
        }
        Node late = NodeFactory.createLiteralString("name " + (SharedValues.LIMIT + 5));
        assertThat(shared.of(NAME, late)).isSameAs(late);
        assertThat(shared.of(NAME, NodeFactory.createLiteralString("name " + (SharedValues.LIMIT + 5)))).isNotSameAs(late);
        assertThat(shared.of(NAME, NodeFactory.createLiteralString("name 0"))).isSameAs(early);
        // another property collects on its own
        Node date = shared.of(DATE, NodeFactory.createLiteralString("2026-01-01"));
        assertThat(shared.of(DATE, NodeFactory.createLiteralString("2026-01-01"))).isSameAs(date);
    }

    @Test
    void uriValuesPassThrough() {
        SharedValues shared = new SharedValues();
        Node uri = NodeFactory.createURI("urn:trustmap:rec:x");
        assertThat(shared.of(NAME, uri)).isSameAs(uri);
    }
}
