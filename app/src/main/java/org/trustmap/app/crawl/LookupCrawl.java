package org.trustmap.app.crawl;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;

import org.trustmap.crawler.Capture;
import org.trustmap.crawler.archive.EvidenceArchive;
import org.trustmap.crawler.fetch.FetchOutcome;
import org.trustmap.crawler.fetch.Fetched;
import org.trustmap.crawler.fetch.Fetcher;
import org.trustmap.crawler.fetch.NotModified;

/**
 * A bounded look-up crawl of one source: each identifier, up to {@code maxLookups}, is put into each of the
 * source's {@code lookups} templates ({@code {id}}) and fetched through the {@link Fetcher}, which archives every
 * answer and keeps the host's politeness and documented quota. Identifiers beyond the bound are not looked up and
 * the run says how many. An answer that gives no document is a refusal with the URL and reason.
 */
final class LookupCrawl {
    private final String source;
    private final Fetcher fetcher;
    private final EvidenceArchive archive;
    private final SourceSettings settings;
    private final int maxLookups;

    LookupCrawl(String source, Fetcher fetcher, EvidenceArchive archive, SourceSettings settings, int maxLookups) {
        this.source = source;
        this.fetcher = fetcher;
        this.archive = archive;
        this.settings = settings;
        this.maxLookups = maxLookups;
    }

    CrawlResult crawl(Collection<String> identifiers) throws IOException {
        List<String> ids = new ArrayList<>(new LinkedHashSet<>(identifiers));
        if (ids.size() > maxLookups) {
            CrawlLog.LOG.warn("{}: the inventories name {} identifiers; {} looked up this run (max_lookups), not: {}",
                    source, ids.size(), maxLookups, String.join(", ", ids.subList(maxLookups, ids.size())));
            ids = ids.subList(0, maxLookups);
        }
        List<Capture> captures = new ArrayList<>();
        List<String> refusals = new ArrayList<>();
        int planned = ids.size() * settings.lookups().size();
        CrawlLog log = new CrawlLog(source);
        try {
            for (String id : ids) {
                for (String template : settings.lookups()) {
                    URI url = settings.lookup(template, queryValue(id));
                    long started = System.nanoTime();
                    FetchOutcome outcome = fetcher.fetch(source, url);
                    long ms = (System.nanoTime() - started) / 1_000_000;
                    Capture document = outcome instanceof Fetched f && f.isSuccessful() ? f.capture()
                            : outcome instanceof NotModified n ? n.capture() : null;
                    if (document != null) {
                        captures.add(document);
                    } else {
                        refusals.add(source + ": " + url + ": " + (outcome instanceof Fetched f
                                ? "HTTP " + f.status() : CrawlLog.describe(outcome)));
                    }
                    log.fetched(url, outcome, document == null ? 0 : size(document), ms, planned);
                }
            }
        } finally {
            log.finish();
        }
        return new CrawlResult(captures, refusals);
    }

    /** An identifier as a query value: percent-encoded, the ':' of CPE names kept readable. */
    static String queryValue(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("%3A", ":");
    }

    private long size(Capture capture) throws IOException {
        try (InputStream in = archive.open(capture)) {
            return in.transferTo(OutputStream.nullOutputStream());
        }
    }
}
