package org.trustmap.crawler.sources.gleif;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/** Checks and conversions shared by every GLEIF format. Each failure is a {@link BadRecord}. */
final class GleifValues {
    private static final Pattern LEI = Pattern.compile("[A-Z0-9]{18}[0-9]{2}");
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");

    private GleifValues() {
    }

    static String gleifUrl(String lei) {
        return "https://search.gleif.org/#/record/" + lei;
    }

    static boolean isHttpUrl(String value) {
        return value != null && (value.startsWith("https://") || value.startsWith("http://"));
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** Requires an ISO 17442 LEI: 18 alphanumerics, 2 check digits, ISO 7064 MOD 97-10 remainder 1. */
    static String lei(String value, String what) {
        String v = blankToNull(value);
        if (v == null) {
            throw new BadRecord("no " + what);
        }
        if (!LEI.matcher(v).matches() || !checksumOk(v)) {
            throw new BadRecord(what + " '" + v + "' is not a valid LEI");
        }
        return v;
    }

    private static boolean checksumOk(String lei) {
        int remainder = 0;
        for (int i = 0; i < lei.length(); i++) {
            int digit = Character.digit(lei.charAt(i), 36);
            remainder = digit < 10 ? (remainder * 10 + digit) % 97 : (remainder * 100 + digit) % 97;
        }
        return remainder == 1;
    }

    /** An ISO 3166-1 alpha-2 code or null when absent. */
    static String country(String value, String what) {
        String v = blankToNull(value);
        if (v != null && !COUNTRY.matcher(v).matches()) {
            throw new BadRecord(what + " '" + v + "' is not an ISO 3166-1 alpha-2 code");
        }
        return v;
    }

    /** The date part of an ISO date or date-time ({@code 2023-05-18T15:41:20.212Z} -> 2023-05-18), or null. */
    static LocalDate date(String value, String what) {
        String v = blankToNull(value);
        if (v == null) {
            return null;
        }
        try {
            return LocalDate.parse(v.length() > 10 ? v.substring(0, 10) : v);
        } catch (DateTimeParseException e) {
            throw new BadRecord(what + " '" + v + "' is not an ISO date");
        }
    }

    /** A percentage between 0 and 100, or null when absent. */
    static BigDecimal percent(String value) {
        String v = blankToNull(value);
        if (v == null) {
            return null;
        }
        BigDecimal share;
        try {
            share = new BigDecimal(v);
        } catch (NumberFormatException e) {
            throw new BadRecord("QuantifierAmount '" + v + "' is not a number");
        }
        if (share.signum() < 0 || share.compareTo(BigDecimal.valueOf(100)) > 0) {
            throw new BadRecord("QuantifierAmount " + v + " PERCENTAGE is outside 0..100");
        }
        return share;
    }
}
