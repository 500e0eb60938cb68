package org.trustmap.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.Driver;
import org.trustmap.graph.internal.DigestFile;

/**
 * A loader with a digest file reads what the previous load left from the file instead of from Neo4j, and only while
 * the graph carries that load's stamp and Neo4j's counts are the file's; every way the file can stop describing the
 * graph (a hand-deleted relationship, a load without the file, an older file, a damaged section) falls back to Neo4j,
 * and each load ends with the graph a load into an empty database gives. The graphs are CONSTRUCTED
 * ({@link ReloadIncrementalTest#graph}).
 */
@ExtendWith(Neo4jTestServer.class)
class ReloadDigestFileTest {
    @TempDir
    Path tmp;

    /** The graphs loads of graph(false) and graph(true) into an empty database give. */
    private List<String> fullFalse;
    private List<String> fullTrue;

    @BeforeEach
    void expectedGraphsThenAnEmptyDatabase(Driver driver) {
        fullFalse = fullLoad(driver, false);
        fullTrue = fullLoad(driver, true);
        Neo4jTestServer.clear(driver);
    }

    @Test
    void aLoadReadsWhatThePreviousLoadLeftFromTheDigestFile(Driver driver) throws IOException {
        Path file = tmp.resolve("load-digests.bin");
        GraphLoader loader = new GraphLoader(driver, "neo4j", file);
        GraphLoader.LoadResult first = loader.load(ReloadIncrementalTest.graph(false));
        assertThat(loader.readDigestsFromFile()).as("no file yet").isFalse();
        assertThat(DigestFile.open(file).stamp()).isEqualTo(first.stamp()).isEqualTo(stamp(driver));
        // the file holds every row: 3 organizations, 2 CONTROLLED_BY among them
        assertThat(DigestFile.open(file).sections().get("Organization").entries()).isEqualTo(3);
        assertThat(DigestFile.open(file).sections().get("CONTROLLED_BY").count()).isEqualTo(2);

        GraphLoader.LoadResult same = loader.load(ReloadIncrementalTest.graph(false));
        assertThat(loader.readDigestsFromFile()).isTrue();
        assertThat(same.written()).isZero();
        assertThat(same.retired()).isZero();

        GraphLoader.LoadResult changed = loader.load(ReloadIncrementalTest.graph(true));
        assertThat(loader.readDigestsFromFile()).isTrue();
        // as with the digests read from Neo4j (ReloadIncrementalTest): one rename, one share, two retired
        assertThat(changed.written()).isEqualTo(2);
        assertThat(changed.retired()).isEqualTo(2);
        assertThat(DigestFile.open(file).stamp()).isEqualTo(changed.stamp()).isEqualTo(stamp(driver));
        assertThat(graph(driver)).containsExactlyElementsOf(fullTrue);
    }

    @Test
    void aRelationshipDeletedByHandIsSeenInTheCountsAndWrittenAgain(Driver driver) {
        GraphLoader loader = new GraphLoader(driver, "neo4j", tmp.resolve("load-digests.bin"));
        loader.load(ReloadIncrementalTest.graph(false));
        driver.executableQuery("MATCH ()-[r:MADE_BY]->() DELETE r").execute();
        GraphLoader.LoadResult again = loader.load(ReloadIncrementalTest.graph(false));
        assertThat(loader.readDigestsFromFile()).as("MADE_BY count differs from the file's").isFalse();
        assertThat(again.written()).isOne();
        assertThat(graph(driver)).containsExactlyElementsOf(fullFalse);
    }

