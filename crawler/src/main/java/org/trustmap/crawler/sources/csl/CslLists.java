package org.trustmap.crawler.sources.csl;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The flag id of a CSL {@code source} ("Entity List (EL) - Bureau of Industry and Security"), from the abbreviation
 * in parentheses. Lists not in the table get {@code US_CSL_<ABBREVIATION>}.
 */
final class CslLists {
    private static final Pattern ABBREVIATION = Pattern.compile("\\(([^)]+)\\)");
    private static final Map<String, String> FLAGS = Map.ofEntries(
            Map.entry("EL", "US_BIS_ENTITY_LIST"),
            Map.entry("MEU", "US_BIS_MEU"),
            Map.entry("UVL", "US_BIS_UVL"),
            Map.entry("DPL", "US_BIS_DPL"),
            Map.entry("CMIC", "US_TREASURY_NS_CMIC"),
            Map.entry("NS-CMIC", "US_TREASURY_NS_CMIC"),
            Map.entry("SDN", "US_TREASURY_SDN"),
            Map.entry("SSI", "US_TREASURY_SSI"),
            Map.entry("FSE", "US_TREASURY_FSE"),
            Map.entry("CAP", "US_TREASURY_CAPTA"),
            Map.entry("PLC", "US_TREASURY_NS_PLC"),
            Map.entry("NS-MBS LIST", "US_TREASURY_NS_MBS"),
            Map.entry("MBS", "US_TREASURY_NS_MBS"),
            Map.entry("ISN", "US_STATE_ISN"),
            Map.entry("DTC", "US_STATE_ITAR_DEBARRED"));

    private CslLists() {
    }

    static Optional<String> flag(String source) {
        if (source == null) {
            return Optional.empty();
        }
        Matcher m = ABBREVIATION.matcher(source);
        if (!m.find()) {
            return Optional.empty();
        }
        String abbr = m.group(1).strip().toUpperCase(Locale.ROOT);
        String flag = FLAGS.get(abbr);
        return Optional.of(flag != null ? flag : "US_CSL_" + abbr.replaceAll("[^A-Z0-9]+", "_").replaceAll("^_|_$", ""));
    }
}
