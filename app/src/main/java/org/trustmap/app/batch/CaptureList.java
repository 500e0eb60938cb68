package org.trustmap.app.batch;

import java.util.List;

import org.trustmap.crawler.Capture;

/**
 * The captures of one run, handed from crawl to stage.
 *
 * @param archive  folder of the archive holding them (the home archive, or a replayed one)
 * @param captures the captures
 * @param refusals inputs or URLs that could not be read, with the reason
 */
record CaptureList(String archive, List<Capture> captures, List<String> refusals) {
    CaptureList {
        captures = List.copyOf(captures);
        refusals = List.copyOf(refusals);
    }
}
