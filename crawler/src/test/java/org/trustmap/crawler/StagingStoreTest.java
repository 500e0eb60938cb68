package org.trustmap.crawler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.trustmap.crawler.sources.inventory.InventoryParser;

/**
 * Staging in chunks: a capture much larger than one chunk is checked chunk by chunk in memory and still committed in
 * one TDB2 transaction. The inventory below is CONSTRUCTED for this test (no real operator or product).
 */
class StagingStoreTest {
    private static final Path SHAPES = Path.of("../data/ontology/shapes.ttl");

    /**
     * 40 rows, CONSTRUCTED. Line 7 has a bad count (the parser rejects it). "Camera X" by "Acme Corp" appears on lines
     * 3 and 30: one product record written twice, in different chunks when chunks are small, with two record
     * references, which the shapes refuse ({@code tm:recordRef} at most once) wherever the chunk boundary falls.
     */
    private static String inventory() {
        StringBuilder csv = new StringBuilder(String.join(",", InventoryParser.COLUMNS)).append('\n');
        for (int line = 2; line <= 41; line++) {
            String product = line == 3 || line == 30 ? "Camera X" : "Product " + line;
            String count = line == 7 ? "-4" : Integer.toString(line);
            csv.append("Operator ").append(line % 3).append(",energy,").append(product)
                    .append(",Acme Corp,M").append(line == 30 ? 3 : line).append(",,,,").append(count).append('\n');
        }
        return csv.toString();
    }

    @ParameterizedTest(name = "chunks of {0} triples")
    @ValueSource(ints = {1, 7, 50, 1_000_000})
    void chunkBoundariesDoNotChangeWhatIsAcceptedOrRejected(int chunkTriples) throws IOException {
        Staged whole = stage(StagingStore.inMemory(SHAPES, 1_000_000), inventory());
        Staged chunked = stage(StagingStore.inMemory(SHAPES, chunkTriples), inventory());

        assertThat(chunked.quads).isEqualTo(whole.quads);
        assertThat(chunked.result.records()).isEqualTo(whole.result.records());
        assertThat(chunked.result.problems()).hasSameSizeAs(whole.result.problems())
                .filteredOn(p -> !p.reason().startsWith("does not pass the staging shapes"))
                .extracting(ParseProblem::location).containsExactly("line 7");
        // the product written on lines 3 and 30 is refused once, at one of its two locations
        assertThat(chunked.result.problems())
                .filteredOn(p -> p.reason().startsWith("does not pass the staging shapes"))
                .singleElement().satisfies(p -> {
                    assertThat(p.location()).isIn("line 3", "line 30");
                    assertThat(p.reason()).contains("tm:recordRef");
                });
        // deployments on the other lines keep pointing at products staged in earlier chunks: sh:class passes
        assertThat(chunked.quads).anyMatch(q -> q.contains("deployment%2F40") && q.contains("urn:trustmap:ns:product "));
        assertThat(chunked.quads).noneMatch(q -> q.contains("product%2F") && q.contains("Camera X"));
    }

