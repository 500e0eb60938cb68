package org.trustmap.crawler;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.trustmap.crawler.sources.curated.CuratedFactsParser;
import org.trustmap.crawler.sources.gleif.GleifParser;
import org.trustmap.crawler.sources.inventory.InventoryParser;

/** The sources Trustmap knows, by id, with the parser each one uses. */
public final class SourceCatalog {
    public static final String GLEIF = "gleif";
    public static final String CURATED = "curated";
    public static final String INVENTORY = "inventory";

    private static final Map<String, Supplier<SourceParser>> PARSERS = new LinkedHashMap<>();

    static {
        PARSERS.put(GLEIF, GleifParser::new);
        PARSERS.put(CURATED, CuratedFactsParser::new);
        PARSERS.put(INVENTORY, InventoryParser::new);
        PARSERS.put("ieee-oui", org.trustmap.crawler.sources.ieeeoui.IeeeOuiParser::new);
        PARSERS.put("devicecode", org.trustmap.crawler.sources.devicecode.DeviceCodeParser::new);
        PARSERS.put("fcc-covered", org.trustmap.crawler.sources.fcccovered.FccCoveredParser::new);
        PARSERS.put("csl", org.trustmap.crawler.sources.csl.CslParser::new);
        PARSERS.put("fcc-grantees", org.trustmap.crawler.sources.fccgrantees.FccGranteesParser::new);
        PARSERS.put("opensanctions", org.trustmap.crawler.sources.opensanctions.OpenSanctionsParser::new);
        PARSERS.put("bods", org.trustmap.crawler.sources.bods.BodsParser::new);
        PARSERS.put("uk-psc", org.trustmap.crawler.sources.ukpsc.UkPscParser::new);
        PARSERS.put("ares", org.trustmap.crawler.sources.ares.AresParser::new);
        PARSERS.put("common-criteria", org.trustmap.crawler.sources.commoncriteria.CommonCriteriaParser::new);
        PARSERS.put("eucc", org.trustmap.crawler.sources.eucc.EuccParser::new);
        PARSERS.put("vendor-pages", org.trustmap.crawler.sources.vendorpages.VendorPagesParser::new);
        PARSERS.put("nvd-cpe", org.trustmap.crawler.sources.nvdcpe.NvdCpeParser::new);
        PARSERS.put("wikidata", org.trustmap.crawler.sources.wikidata.WikidataParser::new);
    }

    private SourceCatalog() {
    }

    public static List<String> ids() {
        return List.copyOf(PARSERS.keySet());
    }

    public static Optional<SourceParser> parser(String sourceId) {
        return Optional.ofNullable(PARSERS.get(sourceId)).map(Supplier::get);
    }

    /** A media type guessed from a file name, for archiving local inputs. */
    public static String contentTypeOf(String fileName) {
        String f = fileName.toLowerCase(java.util.Locale.ROOT);
        if (f.endsWith(".json") || f.endsWith(".jsonl")) {
            return "application/json";
        }
        if (f.endsWith(".xml")) {
            return "application/xml";
        }
        if (f.endsWith(".csv")) {
            return "text/csv";
        }
        if (f.endsWith(".zip")) {
            return "application/zip";
        }
        if (f.endsWith(".html") || f.endsWith(".htm")) {
            return "text/html";
        }
        return "application/octet-stream";
    }
}
