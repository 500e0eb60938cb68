package org.trustmap.crawler.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trustmap.crawler.Capture;

/** What a process killed while archiving leaves behind does not cost the records archived after the restart. */
class EvidenceArchiveCrashTest {
    @Test
    void aTornLastIndexLineIsIgnoredAndTheNextRecordAfterARestartStaysIndexed(@TempDir Path dir) throws Exception {
        Path first = Files.writeString(dir.resolve("a.csv"), "a,b\n1,2\n");
        Path second = Files.writeString(dir.resolve("b.csv"), "c,d\n3,4\n");
        Capture a;
        try (EvidenceArchive archive = EvidenceArchive.open(dir.resolve("archive"))) {
            a = archive.archiveFile("curated", first, "text/csv", Instant.parse("2026-12-01T00:00:00Z"));
        }
        // SIGKILL in the middle of writing the next index line: half a JSON object, no newline
        Files.writeString(dir.resolve("archive").resolve(EvidenceArchive.INDEX), "{\"source\":\"curated\",\"uri\":\"fi",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        Capture b;
        try (EvidenceArchive archive = EvidenceArchive.open(dir.resolve("archive"))) {
            assertThat(archive.find(a.warcRecordId())).isPresent();
            b = archive.archiveFile("curated", second, "text/csv", Instant.parse("2026-12-01T00:00:00Z"));
        }
        try (EvidenceArchive archive = EvidenceArchive.open(dir.resolve("archive"))) {
            assertThat(archive.find(a.warcRecordId())).isPresent();
            assertThat(archive.find(b.warcRecordId())).isPresent();
            try (var in = archive.open(archive.find(b.warcRecordId()).orElseThrow())) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("c,d\n3,4\n");
            }
        }
    }
}
