package org.trustmap.crawler;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.GraphMemFactory;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.system.StreamRDFBase;
import org.apache.jena.shacl.ShaclValidator;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.shacl.ValidationReport;
import org.apache.jena.shacl.validation.ReportEntry;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.RDF;

/**
 * Stages one capture in chunks: the parser's quads are buffered in memory until a chunk holds about
 * {@code chunkTriples} triples, the chunk is checked against the SHACL shapes in memory (on a thread of its own while
 * the chunk is written), and only its accepted triples stay in the target graph (TDB2, inside the caller's one write
 * transaction) and go to the records copy. Memory stays bounded by the chunk size, not the file size.
 *
 * <p>A chunk ends only where a record starts (its {@code rdf:type} triple), so a record written in one go is checked
 * whole. The shapes look at a record's own triples and, through {@code sh:class}, at the type of the records it
 * points to (a deployment's {@code tm:product}). Two cases cross a chunk boundary and are handled here:
 * <ul>
 *   <li>a subject written again in a later chunk (an inventory product on two lines): its triples already in the
 *       target graph are checked together with the new ones (so {@code sh:maxCount} still sees all of them), and a
 *       subject failing then is removed from the target graph as well;</li>
 *   <li>a record pointing at a record of an earlier chunk: the type of that record (from the target graph, or kept
 *       for records rejected earlier) is added to the chunk for the check.</li>
 * </ul>
 * Only subjects written in the chunk are judged; the borrowed context is not reported again.
 */
final class ChunkValidator extends StreamRDFBase {
    /** Where accepted triples go (TDB2's graph of the capture), or null when they go to the records copy only. */
    private final Graph target;
    private final Node graphName;
    private final Shapes shapes;
    private final Set<Node> classPaths;
    private final int chunkTriples;
    private final ParseContext context;
    private final Set<Node> recordTypes;
    /** Records rejected so far in this capture and their type: later triples about them are dropped too. */
    private final Map<Node, Node> rejected = new HashMap<>();
    private final List<Triple> chunk = new ArrayList<>();
    private final Set<Node> subjects = new HashSet<>();
    /**
     * Subjects with triples in the target graph from earlier chunks of this capture, by a 128-bit hash of the subject:
     * only those are looked up in the target graph when they come again (a look-up in TDB2 for every new subject of
     * every chunk cost about 5 % of a 200k-entity stage). The target graph holds nothing else: staging clears it first.
     */
    private final LongPairSet written = new LongPairSet();
    private long removed;
    /** Gets every triple added to the target graph, or null. */
    private RecordsCopy copy;

    ChunkValidator(Graph target, Node graphName, Shapes shapes, Set<Node> classPaths, Set<Node> recordTypes,
                   int chunkTriples, ParseContext context) {
        this.target = target;
        this.graphName = graphName;
        this.shapes = shapes;
        this.classPaths = classPaths;
        this.recordTypes = recordTypes;
        this.chunkTriples = chunkTriples;
        this.context = context;
    }

    /**
     * Checks without a target graph: the accepted triples go to the records copy only ({@code copy}, required). The
     * two cases that need an earlier chunk's triples (above) then cannot be judged here and end the staging with
     * {@link NeedsIndex}; the caller stages the capture again with a target graph.
     */
    static ChunkValidator copyOnly(Node graphName, Shapes shapes, Set<Node> classPaths, Set<Node> recordTypes,
                                   int chunkTriples, ParseContext context, RecordsCopy copy) {
        return new ChunkValidator(null, graphName, shapes, classPaths, recordTypes, chunkTriples, context)
                .copyingTo(java.util.Objects.requireNonNull(copy, "copy"));
    }

    /**
     * A capture staged without a target graph needs one: a record comes again in a later chunk, or points at a record
     * of an earlier chunk, or the copy cannot hold the graph (blank nodes).
     */
    static final class NeedsIndex extends RuntimeException {
        NeedsIndex(String reason) {
            super(reason, null, false, false);
        }
    }

    /** Also writes every accepted triple to {@code copy}. */
    ChunkValidator copyingTo(RecordsCopy copy) {
        this.copy = copy;
        return this;
    }

    /** Records rejected by the shapes so far. */
    long removed() {
        return removed;
    }

    @Override
    public void quad(Quad quad) {
        if (!quad.getGraph().equals(graphName)) {
            throw new IllegalStateException("a parser wrote outside its capture graph: " + quad);
        }
        triple(quad.asTriple());
    }

    @Override
    public void triple(Triple t) {
        if (chunk.size() >= chunkTriples && isRecordStart(t)) {
            flush();
        }
        chunk.add(t);
        subjects.add(t.getSubject());
    }

    @Override
    public void finish() {
        flush();
    }

    private boolean isRecordStart(Triple t) {
        return t.getPredicate().equals(RDF.type.asNode()) && recordTypes.contains(t.getObject())
                && !subjects.contains(t.getSubject());
    }

