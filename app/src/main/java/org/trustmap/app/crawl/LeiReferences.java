package org.trustmap.app.crawl;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The LEIs a curated-facts CSV names as {@code lei:<LEI>} references (subjects or objects), which a targeted GLEIF
 * crawl looks up. Comment lines ({@code #}) are skipped; anything else that reads {@code lei:} followed by 20
 * letters and digits counts.
 */
public final class LeiReferences {
    private static final Pattern LEI_REF = Pattern.compile("(?i)(?<![A-Za-z0-9])lei:([A-Z0-9]{20})(?![A-Za-z0-9])");

    private LeiReferences() {
    }

    /** The LEIs referenced in these files, upper case, sorted. */
    public static SortedSet<String> in(Iterable<Path> files) throws IOException {
        SortedSet<String> leis = new TreeSet<>();
        for (Path file : files) {
            // a malformed byte is replaced, not fatal: the curated parser reports bad rows with their line
            try (BufferedReader r = new BufferedReader(new InputStreamReader(Files.newInputStream(file),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.stripLeading().startsWith("#")) {
                        continue;
                    }
                    Matcher m = LEI_REF.matcher(line);
                    while (m.find()) {
                        leis.add(m.group(1).toUpperCase(Locale.ROOT));
                    }
                }
            }
        }
        return leis;
    }
}
