package org.trustmap.app.batch;

import java.nio.file.Path;

import org.springframework.batch.core.step.StepContribution;
import org.trustmap.app.Workspace;
import org.trustmap.graph.Judgements;
import org.trustmap.graph.ResolutionSettings;
import org.trustmap.graph.ResolvedGraph.Section;
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
        StageTasklet.restageLostCopies(workspace.staging(),
                RunFiles.read(runDir.resolve("captures.json"), CaptureList.class));
        long t0 = System.nanoTime();
        Path file = runDir.resolve("resolved.json");
        // written as it is resolved: the resolved graph is never held besides the staged records
        try (ResolvedJsonWriter out = new ResolvedJsonWriter(file)) {
            new Resolver(judgements, settings).resolve(workspace.staging(), out);
            long organizations = out.count(Section.ORGANIZATIONS);
            long products = out.count(Section.PRODUCTS);
            contribution.incrementWriteCount(organizations + products);
            LOG.info("resolve: {} organizations ({} merges), {} products, {} facts; resolved.json ({} MB) written in {}"
                            + " s with the resolution", organizations, out.count(Section.MERGES), products,
                    out.count(Section.EDGES) + out.count(Section.BASED_IN), java.nio.file.Files.size(file) >> 20,
                    String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - t0) / 1e9));
        }
    }
}
