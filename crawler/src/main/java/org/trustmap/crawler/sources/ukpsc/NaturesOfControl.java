package org.trustmap.crawler.sources.ukpsc;

import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The strongest control a PSC's {@code natures_of_control} state, as a Trustmap controlKind and share. Companies
 * House states bands, not shares: {@code ownership-of-shares-25-to-50-percent} is at least 25 %, so the share is the
 * band's lower bound and the kind says so ({@code SHAREHOLDING_BAND}, {@code VOTING_RIGHTS_BAND}). Order of strength:
 * shares (or an LLP's surplus assets), votes, the right to appoint or remove the board, significant influence.
 *
 * @param kind  controlKind
 * @param share lower bound of the band in percent, or null
 */
record NaturesOfControl(String kind, BigDecimal share) {
    private static final Pattern BAND = Pattern.compile(
            "^(ownership-of-shares|voting-rights|right-to-share-surplus-assets)-(\\d+)-to-(\\d+)-percent.*");
    private static final Pattern MORE_THAN = Pattern.compile(
            "^(ownership-of-shares|voting-rights|right-to-share-surplus-assets)-more-than-(\\d+)-percent.*");

    static NaturesOfControl of(List<String> natures) {
        BigDecimal shares = null;
        BigDecimal votes = null;
        boolean board = false;
        boolean influence = false;
        for (String nature : natures) {
            Matcher m = BAND.matcher(nature);
            Matcher more = MORE_THAN.matcher(nature);
            if (m.matches() || more.matches()) {
                String what = m.matches() ? m.group(1) : more.group(1);
                BigDecimal low = new BigDecimal(m.matches() ? m.group(2) : more.group(2));
                if (what.equals("voting-rights")) {
                    votes = max(votes, low);
                } else {
                    shares = max(shares, low);
                }
            } else if (nature.startsWith("right-to-appoint-and-remove-")) {
                board = true;
            } else if (nature.startsWith("significant-influence-or-control")) {
                influence = true;
            }
        }
        if (shares != null) {
            return new NaturesOfControl("SHAREHOLDING_BAND", shares);
        }
        if (votes != null) {
            return new NaturesOfControl("VOTING_RIGHTS_BAND", votes);
        }
        if (board) {
            return new NaturesOfControl("BOARD_APPOINTMENT", null);
        }
        if (influence) {
            return new NaturesOfControl("SIGNIFICANT_INFLUENCE", null);
        }
        throw new IllegalArgumentException("natures_of_control " + natures + " state no known control");
    }

    private static BigDecimal max(BigDecimal a, BigDecimal b) {
        return a == null || b.compareTo(a) > 0 ? b : a;
    }
}
