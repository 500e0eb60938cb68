package org.trustmap.app.crawl;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.trustmap.app.crawl.NameReferences.NamedOrganization;
import org.trustmap.crawler.Capture;
import org.trustmap.crawler.archive.EvidenceArchive;
import org.trustmap.crawler.fetch.Blocked;
import org.trustmap.crawler.fetch.FetchOutcome;
import org.trustmap.crawler.fetch.Failed;
import org.trustmap.crawler.fetch.Fetched;
import org.trustmap.crawler.fetch.Fetcher;
import org.trustmap.crawler.fetch.NotModified;
import org.trustmap.crawler.fetch.Redirected;
import org.trustmap.graph.OrganizationNames;

/**
 * A targeted GLEIF crawl, level by level upward:
 * <ol>
 *   <li>organizations named without an LEI but with a country are searched by name and country (at most
 *       {@link Bounds#nameSearches()} per run); a record is taken as that organization's only when exactly one LEI
 *       in the answer has the same normalized name (legal or other name) and legal address in that country;
 *       otherwise nothing is inferred. Search answers are archived as evidence of the look-up, not staged;</li>
 *   <li>the records of a level's LEIs are looked up in batches of up to {@link Bounds#batchSize()}
 *       ({@code filter[lei]=A,B,...});</li>
 *   <li>for each record, the per-LEI look-ups its {@code relationships} links call for (parent relationship
 *       records, or reporting exceptions when it reports no parent); the parents named become the next level, up
 *       to {@link Bounds#maxDepth()} levels above the inputs (the records of the last level are fetched, their
 *       parents are not followed). Every LEI is walked once.</li>
 * </ol>
 *
 * <p>A {@code 404} from a per-LEI endpoint means "none" (GLEIF answers so when there is no such parent or
 * exception) and is not a refusal. Any other answer that gives no complete document is a refusal with the URL and
 * reason; the crawl goes on with the other URLs (a refused batch leaves its LEIs without records: their per-LEI
 * look-ups are all asked).</p>
 */
public final class GleifCrawl {
    /** Source id. */
    public static final String SOURCE = "gleif";
    /** The largest page the GLEIF API gives, so the most LEIs one record look-up can ask for. */
    public static final int MAX_BATCH = 200;

    /**
     * @param maxDepth     parent levels walked above the LEIs the inputs name
     * @param batchSize    LEIs per record look-up, 1..{@value #MAX_BATCH}
     * @param nameSearches name-and-country searches per run at most
     */
    public record Bounds(int maxDepth, int batchSize, int nameSearches) {
        public static final Bounds DEFAULTS = new Bounds(5, MAX_BATCH, 50);
    }

    private final Fetcher fetcher;
    private final EvidenceArchive archive;
    private final SourceSettings settings;
    private final GleifLookups lookups;
    private final Bounds bounds;

    public GleifCrawl(Fetcher fetcher, EvidenceArchive archive, SourceSettings settings, Bounds bounds) {
        this.fetcher = fetcher;
        this.archive = archive;
        this.settings = settings;
        this.lookups = GleifLookups.of(settings.lookups());
        this.bounds = bounds;
        lookups.unknown().forEach(t -> CrawlLog.LOG.warn("gleif: lookup template '{}' is none of the record, "
                + "search, parent relationship, parent record or reporting exception look-ups; not used", t));
    }

    /** Crawls the LEIs, the organizations found by name, and their parents. */
    public CrawlResult crawl(Collection<String> leis, Collection<NamedOrganization> names) throws IOException {
        return new Walk().run(leis, names);
    }

    private enum Status { DOCUMENT, NONE, REFUSED }

    private record Answer(Status status, JsonNode root) {
    }

    /** One crawl's state. */
    private final class Walk {
        final List<Capture> captures = new ArrayList<>();
        final List<String> refusals = new ArrayList<>();
        final CrawlLog log = new CrawlLog(SOURCE);
        /** LEI -> its record's {@code relationships}, for the records seen. */
        final Map<String, JsonNode> records = new HashMap<>();
        /** LEIs a batch answer left out (GLEIF has no such record). */
        final Set<String> absent = new HashSet<>();
        final Set<String> visited = new LinkedHashSet<>();
        int planned;

        CrawlResult run(Collection<String> leis, Collection<NamedOrganization> names) throws IOException {
            List<String> level = new ArrayList<>();
            leis.forEach(lei -> {
                if (visited.add(lei)) {
                    level.add(lei);
                }
            });
            planned = Math.min(names.size(), lookups.search().isPresent() ? bounds.nameSearches() : 0)
                    + batches(level.size()) + level.size() * lookups.relatives().size();
            try {
                search(names, level);
                for (int depth = 0; !level.isEmpty(); depth++) {
                    fetchRecords(level);
                    List<String> next = new ArrayList<>();
                    for (String lei : level) {
                        if (absent.contains(lei)) {
                            continue;
                        }
                        if (depth < bounds.maxDepth() + 1) {
                            walkUp(lei, next);
                        } else if (GleifLookups.hasParent(records.get(lei))) {
                            CrawlLog.LOG.warn("gleif: {} has a parent beyond the walk depth {}; not followed", lei,
                                    bounds.maxDepth());
                        }
                    }
                    planned += batches(next.size()) + (depth + 1 <= bounds.maxDepth()
                            ? next.size() * lookups.relatives().size() : 0);
                    level.clear();
                    level.addAll(next);
                }
            } finally {
                log.finish();
            }
            return new CrawlResult(captures, refusals);
        }

