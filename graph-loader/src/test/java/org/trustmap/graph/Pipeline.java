package org.trustmap.graph;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import org.neo4j.driver.Driver;
import org.trustmap.crawler.Capture;
import org.trustmap.crawler.ErrorPolicy;
import org.trustmap.crawler.ParseProblem;
import org.trustmap.crawler.SourceParser;
import org.trustmap.crawler.StagingStore;
import org.trustmap.crawler.archive.EvidenceArchive;
import org.trustmap.crawler.sources.curated.CuratedFactsParser;
import org.trustmap.crawler.sources.gleif.GleifParser;
import org.trustmap.crawler.sources.inventory.InventoryParser;

/**
 * The real path of a refresh, step by step, for tests: input files are archived into a WARC evidence archive, staged
 * from the archive with the crawler's parsers (checked by the SHACL shapes), resolved, loaded into Neo4j through the
 * driver and derived under a profile. Every input is read at the same instant so that runs are reproducible.
 */
final class Pipeline implements AutoCloseable {
    static final Path SHAPES = Path.of("../data/ontology/shapes.ttl");
    static final Path PROFILES = Path.of("../data/profiles");
    static final String DEFAULT_PROFILE = "nukib-2025-09-03";
    static final String MAINLAND_PROFILE = "nukib-mainland-25";
    static final String GLEIF_API = "https://api.gleif.org/api/v1/lei-records/";
    static final Instant READ_AT = Instant.parse("2025-09-10T08:00:00Z");

    private final Path inputs;
    private final EvidenceArchive archive;
    private final StagingStore store;
    /** The capture currently staged for each input (file name or URL), in staging order. */
    private final Map<String, Capture> current = new LinkedHashMap<>();
    private final List<ParseProblem> problems = new ArrayList<>();
    private boolean bulk;

    Pipeline(Path dir) throws IOException {
        this.inputs = Files.createDirectories(dir.resolve("inputs"));
        this.archive = EvidenceArchive.open(dir.resolve("archive"));
        // TDB2 on disk, as a refresh stages: resolution reads the graphs' sequential copies
        this.store = StagingStore.open(dir.resolve("staging"), SHAPES);
    }

    /** Stages an inventory CSV from the test resources ({@code pipeline/inventory/NAME}). */
    Capture inventory(String name) throws IOException {
        return file("inventory", "pipeline/inventory/" + name, new InventoryParser());
    }

    /** Stages a curated-facts CSV from the test resources ({@code pipeline/curated/NAME}). */
    Capture curated(String name) throws IOException {
        return file("curated", "pipeline/curated/" + name, new CuratedFactsParser());
    }

    /** Writes {@code text} as the input file {@code name} (a new version if it exists) and stages it. */
    Capture curatedText(String name, String text) throws IOException {
        Path file = Files.createDirectories(inputs.resolve("curated")).resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return stage("curated/" + name, archive.archiveFile("curated", file, "text/csv", READ_AT),
                new CuratedFactsParser());
    }

    /** Writes {@code text} as the inventory file {@code name} and stages it. */
    Capture inventoryText(String name, String text) throws IOException {
        Path file = Files.createDirectories(inputs.resolve("inventory")).resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return stage("inventory/" + name, archive.archiveFile("inventory", file, "text/csv", READ_AT),
                new org.trustmap.crawler.sources.inventory.InventoryParser());
    }

