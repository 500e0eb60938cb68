package org.trustmap.crawler.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trustmap.crawler.Capture;
import org.trustmap.crawler.archive.EvidenceArchive;
import org.trustmap.crawler.archive.WarcReplay;

/**
 * A live crawl into the archive, then a replay of the archive folder: the same documents come back with the same
 * record ids, graph names, sources and bytes — everything staging derives statements from.
 */
class ReplayMatchesLiveCrawlTest {
    @TempDir
    Path dir;

    record Staged(String source, String graph, String uri, String type, byte[] bytes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Staged s && s.source.equals(source) && s.graph.equals(graph) && s.uri.equals(uri)
                    && s.type.equals(type) && java.util.Arrays.equals(s.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return graph.hashCode();
        }
    }

    @Test
    void replayOfARecordedCrawlGivesTheSameDocumentsIdsAndBytes() throws IOException {
        List<Staged> live = new ArrayList<>();
        try (TestServer server = new TestServer();
             EvidenceArchive archive = EvidenceArchive.open(dir, 2048)) {
            FakeTime time = new FakeTime();
            server.on("/lei/1.json", new MockResponse.Builder().code(200).setHeader("Content-Type",
                    "application/json").body("{\"lei\":\"529900T8BM49AURSDO55\",\"name\":\"Example AG\"}").build());
            server.on("/lei/2.json", new MockResponse.Builder().code(200).setHeader("Content-Type",
                    "application/json").body("{\"lei\":\"335800CCCPHKUOXPC332\",\"name\":\"" + "x".repeat(3000)
                    + "\"}").build());
            server.on("/gone", new MockResponse.Builder().code(404).body("no").build());
            FetcherConfig config = FetcherConfig.defaults().withLoopbackPorts(Set.of(server.port()))
                    .withRetries(2, Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMinutes(5));
            try (Fetcher fetcher = new Fetcher(config, archive, new SimpleMeterRegistry(), time, time)) {
                for (String path : List.of("/lei/1.json", "/lei/2.json", "/gone")) {
                    FetchOutcome o = fetcher.fetch("gleif", server.url(path));
                    if (o instanceof Fetched f && f.isSuccessful()) {
                        live.add(staged(f.capture(), archive.open(f.capture())));
                    }
                }
            }
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.filter(p -> p.toString().endsWith(".warc.gz")).count())
                    .as("rotation at 2 KiB").isGreaterThan(1);
        }

        WarcReplay replay = WarcReplay.scan(dir, Map.of());
        List<Staged> replayed = new ArrayList<>();
        for (Capture c : replay.captures("gleif")) {
            replayed.add(staged(c, replay.open(c)));
        }

        assertThat(live).hasSize(2);
        assertThat(replayed).containsExactlyElementsOf(live);
        try (EvidenceArchive reopened = EvidenceArchive.open(dir)) {
            assertThat(replay.captures()).containsExactlyElementsOf(reopened.captures());
        }
    }

    private static Staged staged(Capture c, InputStream in) throws IOException {
        try (in) {
            return new Staged(c.sourceId(), c.graphName(), c.targetUri(), c.contentType(), in.readAllBytes());
        }
    }
}
