package org.trustmap.crawler.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.trustmap.crawler.Capture;

class WarcReplayTest {
    static Path wgetSample() throws URISyntaxException {
        return Path.of(WarcReplayTest.class.getResource("/fixtures/warc/wget-sample.warc.gz").toURI());
    }

    @Test
    void readsWgetWarcAndAssignsSourcesByUrlPrefix() throws Exception {
        WarcReplay replay = WarcReplay.scan(wgetSample(),
                Map.of("demo", List.of("http://127.0.0.1:34809/"), "csv", List.of("http://127.0.0.1:34809/ent")));

        assertThat(replay.captures()).extracting(Capture::targetUri).containsExactly(
                "http://127.0.0.1:34809/index.html", "http://127.0.0.1:34809/entities.csv");
        assertThat(replay.captures()).extracting(Capture::sourceId).containsExactly("demo", "csv");
        Capture csv = replay.latest("http://127.0.0.1:34809/entities.csv").orElseThrow();
        assertThat(csv.payloadDigest()).startsWith("sha256:");
        assertThat(csv.warcRecordId()).startsWith("<urn:uuid:");
        try (InputStream in = replay.open(csv)) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("LEI,Name\n529900T8BM49AURSDO55,Example AG\n");
        }
    }

    @Test
    void recordsOfNoKnownSourceAreLeftOut() throws Exception {
        assertThat(WarcReplay.scan(wgetSample(), Map.of()).captures()).isEmpty();
    }

    @Test
    void localFilesArchivedAsResourcesReplayWithTheirIds(@org.junit.jupiter.api.io.TempDir Path dir)
            throws IOException {
        Path input = dir.resolve("inventory.csv");
        java.nio.file.Files.writeString(input, "product,maker\ncam,Acme\n");
        Capture archived;
        try (EvidenceArchive archive = EvidenceArchive.open(dir.resolve("archive"))) {
            archived = archive.archiveFile("inventory", input, "text/csv", java.time.Instant.EPOCH);
        }
        WarcReplay replay = WarcReplay.scan(dir.resolve("archive"), Map.of());

        assertThat(replay.captures()).containsExactly(archived);
    }
}
