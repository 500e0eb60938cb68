package org.trustmap.crawler.sources.gleif;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.jena.graph.Node;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads a GLEIF API v1 response (JSON:API). An API page holds at most a few hundred items, so it is read whole.
 * A {@code .../lei-records/{LEI}/direct-parent} or {@code /ultimate-parent} response also states the link from
 * that LEI to the returned parent.
 */
final class GleifJsonReader {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PARENT_URI =
            Pattern.compile(".*/lei-records/([A-Za-z0-9]{20})/(direct|ultimate)-parent/?(?:[?#].*)?");

    private static final Pattern SEARCH_URI = Pattern.compile(".*/lei-records/?\\?([^#]*)(?:#.*)?");

    private GleifJsonReader() {
    }

    static void read(InputStream in, GleifStager stager) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(in);
        } catch (JsonProcessingException e) {
            throw GleifParser.unreadable(stager.context(), "not JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject() || !root.has("data")) {
            throw GleifParser.unreadable(stager.context(), "not a GLEIF API document: no top-level 'data'"
                    + errorTitle(root), null);
        }
        if (isSearch(stager.context().capture().targetUri())) {
            // a search answer is the crawl's evidence of how an LEI was found; the record found is looked up and
            // staged by its LEI, the namesakes around it are not
            return;
        }
        try {
            stager.documentDate(GleifValues.date(JsonMappers.text(root.path("meta").path("goldenCopy")
                    .path("publishDate")), "goldenCopy publishDate"));
        } catch (BadRecord e) {
            stager.reject("meta", e.getMessage());
        }
        JsonNode data = root.get("data");
        List<JsonNode> items = data.isArray() ? toList(data) : data.isNull() ? List.of() : List.of(data);
        Optional<Matcher> parentOf = Optional.of(PARENT_URI.matcher(stager.context().capture().targetUri()))
                .filter(Matcher::matches);
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            String location = "record " + (i + 1);
            if (parentOf.isPresent() && "lei-records".equals(JsonMappers.text(item.path("type")))) {
                Matcher m = parentOf.get();
                stager.attempt(location, () -> parent(item, m.group(1), m.group(2), stager));
            } else {
                stager.stage(location, () -> map(item));
            }
        }
    }

    /**
     * A {@code lei-records} search: a list filtered on anything but {@code filter[lei]}
     * ({@code filter[entity.legalName]}, {@code filter[fulltext]} ...).
     */
    static boolean isSearch(String uri) {
        Matcher m = SEARCH_URI.matcher(uri);
        if (!m.matches() || m.group(1) == null) {
            return false;
        }
        for (String param : m.group(1).split("&")) {
            String key = java.net.URLDecoder.decode(param.split("=", 2)[0], java.nio.charset.StandardCharsets.UTF_8);
            if (key.startsWith("filter[") && !key.equals("filter[lei]")) {
                return true;
            }
        }
        return false;
    }

    private static GleifRecord map(JsonNode item) {
        String type = JsonMappers.text(item.path("type"));
        JsonNode attributes = item.path("attributes");
        if ("lei-records".equals(type)) {
            return JsonMappers.lei(attributes);
        } else if ("relationship-records".equals(type)) {
            return JsonMappers.relationship(attributes);
        } else if ("reporting-exceptions".equals(type)) {
            return JsonMappers.exception(attributes);
        }
        throw new BadRecord("JSON:API type '" + type + "' is not a GLEIF record type this parser reads");
    }

    /** The parent's LEI record, the child's stub and the CONTROLLED_BY link between them. */
    private static void parent(JsonNode item, String childLei, String level, GleifStager stager) {
        GleifRecord.Lei parent = JsonMappers.lei(item.path("attributes"));
        String child = GleifValues.lei(childLei.toUpperCase(Locale.ROOT), "LEI in the request URI");
        Node parentRecord = stager.lei(parent);
        String type = "direct".equals(level) ? GleifStager.DIRECT : GleifStager.ULTIMATE;
        LocalDate date = stager.documentDate();
        stager.relationship(new GleifRecord.Relationship(child, "LEI", parent.lei().strip(), "LEI", type, null, null,
                null, null, date == null ? null : date.toString()), stager.context().capture().targetUri(),
                parentRecord);
    }

    private static List<JsonNode> toList(JsonNode array) {
        List<JsonNode> list = new ArrayList<>();
        array.forEach(list::add);
        return list;
    }

    private static String errorTitle(JsonNode root) {
        if (root != null && root.path("errors").isArray() && !root.path("errors").isEmpty()) {
            return " (errors: " + JsonMappers.text(root.path("errors").get(0).path("title")) + ")";
        }
        return "";
    }
}
