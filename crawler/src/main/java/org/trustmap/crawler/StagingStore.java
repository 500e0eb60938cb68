package org.trustmap.crawler;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.ReadWrite;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFLib;
import org.apache.jena.shacl.ShaclValidator;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.shacl.ValidationReport;
import org.apache.jena.shacl.validation.ReportEntry;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.vocabulary.RDF;

/**
 * The staging dataset (Jena TDB2): one named graph per capture, checked against the SHACL shapes before it is
 * committed. Staging a capture replaces its graph in one transaction, so a crash leaves either the old graph or the
 * new one, never half of it.
 */
public final class StagingStore implements AutoCloseable {
    private final DatasetGraph dsg;
    private final Shapes shapes;

    private StagingStore(DatasetGraph dsg, Shapes shapes) {
        this.dsg = dsg;
        this.shapes = shapes;
    }

    /** Opens (creating if needed) a TDB2 dataset in {@code dir}, checking graphs with the shapes in {@code shapesFile}. */
    public static StagingStore open(Path dir, Path shapesFile) throws IOException {
        Files.createDirectories(dir);
        Graph shapesGraph = RDFDataMgr.loadGraph(shapesFile.toAbsolutePath().toString());
        return new StagingStore(DatabaseMgr.connectDatasetGraph(dir.toString()), Shapes.parse(shapesGraph));
    }

    /** An in-memory store (tests, dry runs). */
    public static StagingStore inMemory(Path shapesFile) {
        Graph shapesGraph = RDFDataMgr.loadGraph(shapesFile.toAbsolutePath().toString());
        return new StagingStore(DatabaseMgr.createDatasetGraph(), Shapes.parse(shapesGraph));
    }

    public DatasetGraph dataset() {
        return dsg;
    }

    /**
     * Parses a capture into its named graph, replacing what was there. Records the parser rejects and records that
     * break the shapes are left out and reported; the rest is committed.
     */
    public StageResult stage(Capture capture, SourceParser parser, InputStream body, ErrorPolicy.Collecting errors)
            throws IOException {
        Node g = NodeFactory.createURI(capture.graphName());
        ParseContext context = new ParseContext(capture, errors);
        dsg.begin(ReadWrite.WRITE);
        try {
            dsg.deleteAny(g, Node.ANY, Node.ANY, Node.ANY);
            dsg.deleteAny(Tm.CAPTURES_GRAPH, g, Node.ANY, Node.ANY);
            StreamRDF out = StreamRDFLib.dataset(dsg);
            RecordSink sink = new RecordSink(out, capture);
            parser.parse(body, context, sink);
            Graph graph = dsg.getGraph(g);
            long removed = dropNonConforming(graph, context);
            describe(g, capture);
            dsg.commit();
            return new StageResult(capture, capture.graphName(), sink.records() - removed, errors.problems(), false);
        } catch (IOException | RuntimeException e) {
            dsg.abort();
            throw e;
        } finally {
            dsg.end();
        }
    }

    /** Validates the graph; records that violate a shape are removed and reported with their location. */
    private long dropNonConforming(Graph graph, ParseContext context) {
        ValidationReport report = ShaclValidator.get().validate(shapes, graph);
        if (report.conforms()) {
            return 0;
        }
        Set<Node> bad = new LinkedHashSet<>();
        for (ReportEntry entry : report.getEntries()) {
            Node focus = entry.focusNode();
            if (bad.add(focus)) {
                String where = value(graph, focus, Tm.recordRef);
                context.reject(where == null ? focus.toString() : where,
                        "does not pass the staging shapes: " + describe(entry));
            }
        }
        List<Triple> doomed = new ArrayList<>();
        for (Node focus : bad) {
            graph.find(focus, Node.ANY, Node.ANY).forEachRemaining(doomed::add);
        }
        doomed.forEach(graph::delete);
        return bad.size();
    }

    private static String describe(ReportEntry entry) {
        String path = entry.resultPath() == null ? "" : entry.resultPath().toString()
                .replace("<" + Tm.NS, "tm:").replace(">", "") + " ";
        return path + entry.message();
    }

    private static String value(Graph graph, Node s, Node p) {
        Iterator<Triple> it = graph.find(s, p, Node.ANY);
        return it.hasNext() ? it.next().getObject().getLiteralLexicalForm() : null;
    }

    private void describe(Node g, Capture capture) {
        add(g, RDF.type.asNode(), Tm.Capture);
        add(g, Tm.source, NodeFactory.createLiteralString(capture.sourceId()));
        add(g, Tm.targetUri, NodeFactory.createLiteralString(capture.targetUri()));
        add(g, Tm.warcRecordId, NodeFactory.createLiteralString(capture.warcRecordId()));
        if (capture.contentType() != null) {
            add(g, Tm.contentType, NodeFactory.createLiteralString(capture.contentType()));
        }
        add(g, Tm.retrieved, NodeFactory.createLiteralDT(capture.date().toString(), XSDDatatype.XSDdateTime));
    }

    private void add(Node s, Node p, Node o) {
        dsg.add(new Quad(Tm.CAPTURES_GRAPH, s, p, o));
    }

    /** Names of all staged capture graphs. */
    public Set<String> stagedGraphs() {
        return dsg.calculateRead(() -> {
            Set<String> names = new HashSet<>();
            dsg.find(Tm.CAPTURES_GRAPH, Node.ANY, RDF.type.asNode(), Tm.Capture)
                    .forEachRemaining(q -> names.add(q.getSubject().getURI()));
            return names;
        });
    }

    /** Removes every staged graph not in {@code keep}: captures no longer part of the run are retired. */
    public int retainOnly(Set<String> keep) {
        Set<String> drop = new HashSet<>(stagedGraphs());
        drop.removeAll(keep);
        if (drop.isEmpty()) {
            return 0;
        }
        dsg.executeWrite(() -> {
            for (String name : drop) {
                Node g = NodeFactory.createURI(name);
                dsg.deleteAny(g, Node.ANY, Node.ANY, Node.ANY);
                dsg.deleteAny(Tm.CAPTURES_GRAPH, g, Node.ANY, Node.ANY);
            }
        });
        return drop.size();
    }

    /** Runs a read transaction over the dataset. */
    public <T> T read(Function<DatasetGraph, T> action) {
        return dsg.calculateRead(() -> action.apply(dsg));
    }

    @Override
    public void close() {
        dsg.close();
    }
}
