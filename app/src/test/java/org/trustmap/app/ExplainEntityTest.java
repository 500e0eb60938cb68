package org.trustmap.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trustmap.crawler.Capture;
import org.trustmap.crawler.ErrorPolicy;
import org.trustmap.crawler.StagingStore;
import org.trustmap.crawler.archive.EvidenceArchive;
import org.trustmap.crawler.sources.ieeeoui.IeeeOuiParser;
import org.trustmap.graph.Judgements;
import org.trustmap.graph.ResolutionSettings;
import org.trustmap.graph.ResolvedGraph;
import org.trustmap.graph.Resolver;

/**
 * {@code trustmap explain-entity} shows a scored merge with its score: real IEEE MA-L rows (graph-loader's
 * {@code oui-lookalikes.csv}, verbatim rows of the registry) archived, staged with the real parser and shapes,
 * resolved, and written as a run's {@code resolved.json}, as the refresh's resolve step does.
 */
class ExplainEntityTest {
    private static final Path ROWS = Path.of("../graph-loader/src/test/resources/pipeline/ieee-oui/oui-lookalikes.csv");

    @Test
    void aScoredMergeIsExplainedWithItsScore(@TempDir Path home) throws Exception {
        ResolvedGraph graph;
        try (EvidenceArchive archive = EvidenceArchive.open(home.resolve("archive"));
             StagingStore store = StagingStore.inMemory(Path.of("../data/ontology/shapes.ttl"))) {
            Capture capture = archive.archiveFile("ieee-oui", ROWS, "text/csv", Instant.parse("2025-09-10T08:00:00Z"));
            ErrorPolicy.Collecting errors = ErrorPolicy.collecting();
            try (InputStream body = archive.open(capture)) {
                store.stage(capture, new IeeeOuiParser(), body, errors);
            }
            assertThat(errors.problems()).isEmpty();
            graph = new Resolver(Judgements.none(), ResolutionSettings.load(Path.of("../data/resolution.yml")))
                    .resolve(store.dataset());
        }
        Path run = Files.createDirectories(home.resolve("runs/run-0001"));
        new ObjectMapper().findAndRegisterModules().writeValue(run.resolve("resolved.json").toFile(), graph);

        CliRun explained = CliRun.of("explain-entity", "--home", home.toString(), "Hon Hai Precision Ind");
        assertThat(explained.exitCode()).as(explained.toString()).isZero();
        assertThat(explained.out()).contains("Hon Hai Precision Industry Co., Ltd.")
                .contains("merges:   1").contains("scored 1.000 (threshold 0.920)").contains("scored name match 1.000");
    }
}
