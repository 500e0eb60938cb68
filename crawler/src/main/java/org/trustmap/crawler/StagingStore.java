package org.trustmap.crawler;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.ReadWrite;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.params.StoreParams;
import org.apache.jena.tdb2.params.StoreParamsBuilder;
import org.apache.jena.vocabulary.RDF;

/**
 * The staging dataset (Jena TDB2): one named graph per capture, checked against the SHACL shapes before it is
 * committed. Staging a capture replaces its graph in one write transaction, so a crash leaves either the old graph or
 * the new one, never half of it. Inside that transaction the capture is parsed and checked in chunks of about
 * {@link #DEFAULT_CHUNK_TRIPLES} triples in memory ({@link ChunkValidator}), so the shapes never run over TDB2 and
 * memory does not grow with the file.
 */
public final class StagingStore implements AutoCloseable {
    /** Triples per in-memory chunk: large enough to amortize a SHACL run, small enough for a few tens of MB. */
    public static final int DEFAULT_CHUNK_TRIPLES = 50_000;
    private static final Set<Node> RECORD_TYPES = Set.of(Tm.Organization, Tm.Product, Tm.Deployment, Tm.Link);
    private static final Node SH_CLASS = NodeFactory.createURI("http://www.w3.org/ns/shacl#class");
    private static final Node SH_PATH = NodeFactory.createURI("http://www.w3.org/ns/shacl#path");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<ParseProblem>> PROBLEMS = new TypeReference<>() {
    };

    /** The dataset; replaced by {@link #startFresh}. */
    private DatasetGraph dsg;
    private final Shapes shapes;
    private final Set<Node> classPaths;
    private final int chunkTriples;
    private final String stagingKey;
    /**
     * Whether the parser runs on a thread of its own ({@link ParseAhead}) while this one checks and writes; the
     * graph and the refused records are the same either way (tests compare both).
     */
    private boolean parseAhead = true;
    /** Where the sequential copies of staged graphs go ({@link RecordsCopy}); null for in-memory stores. */
    private Path recordsDir;
    /** The dataset's folder; null for in-memory stores. */
    private Path storeDir;

    private StagingStore(DatasetGraph dsg, Path shapesFile, int chunkTriples, String build) {
        if (chunkTriples < 1) {
            throw new IllegalArgumentException("chunkTriples must be at least 1");
        }
        Graph shapesGraph = RDFDataMgr.loadGraph(shapesFile.toAbsolutePath().toString());
        this.dsg = dsg;
        this.shapes = Shapes.parse(shapesGraph);
        this.classPaths = classPaths(shapesGraph);
        this.chunkTriples = chunkTriples;
        this.stagingKey = stagingKey(shapesFile, build);
    }

    /**
     * Opens (creating if needed) a TDB2 dataset in {@code dir}, checking graphs with the shapes in {@code shapesFile}.
     * A new dataset keeps four quad indexes and two triple indexes, the fewest TDB2 accepts, instead of its default six
     * and three: every look-up here names the graph (and the subject within it) or reads everything, so GSPO serves
     * them all, and each staged quad costs four B+tree inserts instead of six. A dataset created earlier keeps the
     * indexes it was created with (TDB2 stores them with it).
     */
    public static StagingStore open(Path dir, Path shapesFile) throws IOException {
        return open(dir, shapesFile, DEFAULT_CHUNK_TRIPLES);
    }

    /** As {@link #open(Path, Path)}, checking captures in chunks of about {@code chunkTriples} triples (tests). */
    static StagingStore open(Path dir, Path shapesFile, int chunkTriples) throws IOException {
        recoverFreshStart(dir);
        if (!Files.isDirectory(dir) || isEmptyDirectory(dir)) {
            create(dir);
        }
        StagingStore store = new StagingStore(DatabaseMgr.connectDatasetGraph(dir.toString(), STORE_PARAMS),
                shapesFile, chunkTriples, BUILD);
        store.recordsDir = dir.resolveSibling(dir.getFileName() + "-records");
        store.storeDir = dir;
        return store;
    }