        /** Searches the named organizations; the LEIs found join the first level. */
        void search(Collection<NamedOrganization> names, List<String> level) throws IOException {
            if (lookups.search().isEmpty() || names.isEmpty()) {
                return;
            }
            int searched = 0;
            for (NamedOrganization org : names) {
                if (searched == bounds.nameSearches()) {
                    CrawlLog.LOG.warn("gleif: {} of {} named organizations not searched (at most {} searches a run: "
                            + "trustmap.crawler.gleif.name-searches)", names.size() - searched, names.size(),
                            bounds.nameSearches());
                    return;
                }
                searched++;
                URI url = settings.lookup(lookups.search().get(), Map.of("name", org.name(), "country", org.country()));
                Answer answer = fetch(url, false, false);
                if (answer.status() != Status.DOCUMENT) {
                    continue;
                }
                Set<String> found = new LinkedHashSet<>();
                for (GleifAnswer.Entity e : GleifAnswer.entities(answer.root())) {
                    if (org.country().equals(e.legalCountry()) && (OrganizationNames.same(org.name(), e.legalName())
                            || e.otherNames().stream().anyMatch(n -> OrganizationNames.same(org.name(), n)))) {
                        found.add(e.lei());
                    }
                }
                if (found.size() == 1) {
                    String lei = found.iterator().next();
                    CrawlLog.LOG.info("gleif: '{}' ({}) has the LEI record {} (same name, legal address in {})",
                            org.name(), org.country(), lei, org.country());
                    if (visited.add(lei)) {
                        level.add(lei);
                        planned += lookups.relatives().size();
                    }
                } else if (found.isEmpty()) {
                    CrawlLog.LOG.info("gleif: no LEI record named '{}' with a legal address in {}; nothing inferred",
                            org.name(), org.country());
                } else {
                    CrawlLog.LOG.warn("gleif: '{}' ({}) matches {} LEI records {}; ambiguous, nothing inferred",
                            org.name(), org.country(), found.size(), found);
                }
            }
        }

        /** Looks up, in batches, the records of the LEIs whose record is not known yet. */
        void fetchRecords(List<String> level) throws IOException {
            if (lookups.records().isEmpty()) {
                return;
            }
            List<String> wanted = level.stream().filter(lei -> !records.containsKey(lei)).toList();
            for (int from = 0; from < wanted.size(); from += bounds.batchSize()) {
                List<String> batch = wanted.subList(from, Math.min(wanted.size(), from + bounds.batchSize()));
                String joined = String.join(",", batch);
                URI url = settings.lookup(lookups.records().get(), Map.of("leis", joined, "lei", joined));
                Answer answer = fetch(url, false, true);
                if (answer.status() != Status.DOCUMENT) {
                    continue;
                }
                if (GleifAnswer.lastPage(answer.root()) > 1) {
                    CrawlLog.LOG.warn("gleif: {} answered in {} pages; only the first is read (give the record "
                            + "look-up page[size]={})", url, GleifAnswer.lastPage(answer.root()), MAX_BATCH);
                }
                GleifAnswer.entities(answer.root()).forEach(e -> records.put(e.lei(), e.relationships()));
                for (String lei : batch) {
                    if (!records.containsKey(lei)) {
                        absent.add(lei);
                        CrawlLog.LOG.warn("gleif: {} gave no record for LEI {}; its parents are not looked up",
                                url, lei);
                    }
                }
            }
        }

        /** The per-LEI look-ups a record calls for; the parents they name go to {@code next}. */
        void walkUp(String lei, List<String> next) throws IOException {
            for (GleifLookups.Relative relative : lookups.relatives()) {
                if (!relative.linked(records.get(lei))) {
                    continue;
                }
                Answer answer = fetch(settings.lookup(relative.template(), Map.of("lei", lei)), true, true);
                if (answer.status() != Status.DOCUMENT) {
                    continue;
                }
                List<String> parents = new ArrayList<>(GleifAnswer.parents(answer.root()));
                if (relative.kind() == GleifLookups.Kind.PARENT_RECORD) {
                    for (GleifAnswer.Entity e : GleifAnswer.entities(answer.root())) {
                        records.put(e.lei(), e.relationships());
                        parents.add(e.lei());
                    }
                }
                for (String parent : parents) {
                    if (visited.add(parent)) {
                        next.add(parent);
                    }
                }
            }
        }

        /** Fetches one URL; a document is listed for staging when {@code stage}. */
        Answer fetch(URI url, boolean noneOn404, boolean stage) throws IOException {
            long started = System.nanoTime();
            FetchOutcome outcome = fetcher.fetch(SOURCE, url);
            long ms = (System.nanoTime() - started) / 1_000_000;
            Capture document = document(outcome);
            long bytes = outcome instanceof Fetched f ? size(f.capture()) : document != null ? size(document) : 0;
            log.fetched(url, outcome, bytes, ms, planned);
            if (document != null) {
                if (stage) {
                    captures.add(document);
                }
                Optional<JsonNode> root = GleifAnswer.read(archive, document);
                return root.map(r -> new Answer(Status.DOCUMENT, r)).orElse(new Answer(Status.NONE, null));
            }
            if (noneOn404 && outcome instanceof Fetched f && f.status() == 404) {
                return new Answer(Status.NONE, null);
            }
            refusals.add(SOURCE + ": " + url + ": " + reason(outcome));
            return new Answer(Status.REFUSED, null);
        }

        int batches(int leis) {
            return lookups.records().isEmpty() ? 0 : (leis + bounds.batchSize() - 1) / bounds.batchSize();
        }
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
}