    /**
     * Checks the buffered chunk and writes what passes. The shapes run on a thread of their own while this thread
     * writes the chunk into the target graph (TDB2's inserts were ~80 % of this thread's time, the shapes ~12 %); the
     * records they refuse are then taken out of the target graph again, before anything is committed, and only the
     * accepted triples go to the records copy. What the check sees is gathered before the chunk is written, so it is
     * what the sequential check saw.
     */
    void flush() {
        if (chunk.isEmpty()) {
            return;
        }
        Graph check = GraphMemFactory.createDefaultGraph();
        Set<Node> fresh = new LinkedHashSet<>();
        for (Triple t : chunk) {
            if (!rejected.containsKey(t.getSubject())) {
                check.add(t);
                fresh.add(t.getSubject());
            }
        }
        Set<Node> earlier = new HashSet<>();
        for (Node s : fresh) {
            if (wasWritten(s)) {
                if (target == null) {
                    throw new NeedsIndex(s + " comes again after an earlier chunk");
                }
                earlier.add(s);
                target.find(s, Node.ANY, Node.ANY).forEachRemaining(check::add);
            }
        }
        for (Triple t : chunk) {
            if (classPaths.contains(t.getPredicate()) && t.getObject().isURI() && !fresh.contains(t.getObject())) {
                borrowType(check, t.getObject());
            }
        }
        Future<List<Refusal>> judged = CHECKER.submit(() -> judge(check, fresh));
        if (target != null) {
            for (Triple t : chunk) {
                if (!rejected.containsKey(t.getSubject())) {
                    target.add(t);
                }
            }
        }
        Set<Node> bad = new LinkedHashSet<>();
        for (Refusal refusal : await(judged)) {
            bad.add(refusal.subject());
            context.reject(refusal.where(), refusal.reason());
            removed++;
        }
        for (Node s : fresh) {
            if (!bad.contains(s)) {
                markWritten(s);
            }
        }
        if (copy != null) {
            for (Triple t : chunk) {
                Node s = t.getSubject();
                if (!bad.contains(s) && !rejected.containsKey(s)) {
                    copy.add(t);
                }
            }
        }
        for (Node s : bad) {
            rejected.put(s, type(check, s));
            if (target == null) {
                continue; // nothing of it was written: not earlier (that ended the staging above), not in the copy
            }
            List<Triple> stale = target.find(s, Node.ANY, Node.ANY).toList();
            stale.forEach(target::delete);
            if (copy != null && earlier.contains(s)) {
                copy.spoil(); // triples of it from an earlier chunk are in the copy already
            }
        }
        chunk.clear();
        subjects.clear();
    }

    /** A record the shapes refuse: its subject, where it is in the document and why. */
    private record Refusal(Node subject, String where, String reason) {
    }

    /**
     * Runs the shapes of every capture, one chunk at a time: staging is one capture at a time, and a chunk is handed
     * over only while its staging thread writes and then waits for the answer.
     */
    private static final ExecutorService CHECKER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "stage-check");
        t.setDaemon(true);
        return t;
    });

    private static <T> T await(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the staging shapes ran", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("the staging shapes failed", e.getCause());
        }
    }

    private boolean wasWritten(Node s) {
        String key = key(s);
        return written.contains(fnv(key), poly(key));
    }

    private void markWritten(Node s) {
        String key = key(s);
        written.add(fnv(key), poly(key));
    }

    private static String key(Node s) {
        return s.isURI() ? s.getURI() : s.toString();
    }

    /** FNV-1a, 64 bits. */
    private static long fnv(String key) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < key.length(); i++) {
            h = (h ^ key.charAt(i)) * 0x100000001b3L;
        }
        return h;
    }

    /** A second, independent 64-bit hash (polynomial with an odd multiplier, then mixed). */
    private static long poly(String key) {
        long h = key.length();
        for (int i = 0; i < key.length(); i++) {
            h = h * 0x9E3779B97F4A7C15L + key.charAt(i);
        }
        h ^= h >>> 29;
        h *= 0xBF58476D1CE4E5B9L;
        return h ^ (h >>> 32);
    }

    private void borrowType(Graph check, Node o) {
        Node type = rejected.get(o);
        if (type != null) {
            check.add(Triple.create(o, RDF.type.asNode(), type));
        } else if (wasWritten(o)) {
            if (target == null) {
                throw new NeedsIndex("a record points at " + o + " of an earlier chunk");
            }
            target.find(o, RDF.type.asNode(), Node.ANY).forEachRemaining(check::add);
        }
    }

    /**
     * Subjects of the chunk that break a shape, each once with its location, in the report's order (on the checking
     * thread: nothing here touches the target graph or the error policy).
     */
    private List<Refusal> judge(Graph check, Set<Node> fresh) {
        ValidationReport report = ShaclValidator.get().validate(shapes, check);
        List<Refusal> refusals = new ArrayList<>();
        if (report.conforms()) {
            return refusals;
        }
        Set<Node> bad = new HashSet<>();
        for (ReportEntry entry : report.getEntries()) {
            Node focus = entry.focusNode();
            if (fresh.contains(focus) && bad.add(focus)) {
                String where = value(check, focus, Tm.recordRef);
                refusals.add(new Refusal(focus, where == null ? focus.toString() : where,
                        "does not pass the staging shapes: " + describe(entry)));
            }
        }
        return refusals;
    }

    private static String describe(ReportEntry entry) {
        String path = entry.resultPath() == null ? "" : entry.resultPath().toString()
                .replace("<" + Tm.NS, "tm:").replace(">", "") + " ";
        return path + entry.message();
    }

    private static Node type(Graph graph, Node s) {
        Iterator<Triple> it = graph.find(s, RDF.type.asNode(), Node.ANY);
        return it.hasNext() ? it.next().getObject() : null;
    }

    private static String value(Graph graph, Node s, Node p) {
        Iterator<Triple> it = graph.find(s, p, Node.ANY);
        return it.hasNext() ? it.next().getObject().getLiteralLexicalForm() : null;
    }
}
