package org.trustmap.crawler;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * FCC IDs and grantee codes. An FCC ID is the grantee code (3 characters, or 5 when it starts with '2', the codes
 * issued since 2009) followed by the product code (1 to 14 characters, letters, digits and '-').
 */
public final class FccIds {
    private static final Pattern FCC_ID = Pattern.compile("^([A-Z0-9]{3}|2[A-Z0-9]{4})[A-Z0-9-]{1,14}$");

    private FccIds() {
    }

    /** The FCC ID in upper case without spaces, if it has the FCC ID form. */
    public static Optional<String> normalize(String fccId) {
        if (fccId == null) {
            return Optional.empty();
        }
        String id = fccId.replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
        return FCC_ID.matcher(id).matches() ? Optional.of(id) : Optional.empty();
    }

    /** The grantee code of an FCC ID: its first 5 characters when it starts with '2', else its first 3. */
    public static Optional<String> granteeCode(String fccId) {
        return normalize(fccId).map(id -> id.startsWith("2") ? id.substring(0, 5) : id.substring(0, 3));
    }
}
