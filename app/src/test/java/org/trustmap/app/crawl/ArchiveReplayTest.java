package org.trustmap.app.crawl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.trustmap.crawler.Capture;
import org.trustmap.crawler.archive.EvidenceArchive;

class ArchiveReplayTest {
    static final Path WGET = Path.of("src/test/resources/fixtures/warc/wget-sample.warc.gz").toAbsolutePath();
    static final Map<String, List<String>> PREFIXES = Map.of(
            "gleif", List.of("http://127.0.0.1:34809/ent"),
            "no-parser-for-this", List.of("http://127.0.0.1:34809/"));

    @Test
    void wgetRecordsAreAssignedByUrlPrefixAndOnlySourcesWithAParserAreKept() throws Exception {
        ArchiveReplay replay = ArchiveReplay.scan(WGET, PREFIXES, Set.of());

        assertThat(replay.captures()).extracting(Capture::sourceId, Capture::targetUri)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("gleif", "http://127.0.0.1:34809/entities.csv"));
        assertThat(replay.skipped()).isEqualTo(1);
        Capture csv = replay.captures().get(0);
        try (InputStream in = EvidenceArchive.openPayload(replay.root().resolve(csv.warcFile()), csv.offset())) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("LEI,Name\n529900T8BM49AURSDO55,Example AG\n");
        }
    }

    @Test
    void sourceReadFromAnInputIsNotReplayed() throws Exception {
        assertThat(ArchiveReplay.scan(WGET, PREFIXES, Set.of("gleif")).captures()).isEmpty();
    }
}
