package org.trustmap.crawler.archive;

import java.util.Objects;
import java.util.Optional;

/**
 * What a conditional GET needs to know about the last complete 200 response archived for a URL.
 *
 * @param uri          the URL
 * @param recordId     WARC record id of the archived response whose body a {@code 304} reuses
 * @param etag         the {@code ETag} it was served with
 * @param lastModified the {@code Last-Modified} it was served with
 */
public record Validators(String uri, String recordId, Optional<String> etag, Optional<String> lastModified) {
    public Validators {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(recordId, "recordId");
        etag = etag == null ? Optional.empty() : etag;
        lastModified = lastModified == null ? Optional.empty() : lastModified;
    }

    public boolean any() {
        return etag.isPresent() || lastModified.isPresent();
    }
}
