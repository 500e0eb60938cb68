package org.trustmap.crawler.archive;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** ETag / Last-Modified per URL, one JSON line per change; the last line for a URL wins. */
final class ValidatorStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;
    private final Map<String, Validators> byUri = new HashMap<>();

    private ValidatorStore(Path file) {
        this.file = file;
    }

    static ValidatorStore load(Path file) throws IOException {
        ValidatorStore store = new ValidatorStore(file);
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                try {
                    JsonNode n = JSON.readTree(line);
                    Validators v = new Validators(n.get("uri").asText(), n.get("id").asText(),
                            Optional.ofNullable(n.get("etag")).map(JsonNode::asText),
                            Optional.ofNullable(n.get("lastModified")).map(JsonNode::asText));
                    store.byUri.put(v.uri(), v);
                } catch (IOException | RuntimeException torn) {
                    // torn line after a crash: that URL is fetched unconditionally next time
                }
            }
        }
        return store;
    }

    Optional<Validators> get(String uri) {
        return Optional.ofNullable(byUri.get(uri));
    }

    void put(Validators v) throws IOException {
        if (v.equals(byUri.get(v.uri()))) {
            return;
        }
        ObjectNode n = JSON.createObjectNode();
        n.put("uri", v.uri());
        n.put("id", v.recordId());
        v.etag().ifPresent(e -> n.put("etag", e));
        v.lastModified().ifPresent(l -> n.put("lastModified", l));
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND)) {
            w.write(JSON.writeValueAsString(n));
            w.newLine();
        }
        byUri.put(v.uri(), v);
    }
}
