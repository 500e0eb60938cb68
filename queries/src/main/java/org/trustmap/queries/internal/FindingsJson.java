package org.trustmap.queries.internal;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.trustmap.queries.ExposureEntry.Finding;
import org.trustmap.queries.ExposureEntry.Hop;

/** Reads the {@code findings} JSON string of an {@code (:ExposureFinding)}. */
public final class FindingsJson {
    private FindingsJson() {
    }

    /**
     * @param findingId for messages
     * @param json      an array of {@code {route, jurisdiction, path: [{from, relation, to, source, evidence, date,
     *                  recordId}]}}; {@code null} or blank is no finding
     * @throws IllegalStateException naming the finding when the text is not such an array
     */
    public static List<Finding> parse(String findingId, String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        JsonNode root;
        try {
            root = Cells.JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("ExposureFinding " + findingId + ": findings is not valid JSON: "
                    + e.getOriginalMessage(), e);
        }
        if (!root.isArray()) {
            throw new IllegalStateException("ExposureFinding " + findingId + ": findings is not a JSON array");
        }
        List<Finding> findings = new ArrayList<>();
        for (JsonNode f : root) {
            if (!f.isObject()) {
                throw new IllegalStateException("ExposureFinding " + findingId + ": finding " + (findings.size() + 1)
                        + " is not a JSON object");
            }
            List<Hop> path = new ArrayList<>();
            for (JsonNode h : f.path("path")) {
                path.add(new Hop(text(h, "from"), text(h, "relation"), text(h, "to"), text(h, "source"),
                        text(h, "evidence"), text(h, "date"), text(h, "recordId")));
            }
            findings.add(new Finding(text(f, "route"), text(f, "jurisdiction"), path, text(f, "ownership")));
        }
        return List.copyOf(findings);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
