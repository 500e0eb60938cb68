package org.trustmap.app.crawl;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.trustmap.crawler.fetch.FetcherConfig;

/**
 * The crawler's settings ({@code trustmap.crawler.*}); defaults live in {@code application.properties}, every other
 * fetcher setting in {@link FetcherConfig#defaults()}.
 *
 * @param contact     how a site operator reaches whoever runs this crawler (a URL, or {@code mailto:address});
 *                    sent in the User-Agent, and as {@code From} when it is a {@code mailto:}
 * @param delay       pause between two requests to one host (robots.txt {@code Crawl-delay} and the documented
 *                    quotas of a host still apply on top); lower it only for a mirror you run
 * @param maxAttempts tries per URL for transient failures (timeouts, resets, 429, 5xx)
 * @param backoff     first retry delay, doubled per try, with jitter
 * @param gleif       the targeted GLEIF crawl's bounds ({@code trustmap.crawler.gleif.*})
 */
@ConfigurationProperties("trustmap.crawler")
public record CrawlerProperties(String contact, Duration delay, Integer maxAttempts, Duration backoff, Gleif gleif) {

    /**
     * @param maxDepth     parent levels walked above the LEIs the inputs name (and those a name search found)
     * @param batchSize    LEIs per record look-up ({@code filter[lei]=A,B,...}); GLEIF pages hold at most 200
     * @param nameSearches name-and-country searches per run at most (0: none)
     */
    public record Gleif(Integer maxDepth, Integer batchSize, Integer nameSearches) {
        /** The bounds, defaults where unset; a batch size outside 1..200 is refused. */
        public GleifCrawl.Bounds bounds() {
            GleifCrawl.Bounds d = GleifCrawl.Bounds.DEFAULTS;
            int batch = batchSize == null ? d.batchSize() : batchSize;
            if (batch < 1 || batch > GleifCrawl.MAX_BATCH) {
                throw new IllegalArgumentException("trustmap.crawler.gleif.batch-size=" + batch
                        + ": must be 1.." + GleifCrawl.MAX_BATCH + " (GLEIF's largest page)");
            }
            return new GleifCrawl.Bounds(maxDepth == null ? d.maxDepth() : Math.max(0, maxDepth), batch,
                    nameSearches == null ? d.nameSearches() : Math.max(0, nameSearches));
        }
    }

    /** The GLEIF crawl's bounds for one run. */
    public GleifCrawl.Bounds gleifBounds() {
        return gleif == null ? GleifCrawl.Bounds.DEFAULTS : gleif.bounds();
    }

    /** The fetcher's configuration for one run. */
    public FetcherConfig fetcherConfig(boolean allowPrivateNetwork) {
        FetcherConfig defaults = FetcherConfig.defaults();
        FetcherConfig config = defaults.withAllowPrivateNetwork(allowPrivateNetwork);
        if (contact != null && !contact.isBlank()) {
            config = config.withUserAgent(defaults.userAgent(), contact.strip());
        }
        if (delay != null) {
            config = config.withDelays(delay, defaults.maxCrawlDelay());
        }
        if (maxAttempts != null || backoff != null) {
            config = config.withRetries(maxAttempts == null ? defaults.maxAttempts() : maxAttempts,
                    backoff == null ? defaults.backoffBase() : backoff, defaults.backoffMax(), defaults.maxHostWait());
        }
        return config;
    }
}