    /**
     * Creates a new dataset under a temporary name, writes and removes one quad in a committed transaction (so that
     * every B+tree and the node table have committed blocks), closes it and renames it to {@code dir}. TDB2 is not
     * safe against a kill while it creates a dataset: a kill then can leave an index whose records file has blocks
     * and whose node file has none, which no later open accepts ("Node block manager empty"). A leftover temporary
     * folder of a killed creation is deleted first.
     */
    private static void create(Path dir) throws IOException {
        Path creating = dir.resolveSibling(dir.getFileName() + ".creating");
        if (Files.exists(creating)) {
            org.apache.jena.atlas.io.IOX.deleteAll(creating);
        }
        Files.createDirectories(creating);
        DatasetGraph fresh = DatabaseMgr.connectDatasetGraph(creating.toString(), STORE_PARAMS);
        Node g = NodeFactory.createURI("urn:trustmap:staging-created");
        Quad q = Quad.create(g, g, Tm.retrieved, NodeFactory.createLiteralString("created"));
        Txn.executeWrite(fresh, () -> {
            fresh.add(q);
            fresh.getDefaultGraph().add(q.asTriple());
        });
        Txn.executeWrite(fresh, () -> {
            fresh.delete(q);
            fresh.getDefaultGraph().delete(q.asTriple());
        });
        org.apache.jena.tdb2.sys.TDBInternal.expel(fresh);
        if (Files.isDirectory(dir)) {
            Files.delete(dir); // empty
        }
        Files.move(creating, dir, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static Path sibling(Path dir, String suffix) {
        return dir.resolveSibling(dir.getFileName() + suffix);
    }

    /**
     * Finishes or undoes what a kill left of {@link #startFresh}: a fresh dataset still being created or filled
     * ({@code .fresh-tmp.creating}, {@code .fresh-tmp}) is removed; a whole one ({@code .fresh}) beside the old dataset
     * is removed too (the old one is still whole); a whole one whose old dataset was already moved aside
     * ({@code .old}) takes the dataset's place; an old dataset left aside once the fresh one is in place is removed.
     */
    private static void recoverFreshStart(Path dir) throws IOException {
        Path tmp = sibling(dir, ".fresh-tmp");
        Path fresh = sibling(dir, ".fresh");
        Path old = sibling(dir, ".old");
        for (Path unfinished : List.of(tmp, sibling(tmp, ".creating"))) {
            if (Files.exists(unfinished)) {
                org.apache.jena.atlas.io.IOX.deleteAll(unfinished);
            }
        }
        if (Files.isDirectory(fresh)) {
            if (Files.isDirectory(dir)) {
                org.apache.jena.atlas.io.IOX.deleteAll(fresh);
            } else {
                Files.move(fresh, dir, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
        }
        if (Files.isDirectory(old) && Files.isDirectory(dir)) {
            org.apache.jena.atlas.io.IOX.deleteAll(old);
        }
    }

    /**
     * Replaces the dataset with a fresh one holding only the graphs in {@code keep} (and what the captures graph says
     * of them). Deleting a graph costs about as much as writing it (retiring a 50k-record graph took 13-18 s, staging
     * its successor 9-13 s, BENCHMARKS.md): when most staged records are about to be staged again or retired (every
     * graph, after a new build), copying the few kept graphs into a fresh dataset skips those deletes, and the node
     * table no longer holds the terms of graphs gone. The fresh dataset is filled under a temporary name,
     * renamed when whole, and swapped in by two renames; a kill at any point leaves either the old dataset or the
     * fresh one, which the next open puts in place ({@link #recoverFreshStart}). The graphs not kept are gone, as if
     * retired; their staging comes next. In-memory stores only drop the graphs not kept.
     */
    public void startFresh(Set<String> keep) throws IOException {
        if (storeDir == null) {
            Set<String> drop = stagedGraphs();
            drop.removeAll(keep);
            deleteGraphs(drop);
            return;
        }
        Path tmp = sibling(storeDir, ".fresh-tmp");
        Path fresh = sibling(storeDir, ".fresh");
        Path old = sibling(storeDir, ".old");
        if (Files.exists(tmp)) {
            org.apache.jena.atlas.io.IOX.deleteAll(tmp);
        }
        create(tmp);
        DatasetGraph target = DatabaseMgr.connectDatasetGraph(tmp.toString(), STORE_PARAMS);
        Txn.executeWrite(target, () -> dsg.executeRead(() -> {
            for (String name : keep) {
                Node g = NodeFactory.createURI(name);
                dsg.find(g, Node.ANY, Node.ANY, Node.ANY).forEachRemaining(target::add);
                dsg.find(Tm.CAPTURES_GRAPH, g, Node.ANY, Node.ANY).forEachRemaining(target::add);
            }
        }));
        org.apache.jena.tdb2.sys.TDBInternal.expel(target);
        Files.move(tmp, fresh, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        org.apache.jena.tdb2.sys.TDBInternal.expel(dsg);
        Files.move(storeDir, old, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        Files.move(fresh, storeDir, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        org.apache.jena.atlas.io.IOX.deleteAll(old);
        dsg = DatabaseMgr.connectDatasetGraph(storeDir.toString(), STORE_PARAMS);
        removeStrayCopies(stagedGraphs());
    }

    /** Records of each staged graph, as stored with it (graphs staged before counts were kept count 0). */
    public java.util.Map<String, Long> stagedRecordCounts() {
        return dsg.calculateRead(() -> {
            java.util.Map<String, Long> counts = new java.util.HashMap<>();
            dsg.find(Tm.CAPTURES_GRAPH, Node.ANY, RDF.type.asNode(), Tm.Capture).forEachRemaining(q -> {
                Node g = q.getSubject();
                long n = first(g, Tm.stagedRecords).map(v -> {
                    try {
                        return Long.parseLong(v.getLiteralLexicalForm());
                    } catch (NumberFormatException e) {
                        return 0L;
                    }
                }).orElse(0L);
                counts.put(g.getURI(), n);
            });
            return counts;
        });
    }

    private static boolean isEmptyDirectory(Path dir) throws IOException {
        try (var entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    /** The quad indexes of a new staging dataset; GSPO (TDB2's primary) is the one its look-ups use. */
    static final String[] QUAD_INDEXES = {"GSPO", "GPOS", "GOSP", "SPOG"};
    private static final StoreParams STORE_PARAMS = StoreParamsBuilder.create()
            .primaryIndexQuads("GSPO").quadIndexes(QUAD_INDEXES)
            .primaryIndexTriples("SPO").tripleIndexes(new String[] {"SPO", "POS"})
            .build();

    /** An in-memory store (tests, dry runs). */
    public static StagingStore inMemory(Path shapesFile) {
        return inMemory(shapesFile, DEFAULT_CHUNK_TRIPLES);
    }

    /** An in-memory store checking captures in chunks of about {@code chunkTriples} triples (tests). */
    public static StagingStore inMemory(Path shapesFile, int chunkTriples) {
        return new StagingStore(DatabaseMgr.createDatasetGraph(), shapesFile, chunkTriples, BUILD);
    }

    /**
     * A store over {@code dsg} that takes the staging code to be the build named {@code build} (tests of what a new
     * build does with graphs an older one staged).
     */
    static StagingStore over(DatasetGraph dsg, Path shapesFile, String build) {
        return new StagingStore(dsg, shapesFile, DEFAULT_CHUNK_TRIPLES, build);
    }

    /** The build of this module, stamped by Maven into {@code build.properties}; "unknown" outside a Maven build. */
    private static final String BUILD = readBuild();

    private static String readBuild() {
        Properties p = new Properties();
        try (InputStream in = StagingStore.class.getResourceAsStream("build.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read org/trustmap/crawler/build.properties", e);
        }
        return p.getProperty("version", "unknown") + "@" + p.getProperty("build", "unknown");
    }

    /** What a staged graph depends on besides its capture: the shapes and the staging code. */
    private static String stagingKey(Path shapesFile, String build) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(Files.readAllBytes(shapesFile));
            return "build " + build + "; shapes sha256:" + HexFormat.of().formatHex(sha.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the staging shapes " + shapesFile, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Properties whose values the shapes check with {@code sh:class}: the only look across records. */
    private static Set<Node> classPaths(Graph shapesGraph) {
        Set<Node> paths = new HashSet<>();
        shapesGraph.find(Node.ANY, SH_CLASS, Node.ANY).forEachRemaining(t ->
                shapesGraph.find(t.getSubject(), SH_PATH, Node.ANY).forEachRemaining(p -> paths.add(p.getObject())));
        return Set.copyOf(paths);
    }

    /** Parses on the staging transaction's thread instead of a thread of its own (tests). */
    StagingStore parsingOnOneThread() {
        this.parseAhead = false;
        return this;
    }

    public DatasetGraph dataset() {
        return dsg;
    }

    /**
     * What staging {@code capture} with {@code parser} gave when its graph was committed, if the graph is in the store
     * and was staged by this build with these shapes and this parser. The graph name carries the capture's record id,
     * which is content-addressed (target URL + payload digest), so such a graph is exactly what staging the capture
     * again would write: a nightly refresh reuses it instead of parsing and checking the same bytes again.
     */
    public Optional<StageResult> stagedResult(Capture capture, SourceParser parser) {
        Node g = NodeFactory.createURI(capture.graphName());
        String key = key(parser);
        return dsg.calculateRead(() -> {
            if (!dsg.contains(Tm.CAPTURES_GRAPH, g, Tm.stagedBy, NodeFactory.createLiteralString(key))) {
                return Optional.<StageResult>empty();
            }
            Optional<Node> records = first(g, Tm.stagedRecords);
            Optional<Node> problems = first(g, Tm.stagedProblems);
            if (records.isEmpty() || problems.isEmpty()) {
                return Optional.<StageResult>empty();
            }
            if (dsg.contains(Tm.CAPTURES_GRAPH, g, Tm.copyOnly, Node.ANY)
                    && (recordsDir == null || !Files.isRegularFile(recordsFile(capture.graphName())))) {
                return Optional.<StageResult>empty(); // its copy is its graph: killed before the copy was named
            }
            try {
                List<ParseProblem> list = JSON.readValue(problems.get().getLiteralLexicalForm(), PROBLEMS);
                long n = Long.parseLong(records.get().getLiteralLexicalForm());
                return Optional.of(new StageResult(capture, capture.graphName(), n, list, true));
            } catch (IOException | NumberFormatException e) {
                return Optional.<StageResult>empty(); // not readable: stage it again
            }
        });
    }

    private Optional<Node> first(Node g, Node p) {
        var it = dsg.find(Tm.CAPTURES_GRAPH, g, p, Node.ANY);
        return it.hasNext() ? Optional.of(it.next().getObject()) : Optional.empty();
    }

    private String key(SourceParser parser) {
        return stagingKey + "; parser " + parser.getClass().getName();
    }

    /**
     * Parses a capture into its named graph, replacing what was there. Records the parser rejects and records that
     * break the shapes are left out and reported; the rest is committed.
     */
    public StageResult stage(Capture capture, SourceParser parser, InputStream body, ErrorPolicy.Collecting errors)
            throws IOException {
        Node g = NodeFactory.createURI(capture.graphName());
        ParseContext context = new ParseContext(capture, errors);
        Path copyFile = recordsDir == null ? null : recordsFile(capture.graphName());
        RecordsCopy copy = copyFile == null ? null : RecordsCopy.open(copyFile);
        dsg.begin(ReadWrite.WRITE);
        try {
            dsg.deleteAny(g, Node.ANY, Node.ANY, Node.ANY);
            dsg.deleteAny(Tm.CAPTURES_GRAPH, g, Node.ANY, Node.ANY);
            ChunkValidator chunks = new ChunkValidator(dsg.getGraph(g), g, shapes, classPaths, RECORD_TYPES,
                    chunkTriples, context).copyingTo(copy);
            StageResult result = parse(capture, parser, body, context, errors, chunks);
            describe(g, capture, parser, result);
            dsg.commit();
            if (copy != null) {
                copy.finish(copyFile);
            }
            return result;
        } catch (IOException | RuntimeException e) {
            if (copy != null) {
                copy.discard();
            }
            dsg.abort();
            throw e;
        } finally {
            dsg.end();
        }
    }

    /** Opens a capture's body; called again when a bulk capture has to be staged into TDB2 after all. */
    @FunctionalInterface
    public interface Body {
        InputStream open() throws IOException;
    }

    /**
     * Stages a bulk capture (a golden copy, a registry snapshot): parsed and checked exactly as {@link #stage} does,
     * its accepted triples kept in its records copy (RDF Thrift, one file a capture) and not inserted into TDB2's quad
     * indexes, which were two thirds of a stage's time (BENCHMARKS.md); the dataset holds what it holds of every
     * capture (source, URL, record id, date, what staged it, records, refused records) and marks the graph
     * {@code tm:copyOnly}. Resolve reads such a graph from its copy; it is the same graph {@link #stage} gives.
     *
     * <p>The copy is written out under a temporary name, the earlier copy (if any) kept until then, so a document that
     * turns out unreadable leaves the earlier graph whole; the earlier copy is removed just before the metadata is
     * committed and the new one named after the commit: a kill in between leaves a graph without its copy, which
     * {@link #stagedResult} does not reuse (it is staged again) and which resolve refuses to read as empty. A capture whose check needs an earlier chunk's triples (a record written again after a chunk
     * boundary, a deployment pointing at a product of an earlier chunk) or whose triples the copy cannot hold (blank
     * nodes) is staged into TDB2 with {@link #stage} instead, from a second read of its body; what the first attempt
     * refused is forgotten, the second one reports its own. In-memory stores (no copies) always stage into the dataset.
     */
    public StageResult stageBulk(Capture capture, SourceParser parser, Body body, ErrorPolicy.Collecting errors)
            throws IOException {
        if (recordsDir == null) {
            try (InputStream in = body.open()) {
                return stage(capture, parser, in, errors);
            }
        }
        ErrorPolicy.Collecting attempt = ErrorPolicy.collecting();
        try (InputStream in = body.open()) {
            StageResult result = stageCopyOnly(capture, parser, in, attempt);
            attempt.problems().forEach(errors::reject);
            return result;
        } catch (ChunkValidator.NeedsIndex e) {
            org.slf4j.LoggerFactory.getLogger(StagingStore.class).info(
                    "stage: {} is staged into TDB2 after all: {}", capture.targetUri(), e.getMessage());
        } catch (SourceParseException e) {
            attempt.problems().forEach(errors::reject);
            throw e;
        }
        try (InputStream in = body.open()) {
            return stage(capture, parser, in, errors);
        }
    }

    private StageResult stageCopyOnly(Capture capture, SourceParser parser, InputStream body,
                                      ErrorPolicy.Collecting errors) throws IOException {
        Node g = NodeFactory.createURI(capture.graphName());
        ParseContext context = new ParseContext(capture, errors);
        Path copyFile = recordsFile(capture.graphName());
        RecordsCopy copy = RecordsCopy.openBeside(copyFile); // an earlier copy stays until this one is whole
        boolean published = false;
        try {
            ChunkValidator chunks = ChunkValidator.copyOnly(g, shapes, classPaths, RECORD_TYPES, chunkTriples,
                    context, copy);
            StageResult result = parse(capture, parser, body, context, errors, chunks);
            if (!copy.complete()) {
                throw new ChunkValidator.NeedsIndex("its records copy cannot hold blank nodes");
            }
            // the earlier copy goes before the commit: the new metadata must never stand beside the old copy
            Files.deleteIfExists(copyFile);
            dsg.executeWrite(() -> {
                dsg.deleteAny(g, Node.ANY, Node.ANY, Node.ANY); // an earlier staging of it into TDB2
                dsg.deleteAny(Tm.CAPTURES_GRAPH, g, Node.ANY, Node.ANY);
                describe(g, capture, parser, result);
                add(g, Tm.copyOnly, NodeFactory.createLiteralDT("true", XSDDatatype.XSDboolean));
            });
            copy.publish(copyFile);
            published = true;
            return result;
        } finally {
            if (!published) {
                copy.discard();
            }
        }
    }

    /** Whether {@code graph} is kept in its records copy only ({@link #stageBulk}). */
    public boolean isCopyOnly(String graph) {
        Node g = NodeFactory.createURI(graph);
        return dsg.calculateRead(() -> dsg.contains(Tm.CAPTURES_GRAPH, g, Tm.copyOnly, Node.ANY));
    }

    /** Runs the parser over the capture into {@code chunks} (ahead on a thread of its own unless told not to). */
    private StageResult parse(Capture capture, SourceParser parser, InputStream body, ParseContext context,
                              ErrorPolicy.Collecting errors, ChunkValidator chunks) throws IOException {
        long records;
        if (parseAhead) {
            ParseAhead ahead = ParseAhead.start(parser, body, capture);
            ahead.drainTo(chunks, errors);
            records = ahead.records();
        } else {
            RecordSink sink = new RecordSink(chunks, capture);
            parser.parse(body, context, sink);
            records = sink.records();
        }
        chunks.finish();
        return new StageResult(capture, capture.graphName(), records - chunks.removed(), errors.problems(), false);
    }

    /** What the captures graph says of a staged capture: where it came from and what staging it gave. */
    private void describe(Node g, Capture capture, SourceParser parser, StageResult result) {
        describe(g, capture);
        add(g, Tm.stagedBy, NodeFactory.createLiteralString(key(parser)));
        add(g, Tm.stagedRecords, NodeFactory.createLiteralDT(Long.toString(result.records()), XSDDatatype.XSDlong));
        try {
            add(g, Tm.stagedProblems, NodeFactory.createLiteralString(JSON.writeValueAsString(result.problems())));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write the refused records of " + capture.targetUri(), e);
        }
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
        Set<String> staged = stagedGraphs();
        Set<String> drop = new HashSet<>(staged);
        drop.removeAll(keep);
        deleteGraphs(drop);
        staged.removeAll(drop);
        removeStrayCopies(staged);
        return drop.size();
    }

    private void deleteGraphs(Set<String> drop) {
        if (drop.isEmpty()) {
            return;
        }
        dsg.executeWrite(() -> {
            for (String name : drop) {
                Node g = NodeFactory.createURI(name);
                dsg.deleteAny(g, Node.ANY, Node.ANY, Node.ANY);
                dsg.deleteAny(Tm.CAPTURES_GRAPH, g, Node.ANY, Node.ANY);
            }
        });
    }

    private static final java.util.regex.Pattern COPY_NAME = java.util.regex.Pattern.compile("[0-9a-f]{32}\\.rt(\\.part)?");

    /**
     * Removes records copies of graphs not in {@code staged} (the graphs the dataset holds) and every unfinished
     * {@code .part} file: the copies of graphs just retired or left out of a fresh dataset, and what a kill left
     * (between a fresh start's swap and this clean-up, or inside the staging of a document that then left the run).
     * No staging runs meanwhile. Files of other names are left alone.
     */
    private void removeStrayCopies(Set<String> staged) {
        if (recordsDir == null || !Files.isDirectory(recordsDir)) {
            return;
        }
        Set<String> wanted = new HashSet<>();
        staged.forEach(g -> wanted.add(recordsFile(g).getFileName().toString()));
        try (var files = Files.list(recordsDir)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if (COPY_NAME.matcher(name).matches() && !wanted.contains(name)) {
                    Files.deleteIfExists(f);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot tidy the records copies in " + recordsDir, e);
        }
    }

    /**
     * The sequential copy of a staged graph's triples ({@link RecordsCopy}, RDF Thrift), if there is one: it holds
     * exactly the graph's triples. Graphs without a copy (in-memory stores, copies not written) are read from TDB2.
     */
    public Optional<Path> recordsCopy(String graphName) {
        if (recordsDir == null) {
            return Optional.empty();
        }
        Path file = recordsFile(graphName);
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    private Path recordsFile(String graphName) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(graphName.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return recordsDir.resolve(HexFormat.of().formatHex(d, 0, 16) + ".rt");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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
