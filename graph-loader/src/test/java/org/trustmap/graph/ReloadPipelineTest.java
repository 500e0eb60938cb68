package org.trustmap.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trustmap.graph.Pipeline.DEFAULT_PROFILE;
import static org.trustmap.graph.Pipeline.GLEIF_API;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Value;
import org.trustmap.crawler.ProductIds;

/** Loading and deriving again changes nothing; a fact a source no longer states is retired, and only it. */
@ExtendWith(Neo4jTestServer.class)
class ReloadPipelineTest {
    private static final String APPLE_ENERGY = "549300YX4S1LLSMK2627";
    private static final String RETRACTABLE = "control-1260h.csv";

    private Pipeline pipeline;

    @BeforeEach
    void start(Driver driver, @TempDir Path dir) throws Exception {
        Neo4jTestServer.clear(driver);
        pipeline = new Pipeline(dir);
        stageInputs(pipeline);
    }

    private static void stageInputs(Pipeline pipeline) throws Exception {
        pipeline.inventory("cameras.csv");
        pipeline.inventory("control.csv");
        pipeline.inventory("apple.csv");
        pipeline.inventory("profiles.csv");
        pipeline.curated("hikvision.csv");
        pipeline.curated("control-constructed.csv");
        pipeline.curated("profiles.csv");
        pipeline.curatedText(RETRACTABLE, new String(Pipeline.resource("pipeline/curated/" + RETRACTABLE),
                StandardCharsets.UTF_8));
        pipeline.gleif("api_single_lei_record_" + APPLE_ENERGY + ".json", GLEIF_API + APPLE_ENERGY);
        pipeline.gleif("api_direct-parent_" + APPLE_ENERGY + ".json", GLEIF_API + APPLE_ENERGY + "/direct-parent");
        assertThat(pipeline.problems()).isEmpty();
    }

    @AfterEach
    void stop() throws Exception {
        pipeline.close();
    }

    @Test
    void loadingAndDerivingTwiceLeavesAnIdenticalGraph(Driver driver) {
        pipeline.refresh(driver);
        List<String> first = fingerprint(driver, Set.of());

        GraphLoader.LoadResult again = pipeline.load(driver);
        ExposureDeriver.DeriveResult derivedAgain = pipeline.derive(driver, DEFAULT_PROFILE);
        List<String> second = fingerprint(driver, Set.of());

        // nothing changed: no finding is written again
        assertThat(derivedAgain.written()).isZero();
        assertThat(derivedAgain.verdicts().values().stream().mapToInt(Integer::intValue).sum()).isPositive();

        assertThat(again.retired()).isZero();
        assertThat(second).containsExactlyElementsOf(first);
        assertThat(hash(second)).isEqualTo(hash(first));
        assertThat(first).anyMatch(line -> line.startsWith("(ExposureFinding)"));
    }

    @Test
    void theGraphsSequentialCopiesResolveAsTheDatasetDoes() {
        // every input of this pipeline has a copy (none had a record refused after it was written)
        long[] copies = pipeline.capturesWithCopies();
        assertThat(copies[1]).isGreaterThan(5);
        assertThat(copies[0]).isEqualTo(copies[1]);
        ResolvedGraph fromCopies = pipeline.resolve();
        ResolvedGraph fromDataset = pipeline.resolveFromDataset();
        assertThat(fromCopies.organizations()).isNotEmpty();
        assertThat(fromCopies).isEqualTo(fromDataset);
    }

    @Test
    void aDamagedCopyIsReadFromTheDataset() throws Exception {
        ResolvedGraph fromDataset = pipeline.resolveFromDataset();
        // the copies are decoded in parallel; the damaged one fails on its thread and its graph comes from TDB2
        pipeline.damageLargestCopy();
        assertThat(pipeline.resolve()).isEqualTo(fromDataset);
    }

    @Test
    void bulkCapturesResolveAsIndexedOnesAndALostOrDamagedBulkCopyIsAnErrorNamingItsGraph(@TempDir Path other)
            throws Exception {
        // the same inputs under the same folder (their file URIs are part of the records), staged into TDB2, then bulk
        Path same = other.resolve("pipeline");
        ResolvedGraph indexed;
        try (Pipeline first = new Pipeline(same)) {
            stageInputs(first);
            assertThat(first.capturesCopyOnly()).isZero();
            indexed = first.resolve();
        }
        org.apache.jena.atlas.io.IOX.deleteAll(same);
        try (Pipeline bulk = new Pipeline(same).bulk()) {
            stageInputs(bulk);
            assertThat(bulk.capturesCopyOnly()).isEqualTo(bulk.capturesWithCopies()[1]).isGreaterThan(5);
            assertThat(bulk.resolve()).isEqualTo(indexed);
            // nothing of theirs in TDB2 to fall back on: a damaged copy, a lost copy stop the resolution
            java.nio.file.Path copy = bulk.damageLargestCopy();
            org.assertj.core.api.Assertions.assertThatThrownBy(bulk::resolve)
                    .hasMessageContaining("is kept in its records copy " + copy)
                    .hasMessageContaining("cannot be read").hasMessageContaining("remove that file");
            java.nio.file.Files.delete(copy);
            org.assertj.core.api.Assertions.assertThatThrownBy(bulk::resolve)
                    .hasMessageContaining("urn:trustmap:graph:")
                    .hasMessageContaining("that copy is missing");
        }
    }

