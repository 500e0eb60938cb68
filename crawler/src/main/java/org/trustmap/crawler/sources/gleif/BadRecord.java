package org.trustmap.crawler.sources.gleif;

/** One record that cannot be staged; the message is the reason given to {@code ParseContext.reject}. */
final class BadRecord extends RuntimeException {
    BadRecord(String reason) {
        super(reason, null, false, false);
    }
}
