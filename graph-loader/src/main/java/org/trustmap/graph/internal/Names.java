package org.trustmap.graph.internal;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.commons.text.similarity.JaroWinklerSimilarity;

/**
 * Normalizes organization names for matching: NFKC (full-width forms), case, punctuation, and legal forms in several
 * languages ("Co., Ltd.", "Limited", "有限公司", "s.r.o.", "GmbH" ...). Names that normalize to nothing or to one
 * generic word are not matchable. {@link #similarity} scores two names that are not equal after normalization.
 */
public final class Names {
    private static final List<String> CJK_FORMS = List.of("股份有限公司", "有限责任公司", "有限公司", "集团", "公司");
    private static final Set<String> LEGAL_FORMS = Set.of("co", "ltd", "limited", "inc", "incorporated", "llc", "corp",
            "corporation", "company", "plc", "gmbh", "ag", "sa", "sas", "sarl", "bv", "nv", "spa", "srl", "sro", "as",
            "kg", "oy", "ab", "pte", "pty", "lp", "llp", "the", "jsc", "pjsc", "ooo", "kk", "se");
    private static final Set<String> GENERIC = Set.of("technology", "technologies", "group", "holding", "holdings",
            "international", "electronics", "electronic", "systems", "system", "global", "industries", "industry",
            "industrial", "trading", "services", "solutions", "digital", "communication", "communications", "network",
            "networks", "software", "products", "manufacturing", "engineering", "development", "investment",
            "enterprise", "enterprises", "information", "science", "precision", "equipment", "device", "devices",
            "and", "of", "branch");
    /** Abbreviations registries write for the words above ("Hon Hai Precision Ind. Co.,Ltd."). */
    private static final Map<String, String> ABBREVIATIONS = Map.ofEntries(Map.entry("ind", "industry"),
            Map.entry("inds", "industries"), Map.entry("intl", "international"), Map.entry("int'l", "international"),
            Map.entry("tech", "technology"), Map.entry("techn", "technology"), Map.entry("elec", "electronics"),
            Map.entry("elect", "electronics"), Map.entry("mfg", "manufacturing"), Map.entry("sys", "systems"),
            Map.entry("comm", "communication"), Map.entry("comms", "communications"), Map.entry("grp", "group"),
            Map.entry("hldgs", "holdings"), Map.entry("hldg", "holding"), Map.entry("eng", "engineering"),
            Map.entry("dev", "development"), Map.entry("svcs", "services"), Map.entry("sci", "science"),
            Map.entry("equip", "equipment"), Map.entry("natl", "national"), Map.entry("mfr", "manufacturing"));
    /**
     * Words shorter than this must be equal to align; longer ones may differ by a typo. Seven keeps real look-alikes
     * of the IEEE registry apart ("NISSEI" / "NISSIN" / "NISSHIN ELECTRIC", "CONVEX" / "Convey Computer").
     */
    private static final int MIN_FUZZY_WORD = 7;
    /** German transliteration, so that "Hausgeräte" and "Hausgeraete" are one word (NFKD alone would give "hausgerate"). */
    private static final Map<String, String> TRANSLITERATION = Map.of("ä", "ae", "ö", "oe", "ü", "ue", "Ä", "Ae",
            "Ö", "Oe", "Ü", "Ue", "ß", "ss");
    private static final JaroWinklerSimilarity JARO_WINKLER = new JaroWinklerSimilarity();
    // compiled once: resolution normalizes every name of every record several times
    private static final Pattern MARKS = Pattern.compile("\\p{M}");
    private static final Pattern PUNCTUATION_OR_SPACE = Pattern.compile("[\\p{Punct}\\s]+");
    private static final Pattern NOT_LETTER_OR_DIGIT = Pattern.compile("[^\\p{L}\\p{N}]");

    private Names() {
    }

    public static String normalize(String name) {
        if (name == null) {
            return "";
        }
        String n = Normalizer.normalize(name, Normalizer.Form.NFKC);
        for (String form : CJK_FORMS) {
            if (n.endsWith(form) && n.length() > form.length()) {
                n = n.substring(0, n.length() - form.length());
            }
        }
        n = MARKS.matcher(Normalizer.normalize(n, Normalizer.Form.NFKD)).replaceAll("").toLowerCase(Locale.ROOT);
        n = n.replace("s.r.o.", " sro ").replace("a.s.", " as ").replace("&", " and ");
        n = PUNCTUATION_OR_SPACE.matcher(n).replaceAll(" ").strip();
        List<String> words = Arrays.stream(n.split(" ")).filter(w -> !w.isEmpty()).collect(Collectors.toList());
        while (words.size() > 1 && LEGAL_FORMS.contains(words.get(words.size() - 1))) {
            words.remove(words.size() - 1);
        }
        while (words.size() > 1 && words.get(0).equals("the")) {
            words.remove(0);
        }
        return String.join(" ", words);
    }

