package org.trustmap.crawler.sources.gleif;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.system.StreamRDFLib;
import org.apache.jena.shacl.ShaclValidator;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.shacl.ValidationReport;
import org.apache.jena.shacl.lib.ShLib;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.vocabulary.RDF;
import org.trustmap.crawler.Capture;
import org.trustmap.crawler.ErrorPolicy;
import org.trustmap.crawler.ParseContext;
import org.trustmap.crawler.ParseProblem;
import org.trustmap.crawler.RecordSink;
import org.trustmap.crawler.Tm;

/** A document parsed by {@link GleifParser} into an in-memory dataset, with lookups for the tests. */
final class GleifStaged {
    static final String FIXTURES = "/fixtures/gleif/";
    private static final Graph SHAPES = RDFDataMgr.loadGraph(Path.of("../data/ontology/shapes.ttl").toString());

    final Capture capture;
    final Graph graph;
    final List<ParseProblem> problems;
    final GleifSummary summary;
    /** Quads the parser wrote, repeats included (the graph keeps each once). */
    final long emitted;

    private GleifStaged(Capture capture, Graph graph, List<ParseProblem> problems, GleifSummary summary,
                        long emitted) {
        this.capture = capture;
        this.graph = graph;
        this.problems = problems;
        this.summary = summary;
        this.emitted = emitted;
    }

    static GleifStaged fixture(String name) {
        return fixture(name, "file:///data/gleif/" + name);
    }

    static GleifStaged fixture(String name, String targetUri) {
        return parse(bytes(name), targetUri);
    }

    static GleifStaged parse(String text, String targetUri) {
        return parse(text.getBytes(StandardCharsets.UTF_8), targetUri);
    }

    static GleifStaged parse(byte[] body, String targetUri) {
        Capture capture = new Capture("gleif", targetUri, "application/octet-stream",
                Instant.parse("2025-06-01T10:00:00Z"), "<urn:uuid:5f1c3a52-0b8e-4d7e-9a55-3d2f0c1b7e10>",
                "sha256:x", "a.warc.gz", 0);
        DatasetGraph dsg = DatasetGraphFactory.createTxnMem();
        ErrorPolicy.Collecting errors = ErrorPolicy.collecting();
        long[] emitted = {0};
        RecordSink sink = new RecordSink(new org.apache.jena.riot.system.StreamRDFWrapper(StreamRDFLib.dataset(dsg)) {
            @Override
            public void quad(org.apache.jena.sparql.core.Quad quad) {
                emitted[0]++;
                super.quad(quad);
            }
        }, capture);
        try (InputStream in = new ByteArrayInputStream(body)) {
            GleifSummary summary = new GleifParser().stage(in, new ParseContext(capture, errors), sink);
            Graph graph = dsg.getGraph(NodeFactory.createURI(capture.graphName()));
            return new GleifStaged(capture, graph, errors.problems(), summary, emitted[0]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }

    static byte[] bytes(String name) {
        try (InputStream in = GleifStaged.class.getResourceAsStream(FIXTURES + name)) {
            return Objects.requireNonNull(in, name).readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The record IRI RecordSink gives a local key in this capture. */
    Node record(String localKey) {
        return NodeFactory.createURI(Tm.RECORD_NS + "gleif:" + capture.shortId() + ":"
                + URLEncoder.encode(localKey, StandardCharsets.UTF_8));
    }

    boolean has(String localKey) {
        return graph.contains(record(localKey), RDF.type.asNode(), Node.ANY);
    }

    List<String> values(String localKey, Node property) {
        return graph.find(record(localKey), property, Node.ANY).mapWith(Triple::getObject)
                .mapWith(o -> o.isLiteral() ? o.getLiteralLexicalForm() : o.getURI()).toList();
    }

    String value(String localKey, Node property) {
        List<String> values = values(localKey, property);
        if (values.size() != 1) {
            throw new AssertionError(localKey + " " + property + " has " + values);
        }
        return values.get(0);
    }

    Node object(String localKey, Node property) {
        return graph.find(record(localKey), property, Node.ANY).next().getObject();
    }

    LocalDate date(String localKey, Node property) {
        return LocalDate.parse(value(localKey, property));
    }

    BigDecimal decimal(String localKey, Node property) {
        return new BigDecimal(value(localKey, property));
    }

    long count(Node type) {
        return graph.find(Node.ANY, RDF.type.asNode(), type).toList().size();
    }

    /** Record IRIs of the CONTROLLED_BY links. */
    List<Node> links() {
        return graph.find(Node.ANY, RDF.type.asNode(), Tm.Link).mapWith(Triple::getSubject).toList();
    }

    ValidationReport validate() {
        return ShaclValidator.get().validate(Shapes.parse(SHAPES), graph);
    }

    boolean conforms() {
        ValidationReport report = validate();
        if (!report.conforms()) {
            ShLib.printReport(report);
        }
        return report.conforms();
    }
}
