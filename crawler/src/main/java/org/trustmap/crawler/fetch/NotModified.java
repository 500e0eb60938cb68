package org.trustmap.crawler.fetch;

import java.util.Objects;

import org.trustmap.crawler.Capture;

/**
 * The server answered {@code 304 Not Modified} to a conditional GET; a revisit record was archived and the body
 * archived before is reused.
 *
 * @param url     the URL requested
 * @param capture the earlier archived response whose body stands
 */
public record NotModified(String url, Capture capture) implements FetchOutcome {
    public NotModified {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(capture, "capture");
    }
}
