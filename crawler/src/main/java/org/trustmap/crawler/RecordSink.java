package org.trustmap.crawler;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Objects;

import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.RDF;

/**
 * Writes records of one capture into its named graph, each with its provenance (evidence URL and date, location in
 * the document), so that no parser can forget it. The source and the WARC record id are the capture's, the same for
 * every record of the graph: the staging store states them once, on the capture ({@code tm:source},
 * {@code tm:warcRecordId} in the captures graph), and resolution gives them to each record it reads (at 200k entities
 * the two triples per record were 1.4 M of the 7.9 M staged ones).
 */
public final class RecordSink {
    private final StreamRDF out;
    private final Capture capture;
    private final Node graph;
    private long records;

    public RecordSink(StreamRDF out, Capture capture) {
        this.out = Objects.requireNonNull(out, "out");
        this.capture = Objects.requireNonNull(capture, "capture");
        this.graph = NodeFactory.createURI(capture.graphName());
    }

    public Capture capture() {
        return capture;
    }

    /** Number of records written so far. */
    public long records() {
        return records;
    }

    /**
     * Starts a record.
     *
     * @param type         {@link Tm#Organization}, {@link Tm#Product}, {@link Tm#Deployment} or {@link Tm#Link}
     * @param localKey     unique within the capture (e.g. {@code lei/5493...}, {@code line/12/subject})
     * @param recordRef    where it is in the document ({@code line 12}, {@code LEI 5493...})
     * @param evidenceUrl  public URL that states it; the capture's URI when the document itself is the evidence
     * @param evidenceDate date the evidence speaks for, or null
     */
    public Node record(Node type, String localKey, String recordRef, String evidenceUrl, LocalDate evidenceDate) {
        Node s = recordNode(localKey);
        quad(s, RDF.type.asNode(), type);
        literal(s, Tm.evidenceUrl, evidenceUrl == null ? capture.targetUri() : evidenceUrl);
        date(s, Tm.evidenceDate, evidenceDate);
        literal(s, Tm.recordRef, recordRef);
        records++;
        return s;
    }

    /**
     * The subject of the record {@link #record} writes under {@code localKey}, without writing anything: for a parser
     * that refers again to a record it has already written in this capture.
     */
    public Node recordNode(String localKey) {
        return NodeFactory.createURI(Tm.RECORD_NS + capture.sourceId() + ":" + capture.shortId() + ":"
                + URLEncoder.encode(localKey, StandardCharsets.UTF_8));
    }

    /** A link record {@code from -[relation]-> to}. */
    public Node link(String localKey, Node from, Node to, String relation, String recordRef, String evidenceUrl,
                     LocalDate evidenceDate) {
        Node link = record(Tm.Link, localKey, recordRef, evidenceUrl, evidenceDate);
        quad(link, Tm.from, from);
        quad(link, Tm.to, to);
        literal(link, Tm.relation, relation);
        return link;
    }

    /** Adds a string value; null or blank values are skipped. */
    public void literal(Node subject, Node property, String value) {
        if (value != null && !value.isBlank()) {
            quad(subject, property, NodeFactory.createLiteralString(value.strip()));
        }
    }

    public void date(Node subject, Node property, LocalDate value) {
        if (value != null) {
            quad(subject, property, NodeFactory.createLiteralDT(value.toString(), XSDDatatype.XSDdate));
        }
    }

    public void decimal(Node subject, Node property, BigDecimal value) {
        if (value != null) {
            quad(subject, property, NodeFactory.createLiteralDT(value.toPlainString(), XSDDatatype.XSDdecimal));
        }
    }

    public void integer(Node subject, Node property, long value) {
        quad(subject, property, NodeFactory.createLiteralDT(Long.toString(value), XSDDatatype.XSDinteger));
    }

    public void iri(Node subject, Node property, Node object) {
        quad(subject, property, object);
    }

    private void quad(Node s, Node p, Node o) {
        out.quad(Quad.create(graph, s, p, o));
    }
}
