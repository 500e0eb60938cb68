package org.trustmap.graph.internal;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Normalizes organization names for matching: NFKC (full-width forms), case, punctuation, and legal forms in several
 * languages ("Co., Ltd.", "Limited", "有限公司", "s.r.o.", "GmbH" ...). Names that normalize to nothing or to one
 * generic word are not matchable.
 */
public final class Names {
    private static final List<String> CJK_FORMS = List.of("股份有限公司", "有限责任公司", "有限公司", "集团", "公司");
    private static final Set<String> LEGAL_FORMS = Set.of("co", "ltd", "limited", "inc", "incorporated", "llc", "corp",
            "corporation", "company", "plc", "gmbh", "ag", "sa", "sas", "sarl", "bv", "nv", "spa", "srl", "sro", "as",
            "kg", "oy", "ab", "pte", "pty", "lp", "llp", "the", "jsc", "pjsc", "ooo", "kk", "se");
    private static final Set<String> GENERIC = Set.of("technology", "technologies", "group", "holding", "holdings",
            "international", "electronics", "systems", "global", "industries", "trading", "services", "solutions");

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
        n = Normalizer.normalize(n, Normalizer.Form.NFKD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
        n = n.replace("s.r.o.", " sro ").replace("a.s.", " as ").replace("&", " and ");
        n = n.replaceAll("[\\p{Punct}\\s]+", " ").strip();
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
            return !GENERIC.contains(w) && !LEGAL_FORMS.contains(w) && (w.length() >= 3 || !w.matches("[a-z]+"));
        }
        return !Arrays.stream(words).allMatch(w -> GENERIC.contains(w) || LEGAL_FORMS.contains(w) || w.length() == 1);
    }
}
