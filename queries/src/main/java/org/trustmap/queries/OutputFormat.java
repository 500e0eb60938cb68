package org.trustmap.queries;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How query results and exposure entries are written. */
public enum OutputFormat {
    TABLE, JSON, CSV;

    /**
     * The format with this name, in any case ({@code json}, {@code Json}, {@code JSON}).
     *
     * @throws IllegalArgumentException naming the value and the allowed ones
     */
    public static OutputFormat parse(String name) {
        if (name != null) {
            for (OutputFormat f : values()) {
                if (f.name().equalsIgnoreCase(name.trim())) {
                    return f;
                }
            }
        }
        throw new IllegalArgumentException("unknown format '" + name + "'; allowed: " + allowed());
    }

    /** The allowed names, lower case, comma-separated: {@code table, json, csv}. */
    public static String allowed() {
        return Arrays.stream(values()).map(f -> f.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
    }
}
