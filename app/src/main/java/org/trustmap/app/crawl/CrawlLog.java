package org.trustmap.app.crawl;

import java.io.Console;
import java.net.URI;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.trustmap.crawler.fetch.Blocked;
import org.trustmap.crawler.fetch.FetchOutcome;
import org.trustmap.crawler.fetch.Failed;
import org.trustmap.crawler.fetch.Fetched;
import org.trustmap.crawler.fetch.NotModified;
import org.trustmap.crawler.fetch.Redirected;

/**
 * The crawl step's log: one INFO line per URL on the logger {@value #NAME} ({@code status}, {@code bytes},
 * {@code ms}, {@code outcome}), and a progress line on the terminal when there is one.
 */
public final class CrawlLog {
    public static final String NAME = "org.trustmap.crawl";
    static final Logger LOG = LoggerFactory.getLogger(NAME);
    private final String sourceId;
    private final Console console = System.console();
    private int done;
    private boolean progressShown;

    public CrawlLog(String sourceId) {
        this.sourceId = sourceId;
    }

    /** Logs one URL's outcome and advances the progress line ({@code planned} may grow as parents are found). */
    void fetched(URI url, FetchOutcome outcome, long bytes, long ms, int planned) {
        done++;
        int status = outcome instanceof Fetched f ? f.status()
                : outcome instanceof NotModified ? 304
                : outcome instanceof Redirected r ? r.status()
                : outcome instanceof Failed f ? f.status()
                : 0;
        LOG.info("{} status={} bytes={} ms={} outcome={} url={}", sourceId, status, bytes, ms, describe(outcome), url);
        if (console != null) {
            console.printf("\rcrawl %s %d/%d", sourceId, done, Math.max(done, planned));
            console.flush();
            progressShown = true;
        }
    }

    /** Says what a crawl is about to do. */
    public static void announce(String sourceId, int identifiers, String baseUrl, String userAgent) {
        LOG.info("{}: crawling {} identifiers from {} as '{}'", sourceId, identifiers, baseUrl, userAgent);
    }

    /** Ends the progress line. */
    void finish() {
        if (console != null && progressShown) {
            console.printf("%n");
            console.flush();
        }
    }

    /** The outcome as one word, with the reason for those that did not give a document. */
    static String describe(FetchOutcome outcome) {
        if (outcome instanceof Fetched f) {
            return f.truncation().truncated() ? "Fetched(truncated " + f.truncation().headerValue() + ")" : "Fetched";
        } else if (outcome instanceof Redirected r) {
            return "Redirected(" + r.reason() + ")";
        } else if (outcome instanceof Failed f) {
            return "Failed(" + f.reason() + ")";
        } else if (outcome instanceof Blocked b) {
            return "Blocked(" + b.reason() + ")";
        }
        return outcome.getClass().getSimpleName();
    }
}
