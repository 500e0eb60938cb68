package org.trustmap.crawler.sources;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import java.io.IOException;
import java.io.InputStream;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.trustmap.crawler.ParseContext;

/** Small readers of JSON values shared by the JSON sources (BODS, UK PSC, ARES, FollowTheMoney). */
public final class JsonValues {
    private JsonValues() {
    }

    /** A full date from the first ten characters ("2019-03-11T..." too); null when absent or not a full date. */
    public static LocalDate date(String text) {
        if (text == null || text.length() < 10) {
            return null;
        }
        try {
            return LocalDate.parse(text.substring(0, 10));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** A scalar's text, stripped; null for missing, blank or non-scalar nodes. */
    public static String text(JsonNode v) {
        return v == null || !v.isValueNode() || v.asText().isBlank() ? null : v.asText().strip();
    }

    /** The elements of an array node, or nothing. */
    public static Iterable<JsonNode> iterable(JsonNode array) {
        return array != null && array.isArray() ? array : List.of();
    }

    /** The non-blank scalar texts of an array node. */
    public static List<String> texts(JsonNode values) {
        List<String> out = new ArrayList<>();
        for (JsonNode v : iterable(values)) {
            String t = text(v);
            if (t != null) {
                out.add(t);
            }
        }
        return out;
    }

    /** Names where the n-th top-level value, starting on a line, is (e.g. {@code "line 12"}). */
    @FunctionalInterface
    public interface Locator {
        String where(int index, long line);
    }

    /** Takes one top-level object; an {@link IllegalArgumentException} rejects it at its location. */
    @FunctionalInterface
    public interface ObjectHandler {
        void accept(JsonNode object, String where, long line);
    }

    /**
     * Streams the top-level objects of a JSON-lines document or of one JSON array, one at a time: a value that is not
     * an object, or an object the handler rejects, is reported and the rest goes on; broken JSON stops the document
     * where it broke, keeping what came before.
     */
    public static void readObjects(InputStream body, ObjectMapper json, ParseContext context, Locator locator,
                                   ObjectHandler handler) throws IOException {
        try (JsonParser p = json.getFactory().createParser(body)) {
            JsonToken t;
            try {
                t = p.nextToken();
                if (t == JsonToken.START_ARRAY) {
                    t = p.nextToken();
                }
            } catch (JsonProcessingException e) {
                context.reject("line " + e.getLocation().getLineNr(), "not JSON: " + e.getOriginalMessage());
                return;
            }
            int n = 0;
            while (t != null && t != JsonToken.END_ARRAY) {
                n++;
                long line = p.currentTokenLocation().getLineNr();
                String where = locator.where(n, line);
                try {
                    if (t != JsonToken.START_OBJECT) {
                        context.reject(where, "is not a JSON object");
                        p.skipChildren();
                    } else {
                        handler.accept(json.readTree(p), where, line);
                    }
                    t = p.nextToken();
                } catch (JsonProcessingException e) {
                    context.reject(where, "not JSON, the rest of the document is not read: " + e.getOriginalMessage());
                    break;
                } catch (IllegalArgumentException e) {
                    context.reject(where, e.getMessage());
                    t = p.nextToken();
                }
            }
        }
    }
}
