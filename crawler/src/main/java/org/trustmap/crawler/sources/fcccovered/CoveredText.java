package org.trustmap.crawler.sources.fcccovered;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reading the Covered List's free text: dates, entity names (CSV form), subsidiaries and categories. */
final class CoveredText {
    private static final Pattern DATE = Pattern.compile(
            "(January|February|March|April|May|June|July|August|September|October|November|December)\\s+\\d{1,2},\\s*\\d{4}");
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("MMMM d, uuuu", Locale.ENGLISH);
    /** "produced by X, including", "provided by X subject to", "supplied, directly or indirectly, by X or any of its". */
    private static final Pattern ENTITY = Pattern.compile(
            "(?:produced|provided|supplied, directly or indirectly,) by (.+?)(?=, including|, to the extent| or any of its"
                    + "| subject to|, subject to| and its wholly-owned subsidiary|\\.?$)");
    private static final Pattern SUBSIDIARY = Pattern.compile(
            "and its wholly-owned subsidiary (.+?)(?= subject to|, subject to|, including|\\.?$)");
    static final String SUBSIDIARY_WORDS = "wholly-owned subsidiary";

    private CoveredText() {
    }

    /** The first date in the text (the date of inclusion; "Updated:" dates follow it). */
    static Optional<LocalDate> firstDate(String text) {
        Matcher m = DATE.matcher(text);
        if (!m.find()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(m.group().replaceAll("\\s+", " ").replace(", ", ", "), FORMAT));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Entities named in the plain text of a row (the CSV mirror has no markup): the producer, then a subsidiary. */
    static List<String> entities(String text) {
        List<String> names = new ArrayList<>();
        Matcher m = ENTITY.matcher(text.strip());
        if (m.find()) {
            names.add(m.group(1).strip());
            subsidiary(text).ifPresent(names::add);
        }
        return names;
    }

    static Optional<String> subsidiary(String text) {
        Matcher m = SUBSIDIARY.matcher(text.strip());
        return m.find() ? Optional.of(m.group(1).strip()) : Optional.empty();
    }

    /** The category flag of a row naming no entity. */
    static String category(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        if (t.contains("uncrewed aircraft") || t.contains("unmanned aircraft")) {
            return "US_FCC_COVERED_CATEGORY_UAS";
        }
        if (t.startsWith("routers") || t.contains("foreign-produced routers")) {
            return "US_FCC_COVERED_CATEGORY_ROUTERS";
        }
        if (t.contains("power inverters")) {
            return "US_FCC_COVERED_CATEGORY_POWER_INVERTERS";
        }
        if (t.contains("robotic devices")) {
            return "US_FCC_COVERED_CATEGORY_ROBOTIC_DEVICES";
        }
        return "US_FCC_COVERED_CATEGORY";
    }
}
