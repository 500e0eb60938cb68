package org.trustmap.crawler.archive;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.netpreserve.jwarc.URIs;

/**
 * A CDXJ index of every response, revisit and resource record (pywb / OutbackCDX layout:
 * {@code SURT timestamp {json}}), appended in write order. Replay tools sort it when they load it.
 */
final class CdxjIndex {
    static final String FILE = "index.cdxj";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);
    private final Path file;

    CdxjIndex(Path dir) {
        this.file = dir.resolve(FILE);
    }

    void append(String uri, Instant date, String mime, int status, String digest, String recordType,
                String warcFile, long offset, long length, Truncation truncation) throws IOException {
        String key;
        try {
            key = URIs.toNormalizedSurt(uri);
        } catch (RuntimeException e) {
            key = uri;
        }
        ObjectNode n = JSON.createObjectNode();
        n.put("url", uri);
        n.put("mime", mime);
        if (status > 0) {
            n.put("status", Integer.toString(status));
        }
        n.put("digest", digest);
        n.put("length", Long.toString(length));
        n.put("offset", Long.toString(offset));
        n.put("filename", warcFile);
        if (!"response".equals(recordType)) {
            n.put("recordType", recordType);
        }
        if (truncation.truncated()) {
            n.put("truncated", truncation.headerValue());
        }
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND)) {
            w.write(key + " " + STAMP.format(date) + " " + JSON.writeValueAsString(n));
            w.newLine();
        }
    }
}
