package org.trustmap.app.batch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.springframework.batch.core.step.StepContribution;
import org.trustmap.app.Workspace;
import org.trustmap.crawler.Capture;
import org.trustmap.crawler.SourceCatalog;
import org.trustmap.crawler.archive.EvidenceArchive;

/**
 * Step 1: puts every document of the run into the WARC evidence archive (local inputs as {@code resource} records)
 * or, with {@code --replay}, takes the captures of an existing archive. Archiving is content-addressed, so a re-run
 * finds the records already there.
 */
final class CrawlTasklet extends RefreshTasklet {
    CrawlTasklet(Workspace workspace) {
        super(workspace);
    }

    @Override
    void run(RefreshRequest request, String runId, Path runDir, StepContribution contribution) throws IOException {
        List<Capture> captures = new ArrayList<>();
        List<String> refusals = new ArrayList<>();
        String archiveDir;
        if (request.replay() != null) {
            Path replay = Path.of(request.replay()).toAbsolutePath().normalize();
            try (EvidenceArchive archive = EvidenceArchive.open(replay)) {
                captures.addAll(archive.captures());
            }
            archiveDir = replay.toString();
            LOG.info("crawl: replaying {} captures from {}", captures.size(), replay);
        } else {
            EvidenceArchive archive = workspace.archive();
            archiveDir = archive.directory().toString();
            for (RefreshRequest.Input input : request.inputs()) {
                Path path = Path.of(input.path()).toAbsolutePath().normalize();
                if (!Files.exists(path)) {
                    refusals.add(input.source() + ": " + path + ": no such file or folder");
                    continue;
                }
                for (Path file : files(path)) {
                    Capture c = archive.archiveFile(input.source(), file, SourceCatalog.contentTypeOf(file.toString()),
                            Files.getLastModifiedTime(file).toInstant());
                    captures.add(c);
                    LOG.info("crawl: {} {} -> {} ({} bytes)", input.source(), file.getFileName(), c.warcRecordId(),
                            Files.size(file));
                }
            }
        }
        for (Capture c : captures) {
            contribution.incrementReadCount();
        }
        refusals.forEach(r -> LOG.warn("crawl: {}", r));
        RunFiles.write(runDir.resolve("captures.json"), new CaptureList(archiveDir, captures, refusals));
    }

    /** A file, or the regular files of a folder in name order (hidden files and README/SOURCES notes left out). */
    static List<Path> files(Path path) throws IOException {
        if (Files.isRegularFile(path)) {
            return List.of(path);
        }
        try (Stream<Path> s = Files.list(path)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> !p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".md"))
                    .sorted().toList();
        }
    }

    static Instant now() {
        return Instant.now();
    }
}
