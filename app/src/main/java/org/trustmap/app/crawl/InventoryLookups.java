package org.trustmap.app.crawl;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.trustmap.crawler.Capture;
import org.trustmap.crawler.SourceCatalog;
import org.trustmap.crawler.archive.EvidenceArchive;
import org.trustmap.crawler.fetch.Fetcher;
import org.trustmap.crawler.fetch.FetcherConfig;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Look-ups the run's inventories call for, each only when {@code data/sources.yml} turns it on for its source with
 * {@code inventory_lookups: true} (off by default, so that a run of local inputs stays offline and its archive
 * replays), for at most {@code max_lookups} identifiers per source and run (default {@value #DEFAULT_MAX_LOOKUPS}):
 * <ul>
 *   <li>{@code fcc-grantees}: the grantee code (first 3 characters, 5 when it starts with '2') of every FCC ID, in
 *       the EAS authorization search's XML export;</li>
 *   <li>{@code nvd-cpe}: every CPE 2.3 name, in the NVD CPE API 2.0 ({@code cpeMatchString}); the Fetcher keeps
 *       NVD's documented 5 requests per 30 seconds.</li>
 * </ul>
 * A source also given by {@code --input} is not looked up. Every answer is archived and staged like any fetched
 * document.
 */
public final class InventoryLookups {
    public static final int DEFAULT_MAX_LOOKUPS = 20;
    /** The sources looked up, in order. */
    static final List<String> SOURCES = List.of("fcc-grantees", "nvd-cpe");

    private InventoryLookups() {
    }

    /** Whether a source's inventory look-ups are on, and for how many identifiers. */
    record Switch(boolean on, int maxLookups) {
    }

    /**
     * Looks up the identifiers the archived inventories among {@code captures} name.
     *
     * @param sourcesYml   the source settings ({@code inventory_lookups}, {@code max_lookups}, base URL, lookups)
     * @param sourceUrls   the run's {@code --source-url} overrides
     * @param localSources sources the run reads from {@code --input}
     */
    public static CrawlResult crawl(Path sourcesYml, Map<String, String> sourceUrls, Set<String> localSources,
                                    Collection<Capture> captures, EvidenceArchive archive, FetcherConfig config)
            throws IOException {
        List<Capture> inventories = captures.stream()
                .filter(c -> SourceCatalog.INVENTORY.equals(c.sourceId())).toList();
        List<Capture> found = new ArrayList<>();
        List<String> refusals = new ArrayList<>();
        if (inventories.isEmpty()) {
            return new CrawlResult(found, refusals);
        }
        Map<String, Switch> on = new LinkedHashMap<>();
        for (String source : SOURCES) {
            Switch s = switchOf(sourcesYml, source);
            if (s.on() && !localSources.contains(source)) {
                on.put(source, s);
            } else if (!s.on()) {
                CrawlLog.LOG.info("{}: inventory look-ups are off (inventory_lookups: true in {} turns them on)",
                        source, sourcesYml);
            }
        }
        if (on.isEmpty()) {
            return new CrawlResult(found, refusals);
        }
        InventoryIdentifiers ids = InventoryIdentifiers.of(archive, inventories);
        for (Map.Entry<String, Switch> e : on.entrySet()) {
            String source = e.getKey();
            Collection<String> identifiers = source.equals("fcc-grantees") ? ids.granteeCodes() : ids.cpes();
            if (identifiers.isEmpty()) {
                continue;
            }
            SourceSettings settings = SourceSettings.load(sourcesYml, sourceUrls).get(source);
            if (settings == null || settings.baseUrl().isEmpty() || settings.lookups().isEmpty()) {
                CrawlLog.LOG.warn("crawl: {} gives {} no base_url and lookups; nothing looked up", sourcesYml, source);
                continue;
            }
            int max = e.getValue().maxLookups();
            CrawlLog.announce(source, Math.min(identifiers.size(), max), settings.baseUrl().get(),
                    config.userAgentHeader());
            try (Fetcher fetcher = new Fetcher(config, archive)) {
                CrawlResult r = new LookupCrawl(source, fetcher, archive, settings, max).crawl(identifiers);
                found.addAll(r.captures());
                refusals.addAll(r.refusals());
            }
        }
        return new CrawlResult(found, refusals);
    }

    /** The {@code inventory_lookups} and {@code max_lookups} settings of a source; off when the file has none. */
    static Switch switchOf(Path sourcesYml, String source) throws IOException {
        if (!Files.isRegularFile(sourcesYml)) {
            return new Switch(false, DEFAULT_MAX_LOOKUPS);
        }
        Object root;
        try (Reader r = Files.newBufferedReader(sourcesYml, StandardCharsets.UTF_8)) {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(r);
        } catch (YAMLException e) {
            throw new IllegalArgumentException(sourcesYml + ": " + e.getMessage(), e);
        }
        if (!(root instanceof Map<?, ?> top && top.get("sources") instanceof Map<?, ?> sources
                && sources.get(source) instanceof Map<?, ?> settings)) {
            return new Switch(false, DEFAULT_MAX_LOOKUPS);
        }
        String where = sourcesYml + ": source '" + source + "': ";
        Object on = settings.get("inventory_lookups");
        if (on != null && !(on instanceof Boolean)) {
            throw new IllegalArgumentException(where + "inventory_lookups must be true or false, not '" + on + "'");
        }
        Object max = settings.get("max_lookups");
        if (max != null && !(max instanceof Integer n && n >= 0)) {
            throw new IllegalArgumentException(where + "max_lookups must be a whole number >= 0, not '" + max + "'");
        }
        return new Switch(Boolean.TRUE.equals(on), max == null ? DEFAULT_MAX_LOOKUPS : (Integer) max);
    }
}
