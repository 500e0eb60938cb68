package org.trustmap.crawler.sources.ieeeoui;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The country of an IEEE registry address. The registry writes {@code street city state COUNTRY postcode} with the
 * country as an ISO 3166-1 alpha-2 code ({@code No.555 Qianmo Road Hangzhou Zhejiang CN 310052},
 * {@code 800 Macarthur Blvd. Mahwah NJ US 07430}); old entries put words after the code ({@code UNITED GB KINGDOM},
 * {@code TAIWAN TW R.O.C.}). The rule: the right-most ISO code among the last five tokens with at most three tokens
 * after it, except that a code ending the address right after a postcode that follows another code is a postcode
 * letter pair ({@code Wateringen Zuid Holland NL 2291 NR} is NL, not Nauru). The code is taken as the registry
 * states it, even where the rest of the address disagrees. Addresses without a code ({@code 7280 RIVER ROAD CANADA
 * V6X 1X5}, the empty address of a private assignment) give none: no guessing from country names here.
 */
final class OuiAddress {
    private static final Set<String> ISO = Set.of(Locale.getISOCountries());
    private static final Pattern CODE = Pattern.compile("^[A-Z]{2}$");
    private static final Pattern DIGIT = Pattern.compile(".*[0-9].*");

    private OuiAddress() {
    }

    static Optional<String> country(String address) {
        if (address == null || address.isBlank()) {
            return Optional.empty();
        }
        String[] t = address.strip().split("\\s+");
        int n = t.length;
        List<Integer> codes = new ArrayList<>();
        for (int i = Math.max(0, n - 5); i < n; i++) {
            if (n - 1 - i <= 3 && CODE.matcher(t[i]).matches() && ISO.contains(t[i])) {
                codes.add(i);
            }
        }
        if (codes.isEmpty()) {
            return Optional.empty();
        }
        int last = codes.get(codes.size() - 1);
        if (last == n - 1 && codes.size() > 1 && codes.get(codes.size() - 2) == n - 3
                && DIGIT.matcher(t[n - 2]).matches()) {
            last = n - 3;
        }
        return Optional.of(t[last]);
    }
}