    @Test
    void aLoadWithoutTheFileOrAnOlderFileIsNeverTrusted(Driver driver) throws IOException {
        Path file = tmp.resolve("load-digests.bin");
        GraphLoader loader = new GraphLoader(driver, "neo4j", file);
        loader.load(ReloadIncrementalTest.graph(false));
        // a load that keeps no file changes a property without changing any count, then the file's load comes back:
        // had the file been trusted, the renamed organization would have kept its new name
        new GraphLoader(driver, "neo4j").load(renamedOnly());
        assertThat(stamp(driver)).as("a load without the file removes the stamp").isNull();
        loader.load(ReloadIncrementalTest.graph(false));
        assertThat(loader.readDigestsFromFile()).isFalse();
        assertThat(graph(driver)).containsExactlyElementsOf(fullFalse);

        // an older file than the graph's stamp (a restored copy): not trusted
        loader.load(ReloadIncrementalTest.graph(false));
        Path older = tmp.resolve("older.bin");
        Files.copy(file, older);
        loader.load(ReloadIncrementalTest.graph(true));
        Files.copy(older, file, StandardCopyOption.REPLACE_EXISTING);
        loader.load(ReloadIncrementalTest.graph(false));
        assertThat(loader.readDigestsFromFile()).isFalse();
        assertThat(graph(driver)).containsExactlyElementsOf(fullFalse);
    }

    @Test
    void aDamagedSectionIsReadFromNeo4jAndATruncatedFileIsNamed(Driver driver) throws IOException {
        Path file = tmp.resolve("load-digests.bin");
        GraphLoader loader = new GraphLoader(driver, "neo4j", file);
        loader.load(ReloadIncrementalTest.graph(false));
        // flip a byte inside the first section (Organization): its checksum fails, the other sections still serve
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(6);
            int b = raf.read();
            raf.seek(6);
            raf.write(b ^ 0x5a);
        }
        assertThatThrownBy(() -> DigestFile.open(file).read("Organization", (k, h, key) -> { }))
                .hasMessageContaining(file.toString()).hasMessageContaining("Organization");
        GraphLoader.LoadResult changed = loader.load(ReloadIncrementalTest.graph(true));
        assertThat(loader.readDigestsFromFile()).as("the undamaged sections").isTrue();
        assertThat(changed.written()).isEqualTo(2);
        assertThat(changed.retired()).isEqualTo(2);
        assertThat(graph(driver)).containsExactlyElementsOf(fullTrue);

        // a file cut short loses its index: named in the error, and the load reads from Neo4j
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 3));
        assertThatThrownBy(() -> DigestFile.open(file)).isInstanceOf(IOException.class)
                .hasMessageContaining(file.toString());
        GraphLoader.LoadResult back = loader.load(ReloadIncrementalTest.graph(false));
        assertThat(loader.readDigestsFromFile()).isFalse();
        assertThat(back.written()).isEqualTo(4);
        assertThat(graph(driver)).containsExactlyElementsOf(fullFalse);
    }

    /** graph(false) with org:a's name changed: the same items, so the same counts. */
    private static ResolvedGraph renamedOnly() {
        ResolvedGraph g = ReloadIncrementalTest.graph(false);
        List<ResolvedGraph.Org> orgs = g.organizations().stream()
                .map(o -> !o.id().equals("org:a") ? o : new ResolvedGraph.Org(o.id(), "Org A renamed",
                        List.of("Org A renamed"), o.lei(), o.legalJurisdiction(), o.legalCountry(), o.hqCountry(),
                        o.sources(), o.records()))
                .toList();
        return new ResolvedGraph(orgs, g.products(), g.deployments(), g.edges(), g.basedIn(), g.exceptions(),
                g.flags(), g.merges());
    }

    private static String stamp(Driver driver) {
        return driver.executableQuery("MATCH (s:LoadState) RETURN s.stamp AS s").execute().records().stream()
                .map(r -> r.get("s").asString()).findFirst().orElse(null);
    }

    /** The graph without the loader's bookkeeping node. */
    private static List<String> graph(Driver driver) {
        return ReloadPipelineTest.fingerprint(driver, Set.of()).stream().filter(l -> !l.startsWith("(LoadState)"))
                .toList();
    }

    /** The graph a load of {@code changed} into an empty database gives (the database is cleared first). */
    private static List<String> fullLoad(Driver driver, boolean changed) {
        Neo4jTestServer.clear(driver);
        new GraphLoader(driver, "neo4j").load(ReloadIncrementalTest.graph(changed));
        List<String> full = graph(driver);
        assertThat(full).isNotEmpty();
        return full;
    }
}
