package org.trustmap.app.crawl;

import java.util.List;

import org.trustmap.crawler.Capture;

/**
 * What a crawl gave.
 *
 * @param captures documents to stage: complete 2xx responses, and earlier ones a 304 confirmed
 * @param refusals URLs that gave no document, each with the reason (refused, failed, unexpected status)
 */
public record CrawlResult(List<Capture> captures, List<String> refusals) {
    public CrawlResult {
        captures = List.copyOf(captures);
        refusals = List.copyOf(refusals);
    }
}
