package org.trustmap.crawler.fetch;

/**
 * What one {@link Fetcher#fetch} came to. HTTP status is data: a 404 is a {@link Fetched} with status 404, a
 * 503 that never went away is a {@link Failed}; nothing here is an exception.
 */
public sealed interface FetchOutcome permits Fetched, NotModified, Redirected, Blocked, Failed {
    /** The URL this outcome is about: the last one requested (after redirects), or the one refused. */
    String url();
}
