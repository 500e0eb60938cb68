package org.trustmap.app.crawl;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.trustmap.crawler.Capture;
import org.trustmap.crawler.archive.EvidenceArchive;

/**
 * What the crawl needs from a GLEIF API answer to go on (staging reads the same answer on its own): the LEI
 * records it holds with their names, legal country and {@code relationships} links, and the parents that
 * relationship records name.
 */
final class GleifAnswer {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LEI = Pattern.compile("[A-Z0-9]{20}");

    /** An LEI record as the crawl sees it; {@code relationships} is the JSON:API links object (maybe missing). */
    record Entity(String lei, String legalName, List<String> otherNames, String legalCountry, JsonNode relationships) {
        Entity {
            otherNames = List.copyOf(otherNames);
        }
    }

    private GleifAnswer() {
    }

    /** The answer's JSON, read from the archive; empty (with a warning) when it is not JSON. */
    static Optional<JsonNode> read(EvidenceArchive archive, Capture capture) throws IOException {
        try (InputStream in = archive.open(capture)) {
            return Optional.ofNullable(JSON.readTree(in));
        } catch (JsonProcessingException e) {
            CrawlLog.LOG.warn("gleif: {} is not JSON ({}); nothing followed from it", capture.targetUri(),
                    e.getOriginalMessage());
            return Optional.empty();
        }
    }

    /** The {@code lei-records} items of the answer. */
    static List<Entity> entities(JsonNode root) {
        List<Entity> out = new ArrayList<>();
        for (JsonNode item : items(root)) {
            if (!"lei-records".equals(item.path("type").asText())) {
                continue;
            }
            JsonNode attributes = item.path("attributes");
            lei(attributes.path("lei").asText(item.path("id").asText(""))).ifPresent(lei -> {
                JsonNode entity = attributes.path("entity");
                List<String> others = new ArrayList<>();
                for (String list : List.of("otherNames", "transliteratedOtherNames")) {
                    entity.path(list).forEach(n -> {
                        if (n.path("name").isTextual()) {
                            others.add(n.path("name").asText());
                        }
                    });
                }
                out.add(new Entity(lei, entity.path("legalName").path("name").asText(null), others,
                        entity.path("legalAddress").path("country").asText("").strip().toUpperCase(Locale.ROOT),
                        item.path("relationships")));
            });
        }
        return out;
    }

    /** The end nodes (parents) of the {@code relationship-records} items of the answer. */
    static List<String> parents(JsonNode root) {
        List<String> out = new ArrayList<>();
        for (JsonNode item : items(root)) {
            if ("relationship-records".equals(item.path("type").asText())) {
                JsonNode end = item.path("attributes").path("relationship").path("endNode");
                if ("LEI".equals(end.path("type").asText("LEI"))) {
                    lei(end.path("id").asText("")).ifPresent(out::add);
                }
            }
        }
        return out;
    }

    /** How many pages the answer says there are (1 when it does not say). */
    static int lastPage(JsonNode root) {
        return root.path("meta").path("pagination").path("lastPage").asInt(1);
    }

    private static List<JsonNode> items(JsonNode root) {
        JsonNode data = root == null ? null : root.get("data");
        if (data == null || data.isNull()) {
            return List.of();
        }
        List<JsonNode> items = new ArrayList<>();
        if (data.isArray()) {
            data.forEach(items::add);
        } else {
            items.add(data);
        }
        return items;
    }

    private static Optional<String> lei(String text) {
        String lei = text.strip().toUpperCase(Locale.ROOT);
        return LEI.matcher(lei).matches() ? Optional.of(lei) : Optional.empty();
    }
}
