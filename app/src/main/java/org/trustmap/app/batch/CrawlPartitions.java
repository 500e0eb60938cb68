package org.trustmap.app.batch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.partition.StepExecutionAggregator;
import org.springframework.batch.core.partition.support.DefaultStepExecutionAggregator;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.trustmap.app.Workspace;
import org.trustmap.app.crawl.GleifCrawl;
import org.trustmap.crawler.Capture;

/**
 * The crawl step's partitions: independent parts of the crawl that run in parallel, each its own restartable step
 * execution ({@code crawl-source:<partition>}) that writes its list to {@code crawl/<partition>.json}. A restart
 * re-runs only the partitions that did not complete. The partitions are the same for every run (a partition with
 * nothing to do lists nothing), so the joined list has one order whatever finished first: local inputs, the replayed
 * archive, then each fetched source.
 */
final class CrawlPartitions implements Partitioner, StepExecutionAggregator {
    static final String KEY = "partition";
    static final String LOCAL = "local";
    static final String REPLAY = "replay";
    static final String INVENTORY_LOOKUPS = "inventory-lookups";
    /** In the order their captures are joined. */
    static final List<String> ALL = List.of(LOCAL, REPLAY, GleifCrawl.SOURCE, INVENTORY_LOOKUPS);

    private final Workspace workspace;
    private final DefaultStepExecutionAggregator counts = new DefaultStepExecutionAggregator();

    CrawlPartitions(Workspace workspace) {
        this.workspace = workspace;
    }

    static Path file(Path runDir, String partition) throws IOException {
        return Files.createDirectories(runDir.resolve("crawl")).resolve(partition + ".json");
    }

    @Override
    public Map<String, ExecutionContext> partition(int gridSize) {
        Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
        for (String name : ALL) {
            ExecutionContext context = new ExecutionContext();
            context.putString(KEY, name);
            partitions.put(name, context);
        }
        return partitions;
    }

    /** Adds up the partitions' counts, then joins their lists into {@code captures.json} for the stage step. */
    @Override
    public void aggregate(StepExecution result, Collection<StepExecution> executions) {
        counts.aggregate(result, executions);
        if (result.getStatus().isUnsuccessful()) {
            return; // a partition failed: the step fails with its error, and a restart re-runs that partition
        }
        String runId = RefreshTasklet.runId(result.getJobExecution());
        try {
            Path runDir = workspace.runDir(runId);
            String archive = null;
            String replay = null;
            List<Capture> captures = new ArrayList<>();
            List<String> refusals = new ArrayList<>();
            Set<String> replayed = new LinkedHashSet<>();
            for (String name : ALL) {
                Path part = file(runDir, name);
                if (!Files.exists(part)) {
                    // a partition that did not complete fails the step before this; a missing file is a lost one
                    throw new IllegalStateException("crawl partition '" + name + "' left no " + part);
                }
                CaptureList list = RunFiles.read(part, CaptureList.class);
                archive = list.archive();
                replay = list.replay() != null ? list.replay() : replay;
                captures.addAll(list.captures());
                refusals.addAll(list.refusals());
                replayed.addAll(list.replayed());
            }
            RunFiles.write(runDir.resolve("captures.json"),
                    new CaptureList(archive, captures, refusals, replay, replayed));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
