package org.trustmap.crawler;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** IEEE MA-L assignments (OUIs): the first 24 bits of a MAC address, written as six upper-case hex digits. */
public final class Ouis {
    private static final Pattern HEX = Pattern.compile("^[0-9A-F]{6,12}$");

    private Ouis() {
    }

    /**
     * The OUI of a MAC address or prefix in any usual notation ({@code 44:47:CC}, {@code 44-47-cc-01-02-03},
     * {@code 4447.cc01.0203}, {@code 4447CC}).
     */
    public static Optional<String> of(String macOrPrefix) {
        if (macOrPrefix == null) {
            return Optional.empty();
        }
        String hex = macOrPrefix.strip().replaceAll("[:.\\-\\s]", "").toUpperCase(Locale.ROOT);
        return HEX.matcher(hex).matches() && hex.length() % 2 == 0 ? Optional.of(hex.substring(0, 6)) : Optional.empty();
    }

    /** The colon notation of an OUI or MAC prefix, {@code 44:47:CC}, as inventories write it in {@code tm:mac}. */
    public static Optional<String> colon(String macOrPrefix) {
        return of(macOrPrefix).map(h -> h.substring(0, 2) + ":" + h.substring(2, 4) + ":" + h.substring(4, 6));
    }
}
