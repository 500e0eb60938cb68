package org.trustmap.app.batch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;
import org.springframework.batch.core.step.StepContribution;
import org.trustmap.app.Workspace;
import org.trustmap.graph.ExposureDeriver.DeriveResult;
import org.trustmap.graph.GraphLoader.LoadResult;
import org.trustmap.graph.Neo4jConnection;
import org.trustmap.graph.Profile;

/**
 * Step 6: the run summary ({@code runs/<run>/summary.json}), the verdicts of this run kept for later comparison
 * ({@code verdicts.json}: per product its id, name, verdict, routes, jurisdictions, gaps and flags; read back by
 * {@link RunHistory} for {@code trustmap diff}), and a {@code (:Run)} node in the graph.
 */
final class ReportTasklet extends RefreshTasklet {
    ReportTasklet(Workspace workspace) {
        super(workspace);
    }

    /** The run summary. */
    record RunSummary(String runId, String profile, String profileHash, int captures, List<String> refusals,
                      long recordsStaged, int rejectedRecords, int organizations, int products, int facts,
                      long retired, Map<String, Integer> verdicts, String finishedAt) {
    }

    @Override
    void run(RefreshRequest request, String runId, Path runDir, StepContribution contribution) throws Exception {
        CaptureList captures = RunFiles.read(runDir.resolve("captures.json"), CaptureList.class);
        StageTasklet.StageReport stage = RunFiles.read(runDir.resolve("stage.json"), StageTasklet.StageReport.class);
        LoadResult load = RunFiles.read(runDir.resolve("load.json"), LoadResult.class);
        DeriveResult derive = RunFiles.read(runDir.resolve("derive.json"), DeriveResult.class);
        Profile profile = workspace.profile(request.profile());
        Neo4jConnection neo4j = workspace.neo4j();
        List<Map<String, Object>> verdicts = new ArrayList<>();
        try (Session s = neo4j.driver().session(SessionConfig.forDatabase(neo4j.database()))) {
            s.executeRead(tx -> {
                tx.run("""
                        MATCH (f:ExposureFinding {profile: $profile})
                        OPTIONAL MATCH (f)-[:FOR]->(p:Product)
                        RETURN f.productId AS product, p.name AS name, f.verdict AS verdict, f.routes AS routes,
                               f.jurisdictions AS jurisdictions, f.gaps AS gaps, f.flags AS flags ORDER BY product""",
                        Map.of("profile", profile.name())).forEachRemaining(r -> verdicts.add(new TreeMap<>(r.asMap())));
                return null;
            });
        }
        Files.createDirectories(runDir);
        RunFiles.write(runDir.resolve("verdicts.json"), verdicts);
        String finished = Instant.now().toString();
        RunSummary summary = new RunSummary(runId, profile.name(), profile.hash(), captures.captures().size(),
                captures.refusals(), stage.records(), stage.problems().size(), load.organizations(), load.products(),
                load.facts(), load.retired(), new TreeMap<>(derive.verdicts()), finished);
        RunFiles.write(runDir.resolve("summary.json"), summary);
        try (Session s = neo4j.driver().session(SessionConfig.forDatabase(neo4j.database()))) {
            s.executeWrite(tx -> tx.run("""
                    MERGE (r:Run {id: $id})
                    SET r.profile = $profile, r.profileHash = $hash, r.finishedAt = $finished, r.status = 'COMPLETED',
                        r.captures = $captures, r.rejected = $rejected, r.stamp = $stamp""",
                    Map.of("id", runId, "profile", profile.name(), "hash", profile.hash(), "finished", finished,
                            "captures", captures.captures().size(), "rejected", stage.problems().size(),
                            "stamp", load.stamp())).consume());
        }
        LOG.info("report: {} -> {}", runId, runDir.resolve("summary.json"));
        removeOlderResolved(runDir);
    }

    /**
     * Once a run has completed, the {@code resolved.json} of earlier runs goes: it is the resolve step's hand-over to
     * the load step of its own run (and what {@code explain-entity} reads from the latest run), 636 MB at 200k
     * entities, and it was kept in every run folder. Their summaries and verdicts stay ({@code trustmap diff}).
     */
    static void removeOlderResolved(Path runDir) throws java.io.IOException {
        String name = runDir.getFileName().toString();
        try (var runs = Files.list(runDir.getParent())) {
            for (Path other : runs.filter(Files::isDirectory).toList()) {
                if (other.getFileName().toString().compareTo(name) < 0) {
                    Path resolved = other.resolve("resolved.json");
                    if (Files.deleteIfExists(resolved)) {
                        LOG.info("report: {} removed (a later run completed)", resolved);
                    }
                    Files.deleteIfExists(other.resolve("resolved.json.tmp"));
                }
            }
        }
    }
}
