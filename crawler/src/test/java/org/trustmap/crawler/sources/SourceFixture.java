package org.trustmap.crawler.sources;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
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
import org.trustmap.crawler.SourceParser;
import org.trustmap.crawler.Tm;

/**
 * A document of some source parsed into an in-memory graph, with lookups for tests: records by local key,
 * links by relation, problems and the SHACL check against {@code data/ontology/shapes.ttl}.
 */
public final class SourceFixture {
    private static final Graph SHAPES = RDFDataMgr.loadGraph(Path.of("../data/ontology/shapes.ttl").toString());

    public final Capture capture;
    public final Graph graph;
    public final List<ParseProblem> problems;

    private SourceFixture(Capture capture, Graph graph, List<ParseProblem> problems) {
        this.capture = capture;
        this.graph = graph;
        this.problems = problems;
    }

    /** Reads {@code /fixtures/<source>/<name>} from the test class path. */
    public static byte[] bytes(String source, String name) {
        try (InputStream in = SourceFixture.class.getResourceAsStream("/fixtures/" + source + "/" + name)) {
            return Objects.requireNonNull(in, source + "/" + name).readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fixture as if read from a local file with {@code --input}. */
    public static SourceFixture parse(String source, String name, SourceParser parser) {
        return parse(source, bytes(source, name), "file:///data/" + source + "/" + name, parser);
    }

    /** Any body and target URI, run through the parser with a collecting error policy. */
    public static SourceFixture parse(String source, byte[] body, String targetUri, SourceParser parser) {
        Capture capture = new Capture(source, targetUri, "application/octet-stream",
                Instant.parse("2026-05-01T10:00:00Z"), "<urn:uuid:0b6f0c4e-7d1a-4c52-9a1e-5c3f2d7e8a90>",
                "sha256:x", "a.warc.gz", 0);
        DatasetGraph dsg = DatasetGraphFactory.createTxnMem();
        ErrorPolicy.Collecting errors = ErrorPolicy.collecting();
        RecordSink sink = new RecordSink(StreamRDFLib.dataset(dsg), capture);
        try (InputStream in = new ByteArrayInputStream(body)) {
            parser.parse(in, new ParseContext(capture, errors), sink);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new SourceFixture(capture, dsg.getGraph(NodeFactory.createURI(capture.graphName())), errors.problems());
    }

    /**
     * A file of the workplace's shared fixtures (the checkout's sibling {@code shared/}), for the tests that read a
     * whole real file too large to check in; they are skipped where it is not there.
     */
    public static Path shared(String relative) {
        Path sibling = Path.of("../../shared/fixtures").toAbsolutePath().normalize();
        Path base = Files.isDirectory(sibling) ? sibling : Path.of("/work/shared/fixtures");
        return base.resolve(relative);
    }

    public static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The record IRI the sink gives a local key in this capture. */
    public Node record(String localKey) {
        return NodeFactory.createURI(Tm.RECORD_NS + capture.sourceId() + ":" + capture.shortId() + ":"
                + URLEncoder.encode(localKey, StandardCharsets.UTF_8));
    }

    public boolean has(String localKey) {
        return graph.contains(record(localKey), RDF.type.asNode(), Node.ANY);
    }

    public List<String> values(Node subject, Node property) {
        return graph.find(subject, property, Node.ANY).mapWith(Triple::getObject)
                .mapWith(o -> o.isLiteral() ? o.getLiteralLexicalForm() : o.getURI()).toList();
    }

    public List<String> values(String localKey, Node property) {
        return values(record(localKey), property);
    }

    public String value(Node subject, Node property) {
        List<String> values = values(subject, property);
        if (values.size() != 1) {
            throw new AssertionError(subject + " " + property + " has " + values);
        }
        return values.get(0);
    }

    public String value(String localKey, Node property) {
        return value(record(localKey), property);
    }

    public List<Node> subjects(Node type) {
        return graph.find(Node.ANY, RDF.type.asNode(), type).mapWith(Triple::getSubject).toList();
    }

    /** Subjects of the given type carrying {@code property = value}. */
    public List<Node> where(Node type, Node property, String value) {
        List<Node> out = new ArrayList<>();
        for (Node s : subjects(type)) {
            if (values(s, property).contains(value)) {
                out.add(s);
            }
        }
        return out;
    }

    /** Links of a relation as "from name -> to name" (names or product ids of the ends). */
    public List<String> links(String relation) {
        List<String> out = new ArrayList<>();
        for (Node link : where(Tm.Link, Tm.relation, relation)) {
            out.add(label(graph.find(link, Tm.from, Node.ANY).next().getObject()) + " -> "
                    + label(graph.find(link, Tm.to, Node.ANY).next().getObject()));
        }
        return out;
    }

    /** Link records of a relation whose ends carry these labels. */
    public Node link(String relation, String fromLabel, String toLabel) {
        for (Node link : where(Tm.Link, Tm.relation, relation)) {
            if (label(graph.find(link, Tm.from, Node.ANY).next().getObject()).equals(fromLabel)
                    && label(graph.find(link, Tm.to, Node.ANY).next().getObject()).equals(toLabel)) {
                return link;
            }
        }
        throw new AssertionError("no " + relation + " link " + fromLabel + " -> " + toLabel + " in " + links(relation));
    }

    public String label(Node n) {
        List<String> ids = values(n, Tm.productId);
        if (!ids.isEmpty()) {
            return ids.get(0);
        }
        List<String> names = values(n, Tm.name);
        return names.isEmpty() ? n.toString() : names.get(0);
    }

    public long count(Node type) {
        return subjects(type).size();
    }

    public boolean conforms() {
        ValidationReport report = ShaclValidator.get().validate(Shapes.parse(SHAPES), graph);
        if (!report.conforms()) {
            ShLib.printReport(report);
        }
        return report.conforms();
    }
}
