package org.trustmap.app.batch;

import java.nio.file.Path;

import org.springframework.batch.core.step.StepContribution;
import org.trustmap.app.Workspace;
import org.trustmap.graph.Judgements;
import org.trustmap.graph.ResolutionSettings;
import org.trustmap.graph.ResolvedGraph;
import org.trustmap.graph.Resolver;

/** Step 3: clusters staged records into canonical organizations and products; writes {@code resolved.json}. */
final class ResolveTasklet extends RefreshTasklet {
    ResolveTasklet(Workspace workspace) {
        super(workspace);
    }

    @Override
    void run(RefreshRequest request, String runId, Path runDir, StepContribution contribution) throws Exception {
        Judgements judgements = Judgements.load(workspace.data().resolve("judgements.csv"));
        ResolutionSettings settings = ResolutionSettings.load(workspace.data().resolve("resolution.yml"));
        ResolvedGraph graph = new Resolver(judgements, settings).resolve(workspace.staging());
        RunFiles.write(runDir.resolve("resolved.json"), graph);
        contribution.incrementWriteCount(graph.organizations().size() + graph.products().size());
        LOG.info("resolve: {} organizations ({} merges), {} products, {} facts", graph.organizations().size(),
                graph.merges().size(), graph.products().size(), graph.edges().size() + graph.basedIn().size());
    }
}
