package org.trustmap.crawler.archive;

import org.netpreserve.jwarc.WarcTruncationReason;

/** Why a response body was cut before its end; written to WARC as {@code WARC-Truncated}. */
public enum Truncation {
    NONE(null),
    /** The body exceeded the size limit (or the decompressed-size limit). */
    LENGTH(WarcTruncationReason.LENGTH),
    /** The body took longer than the time limit per response. */
    TIME(WarcTruncationReason.TIME),
    /** The connection broke (reset, early end, corrupt compressed stream) before the end of the body. */
    DISCONNECT(WarcTruncationReason.DISCONNECT);

    private final WarcTruncationReason warc;

    Truncation(WarcTruncationReason warc) {
        this.warc = warc;
    }

    WarcTruncationReason warc() {
        return warc;
    }

    public boolean truncated() {
        return this != NONE;
    }

    /** The value of the {@code WARC-Truncated} header, empty for {@link #NONE}. */
    public String headerValue() {
        return this == NONE ? "" : name().toLowerCase(java.util.Locale.ROOT);
    }
}
