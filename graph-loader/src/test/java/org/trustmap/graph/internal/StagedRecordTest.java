package org.trustmap.graph.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.junit.jupiter.api.Test;

/** A record's values in one order whatever order they were read in, and each value once. */
class StagedRecordTest {
    private static final Node P = NodeFactory.createURI("urn:trustmap:ns:p");
    private static final Node Q = NodeFactory.createURI("urn:trustmap:ns:q");

    /** The order values had when they were sorted by the string lexical \0 datatype \0 language (a URI: its text). */
    private static String joined(Node o) {
        return o.isLiteral() ? o.getLiteralLexicalForm() + "\u0000" + o.getLiteralDatatypeURI() + "\u0000"
                + o.getLiteralLanguage() : o.getURI();
    }

    @Test
    void valuesSortByTextThenDatatypeThenLanguageAsTheJoinedStringsDid() {
        List<Node> values = List.of(NodeFactory.createLiteralString("ab"), NodeFactory.createLiteralString("abc"),
                NodeFactory.createURI("ab"), NodeFactory.createLiteralDT("1", XSDDatatype.XSDint),
                NodeFactory.createLiteralDT("1", XSDDatatype.XSDinteger), NodeFactory.createLiteralString("1"),
                NodeFactory.createLiteralLang("ab", "en"), NodeFactory.createLiteralLang("ab", "de"),
                NodeFactory.createLiteralLang("ab", "de-at"), NodeFactory.createURI("a"),
                NodeFactory.createLiteralDT("2026-01-01", XSDDatatype.XSDdate));
        List<Node> expected = new ArrayList<>(values);
        expected.sort(Comparator.comparing(StagedRecordTest::joined));
        for (int rotation = 0; rotation < values.size(); rotation++) {
            List<Node> order = new ArrayList<>(values);
            java.util.Collections.rotate(order, rotation);
            order.sort(StagedRecord::compareValues);
            assertThat(order).isEqualTo(expected);
        }
    }

    @Test
    void sortPutsPropertiesInOrderAndKeepsARepeatedValueOnce() {
        StagedRecord r = new StagedRecord(NodeFactory.createURI("urn:trustmap:rec:r"));
        r.add(Q, NodeFactory.createLiteralString("z"));
        r.add(P, NodeFactory.createLiteralString("b"));
        r.add(P, NodeFactory.createLiteralString("a"));
        r.add(P, NodeFactory.createLiteralString("b"));
        r.sort();
        assertThat(r.node(P).getLiteralLexicalForm()).isEqualTo("a");
        assertThat(r.texts(P)).containsExactly("a", "b");
        assertThat(r.texts(Q)).containsExactly("z");
    }

    @Test
    void aRecordGivesBackEveryValueAsTheNodeItWasSortedAsNodesSortAndRepeatsOnce() {
        List<Node> values = List.of(NodeFactory.createLiteralString("ab"), NodeFactory.createURI("ab"),
                NodeFactory.createLiteralDT("1", XSDDatatype.XSDint), NodeFactory.createLiteralString("1"),
                NodeFactory.createLiteralLang("ab", "en"), NodeFactory.createLiteralString(""),
                NodeFactory.createLiteralDT("2026-01-01", XSDDatatype.XSDdate), NodeFactory.createURI("a"));
        List<Node> expected = new ArrayList<>(values);
        expected.sort(Comparator.comparing(StagedRecordTest::joined));
        for (int rotation = 0; rotation < values.size(); rotation++) {
            List<Node> order = new ArrayList<>(values);
            java.util.Collections.rotate(order, rotation);
            StagedRecord r = new StagedRecord(NodeFactory.createURI("urn:trustmap:rec:r"));
            order.forEach(v -> r.add(P, v));
            r.add(P, NodeFactory.createLiteralString("ab")); // the same value again, as a new node
            r.sort();
            assertThat(r.nodes(P)).isEqualTo(expected);
        }
        StagedRecord r = new StagedRecord(NodeFactory.createURI("urn:trustmap:rec:r"));
        values.forEach(v -> r.add(P, v));
        assertThat(r.node(P)).isEqualTo(values.get(0));
        assertThat(r.text(P)).isEqualTo("ab");
        assertThat(r.texts(P)).containsExactly("", "1", "1", "2026-01-01", "a", "ab", "ab", "ab");
    }

    @Test
    void aPackedRecordGivesBackEveryValueAsItWasAndUnpacksToChange() {
        List<Node> values = List.of(NodeFactory.createLiteralString("Hangzhou Hikvision Digital Technology Co., Ltd."),
                NodeFactory.createURI("urn:trustmap:rec:x"), NodeFactory.createLiteralDT("1", XSDDatatype.XSDint),
                NodeFactory.createLiteralLang("Zhōngguó", "zh-latn"), NodeFactory.createLiteralString(""),
                NodeFactory.createLiteralDT("2026-01-01", XSDDatatype.XSDdate), NodeFactory.createLiteralString("é✓"));
        StagedRecord open = new StagedRecord(NodeFactory.createURI("urn:trustmap:rec:r"));
        StagedRecord packed = new StagedRecord(NodeFactory.createURI("urn:trustmap:rec:r"));
        for (StagedRecord r : List.of(open, packed)) {
            values.forEach(v -> r.add(P, v));
            r.add(Q, NodeFactory.createLiteralString("z"));
            r.sort();
        }
        packed.pack();

        assertThat(packed.packed()).isTrue();
        assertThat(open.packed()).isFalse();
        for (Node p : List.of(P, Q, NodeFactory.createURI("urn:trustmap:ns:none"))) {
            assertThat(packed.nodes(p)).isEqualTo(open.nodes(p));
            assertThat(packed.node(p)).isEqualTo(open.node(p));
            assertThat(packed.text(p)).isEqualTo(open.text(p));
            assertThat(packed.texts(p)).isEqualTo(open.texts(p));
        }
        // a change unpacks: the value is added to what was packed
        packed.add(Q, NodeFactory.createLiteralString("a"));
        assertThat(packed.packed()).isFalse();
        assertThat(packed.texts(Q)).containsExactly("a", "z");
        packed.pack();
        assertThat(packed.node(Q)).isEqualTo(NodeFactory.createLiteralString("a"));
        assertThat(packed.nodes(P)).isEqualTo(open.nodes(P));
        // reduced to a stub, it stays packed
        packed.retainOnly(java.util.Set.of(Q));
        assertThat(packed.packed()).isTrue();
        assertThat(packed.nodes(P)).isEmpty();
        assertThat(packed.texts(Q)).containsExactly("a", "z");
    }

