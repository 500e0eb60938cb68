package org.trustmap.app.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.apache.jena.sparql.core.DatasetGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trustmap.crawler.Capture;
import org.trustmap.crawler.ErrorPolicy;
import org.trustmap.crawler.SourceCatalog;
import org.trustmap.crawler.StagingStore;
import org.trustmap.crawler.archive.EvidenceArchive;

/**
 * A bulk capture whose records copy is gone is staged again before resolve reads (its graph is nothing without the
 * copy); other captures are left as they are. The GLEIF golden-copy rows are the demo's real ones
 * ({@code data/demo/snapshot/gleif}, provenance in {@code data/demo/SOURCES.md}); the inventory is the demo's
 * constructed one.
 */
class RestageLostCopiesTest {
    private static final Path DATA = Path.of("../data");

    @Test
    void aBulkCaptureWithoutItsCopyIsStagedAgainAndNothingElse(@TempDir Path home) throws Exception {
        try (EvidenceArchive archive = EvidenceArchive.open(home.resolve("archive"));
             StagingStore staging = StagingStore.open(home.resolve("staging"), DATA.resolve("ontology/shapes.ttl"))) {
            Instant at = Instant.parse("2026-12-07T00:00:00Z");
            Capture golden = archive.archiveFile("gleif", DATA.resolve("demo/snapshot/gleif/goldencopy_lei-data.xml"),
                    "application/xml", at);
            Capture inventory = archive.archiveFile("inventory", DATA.resolve("demo/inventory.csv"), "text/csv", at);
            CaptureList list = new CaptureList(archive.directory().toString(), List.of(golden, inventory), List.of(),
                    null, Set.of());
            staging.stageBulk(golden, SourceCatalog.parser("gleif").orElseThrow(), () -> list.open(golden),
                    ErrorPolicy.collecting());
            try (var body = list.open(inventory)) {
                staging.stage(inventory, SourceCatalog.parser("inventory").orElseThrow(), body,
                        ErrorPolicy.collecting());
            }
            assertThat(staging.isCopyOnly(golden.graphName())).isTrue();
            assertThat(staging.isCopyOnly(inventory.graphName())).isFalse();
            Path goldenCopy = staging.recordsCopy(golden.graphName()).orElseThrow();
            Path inventoryCopy = staging.recordsCopy(inventory.graphName()).orElseThrow();
            byte[] before = Files.readAllBytes(goldenCopy);

            // nothing lost: nothing staged again
            assertThat(StageTasklet.restageLostCopies(staging, list)).isZero();

            // both copies lost: only the bulk one is needed (the inventory's graph is in TDB2 and read from there)
            Files.delete(goldenCopy);
            Files.delete(inventoryCopy);
            assertThat(StageTasklet.restageLostCopies(staging, list)).isEqualTo(1);
            assertThat(goldenCopy).exists();
            assertThat(Files.readAllBytes(goldenCopy)).isEqualTo(before);
            assertThat(inventoryCopy).doesNotExist();
            assertThat(staging.isCopyOnly(golden.graphName())).isTrue();
            assertThat(staging.stagedResult(golden, SourceCatalog.parser("gleif").orElseThrow())).isPresent();
            assertThat(StageTasklet.restageLostCopies(staging, list)).isZero();
        }
    }
}
