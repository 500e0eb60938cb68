package org.trustmap.app.batch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.stream.Stream;

import org.springframework.batch.core.step.StepContribution;
import org.trustmap.app.Workspace;
import org.trustmap.app.crawl.ArchiveReplay;
import org.trustmap.app.crawl.CrawlLog;
import org.trustmap.app.crawl.CrawlResult;
import org.trustmap.app.crawl.CrawlerProperties;
import org.trustmap.app.crawl.GleifCrawl;
import org.trustmap.app.crawl.InventoryLookups;
import org.trustmap.app.crawl.LeiReferences;
import org.trustmap.app.crawl.NameReferences;
import org.trustmap.app.crawl.SourceSettings;
import org.trustmap.crawler.Capture;
import org.trustmap.crawler.SourceCatalog;
import org.trustmap.crawler.archive.EvidenceArchive;
import org.trustmap.crawler.fetch.Fetcher;
import org.trustmap.crawler.fetch.FetcherConfig;

/**
 * Step 1, one partition of it: puts the documents of one part of the run into the WARC evidence archive and lists
 * them in {@code crawl/<partition>.json}; {@link CrawlPartitions} runs the partitions in parallel and joins their lists.
 * <ul>
 *   <li>{@code local}: local inputs ({@code --input}, {@code --inventory}) are archived as {@code resource} records
 *       (content-addressed, so a re-run finds them already there).</li>
 *   <li>{@code replay}: with {@code --replay ARCHIVE}, the documents of a WARC file or folder, read where they lie
 *       (nothing is fetched); a source also given by {@code --input} is read from the input instead.</li>
 *   <li>one partition per fetched source (today {@code gleif}): without {@code --replay}, a source given no local
 *       input is fetched through its own {@link Fetcher} (robots.txt, politeness, address guard, conditional GET, every
 *       response archived). GLEIF's targeted crawl fetches the LEIs the curated facts name and the organizations
 *       they place in a country, by name, with their parents.</li>
 *   <li>{@code inventory-lookups}: without {@code --replay}, the inventory look-ups that sources.yml turns on
 *       ({@link InventoryLookups}: FCC grantees of the inventories' FCC IDs, NVD CPE names).</li>
 * </ul>
 * URLs that give no document are listed as refusals, with the reason; the run goes on.
 */
final class CrawlTasklet extends RefreshTasklet {
    private final CrawlerProperties crawler;

    CrawlTasklet(Workspace workspace, CrawlerProperties crawler) {
        super(workspace);
        this.crawler = crawler;
    }

    @Override
    void run(RefreshRequest request, String runId, Path runDir, StepContribution contribution) throws IOException {
        String partition = contribution.getStepExecution().getExecutionContext().getString(CrawlPartitions.KEY);
        List<Capture> captures = new ArrayList<>();
        List<String> refusals = new ArrayList<>();
        EvidenceArchive archive = workspace.archive();
        Set<String> localSources = new LinkedHashSet<>();
        request.inputs().forEach(input -> localSources.add(input.source()));
        String replayRoot = null;
        Set<String> replayed = new LinkedHashSet<>();
        switch (partition) {
            case CrawlPartitions.LOCAL -> archiveLocal(request.inputs(), archive, captures, refusals);
            case CrawlPartitions.REPLAY -> {
                if (request.replay() != null) {
                    Path replay = Path.of(request.replay()).toAbsolutePath().normalize();
                    Map<String, List<String>> prefixes = SourceSettings.urlPrefixes(
                            SourceSettings.load(sourcesYml(), Map.of()),
                            SourceSettings.load(sourcesYml(), request.sourceUrls()));
                    ArchiveReplay r = ArchiveReplay.scan(replay, prefixes, localSources);
                    r.captures().forEach(c -> replayed.add(c.warcRecordId()));
                    captures.addAll(r.captures());
                    replayRoot = r.root().toString();
                    LOG.info("crawl: replaying {} documents from {} ({} left out: other sources, older captures of a "
                            + "URL, or sources read from --input)", r.captures().size(), replay, r.skipped());
                }
            }
            case GleifCrawl.SOURCE -> {
                if (request.replay() == null) {
                    CrawlResult crawled = crawlGleif(request, localSources, archive);
                    captures.addAll(crawled.captures());
                    refusals.addAll(crawled.refusals());
                }
            }
            case CrawlPartitions.INVENTORY_LOOKUPS -> {
                if (request.replay() == null) {
                    // the inventories again: content-addressed, so this finds the local partition's records
                    List<Capture> local = new ArrayList<>();
                    archiveLocal(request.inputs().stream()
                            .filter(i -> SourceCatalog.INVENTORY.equals(i.source())).toList(), archive, local,
                            new ArrayList<>());
                    CrawlResult looked = InventoryLookups.crawl(sourcesYml(), request.sourceUrls(), localSources,
                            local, archive, crawler.fetcherConfig(request.allowPrivateNetwork()));
                    captures.addAll(looked.captures());
                    refusals.addAll(looked.refusals());
                }
            }
            default -> throw new IllegalStateException("no crawl partition '" + partition + "'");
        }
        captures.forEach(c -> contribution.incrementReadCount());
        refusals.forEach(r -> LOG.warn("crawl: {}", r));
        RunFiles.write(CrawlPartitions.file(runDir, partition),
                new CaptureList(archive.directory().toString(), captures, refusals, replayRoot, replayed));
    }

