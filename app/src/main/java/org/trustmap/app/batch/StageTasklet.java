package org.trustmap.app.batch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.batch.core.step.StepContribution;
import org.trustmap.app.Workspace;
import org.trustmap.crawler.Capture;
import org.trustmap.crawler.ErrorPolicy;
import org.trustmap.crawler.ParseProblem;
import org.trustmap.crawler.SourceCatalog;
import org.trustmap.crawler.SourceParseException;
import org.trustmap.crawler.SourceParser;
import org.trustmap.crawler.StageResult;
import org.trustmap.crawler.StagingStore;

/**
 * Step 2: parses every capture of the run into its named graph (SHACL-checked), reports rejected records with their
 * location, and retires the graphs of captures that are no longer part of the run.
 */
final class StageTasklet extends RefreshTasklet {
    private final StageProperties settings;

    StageTasklet(Workspace workspace, StageProperties settings) {
        super(workspace);
        this.settings = settings == null ? StageProperties.DEFAULTS : settings;
    }

    /**
     * What staging did, handed to the report.
     *
     * @param reusedGraphs captures whose graph was already staged by this build and was kept as it was
     */
    record StageReport(long records, List<ParseProblem> problems, int graphs, int retiredGraphs, int reusedGraphs) {
    }

    @Override
    void run(RefreshRequest request, String runId, Path runDir, StepContribution contribution) throws Exception {
        CaptureList list = RunFiles.read(runDir.resolve("captures.json"), CaptureList.class);
        StagingStore staging = workspace.staging();
        List<ParseProblem> problems = new ArrayList<>();
        Set<String> graphs = new LinkedHashSet<>();
        long records = 0;
        int reused = 0;
        Map<Capture, Optional<StageResult>> reusable = new HashMap<>();
        for (Capture capture : list.captures()) {
            SourceCatalog.parser(capture.sourceId()).ifPresent(parser -> reusable.put(capture,
                    settings.reuses() ? staging.stagedResult(capture, parser) : Optional.empty()));
        }
        startFreshIfMostlyReplaced(staging, reusable);
        for (Capture capture : list.captures()) {
            Optional<SourceParser> parser = SourceCatalog.parser(capture.sourceId());
            if (parser.isEmpty()) {
                problems.add(new ParseProblem(capture.sourceId(), capture.targetUri(), "",
                        "no parser for source '" + capture.sourceId() + "'"));
                continue;
            }
            Optional<StageResult> staged = reusable.get(capture);
            if (staged.isPresent()) {
                StageResult result = staged.get();
                records += result.records();
                problems.addAll(result.problems());
                graphs.add(result.graph());
                reused++;
                LOG.info("stage: {} already staged by this build ({} records, {} rejected), kept",
                        capture.targetUri(), result.records(), result.problems().size());
                continue;
            }
            ErrorPolicy.Collecting errors = ErrorPolicy.collecting();
            try {
                boolean bulk = settings.isBulk(capture.sourceId());
                StageResult result;
                if (bulk) {
                    result = staging.stageBulk(capture, parser.get(), () -> list.open(capture), errors);
                } else {
                    try (InputStream body = list.open(capture)) {
                        result = staging.stage(capture, parser.get(), body, errors);
                    }
                }
                records += result.records();
                problems.addAll(result.problems());
                graphs.add(result.graph());
                contribution.incrementWriteCount(result.records());
                LOG.info("stage: {} {} records, {} rejected{}", capture.targetUri(), result.records(),
                        result.problems().size(), bulk && staging.isCopyOnly(result.graph())
                                ? " (bulk: kept in its records copy, not in TDB2's indexes)" : "");
            } catch (SourceParseException e) {
                // the whole document is unusable: nothing of it is staged, the previous graph is kept out too
                problems.addAll(errors.problems());
                problems.add(e.problem());
                LOG.warn("stage: {}", e.getMessage());
            }
        }
        int retired = staging.retainOnly(graphs);
        problems.forEach(p -> LOG.warn("rejected: {}", p));
        RunFiles.write(runDir.resolve("stage.json"), new StageReport(records, problems, graphs.size(), retired, reused));
    }

    /**
     * Stages again every bulk capture of the run whose records copy is gone (removed by hand, or removed because it
     * was damaged): such a graph is nothing without its copy (the staging dataset holds none of its statements). Run
     * by resolve before it reads, so that running the same refresh again after such a loss resumes and completes.
     *
     * @return the captures staged again
     */
    static int restageLostCopies(StagingStore staging, CaptureList list) throws IOException {
        int restaged = 0;
        for (Capture capture : list.captures()) {
            String graph = capture.graphName();
            if (!staging.isCopyOnly(graph) || staging.recordsCopy(graph).isPresent()) {
                continue;
            }
            Optional<SourceParser> parser = SourceCatalog.parser(capture.sourceId());
            if (parser.isEmpty()) {
                continue; // a copy-only graph was staged by a parser, so this does not happen
            }
            StageResult result = staging.stageBulk(capture, parser.get(), () -> list.open(capture),
                    ErrorPolicy.collecting());
            LOG.warn("stage: the records copy of {} ({}) was missing; staged it again: {} records, {} rejected",
                    capture.targetUri(), graph, result.records(), result.problems().size());
            restaged++;
        }
        return restaged;
    }

    /**
     * When the staged graphs about to be replaced or retired hold at least as many records as those kept, staging
     * goes into a fresh dataset holding only the kept graphs ({@link StagingStore#startFresh}): deleting a graph
     * costs about as much as writing it.
     */
    private static void startFreshIfMostlyReplaced(StagingStore staging, Map<Capture, Optional<StageResult>> reusable)
            throws IOException {
        Set<String> keep = new LinkedHashSet<>();
        reusable.values().forEach(r -> r.ifPresent(result -> keep.add(result.graph())));
        long kept = 0;
        long replaced = 0;
        for (Map.Entry<String, Long> e : staging.stagedRecordCounts().entrySet()) {
            if (keep.contains(e.getKey())) {
                kept += e.getValue();
            } else {
                replaced += e.getValue();
            }
        }
        if (replaced > 0 && replaced >= kept) {
            long t0 = System.nanoTime();
            staging.startFresh(keep);
            LOG.info("stage: {} of {} staged records are to be staged again or retired: staging into a fresh dataset"
                    + " with the {} graphs kept ({} s)", replaced, replaced + kept, keep.size(),
                    String.format(Locale.ROOT, "%.1f", (System.nanoTime() - t0) / 1e9));
        }
    }
}
