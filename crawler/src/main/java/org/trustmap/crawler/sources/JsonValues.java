package org.trustmap.crawler.sources;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

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
}
