package org.trustmap.crawler.fetch;

import java.nio.charset.Charset;
import java.util.List;
import java.util.Objects;

import org.trustmap.crawler.Capture;
import org.trustmap.crawler.archive.Truncation;

/**
 * A response was received and archived.
 *
 * @param url        the URL that answered (the last hop of {@code redirects})
 * @param status     its HTTP status (any status that is not a redirect, a 304 or a retryable failure)
 * @param capture    the archived response; open its payload with {@code EvidenceArchive.open(capture)}
 * @param charset    the text charset detected (BOM, header, meta/XML declaration, then UTF-8)
 * @param truncation whether, and why, the body was cut
 * @param redirects  the URLs requested before {@code url}, in order (empty when there was no redirect)
 */
public record Fetched(String url, int status, Capture capture, Charset charset, Truncation truncation,
                      List<String> redirects) implements FetchOutcome {
    public Fetched {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(capture, "capture");
        Objects.requireNonNull(charset, "charset");
        Objects.requireNonNull(truncation, "truncation");
        redirects = List.copyOf(redirects);
    }

    /** A complete 2xx body. */
    public boolean isSuccessful() {
        return status >= 200 && status < 300 && !truncation.truncated();
    }
}
