package org.trustmap.graph.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFWriter;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trustmap.crawler.Tm;

/**
 * Reading the staged records through the spill: a record's parts (restated further on in its copy, or stated by two
 * captures) are one record, each capture's source, WARC record id and day stand in only where the record states none,
 * records come in the order of their IRIs' strings, and the spill file is not left beside the copies. The captures
 * and copies are CONSTRUCTED here.
 */
class StagedRecordsTest {
    @TempDir
    Path dir;
    private final DatasetGraph dsg = DatasetGraphFactory.createTxnMem();
    private final Map<String, Path> copies = new HashMap<>();

    private static Node rec(String key) {
        return NodeFactory.createURI(Tm.RECORD_NS + key);
    }

    private static Node text(String s) {
        return NodeFactory.createLiteralString(s);
    }

    /** A capture of {@code source} archived on {@code day} whose records copy holds {@code triples}, in that order. */
    private void capture(String graph, String source, String day, Triple... triples) throws Exception {
        Node g = NodeFactory.createURI(graph);
        dsg.executeWrite(() -> {
            dsg.add(Tm.CAPTURES_GRAPH, g, RDF.type.asNode(), Tm.Capture);
            dsg.add(Tm.CAPTURES_GRAPH, g, Tm.source, text(source));
            dsg.add(Tm.CAPTURES_GRAPH, g, Tm.warcRecordId, text("<urn:uuid:" + source + ">"));
            dsg.add(Tm.CAPTURES_GRAPH, g, Tm.retrieved,
                    NodeFactory.createLiteralDT(day + "T08:00:00Z", XSDDatatype.XSDdateTime));
        });
        Path copy = dir.resolve(copies.size() + ".rt");
        try (OutputStream out = Files.newOutputStream(copy)) {
            StreamRDF writer = StreamRDFWriter.getWriterStream(out, RDFFormat.RDF_THRIFT_VALUES);
            writer.start();
            for (Triple t : triples) {
                writer.triple(t);
            }
            writer.finish();
        }
        copies.put(graph, copy);
    }

    private List<StagedRecord> read() {
        return dsg.calculateRead(() -> StagedRecords.read(dsg, g -> Optional.ofNullable(copies.get(g))));
    }

    private static Triple t(Node s, Node p, Node o) {
        return Triple.create(s, p, o);
    }

    @Test
    void aRecordRestatedFurtherOnInItsCopyIsOneRecordWithItsCapturesValuesOnce() throws Exception {
        Node a = rec("test:a");
        Node b = rec("test:b");
        capture("urn:g:1", "gleif", "2026-01-02", t(a, RDF.type.asNode(), Tm.Organization), t(a, Tm.name, text("A Ltd")),
                t(b, RDF.type.asNode(), Tm.Organization), t(b, Tm.name, text("B Ltd")),
                t(a, Tm.otherName, text("A Limited")));
        List<StagedRecord> records = read();
        assertThat(records).extracting(StagedRecord::toString).containsExactly(a.getURI(), b.getURI());
        StagedRecord first = records.get(0);
        assertThat(first.texts(Tm.name)).containsExactly("A Ltd");
        assertThat(first.texts(Tm.otherName)).containsExactly("A Limited");
        assertThat(first.texts(Tm.source)).containsExactly("gleif");
        assertThat(first.texts(Tm.warcRecordId)).containsExactly("<urn:uuid:gleif>");
        assertThat(first.texts(Tm.evidenceDate)).containsExactly("2026-01-02");
        assertThat(first.spilled()).isTrue();
        assertThat(Files.list(dir).map(p -> p.getFileName().toString()))
                .as("the spill file is not left beside the copies").containsExactlyInAnyOrder("0.rt");
    }

    @Test
    void aRecordOfTwoCapturesTakesTheFirstCapturesValuesOnlyWhereNeitherStatesItsOwn() throws Exception {
        Node p = rec("test:p");
        // the first capture states a date of its own, the second a source of its own; the WARC record id neither
        capture("urn:g:1", "inventory", "2026-01-02", t(p, RDF.type.asNode(), Tm.Product), t(p, Tm.name, text("Camera")),
                t(p, Tm.evidenceDate, NodeFactory.createLiteralDT("2025-12-31", XSDDatatype.XSDdate)));
        capture("urn:g:2", "curated", "2026-02-03", t(p, Tm.model, text("X1")), t(p, Tm.source, text("wikidata")));
        StagedRecord r = read().get(0);
        assertThat(r.texts(Tm.model)).containsExactly("X1");
        assertThat(r.texts(Tm.source)).as("the stated source, not the first capture's").containsExactly("wikidata");
        assertThat(r.texts(Tm.evidenceDate)).as("the stated date, neither capture's day").containsExactly("2025-12-31");
        assertThat(r.texts(Tm.warcRecordId)).as("the first capture's, once").containsExactly("<urn:uuid:inventory>");
    }

    @Test
    void recordsComeInTheOrderOfTheirIrisStrings() throws Exception {
        // U+FFFD sorts after U+1F600 as Java strings (UTF-16) but before it as UTF-8 bytes
        List<String> keys = List.of("test:z", "test:a%2F1", "test:\uFFFD", "test:\uD83D\uDE00", "test:a", "test:é");
        Triple[] triples = keys.stream().map(k -> t(rec(k), RDF.type.asNode(), Tm.Organization)).toArray(Triple[]::new);
        capture("urn:g:1", "gleif", "2026-01-02", triples);
        List<String> expected = keys.stream().map(k -> rec(k).getURI()).sorted().toList();
        assertThat(read()).extracting(StagedRecord::toString).containsExactlyElementsOf(expected);
    }
}
