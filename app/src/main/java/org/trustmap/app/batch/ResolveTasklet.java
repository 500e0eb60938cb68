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
        long t0 = System.nanoTime();
        Path file = runDir.resolve("resolved.json");
        RunFiles.writeCompact(file, graph);
        contribution.incrementWriteCount(graph.organizations().size() + graph.products().size());
        LOG.info("resolve: {} organizations ({} merges), {} products, {} facts; resolved.json ({} MB) written in {} s",
                graph.organizations().size(), graph.merges().size(), graph.products().size(),
                graph.edges().size() + graph.basedIn().size(), java.nio.file.Files.size(file) >> 20,
                String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - t0) / 1e9));
    }
}
