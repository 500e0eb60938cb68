package org.trustmap.crawler.archive;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.trustmap.crawler.Capture;

/**
 * The archive's index: one JSON object per line per archived record. A torn last line (crash) is ignored.
 *
 * <p>Each line also carries the HTTP status ({@code 0} for resource records) and the truncation, so
 * {@link #documents()} can leave out error pages, redirects and cut bodies, which are archived as evidence but are
 * not documents a source parses.</p>
 */
final class CaptureIndex {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;
    private final Map<String, Entry> byId = new LinkedHashMap<>();

    record Entry(Capture capture, int status, Truncation truncation) {
        boolean document() {
            return (status == 0 || (status >= 200 && status < 300)) && !truncation.truncated();
        }
    }

    private CaptureIndex(Path file) {
        this.file = file;
    }

    static CaptureIndex load(Path file) throws IOException {
        CaptureIndex index = new CaptureIndex(file);
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    JsonNode n = JSON.readTree(line);
                    Capture c = new Capture(n.get("source").asText(), n.get("uri").asText(), n.get("type").asText(),
                            Instant.parse(n.get("date").asText()), n.get("id").asText(), n.get("digest").asText(),
                            n.get("file").asText(), n.get("offset").asLong());
                    int status = n.path("status").asInt(0);
                    Truncation truncation = Truncation.valueOf(n.path("truncated").asText("NONE"));
                    index.byId.put(c.warcRecordId(), new Entry(c, status, truncation));
                } catch (IOException | RuntimeException torn) {
                    // a line cut by a crash: the record it described is re-archived on the next run
                }
            }
            endTornLine(file);
        }
        return index;
    }

    /** A crash can leave the last line without its newline: end it, so that the next line appended stays whole. */
    private static void endTornLine(Path file) throws IOException {
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            long size = ch.size();
            if (size == 0) {
                return;
            }
            java.nio.ByteBuffer last = java.nio.ByteBuffer.allocate(1);
            ch.read(last, size - 1);
            if (last.get(0) != '\n') {
                ch.write(java.nio.ByteBuffer.wrap(new byte[] {'\n'}), size);
            }
        }
    }

    /** Documents only: resources and complete 2xx responses, in archive order. */
    List<Capture> documents() {
        List<Capture> out = new ArrayList<>();
        for (Entry e : byId.values()) {
            if (e.document()) {
                out.add(e.capture());
            }
        }
        return List.copyOf(out);
    }

    Optional<Capture> byId(String id) {
        return Optional.ofNullable(byId.get(id)).map(Entry::capture);
    }

    Optional<Entry> entry(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    void append(Capture c) throws IOException {
        append(c, 0, Truncation.NONE);
    }

    void append(Capture c, int status, Truncation truncation) throws IOException {
        ObjectNode n = JSON.createObjectNode();
        n.put("source", c.sourceId());
        n.put("uri", c.targetUri());
        n.put("type", c.contentType());
        n.put("date", c.date().toString());
        n.put("id", c.warcRecordId());
        n.put("digest", c.payloadDigest());
        n.put("file", c.warcFile());
        n.put("offset", c.offset());
        n.put("status", status);
        n.put("truncated", truncation.name());
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND)) {
            w.write(JSON.writeValueAsString(n));
            w.newLine();
        }
        byId.put(c.warcRecordId(), new Entry(c, status, truncation));
    }
}
