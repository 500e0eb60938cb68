package org.trustmap.app.crawl;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.trustmap.crawler.Capture;
import org.trustmap.crawler.SourceCatalog;
import org.trustmap.crawler.archive.WarcReplay;

/**
 * The documents a {@code --replay ARCHIVE} run stages: read with {@link WarcReplay} from a WARC file or folder
 * (Trustmap's archive, or WARC written by {@code wget --warc-file} or another crawler), each assigned to a source by
 * its {@code Trustmap-Source} header or else by the longest matching URL prefix from {@code sources.yml}.
 *
 * <p>Kept: documents of sources that have a parser ({@code robots.txt} fetches and records matching no source are
 * left out), only the latest capture of each URL per source (an archive that grew over many runs replays as its
 * last state), and none of the sources the run reads from local files instead ({@code --input}).</p>
 *
 * @param root     the folder the captures' {@link Capture#warcFile()} names are relative to
 * @param captures the documents, in archive order
 * @param skipped  how many archived documents were left out
 */
public record ArchiveReplay(Path root, List<Capture> captures, int skipped) {
    public ArchiveReplay {
        captures = List.copyOf(captures);
    }

    /**
     * @param urlPrefixes  per source, the URL prefixes that assign header-less records
     * @param localSources sources read from local files in this run, whose archived documents are not replayed
     */
    public static ArchiveReplay scan(Path fileOrFolder, Map<String, List<String>> urlPrefixes,
                                     Set<String> localSources) throws IOException {
        WarcReplay replay = WarcReplay.scan(fileOrFolder, urlPrefixes);
        Map<List<String>, Capture> latest = new LinkedHashMap<>();
        int skipped = 0;
        for (Capture c : replay.captures()) {
            if (SourceCatalog.parser(c.sourceId()).isEmpty() || localSources.contains(c.sourceId())) {
                skipped++;
                continue;
            }
            List<String> key = List.of(c.sourceId(), c.targetUri());
            Capture earlier = latest.get(key);
            if (earlier != null) {
                skipped++;
            }
            if (earlier == null || LATEST.compare(c, earlier) > 0) {
                latest.put(key, c);
            }
        }
        return new ArchiveReplay(replay.root(), new ArrayList<>(latest.values()), skipped);
    }

    private static final Comparator<Capture> LATEST = Comparator.comparing(Capture::date,
            Comparator.nullsFirst(Comparator.naturalOrder()));
}
