package org.trustmap.crawler;

import java.time.Instant;
import java.util.Objects;

/**
 * One archived document: a fetched response or a local input file, stored as one WARC record.
 *
 * @param sourceId     the source that asked for it ({@code gleif}, {@code curated}, {@code inventory} ...)
 * @param targetUri    the URL fetched, or the {@code file:} URI of a local input
 * @param contentType  media type as served or guessed
 * @param date         when it was fetched or read
 * @param warcRecordId the WARC-Record-ID, e.g. {@code <urn:uuid:...>}; stable for the same URI and content
 * @param payloadDigest {@code sha256:<hex>} of the payload
 * @param warcFile     archive file name (relative to the archive folder) holding the record
 * @param offset       byte offset of the record in that file
 */
public record Capture(String sourceId, String targetUri, String contentType, Instant date, String warcRecordId,
                      String payloadDigest, String warcFile, long offset) {
    public Capture {
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(targetUri, "targetUri");
        Objects.requireNonNull(warcRecordId, "warcRecordId");
    }

    /** The record id without angle brackets and {@code urn:uuid:} prefix, usable inside IRIs. */
    public String shortId() {
        String id = warcRecordId.replace("<", "").replace(">", "");
        return id.startsWith("urn:uuid:") ? id.substring("urn:uuid:".length()) : id.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /** Name of the named graph this capture stages into. */
    public String graphName() {
        return Tm.GRAPH_NS + sourceId + ":" + shortId();
    }
}
