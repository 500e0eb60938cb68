package org.trustmap.app.crawl;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The {@code lookups} templates of the {@code gleif} source, by what each one asks the API for.
 *
 * @param records   the record look-up, {@code lei-records?filter[lei]={leis}&page[size]=200}: {@code {leis}} (or
 *                  {@code {lei}}) stands for up to 200 comma-separated LEIs
 * @param search    the name search, with {@code {name}} and {@code {country}}, e.g.
 *                  {@code lei-records?filter[entity.legalName]={name}&filter[entity.legalAddress.country]={country}}
 * @param relatives the per-LEI look-ups upward: {@code lei-records/{lei}/(direct|ultimate)-parent-relationship},
 *                  {@code .../(direct|ultimate)-parent-reporting-exception} and {@code .../(direct|ultimate)-parent}
 *                  (the parent's record)
 * @param unknown   templates that are none of these (left out, with a warning)
 */
record GleifLookups(Optional<String> records, Optional<String> search, List<Relative> relatives,
                    List<String> unknown) {
    private static final Pattern RELATIVE =
            Pattern.compile("lei-records/\\{lei}/(direct|ultimate)-parent(-relationship|-reporting-exception)?/?");

    GleifLookups {
        relatives = List.copyOf(relatives);
        unknown = List.copyOf(unknown);
    }

    /** What a per-LEI look-up answers with, named by the link key a GLEIF record gives for it. */
    enum Kind {
        RELATIONSHIP("relationship-record"), PARENT_RECORD("lei-record"), EXCEPTION("reporting-exception");

        final String linkKey;

        Kind(String linkKey) {
            this.linkKey = linkKey;
        }
    }

    /** A per-LEI look-up: {@code level} is {@code direct} or {@code ultimate}. */
    record Relative(String template, String level, Kind kind) {
        /**
         * Whether a record's {@code relationships} say there is something to ask for: GLEIF links a record to its
         * {@code relationship-record} and {@code lei-record} when it reports a parent, to its
         * {@code reporting-exception} when it reports none. A record without the level's entry (or no record at
         * all: {@code null}) is asked anyway, a {@code 404} meaning none.
         */
        boolean linked(JsonNode relationships) {
            if (relationships == null) {
                return true;
            }
            JsonNode entry = relationships.path(level + "-parent");
            return entry.isMissingNode() || entry.path("links").has(kind.linkKey);
        }
    }

    static GleifLookups of(List<String> templates) {
        String records = null;
        String search = null;
        List<Relative> relatives = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String t : templates) {
            String path = t.split("\\?", 2)[0];
            Matcher m = RELATIVE.matcher(path);
            if (t.contains("{name}")) {
                search = search == null ? t : search;
            } else if (path.equals("lei-records") && t.contains("filter[lei]=")) {
                records = records == null ? t : records;
            } else if (m.matches()) {
                Kind kind = m.group(2) == null ? Kind.PARENT_RECORD
                        : m.group(2).equals("-relationship") ? Kind.RELATIONSHIP : Kind.EXCEPTION;
                relatives.add(new Relative(t, m.group(1), kind));
            } else {
                unknown.add(t);
            }
        }
        return new GleifLookups(Optional.ofNullable(records), Optional.ofNullable(search), relatives, unknown);
    }

    /** Whether a record names a parent on either level (it links a relationship record). */
    static boolean hasParent(JsonNode relationships) {
        return relationships != null && (relationships.path("direct-parent").path("links").has("relationship-record")
                || relationships.path("ultimate-parent").path("links").has("relationship-record"));
    }
}
