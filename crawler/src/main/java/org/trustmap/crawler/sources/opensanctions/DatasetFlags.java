package org.trustmap.crawler.sources.opensanctions;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * OpenSanctions dataset names as Trustmap flag ids. The lists Trustmap profiles name get their Trustmap ids; any
 * other dataset its name upper-cased ({@code ua_nsdc_sanctions} -> {@code UA_NSDC_SANCTIONS}). Enrichment and
 * annotation datasets ({@code ext_*} such as the Russian company register {@code ext_ru_egrul}, {@code ann_*},
 * {@code permid}, {@code wikidata}, {@code gleif}, {@code openownership}) are sources of facts, not lists, and give no
 * flag.
 */
final class DatasetFlags {
    private static final Map<String, String> KNOWN = Map.of(
            "us_dod_chinese_milcorps", "US_DOD_1260H",
            "us_fcc_covered_list", "US_FCC_COVERED",
            "us_trade_csl", "US_TRADE_CSL",
            "us_ofac_sdn", "US_OFAC_SDN",
            "us_ofac_cons", "US_OFAC_CONS",
            "us_bis_entity_list", "US_BIS_ENTITY_LIST",
            "us_bis_meu", "US_BIS_MEU",
            "us_ns_cmic", "US_TREASURY_NS_CMIC");

    private static final java.util.Set<String> NOT_LISTS = java.util.Set.of("permid", "wikidata", "gleif", "openownership");

    private DatasetFlags() {
    }

    static Optional<String> flag(String dataset) {
        if (dataset == null || dataset.isBlank() || dataset.startsWith("ext_") || dataset.startsWith("ann_")
                || NOT_LISTS.contains(dataset.strip())) {
            return Optional.empty();
        }
        String d = dataset.strip();
        String known = KNOWN.get(d);
        if (known != null) {
            return Optional.of(known);
        }
        String id = d.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_]", "_");
        return id.isEmpty() ? Optional.empty() : Optional.of(id);
    }
}