    /** True when a normalized name is specific enough to merge records on (not empty, not one generic word, not initials). */
    public static boolean matchable(String normalized) {
        if (normalized.isEmpty()) {
            return false;
        }
        String[] words = normalized.split(" ");
        if (words.length == 1) {
            String w = words[0];
            return !GENERIC.contains(w) && !LEGAL_FORMS.contains(w) && (w.length() >= 3 || !w.chars().allMatch(c -> c >= 'a' && c <= 'z'));
        }
        return !Arrays.stream(words).allMatch(w -> GENERIC.contains(w) || LEGAL_FORMS.contains(w) || w.length() == 1);
    }

    /**
     * The words a name is compared on: German umlauts transliterated, normalized, legal forms dropped wherever
     * they stand ("Tenda Technology Co.,Ltd.Dongguan branch"), abbreviations written out ("Ind." as "industry").
     */
    public static List<String> words(String name) {
        List<String> out = new ArrayList<>();
        String n = name == null ? "" : Normalizer.normalize(name, Normalizer.Form.NFC);
        for (Map.Entry<String, String> t : TRANSLITERATION.entrySet()) {
            n = n.replace(t.getKey(), t.getValue());
        }
        for (String w : normalize(n).split(" ")) {
            if (!w.isEmpty() && !LEGAL_FORMS.contains(w)) {
                out.add(ABBREVIATIONS.getOrDefault(w, w));
            }
        }
        return out;
    }

    /**
     * True when a name may take part in a scored match: at least two distinctive words (not generic, not a legal
     * form, three characters or more, not a number). One-word names ("Hikvision", "TP-Link"), initials ("ABB",
     * "A.B.C.") and names whose rest is generic ("D-Link International") only ever match exactly.
     */
    public static boolean scorable(List<String> words) {
        return words.stream().filter(w -> w.length() >= 3 && !GENERIC.contains(w) && !allDigits(w)).count() >= 2;
    }

    /**
     * Scores two names from 0 to 1, or empty when either name is not {@link #scorable}. Every word of each name
     * must find its partner in the other: the same word (after abbreviations), or, for words of seven characters
     * or more, a similar one by Jaro-Winkler. The score is the weakest partner's, so an extra or different word — a
     * generic one included ("TP-Link Technologies" vs "TP-Link Systems", "Huawei Technologies" vs "Huawei Device")
     * — pulls the score down to that word's similarity and no shared generic word can carry a match. Names equal
     * when their spaces are ignored ("TPLINK" / "TP LINK") score 1.
     */
    public static OptionalDouble similarity(String a, String b) {
        List<String> wa = words(a);
        List<String> wb = words(b);
        if (!scorable(wa) || !scorable(wb)) {
            return OptionalDouble.empty();
        }
        if (String.join("", wa).equals(String.join("", wb))) {
            return OptionalDouble.of(1.0);
        }
        return OptionalDouble.of(Math.min(weakest(wa, wb), weakest(wb, wa)));
    }

    private static double weakest(List<String> from, List<String> to) {
        double weakest = 1.0;
        for (String w : from) {
            double best = 0;
            for (String u : to) {
                best = Math.max(best, wordSimilarity(w, u));
            }
            weakest = Math.min(weakest, best);
        }
        return weakest;
    }

    private static double wordSimilarity(String w, String u) {
        if (w.equals(u)) {
            return 1.0;
        }
        if (w.length() < MIN_FUZZY_WORD || u.length() < MIN_FUZZY_WORD || hasDigit(w) || hasDigit(u)) {
            return 0;
        }
        return JARO_WINKLER.apply(w, u);
    }

    /**
     * A brand as products are matched on: the name's words without legal forms and generic words, joined ("TP-LINK
     * TECHNOLOGIES CO.,LTD." and "TP-Link" give "tplink", "ROSEWILL INC." gives "rosewill"); empty when nothing is left.
     */
    public static String brandKey(String vendor) {
        StringBuilder b = new StringBuilder();
        for (String w : words(vendor)) {
            if (!GENERIC.contains(w)) {
                b.append(w);
            }
        }
        return b.toString();
    }

    /**
     * A model number as products are matched on: letters and digits only, lower case ("RNX AC750RT" and
     * "RNX-AC750RT" give "rnxac750rt"); empty unless it has a digit and three characters or more, so that a model
     * written as a word ("Router") never matches.
     */
    public static String modelKey(String model) {
        if (model == null) {
            return "";
        }
        String m = NOT_LETTER_OR_DIGIT.matcher(Normalizer.normalize(model, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT))
                .replaceAll("");
        return m.length() >= 3 && hasDigit(m) ? m : "";
    }

    /** As {@code s.matches(".*\\d.*")} ({@code \\d} is ASCII 0-9), without a regex. */
    private static boolean hasDigit(String s) {
        return s.chars().anyMatch(c -> c >= '0' && c <= '9');
    }

    /** As {@code s.matches("\\d+")}, without a regex. */
    private static boolean allDigits(String s) {
        return !s.isEmpty() && s.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