    @Test
    void aCopyCutShortIsReadFromTheDataset() throws Exception {
        ResolvedGraph fromDataset = pipeline.resolveFromDataset();
        // cut inside a row: Jena's own reader would end there quietly and resolve would lose the rest of the graph
        java.nio.file.Path copy = pipeline.cutLargestCopy();
        ResolvedGraph resolved = pipeline.resolve();
        assertThat(resolved).isEqualTo(fromDataset);
        assertThat(copy).exists();
    }

    @Test
    void readingOnlyWhatProductsReachGivesTheVerdictsOfTheWholeGraph(Driver driver) {
        pipeline.refresh(driver);
        org.trustmap.graph.internal.GraphSnapshot reached;
        org.trustmap.graph.internal.GraphSnapshot all;
        try (var session = driver.session()) {
            reached = org.trustmap.graph.internal.GraphSnapshot.read(session);
            all = org.trustmap.graph.internal.GraphSnapshot.readAll(session);
        }
        assertThat(reached.deployed).isEqualTo(all.deployed).hasSizeGreaterThan(3);
        assertThat(all.orgNames).containsAllEntriesOf(reached.orgNames);
        List<String> verdicts = new ArrayList<>();
        for (String profile : List.of(DEFAULT_PROFILE, Pipeline.MAINLAND_PROFILE)) {
            for (String product : all.deployed) {
                ExposureDeriver.Verdict whole = ExposureDeriver.evaluate(all, Pipeline.profile(profile), product);
                assertThat(ExposureDeriver.evaluate(reached, Pipeline.profile(profile), product))
                        .as("%s under %s", product, profile).isEqualTo(whole);
                verdicts.add(whole.verdict());
            }
        }
        // the comparison covers exposed products (with paths up ownership chains) and open ones
        assertThat(verdicts).contains("EXPOSED").containsAnyOf("UNDETERMINED", "NOT_FOUND");
    }

    @Test
    void factNoLongerStatedIsRetiredAndNothingElseChanges(Driver driver) throws Exception {
        String sequencer = ProductIds.of("Complete Genomics, Inc.", "test-sequencer-1", null, null);
        pipeline.refresh(driver);
        assertThat(StoredFinding.of(driver, sequencer, DEFAULT_PROFILE).verdict()).isEqualTo("EXPOSED");
        // stamps change with every different load; a node's record count changes with the records behind it, and
        // so does its row digest h
        Set<String> volatileProps = Set.of("stamp", "records", "h");
        List<String> before = fingerprint(driver, volatileProps);

        // the same file, re-read without its one fact (header and comments kept)
        String withoutFact = new String(Pipeline.resource("pipeline/curated/" + RETRACTABLE), StandardCharsets.UTF_8)
                .lines().filter(l -> l.startsWith("#") || l.startsWith("subject,")).reduce("", (a, l) -> a + l + "\n");
        pipeline.curatedText(RETRACTABLE, withoutFact);
        assertThat(pipeline.retainCurrent()).isEqualTo(1);
        GraphLoader.LoadResult reload = pipeline.load(driver);
        List<String> after = fingerprint(driver, volatileProps);

        assertThat(driver.executableQuery("""
                MATCH (:Organization {name: 'Complete Genomics, Inc.'})-[r:CONTROLLED_BY]->() RETURN count(r) AS n""")
                .execute().records().get(0).get("n").asLong()).isZero();
        List<String> gone = new ArrayList<>(before);
        gone.removeAll(after);
        List<String> added = new ArrayList<>(after);
        added.removeAll(before);
        assertThat(gone).singleElement().asString()
                .startsWith("[org:us:complete-genomics]-[CONTROLLED_BY ")
                .contains("2026-06-08").endsWith("->[org:cn:bgi-group]");
        assertThat(added).isEmpty();
        assertThat(reload.retired()).as("retired; gone %s", gone).isEqualTo(1);

        // and the finding follows once derived again; only the findings that changed are written
        ExposureDeriver.DeriveResult derived = pipeline.derive(driver, DEFAULT_PROFILE);
        assertThat(StoredFinding.of(driver, sequencer, DEFAULT_PROFILE).verdict()).isNotEqualTo("EXPOSED");
        int products = derived.verdicts().values().stream().mapToInt(Integer::intValue).sum();
        assertThat(derived.written()).isPositive().isLessThan(products);
    }

    /**
     * Every node as its labels and properties, every relationship as its type, properties and end ids
     * (id, code, name or key of the end nodes), sorted; {@code ignored} properties are left out.
     */
    static List<String> fingerprint(Driver driver, Set<String> ignored) {
        List<String> lines = new ArrayList<>();
        driver.executableQuery("MATCH (n) RETURN labels(n) AS labels, properties(n) AS props").execute().records()
                .forEach(r -> lines.add("(" + String.join(":", r.get("labels").asList(Value::asString).stream()
                        .sorted().toList()) + ") " + props(r.get("props"), ignored)));
        driver.executableQuery("""
                MATCH (a)-[r]->(b)
                RETURN type(r) AS type, properties(r) AS props,
                       coalesce(a.id, a.code, a.name, a.key) AS a, coalesce(b.id, b.code, b.name, b.key) AS b""")
                .execute().records().forEach(r -> lines.add("[" + r.get("a").asString() + "]-[" + r.get("type").asString()
                        + " " + props(r.get("props"), ignored) + "]->[" + r.get("b").asString() + "]"));
        lines.sort(null);
        return lines;
    }

    private static String props(Value props, Set<String> ignored) {
        Map<String, Object> sorted = new TreeMap<>(props.asMap());
        sorted.keySet().removeAll(ignored);
        return sorted.toString();
    }

    static String hash(List<String> lines) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            lines.forEach(l -> sha.update((l + "\n").getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(sha.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