    @Test
    void aRecordWithABlankNodeValueStaysUnpackedAndReadable() {
        StagedRecord r = new StagedRecord(NodeFactory.createURI("urn:trustmap:rec:r"));
        Node blank = NodeFactory.createBlankNode("b0");
        r.add(P, blank);
        r.add(Q, NodeFactory.createLiteralString("z"));

        r.pack();

        assertThat(r.packed()).isFalse();
        assertThat(r.node(P)).isEqualTo(blank);
        assertThat(r.text(Q)).isEqualTo("z");
    }

    @Test
    void valuesManyRecordsShareArePackedOnceAndGivenBackAsTheyWere() {
        StagedRecord.Dictionary shared = new StagedRecord.Dictionary();
        Node date = NodeFactory.createLiteralDT("2026-01-01", XSDDatatype.XSDdate);
        List<StagedRecord> records = new ArrayList<>();
        for (int i = 0; i < StagedRecord.Dictionary.LIMIT + 10; i++) {
            StagedRecord r = new StagedRecord(NodeFactory.createURI("urn:trustmap:rec:r" + i));
            r.add(P, NodeFactory.createLiteralString("gleif"));
            r.add(P, date);
            r.add(Q, NodeFactory.createLiteralString("name " + i)); // distinct: past the limit they are packed inline
            r.add(Q, NodeFactory.createURI("urn:trustmap:rec:x"));
            r.pack(shared);
            records.add(r);
        }

        for (int i = 0; i < records.size(); i++) {
            StagedRecord r = records.get(i);
            assertThat(r.packed()).isTrue();
            assertThat(r.texts(P)).containsExactly("2026-01-01", "gleif");
            assertThat(r.node(P)).isSameAs(date); // the shared node itself, not a copy
            assertThat(r.nodes(P)).containsExactly(date, NodeFactory.createLiteralString("gleif"));
            assertThat(r.texts(Q)).containsExactly("name " + i, "urn:trustmap:rec:x");
            assertThat(r.node(Q)).isEqualTo(NodeFactory.createLiteralString("name " + i));
        }
        // a stub keeps its shared values
        StagedRecord last = records.get(records.size() - 1);
        last.retainOnly(java.util.Set.of(P));
        assertThat(last.packed()).isTrue();
        assertThat(last.texts(P)).containsExactly("2026-01-01", "gleif");
        assertThat(last.texts(Q)).isEmpty();
    }

    @Test
    void aPackedRecordGivesTheProvenanceAndValuesItsUnpackedFormGives() {
        Node unnumbered = NodeFactory.createURI("urn:trustmap:ns:never-packed-" + System.nanoTime());
        StagedRecord open = provenanced();
        StagedRecord packed = provenanced();
        packed.pack(new StagedRecord.Dictionary());
        assertThat(packed.packed()).isTrue();
        assertThat(open.packed()).isFalse();
        assertThat(packed.provenance()).isEqualTo(open.provenance());
        // the first value of each property in the record's order, not the last one read
        assertThat(packed.provenance().source()).isEqualTo("gleif");
        assertThat(packed.provenance().evidence()).isEqualTo("https://example.org/a");
        assertThat(packed.provenance().date()).isEqualTo("2026-01-02");
        assertThat(packed.provenance().recordId()).isNull();
        assertThat(packed.text(org.trustmap.crawler.Tm.name)).isEqualTo("Acme");
        assertThat(packed.texts(P)).containsExactly("a", "b");
        // a property no record was ever packed with has no values, packed or not
        assertThat(packed.text(unnumbered)).isNull();
        assertThat(packed.texts(unnumbered)).isEmpty();
        assertThat(packed.node(unnumbered)).isNull();
        assertThat(open.text(unnumbered)).isNull();
    }

    private static StagedRecord provenanced() {
        StagedRecord r = new StagedRecord(NodeFactory.createURI("urn:trustmap:rec:p"));
        r.add(org.trustmap.crawler.Tm.evidenceUrl, NodeFactory.createLiteralString("https://example.org/b"));
        r.add(org.trustmap.crawler.Tm.source, NodeFactory.createLiteralString("gleif"));
        r.add(P, NodeFactory.createLiteralString("b"));
        r.add(org.trustmap.crawler.Tm.evidenceUrl, NodeFactory.createLiteralString("https://example.org/a"));
        r.add(org.trustmap.crawler.Tm.evidenceDate, NodeFactory.createLiteralDT("2026-01-02", XSDDatatype.XSDdate));
        r.add(org.trustmap.crawler.Tm.name, NodeFactory.createLiteralString("Acme"));
        r.add(P, NodeFactory.createLiteralString("a"));
        r.sort();
        return r;
    }
}
