package org.trustmap.queries;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How a {@link SectorReport} is written: a self-contained HTML page for people, JSON and CSV for tools. */
public enum ReportFormat {
    HTML, JSON, CSV;

    /**
     * The format with this name, in any case.
     *
     * @throws IllegalArgumentException naming the value and the allowed ones
     */
    public static ReportFormat parse(String name) {
        if (name != null) {
            for (ReportFormat f : values()) {
                if (f.name().equalsIgnoreCase(name.trim())) {
                    return f;
                }
            }
        }
        throw new IllegalArgumentException("unknown report format '" + name + "'; allowed: "
                + Arrays.stream(values()).map(f -> f.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
    }

    /** The usual file name extension: {@code html}, {@code json}, {@code csv}. */
    public String extension() {
        return name().toLowerCase(Locale.ROOT);
    }
}
