package org.trustmap.crawler;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Country text as sources write it, normalized to an ISO 3166-1 alpha-2 code: codes ({@code CN}, {@code chn},
 * {@code ru} as FollowTheMoney writes them, {@code us-de} subdivisions), English names and their common variants and
 * misspellings ({@code People'S Republic Of China}, {@code PRC}, {@code China (Mainland)}, {@code Hong Kong SAR},
 * {@code Hong Kong, China}, {@code Macau}), the UK's nations ({@code England & Wales} -> GB), US states and
 * "{@code state, country}" forms ({@code Minnesota, Usa} -> US), Chinese names ({@code 中华人民共和国}, {@code 香港},
 * {@code 澳門}, {@code 台湾}) and full-width forms. Text that names no single country ({@code eu}, {@code Unknown},
 * {@code Korea}) gives {@link Optional#empty()}: no guessing.
 *
 * <p>Hong Kong, Macao and Taiwan keep their own codes (HK, MO, TW) even when the text adds "China": whether they count
 * as a jurisdiction of concern is the profile's decision, not the normalizer's.</p>
 */
public final class Countries {
    private static final Set<String> ISO2 = Set.of(Locale.getISOCountries());
    private static final Map<String, String> ALPHA3 = new HashMap<>();
    private static final Map<String, String> NAMES = new HashMap<>();
    private static final Pattern ALPHA2 = Pattern.compile("^[A-Z]{2}$");
    private static final Pattern ALPHA3_CODE = Pattern.compile("^[A-Z]{3}$");
    private static final Pattern SUBDIVISION = Pattern.compile("^([A-Z]{2})-[A-Z0-9]{1,3}$");
    private static final Pattern PARENTHESIS = Pattern.compile("\\s*\\(([^)]*)\\)\\s*");

    static {
        for (String code : Locale.getISOCountries()) {
            Locale locale = new Locale("", code);
            ALPHA3.put(locale.getISO3Country(), code);
            NAMES.put(key(locale.getDisplayCountry(Locale.ENGLISH)), code);
        }
        // codes in use that are not ISO alpha-2
        alias("GB", "uk", "u k", "great britain", "britain", "united kingdom of great britain and northern ireland",
                "england", "wales", "scotland", "northern ireland", "england and wales", "england wales",
                "united kingdom england", "united kingdom england and wales", "united kingdom scotland",
                "united kingdom wales", "united kingdom northern ireland", "united kingdon", "unted kingdom",
                "englandwales", "great britain and northern ireland", "英国", "英國");
        alias("US", "usa", "u s a", "u s", "us", "united states of america", "america", "united states america",
                "untied states", "unites states", "united sates", "美国", "美國");
        alias("CN", "prc", "p r c", "p r china", "pr china", "peoples republic of china", "people republic of china",
                "peoples rep of china", "the peoples republic of china", "china peoples republic of",
                "china peoples republic", "china mainland", "mainland china", "chinese mainland", "china prc",
                "people s republic of china", "中国", "中國", "中华人民共和国", "中華人民共和國", "中国大陆", "中國大陸",
                "中国内地", "chine", "cina", "volksrepublik china");
        alias("HK", "hong kong", "hong kong sar", "hong kong s a r", "hongkong", "hong kong china", "hong kong sar china",
                "china hong kong", "china hong kong sar", "hksar", "hong kong special administrative region",
                "hong kong special administrative region of the peoples republic of china",
                "hong kong special administrative region of china", "香港", "中国香港", "中國香港", "香港特别行政区",
                "香港特別行政區", "中国香港特别行政区");
        alias("MO", "macao", "macau", "macao sar", "macau sar", "macao china", "macau china", "macao sar china",
                "china macao", "china macau", "macao special administrative region", "macau special administrative region",
                "macao special administrative region of the peoples republic of china", "澳门", "澳門", "中国澳门",
                "中國澳門", "澳门特别行政区", "澳門特別行政區");
        alias("TW", "taiwan", "taiwan roc", "taiwan r o c", "republic of china", "roc", "republic of china taiwan",
                "taiwan province of china", "taiwan republic of china", "chinese taipei", "台湾", "台灣", "中华民国",
                "中華民國", "中国台湾", "中國台灣");
        alias("KR", "south korea", "korea south", "korea republic of", "republic of korea", "korea rep", "韩国", "韓國");
        alias("KP", "north korea", "korea north", "korea democratic peoples republic of",
                "democratic peoples republic of korea", "dprk");
        alias("RU", "russian federation", "russia", "россия", "российская федерация");
        alias("IR", "iran islamic republic of", "islamic republic of iran");
        alias("SY", "syrian arab republic");
        alias("VN", "viet nam", "vietnam");
        alias("LA", "lao peoples democratic republic", "laos");
        alias("CZ", "czech republic", "czechia", "česko", "ceska republika", "česká republika");
        alias("NL", "the netherlands", "holland", "netherlands the");
        alias("AE", "uae", "u a e", "united arab emirates");
        alias("VG", "british virgin islands", "virgin islands british", "bvi", "b v i");
        alias("VI", "us virgin islands", "virgin islands u s", "virgin islands us");
        alias("KY", "cayman islands", "cayman");
        alias("BM", "bermuda");
        alias("MD", "moldova republic of", "republic of moldova");
        alias("TZ", "tanzania united republic of");
        alias("BO", "bolivia plurinational state of");
        alias("VE", "venezuela bolivarian republic of");
        alias("PS", "palestine state of", "palestinian territories", "palestinian territory occupied");
        alias("TR", "turkey", "turkiye", "türkiye");
        alias("CI", "ivory coast", "cote divoire", "côte d ivoire");
        alias("MK", "macedonia", "north macedonia", "republic of north macedonia");
        alias("SG", "新加坡");
        alias("JP", "日本");
        alias("DE", "德国", "德國", "deutschland");
        alias("XK", "kosovo", "xk");
        for (String state : new String[] {"alabama", "alaska", "arizona", "arkansas", "california", "colorado",
                "connecticut", "delaware", "district of columbia", "florida", "hawaii", "idaho",
                "illinois", "indiana", "iowa", "kansas", "kentucky", "louisiana", "maine", "maryland", "massachusetts",
                "michigan", "minnesota", "mississippi", "missouri", "montana", "nebraska", "nevada", "new hampshire",
                "new jersey", "new mexico", "new york", "north carolina", "north dakota", "ohio", "oklahoma", "oregon",
                "pennsylvania", "rhode island", "south carolina", "south dakota", "tennessee", "texas", "utah",
                "vermont", "virginia", "washington", "west virginia", "wisconsin", "wyoming"}) {
            alias("US", state);
        }
    }

    private Countries() {
    }

    /** The ISO 3166-1 alpha-2 code the text names, or empty when it names none or several. */
    public static Optional<String> code(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = Normalizer.normalize(text, Normalizer.Form.NFKC).strip();
        if (t.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> found = whole(t);
        if (found.isPresent()) {
            return found;
        }
        // "China (Mainland)", "United Kingdom (England)": the text outside the parentheses, then inside
        if (PARENTHESIS.matcher(t).find()) {
            String outside = PARENTHESIS.matcher(t).replaceAll(" ").strip();
            found = whole(outside);
            if (found.isPresent()) {
                return found;
            }
        }
        // "Minnesota, Usa", "Delaware, USA", "Kowloon, Hong Kong": the last part that names a country
        String[] parts = t.split("[,;/]");
        if (parts.length > 1) {
            for (int i = parts.length - 1; i >= 0; i--) {
                found = whole(parts[i].strip());
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> whole(String t) {
        if (t.isEmpty()) {
            return Optional.empty();
        }
        String upper = t.toUpperCase(Locale.ROOT).replace(".", "").strip();
        if (ALPHA2.matcher(upper).matches()) {
            if (upper.equals("UK")) {
                return Optional.of("GB");
            }
            if (upper.equals("XK")) {
                return Optional.of("XK");
            }
            return ISO2.contains(upper) ? Optional.of(upper) : Optional.empty();
        }
        if (ALPHA3_CODE.matcher(upper).matches() && ALPHA3.containsKey(upper)) {
            return Optional.of(ALPHA3.get(upper));
        }
        var sub = SUBDIVISION.matcher(upper);
        if (sub.matches() && ISO2.contains(sub.group(1))) {
            return Optional.of(sub.group(1));
        }
        return Optional.ofNullable(NAMES.get(key(t)));
    }

    private static void alias(String code, String... names) {
        for (String name : names) {
            NAMES.put(key(name), code);
        }
    }

    /** Lower case, accents kept for CJK, apostrophes dropped ("People's" = "Peoples"), '&' = "and", no punctuation. */
    static String key(String text) {
        String k = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT)
                .replaceAll("['’`]", "").replace("&", " and ");
        k = k.replaceAll("[\\p{Punct}\\s]+", " ").strip();
        if (k.startsWith("the ")) {
            k = k.substring(4);
        }
        return k;
    }
}
