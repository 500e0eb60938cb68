package org.trustmap.crawler;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The stable product key used across sources and on the command line ({@code trustmap exposure --product ID}):
 * the CPE when there is one, else {@code vendor/model} (or {@code vendor/product name}) in lower case with runs of
 * other characters turned into '-'.
 */
public final class ProductIds {
    private ProductIds() {
    }

    public static String of(String vendor, String model, String productName, String cpe) {
        if (cpe != null && !cpe.isBlank()) {
            return cpe.strip().toLowerCase(Locale.ROOT);
        }
        String thing = model != null && !model.isBlank() ? model : productName;
        String v = slug(vendor);
        String t = slug(thing);
        if (v.isEmpty()) {
            return t;
        }
        return t.isEmpty() ? v : v + "/" + t;
    }

    static String slug(String s) {
        if (s == null) {
            return "";
        }
        String n = Normalizer.normalize(s, Normalizer.Form.NFKD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
        return n.replaceAll("[^\\p{L}\\p{N}]+", "-").replaceAll("^-+|-+$", "");
    }
}