    private static void archiveLocal(List<RefreshRequest.Input> inputs, EvidenceArchive archive,
                                     List<Capture> captures, List<String> refusals) throws IOException {
        for (RefreshRequest.Input input : inputs) {
            Path path = Path.of(input.path()).toAbsolutePath().normalize();
            if (!Files.exists(path)) {
                refusals.add(input.source() + ": " + path + ": no such file or folder");
                continue;
            }
            for (Path file : files(path)) {
                Capture c = archive.archiveFile(input.source(), file, SourceCatalog.contentTypeOf(file.toString()),
                        Files.getLastModifiedTime(file).toInstant());
                captures.add(c);
                LOG.info("crawl: {} {} -> {} ({} bytes)", input.source(), file.getFileName(), c.warcRecordId(),
                        Files.size(file));
            }
        }
    }

    /** GLEIF's targeted crawl, when GLEIF was given no local input and the curated facts name LEIs. */
    private CrawlResult crawlGleif(RefreshRequest request, Set<String> localSources, EvidenceArchive archive)
            throws IOException {
        if (localSources.contains(GleifCrawl.SOURCE)) {
            return new CrawlResult(List.of(), List.of());
        }
        List<Path> curated = new ArrayList<>();
        for (RefreshRequest.Input input : request.inputs()) {
            Path path = Path.of(input.path());
            if (SourceCatalog.CURATED.equals(input.source()) && Files.exists(path)) {
                curated.addAll(files(path));
            }
        }
        SortedSet<String> leis = LeiReferences.in(curated);
        Set<NameReferences.NamedOrganization> names = NameReferences.in(curated);
        if (leis.isEmpty() && names.isEmpty()) {
            return new CrawlResult(List.of(), List.of());
        }
        SourceSettings gleif = SourceSettings.load(sourcesYml(), request.sourceUrls()).get(GleifCrawl.SOURCE);
        if (gleif == null || gleif.baseUrl().isEmpty() || gleif.lookups().isEmpty()) {
            LOG.warn("crawl: the inputs name {} LEIs and {} organizations but {} gives gleif no base_url and lookups; "
                    + "nothing fetched", leis.size(), names.size(), sourcesYml());
            return new CrawlResult(List.of(), List.of());
        }
        FetcherConfig config = crawler.fetcherConfig(request.allowPrivateNetwork());
        CrawlLog.announce(GleifCrawl.SOURCE, leis.size() + names.size(), gleif.baseUrl().get(),
                config.userAgentHeader());
        try (Fetcher fetcher = new Fetcher(config, archive)) {
            return new GleifCrawl(fetcher, archive, gleif, crawler.gleifBounds()).crawl(leis, names);
        }
    }

    /** The source settings file; read only by runs that fetch or replay (a run of local inputs never needs it). */
    private Path sourcesYml() {
        return workspace.data().resolve("sources.yml");
    }

    /** A file, or the regular files of a folder in name order (hidden files and README/SOURCES notes left out). */
    static List<Path> files(Path path) throws IOException {
        if (Files.isRegularFile(path)) {
            return List.of(path);
        }
        try (Stream<Path> s = Files.list(path)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> !p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".md"))
                    .sorted().toList();
        }
    }
}
