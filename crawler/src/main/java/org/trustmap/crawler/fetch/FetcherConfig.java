package org.trustmap.crawler.fetch;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Every setting of the {@link Fetcher}, with its default in {@link #defaults()} (the one place defaults live).
 *
 * @param userAgent             product token and version sent as {@code User-Agent}
 * @param contact               how a site operator reaches us (URL or {@code mailto:}); appended to the User-Agent
 * @param robotsName            the name matched against robots.txt {@code User-agent} lines
 * @param defaultDelay          pause between two requests to one host
 * @param maxCrawlDelay         robots.txt {@code Crawl-delay} is honoured up to this
 * @param maxBodyBytes          body size limit after decoding; longer bodies are cut ({@code WARC-Truncated: length})
 * @param connectTimeout        TCP/TLS connect timeout
 * @param readTimeout           longest silence while reading
 * @param maxResponseTime       longest time for one response; slower bodies are cut ({@code WARC-Truncated: time})
 * @param maxRedirects          redirect hops followed, each re-checked
 * @param allowPrivateNetwork   allow loopback and private (site-local, unique-local, CGNAT) addresses, for a
 *                              mirror or a test server; link-local, cloud metadata, multicast and any-local
 *                              addresses stay refused even then
 * @param loopbackPorts         loopback ports allowed even when {@code allowPrivateNetwork} is off (tests only:
 *                              a loopback test server on an ephemeral port)
 * @param quotas                documented rate limits per host name
 * @param maxAttempts           tries per request for transient failures (timeouts, resets, 429, 5xx)
 * @param backoffBase           first retry delay; doubles per try, with jitter
 * @param backoffMax            cap of the retry delay
 * @param jitter                jitter factor of the retry delay (0..1)
 * @param maxHostWait           the longest a host may make us wait (Retry-After, quota); beyond it the URL is
 *                              {@link Blocked.Reason#QUOTA} or a retryable {@link Failed} and the run goes on
 * @param maxDecompressionRatio decoded/wire size ratio above which a compressed body is refused as a bomb
 * @param robotsTtl             how long a robots.txt that was read (or 4xx) is cached
 * @param robotsErrorTtl        how long a robots.txt failure (5xx, 429, unreachable) is cached
 */
public record FetcherConfig(String userAgent, String contact, String robotsName, Duration defaultDelay,
                            Duration maxCrawlDelay, long maxBodyBytes, Duration connectTimeout,
                            Duration readTimeout, Duration maxResponseTime, int maxRedirects,
                            boolean allowPrivateNetwork, Set<Integer> loopbackPorts, Map<String, HostQuota> quotas,
                            int maxAttempts, Duration backoffBase, Duration backoffMax, double jitter,
                            Duration maxHostWait, double maxDecompressionRatio, Duration robotsTtl,
                            Duration robotsErrorTtl) {

    public FetcherConfig {
        Objects.requireNonNull(userAgent, "userAgent");
        Objects.requireNonNull(contact, "contact");
        Objects.requireNonNull(robotsName, "robotsName");
        loopbackPorts = Set.copyOf(loopbackPorts);
        quotas = Map.copyOf(quotas);
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1");
        }
        if (maxRedirects < 0) {
            throw new IllegalArgumentException("maxRedirects must be >= 0");
        }
    }

    /**
     * A documented rate limit of one host.
     *
     * @param requests      requests allowed per {@code per} (0 = no limit)
     * @param per           the window
     * @param maxConcurrent requests in flight at once (0 = no limit)
     */
    public record HostQuota(int requests, Duration per, int maxConcurrent) {
        public HostQuota {
            Objects.requireNonNull(per, "per");
        }
    }

    /** Documented limits: GLEIF API about 60/min, Wikidata SPARQL one query at a time, NVD 5 per 30 s without key. */
    public static final Map<String, HostQuota> DOCUMENTED_QUOTAS = Map.of(
            "api.gleif.org", new HostQuota(60, Duration.ofMinutes(1), 0),
            "query.wikidata.org", new HostQuota(0, Duration.ofMinutes(1), 1),
            "services.nvd.nist.gov", new HostQuota(5, Duration.ofSeconds(30), 0));

    public static FetcherConfig defaults() {
        return new FetcherConfig("Trustmap/0.1", "mailto:trustmap-crawler@example.org", "trustmap",
                Duration.ofSeconds(1), Duration.ofSeconds(30), 256L << 20, Duration.ofSeconds(10),
                Duration.ofSeconds(30), Duration.ofMinutes(10), 5, false, Set.of(), DOCUMENTED_QUOTAS,
                4, Duration.ofSeconds(1), Duration.ofSeconds(60), 0.5, Duration.ofMinutes(5), 100.0,
                Duration.ofHours(12), Duration.ofMinutes(15));
    }

    /** The full {@code User-Agent}: {@code Trustmap/0.1 (+mailto:...)}. */
    public String userAgentHeader() {
        return userAgent + " (+" + contact + ")";
    }

    public FetcherConfig withUserAgent(String userAgent, String contact) {
        return new FetcherConfig(userAgent, contact, robotsName, defaultDelay, maxCrawlDelay, maxBodyBytes,
                connectTimeout, readTimeout, maxResponseTime, maxRedirects, allowPrivateNetwork, loopbackPorts,
                quotas, maxAttempts, backoffBase, backoffMax, jitter, maxHostWait, maxDecompressionRatio, robotsTtl,
                robotsErrorTtl);
    }

    public FetcherConfig withAllowPrivateNetwork(boolean allow) {
        return new FetcherConfig(userAgent, contact, robotsName, defaultDelay, maxCrawlDelay, maxBodyBytes,
                connectTimeout, readTimeout, maxResponseTime, maxRedirects, allow, loopbackPorts, quotas,
                maxAttempts, backoffBase, backoffMax, jitter, maxHostWait, maxDecompressionRatio, robotsTtl,
                robotsErrorTtl);
    }

    /** Tests only: allow these loopback ports (the test server's) while every other private address is refused. */
    public FetcherConfig withLoopbackPorts(Set<Integer> ports) {
        return new FetcherConfig(userAgent, contact, robotsName, defaultDelay, maxCrawlDelay, maxBodyBytes,
                connectTimeout, readTimeout, maxResponseTime, maxRedirects, allowPrivateNetwork, ports, quotas,
                maxAttempts, backoffBase, backoffMax, jitter, maxHostWait, maxDecompressionRatio, robotsTtl,
                robotsErrorTtl);
    }

    public FetcherConfig withDelays(Duration defaultDelay, Duration maxCrawlDelay) {
        return new FetcherConfig(userAgent, contact, robotsName, defaultDelay, maxCrawlDelay, maxBodyBytes,
                connectTimeout, readTimeout, maxResponseTime, maxRedirects, allowPrivateNetwork, loopbackPorts,
                quotas, maxAttempts, backoffBase, backoffMax, jitter, maxHostWait, maxDecompressionRatio, robotsTtl,
                robotsErrorTtl);
    }

    public FetcherConfig withLimits(long maxBodyBytes, Duration readTimeout, Duration maxResponseTime) {
        return new FetcherConfig(userAgent, contact, robotsName, defaultDelay, maxCrawlDelay, maxBodyBytes,
                connectTimeout, readTimeout, maxResponseTime, maxRedirects, allowPrivateNetwork, loopbackPorts,
                quotas, maxAttempts, backoffBase, backoffMax, jitter, maxHostWait, maxDecompressionRatio, robotsTtl,
                robotsErrorTtl);
    }

    public FetcherConfig withRetries(int maxAttempts, Duration backoffBase, Duration backoffMax, Duration maxHostWait) {
        return new FetcherConfig(userAgent, contact, robotsName, defaultDelay, maxCrawlDelay, maxBodyBytes,
                connectTimeout, readTimeout, maxResponseTime, maxRedirects, allowPrivateNetwork, loopbackPorts,
                quotas, maxAttempts, backoffBase, backoffMax, jitter, maxHostWait, maxDecompressionRatio, robotsTtl,
                robotsErrorTtl);
    }

    public FetcherConfig withQuotas(Map<String, HostQuota> quotas) {
        return new FetcherConfig(userAgent, contact, robotsName, defaultDelay, maxCrawlDelay, maxBodyBytes,
                connectTimeout, readTimeout, maxResponseTime, maxRedirects, allowPrivateNetwork, loopbackPorts,
                quotas, maxAttempts, backoffBase, backoffMax, jitter, maxHostWait, maxDecompressionRatio, robotsTtl,
                robotsErrorTtl);
    }

    public FetcherConfig withMaxRedirects(int maxRedirects) {
        return new FetcherConfig(userAgent, contact, robotsName, defaultDelay, maxCrawlDelay, maxBodyBytes,
                connectTimeout, readTimeout, maxResponseTime, maxRedirects, allowPrivateNetwork, loopbackPorts,
                quotas, maxAttempts, backoffBase, backoffMax, jitter, maxHostWait, maxDecompressionRatio, robotsTtl,
                robotsErrorTtl);
    }
}
