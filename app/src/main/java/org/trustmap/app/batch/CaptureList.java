package org.trustmap.app.batch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.trustmap.crawler.Capture;
import org.trustmap.crawler.archive.EvidenceArchive;

/**
 * The captures of one run, handed from crawl to stage.
 *
 * @param archive  folder of the home evidence archive (local inputs and fetched documents)
 * @param captures the captures
 * @param refusals inputs or URLs that could not be read, with the reason
 * @param replay   with {@code --replay}: the folder the replayed captures' WARC file names are relative to, else null
 * @param replayed record ids of the captures read from {@code replay} rather than from {@code archive}
 */
record CaptureList(String archive, List<Capture> captures, List<String> refusals, String replay,
                   Set<String> replayed) {
    CaptureList {
        captures = List.copyOf(captures);
        refusals = List.copyOf(refusals);
        replayed = Collections.unmodifiableSortedSet(new TreeSet<>(replayed == null ? Set.of() : replayed));
    }

    /** Opens a capture's payload from the archive that holds it, read-only (a replayed archive is never written). */
    InputStream open(Capture capture) throws IOException {
        String root = replay != null && replayed.contains(capture.warcRecordId()) ? replay : archive;
        return EvidenceArchive.openPayload(Path.of(root).resolve(capture.warcFile()), capture.offset());
    }
}
