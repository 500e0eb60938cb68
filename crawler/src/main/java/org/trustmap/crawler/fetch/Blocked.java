package org.trustmap.crawler.fetch;

import java.util.Objects;

/**
 * The fetcher refused to send the request. Nothing was sent to {@code url}.
 *
 * @param url    the URL refused (a redirect target when a hop was refused)
 * @param reason why
 * @param detail a human-readable explanation for the crawl log
 */
public record Blocked(String url, Reason reason, String detail) implements FetchOutcome {
    public Blocked {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(reason, "reason");
    }

    public enum Reason {
        /** robots.txt disallows the URL for our user agent. */
        ROBOTS,
        /** robots.txt could not be read (5xx, 429, network error): RFC 9309 says assume complete disallow. */
        ROBOTS_UNAVAILABLE,
        /** The host resolves to, or the URL names, a loopback, private, link-local, metadata ... address. */
        PRIVATE_ADDRESS,
        /** Not {@code http} or {@code https}. */
        SCHEME,
        /** The host must wait longer than the fetcher may (Retry-After, quota), so this URL is skipped for now. */
        QUOTA
    }
}