    @Test
    void aBadRecordInALaterChunkIsRejectedWithItsLocation() throws IOException {
        StagingStore store = StagingStore.inMemory(SHAPES, 10);
        Capture capture = capture("constructed", "file:///constructed/orgs.txt");
        ErrorPolicy.Collecting errors = ErrorPolicy.collecting();
        StageResult result = store.stage(capture, organizations(30, 25, false), InputStream.nullInputStream(), errors);

        assertThat(result.records()).isEqualTo(29);
        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.document()).isEqualTo("orgs.txt");
            assertThat(p.location()).isEqualTo("record 25");
            assertThat(p.reason()).contains("tm:lei");
        });
        Set<String> names = names(store.dataset(), capture);
        assertThat(names).hasSize(29).contains("Org 1", "Org 30").doesNotContain("Org 25");
    }

    @Test
    void aCaptureThatFailsAfterManyChunksLeavesTheOldGraph(@TempDir Path dir) throws IOException {
        try (StagingStore store = StagingStore.open(dir.resolve("tdb2"), SHAPES)) {
            Capture capture = capture("constructed", "file:///constructed/orgs.txt");
            store.stage(capture, organizations(5, -1, false), InputStream.nullInputStream(), ErrorPolicy.collecting());
            Set<String> before = names(store.dataset(), capture);

            // far more than one chunk of the default size is written before the document turns out to be unreadable
            int many = StagingStore.DEFAULT_CHUNK_TRIPLES / 4;
            assertThatThrownBy(() -> store.stage(capture, organizations(many, -1, true), InputStream.nullInputStream(),
                    ErrorPolicy.collecting())).isInstanceOf(SourceParseException.class);

            assertThat(names(store.dataset(), capture)).isEqualTo(before).hasSize(5);
            assertThat(store.stagedGraphs()).containsExactly(capture.graphName());
        }
    }

    @Test
    void aNewStoreIsCreatedAsideAndRenamedSoAKilledCreationLeavesNothingToOpen(@TempDir Path dir) throws IOException {
        // what a creation killed half-way leaves: a temporary folder with a TDB2 index whose records file has a block
        // and whose node file has none (the state TDB2 refuses to open)
        Path leftover = dir.resolve("tdb2.creating/Data-0001");
        Files.createDirectories(leftover);
        Files.write(leftover.resolve("GSPO.dat"), new byte[8192]);
        Files.write(leftover.resolve("GSPO.bpt"), new byte[0]);
        Capture capture = capture("inventory", "file:///constructed/inventory.csv");
        try (StagingStore store = StagingStore.open(dir.resolve("tdb2"), SHAPES)) {
            assertThat(store.stagedGraphs()).isEmpty();
            store.stage(capture, new InventoryParser(),
                    new ByteArrayInputStream(inventory().getBytes(StandardCharsets.UTF_8)), ErrorPolicy.collecting());
        }
        assertThat(dir.resolve("tdb2.creating")).doesNotExist();
        try (StagingStore store = StagingStore.open(dir.resolve("tdb2"), SHAPES)) {
            // the quad written and removed at creation leaves no graph behind
            assertThat(store.stagedGraphs()).containsExactly(capture.graphName());
        }
        // an empty folder (made by hand or by an older build) is taken as no store
        Files.createDirectories(dir.resolve("empty"));
        try (StagingStore store = StagingStore.open(dir.resolve("empty"), SHAPES)) {
            assertThat(store.stagedGraphs()).isEmpty();
        }
        assertThat(dir.resolve("empty/Data-0001")).isDirectory();
    }

    @Test
    void aCaptureStagedByThisBuildIsReusedWithItsCountsAndRefusals(@TempDir Path dir) throws IOException {
        Capture capture = capture("inventory", "file:///constructed/inventory.csv");
        StageResult first;
        try (StagingStore store = StagingStore.open(dir.resolve("tdb2"), SHAPES)) {
            assertThat(store.stagedResult(capture, new InventoryParser())).isEmpty();
            first = store.stage(capture, new InventoryParser(),
                    new ByteArrayInputStream(inventory().getBytes(StandardCharsets.UTF_8)), ErrorPolicy.collecting());
        }
        // reopened, as the next refresh does
        try (StagingStore store = StagingStore.open(dir.resolve("tdb2"), SHAPES)) {
            StageResult again = store.stagedResult(capture, new InventoryParser()).orElseThrow();
            assertThat(again.skipped()).isTrue();
            assertThat(again.graph()).isEqualTo(first.graph());
            assertThat(again.records()).isEqualTo(first.records()).isPositive();
            assertThat(again.problems()).isEqualTo(first.problems()).isNotEmpty();
            assertThat(again.problems()).extracting(ParseProblem::location).contains("line 7");
            // another parser would not write the same graph
            assertThat(store.stagedResult(capture, organizations(1, -1, false))).isEmpty();
            // nor would another capture (another record id)
            assertThat(store.stagedResult(capture("inventory", "file:///constructed/other-inventory.csv"),
                    new InventoryParser())).isEmpty();
            // retired graphs are not reused
            store.retainOnly(Set.of());
            assertThat(store.stagedResult(capture, new InventoryParser())).isEmpty();
        }
    }

    @Test
    void aGraphStagedByAnotherBuildOrWithOtherShapesIsStagedAgain(@TempDir Path dir) throws IOException {
        Capture capture = capture("inventory", "file:///constructed/inventory.csv");
        DatasetGraph dsg = org.apache.jena.tdb2.DatabaseMgr.createDatasetGraph();
        StagingStore.over(dsg, SHAPES, "0.0.1@2020-01-01T00:00:00Z").stage(capture, new InventoryParser(),
                new ByteArrayInputStream(inventory().getBytes(StandardCharsets.UTF_8)), ErrorPolicy.collecting());

        assertThat(StagingStore.over(dsg, SHAPES, "0.0.1@2020-01-01T00:00:00Z")
                .stagedResult(capture, new InventoryParser())).isPresent();
        assertThat(StagingStore.over(dsg, SHAPES, "0.0.2@2020-02-01T00:00:00Z")
                .stagedResult(capture, new InventoryParser())).isEmpty();
        Path otherShapes = dir.resolve("shapes.ttl");
        java.nio.file.Files.writeString(otherShapes, java.nio.file.Files.readString(SHAPES) + "\n# changed\n");
        assertThat(StagingStore.over(dsg, otherShapes, "0.0.1@2020-01-01T00:00:00Z")
                .stagedResult(capture, new InventoryParser())).isEmpty();
    }

    @Test
    void aNewDatasetKeepsTheFewestIndexesTdb2Allows(@TempDir Path dir) throws IOException {
        Capture capture = capture("inventory", "file:///constructed/inventory.csv");
        Staged staged;
        try (StagingStore store = StagingStore.open(dir.resolve("tdb2"), SHAPES)) {
            staged = stage(store, inventory());
        }
        try (var files = java.nio.file.Files.walk(dir.resolve("tdb2"))) {
            Set<String> indexes = new TreeSet<>();
            files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".bpt"))
                    .forEach(f -> indexes.add(f.substring(0, f.length() - 4)));
            // four quad indexes (GSPO serves every look-up), two for the unused default graph
            assertThat(indexes).contains("GSPO", "GPOS", "GOSP", "SPOG", "SPO", "POS")
                    .doesNotContain("POSG", "OSPG", "OSP");
        }
        // reopened, everything staged is found the same way as in a store with every index
        try (StagingStore store = StagingStore.open(dir.resolve("tdb2"), SHAPES)) {
            Staged inMemory = stage(StagingStore.inMemory(SHAPES), inventory());
            assertThat(store.stagedGraphs()).containsExactly(capture.graphName());
            assertThat(store.stagedResult(capture, new InventoryParser())).isPresent();
            assertThat(staged.quads).isEqualTo(inMemory.quads);
        }
    }

    @Test
    void aFreshStartKeepsOnlyTheKeptGraphsInANewDataset(@TempDir Path dir) throws IOException {
        Path tdb2 = dir.resolve("tdb2");
        Capture big = capture("organizations", "file:///constructed/organizations.csv");
        Capture inventory = capture("inventory", "file:///constructed/inventory.csv");
        Set<String> kept;
        Object grown;
        try (StagingStore store = StagingStore.open(tdb2, SHAPES)) {
            kept = stage(store, inventory()).quads;
            for (int i = 0; i < 3; i++) { // staged again and again: TDB2 keeps every deleted copy
                store.stage(big, organizations(3_000, -1, false), new ByteArrayInputStream(new byte[0]),
                        ErrorPolicy.collecting());
            }
            assertThat(store.stagedRecordCounts()).containsEntry(big.graphName(), 3_000L)
                    .containsEntry(inventory.graphName(), (long) store.stagedResult(inventory, new InventoryParser())
                            .orElseThrow().records());
            assertThat(store.recordsCopy(big.graphName())).isPresent();
            grown = fileKey(tdb2);

            store.startFresh(Set.of(inventory.graphName()));

            assertThat(store.stagedGraphs()).containsExactly(inventory.graphName());
            assertThat(store.stagedResult(inventory, new InventoryParser())).isPresent();
            assertThat(allQuads(store)).isEqualTo(kept);
            assertThat(store.recordsCopy(big.graphName())).isEmpty();
            assertThat(store.recordsCopy(inventory.graphName())).isPresent();
            // staging goes on in the fresh dataset
            store.stage(big, organizations(3_000, -1, false), new ByteArrayInputStream(new byte[0]),
                    ErrorPolicy.collecting());
            assertThat(store.stagedGraphs()).containsExactlyInAnyOrder(inventory.graphName(), big.graphName());
        }
        // a new dataset, not the old one with its graphs deleted (TDB2 allocates index files in large steps: their
        // length says little, so the files' identity is compared)
        assertThat(fileKey(tdb2)).isNotNull().isNotEqualTo(grown);
        assertThat(dir.resolve("tdb2.old")).doesNotExist();
        assertThat(dir.resolve("tdb2.fresh")).doesNotExist();
        try (StagingStore store = StagingStore.open(tdb2, SHAPES)) {
            assertThat(store.stagedResult(big, organizations(3_000, -1, false))).isPresent();
        }
    }

    @Test
    void whatAKillLeavesOfAFreshStartIsPutRightAtTheNextOpen(@TempDir Path dir) throws IOException {
        Path tdb2 = dir.resolve("tdb2");
        Capture inventory = capture("inventory", "file:///constructed/inventory.csv");
        StagingStore store = StagingStore.open(tdb2, SHAPES);
        stage(store, inventory());
        closeFully(store);
        // killed while the fresh dataset was created or filled: it is dropped, the old one is used
        Files.createDirectories(dir.resolve("tdb2.fresh-tmp/Data-0001"));
        Files.createDirectories(dir.resolve("tdb2.fresh-tmp.creating/Data-0001"));
        store = StagingStore.open(tdb2, SHAPES);
        assertThat(store.stagedGraphs()).containsExactly(inventory.graphName());
        closeFully(store);
        assertThat(dir.resolve("tdb2.fresh-tmp")).doesNotExist();
        assertThat(dir.resolve("tdb2.fresh-tmp.creating")).doesNotExist();
        // killed before the old one was moved aside: the old one is whole and stays
        closeFully(StagingStore.open(dir.resolve("tdb2.fresh"), SHAPES));
        store = StagingStore.open(tdb2, SHAPES);
        assertThat(store.stagedGraphs()).containsExactly(inventory.graphName());
        closeFully(store);
        assertThat(dir.resolve("tdb2.fresh")).doesNotExist();
        // killed between the two renames: the whole fresh dataset (here: an empty one) takes the dataset's place
        closeFully(StagingStore.open(dir.resolve("tdb2.fresh"), SHAPES));
        Files.move(tdb2, dir.resolve("tdb2.old"));
        store = StagingStore.open(tdb2, SHAPES);
        assertThat(store.stagedGraphs()).isEmpty();
        closeFully(store);
        assertThat(dir.resolve("tdb2.old")).doesNotExist();
        assertThat(dir.resolve("tdb2.fresh")).doesNotExist();
    }

    @Test
    void retiringRemovesRecordsCopiesNoStagedGraphOwnsAndLeavesOtherFiles(@TempDir Path dir) throws IOException {
        Capture inventory = capture("inventory", "file:///constructed/inventory.csv");
        try (StagingStore store = StagingStore.open(dir.resolve("tdb2"), SHAPES)) {
            stage(store, inventory());
            Path copy = store.recordsCopy(inventory.graphName()).orElseThrow();
            Path records = copy.getParent();
            // what kills can leave: the copy of a graph no longer staged, an unfinished copy, a kept graph's .part
            Path stray = Files.writeString(records.resolve("0123456789abcdef0123456789abcdef.rt"), "x");
            Path part = Files.writeString(records.resolve("fedcba9876543210fedcba9876543210.rt.part"), "x");
            Path keptPart = Files.writeString(records.resolve(copy.getFileName() + ".part"), "x");
            Path other = Files.writeString(records.resolve("NOTES.txt"), "not ours");

            assertThat(store.retainOnly(Set.of(inventory.graphName()))).isZero();

            assertThat(copy).exists();
            assertThat(stray).doesNotExist();
            assertThat(part).doesNotExist();
            assertThat(keptPart).doesNotExist();
            assertThat(other).exists();
            assertThat(store.recordsCopy(inventory.graphName())).contains(copy);
        }
    }

    private static Object fileKey(Path dir) throws IOException {
        return Files.readAttributes(dir.resolve("Data-0001/GSPO.dat"),
                java.nio.file.attribute.BasicFileAttributes.class).fileKey();
    }

    /** Closes a store and lets TDB2 forget its folder (TDB2 keeps datasets open per folder for the JVM's life). */
    private static void closeFully(StagingStore store) {
        DatasetGraph dsg = store.dataset();
        store.close();
        org.apache.jena.tdb2.sys.TDBInternal.expel(dsg);
    }

    private static Set<String> allQuads(StagingStore store) {
        return store.read(dsg -> {
            Set<String> all = new TreeSet<>();
            dsg.find().forEachRemaining(q -> {
                if (!q.getPredicate().equals(Tm.stagedProblems)) {
                    all.add(q.getSubject() + " " + q.getPredicate() + " " + q.getObject() + " " + q.getGraph());
                }
            });
            return all;
        });
    }

    @Test
    void aStagedGraphGetsASequentialCopyHoldingExactlyItsTriples(@TempDir Path dir) throws IOException {
        try (StagingStore store = StagingStore.open(dir.resolve("tdb2"), SHAPES)) {
            Capture orgs = capture("constructed", "file:///constructed/orgs.txt");
            store.stage(orgs, organizations(30, 25, false), InputStream.nullInputStream(), ErrorPolicy.collecting());
            Path copy = store.recordsCopy(orgs.graphName()).orElseThrow();
            Set<String> fromCopy = new TreeSet<>();
            org.apache.jena.riot.RDFParser.source(copy).lang(org.apache.jena.riot.Lang.RDFTHRIFT)
                    .parse(new org.apache.jena.riot.system.StreamRDFBase() {
                        @Override
                        public void triple(org.apache.jena.graph.Triple t) {
                            fromCopy.add(t.toString());
                        }
                    });
            Node g = NodeFactory.createURI(orgs.graphName());
            Set<String> fromDataset = store.read(dsg -> {
                Set<String> all = new TreeSet<>();
                dsg.find(g, Node.ANY, Node.ANY, Node.ANY).forEachRemaining(q -> all.add(q.asTriple().toString()));
                return all;
            });
            // the refused record 25 is in neither; 5 triples a record (source and WARC record id are the capture's)
            assertThat(fromCopy).isEqualTo(fromDataset).hasSize(29 * 5).noneMatch(t -> t.contains("Org 25\""));

            // a record refused after its first triples were written (the restated inventory product, in another
            // chunk): no copy, the graph is read from TDB2
            Capture inventory = capture("inventory", "file:///constructed/inventory.csv");
            try (StagingStore small = StagingStore.open(dir.resolve("small"), SHAPES, 7)) {
                small.stage(inventory, new InventoryParser(),
                        new ByteArrayInputStream(inventory().getBytes(StandardCharsets.UTF_8)), ErrorPolicy.collecting());
                assertThat(small.stagedGraphs()).containsExactly(inventory.graphName());
                assertThat(small.recordsCopy(inventory.graphName())).isEmpty();
                assertThat(dir.resolve("small-records")).isEmptyDirectory();
            }
            store.stage(inventory, new InventoryParser(),
                    new ByteArrayInputStream(inventory().getBytes(StandardCharsets.UTF_8)), ErrorPolicy.collecting());

            // a staging that fails keeps the old graph and drops its copy; retiring a graph removes its copy
            assertThatThrownBy(() -> store.stage(orgs, organizations(3, -1, true), InputStream.nullInputStream(),
                    ErrorPolicy.collecting())).isInstanceOf(SourceParseException.class);
            assertThat(store.recordsCopy(orgs.graphName())).isEmpty();
            store.stage(orgs, organizations(30, 25, false), InputStream.nullInputStream(), ErrorPolicy.collecting());
            assertThat(store.recordsCopy(orgs.graphName())).isPresent();
            store.retainOnly(Set.of(inventory.graphName()));
            assertThat(store.recordsCopy(orgs.graphName())).isEmpty();
            try (var left = java.nio.file.Files.list(copy.getParent())) {
                assertThat(left.toList()).containsExactly(store.recordsCopy(inventory.graphName()).orElseThrow());
            }
        }
    }

    @ParameterizedTest(name = "chunks of {0} triples")
    @ValueSource(ints = {7, 1_000_000})
    void parsingAheadOnItsOwnThreadStagesTheSameGraphRefusalsAndCopy(int chunkTriples, @TempDir Path dir)
            throws IOException {
        // many hand-off batches: the inventory's parser and shape refusals, then organizations with a bad LEI
        StringBuilder csv = new StringBuilder(inventory());
        for (int line = 42; line <= 3_000; line++) {
            csv.append("Operator ").append(line % 5).append(",energy,Product ").append(line).append(",Acme Corp,M")
                    .append(line).append(",,,,").append(line % 97 == 0 ? "-1" : "2").append('\n');
        }
        Capture inventory = capture("inventory", "file:///constructed/inventory.csv");
        Capture orgs = capture("constructed", "file:///constructed/orgs.txt");
        java.util.List<Object> seen = new java.util.ArrayList<>();
        for (boolean ahead : new boolean[] {true, false}) {
            try (StagingStore store = StagingStore.open(dir.resolve("tdb2-" + ahead), SHAPES, chunkTriples)) {
                if (!ahead) {
                    store.parsingOnOneThread();
                }
                StageResult a = store.stage(inventory, new InventoryParser(),
                        new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)),
                        ErrorPolicy.collecting());
                StageResult b = store.stage(orgs, organizations(5_000, 4_321, false), InputStream.nullInputStream(),
                        ErrorPolicy.collecting());
                Set<String> quads = store.read(dsg -> {
                    Set<String> all = new TreeSet<>();
                    dsg.find().forEachRemaining(q -> all.add(q.toString()));
                    return all;
                });
                byte[] copyA = java.nio.file.Files.readAllBytes(store.recordsCopy(orgs.graphName()).orElseThrow());
                seen.add(java.util.List.of(a.records(), a.problems(), b.records(), b.problems(), quads,
                        java.util.HexFormat.of().formatHex(copyA)));
            }
        }
        assertThat(seen.get(0)).isEqualTo(seen.get(1));
        // the refusals arrive in document order, the parser's and the shapes' interleaved as on one thread
        @SuppressWarnings("unchecked")
        java.util.List<ParseProblem> problems = (java.util.List<ParseProblem>) ((java.util.List<Object>) seen.get(0)).get(1);
        assertThat(problems).hasSizeGreaterThan(30).extracting(ParseProblem::location).contains("line 7", "line 97");
        assertThat(((java.util.List<?>) seen.get(0)).get(2)).isEqualTo(4_999L);
    }

    @Test
    @org.junit.jupiter.api.Timeout(60)
    void whenStagingFailsTheParserThreadIsStoppedAndTheOldGraphKept(@TempDir Path dir) throws IOException {
        try (StagingStore store = StagingStore.open(dir.resolve("tdb2"), SHAPES)) {
            Capture capture = capture("constructed", "file:///constructed/orgs.txt");
            store.stage(capture, organizations(5, -1, false), InputStream.nullInputStream(), ErrorPolicy.collecting());
            // a parser that fails at record 1,000, many hand-off batches after its first records
            SourceParser failing = (body, context, sink) -> {
                for (int i = 1; ; i++) {
                    Node o = sink.record(Tm.Organization, "org/" + i, "record " + i, null, null);
                    if (i == 1_000) {
                        throw new IllegalStateException("constructed parser failure at record 1000");
                    }
                }
            };
            assertThatThrownBy(() -> store.stage(capture, failing, InputStream.nullInputStream(),
                    ErrorPolicy.collecting())).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("record 1000");
            assertThat(names(store.dataset(), capture)).hasSize(5);

            // the staging side fails while the parser would go on forever: the parser is stopped
            SourceParser forever = (body, context, sink) -> {
                for (int i = 1; ; i++) {
                    sink.record(Tm.Organization, "org/" + i, "record " + i, null, null);
                }
            };
            ParseAhead ahead = ParseAhead.start(forever, InputStream.nullInputStream(), capture);
            long[] taken = {0};
            assertThatThrownBy(() -> ahead.drainTo(new org.apache.jena.riot.system.StreamRDFBase() {
                @Override
                public void quad(org.apache.jena.sparql.core.Quad q) {
                    if (++taken[0] == 50_000) {
                        throw new IllegalStateException("constructed staging failure");
                    }
                }
            }, ErrorPolicy.collecting())).hasMessage("constructed staging failure");
            assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("stage-parse")
                    && t.isAlive());
        }
    }

    @Test
    void aBulkCaptureIsTheSameGraphKeptInItsRecordsCopyOnly(@TempDir Path dir) throws IOException {
        Capture orgs = capture("constructed", "file:///constructed/orgs.txt");
        StageResult indexed;
        Set<String> indexedTriples;
        try (StagingStore store = StagingStore.open(dir.resolve("indexed"), SHAPES, 10)) {
            indexed = store.stage(orgs, organizations(300, 250, false), InputStream.nullInputStream(),
                    ErrorPolicy.collecting());
            indexedTriples = graphTriples(store, orgs);
        }
        try (StagingStore store = StagingStore.open(dir.resolve("bulk"), SHAPES, 10)) {
            ErrorPolicy.Collecting errors = ErrorPolicy.collecting();
            StageResult bulk = store.stageBulk(orgs, organizations(300, 250, false), InputStream::nullInputStream,
                    errors);

            assertThat(store.isCopyOnly(orgs.graphName())).isTrue();
            assertThat(bulk.records()).isEqualTo(indexed.records()).isEqualTo(299);
            assertThat(bulk.problems()).isEqualTo(indexed.problems()).isEqualTo(errors.problems()).singleElement()
                    .satisfies(p -> assertThat(p.location()).isEqualTo("record 250"));
            // none of its triples in TDB2's indexes, all of them in the copy, the same as the indexed staging's
            assertThat(graphTriples(store, orgs)).isEmpty();
            Path copy = store.recordsCopy(orgs.graphName()).orElseThrow();
            assertThat(copyTriples(copy)).isEqualTo(indexedTriples).hasSize(299 * 5);
            assertThat(store.stagedGraphs()).containsExactly(orgs.graphName());
            assertThat(store.stagedRecordCounts()).containsEntry(orgs.graphName(), 299L);

            // the next run keeps it, with its counts and refusals
            assertThat(store.stagedResult(orgs, organizations(1, -1, false))).hasValueSatisfying(r -> {
                assertThat(r.records()).isEqualTo(299);
                assertThat(r.problems()).isEqualTo(indexed.problems());
            });
            // killed after the commit, before the copy got its name: the graph is not reused but staged again
            Files.move(copy, copy.resolveSibling(copy.getFileName() + ".part"));
            assertThat(store.stagedResult(orgs, organizations(1, -1, false))).isEmpty();
        }
    }

    @Test
    void aBulkCaptureReplacesAnIndexedGraphAndAnUnreadableOneKeepsTheEarlierCopy(@TempDir Path dir)
            throws IOException {
        try (StagingStore store = StagingStore.open(dir.resolve("tdb2"), SHAPES, 10)) {
            Capture orgs = capture("constructed", "file:///constructed/orgs.txt");
            store.stage(orgs, organizations(5, -1, false), InputStream.nullInputStream(), ErrorPolicy.collecting());
            assertThat(graphTriples(store, orgs)).hasSize(5 * 5);

            store.stageBulk(orgs, organizations(30, -1, false), InputStream::nullInputStream, ErrorPolicy.collecting());
            assertThat(graphTriples(store, orgs)).isEmpty();
            assertThat(store.isCopyOnly(orgs.graphName())).isTrue();
            Path copy = store.recordsCopy(orgs.graphName()).orElseThrow();
            byte[] before = Files.readAllBytes(copy);
            assertThat(copyTriples(copy)).hasSize(30 * 5);

            // a document that turns out unreadable after some chunks: its refusals so far reach the caller, the
            // earlier copy stays whole
            ErrorPolicy.Collecting errors = ErrorPolicy.collecting();
            assertThatThrownBy(() -> store.stageBulk(orgs, organizations(20, 2, true), InputStream::nullInputStream,
                    errors)).isInstanceOf(SourceParseException.class);
            assertThat(errors.problems()).extracting(ParseProblem::location).containsExactly("record 2");
            assertThat(Files.readAllBytes(copy)).isEqualTo(before);
            assertThat(store.stagedResult(orgs, organizations(1, -1, false))).isPresent();
            try (var left = Files.list(copy.getParent())) {
                assertThat(left.toList()).containsExactly(copy); // no .part left behind
            }

            // staged into TDB2 again (a smaller document): the copy-only mark goes with the old metadata
            store.stage(orgs, organizations(4, -1, false), InputStream.nullInputStream(), ErrorPolicy.collecting());
            assertThat(store.isCopyOnly(orgs.graphName())).isFalse();
            assertThat(graphTriples(store, orgs)).hasSize(4 * 5);
        }
    }

    @ParameterizedTest(name = "chunks of {0} triples")
    @ValueSource(ints = {7, 50, 1_000_000})
    void aBulkCaptureWhoseCheckNeedsAnEarlierChunkIsStagedIntoTdb2Instead(int chunkTriples, @TempDir Path dir)
            throws IOException {
        Capture inventory = capture("inventory", "file:///constructed/inventory.csv");
        byte[] csv = inventory().getBytes(StandardCharsets.UTF_8);
        StageResult indexed;
        Set<String> indexedQuads;
        try (StagingStore store = StagingStore.open(dir.resolve("indexed"), SHAPES, chunkTriples)) {
            indexed = store.stage(inventory, new InventoryParser(), new ByteArrayInputStream(csv),
                    ErrorPolicy.collecting());
            indexedQuads = allQuads(store);
        }
        try (StagingStore store = StagingStore.open(dir.resolve("bulk"), SHAPES, chunkTriples)) {
            int[] opened = {0};
            ErrorPolicy.Collecting errors = ErrorPolicy.collecting();
            StageResult bulk = store.stageBulk(inventory, new InventoryParser(), () -> {
                opened[0]++;
                return new ByteArrayInputStream(csv);
            }, errors);

            assertThat(bulk.records()).isEqualTo(indexed.records());
            // the refusals of one staging only, not of the first attempt too
            assertThat(bulk.problems()).isEqualTo(errors.problems()).hasSameSizeAs(indexed.problems());
            if (chunkTriples == 1_000_000) {
                // one chunk: nothing crosses a boundary, the capture stays in its copy
                assertThat(opened[0]).isEqualTo(1);
                assertThat(store.isCopyOnly(inventory.graphName())).isTrue();
                assertThat(graphTriples(store, inventory)).isEmpty();
                assertThat(copyTriples(store.recordsCopy(inventory.graphName()).orElseThrow()))
                        .isEqualTo(withIndexedRecords(indexedQuads, inventory));
            } else {
                // the product restated in a later chunk (and deployments pointing at earlier chunks' products)
                assertThat(opened[0]).isEqualTo(2);
                assertThat(store.isCopyOnly(inventory.graphName())).isFalse();
                assertThat(allQuads(store)).isEqualTo(indexedQuads);
            }
        }
    }

    @Test
    void aBulkCaptureWithABlankNodeIsStagedIntoTdb2Instead(@TempDir Path dir) throws IOException {
        Capture orgs = capture("constructed", "file:///constructed/orgs.txt");
        // a record pointing at a blank node, which the records copy cannot hold
        SourceParser withBlank = (body, context, sink) -> {
            Node o = sink.record(Tm.Organization, "org/1", "record 1", null, null);
            sink.literal(o, Tm.name, "Org 1");
            sink.iri(o, Tm.endpoint, NodeFactory.createBlankNode());
        };
        try (StagingStore store = StagingStore.open(dir.resolve("tdb2"), SHAPES)) {
            int[] opened = {0};
            StageResult result = store.stageBulk(orgs, withBlank, () -> {
                opened[0]++;
                return InputStream.nullInputStream();
            }, ErrorPolicy.collecting());

            assertThat(result.records()).isEqualTo(1);
            assertThat(opened[0]).isEqualTo(2);
            assertThat(store.isCopyOnly(orgs.graphName())).isFalse();
            assertThat(store.recordsCopy(orgs.graphName())).isEmpty();
            assertThat(graphTriples(store, orgs)).anyMatch(t -> t.contains(Tm.endpoint.getURI()))
                    .anyMatch(t -> t.contains("\"Org 1\""));
        }
    }

    /** The triples of {@code capture}'s graph in {@code quads} (as {@link #allQuads} gives them), as triples. */
    private static Set<String> withIndexedRecords(Set<String> quads, Capture capture) {
        Set<String> triples = new TreeSet<>();
        String suffix = " " + capture.graphName();
        quads.stream().filter(q -> q.endsWith(suffix))
                .forEach(q -> triples.add(q.substring(0, q.length() - suffix.length())));
        return triples;
    }

    private static Set<String> graphTriples(StagingStore store, Capture capture) {
        Node g = NodeFactory.createURI(capture.graphName());
        return store.read(dsg -> {
            Set<String> all = new TreeSet<>();
            dsg.find(g, Node.ANY, Node.ANY, Node.ANY).forEachRemaining(q -> all.add(
                    q.getSubject() + " " + q.getPredicate() + " " + q.getObject()));
            return all;
        });
    }

    private static Set<String> copyTriples(Path copy) {
        Set<String> all = new TreeSet<>();
        // without naming the syntax: Jena's tools (tdb2.tdbloader, riot) know a copy by its .rt extension
        org.apache.jena.riot.RDFParser.source(copy)
                .parse(new org.apache.jena.riot.system.StreamRDFBase() {
                    @Override
                    public void triple(org.apache.jena.graph.Triple t) {
                        all.add(t.getSubject() + " " + t.getPredicate() + " " + t.getObject());
                    }
                });
        return all;
    }

    /** Organizations {@code Org 1..n}; record {@code bad} carries a malformed LEI; optionally fails at the end. */
    private static SourceParser organizations(int n, int bad, boolean failAtEnd) {
        return (body, context, sink) -> {
            for (int i = 1; i <= n; i++) {
                Node o = sink.record(Tm.Organization, "org/" + i, "record " + i, null, null);
                sink.literal(o, Tm.name, "Org " + i);
                sink.literal(o, Tm.lei, i == bad ? "NOT-A-LEI" : String.format("SYNT%014d00", i));
            }
            if (failAtEnd) {
                throw new SourceParseException(new ParseProblem("constructed", context.document(), "end",
                        "truncated document (constructed failure)"));
            }
        };
    }

    private static Set<String> names(DatasetGraph dsg, Capture capture) {
        Node g = NodeFactory.createURI(capture.graphName());
        return dsg.calculateRead(() -> {
            Set<String> names = new TreeSet<>();
            dsg.find(g, Node.ANY, Tm.name, Node.ANY).forEachRemaining(q -> names.add(q.getObject().getLiteralLexicalForm()));
            return names;
        });
    }

    private record Staged(StageResult result, Set<String> quads) {
    }

    private static Staged stage(StagingStore store, String csv) throws IOException {
        Capture capture = capture("inventory", "file:///constructed/inventory.csv");
        StageResult result = store.stage(capture, new InventoryParser(),
                new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), ErrorPolicy.collecting());
        Set<String> quads = store.read(dsg -> {
            Set<String> all = new TreeSet<>();
            // the refused records are compared through the result (which of two duplicates is refused depends on chunks)
            dsg.find().forEachRemaining(q -> {
                if (!q.getPredicate().equals(Tm.stagedProblems)) {
                    all.add(q.getSubject() + " " + q.getPredicate() + " " + q.getObject() + " " + q.getGraph());
                }
            });
            return all;
        });
        return new Staged(result, quads);
    }

    private static Capture capture(String source, String uri) {
        return new Capture(source, uri, "text/plain", Instant.parse("2026-12-01T00:00:00Z"),
                "<urn:uuid:00000000-0000-0000-0000-" + String.format("%012x", (source + " " + uri).hashCode() & 0xffffffffL) + ">",
                "sha256:00", "constructed.warc.gz", 0L);
    }
}
