package org.trustmap.crawler.fetch;

import java.util.Objects;

/**
 * The fetch did not succeed after {@code attempts} tries.
 *
 * @param url       the URL that failed
 * @param reason    what went wrong (exception or status, for the crawl log)
 * @param retryable whether a later run may succeed (timeouts, resets, 429/5xx) or not (decompression bomb, bad URL)
 * @param attempts  how many requests were sent
 * @param status    the last HTTP status received, {@code 0} if none
 */
public record Failed(String url, String reason, boolean retryable, int attempts, int status) implements FetchOutcome {
    public Failed {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(reason, "reason");
    }
}
