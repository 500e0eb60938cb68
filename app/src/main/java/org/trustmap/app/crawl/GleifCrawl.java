package org.trustmap.app.crawl;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.trustmap.crawler.Capture;
import org.trustmap.crawler.archive.EvidenceArchive;
import org.trustmap.crawler.fetch.Blocked;
import org.trustmap.crawler.fetch.FetchOutcome;
import org.trustmap.crawler.fetch.Failed;
import org.trustmap.crawler.fetch.Fetched;
import org.trustmap.crawler.fetch.Fetcher;
import org.trustmap.crawler.fetch.NotModified;
import org.trustmap.crawler.fetch.Redirected;

/**
 * A targeted GLEIF crawl: every LEI the run's inputs name is looked up with each of the source's {@code lookups}
 * (its record, direct and ultimate parent, and the two reporting exceptions), then each parent found is walked
 * upward with the parent look-ups only (its record came with the parent answer), up to {@code maxDepth} levels.
 *
 * <p>A {@code 404} from a parent or reporting-exception endpoint means "none" (GLEIF answers so when there is no such
 * parent or exception) and is not a refusal. Any other answer that gives no complete document is a refusal with
 * the URL and reason; the crawl goes on with the other URLs.</p>
 */
public final class GleifCrawl {
    /** Source id. */
    public static final String SOURCE = "gleif";
    /** How many parent levels above the input LEIs are followed. */
    public static final int DEFAULT_MAX_DEPTH = 5;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LEI = Pattern.compile("[A-Z0-9]{20}");

    private final Fetcher fetcher;
    private final EvidenceArchive archive;
    private final SourceSettings settings;
    private final int maxDepth;

    public GleifCrawl(Fetcher fetcher, EvidenceArchive archive, SourceSettings settings, int maxDepth) {
        this.fetcher = fetcher;
        this.archive = archive;
        this.settings = settings;
        this.maxDepth = maxDepth;
    }

    private record Target(String lei, int depth) {
    }

    /** Crawls the LEIs and their parents. */
    public CrawlResult crawl(Collection<String> leis) throws IOException {
        List<Capture> captures = new ArrayList<>();
        List<String> refusals = new ArrayList<>();
        Deque<Target> queue = new ArrayDeque<>();
        Set<String> seen = new LinkedHashSet<>();
        int planned = 0;
        for (String lei : leis) {
            if (seen.add(lei)) {
                queue.add(new Target(lei, 0));
                planned += lookups(0).size();
            }
        }
        CrawlLog log = new CrawlLog(SOURCE);
        try {
            while (!queue.isEmpty()) {
                Target target = queue.poll();
                for (String template : lookups(target.depth())) {
                    URI url = settings.lookup(template, target.lei());
                    long started = System.nanoTime();
                    FetchOutcome outcome = fetcher.fetch(SOURCE, url);
                    long ms = (System.nanoTime() - started) / 1_000_000;
                    Capture document = document(outcome);
                    long bytes = outcome instanceof Fetched f ? size(f.capture()) : document != null ? size(document) : 0;
                    if (document != null) {
                        captures.add(document);
                        if (namesParent(template)) {
                            for (String parent : parents(document)) {
                                if (target.depth() + 1 > maxDepth) {
                                    CrawlLog.LOG.warn("gleif: {} has parent {} beyond the walk depth {}; not followed",
                                            target.lei(), parent, maxDepth);
                                } else if (seen.add(parent)) {
                                    queue.add(new Target(parent, target.depth() + 1));
                                    planned += lookups(target.depth() + 1).size();
                                }
                            }
                        }
                    } else if (!(isRelative(template) && outcome instanceof Fetched f && f.status() == 404)) {
                        refusals.add(SOURCE + ": " + url + ": " + reason(outcome));
                    }
                    log.fetched(url, outcome, bytes, ms, planned);
                }
            }
        } finally {
            log.finish();
        }
        return new CrawlResult(captures, refusals);
    }

    /** The look-ups for an LEI at a depth: all of them for an input LEI, the parent ones above it. */
    private List<String> lookups(int depth) {
        return depth == 0 ? settings.lookups() : settings.lookups().stream().filter(GleifCrawl::isRelative).toList();
    }

    /** A parent or reporting-exception endpoint ({@code .../direct-parent}, {@code ...-parent-reporting-exception}). */
    static boolean isRelative(String template) {
        return template.contains("-parent");
    }

    /** An endpoint that answers with the parent's LEI record. */
    static boolean namesParent(String template) {
        String path = template.split("\\?", 2)[0];
        return path.endsWith("/direct-parent") || path.endsWith("/ultimate-parent");
    }

    /** The document an outcome gives for staging, or null. */
    private static Capture document(FetchOutcome outcome) {
        if (outcome instanceof Fetched f && f.isSuccessful()) {
            return f.capture();
        }
        if (outcome instanceof NotModified n) {
            return n.capture();
        }
        return null;
    }

    private static String reason(FetchOutcome outcome) {
        if (outcome instanceof Fetched f) {
            return f.truncation().truncated() ? "HTTP " + f.status() + ", body truncated ("
                    + f.truncation().headerValue() + ")" : "HTTP " + f.status();
        } else if (outcome instanceof Blocked b) {
            return "refused (" + b.reason() + "): " + b.detail();
        } else if (outcome instanceof Failed f) {
            return "failed after " + f.attempts() + " tries" + (f.status() > 0 ? " (last HTTP " + f.status() + ")" : "")
                    + ": " + f.reason();
        } else if (outcome instanceof Redirected r) {
            return "redirect not followed (" + r.reason() + ") to " + r.location();
        }
        return outcome.toString();
    }

    private long size(Capture capture) throws IOException {
        try (InputStream in = archive.open(capture)) {
            return in.transferTo(OutputStream.nullOutputStream());
        }
    }

    /** The LEIs of the {@code lei-records} a parent answer holds. */
    private List<String> parents(Capture capture) throws IOException {
        JsonNode root;
        try (InputStream in = archive.open(capture)) {
            root = JSON.readTree(in);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            CrawlLog.LOG.warn("gleif: {} is not JSON ({}); its parent is not followed", capture.targetUri(),
                    e.getOriginalMessage());
            return List.of();
        }
        JsonNode data = root == null ? null : root.get("data");
        if (data == null || data.isNull()) {
            return List.of();
        }
        List<String> leis = new ArrayList<>();
        for (JsonNode item : data.isArray() ? data : List.of(data)) {
            if ("lei-records".equals(item.path("type").asText())) {
                String lei = item.path("attributes").path("lei").asText(item.path("id").asText(""))
                        .strip().toUpperCase(Locale.ROOT);
                if (LEI.matcher(lei).matches()) {
                    leis.add(lei);
                }
            }
        }
        return leis;
    }
}