    /**
     * Stages a real fixture file with the parser {@code SourceCatalog} registers for {@code sourceId}, as a refresh
     * does with {@code --input ID=PATH} (the file is copied into the inputs folder and archived first).
     */
    Capture source(String sourceId, Path fixture) throws IOException {
        SourceParser parser = org.trustmap.crawler.SourceCatalog.parser(sourceId)
                .orElseThrow(() -> new IllegalArgumentException("no source " + sourceId));
        String name = fixture.getFileName().toString();
        Path file = Files.createDirectories(inputs.resolve(sourceId)).resolve(name);
        Files.copy(fixture, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return stage(sourceId + "/" + name, archive.archiveFile(sourceId, file,
                org.trustmap.crawler.SourceCatalog.contentTypeOf(name), READ_AT), parser);
    }

    /** Stages a file of the test resources ({@code pipeline/SOURCE/NAME}) with its source's parser. */
    Capture sourceResource(String sourceId, String name) throws IOException {
        Path file = Files.createDirectories(inputs.resolve("resources")).resolve(name);
        Files.write(file, resource("pipeline/" + sourceId + "/" + name));
        return source(sourceId, file);
    }

    /** Stages a GLEIF API response from the test resources ({@code fixtures/gleif/NAME}) as fetched from {@code uri}. */
    Capture gleif(String name, String uri) throws IOException {
        return gleifBytes(uri, resource("fixtures/gleif/" + name));
    }

    Capture gleifBytes(String uri, byte[] body) throws IOException {
        Capture capture = archive.archiveBytes("gleif", URI.create(uri), "application/vnd.api+json", body, READ_AT);
        return stage(uri, capture, new GleifParser());
    }

    private Capture file(String sourceId, String resource, SourceParser parser) throws IOException {
        Path file = Files.createDirectories(inputs.resolve(sourceId)).resolve(Path.of(resource).getFileName());
        Files.write(file, resource(resource));
        return stage(sourceId + "/" + file.getFileName(), archive.archiveFile(sourceId, file, "text/csv", READ_AT),
                parser);
    }

    private Capture stage(String input, Capture capture, SourceParser parser) throws IOException {
        ErrorPolicy.Collecting errors = ErrorPolicy.collecting();
        if (bulk) {
            store.stageBulk(capture, parser, () -> archive.open(capture), errors);
        } else {
            try (InputStream body = archive.open(capture)) {
                store.stage(capture, parser, body, errors);
            }
        }
        problems.addAll(errors.problems());
        current.put(input, capture);
        return capture;
    }

    /** Drops staged graphs of captures that are no longer the current version of an input, as a refresh does. */
    int retainCurrent() {
        return store.retainOnly(current.values().stream().map(Capture::graphName).collect(Collectors.toSet()));
    }

    /** Problems the parsers and the shapes reported so far; the tests' inputs are expected to have none. */
    List<ParseProblem> problems() {
        return List.copyOf(problems);
    }

    ResolvedGraph resolve() {
        return new Resolver().resolve(store);
    }

    /** Resolves from the TDB2 dataset alone, without the graphs' sequential copies. */
    ResolvedGraph resolveFromDataset() {
        return new Resolver().resolve(store.dataset());
    }

    /** Stages every input from now on as a bulk capture (its triples in its records copy only). */
    Pipeline bulk() {
        this.bulk = true;
        return this;
    }

    /** The current captures staged as bulk captures (kept in their copies only). */
    long capturesCopyOnly() {
        return current.values().stream().filter(c -> store.isCopyOnly(c.graphName())).count();
    }

    /** The current captures whose graphs have a sequential copy, and all current captures. */
    long[] capturesWithCopies() {
        long with = current.values().stream().filter(c -> store.recordsCopy(c.graphName()).isPresent()).count();
        return new long[] {with, current.size()};
    }

    /** Cuts the largest staged copy a few bytes before its end (inside its last row). */
    java.nio.file.Path cutLargestCopy() throws java.io.IOException {
        java.nio.file.Path largest = largestCopy();
        byte[] bytes = java.nio.file.Files.readAllBytes(largest);
        java.nio.file.Files.write(largest, java.util.Arrays.copyOf(bytes, bytes.length - 3));
        return largest;
    }

    /** Overwrites the largest sequential copy with bytes that are not RDF Thrift; returns its path. */
    java.nio.file.Path damageLargestCopy() throws java.io.IOException {
        java.nio.file.Path largest = largestCopy();
        byte[] bytes = java.nio.file.Files.readAllBytes(largest);
        java.util.Arrays.fill(bytes, bytes.length / 3, bytes.length, (byte) 0x7f);
        java.nio.file.Files.write(largest, bytes);
        return largest;
    }

    private java.nio.file.Path largestCopy() throws java.io.IOException {
        java.nio.file.Path largest = null;
        for (Capture c : current.values()) {
            java.nio.file.Path p = store.recordsCopy(c.graphName()).orElse(null);
            if (p != null && (largest == null || java.nio.file.Files.size(p) > java.nio.file.Files.size(largest))) {
                largest = p;
            }
        }
        return largest;
    }

    ResolvedGraph resolve(Judgements judgements) {
        return new Resolver(judgements).resolve(store);
    }

    ResolvedGraph resolve(Judgements judgements, ResolutionSettings settings) {
        return new Resolver(judgements, settings).resolve(store.dataset());
    }

    GraphLoader.LoadResult load(Driver driver) {
        return new GraphLoader(driver, "neo4j").load(resolve());
    }

    ExposureDeriver.DeriveResult derive(Driver driver, String profile) {
        return new ExposureDeriver(driver, "neo4j").derive(profile(profile), "test-run");
    }

    /** Resolves, loads and derives under the default profile. */
    void refresh(Driver driver) {
        load(driver);
        derive(driver, DEFAULT_PROFILE);
    }

    static Profile profile(String name) {
        try {
            return Profile.load(PROFILES, name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = Objects.requireNonNull(Pipeline.class.getClassLoader().getResourceAsStream(name),
                "no test resource " + name)) {
            return in.readAllBytes();
        }
    }

    Set<String> stagedGraphs() {
        return store.stagedGraphs();
    }

    @Override
    public void close() throws IOException {
        try {
            var dsg = store.dataset();
            store.close();
            // TDB2 keeps a dataset per folder for the JVM's life: forget it, a test may stage into the folder anew
            org.apache.jena.tdb2.sys.TDBInternal.expel(dsg);
        } finally {
            archive.close();
        }
    }
}
