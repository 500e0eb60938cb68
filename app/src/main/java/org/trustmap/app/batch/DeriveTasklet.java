package org.trustmap.app.batch;

import java.nio.file.Path;

import org.springframework.batch.core.step.StepContribution;
import org.trustmap.app.Workspace;
import org.trustmap.graph.ExposureDeriver;
import org.trustmap.graph.ExposureDeriver.DeriveResult;
import org.trustmap.graph.Neo4jConnection;
import org.trustmap.graph.Profile;

/** Step 5: one verdict per product under the run's profile, materialized as ExposureFinding nodes. */
final class DeriveTasklet extends RefreshTasklet {
    DeriveTasklet(Workspace workspace) {
        super(workspace);
    }

    @Override
    void run(RefreshRequest request, String runId, Path runDir, StepContribution contribution) throws Exception {
        Profile profile = workspace.profile(request.profile());
        Neo4jConnection neo4j = workspace.neo4j();
        DeriveResult result = new ExposureDeriver(neo4j.driver(), neo4j.database()).derive(profile, runId);
        RunFiles.write(runDir.resolve("derive.json"), result);
        contribution.incrementWriteCount(result.written());
        LOG.info("derive: profile {} ({}): {}", profile.name(), profile.hash().substring(0, 12), result.verdicts());
    }
}
