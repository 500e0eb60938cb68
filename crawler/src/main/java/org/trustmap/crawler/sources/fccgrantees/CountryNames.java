package org.trustmap.crawler.sources.fccgrantees;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * ISO 3166-1 alpha-2 code of a country name as the FCC writes it ("China", "Malaysia", "Taiwan", "Korea, Republic
 * of", "Hong Kong"): the JDK's English country names plus the FCC's spellings. Replace by the shared
 * {@code org.trustmap.crawler.Countries} once it exists.
 */
final class CountryNames {
    private static final Map<String, String> CODES = new HashMap<>();

    static {
        for (String code : Locale.getISOCountries()) {
            CODES.put(key(new Locale("", code).getDisplayCountry(Locale.ENGLISH)), code);
            CODES.put(key(code), code);
        }
        Map.of("hong kong", "HK", "macau", "MO", "macao", "MO", "korea", "KR", "korea republic of", "KR",
                "republic of korea", "KR", "usa", "US", "united states of america", "US", "peoples republic of china", "CN")
                .forEach(CODES::put);
        CODES.put("taiwan republic of china", "TW");
        CODES.put("uk", "GB");
        CODES.put("viet nam", "VN");
    }

    private CountryNames() {
    }

    static Optional<String> code(String name) {
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        return Optional.ofNullable(CODES.get(key(name)));
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z]+", " ").strip();
    }
}
